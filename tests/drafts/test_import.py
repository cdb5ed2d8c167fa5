"""The importer (drafts.importer): the two real sample documents, made-up texts in the six
languages, Word files, and the files it must refuse. No database is needed.

Golden files hold the full parse of the samples (tests/golden.py says how to rewrite them).
"""

import json
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError

from drafts.importer import (
    MAX_IMPORT_BYTES,
    DocumentRejected,
    ParsedDocument,
    import_bytes,
    read_source,
)
from tests.golden import assert_matches_golden

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
FRENCH_SAMPLE = DATA / "hrc53-draft-resolution-international-cooperation.fr.txt"
ARABIC_SAMPLE = DATA / "ie-report-2013.ar.txt"


def assert_parse_matches_golden(document: ParsedDocument, name: str) -> None:
    text = json.dumps(document.as_json_dict(), ensure_ascii=False, indent=2) + "\n"
    assert_matches_golden(GOLDEN / name, text.encode())


def parse_text(text: str, language: str = "en") -> ParsedDocument:
    return import_bytes(text.encode(), "test.txt", language)


def outline(document: ParsedDocument) -> list[tuple]:
    return [(p.kind, p.label, p.parent) for p in document.provisions]


def labelled(document: ParsedDocument, kind: str) -> dict:
    return {p.label: p for p in document.provisions if p.kind == kind}


def warning_lines(document: ParsedDocument) -> list[int]:
    return [warning.line for warning in document.warnings]


