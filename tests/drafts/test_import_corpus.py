"""The importer on real UN documents (tests/drafts/corpus/README.md says where each comes
from), as plain text and as Word files built from the same text with automatic numbering and
real footnotes: the structure counted by hand from the published documents, every character
accounted for, and the DOCX export read back to the same provisions."""

import re
from collections import Counter
from pathlib import Path

import pytest

from drafts.importer import ParsedDocument, import_bytes, parse_document, read_source
from drafts.importer.front_matter import PRINTED_FIELDS

from .word_builder import ListLevel, WordFile

CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
UDHR_LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
FRENCH_RESOLUTION = SHARED / "hrc53-draft-resolution-international-cooperation.fr.txt"
ARABIC_REPORT = SHARED / "ie-report-2013.ar.txt"
DOCUMENTS = [*((CORPUS / f"udhr.{language}.txt", language) for language in UDHR_LANGUAGES)]
DOCUMENTS += [(FRENCH_RESOLUTION, "fr"), (ARABIC_REPORT, "ar")]


def udhr(language: str) -> ParsedDocument:
    return import_bytes((CORPUS / f"udhr.{language}.txt").read_bytes(), "udhr.txt", language)


def outline(document: ParsedDocument) -> list[tuple]:
    """What must survive any way in: kind, label, parent's label, text, footnotes."""
    labels = [p.label for p in document.provisions]
    return [
        (p.kind, p.label, labels[p.parent] if p.parent is not None else None, p.text, p.footnotes)
        for p in document.provisions
    ]


# --- The Universal Declaration of Human Rights, counted by hand ------------------------------
# In every language: the title, a "Preamble" heading, the preambular paragraphs (six in
# Arabic, where the second and third English ones are one paragraph), the formulas, 30
# articles and 32 numbered paragraphs, in these articles:
UDHR_PARAGRAPHS = {11: 2, 13: 2, 14: 2, 15: 2, 16: 3, 17: 2, 20: 2, 21: 3, 23: 4, 25: 2, 26: 3, 27: 2, 29: 3}
UDHR = {
    # language: (title, headings as printed (their first words), preambular paragraphs)
    "en": (
        "Universal Declaration of Human Rights",
        ["Preamble", "Now, therefore,", "The General Assembly", "Proclaims this Universal Declaration"],
        7,
    ),
    "fr": (
        "Déclaration universelle des droits de l’homme",
        ["Préambule", "L’Assemblée générale", "Proclame la présente Déclaration"],
        7,
    ),
    "es": (
        "Declaración Universal de Derechos Humanos",
        ["Preámbulo", "Ahora, por tanto,", "La Asamblea General,", "Proclama la presente Declaración"],
        7,
    ),
    "ru": (
        "Всеобщая декларация прав человека",
        ["ПРЕАМБУЛА", "Генеральная Ассамблея,", "провозглашает настоящую Всеобщую декларацию"],
        7,
    ),
    # The proclamation is printed in two paragraphs, "تنادي بهذا الإعلان …" then "على أنه …".
    "ar": ("الإعلان العالمي لحقوق الإنسان", ["الديباجة", "فإن الجمعية العامة", "تنادي بهذا الإعلان العالمي"], 6),
    # The enacting formula, the body and the proclamation are one paragraph: "因此现在,大会,发布……".
    "zh-hans": ("世界人权宣言", ["序言", "因此现在,大会,发布这一世界人权宣言"], 7),
}
# Samples, as printed: the first preambular paragraph, Article 1, and paragraph 3 of Article 29.
UDHR_SAMPLES = {
    "en": ("Whereas recognition of the inherent dignity", "All human beings are born free", "These rights"),
    "fr": ("Considérant que la reconnaissance de la dignité", "Tous les êtres humains naissent", "Ces droits"),
    "es": ("Considerando que la libertad, la justicia", "Todos los seres humanos nacen", "Estos derechos"),
    "ru": ("Принимая во внимание, что признание", "Все люди рождаются свободными", "Осуществление этих прав"),
    "ar": ("لمّا كان الاعتراف بالكرامة المتأصلة", "يولد جميع الناس أحرارًا متساوين", "يصح بحال من الأحوال"),
    "zh-hans": ("鉴于对人类家庭所有成员的固有尊严", "人人生而自由,在尊严和权利上一律平等", "这些权利和自由的行使"),
}
# The preambular paragraphs end with ",", "; и" (Russian), ";" and ", y" (Spanish) or "."
# (Arabic): each must stay one paragraph.
UDHR_PREAMBLE_ENDINGS = {"en": ",", "fr": ",", "es": ";", "ru": "; и", "ar": ".", "zh-hans": ","}


