"""Front matter, adoption block, "not a resolution" and broken Word files.

Real front matter in the six languages and real adoption blocks (without a vote, and by a
recorded vote with the States in favour and against, in English) are tested on the corpus in
test_import_corpus.py. No real adoption block with all three lists of States, nor any in the
other five languages, could be found (see corpus/README.md), so the texts here are MADE UP in
the layout of Human Rights Council resolutions; the States named in the votes are fictional.
They are not UN documents."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from drafts.importer import DocumentRejected, import_bytes, read_source

from .word_builder import ListLevel, WordFile, with_parts

# Made-up, in the layout of an adopted Human Rights Council resolution (as text from a PDF).
MADE_UP_RESOLUTION = """United Nations
A/HRC/RES/99/1
General Assembly
Distr.: General
15 July 2099
Original: English

Human Rights Council
Ninety-ninth session
18 June–12 July 2099
Agenda item 3
Promotion and protection of all human rights, civil,
political, economic, social and cultural rights,
including the right to development

Resolution adopted by the Human Rights Council on 11 July 2099

99/1. A made-up title for a test

The Human Rights Council,

Recalling a made-up resolution,

1. Decides one made-up thing;

2. Decides to remain seized of the matter.

50th meeting
11 July 2099

[Adopted by a recorded vote of 3 to 2, with 1 abstention. The voting was as follows:

In favour:
Arcadia, Borduria and Freedonia and Sylvania

Against:
Syldavia and Ruritania

Abstaining:
Zenda]
"""


def parse(text, language="en"):
    return import_bytes(text.encode(), "made-up.txt", language)


def test_front_matter_becomes_metadata_and_no_provision():
    document = parse(MADE_UP_RESOLUTION)
    assert document.title == "A made-up title for a test"
    assert document.metadata | {} == {
        "organ": ["United Nations", "General Assembly", "Human Rights Council"],
        "symbol": ["A/HRC/RES/99/1"],
        "distribution": "Distr.: General",
        "date_text": "15 July 2099",
        "date": "2099-07-15",
        "original": "Original: English",
        "original_language": "en",
        "session": "Ninety-ninth session",
        "session_dates": "18 June–12 July 2099",
        "agenda_item": "Agenda item 3",
        "agenda_title": "Promotion and protection of all human rights, civil, political, economic, social and "
        "cultural rights, including the right to development",
        "adopted": "Resolution adopted by the Human Rights Council on 11 July 2099",
        "number": "99/1.",
    }
    assert [(p.kind, p.label) for p in document.provisions] == [
        ("heading", "H1"),
        ("preamble", "PP1"),
        ("operative", "1"),
        ("operative", "2"),
    ]
    assert document.warnings == [] and document.doubts == []


def test_adoption_block_is_structured_data_never_provisions():
    document = parse(MADE_UP_RESOLUTION)
    adoption = document.adoption
    assert adoption["line"] == 28
    assert (adoption["meeting"], adoption["date"], adoption["method"]) == (
        "50th meeting",
        "2099-07-11",
        "recorded_vote",
    )
    assert adoption["counts"] == {"in_favour": 3, "against": 2, "abstaining": 1}
    assert adoption["votes"] == {
        "in_favour": ["Arcadia", "Borduria", "Freedonia and Sylvania"],  # names as written
        "against": ["Syldavia", "Ruritania"],
        "abstaining": ["Zenda"],
    }
    assert adoption["text"].startswith("50th meeting\n11 July 2099\n[Adopted")
    assert document.provisions[-1].text == "Decides to remain seized of the matter."


@pytest.mark.parametrize(
    ("language", "block", "method", "counts"),
    [
        ("fr", "12e séance\n3 avril 2099\n[Adoptée sans vote.]", "without_vote", None),
        ("es", "12ª sesión\n3 de abril de 2099\n[Aprobada sin votación.]", "without_vote", None),
        ("ru", "12-е заседание\n3 апреля 2099 года\n[Принята без голосования.]", "without_vote", None),
        ("ar", "الجلسة 12\n3 نيسان/أبريل 2099\n[اعتُمد دون تصويت.]", "without_vote", None),
        (
            "zh-hans",
            "第12次会议\n2099年4月3日\n[以3票赞成、2票反对、0票弃权，经记录表决获得通过。]",
            "recorded_vote",
            [3, 2, 0],
        ),
    ],
)
def test_adoption_block_in_each_language(language, block, method, counts):
    text = f"1. Made-up paragraph.\n\n{block}\n"
    document = parse(text, language)
    assert document.adoption["method"] == method
    assert document.adoption["date"] == "2099-04-03"
    if counts:
        assert list(document.adoption["counts"].values()) == counts
    assert len(document.provisions) == 1


def test_dry_run_json_prints_metadata_and_adoption(tmp_path):
    path = tmp_path / "made-up.txt"
    path.write_text(MADE_UP_RESOLUTION, encoding="utf-8")
    out = StringIO()
    call_command("import_draft", str(path), "--language", "en", "--dry-run", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["metadata"]["symbol"] == ["A/HRC/RES/99/1"]
    assert data["adoption"]["counts"]["in_favour"] == 3


# --- Not a resolution or declaration -------------------------------------------------------------
def test_a_text_that_is_no_un_text_says_so_with_reasons():
    made_up_page = "\n".join(
        ["Made-up web page", "", "Some sentence here.", "", "Another sentence.", "", "- a bullet", "- another bullet"]
    )
    document = parse(made_up_page)
    assert len(document.doubts) >= 2
    assert any("No operative paragraph and no article" in doubt for doubt in document.doubts)
    assert parse(MADE_UP_RESOLUTION).doubts == []


@pytest.mark.django_db
def test_preview_shows_doubts_and_offers_plain_paragraphs(client, drafter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from drafts import services
    from drafts.models import ImportDraft

    services.instrument_create(by=drafter, slug="coop", title="Coop")
    client.force_login(drafter)
    content = b"Made-up web page\n\nSome sentence here.\n\nAnother sentence.\n"
    data = {"document": SimpleUploadedFile("page.txt", content), "language": "en", "label": "L", "symbol": ""}
    url = client.post("/en/texts/coop/import/", data)["Location"]
    page = client.get(url).content.decode()
    assert "does not look like a resolution or a declaration" in page
    client.post(url, {"action": "plain"})
    rows = ImportDraft.objects.get().rows
    assert [(row["kind"], row["label"], row["parent"]) for row in rows] == [
        ("paragraph", str(n), None) for n in range(1, len(rows) + 1)
    ]


@pytest.mark.django_db
def test_saved_version_keeps_metadata_adoption_and_the_akn_uses_them(client, drafter):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from lxml import etree

    from drafts import services
    from drafts.exports.akn import version_akn
    from drafts.models import Version

    services.instrument_create(by=drafter, slug="coop", title="Coop")
    client.force_login(drafter)
    upload = SimpleUploadedFile("r.txt", MADE_UP_RESOLUTION.encode())
    url = client.post("/en/texts/coop/import/", {"document": upload, "language": "en", "label": "L", "symbol": ""})[
        "Location"
    ]
    page = client.get(url).content.decode()
    assert "A/HRC/RES/99/1" in page and "Arcadia" in page
    client.post(url, {"action": "save"})
    version = Version.objects.get()
    assert version.symbol == "A/HRC/RES/99/1" and version.date.isoformat() == "2099-07-15"
    assert version.metadata["session"] == "Ninety-ninth session"
    assert version.adoption["votes"]["abstaining"] == ["Zenda"]
    root = etree.fromstring(version_akn(version, "en"))
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert root.find(".//a:FRBRWork/a:FRBRnumber", ns).get("value") == "A/HRC/RES/99/1"
    assert root.find(".//a:FRBRWork/a:FRBRdate", ns).get("date") == "2099-07-15"


# --- Broken Word files ---------------------------------------------------------------------------
def numbered_docx(num_id=1, notes=()):
    word = WordFile()
    numbers = word.instance(word.abstract(ListLevel("decimal", "%1.")))
    word.paragraph("Made-up paragraph.", numbers if num_id == 1 else num_id, notes=notes)
    return word


def test_word_numbering_that_refers_to_a_missing_list_is_refused_naming_the_part_and_paragraph():
    word = numbered_docx(num_id=7)
    with pytest.raises(DocumentRejected) as refused:
        read_source(word.save())
    assert refused.value.code == "numbering"
    assert "word/numbering.xml" in refused.value.messages[0] and "1" in refused.value.messages[0]


def test_a_footnote_referenced_but_missing_is_refused_naming_the_part():
    word = numbered_docx(notes=("A made-up note.",))
    data = with_parts(
        word.save(),
        {"word/footnotes.xml": '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'},
    )
    with pytest.raises(DocumentRejected) as refused:
        read_source(data)
    assert refused.value.code == "note_missing"
    assert "word/footnotes.xml" in refused.value.messages[0]


def test_an_archive_with_too_many_entries_is_refused_before_reading():
    word = numbered_docx()
    data = with_parts(word.save(), {f"customXml/item{n}.xml": "<x/>" for n in range(1001)})
    with pytest.raises(ValidationError) as refused:  # portal.uploads.inspect_zip, shared with the uploads
        read_source(data)
    assert refused.value.code == "zip_entries"


def test_not_utf8_names_the_line():
    with pytest.raises(DocumentRejected) as refused:
        read_source("Line one\nLine two\nRésolution".encode("latin-1"))
    assert refused.value.code == "encoding" and "3" in refused.value.messages[0]


def test_word_lists_restart_and_keep_counting_across_instances():
    word = WordFile()
    abstract = word.abstract(ListLevel("decimal", "%1."), ListLevel("lowerRoman", "(%2)"))
    first, second = word.instance(abstract), word.instance(abstract)
    restarted = word.instance(abstract, restart_at={0: 1})
    word.paragraph("One.", first)
    word.paragraph("Point.", first, level=1)
    word.paragraph("Two, continued by another instance.", second)
    word.paragraph("One again.", restarted)
    numbers = [(line.number.printed, line.number.level) for line in read_source(word.save())]
    assert numbers == [("1.", 0), ("(i)", 1), ("2.", 0), ("1.", 0)]
