"""A version as a Word document in UN layout, in one language.

Headings are in Word's "Heading 1" style and articles' numbers ("Article 1", "第1条") in
"Heading 2" (the article's words follow, centred), so that Word's navigation pane and a PDF's
outline list them. Numbered paragraphs and sub-paragraphs are numbered by Word's own list
numbering (numbering.py), which puts the number on the start side, the right, in right-to-left
paragraphs; a label no list can print ("7bis.") is typed before the text. Preambular
paragraphs are printed without a number. The portal's importer reads the file back to the same
provisions. The symbol, date and stage go in the page header, which the importer does not
read. Word has footnotes, but python-docx cannot write them: a provision's notes follow it as
small numbered paragraphs, numbered through the document, which is also how the importer
recognizes them.
"""

from io import BytesIO

import docx
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..citations import printed_label
from .numbering import TextLists, list_level
from .ooxml import RIGHT_TO_LEFT_LETTER, plain_headings, right_to_left
from .tree import (
    document_title,
    is_right_to_left,
    language_name,
    missing_note,
    printed_date,
    version_label,
    version_tree,
    walk,
)

# Word's language tags; the east-Asian and complex-script slots are set for every document so
# that Chinese and Arabic passages are spell-checked and shaped correctly whatever the language.
WORD_LANGUAGE = {"ar": "ar-SA", "zh-hans": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
FONT = "Times New Roman"
EAST_ASIAN_FONT = "SimSun"
# Languages whose preambular paragraphs begin with an italic participle ("Reaffirming").
ITALIC_FIRST_WORD = {"en", "fr", "ru", "es"}

BODY_INDENT = Cm(1)
LEVEL_INDENT = Cm(1)
HANGING = Cm(1)
NOTE_SIZE = 9
HEADING_STYLES = {"heading": "Heading 1", "article": "Heading 2"}


def version_docx(version, language) -> bytes:
    with translation.override(language):
        writer = _Writer(language)
        writer.header(version)
        writer.title(version)
        for node, parent, depth in walk(version_tree(version, language)):
            writer.provision(node, parent, depth)
        return writer.save(version)


class _Writer:
    def __init__(self, language):
        self.language = language
        self.rtl = is_right_to_left(language)
        self.notes = 0
        self.document = docx.Document()
        self.lists = TextLists(self.document, language)
        self._page_setup()
        self._heading_styles()

    # --- Document ----------------------------------------------------------------------------
    def _page_setup(self):
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as UN documents
        section.left_margin = section.right_margin = Cm(2.5)
        if self.rtl:
            # Section direction: page columns and the gutter run right to left.
            section._sectPr.insert_element_before(
                OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings"
            )
        defaults = self.document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = defaults.find(qn("w:rFonts"))
        fonts.attrib.clear()
        for slot in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(slot), FONT)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        defaults.find(qn("w:sz")).set(qn("w:val"), "24")
        defaults.find(qn("w:szCs")).set(qn("w:val"), "24")
        lang = defaults.find(qn("w:lang"))
        lang.set(qn("w:val"), WORD_LANGUAGE[self.language])
        lang.set(qn("w:eastAsia"), WORD_LANGUAGE["zh-hans"])
        lang.set(qn("w:bidi"), WORD_LANGUAGE["ar"])

    def _heading_styles(self):
        """Word's heading styles in the text's layout: bold, centred, in the body's font and
        colour, kept with what follows (the template's keepNext)."""
        plain_headings(self.document, HEADING_STYLES.values(), body_size=True)
        for name in HEADING_STYLES.values():
            style = self.document.styles[name]
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.space_after = Pt(6)

    def header(self, version):
        """Symbol, date, stage and original language, in the page header like a UN document."""
        header = self.document.sections[0].header
        lines = [
            version.symbol,
            printed_date(version.date, self.language) if version.date else "",
            version_label(version, self.language),
            _("Original: %(language)s") % {"language": language_name(version.original_language)},
        ]
        for index, line in enumerate(line for line in lines if line):
            paragraph = header.paragraphs[0] if index == 0 else header.add_paragraph()
            self._direction(paragraph)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # the end of the line, whatever the direction
            self._run(paragraph, line, size=10)

    def title(self, version):
        text, missing = document_title(version, self.language)
        if text or missing:
            paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
            self._run(paragraph, missing_note(self.language) if missing else text, bold=not missing, italic=missing)

    def save(self, version) -> bytes:
        properties = self.document.core_properties
        properties.title = document_title(version, self.language)[0]
        properties.subject = version.symbol
        properties.language = WORD_LANGUAGE[self.language]
        properties.author = properties.last_modified_by = ""
        properties.created = properties.modified = timezone.now()  # not the template's date
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # --- Provisions --------------------------------------------------------------------------
    def provision(self, node, parent, depth):
        parent_kind = parent.kind if parent else None
        if node.kind == "heading":
            self._text(self._paragraph(WD_ALIGN_PARAGRAPH.CENTER, style=HEADING_STYLES["heading"]), node, bold=True)
        elif node.kind == "article":
            heading = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER, style=HEADING_STYLES["article"])
            self._run(heading, printed_label(node.kind, node.label, self.language), bold=True)
            if node.text or node.missing:
                paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
                paragraph.paragraph_format.keep_with_next = True
                self._text(paragraph, node, bold=True)
        elif node.kind == "preamble":
            paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.JUSTIFY)
            paragraph.paragraph_format.left_indent = BODY_INDENT + depth * LEVEL_INDENT
            paragraph.paragraph_format.first_line_indent = HANGING
            self._text(paragraph, node, italic_first_word=self.language in ITALIC_FIRST_WORD)
        else:
            paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.JUSTIFY)
            self._hanging(paragraph, depth)
            self._number(paragraph, node, parent_kind)
            self._text(paragraph, node)
        self._footnotes(node, depth)

    def _number(self, paragraph, node, parent_kind):
        """Word's list number, or the label typed when no list can print it ("7bis.")."""
        place = list_level(node.kind, node.label, parent_kind)
        if place:
            self.lists.number(paragraph, *place)
        else:
            self._run(paragraph, f"{printed_label(node.kind, node.label, self.language, parent_kind)}\t")

    def _hanging(self, paragraph, depth):
        """Indented by its depth, the number (or the note's mark) hanging on the start side."""
        paragraph.paragraph_format.left_indent = BODY_INDENT + depth * LEVEL_INDENT + HANGING
        paragraph.paragraph_format.first_line_indent = -HANGING

    def _text(self, paragraph, node, bold=False, italic_first_word=False):
        if node.missing:
            self._run(paragraph, missing_note(self.language), italic=True)
            return
        text = node.text
        first, space, rest = text.partition(" ")
        if italic_first_word and space:
            self._run(paragraph, first, bold=bold, italic=True)
            text = space + rest
        self._run(paragraph, text, bold=bold)

    def _footnotes(self, node, depth):
        for note in node.footnotes:
            self.notes += 1
            paragraph = self._paragraph(space_after=3)
            self._hanging(paragraph, depth)
            self._run(paragraph, str(self.notes), size=NOTE_SIZE, superscript=True)
            self._run(paragraph, f"\t{note}", size=NOTE_SIZE)

    # --- Paragraphs and runs -------------------------------------------------------------------
    def _paragraph(self, alignment=None, space_after=6, style=None):
        paragraph = self.document.add_paragraph(style=style)
        self._direction(paragraph)
        paragraph.alignment = alignment
        if style is None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def _direction(self, paragraph):
        if self.rtl:
            right_to_left(paragraph)

    def _run(self, paragraph, text, bold=False, italic=False, size=None, superscript=False):
        run = paragraph.add_run(text)
        font = run.font
        # Word formats Arabic and other complex scripts with the *Cs properties.
        font.bold = font.cs_bold = bold or None
        font.italic = font.cs_italic = italic or None
        font.superscript = superscript or None
        # Only runs with Hebrew or Arabic letters: Word would otherwise shape the digits and
        # Latin of a symbol ("A/HRC/35/35") as right-to-left script.
        font.rtl = bool(self.rtl and RIGHT_TO_LEFT_LETTER.search(text)) or None
        if size:
            font.size = Pt(size)
            size_cs = OxmlElement("w:szCs")
            size_cs.set(qn("w:val"), str(size * 2))
            run._r.rPr.find(qn("w:sz")).addnext(size_cs)
        return run
