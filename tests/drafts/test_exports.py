"""Exports of a version: DOCX in UN layout, print HTML, Akoma Ntoso XML (and of a comparison).

The Akoma Ntoso golden file states what is right (tests/golden.py says how to rewrite it).
"""

import datetime
import re
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.utils import translation
from django.utils.html import escape
from docx.oxml.ns import qn
from lxml import etree

from drafts import services
from drafts.exports import validate_akn, version_akn, version_compare_akn, version_docx, version_html
from drafts.exports.tree import missing_note
from drafts.importer.word import docx_paragraphs
from drafts.models import Provision
from tests.golden import assert_matches_golden

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).resolve().parent / "golden" / "exports"
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
LANGUAGES = ("en", "fr", "ar", "zh-hans")

# A resolution adopting a declaration: body line, preamble, an operative paragraph, a heading,
# then articles with paragraphs and lettered sub-paragraphs, and footnotes at several levels.
# (kind, label, path of the parent, {language: text}, {language: footnotes})
TEXT = [
    (
        "heading",
        "H1",
        None,
        {
            "en": "The Human Rights Council,",
            "fr": "Le Conseil des droits de l’homme,",
            "ar": "إن مجلس حقوق الإنسان،",
            "zh-hans": "人权理事会，",
        },
        {},
    ),
    (
        "preamble",
        "PP1",
        None,
        {
            "en": "Reaffirming the purposes and principles of the Charter of the United Nations,",
            "fr": "Réaffirmant les buts et principes de la Charte des Nations Unies,",
            "ar": "إذ يعيد تأكيد مقاصد ميثاق الأمم المتحدة ومبادئه،",
            "zh-hans": "重申《联合国宪章》的宗旨和原则，",
        },
        {
            "en": ["General Assembly resolution 70/1."],
            "fr": ["Résolution 70/1 de l’Assemblée générale."],
            "ar": ["قرار الجمعية العامة 70/1."],
            "zh-hans": ["大会第70/1号决议。"],
        },
    ),
    (
        "preamble",
        "PP2",
        None,
        {
            "en": "Recalling the report of the Independent Expert on human rights and international solidarity,",
            "fr": "Rappelant le rapport de l’Experte indépendante sur les droits de l’homme et la solidarité internationale,",
            "ar": "وإذ يشير إلى تقرير الخبيرة المستقلة المعنية بحقوق الإنسان والتضامن الدولي،",
            "zh-hans": "回顾人权与国际团结问题独立专家的报告，",
        },
        {},
    ),
    (
        "operative",
        "1",
        None,
        {
            "en": "Adopts the declaration on the right to international solidarity annexed to the present resolution.",
            "fr": "Adopte la déclaration sur le droit à la solidarité internationale annexée à la présente résolution.",
            "ar": "يعتمد الإعلان المتعلق بالحق في التضامن الدولي المرفق بهذا القرار.",
            "zh-hans": "通过本决议所附的国际团结权利宣言。",
        },
        {},
    ),
    (
        "heading",
        "H2",
        None,
        {
            "en": "Declaration on the right to international solidarity",
            "fr": "Déclaration sur le droit à la solidarité internationale",
            "ar": "إعلان بشأن الحق في التضامن الدولي",
            "zh-hans": "国际团结权利宣言",
        },
        {},
    ),
    (
        "article",
        "Article 1",
        None,
        {
            "en": "Right to international solidarity",
            "fr": "Droit à la solidarité internationale",
            "ar": "الحق في التضامن الدولي",
            "zh-hans": "国际团结权",
        },
        {},
    ),
    (
        "paragraph",
        "1",
        "Article 1",
        {
            "en": "Everyone has the right to international solidarity.",
            "fr": "Toute personne a droit à la solidarité internationale.",
            "ar": "لكل فرد الحق في التضامن الدولي.",
            "zh-hans": "人人有权享有国际团结。",
        },
        {
            "en": ["See A/HRC/35/35, annex."],
            "fr": ["Voir A/HRC/35/35, annexe."],
            "ar": ["انظر A/HRC/35/35، المرفق."],
            "zh-hans": ["见A/HRC/35/35，附件。"],
        },
    ),
    (
        "paragraph",
        "2",
        "Article 1",
        {"en": "States shall:", "fr": "Les États :", "ar": "على الدول:", "zh-hans": "各国应："},
        {},
    ),
    (
        "subparagraph",
        "(a)",
        "Article 1/2",
        {
            "en": "cooperate with each other;",
            "fr": "coopèrent entre eux ;",
            "ar": "أن تتعاون فيما بينها؛",
            "zh-hans": "相互合作；",
        },
        {},
    ),
    (
        "subparagraph",
        "(b)",
        "Article 1/2",
        {
            "en": "respect the right of peoples to self-determination.",
            "fr": "respectent le droit des peuples à disposer d’eux-mêmes.",
            "ar": "أن تحترم حق الشعوب في تقرير المصير.",
            "zh-hans": "尊重各民族的自决权。",
        },
        {},
    ),
    (
        "article",
        "Article 2",
        None,
        {"en": "Duties of States", "fr": "Devoirs des États", "ar": "واجبات الدول", "zh-hans": "国家的义务"},
        {},
    ),
    (
        "paragraph",
        "1",
        "Article 2",
        {
            "en": "States have the primary responsibility to promote international solidarity.",
            "fr": "Il incombe au premier chef aux États de promouvoir la solidarité internationale.",
            "ar": "تتحمل الدول المسؤولية الرئيسية عن تعزيز التضامن الدولي.",
            "zh-hans": "各国负有促进国际团结的首要责任。",
        },
        {},
    ),
]