def docx_bytes(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, texts in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
        document.add_paragraph("After the table.")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_document_xml(data: bytes, old: str, new: str) -> bytes:
    """The same Word file with `old` replaced by `new` in its word/document.xml."""
    buffer = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = content.decode().replace(old, new).encode()
            target.writestr(item, content)
    return buffer.getvalue()


# --- The French draft resolution (OCR) ------------------------------------------------------
@pytest.fixture(scope="module")
def french():
    return import_bytes(FRENCH_SAMPLE.read_bytes(), FRENCH_SAMPLE.name, "fr")


def test_french_title(french):
    assert french.title == ("Renforcement de la coopération internationale dans le domaine des droits de I’homme")


def test_french_body_line_is_the_first_heading(french):
    body = french.provisions[0]
    assert (body.kind, body.label) == ("heading", "H1")
    assert body.text == "Le Conseil des droits de | 'homme,"  # OCR debris kept as printed
    assert [p.kind for p in french.provisions].count("heading") == 1


def test_french_has_operative_paragraphs_1_to_37_in_order(french):
    operative = [p for p in french.provisions if p.kind == "operative"]
    assert [p.label for p in operative] == [str(n) for n in range(1, 38)]
    assert all(p.parent is None for p in operative)
    op = labelled(french, "operative")
    assert op["4"].text.startswith("Souligne que les Etats se sont engagés")
    assert op["7"].text.startswith("Exhorte tous les acteurs")  # no blank line before " 7."
    assert op["37"].text.endswith("programme de travail annuel.")


def test_french_4_comma_is_read_as_4_with_a_warning(french):
    [warning] = [w for w in french.warnings if w.line == 217]
    assert "4," in warning.message


def test_french_preambular_paragraphs_are_whole(french):
    preamble = [p for p in french.provisions if p.kind == "preamble"]
    assert [p.label for p in preamble] == [f"PP{n}" for n in range(1, 34)]
    assert all(p.text.endswith(",") for p in preamble)
    assert not any(p.text[0].islower() for p in preamble)
    pp = labelled(french, "preamble")
    assert pp["PP1"].text.startswith("Réaffirmant sa volonté de promouvoir")
    assert pp["PP2"].text.startswith("Rappelant la résolution 70/1")
    assert pp["PP9"].text.startswith("Prenant note avec satisfaction")
    assert pp["PP11"].text.startswith("Profondément préoccupé")
    assert pp["PP33"].text.startswith("Soulignant qu’il est nécessaire")


def test_french_paragraphs_broken_by_footnotes_are_rejoined(french):
    pp = labelled(french, "preamble")
    # Footnotes * and ** interrupt PP6; the page resumes with " Nations Unies, ...".
    assert "de I’Organisation des Nations Unies, énoncés dans la Charte," in pp["PP6"].text
    assert pp["PP6"].text.endswith("en encourageant le respect des droits de I’homme,")
    # Footnotes 1 and 2 interrupt PP14 after a comma; it resumes with " intitulée ...".
    assert pp["PP14"].text.endswith(
        "issue de la réunion, intitulée « Couverture sanitaire universelle : ceuvrer ensemble "
        "pour un monde en meilleure santé »?,"
    )
    assert "administré conjointement avec le fonds d’affectation spéciale" in pp["PP26"].text
    op29 = labelled(french, "operative")["29"].text
    assert "aux droits de I’hnomme d’entreprendre des activités" in op29


def test_french_footnotes_are_attached_to_the_provisions_citing_them(french):
    with_footnotes = {p.label: p.footnotes for p in french.provisions if p.footnotes}
    assert with_footnotes == {
        # "* Etat non membre" and "** Au nom ..." mark sponsors listed in the document's
        # header, which the sample lacks: kept where printed, with a warning.
        "PP6": [
            "Etat non membre du Conseil des droits de I’homme.",
            "Au nom des Etats Membres de I’Organisation des Nations Unies qui sont membres du "
            "Mouvement des pays non alignés.",
        ],
        "PP8": ["Voir E/CN.4/2001/2-E/CN.4/Sub.2/2000/46, chap. Il, sect. A."],  # "session?,"
        "PP10": ["Voir les résolutions 66/3 et 76/1 de I’ Assemblée générale."],  # "Durban?,"
        "PP14": ["Voir la résolution 74/2 de I’ Assemblée générale."],  # "santé »?,"
        "20": ["A/HRC/52/80."],  # "I’hnomme* ;"
        "32": ["A/HRC/53/46."],  # "en cours® ;"
    }


def test_french_warnings(french):
    assert warning_lines(french) == [36, 37, 217]


def test_french_golden(french):
    assert_parse_matches_golden(french, "hrc53-fr.json")


# --- The Arabic report of the Independent Expert --------------------------------------------
@pytest.fixture(scope="module")
def arabic():
    return import_bytes(ARABIC_SAMPLE.read_bytes(), ARABIC_SAMPLE.name, "ar")


def test_arabic_has_no_title(arabic):
    assert arabic.title is None


def test_arabic_has_paragraphs_1_to_58_without_gap(arabic):
    paragraphs = [p for p in arabic.provisions if p.kind == "paragraph"]
    assert [p.label for p in paragraphs] == [str(n) for n in range(1, 59)]
    assert all(p.parent is None for p in paragraphs)
    assert not {"operative", "preamble", "article"} & {p.kind for p in arabic.provisions}


def test_arabic_subparagraphs_belong_to_their_paragraph(arabic):
    by_parent: dict[str, list[str]] = {}
    for p in arabic.provisions:
        if p.kind == "subparagraph":
            by_parent.setdefault(arabic.provisions[p.parent].label, []).append(p.label)
    letters = ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)"]
    assert by_parent == {
        "4": letters[:6],
        "13": letters[:3],
        "18": letters,
        "26": letters,
        "27": letters[:5],
        "56": letters[:3],
    }
    first = next(p for p in arabic.provisions if p.kind == "subparagraph")
    assert first.text.startswith("مواصلة تحديد المجالات")  # "(أ)" is not kept in the text


def test_arabic_section_headings(arabic):
    headings = [p for p in arabic.provisions if p.kind == "heading"]
    assert [p.label for p in headings] == [f"H{n}" for n in range(1, 10)]
    assert [p.text.split()[0] for p in headings] == [
        "أولاً",
        "ثانياً",
        "ثالثاً",
        "ألف",
        "باء",
        "جيم",
        "رابعاً",
        "المشاورات",
        "خامساً",
    ]
    assert all(p.parent is None for p in headings)


def test_arabic_warns_only_about_the_unnumbered_heading(arabic):
    [warning] = arabic.warnings
    assert warning.line == 89
    assert "heading" in warning.message


def test_arabic_golden(arabic):
    assert_parse_matches_golden(arabic, "ie-report-2013-ar.json")


# --- Made-up texts: articles in the six languages --------------------------------------------
ARTICLE_OUTLINE = [
    ("article", "Article 1", None),
    ("paragraph", "1", 0),
    ("subparagraph", "(a)", 1),
    ("subparagraph", "(b)", 1),
    ("paragraph", "2", 0),
    ("article", "Article 2", None),
    ("paragraph", "1", 5),
]