@pytest.mark.parametrize("language", UDHR_LANGUAGES)
def test_udhr_structure_as_counted_by_hand(language):
    document = udhr(language)
    title, headings, preamble = UDHR[language]
    assert document.title == title
    assert document.counts() == {
        "preamble": preamble,
        "article": 30,
        "paragraph": 32,
        "heading": len(headings),
    }
    found_headings = [p.text for p in document.provisions if p.kind == "heading"]
    assert [text[: len(start)] for text, start in zip(found_headings, headings, strict=True)] == headings
    articles = [p for p in document.provisions if p.kind == "article"]
    assert [p.label for p in articles] == [f"Article {n}" for n in range(1, 31)]
    paragraphs = Counter(document.provisions[p.parent].label for p in document.provisions if p.kind == "paragraph")
    assert paragraphs == {f"Article {n}": count for n, count in UDHR_PARAGRAPHS.items()}
    assert document.warnings == []


@pytest.mark.parametrize("language", UDHR_LANGUAGES)
def test_udhr_samples_and_preamble_endings(language):
    document = udhr(language)
    first_recital, article_1, article_29_3 = UDHR_SAMPLES[language]
    preamble = [p for p in document.provisions if p.kind == "preamble"]
    assert preamble[0].text.startswith(first_recital)
    assert preamble[0].label == "PP1" and preamble[-1].label == f"PP{len(preamble)}"
    assert any(p.text.endswith(UDHR_PREAMBLE_ENDINGS[language]) for p in preamble[:-1])
    article = {p.label: index for index, p in enumerate(document.provisions) if p.kind == "article"}
    assert document.provisions[article["Article 1"]].text.startswith(article_1)
    last = [p for p in document.provisions if p.parent == article["Article 29"]]
    assert [p.label for p in last] == ["1", "2", "3"]
    assert last[2].text.startswith(article_29_3)
    assert last[2].number == "3."


def test_udhr_arabic_proclamation_is_one_heading_of_two_printed_paragraphs():
    proclamation = [p for p in udhr("ar").provisions if p.kind == "heading"][-1]
    assert proclamation.text.startswith("تنادي بهذا الإعلان العالمي لحقوق الإنسان على أنه المستوى المشترك")


def test_udhr_article_2_keeps_both_unnumbered_paragraphs():
    article_2 = next(p for p in udhr("en").provisions if p.label == "Article 2")
    assert article_2.text.startswith("Everyone is entitled to all the rights")
    assert "Furthermore, no distinction shall be made" in article_2.text


# --- The same texts as Word files, numbered by Word ------------------------------------------
# Articles numbered by Word where the language allows it ("Article premier" cannot be a list
# number), and the paragraphs of each article as a list that restarts at 1 (a w:num with a
# start override per article), in the digits each language prints.
ARTICLE_LEVELS = {
    "en": ListLevel("decimal", "Article %1"),
    "es": ListLevel("decimal", "Artículo %1"),
    "ru": ListLevel("decimal", "Статья %1"),
    "ar": ListLevel("decimal", "المادة %1"),
    "zh-hans": ListLevel("chineseCounting", "第%1条"),
}
PARAGRAPH_LEVELS = {"ar": ListLevel("hindiNumbers", "%1-"), "zh-hans": ListLevel("decimalFullWidth", "%1.")}
_TYPED_ARTICLE = re.compile(r"(?:Article|Artículo|Статья|المادة) \d+|第\S+条")
_TYPED_PARAGRAPH = re.compile(r"(\d+)\. (.+)")


def udhr_docx(language: str) -> bytes:
    word = WordFile()
    article_level = ARTICLE_LEVELS.get(language)
    articles = word.instance(word.abstract(article_level)) if article_level else None
    paragraphs = word.abstract(PARAGRAPH_LEVELS.get(language, ListLevel("decimal", "%1.")))
    current = None
    for block in (CORPUS / f"udhr.{language}.txt").read_text(encoding="utf-8").strip().split("\n\n"):
        numbered = _TYPED_PARAGRAPH.fullmatch(block)
        if articles and _TYPED_ARTICLE.fullmatch(block):
            word.paragraph("", articles)
        elif numbered:
            if numbered[1] == "1":
                current = word.instance(paragraphs, restart_at={0: 1})
            word.paragraph(numbered[2], current)
        else:
            word.paragraph(block)
    return word.save()


@pytest.mark.parametrize("language", UDHR_LANGUAGES)
def test_udhr_word_with_automatic_numbering_reads_like_the_text(language):
    from_word = import_bytes(udhr_docx(language), "udhr.docx", language)
    from_text = udhr(language)
    assert outline(from_word) == outline(from_text)
    assert from_word.title == from_text.title
    assert from_word.warnings == []


def test_udhr_word_numbers_are_kept_as_word_prints_them():
    arabic = import_bytes(udhr_docx("ar"), "udhr.docx", "ar")
    assert [p.number for p in arabic.provisions if p.kind == "article"][:2] == ["المادة 1", "المادة 2"]
    assert [p.number for p in arabic.provisions if p.kind == "paragraph"][:3] == ["١-", "٢-", "١-"]
    chinese = import_bytes(udhr_docx("zh-hans"), "udhr.docx", "zh-hans")
    assert [p.number for p in chinese.provisions if p.kind == "article"][-1] == "第三十条"
    assert [p.label for p in chinese.provisions if p.kind == "article"][-1] == "Article 30"


