"""Word's own list numbering for the DOCX export (word/numbering.xml).

One multi-level list numbers the text as Word would: level 0 the numbered paragraphs ("%1."),
level 1 the lettered sub-paragraphs ("(%2)", in the abjad order in Arabic, Cyrillic in
Russian), level 2 the roman ones ("(%3)"). By Word's default each level restarts after a higher
one. In a right-to-left paragraph Word and LibreOffice put the number on the start side, the
right. Articles are not numbered by the list: their number is their heading's text ("Article 1",
"第1条"), which Word's navigation pane and a PDF's outline show (they leave out a heading whose
only text is a list number).

A number that is not the one due (the first paragraph of the next article, a text that begins
at 5) starts a new list at that number. Each list has its own definition: Word counts lists
that share one together, while LibreOffice counts each list apart; with one definition per
list both print the same numbers, and so does the portal's importer
(drafts/importer/numbering.py). A label that no list can
print ("7bis", "(aa)") has no place in it: the writer then types it.
"""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..citations import number
from ..importer.labels import letter_ordinal, roman_value
from .ooxml import add_paragraph_property

PARAGRAPH, LETTER, ROMAN = range(3)
# Word's letter format for each language's sub-paragraphs (the same letters as citations.LETTERS).
LETTER_FORMAT = {"ar": "arabicAbjad", "ru": "russianLower"}


def list_level(kind, label, parent_kind):
    """(level, value) of a provision in the list, or None when Word cannot print its number."""
    if kind in ("operative", "paragraph"):
        digits = number(kind, label)
        return (PARAGRAPH, int(digits)) if digits.isascii() and digits.isdigit() else None
    label = label.strip()
    if kind == "subparagraph" and label.startswith("(") and label.endswith(")"):
        token = label[1:-1]
        if parent_kind == "subparagraph":
            value = roman_value(token)
            return (ROMAN, value) if value else None
        value = letter_ordinal(token) if token.isascii() else None
        return (LETTER, value) if value else None
    return None


class TextLists:
    """The lists of one document; `number(paragraph, level, value)` numbers a paragraph."""

    def __init__(self, document, language):
        self.root = document.part.numbering_part.element
        self.levels = (("decimal", "%1."), (LETTER_FORMAT.get(language, "lowerLetter"), "(%2)"), ("lowerRoman", "(%3)"))
        self.num_id = None
        self.counts = [None] * len(self.levels)  # the last value printed at each level

    def number(self, paragraph, level, value):
        """Number `paragraph` at `level` (PARAGRAPH, LETTER, ROMAN) with `value` (3 for "(c)")."""
        due = (self.counts[level] or 0) + 1
        if self.num_id is None or value != due:
            self.num_id = self._new_list(level, value)
            self.counts = [None] * len(self.levels)
        self.counts[level] = value
        self.counts[level + 1 :] = [None] * (len(self.levels) - level - 1)
        numbering = OxmlElement("w:numPr")
        numbering.append(_valued("w:ilvl", level))
        numbering.append(_valued("w:numId", self.num_id))
        add_paragraph_property(paragraph, numbering)

    def _new_list(self, level, start):
        """A definition of the three levels and a list of it that starts `level` at `start`."""
        ids = [int(element.get(qn("w:abstractNumId"))) for element in self.root.findall(qn("w:abstractNum"))]
        abstract_id = max(ids, default=0) + 1
        definition = OxmlElement("w:abstractNum")
        definition.set(qn("w:abstractNumId"), str(abstract_id))
        definition.append(_valued("w:multiLevelType", "multilevel"))
        for index, (number_format, text) in enumerate(self.levels):
            definition.append(_level(index, number_format, text))
        existing = self.root.findall(qn("w:abstractNum"))
        if existing:
            existing[-1].addnext(definition)  # every abstractNum comes before the first num
        else:
            self.root.insert(0, definition)
        num_ids = [int(element.get(qn("w:numId"))) for element in self.root.findall(qn("w:num"))]
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(max(num_ids, default=0) + 1))
        num.append(_valued("w:abstractNumId", abstract_id))
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), str(level))
        override.append(_valued("w:startOverride", start))
        num.append(override)
        self.root.append(num)
        return num.get(qn("w:numId"))


def _level(index, number_format, text):
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), str(index))
    # The number, a tab to the paragraph's hanging indent, then the text.
    for name, value in (("w:start", 1), ("w:numFmt", number_format), ("w:suff", "tab"), ("w:lvlText", text)):
        level.append(_valued(name, value))
    level.append(_valued("w:lvlJc", "left"))  # the start side, mirrored in right-to-left paragraphs
    return level


def _valued(name, value):
    element = OxmlElement(name)
    element.set(qn("w:val"), str(value))
    return element