def build(drafter, slug="solidarity", publish=True, keys=False):
    """The version above; `keys=True` gives every provision a fixed key (for golden files)."""
    instrument = services.instrument_create(by=drafter, slug=slug, title="Right to international solidarity")
    version = services.version_create(
        instrument=instrument,
        by=drafter,
        label="Preliminary text",
        original_language="en",
        symbol="A/HRC/35/35",
        date=datetime.date(2017, 4, 25),
        title="Draft declaration on the right to international solidarity",
    )
    version.title_fr = "Projet de déclaration sur le droit à la solidarité internationale"
    version.title_ar = "مشروع إعلان بشأن الحق في التضامن الدولي"
    version.title_zh_hans = "国际团结权利宣言草案"
    version.save()
    made = {}
    for kind, label, parent, texts, footnotes in TEXT:
        path = f"{parent}/{label}" if parent else label
        provision = services.provision_create(
            version=version,
            by=drafter,
            kind=kind,
            label=label,
            texts=texts,
            footnotes=footnotes,
            parent=made.get(parent),
        )
        made[path] = provision
        if keys:
            Provision.objects.filter(pk=provision.pk).update(
                key="k_" + re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_")
            )
    if publish:
        services.version_publish(version=version, by=drafter, untranslated_ok=True)
    return version


def outline(version, language):
    """(kind, label, parent label, text, footnotes) of every provision, in `language`."""
    provisions = list(version.provisions.order_by("position"))
    labels = {p.pk: p.label for p in provisions}
    return [
        (p.kind, p.label, labels.get(p.parent_id), p.value_in("text", language), p.value_in("footnotes", language))
        for p in provisions
    ]


def akn_tree(data):
    return etree.fromstring(data)


def paragraphs(data):
    return docx.Document(BytesIO(data)).paragraphs