# --- The French draft resolution and the Arabic report as Word files --------------------------
def resolution_docx(document: ParsedDocument) -> bytes:
    """The parsed resolution written back as Word does it: operative paragraphs numbered by
    Word, each footnote a real footnote cited at the end of its provision."""
    word = WordFile()
    operative = word.instance(word.abstract(ListLevel("decimal", "%1.")))
    word.paragraph(f"{document.metadata['number']} {document.title}")
    for provision in document.provisions:
        num_id = operative if provision.kind == "operative" else None
        word.paragraph(provision.text, num_id, notes=tuple(provision.footnotes))
    return word.save()


def test_french_resolution_word_footnotes_are_attached_where_cited():
    from_text = import_bytes(FRENCH_RESOLUTION.read_bytes(), "fr.txt", "fr")
    from_word = import_bytes(resolution_docx(from_text), "fr.docx", "fr")
    assert [(p.kind, p.label, p.footnotes) for p in from_word.provisions] == [
        (p.kind, p.label, p.footnotes) for p in from_text.provisions
    ]
    # Word prints the footnote's number where it is cited; the mark stays in the text there.
    pp6 = next(p for p in from_word.provisions if p.label == "PP6")
    source = next(p for p in from_text.provisions if p.label == "PP6")
    assert pp6.text == source.text + "¹²"
    op20 = next(p for p in from_word.provisions if p.label == "20")
    assert op20.footnotes == ["A/HRC/52/80."] and op20.text.endswith("⁶")  # the sixth note cited
    assert from_word.title == from_text.title and from_word.warnings == []


def report_docx(document: ParsedDocument) -> bytes:
    """The Arabic report with its paragraphs ("1 -") and lettered sub-paragraphs ("(أ)")
    numbered by Word: two levels of one list, the second in the abjad order."""
    word = WordFile()
    numbered = word.instance(word.abstract(ListLevel("decimal", "%1 -"), ListLevel("arabicAbjad", "(%2)")))
    for provision in document.provisions:
        level = {"paragraph": 0, "subparagraph": 1}.get(provision.kind)
        word.paragraph(provision.text, numbered if level is not None else None, level or 0)
    return word.save()


def test_arabic_report_word_with_abjad_sub_paragraphs_reads_like_the_text():
    from_text = import_bytes(ARABIC_REPORT.read_bytes(), "ar.txt", "ar")
    from_word = import_bytes(report_docx(from_text), "ar.docx", "ar")
    assert outline(from_word) == outline(from_text)
    letters = [p.number for p in from_word.provisions if p.kind == "subparagraph"][:6]
    assert letters == ["(أ)", "(ب)", "(ج)", "(د)", "(ه)", "(و)"]


# --- No silent loss --------------------------------------------------------------------------
def characters_out(document: ParsedDocument) -> Counter:
    """Every character the importer gives back, white space aside."""
    pieces = [document.title or ""]
    for name in PRINTED_FIELDS:
        value = document.metadata.get(name, "")
        pieces += value if isinstance(value, list) else [value]
    for provision in document.provisions:
        pieces += [provision.number, provision.text, *provision.footnotes]
    pieces.append(document.adoption.get("text", ""))
    pieces += [aside.text for aside in document.set_aside]
    return Counter("".join("".join(pieces).split()))


def characters_in(lines: list[str]) -> Counter:
    """The input's characters, white space aside; for Word, the notes and the list numbers
    Word prints count as input too."""
    pieces = []
    for line in lines:
        pieces.append(line)
        pieces += getattr(line, "notes", ())
        number = getattr(line, "number", None)
        pieces.append(number.printed if number else "")
    return Counter("".join("".join(pieces).split()))


def test_every_character_is_accounted_for_in_every_corpus_document_as_text_and_as_word():
    checked = 0
    for path, language in DOCUMENTS:
        sources = [read_source(path.read_bytes(), path.name)]
        if path.name.startswith("udhr"):
            sources.append(read_source(udhr_docx(language), "udhr.docx"))
        for lines in sources:
            document = parse_document(lines, language)
            assert characters_out(document) == characters_in(lines), (path.name, language)
            checked += 1
    assert checked == 14


def test_set_aside_texts_are_quoted_from_their_lines():
    lines = read_source(FRENCH_RESOLUTION.read_bytes())
    document = parse_document(lines, "fr")
    assert [aside.text for aside in document.set_aside] == ["*", "**", "1", "2", "3", "4", "5"]
    for aside in document.set_aside:
        assert aside.text in lines[aside.line - 1]


# --- The DOCX export reads back to the same provisions ----------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(("path", "language"), DOCUMENTS, ids=[f"{p.stem}-{lang}" for p, lang in DOCUMENTS])
def test_docx_export_imports_back_to_the_same_provisions(drafter, path, language):
    from drafts import services
    from drafts.exports.docx import version_docx

    document = import_bytes(path.read_bytes(), path.name, language)
    instrument = services.instrument_create(by=drafter, slug="corpus", title="Corpus")
    version = services.version_import(
        instrument=instrument, by=drafter, document=document, language=language, label="Imported"
    )
    exported = import_bytes(version_docx(version, language), "export.docx", language)
    assert outline(exported) == outline(document)
    assert exported.title == document.title