# Made-up test texts, in the shape of a declaration's articles (not UN documents).
ARTICLE_TEXTS = {
    "en": (
        "Article 1 — Made-up title\n\n1. Test paragraph one:\n(a) item one;\n(b) item two.\n\n"
        "2. Test paragraph two.\n\nArticle 2\nSecond made-up title\n\n1. Test paragraph."
    ),
    "fr": (
        "Article premier — Titre inventé\n\n1. Paragraphe d’essai :\na) élément un ;\n"
        "b) élément deux.\n\n2. Deuxième paragraphe.\n\nArticle 2\nDeuxième titre\n\n1. Paragraphe."
    ),
    "es": (
        "Artículo 1. Título inventado\n\n1. Párrafo de prueba:\na) elemento uno;\n"
        "b) elemento dos.\n\n2. Segundo párrafo.\n\nArtículo 2\nSegundo título\n\n1. Párrafo."
    ),
    "ru": (
        "Статья 1. Выдуманный заголовок\n\n1. Тестовый пункт:\nа) элемент один;\n"
        "б) элемент два.\n\n2. Второй пункт.\n\nСтатья 2\nВторой заголовок\n\n1. Пункт."
    ),
    "ar": (
        "المادة 1 - عنوان تجريبي\n\n١ - فقرة تجريبية:\n(أ) البند الأول؛\n(ب) البند الثاني.\n\n"
        "٢ - فقرة ثانية.\n\nالمادة (2)\nعنوان ثان\n\n١ - فقرة."
    ),
    "zh-hans": (
        "第一条 测试标题\n\n1. 测试段落：\n（a）第一项；\n（b）第二项。\n\n2. 第二段。\n\n"
        "第二条\n第二个标题\n\n1. 段落。"
    ),
}


@pytest.mark.parametrize("language", ARTICLE_TEXTS)
def test_articles_in_each_language(language):
    document = parse_text(ARTICLE_TEXTS[language], language)
    assert outline(document) == ARTICLE_OUTLINE
    assert document.warnings == []
    assert document.provisions[0].text  # the title printed after "Article 1"
    assert document.provisions[5].text  # the title on the line after "Article 2"
    assert not document.provisions[2].text.startswith(("(", "a)", "а)"))


def test_article_titles_and_chinese_numerals():
    document = parse_text("第十二条 测试\n\n1. 段落。\n\n第十三条\n\n1. 段落。", "zh-hans")
    articles = [p.label for p in document.provisions if p.kind == "article"]
    assert articles == ["Article 12", "Article 13"]
    assert document.provisions[0].text == "测试"
    assert parse_text("Article 1 — Made-up title\n\n1. Text.").provisions[0].text == "Made-up title"


def test_a_sentence_starting_with_article_is_not_an_article():
    document = parse_text("1. Test paragraph.\n\nArticle 5 of the made-up charter says so.")
    assert "article" not in [p.kind for p in document.provisions]


# --- Made-up texts: numbering ------------------------------------------------------------------
def test_report_numbering_styles_and_arabic_indic_digits():
    text = "1 - فقرة أولى.\n2- فقرة ثانية.\n٣ - فقرة ثالثة.\n٤. فقرة رابعة.\n۵ - فقرة خامسة."
    document = parse_text(text, "ar")
    assert outline(document) == [("paragraph", str(n), None) for n in range(1, 6)]
    assert document.provisions[2].text == "فقرة ثالثة."
    assert document.warnings == []


def test_bis_paragraphs():
    paragraphs = ["The General Assembly,", *(f"{n}. Decides;" for n in range(1, 8))]
    paragraphs += ["7 bis. Requests;", "8. Decides;", "8bis. Requests."]
    document = parse_text("\n\n".join(paragraphs))
    operative = [p.label for p in document.provisions if p.kind == "operative"]
    assert operative == [*map(str, range(1, 8)), "7bis", "8", "8bis"]
    assert document.warnings == []


def test_numbering_gap_and_duplicate_warnings_carry_line_numbers():
    text = "\n".join(
        [
            "The Human Rights Council,",  # 1
            "",
            "Recalling a made-up text,",  # 3
            "",
            "1. Decides one;",  # 5
            "",
            "3. Decides three;",  # 7: gap
            "",
            "3. Decides three again;",  # 9: duplicate
            "",
            "4. Decides four.",  # 11
        ]
    )
    document = parse_text(text)
    assert [p.label for p in document.provisions if p.kind == "operative"] == ["1", "3", "3", "4"]
    gap, duplicate = document.warnings
    assert (gap.line, duplicate.line) == (7, 9)
    assert "expected 2, found 3" in gap.message
    assert "twice" in duplicate.message