def printed(data):
    """Each paragraph's text as Word prints it: its list number, a tab, then the text (read by
    the importer, which counts Word's lists as Word does)."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return ["\t".join(filter(None, (p.number.printed if p.number else "", p))) for p in docx_paragraphs(archive)]


# --- DOCX ---------------------------------------------------------------------------------


def test_docx_has_title_labels_texts_and_footnotes(drafter):
    version = build(drafter)
    texts = printed(version_docx(version, "en"))
    assert texts[0] == "Draft declaration on the right to international solidarity"
    assert "The Human Rights Council," in texts
    assert (
        "1.\tAdopts the declaration on the right to international solidarity annexed to the present resolution."
        in texts
    )
    assert texts.index("Article 1") + 1 == texts.index("Right to international solidarity")
    assert "(a)\tcooperate with each other;" in texts
    assert (
        texts[texts.index("1.\tEveryone has the right to international solidarity.") + 1]
        == "2\tSee A/HRC/35/35, annex."
    )
    assert "1\tGeneral Assembly resolution 70/1." in texts


def test_docx_articles_and_headings_are_word_headings(drafter):
    """Word's navigation pane lists the paragraphs in its heading styles."""
    document = docx.Document(BytesIO(version_docx(build(drafter), "ar")))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert styled == [
        ("Heading 1", "إن مجلس حقوق الإنسان،"),
        ("Heading 1", "إعلان بشأن الحق في التضامن الدولي"),
        ("Heading 2", "المادة 1"),
        ("Heading 2", "المادة 2"),
    ]
    assert document.styles["Heading 1"].font.color.rgb == (0, 0, 0)  # not the template's blue


def test_docx_numbers_are_word_list_numbers_and_a_bis_is_typed(drafter):
    """Numbers Word's lists can print are Word's (continued, or a new list where the text skips
    one); "4bis" is typed, and the next paragraph is still 5."""
    instrument = services.instrument_create(by=drafter, slug="numbers", title="Numbers")
    version = services.version_create(instrument=instrument, by=drafter, label="Zero draft", original_language="ru")

    def add(kind, label, parent=None):
        return services.provision_create(
            version=version, by=drafter, kind=kind, label=label, parent=parent, texts={"ru": "Текст;"}
        )

    for label in ("3", "4", "4bis"):
        add("operative", label)
    letter = add("subparagraph", "(a)", add("operative", "5"))
    add("subparagraph", "(i)", letter)
    add("subparagraph", "(b)", letter.parent)
    data = version_docx(version, "ru")
    assert printed(data) == [
        "3.\tТекст;",
        "4.\tТекст;",
        "4bis.\tТекст;",
        "5.\tТекст;",
        "(а)\tТекст;",  # Cyrillic, as Russian texts print it
        "(i)\tТекст;",
        "(б)\tТекст;",
    ]
    typed = [p.text for p in paragraphs(data) if p._p.pPr.find(qn("w:numPr")) is None]
    assert typed == ["4bis.\tТекст;"]


def test_docx_header_has_symbol_and_date(drafter):
    document = docx.Document(BytesIO(version_docx(build(drafter), "fr")))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[:3] == ["A/HRC/35/35", "25 avril 2017", "Preliminary text"]


def test_docx_article_words_per_language(drafter):
    version = build(drafter)
    assert "Article 2" in printed(version_docx(version, "fr"))
    assert "المادة 2" in printed(version_docx(version, "ar"))
    assert "第2条" in printed(version_docx(version, "zh-hans"))


def test_docx_arabic_is_right_to_left(drafter):
    data = version_docx(build(drafter), "ar")
    document = docx.Document(BytesIO(data))
    for paragraph in document.paragraphs:
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None
        assert all(run.font.rtl for run in paragraph.runs if re.search("[\u0600-\u06ff]", run.text))
    symbol = document.sections[0].header.paragraphs[0]
    assert symbol.text == "A/HRC/35/35" and not symbol.runs[0].font.rtl  # Latin and digits stay left to right
    assert "(أ)\tأن تتعاون فيما بينها؛" in printed(data)  # Word's abjad numbering
    lang = document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "ar-SA"
    assert document.core_properties.language == "ar-SA"


def test_docx_english_is_left_to_right(drafter):
    document = docx.Document(BytesIO(version_docx(build(drafter), "en")))
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None for p in document.paragraphs)


def test_missing_note_is_in_the_language_of_the_text_whatever_the_interface():
    with translation.override("fr"):
        from_french_interface = missing_note("es")
    with translation.override("en"):
        assert missing_note("es") == from_french_interface
        assert missing_note("en") == "[Not yet available in English]"


