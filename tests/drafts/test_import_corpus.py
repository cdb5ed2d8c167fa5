"""The importer on real UN documents (tests/drafts/corpus/README.md says where each comes
from), as plain text and as Word files built from the same text with automatic numbering and
real footnotes: the structure counted by hand from the published documents, every character
accounted for, and the DOCX export read back to the same provisions."""

import re
from collections import Counter
from pathlib import Path

import pytest

from drafts.importer import ParsedDocument, ParsedProvision, import_bytes, parse_document, read_source
from drafts.importer.front_matter import PRINTED_FIELDS

from .word_builder import ListLevel, WordFile

CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
UDHR_LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
FRENCH_RESOLUTION = SHARED / "hrc53-draft-resolution-international-cooperation.fr.txt"
ARABIC_REPORT = SHARED / "ie-report-2013.ar.txt"
# Human Rights Council resolutions and a decision, from stored copies (corpus/README.md): three
# whole, the others as far as the stored copy goes (".start": its first 2,000 bytes).
HRC = {
    "hrc-res-55-5.en.txt": "en",
    "hrc-res-46-9.en.txt": "en",
    "hrc-dec-16-118.en.txt": "en",
    "hrc-res-53-5.en.start.txt": "en",
    "hrc-res-44-11.fr.start.txt": "fr",
    "hrc-res-44-11.es.start.txt": "es",
    "hrc-res-35-3.ru.start.txt": "ru",
    "hrc-res-44-11.ar.start.txt": "ar",
    "hrc-res-44-11.zh-hans.start.txt": "zh-hans",
    "hrc-res-43-36.zh-hans.start.txt": "zh-hans",
}
DOCUMENTS = [*((CORPUS / f"udhr.{language}.txt", language) for language in UDHR_LANGUAGES)]
DOCUMENTS += [(FRENCH_RESOLUTION, "fr"), (ARABIC_REPORT, "ar")]
DOCUMENTS += [(CORPUS / name, language) for name, language in HRC.items()]


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


# --- Human Rights Council resolutions and a decision, counted by hand -----------------------
def hrc(name: str) -> ParsedDocument:
    return import_bytes((CORPUS / name).read_bytes(), name, HRC[name])


