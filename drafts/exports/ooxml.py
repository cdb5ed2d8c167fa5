"""Small pieces of WordprocessingML that python-docx does not write, shared by the text export
and the comment compilation: a paragraph's direction and its properties in the schema's order,
and Word's heading styles in the documents' own font and colour."""

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms): a run is
# marked right to left only when it holds one, else Word lays out Latin and digits
# ("A/HRC/35/35") as right-to-left script.
RIGHT_TO_LEFT_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Marks that hold a piece of the other direction together (Unicode's "left-to-right mark" and
# "right-to-left mark"): "(A/HRC/WG/1)" in an Arabic paragraph keeps its brackets at its ends.
_MARK = {False: "\u200e", True: "\u200f"}
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
# A letter that is not right to left (a superset of str.isalpha() less RIGHT_TO_LEFT_LETTER).
_LEFT_TO_RIGHT_LETTER = re.compile(rf"(?!{RIGHT_TO_LEFT_LETTER.pattern})[^\W\d_]")

# The children of <w:pPr> from <w:numPr> on, in the schema's order.
_PPR_ORDER = (
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def add_paragraph_property(paragraph, element):
    """Add `element` (w:bidi, w:numPr …) to the paragraph's properties where the schema wants it."""
    after = _PPR_ORDER[_PPR_ORDER.index(element.tag.replace(_W, "w:")) + 1 :]
    paragraph._p.get_or_add_pPr().insert_element_before(element, *after)


def right_to_left(paragraph):
    """The paragraph runs right to left: it starts at the right margin, its indents and its list
    number are on the right (Word and LibreOffice read w:ind and w:jc as start and end in it)."""
    add_paragraph_property(paragraph, OxmlElement("w:bidi"))


def plain_headings(document, names, body_size=False):
    """Word's heading styles (`names`: "Title", "Heading 1" …), kept for the navigation pane,
    in the body's font and black (python-docx's template makes them blue, in its theme's font),
    and in the body's size with `body_size`; bold stays."""
    removed = ("w:rFonts", "w:color") + (("w:sz", "w:szCs") if body_size else ())
    for name in names:
        style = document.styles[name]
        properties = style.element.get_or_add_rPr()
        for tag in removed:
            for element in properties.findall(qn(tag)):
                properties.remove(element)
        style.font.color.rgb = RGBColor(0, 0, 0)


def _direction(character):
    """True for a right-to-left letter, False for another letter, None for the rest (digits,
    spaces, punctuation), which follow the letters around them."""
    if RIGHT_TO_LEFT_LETTER.match(character):
        return True
    return False if character.isalpha() else None


def by_direction(text, paragraph_rtl):
    """[(piece, rtl)]: `text` cut where its script changes direction. Digits and punctuation go
    with the letters before them ("A/HRC/WG/1"); between a word of each direction they go with
    the paragraph; a bracket closes with the piece that opened it. A piece running against the
    paragraph is held between direction marks, so that Word and LibreOffice do not scatter its
    neutral ends ("(A/HRC/WG/1)" printed ")A/HRC/WG/1(" in an Arabic paragraph)."""
    other_direction = _LEFT_TO_RIGHT_LETTER if paragraph_rtl else RIGHT_TO_LEFT_LETTER
    if not other_direction.search(text):  # most texts: one run, without a character-by-character walk
        return [(text, paragraph_rtl)] if text else []
    pieces = []  # [direction, start, end of its last letter or digit]
    for index, character in enumerate(text):
        direction = _direction(character)
        if direction is None:
            if character.isdigit() and pieces:
                pieces[-1][2] = index + 1
            continue
        if pieces and pieces[-1][0] == direction:
            pieces[-1][2] = index + 1
        else:
            pieces.append([direction, index, index + 1])
    if not pieces:
        return [(text, paragraph_rtl)] if text else []
    for piece in pieces:  # a closing bracket stays with its opening one
        opened = [_BRACKETS[c] for c in text[piece[1] : piece[2]] if c in _BRACKETS]
        closing = piece[2]
        while opened and closing < len(text) and text[closing] == opened[-1]:
            opened.pop()
            closing += 1
        piece[2] = closing
    result = []
    position = 0
    for direction, start, end in [*pieces, (paragraph_rtl, len(text), len(text))]:
        between = text[position:start]
        piece = text[start:end]
        if direction != paragraph_rtl:
            piece = f"{_MARK[direction]}{piece}{_MARK[direction]}"
        for words, rtl in ((between, paragraph_rtl), (piece, direction)):
            if words and result and result[-1][1] == rtl:
                result[-1] = (result[-1][0] + words, rtl)
            elif words:
                result.append((words, rtl))
        position = end
    return result


def is_right_to_left_paragraph(paragraph):
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:bidi")) is not None


def add_paragraph(document, style_id=None):
    """document.add_paragraph() in constant time: python-docx looks for the body's closing
    w:sectPr among all the paragraphs before it, which makes a long document quadratic; and
    the paragraph style by its id (`document.styles[name].style_id`), where python-docx looks
    a name up among all the styles at each paragraph."""
    paragraph = OxmlElement("w:p")
    last = document.element.body[-1]  # (len() of an lxml element counts its children)
    if last.tag == qn("w:sectPr"):
        last.addprevious(paragraph)
    else:
        last.addnext(paragraph)
    if style_id is not None:
        paragraph.style = style_id
    return Paragraph(paragraph, document._body)