def test_docx_missing_translation_is_a_placeholder_never_another_language(drafter):
    data = version_docx(build(drafter), "es")
    document = docx.Document(BytesIO(data))
    texts = printed(data)
    note = missing_note("es")
    assert note in texts  # a preambular paragraph
    assert f"1.\t{note}" in texts
    assert not any("Reaffirming" in text or "Everyone" in text for text in texts)
    placeholder = next(p for p in document.paragraphs if p.text == note)
    assert all(run.italic for run in placeholder.runs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_docx_imports_back_to_the_same_provisions(drafter, language):
    from drafts import importer

    version = build(drafter)
    document = importer.parse_document(importer.read_source(version_docx(version, language), "v1.docx"), language)
    labels = [p.label for p in document.provisions]
    parsed = [
        (p.kind, p.label, labels[p.parent] if p.parent is not None else None, p.text, p.footnotes)
        for p in document.provisions
    ]
    assert parsed == outline(version, language)
    assert document.title == version.value_in("title", language)


# --- Akoma Ntoso -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_akn_validates_against_the_schema(drafter, language):
    data = version_akn(build(drafter), language)
    assert validate_akn(data) == []


def test_akn_structure(drafter):
    version = build(drafter)
    root = akn_tree(version_akn(version, "fr"))
    statement = root.find("a:statement", AKN)
    assert statement.get("name") == "draftDeclaration"
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", AKN).get("language") == "fra"
    assert root.find(".//a:FRBRExpression/a:FRBRtranslation", AKN).get("fromLanguage") == "eng"
    assert root.find(".//a:docTitle", AKN).text == "Projet de déclaration sur le droit à la solidarité internationale"
    assert root.find(".//a:preamble/a:container/a:p", AKN).text == "Le Conseil des droits de l’homme,"
    recital = root.find(".//a:recital[@eId='recs_1__rec_1']", AKN)
    assert recital.find("a:num", AKN).text == "PP1"
    note = recital.find("a:p/a:authorialNote", AKN)
    assert (note.get("marker"), note.get("placement")) == ("1", "bottom")
    assert note.find("a:p", AKN).text == "Résolution 70/1 de l’Assemblée générale."
    assert root.find(".//a:mainBody/a:paragraph[@eId='para_1']/a:content/a:p", AKN).text.startswith("Adopte")
    article = root.find(".//a:article[@eId='art_1']", AKN)
    assert article.find("a:num", AKN).text == "Article 1"
    assert article.find("a:heading", AKN).text == "Droit à la solidarité internationale"
    point = root.find(".//a:point[@eId='art_1__para_2__list_1__point_b']", AKN)
    assert point.find("a:num", AKN).text == "(b)"
    assert (
        root.find(".//a:article[@eId='art_1']/a:paragraph[@eId='art_1__para_2']/a:intro/a:p", AKN).text == "Les États :"
    )
    assert root.find(".//a:mainBody/a:hcontainer[@name='crossHeading']/a:heading", AKN) is not None
    keys = {p.key for p in version.provisions.all()}
    assert {e.get("wId") for e in root.iter() if e.get("wId")} == keys


def test_akn_arabic_and_chinese_numbering(drafter):
    version = build(drafter)
    arabic = akn_tree(version_akn(version, "ar"))
    assert arabic.find(".//a:article[@eId='art_2']/a:num", AKN).text == "المادة 2"
    assert arabic.find(".//a:point[@eId='art_1__para_2__list_1__point_a']/a:num", AKN).text == "(أ)"
    chinese = akn_tree(version_akn(version, "zh-hans"))
    assert chinese.find(".//a:article[@eId='art_2']/a:num", AKN).text == "第2条"
    assert chinese.find(".//a:FRBRExpression/a:FRBRlanguage", AKN).get("language") == "zho"


def test_akn_missing_translation_is_marked_incomplete(drafter):
    data = version_akn(build(drafter), "es")
    assert validate_akn(data) == []
    root = akn_tree(data)
    recital = root.find(".//a:recital[@eId='recs_1__rec_1']", AKN)
    assert recital.get("status") == "incomplete"
    assert recital.find("a:p/a:placeholder", AKN).text == missing_note("es")
    assert b"Reaffirming" not in data


def test_akn_ids_are_unique_and_keys_are_kept_across_versions(drafter):
    v1 = build(drafter)
    v2 = services.version_copy(version=v1, by=drafter, label="Revised draft")
    article = v2.provisions.get(label="Article 2")
    services.provision_update(provision=article, by=drafter, base_revision=article.revision, label="Article 3")
    first, second = akn_tree(version_akn(v1, "en")), akn_tree(version_akn(v2, "en"))
    for root in (first, second):
        eids = [e.get("eId") for e in root.iter() if e.get("eId")]
        wids = [e.get("wId") for e in root.iter() if e.get("wId")]
        assert len(eids) == len(set(eids)) and len(wids) == len(set(wids))
    key = article.key
    assert first.find(f".//a:article[@wId='{key}']", AKN).get("eId") == "art_2"
    assert second.find(f".//a:article[@wId='{key}']", AKN).get("eId") == "art_3"


def test_akn_wid_of_a_key_that_is_not_an_xml_name(drafter):
    version = build(drafter, publish=False)
    provision = version.provisions.get(label="PP1")
    Provision.objects.filter(pk=provision.pk).update(key="1 odd key")
    data = version_akn(version, "en")
    assert validate_akn(data) == []
    assert akn_tree(data).find(".//a:recital[@eId='recs_1__rec_1']", AKN).get("wId") == "k_1_odd_key"


def test_akn_of_unusual_structures_validates(drafter):
    """Lettered items under a preambular paragraph, roman numerals under a letter, a preambular
    paragraph after the operative part, an article without paragraphs, and a line break."""
    instrument = services.instrument_create(by=drafter, slug="unusual", title="Unusual")
    version = services.version_create(instrument=instrument, by=drafter, label="Zero draft", original_language="ru")

    def add(kind, label, parent=None, text="Текст,\nвторая строка;"):
        return services.provision_create(
            version=version, by=drafter, kind=kind, label=label, parent=parent, texts={"ru": text}
        )

    pp1 = add("preamble", "PP1")
    add("subparagraph", "(a)", pp1)
    op1 = add("operative", "1")
    letter = add("subparagraph", "(a)", op1)
    add("subparagraph", "(i)", letter)
    add("preamble", "PP2")
    add("article", "Article 1")
    data = version_akn(version, "ru")
    assert validate_akn(data) == []
    root = akn_tree(data)
    assert root.find(".//a:recital/a:blockList/a:item/a:num", AKN).text == "(а)"  # Cyrillic
    assert root.find(".//a:point[@eId='para_1__list_1__point_a__list_1__point_i']/a:num", AKN).text == "(i)"
    assert root.find(".//a:mainBody/a:hcontainer[@name='preambularParagraph']", AKN) is not None
    assert root.find(".//a:recital/a:p/a:br", AKN) is not None


def test_exports_of_an_empty_version(drafter):
    instrument = services.instrument_create(by=drafter, slug="empty", title="Empty")
    version = services.version_create(instrument=instrument, by=drafter, label="Zero draft", original_language="fr")
    assert validate_akn(version_akn(version, "en")) == []
    assert [p.text for p in paragraphs(version_docx(version, "en"))] == ["Empty"]
    assert "<h1>Empty</h1>" in version_html(version, "en")


def test_validate_akn_reports_schema_errors_and_duplicate_ids():
    document = (
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="x">'
        b'<p eId="a" wId="w"/><p eId="a" wId="w"/></statement></akomaNtoso>'
    )
    problems = validate_akn(document)
    assert any("meta" in problem for problem in problems)
    assert sum("used twice" in problem for problem in problems) == 2
    assert validate_akn(b"<not xml") and "well-formed" in validate_akn(b"<not xml")[0]


def test_akn_golden(drafter):
    version = build(drafter, keys=True)
    data = version_akn(version, "en")
    assert_matches_golden(GOLDEN / "solidarity-v1-en.xml", data)


# --- Comparison -----------------------------------------------------------------------------------


def revise(drafter, v1):
    """Version 2: PP2 reworded, paragraph 1 of article 1 removed, new article 1 paragraph, OP1 relabelled."""
    v2 = services.version_copy(version=v1, by=drafter, label="Revised draft")
    pp2 = v2.provisions.get(label="PP2")
    services.provision_update(
        provision=pp2,
        by=drafter,
        base_revision=pp2.revision,
        text_en="Recalling with appreciation the report of the Independent Expert,",
    )
    article = v2.provisions.get(label="Article 1")
    services.provision_delete(provision=v2.provisions.get(label="1", parent=article), by=drafter)
    services.provision_create(
        version=v2,
        by=drafter,
        kind="paragraph",
        label="3",
        parent=article,
        after=v2.provisions.get(label="(b)"),
        texts={"en": "Solidarity is a principle of international law."},
    )
    return v2


def test_compare_akn_validates_and_marks_changes(drafter):
    v1 = build(drafter)
    v2 = revise(drafter, v1)
    data = version_compare_akn(v1, v2, "en")
    assert validate_akn(data) == []
    root = akn_tree(data)
    recital = root.find(".//a:recital[@eId='recs_1__rec_2']/a:p", AKN)
    assert [e.text for e in recital.findall("a:ins", AKN)] == [" with appreciation"]
    assert [e.text for e in recital.findall("a:del", AKN)] == [" on human rights and international solidarity"]
    removed = root.find(".//a:paragraph[@status='removed']", AKN)
    assert removed.find("a:content/a:p/a:del", AKN).text == "Everyone has the right to international solidarity."
    added = root.find(".//a:paragraph[@eId='art_1__para_3']/a:content/a:p/a:ins", AKN)
    assert added.text == "Solidarity is a principle of international law."


def test_compare_akn_shows_a_relabelled_number(drafter):
    v1 = build(drafter)
    v2 = services.version_copy(version=v1, by=drafter, label="Revised draft")
    article = v2.provisions.get(label="Article 2")
    services.provision_update(provision=article, by=drafter, base_revision=article.revision, label="Article 3")
    data = version_compare_akn(v1, v2, "fr")
    assert validate_akn(data) == []
    num = akn_tree(data).find(f".//a:article[@wId='{article.key}']/a:num", AKN)
    assert (num.find("a:del", AKN).text, num.find("a:ins", AKN).text) == ("Article 2", "Article 3")


# --- HTML ---------------------------------------------------------------------------------------


def test_html_is_standalone_with_language_and_direction(drafter):
    version = build(drafter)
    arabic = version_html(version, "ar")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "المادة 1" in arabic and "(أ)" in arabic and "انظر A/HRC/35/35، المرفق." in arabic
    english = version_html(version, "en")
    assert '<html lang="en" dir="ltr">' in english
    assert "<h1>Draft declaration on the right to international solidarity</h1>" in english
    assert not re.search(r"<(link|script)\b|src=|href=", english)
    spanish = version_html(version, "es")
    assert escape(missing_note("es")) in spanish and "Everyone" not in spanish


# --- Views ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("html", "text/html; charset=utf-8"),
        ("xml", "application/xml; charset=utf-8"),
    ],
)
def test_export_views_answer_with_the_file(client, drafter, fmt, content_type):
    build(drafter)
    response = client.get(f"/en/texts/solidarity/v1/export.{fmt}?text=ar")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    # The print HTML opens in the browser, to be read or printed there; the others are saved.
    disposition = "inline" if fmt == "html" else "attachment"
    assert response["Content-Disposition"] == f'{disposition}; filename="solidarity-v1-ar.{fmt}"'