# The front matter of each, field by field as printed (a list where a field is printed on
# several lines), and what the importer reads from it: the date (ISO) and the original language.
AGENDA_ITEM_3 = (
    "Promotion and protection of all human rights, civil, political, economic, social and cultural rights, "
    "including the right to development"
)
HRC_FRONT_MATTER = {
    # A PDF turned into text: one line per printed line, no blank lines; the agenda item's title,
    # the "Resolution adopted" line and the number above the title are wrapped.
    "hrc-res-55-5.en.txt": {
        "symbol": ["A/HRC/RES/55/5"],
        "organ": ["United Nations", "General Assembly", "Human Rights Council"],
        "distribution": "Distr.: General",
        "date_text": "5 April 2024",
        "date": "2024-04-05",
        "original": "Original: English",
        "original_language": "en",
        "session": "Fifty-fifth session",
        "session_dates": "26 February–5 April 2024",
        "agenda_item": "Agenda item 3",
        "agenda_title": AGENDA_ITEM_3,
        "adopted": "Resolution adopted by the Human Rights Council on 3 April 2024",
        "number": "55/5.",
    },
    # Word turned into text: no symbol printed, the session "Forty- sixth", the number "4 6 / 9".
    "hrc-res-46-9.en.txt": {
        "organ": ["United Nations", "General Assembly", "Human Rights Council"],
        "distribution": "Distr.: General",
        "date_text": "1 April 2021",
        "date": "2021-04-01",
        "original": "Original: English",
        "original_language": "en",
        "session": "Forty- sixth session",
        "session_dates": "22 February–24 March 2021",
        "agenda_item": "Agenda item 3",
        "agenda_title": AGENDA_ITEM_3,
        "adopted": "Resolution adopted by the Human Rights Council on 23 March 2021",
        "number": "4 6 / 9.",
    },
    # The organ, the session, the agenda item and its title printed on one line; the title's
    # note ("*") is printed after the adoption block.
    "hrc-dec-16-118.en.txt": {
        "organ": ["Human Rights Council"],
        "session": "Sixteenth session",
        "agenda_item": "Agenda item 1",
        "agenda_title": "Organizational and procedural matters",
        "adopted": "Decision adopted by the Human Rights Council*",
        "number": "16/118",
        "title_notes": [
            "The resolutions and decisions adopted by the Human Rights Council will be contained in the report of "
            "the Council on its sixteenth session (A/HRC/16/2), chap. I."
        ],
    },
    "hrc-res-53-5.en.start.txt": {
        "organ": ["United Nations", "General Assembly", "Human Rights Council"],
        "symbol": ["A/HRC/RES/53/5"],
        "distribution": "Distr.: General",
        "date_text": "19 July 2023",
        "date": "2023-07-19",
        "original": "Original: English",
        "original_language": "en",
        "session": "Fift y- third session",
        "session_dates": "19 June–14 July 2023",
        "agenda_item": "Agenda item 3",
        "agenda_title": AGENDA_ITEM_3,
        "adopted": "Resolution adopted by the Human Rights Council on 12 July 2023",
        "number": "5 3 / 5 .",
    },
    "hrc-res-44-11.fr.start.txt": {
        "organ": ["Nations Unies", "Assemblée générale", "Conseil des droits de l ’ homme"],
        "symbol": ["A/HRC/RES/44/11"],
        "distribution": "Distr. générale",
        "date_text": "23 juillet 2020",
        "date": "2020-07-23",
        "language": ["Français"],
        "original": "Original : anglais",
        "original_language": "en",
        "session": "Quarante-quatrième session",
        "session_dates": "30 juin-17 juillet 2020",
        "agenda_item": "Point 3 de l’ordre du jour",
        "agenda_title": "Promotion et protection de tous les droits de l ’ homme, civils, politiques, économiques, "
        "sociaux et culturels, y compris le droit au développement",
        "adopted": "Résolution adoptée par le Conseil des droits de l’homme le 16 juillet 2020",
        "number": "44/11.",
    },
    "hrc-res-44-11.es.start.txt": {
        "organ": ["Naciones Unidas", "Asamblea General", "Consejo de Derechos Humanos"],
        "symbol": ["A/HRC/RES/44/11"],
        "distribution": "Distr. general",
        "date_text": "23 de julio de 2020",
        "date": "2020-07-23",
        "language": ["Español"],
        "original": "Original: inglés",
        "original_language": "en",
        "session": "44º período de sesiones",
        "session_dates": "30 de junio a 17 de julio de 2020",
        "agenda_item": "Tema 3 de la agenda",
        "agenda_title": "Promoción y protección de todos los derechos humanos, civiles, políticos, económicos, "
        "sociales y culturales, incluido el derecho al desarrollo",
        "adopted": "Resolución aprobada por el Consejo de Derechos Humanos el 16 de julio de 2020",
        "number": "44/11.",
    },
    # "Генеральная Ассамблея" under "Организация Объединенных Наций" names the organ: it is
    # not the body line, which is "Совет по правам человека,".
    "hrc-res-35-3.ru.start.txt": {
        "organ": ["Организация Объединенных Наций", "Генеральная Ассамблея", "Совет по правам человека"],
        "symbol": ["A/HRC/RES/35/3"],
        "distribution": "Distr.: General",
        "date_text": "10 July 2017",
        "date": "2017-07-10",
        "language": ["Russian"],
        "original": "Original: English",
        "original_language": "en",
        "session": "Тридцать пятая сессия",
        "session_dates": "6–23 июня 2017 года",
        "agenda_item": "Пункт 3 повестки дня",
        "adopted": "Резолюция, принятая Советом по правам человека 22 июня 2017 года",
        "number": "35/3.",
    },
    "hrc-res-44-11.ar.start.txt": {
        "organ": ["الأمم المتحدة", "الجمعية العامة", "مجلس حقوق الإنسان"],
        "symbol": ["A/HRC/RES/44/11"],
        "distribution": "Distr.: General",
        "date_text": "23 July 2020",
        "date": "2020-07-23",
        "language": ["Arabic"],
        "original": "Original: English",
        "original_language": "en",
        "session": "الدورة الرابعة والأربعون",
        "session_dates": "30 حزيران/يونيه - 17 تموز/يوليه 2020",
        "agenda_item": "البند 3 من جدول الأعمال",
        "agenda_title": "تعزيز وحماية جميع حقوق الإنسان، المدنية والسياسية والاقتصادية والاجتماعية والثقافية، "
        "بما في ذلك الحق في التنمية",
        "adopted": "قرار اعتمده مجلس حقوق الإنسان في 16 تموز/يوليه 2020",
        "number": "44 / 11 -",
    },
    # The header is letter-spaced ("联 合 国", "大 会").
    "hrc-res-44-11.zh-hans.start.txt": {
        "organ": ["联 合 国", "大 会", "人权理事会"],
        "symbol": ["A/HRC/RES/44/11"],
        "distribution": "Distr.: General",
        "date_text": "23 July 2020",
        "date": "2020-07-23",
        "language": ["Chinese"],
        "original": "Original: English",
        "original_language": "en",
        "session": "第四十四届会议",
        "session_dates": "2020年6月30日至7月17日",
        "agenda_item": "议程项目3",
        "agenda_title": "促进和保护所有人权――公民权利、政治权利、经济、社会及文化权利,包括发展权",
        "adopted": "人权理事会2020年7月16日通过的决议",
        "number": "44/11",
    },
    # The date printed without spaces ("6July2020"), a session in two parts, an agenda item's
    # title printed on two lines, the first ending with a colon.
    "hrc-res-43-36.zh-hans.start.txt": {
        "organ": ["联 合 国", "大 会", "人权理事会"],
        "symbol": ["A/HRC/RES/43/36"],
        "distribution": "Distr.: General",
        "date_text": "6July2020",
        "date": "2020-07-06",
        "language": ["Chinese"],
        "original": "Original: English",
        "original_language": "en",
        "session": "第四十三届会议",
        "session_dates": "2020年2月24日至3月13日和6月15日至23日",
        "agenda_item": "议程项目9",
        "agenda_title": "种族主义、种族歧视、仇外心理和相关不容忍行为: 《德班宣言和行动纲领》的后续行动和执行情况",
        "adopted": "人权理事会2020年6月22日通过的决议",
        "number": "43/36.",
    },
}
# Title, provisions of each kind, and the first words of the first preambular paragraph and of
# the last provision, whose kind and label are given. The body line is the one heading of each
# resolution. A stored copy that stops in mid-paragraph leaves an unfinished line: standing
# alone, it is read as a heading, with a warning that quotes its line (the last item).
HRC_STRUCTURE = {
    "hrc-res-55-5.en.txt": (
        "Mandate of Special Rapporteur in the field of cultural rights",
        {"preamble": 3, "operative": 2, "heading": 1},
        "Guided by the purposes and principles of the Charter",
        ("operative", "2", "Also decides to continue its consideration of this matter under the same agenda item"),
        [],
    ),
    "hrc-res-46-9.en.txt": (
        "Mandate of Special Rapporteur in the field of cultural rights",
        {"preamble": 3, "operative": 2, "heading": 1},
        "Guided by the purposes and principles of the Charter",
        ("operative", "2", "Also d ecides to continue its consideration"),
        [],
    ),
    # A decision: one unnumbered paragraph, no body line; read as a preambular paragraph, with
    # a warning, and the document is said not to read like a resolution.
    "hrc-dec-16-118.en.txt": (
        "Postponement of the renewal of the mandate of the independent expert on human rights and "
        "international solidarity",
        {"preamble": 1},
        "At its 48th meeting, on 25 March 2011, the Human Rights Council decided to postpone",
        ("preamble", "PP1", "At its 48th meeting"),
        [(8, "Unnumbered paragraph before the operative part taken as preambular.")],
    ),
    "hrc-res-53-5.en.start.txt": (
        "Mandate of Independent Expert on human rights and international solidarity",
        {"preamble": 5, "operative": 2, "heading": 1},
        "Reaffirming all previous resolutions and decisions",
        ("operative", "2", "Takes note with appreciation of the report of the Independent Expert, in par"),
        [],
    ),
    "hrc-res-44-11.fr.start.txt": (
        "Mandat d’Expert indépendant sur les droits de l’homme et la solidarité internationale",
        {"preamble": 5, "heading": 1},
        "Réaffirmant toutes les résolutions et décisions adoptées",
        ("preamble", "PP5", "Réaffirmant que, selon l’article 4"),
        [],
    ),
    "hrc-res-44-11.es.start.txt": (
        "Mandato del Experto Independiente sobre los derechos humanos y la solidaridad internacional",
        {"preamble": 4, "heading": 2},
        "Reafirmando todas las resoluciones y decisiones anteriores",
        ("heading", "H2", "Reafirmando que, de conformidad con el artículo 4"),
        [(39, "Unnumbered line taken as a heading.")],
    ),
    "hrc-res-35-3.ru.start.txt": (
        "Права человека и международная солидарность",
        {"preamble": 2, "heading": 1},
        "вновь подтверждая все предыдущие резолюции и решения",
        ("preamble", "PP2", "ссылаясь на резолюции Совета по правам человека 5/1"),
        [],
    ),
    "hrc-res-44-11.ar.start.txt": (
        "ولاية الخبير المستقل المعني بحقوق الإنسان والتضامن الدولي",
        {"preamble": 3, "heading": 2},
        "إذ يؤكد من جديد جميع القرارات والمقررات السابقة",
        ("heading", "H2", "وإذ يذكّر بأن الدول تعهدت"),
        [(37, "Unnumbered line taken as a heading.")],
    ),
    "hrc-res-44-11.zh-hans.start.txt": (
        "人权与国际团结独立专家的任务",
        {"preamble": 8, "heading": 2},
        "重申人权委员会和人权理事会以往关于人权与国际团结的所有决议和决定,",
        ("heading", "H2", "重申经济发达国家与发展中国家之间日益扩大的差距"),
        [(47, "Unnumbered line taken as a heading.")],
    ),
    "hrc-res-43-36.zh-hans.start.txt": (
        "当代形式种族主义、种族歧视、仇外心理和相关不容忍行为特别报告员的任务",
        {"preamble": 3, "operative": 3, "heading": 1},
        "回顾理事会2008年3月28日第7/34号决议",
        ("operative", "3", "又请特别报告员参与有关执行《2030年可持续发展议程》"),
        [],
    ),
}
HRC_BODY_LINES = {
    "en": "The Human Rights Council,",
    "fr": "Le Conseil des droits de l ’ homme,",
    "es": "El Consejo de Derechos Humanos,",
    "ru": "Совет по правам человека,",
    "ar": "إن مجلس حقوق الإنسان،",
    "zh-hans": "人权理事会,",
}


