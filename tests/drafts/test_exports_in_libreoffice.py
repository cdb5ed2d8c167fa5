"""The DOCX export as a word processor lays it out (tests/libreoffice.py).

Three real documents (tests/drafts/corpus/README.md): the Arabic report (numbered paragraphs
and abjad sub-paragraphs), the Universal Declaration in Chinese and in English (articles and
their numbered paragraphs). In Arabic every number stands on the right, where the line starts;
in Chinese and English on the left. Word's heading styles make the articles and headings the
PDF's outline (the navigation pane of Word and of PDF readers).
"""

import re
from pathlib import Path

import pytest

from drafts import services
from drafts.citations import printed_label
from drafts.exports import version_docx
from drafts.importer import import_bytes
from drafts.importer.labels import letter_ordinal
from tests.libreoffice import laid_out

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
DOCUMENTS = {
    "ar": SHARED / "ie-report-2013.ar.txt",
    "zh-hans": CORPUS / "udhr.zh-hans.txt",
    "en": CORPUS / "udhr.en.txt",
}
_ARABIC = re.compile("[\u0600-\u06ff]")
# A paragraph number ("7." or, as pdftotext writes it in Arabic lines, ".7") or a sub-paragraph
# mark ("(b)", "(ب)") at the start or at the end of a line.
_NUMBER = r"(\d+\.|\.\d+|\([a-z\u0600-\u06ff]{1,2}\))"
_LEFT_NUMBER = re.compile(rf"^\s*{_NUMBER}\s+\S")
_RIGHT_NUMBER = re.compile(rf"\S\s{{2,}}{_NUMBER}\s*$")


def in_libreoffice(drafter, folder, language):
    """The document imported, exported in its language, and laid out by LibreOffice:
    (document, the PDF's lines, the PDF's outline)."""
    path = DOCUMENTS[language]
    document = import_bytes(path.read_bytes(), path.name, language)
    instrument = services.instrument_create(by=drafter, slug=f"libreoffice-{language}", title=path.stem)
    version = services.version_import(
        instrument=instrument, by=drafter, document=document, language=language, label="Imported"
    )
    laid = laid_out(version_docx(version, language), folder)
    return document, laid.lines, laid.outline


def numbers_by_side(lines):
    """The paragraph numbers ("7." or, as pdftotext writes them in Arabic lines, ".7") and the
    sub-paragraph marks ("(b)", "(ب)") that stand at the left and at the right of a line."""
    left = [found[1] for line in lines if (found := _LEFT_NUMBER.match(line))]
    right = [found[1] for line in lines if (found := _RIGHT_NUMBER.search(line))]
    return left, right


def digits(mark):
    return int(mark.strip("."))


def test_arabic_paragraph_numbers_and_abjad_letters_stand_on_the_right(drafter, tmp_path):
    document, lines, outline = in_libreoffice(drafter, tmp_path, "ar")
    left, right = numbers_by_side(lines)
    assert left == []
    paragraphs = [mark for mark in right if mark[0] != "("]
    assert [digits(mark) for mark in paragraphs] == [int(p.label) for p in document.provisions if p.kind == "paragraph"]
    letters = [letter_ordinal(mark[1:-1]) for mark in right if mark[0] == "("]
    assert letters[:6] == [1, 2, 3, 4, 5, 6]  # (أ) (ب) (ج) (د) (ه) (و), in the abjad order
    assert len(letters) == sum(p.kind == "subparagraph" for p in document.provisions)
    # The text runs to the left of its number: the number is the last thing on its line.
    first = next(line for line in lines if _RIGHT_NUMBER.search(line))
    assert _ARABIC.search(first.split()[0])
    assert outline == [p.text for p in document.provisions if p.kind == "heading"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_articles_are_centred_headings_and_paragraph_numbers_stand_on_the_left(drafter, tmp_path, language):
    document, lines, outline = in_libreoffice(drafter, tmp_path, language)
    left, right = numbers_by_side(lines)
    assert right == []
    paragraphs = [int(p.label) for p in document.provisions if p.kind == "paragraph"]
    assert [digits(mark) for mark in left] == paragraphs
    articles = [printed_label("article", p.label, language) for p in document.provisions if p.kind == "article"]
    assert len(articles) == 30
    width = max(len(line) for line in lines)
    for article in articles:  # a line of its own, centred
        # pdftotext spaces out "第 10 条"
        line = next(line for line in lines if "".join(line.split()) == "".join(article.split()))
        assert len(line) - len(line.lstrip()) > width // 4
    assert [item for item in outline if item in articles] == articles  # the navigation
    headings = [p.text for p in document.provisions if p.kind == "heading"]
    assert [item for item in outline if item not in articles] == headings