def test_comma_after_a_number_is_a_paragraph_number_only_where_due():
    document = parse_text("1. One;\n\n2, Two;\n\n5, Five, a made-up wrapped line.")
    assert [p.label for p in document.provisions] == ["1", "2"]
    assert warning_lines(document) == [3, 5]  # "2," corrected; "5," not due: text added to 2


def test_roman_subparagraphs_and_the_letter_i():
    letters = "abcdefgh"
    text = "\n".join(
        ["1. Made-up paragraph:"]
        + [f"({letter}) item;" for letter in letters]
        + ["(i) ninth item;", "(j) tenth item:", "(i) first point;", "(ii) second point."]
    )
    document = parse_text(text)
    labels = [(p.label, document.provisions[p.parent].label) for p in document.provisions[1:]]
    assert labels[-4:] == [("(i)", "1"), ("(j)", "1"), ("(i)", "(j)"), ("(ii)", "(j)")]
    assert document.warnings == []


def test_cyrillic_letters_map_to_latin():
    document = parse_text("1. Пункт:\n\n(а) один;\n\n(б) два;\n\n(в) три.", "ru")
    assert [p.label for p in document.provisions[1:]] == ["(a)", "(b)", "(c)"]


# --- Made-up texts: layout ----------------------------------------------------------------------
def test_hyphenated_line_ends():
    text = "\n".join(
        [
            "Recalling the pro-",
            "motion of non-",
            "selectivity and South-",
            "South made-up ties in 2000-",
            "2005,",
            "",
            "1. Decides.",
        ]
    )
    document = parse_text(text)
    assert document.provisions[0].text == (
        "Recalling the promotion of non-selectivity and South-South made-up ties in 2000-2005,"
    )
    assert outline(document) == [("preamble", "PP1", None), ("operative", "1", None)]


def test_chinese_lines_are_joined_without_spaces():
    document = parse_text("人权理事会，\n\n回顾其测\n试决议，\n\n1. 决定继\n续审议。", "zh-hans")
    assert [p.text for p in document.provisions] == ["人权理事会，", "回顾其测试决议，", "决定继续审议。"]


def test_page_furniture_is_dropped():
    text = "\n".join(
        [
            "Recalling one made-up text,",
            "",
            "A/HRC/99/L.1",
            "GE.99-12345(E)",
            "",
            "2",
            "",
            "Recalling another,",
            "",
            "1. Decides.",
        ]
    )
    document = parse_text(text)
    assert [p.text for p in document.provisions] == ["Recalling one made-up text,", "Recalling another,", "Decides."]


def test_footnote_in_the_middle_of_a_paragraph():
    text = "\n".join(
        [
            "The Human Rights Council,",
            "",
            "Recalling its made-up resolution 1/1,¹ and",
            "",
            "1 Made-up footnote.",
            " its earlier work,",
            "",
            "1. Decides.",
        ]
    )
    document = parse_text(text)
    pp1 = document.provisions[1]
    assert pp1.text == "Recalling its made-up resolution 1/1,¹ and its earlier work,"
    assert pp1.footnotes == ["Made-up footnote."]
    assert document.warnings == []


def test_text_that_fits_no_rule_is_kept_with_a_warning():
    document = parse_text("1. Decides.\n\nA made-up closing sentence with no number.")
    assert document.provisions[-1].text == "Decides. A made-up closing sentence with no number."
    assert warning_lines(document) == [3]


def test_title_lines_are_joined_and_the_number_placeholder_dropped():
    text = "99/... A made-up title\non two lines\n\nThe General Assembly,\n\nRecalling,"
    document = parse_text(text)
    assert document.title == "A made-up title on two lines"
    assert parse_text("1. Decides.").title is None


def test_json_shape():
    text = "Made-up title\n\nThe General Assembly,\n\nRecalling,\n\n1. Decides."
    data = parse_text(text).as_json_dict()
    assert set(data) == {"title", "metadata", "provisions", "adoption", "doubts", "set_aside", "warnings"}
    assert data["provisions"][1] == {
        "kind": "preamble",
        "label": "PP1",
        "text": "Recalling,",
        "parent": None,
        "footnotes": [],
        "number": "",
        "line": 5,
        "last_line": 5,
    }
    assert data["provisions"][2]["number"] == "1."