@pytest.mark.parametrize("name", HRC)
def test_hrc_front_matter_field_by_field(name):
    document = hrc(name)
    assert document.metadata == HRC_FRONT_MATTER[name]


@pytest.mark.parametrize("name", HRC)
def test_hrc_structure_as_counted_by_hand(name):
    document = hrc(name)
    title, counts, first_recital, (last_kind, last_label, last_start), warnings = HRC_STRUCTURE[name]
    assert document.title == title
    assert document.counts() == counts
    preamble = [p for p in document.provisions if p.kind == "preamble"]
    assert preamble[0].label == "PP1" and preamble[0].text.startswith(first_recital)
    assert [p.label for p in preamble] == [f"PP{n}" for n in range(1, len(preamble) + 1)]
    last = document.provisions[-1]
    assert (last.kind, last.label) == (last_kind, last_label) and last.text.startswith(last_start)
    operative = [p for p in document.provisions if p.kind == "operative"]
    assert [(p.label, p.number) for p in operative] == [(str(n), f"{n}.") for n in range(1, len(operative) + 1)]
    if "heading" in counts:
        assert document.provisions[0] == ParsedProvision("heading", "H1", HRC_BODY_LINES[HRC[name]])
    if "operative" in counts:
        assert document.doubts == []
    elif "heading" in counts:  # the stored copy stops before the operative part
        assert document.doubts == ["No operative paragraph and no article."]
    assert [(w.line, w.message) for w in document.warnings] == warnings