def test_export_text_language_defaults_to_the_interface_language(client, drafter):
    build(drafter)
    response = client.get("/fr/texts/solidarity/v1/export.xml")
    assert response["Content-Disposition"] == 'attachment; filename="solidarity-v1-fr.xml"'
    assert b'language="fra"' in response.content


def test_export_views_404_for_unknown_and_unpublished(client, drafter):
    build(drafter)
    build(drafter, slug="unpublished", publish=False)
    assert client.get("/en/texts/solidarity/v1/export.pdf").status_code == 404
    assert client.get("/en/texts/solidarity/v1/export.xml?text=xx").status_code == 404
    assert client.get("/en/texts/solidarity/v9/export.xml").status_code == 404
    assert client.get("/en/texts/unpublished/v1/export.docx").status_code == 404
    client.force_login(drafter)
    assert client.get("/en/texts/unpublished/v1/export.docx").status_code == 200


def test_compare_export_view(client, drafter):
    v1 = build(drafter)
    revise(drafter, v1)
    url = "/en/texts/solidarity/compare/export.xml"
    assert client.get(f"{url}?from=1&to=2").status_code == 404  # version 2 is not published
    assert client.get(f"{url}?from=1").status_code == 404
    assert client.get(f"{url}?from=1&to=x").status_code == 404
    client.force_login(drafter)
    response = client.get(f"{url}?from=1&to=2&text=fr")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="solidarity-v1-v2-fr.xml"'
    assert validate_akn(response.content) == []
    assert client.get(f"{url}?from=1&to=2&text=xx").status_code == 404