# --- Word documents ------------------------------------------------------------------------------
RESOLUTION = [
    "99/... Made-up title for a test",
    "The Human Rights Council,",
    "Recalling a made-up resolution,",
    "Reaffirming a made-up principle,",
    "1. Decides one thing;",
    "2. Requests another thing:",
    "(a) first item;",
    "(b) second item;",
    "3. Decides to remain seized of the matter.",
]
DECLARATION = [
    "Article 1 — Made-up title",
    "1. Test paragraph:",
    "(a) item;",
    "(b) item.",
    "2. Test.",
]
ARABIC = [
    "إن مجلس حقوق الإنسان،",
    "إذ يشير إلى نص تجريبي،",
    "١ - يقرر أمراً تجريبياً؛",
    "(أ) البند الأول؛",
    "(ب) البند الثاني.",
]


@pytest.mark.parametrize(("paragraphs", "language"), [(RESOLUTION, "en"), (DECLARATION, "en"), (ARABIC, "ar")])
def test_docx_parses_like_the_same_plain_text(paragraphs, language):
    from_word = import_bytes(docx_bytes(*paragraphs), "upload.docx", language)
    for separator in ("\n", "\n\n"):  # one paragraph per line, or blank lines between them
        from_text = parse_text(separator.join(paragraphs), language)
        assert from_word.provisions == from_text.provisions  # equal whatever lines they were read from
        assert from_word.title == from_text.title
    # A Word paragraph is numbered as a line: one paragraph per line, the same lines too.
    one_a_line = parse_text("\n".join(paragraphs), language)
    assert from_word.as_json_dict()["provisions"] == one_a_line.as_json_dict()["provisions"]
    assert from_word.provisions


def test_docx_resolution_structure():
    document = import_bytes(docx_bytes(*RESOLUTION), "x.docx", "en")
    assert document.title == "Made-up title for a test"
    assert outline(document) == [
        ("heading", "H1", None),
        ("preamble", "PP1", None),
        ("preamble", "PP2", None),
        ("operative", "1", None),
        ("operative", "2", None),
        ("subparagraph", "(a)", 4),
        ("subparagraph", "(b)", 4),
        ("operative", "3", None),
    ]


def test_docx_reads_tables_in_document_order_and_skips_empty_paragraphs():
    data = docx_bytes("Before the table.", "", "   ", table=[["1. Cell one.", "2. Cell two."]])
    assert read_source(data) == ["Before the table.", "1. Cell one.", "2. Cell two.", "After the table."]


def test_docx_tracked_insertions_are_text_and_deletions_are_not():
    data = docx_bytes("Recalling PLACEHOLDER,")
    tracked = (
        "Recalling</w:t></w:r>"
        '<w:ins w:id="1" w:author="Test"><w:r><w:t xml:space="preserve"> kept</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="Test"><w:r><w:delText> dropped</w:delText></w:r></w:del>'
        "<w:r><w:t>,"
    )
    assert read_source(rewrite_document_xml(data, "Recalling PLACEHOLDER,", tracked)) == ["Recalling kept,"]


def test_docx_is_told_by_content_not_by_name():
    assert read_source(docx_bytes("Made-up text."), "notes.txt") == ["Made-up text."]
    assert read_source(b"Plain text.", "upload.docx") == ["Plain text."]


def test_text_encoding_details():
    assert read_source(b"\xef\xbb\xbfOne\r\nTwo\rThree") == ["One", "Two", "Three"]


# --- Refused files ------------------------------------------------------------------------------
def _zip_without_word_part() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b" \n\t\r\n ", "empty"),
        ("\ufeff \u00a0\n".encode(), "empty"),
        (b"Made-up\x00text", "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (b"%PDF-1.7\n%made-up", "binary"),
        (_zip_without_word_part(), "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "encrypted"),
        ("Résolution adoptée".encode("latin-1"), "encoding"),
        ("Made-up".encode("utf-16"), "encoding"),
        (docx_bytes(), "no_paragraphs"),
        (docx_bytes("", "   "), "no_paragraphs"),
        (docx_bytes("Made-up text.")[:200], "corrupt"),
        (b"\x00" * (MAX_IMPORT_BYTES + 1024 * 1024), "too_large"),  # 11 MB, refused before reading
        (b"a" * (MAX_IMPORT_BYTES + 1), "too_large"),
    ],
)
def test_refused_files(data, code):
    with pytest.raises(DocumentRejected) as refused:
        read_source(data, "upload")
    assert refused.value.code == code
    assert str(refused.value.messages[0])


def test_document_rejected_is_a_validation_error():
    assert issubclass(DocumentRejected, ValidationError)
    with pytest.raises(ValidationError):
        import_bytes(b"", "empty.txt", "en")


def test_unknown_language_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_text("1. Text.", "de")
