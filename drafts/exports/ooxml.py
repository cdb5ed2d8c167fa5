"""Small pieces of WordprocessingML that python-docx does not write, shared by the text export
and the comment compilation: a paragraph's direction and its properties in the schema's order,
and Word's heading styles in the documents' own font and colour."""

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms): a run is
# marked right to left only when it holds one, else Word lays out Latin and digits
# ("A/HRC/35/35") as right-to-left script.
RIGHT_TO_LEFT_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

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