def test_hrc_operative_paragraphs_wrapped_over_pdf_lines_are_whole():
    """55/5 as a PDF gives it: "1." alone on its line, then the paragraph over four lines."""
    operative = [p for p in hrc("hrc-res-55-5.en.txt").provisions if p.kind == "operative"]
    assert operative[0].text == (
        "Decides to renew, for a period of three years, the mandate of Special Rapporteur in the field of "
        "cultural rights, to enable the mandate holder to continue to work in accordance with the mandate "
        "established by the Human Rights Council in its resolution 10/23 of 26 March 2009;"
    )
    recalling = next(p for p in hrc("hrc-res-55-5.en.txt").provisions if p.label == "PP2")
    assert recalling.text.endswith("in accordance with those resolutions and the annexes thereto,")


# The adoption block of each whole document, every State as printed under its vote.
HRC_ADOPTION = {
    "hrc-res-55-5.en.txt": {
        "line": 34,
        "text": "53rd meeting\n3 April 2024\n[Adopted without a vote.]",
        "meeting": "53rd meeting",
        "date_text": "3 April 2024",
        "date": "2024-04-03",
        "method": "without_vote",
    },
    "hrc-res-46-9.en.txt": {
        "line": 38,
        "text": "48th meeting 23 March 2021\n[Adopted without a vote.]",
        "meeting": "48th meeting",
        "date_text": "23 March 2021",
        "date": "2021-03-23",
        "method": "without_vote",
    },
    "hrc-dec-16-118.en.txt": {
        "line": 10,
        "meeting": "48th meeting",
        "date_text": "25 March 2011",
        "date": "2011-03-25",
        "method": "recorded_vote",
        "counts": {"in_favour": 32, "against": 14, "abstaining": 0},
        "votes": {
            "in_favour": [
                "Angola",
                "Argentina",
                "Bahrain",
                "Bangladesh",
                "Brazil",
                "Burkina Faso",
                "Cameroon",
                "Chile",
                "China",
                "Cuba",
                "Djibouti",
                "Ecuador",
                "Gabon",
                "Ghana",
                "Guatemala",
                "Jordan",
                "Kyrgyzstan",
                "Malaysia",
                "Maldives",
                "Mauritania",
                "Mauritius",
                "Mexico",
                "Nigeria",
                "Pakistan",
                "Qatar",
                "Russian Federation",
                "Saudi Arabia",
                "Senegal",
                "Thailand",
                "Uganda",
                "Uruguay",
                "Zambia",
            ],
            "against": [
                "Belgium",
                "France",
                "Hungary",
                "Japan",
                "Norway",
                "Poland",
                "Republic of Korea",
                "Republic of Moldova",
                "Slovakia",
                "Spain",
                "Switzerland",
                "Ukraine",
                "United Kingdom of Great Britain and Northern Ireland",
                "United States of America",
            ],
        },
    },
}