# --- The demo versions (real UN texts) -----------------------------------------------------


@pytest.fixture
def demo_versions():
    from drafts.demo import texts_load
    from drafts.models import Version
    from portal.demo import people_load
    from portal.models import User

    people_load()
    texts_load(by=User.objects.get(email="drafter@example.org"))
    return list(Version.objects.order_by("instrument__slug", "number"))


def test_akn_of_every_demo_version_in_every_language_it_has_validates(demo_versions):
    checked = 0
    for version in demo_versions:
        languages = {code for p in version.provisions.all() for code in p.languages_with("text")}
        assert version.original_language in languages
        for language in languages:
            assert validate_akn(version_akn(version, language)) == [], (version, language)
            checked += 1
    assert checked == len(demo_versions)  # each demo version exists in its original language


def test_demo_versions_share_wids_for_the_same_key(demo_versions):
    first, second = [v for v in demo_versions if v.instrument.slug == "hrc53-international-cooperation"]
    wids = []
    for version in (first, second):
        root = etree.fromstring(version_akn(version, "fr"))
        wids.append({element.get("wId") for element in root.iter() if element.get("wId")})
    assert wids[0] == wids[1] and len(wids[0]) == first.provisions.count()


def test_demo_resolution_round_trips_through_docx(demo_versions):
    from drafts import importer

    version = [v for v in demo_versions if v.instrument.slug == "hrc53-international-cooperation"][-1]
    document = importer.parse_document(importer.read_source(version_docx(version, "fr"), "v2.docx"), "fr")
    labels = [p.label for p in document.provisions]
    parsed = [
        (p.kind, p.label, labels[p.parent] if p.parent is not None else None, p.text, p.footnotes)
        for p in document.provisions
    ]
    assert parsed == outline(version, "fr")


def test_demo_arabic_report_round_trips_through_docx(demo_versions):
    from drafts import importer

    version = [v for v in demo_versions if v.instrument.slug == "ie-report-2013"][0]
    document = importer.parse_document(importer.read_source(version_docx(version, "ar"), "report.docx"), "ar")
    labels = [p.label for p in document.provisions]
    parsed = [
        (p.kind, p.label, labels[p.parent] if p.parent is not None else None, p.text, p.footnotes)
        for p in document.provisions
    ]
    assert parsed == outline(version, "ar")


def test_export_of_a_text_not_in_the_interface_language_defaults_to_its_original(client, drafter):
    """A French-only version exported from the English interface is exported in French, not as
    a document of placeholders."""
    instrument = services.instrument_create(by=drafter, slug="only-french", title="Seulement en français")
    version = services.version_create(instrument=instrument, by=drafter, label="Un", original_language="fr")
    services.provision_create(version=version, by=drafter, kind="operative", label="1", texts={"fr": "Décide."})
    services.version_publish(version=version, by=drafter, untranslated_ok=True)
    response = client.get("/en/texts/only-french/v1/export.html")
    assert response["Content-Disposition"] == 'inline; filename="only-french-v1-fr.html"'
    assert "Décide." in response.content.decode()