@pytest.mark.parametrize("name", HRC_ADOPTION)
def test_hrc_adoption_block_as_printed(name):
    adoption = hrc(name).adoption
    expected = HRC_ADOPTION[name]
    assert {key: adoption[key] for key in adoption if key != "text" or "text" in expected} == expected
    votes = adoption.get("votes", {})
    assert {vote: len(states) for vote, states in votes.items()} == {
        vote: count for vote, count in adoption.get("counts", {}).items() if count
    }
    assert not any(p.text.startswith(("48th meeting", "53rd meeting", "[Adopted")) for p in hrc(name).provisions)


def test_hrc_decision_note_printed_in_the_title_belongs_to_the_title():
    document = hrc("hrc-dec-16-118.en.txt")
    assert document.metadata["title_notes"] == HRC_FRONT_MATTER["hrc-dec-16-118.en.txt"]["title_notes"]
    assert all(p.footnotes == [] for p in document.provisions)
    assert [(aside.line, aside.text, aside.reason) for aside in document.set_aside] == [(18, "*", "note mark")]


def test_hrc_job_number_after_the_adoption_block_is_set_aside_with_its_line():
    document = hrc("hrc-res-55-5.en.txt")
    assert [(aside.line, aside.text, aside.reason) for aside in document.set_aside] == [(37, "GE.24-06212 (E)", "page")]


# --- The same documents as Word files ------------------------------------------------------------
def hrc_docx(name: str) -> bytes:
    """The document as Word makes it: the front matter a paragraph per printed line, each
    provision a paragraph (the operative ones numbered by Word's list numbering), the title's
    note a real footnote cited where the front matter marks it, then the adoption block."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    document = hrc(name)
    lines = text.split("\n")
    words = document.provisions[0].text.split()  # the body begins where the first provision's words do
    body = next(i for i in range(len(lines)) if " ".join(lines[i:]).split()[: len(words)] == words)
    word = WordFile()
    operative = word.instance(word.abstract(ListLevel("decimal", "%1.")))
    title_notes = tuple(document.metadata.get("title_notes", ()))
    for line in filter(str.strip, lines[:body]):
        word.paragraph(line, notes=title_notes if line.endswith("*") else ())
    for provision in document.provisions:
        word.paragraph(
            provision.text, operative if provision.kind == "operative" else None, notes=tuple(provision.footnotes)
        )
    for line in document.adoption.get("text", "").split("\n"):
        word.paragraph(line)
    return word.save()


@pytest.mark.parametrize("name", HRC)
def test_hrc_word_with_automatic_numbering_and_real_footnotes_reads_like_the_text(name):
    from_text = hrc(name)
    from_word = import_bytes(hrc_docx(name), "hrc.docx", HRC[name])
    assert outline(from_word) == outline(from_text)
    assert from_word.title == from_text.title
    expected = dict(from_text.metadata)
    if "title_notes" in expected:  # Word prints the note's number where it is cited
        expected["adopted"] += "¹"
    assert from_word.metadata == expected
    assert {k: v for k, v in from_word.adoption.items() if k != "line"} == {
        k: v for k, v in from_text.adoption.items() if k != "line"
    }
    assert [w.message for w in from_word.warnings] == [w.message for w in from_text.warnings]


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
        if path.name in HRC:
            sources.append(read_source(hrc_docx(path.name), "hrc.docx"))
        for lines in sources:
            document = parse_document(lines, language)
            assert characters_out(document) == characters_in(lines), (path.name, language)
            checked += 1
    assert checked == 34


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
