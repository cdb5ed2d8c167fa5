"""Comment exports (CSV, XLSX, JSON) and the DOCX compilation: golden files, audiences,
formula injection, filters, bad input, and streaming in a constant number of queries.

Golden files are in tests/consultations/golden/ (tests/golden.py says how to rewrite them).
"""

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx.oxml.ns import qn
from openpyxl.utils.escape import unescape

from consultations import services
from consultations.exports.xlsx import sheet_name
from consultations.models import Campaign, Comment, CoSignature, CoSignatureStatus
from consultations.selectors.exports import CHUNK_SIZE
from drafts import services as text_services
from drafts.exports.tree import missing_note
from drafts.models import Provision
from portal import roles
from portal.models import MembershipRole, OrganizationKind
from tests.consultations.fixtures import article_with_two_paragraphs, make_round
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.golden import assert_matches_golden
from tests.libreoffice import laid_out

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"
ROUND_ID = 501
ARABIC = "ينبغي أن يشمل التضامن الدولي الشعوب أيضا."
EXPORT = f"/en/exports/rounds/{ROUND_ID}/comments"


def at(day):
    return datetime(2026, 3, day, 9, 0, tzinfo=UTC)


@pytest.fixture
def text(drafter):
    """A published version whose provision keys are fixed (set while it was still editing)."""
    instrument = text_services.instrument_create(by=drafter, slug="declaration", title="Draft declaration")
    version = text_services.version_create(
        instrument=instrument, by=drafter, label="Preliminary text", original_language="en", symbol="A/HRC/WG/1"
    )
    article, first, second = article_with_two_paragraphs(
        version,
        drafter,
        article={"en": "Right to international solidarity"},
        first={"en": "Everyone has the right to international solidarity.", "ar": "لكل فرد الحق في التضامن الدولي."},
        second={"en": "States shall cooperate."},
    )
    for provision, key in ((article, "art1"), (first, "art1-1"), (second, "art1-2")):
        Provision.objects.filter(pk=provision.pk).update(key=key)
    return text_services.version_publish(version=version, by=drafter, untranslated_ok=True)


def person(email, organization=None):
    role = MembershipRole.EXPERT if organization is None else MembershipRole.DELEGATE
    return MembershipFactory(
        user=UserFactory(email=email, display_name=email.split("@")[0].title()), organization=organization, role=role
    ).user


@pytest.fixture
def dataset(text):
    """Every case an export must handle, with fixed ids and dates (stable across databases)."""
    round = make_round(text, pk=ROUND_ID)

    def state(name, code, region):
        return OrganizationFactory(
            name_en=name, kind=OrganizationKind.MEMBER_STATE, country=code, regional_group=region
        )

    brazil, ethiopia, egypt, cuba = (
        state("Brazil", "BR", "grulac"),
        state("Ethiopia", "ET", "african"),
        state("Egypt", "EG", "african"),
        state("Cuba", "CU", "grulac"),
    )
    ngo = OrganizationFactory(
        name_en="Solidarity NGO", kind=OrganizationKind.NGO, country="KE", regional_group="african"
    )
    authors = {
        org: person(f"{org.name_en.split()[0].lower()}@example.org", org) for org in (brazil, ethiopia, egypt, ngo)
    }
    expert = person("expert@example.org")
    first, second = (Provision.objects.get(version=text, key=key) for key in ("art1-1", "art1-2"))
    rows = [
        # id, organization, provision, fields
        (1001, brazil, first, {"position": "support", "text": "Brazil supports this paragraph."}),
        (1002, ethiopia, first, {"position": "oppose", "text": "Too broad.", "confidentiality": "anonymous"}),
        (1003, egypt, first, {"text": ARABIC, "language": "ar"}),
        (
            1004,
            brazil,
            first,
            {
                "kind": "amendment",
                "text": "Name peoples too.",
                "proposed_text": "Everyone and all peoples have the right to international solidarity.",
            },
        ),
        (
            1005,
            ngo,
            None,
            {"text": "A general remark on the declaration.", "on_behalf_note": "on behalf of a coalition of 12 NGOs"},
        ),
        (1006, None, second, {"text": "Cooperation needs means."}),
        (1007, brazil, second, {"text": "Confidential note.", "confidentiality": "secretariat"}),
        (1008, ngo, second, {"text": "Awaiting review.", "state": "pending"}),
        (1009, ethiopia, second, {"text": "Withdrawn words.", "withdrawn_at": at(20)}),
        (1010, ngo, first, {"text": "A reply to Brazil.", "parent_id": 1001, "depth": 1}),
        (1011, ngo, second, {"text": "Advertising.", "state": "rejected", "moderation_reason": "Off topic."}),
    ]
    Comment.objects.bulk_create(
        Comment(
            pk=pk,
            round=round,
            version=text,
            provision=provision,
            organization=organization,
            author=authors[organization] if organization else expert,
            created_at=at(pk - 1000),
            **{"language": "en", "state": "published", **fields},
        )
        for pk, organization, provision, fields in rows
    )
    Comment.objects.update(updated_at=at(21))
    CoSignature.objects.create(comment_id=1001, organization=cuba, status=CoSignatureStatus.CONFIRMED)
    # Brazil's words sent again by Egypt: a campaign of two.
    Comment.objects.bulk_create(
        [
            Comment(
                pk=1012,
                round=round,
                version=text,
                provision=first,
                organization=egypt,
                author=authors[egypt],
                created_at=at(12),
                updated_at=at(21),
                language="en",
                state="published",
                text="Brazil supports this paragraph! Keep it as it is.",
            )
        ]
    )
    campaign = Campaign.objects.create(pk=7, round=round, representative_id=1001, size=2)
    Comment.objects.filter(pk__in=[1001, 1012]).update(campaign=campaign, updated_at=at(21))
    return round


def body(response):
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


def exported_ids(client, query=""):
    return [row["id"] for row in json.loads(body(client.get(f"{EXPORT}.json?{query}")))]


def xlsx_values(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


# --- Golden files -------------------------------------------------------------------------------


def test_csv_matches_its_golden_file(client, dataset):
    response = client.get(f"{EXPORT}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="round-{ROUND_ID}-comments.csv"'
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert_matches_golden(GOLDEN / "comments.csv", content)


@pytest.mark.parametrize(("audience", "query"), [("public", ""), ("secretariat", "?audience=secretariat")])
def test_json_matches_its_golden_file_for_each_audience(client, dataset, secretariat, audience, query):
    if audience == "secretariat":
        client.force_login(secretariat)
    assert_matches_golden(GOLDEN / f"comments.{audience}.json", body(client.get(f"{EXPORT}.json{query}")))


def test_xlsx_matches_its_golden_file_with_frozen_header_and_right_to_left_arabic(client, dataset):
    response = client.get(f"{EXPORT}.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content = body(response)
    rows = xlsx_values(content)["Comments"]
    assert_matches_golden(
        GOLDEN / "comments.xlsx.jsonl", "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Comments"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    arabic = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == 1003)[header.index("text")]
    english = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == 1001)[header.index("text")]
    assert arabic.value == ARABIC and arabic.alignment.readingOrder == 2
    assert english.alignment.readingOrder in (0, None)


def test_xlsx_by_provision_has_one_sheet_per_provision(client, dataset):
    sheets = xlsx_values(body(client.get(f"{EXPORT}.xlsx?layout=by_provision")))
    assert list(sheets) == ["Article 1 › 1", "Article 1 › 2", "General comments"]
    assert [row[0] for row in sheets["Article 1 › 1"][1:]] == [1001, 1002, 1003, 1004, 1010, 1012]
    assert all(rows[0][0] == "id" for rows in sheets.values())


def test_xlsx_by_provision_follows_a_paragraph_into_later_versions(client, dataset, drafter):
    later = text_services.version_publish(
        version=text_services.version_copy(version=dataset.version, by=drafter, label="Revised"),
        by=drafter,
        untranslated_ok=True,
    )
    author = Comment.objects.get(pk=1001).author
    services.comment_create(
        round=make_round(later),
        author=author,
        capacity_key=str(author.memberships.get().organization_id),
        provision=later.provisions.get(key="art1-1"),
        text="Still too narrow.",
        language="en",
    )
    sheets = xlsx_values(body(client.get("/en/exports/texts/declaration/comments.xlsx?layout=by_provision")))
    assert list(sheets) == ["Article 1 › 1", "Article 1 › 2", "General comments"]
    header, *rows = sheets["Article 1 › 1"]
    assert rows[-1][header.index("text")] == "Still too narrow."


def test_sheet_names_are_valid_and_unique():
    taken = set()
    names = [
        sheet_name(label, taken)
        for label in ("Article 1 › (a)", "Art. [2]: a/b?", "x" * 40, "x" * 40, "'quoted'", "HISTORY", "", "X" * 31)
    ]
    assert names[:3] == ["Article 1 › (a)", "Art. _2__ a_b_", "x" * 31]
    assert names[3] == "x" * 27 + " (2)" and names[4] == "quoted" and names[5] == "HISTORY_" and names[6] == "Sheet"
    assert names[7] == "X" * 27 + " (3)"  # Excel compares sheet names without case
    assert all(len(name) <= 31 for name in names) and len({name.casefold() for name in names}) == len(names)


# --- Audiences ----------------------------------------------------------------------------------


def test_public_export_honours_confidentiality(client, dataset):
    rows = {row["id"]: row for row in json.loads(body(client.get(f"{EXPORT}.json")))}
    assert sorted(rows) == [1001, 1002, 1003, 1004, 1005, 1006, 1010, 1012]  # no secret, pending, withdrawn, rejected
    assert [(rows[pk]["campaign"], rows[pk]["campaign_size"]) for pk in (1001, 1012, 1002)] == [
        (7, 2),
        (7, 2),
        (None, None),
    ]
    anonymous = rows[1002]
    assert anonymous["organization"] is None and anonymous["author_name"] is None
    assert (anonymous["organization_kind"], anonymous["regional_group"]) == ("member_state", "african")
    assert (
        rows[1001]["organization"] == "Brazil"
        and rows[1001]["author_name"] is None
        and rows[1001]["cosigners"] == "Cuba"
    )
    assert rows[1006]["organization_kind"] == "independent_expert" and rows[1006]["author_name"] == "Expert"
    assert "moderation_reason" not in rows[1001] and "author_email" not in rows[1001]
    text = body(client.get(f"{EXPORT}.csv")).decode("utf-8-sig")
    assert "Ethiopia" not in text and "ethiopia@example.org" not in text and "Confidential note" not in text


def test_secretariat_export_has_everything(client, dataset, secretariat):
    client.force_login(secretariat)
    rows = {row["id"]: row for row in json.loads(body(client.get(f"{EXPORT}.json?audience=secretariat")))}
    assert sorted(rows) == list(range(1001, 1013))
    assert rows[1002]["organization"] == "Ethiopia" and rows[1002]["confidentiality"] == "anonymous"
    assert rows[1007]["confidentiality"] == "secretariat" and rows[1008]["state"] == "pending"
    assert rows[1009]["withdrawn"] is True and rows[1011]["moderation_reason"] == "Off topic."
    assert rows[1001]["author_email"] == "brazil@example.org"


@pytest.mark.parametrize(
    "who", ["anonymous", "ngo member", "secretariat without a second factor", "drafter without a second factor"]
)
def test_secretariat_audience_is_refused_to_others(client, dataset, role_user, who):
    users = {
        "ngo member": lambda: person("member@example.org", OrganizationFactory(kind=OrganizationKind.NGO)),
        "secretariat without a second factor": lambda: role_user(roles.SECRETARIAT, is_staff=True),
        "drafter without a second factor": lambda: role_user(roles.DRAFTERS, is_staff=True),
    }
    if who in users:
        client.force_login(users[who]())
    for url in (
        f"{EXPORT}.csv",
        f"{EXPORT}.xlsx",
        f"{EXPORT}.json",
        "/en/exports/texts/declaration/v1/compilation.docx",
    ):
        assert client.get(url, {"audience": "secretariat"}).status_code == 403, url


def test_drafter_with_a_second_factor_may_export_everything(client, dataset, drafter):
    client.force_login(drafter)
    assert 1007 in [row["id"] for row in json.loads(body(client.get(f"{EXPORT}.json?audience=secretariat")))]


# --- Formula injection --------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil","x")', "+1", "-1", "@SUM(A1)"]


@pytest.fixture
def formulas(dataset):
    brazil = Comment.objects.get(pk=1001)
    Comment.objects.bulk_create(
        Comment(
            pk=2001 + n,
            round=dataset,
            version=dataset.version,
            author=brazil.author,
            organization=brazil.organization,
            text=formula,
            language="en",
            state="published",
            created_at=at(25),
        )
        for n, formula in enumerate(FORMULAS)
    )


def test_formulas_are_neutralized_in_csv(client, formulas):
    reader = csv.DictReader(io.StringIO(body(client.get(f"{EXPORT}.csv")).decode("utf-8-sig")))
    texts = {int(row["id"]): row["text"] for row in reader}
    assert [texts[2001 + n] for n in range(4)] == ["'" + formula for formula in FORMULAS]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is PostgreSQL's (elsewhere the reference path is the export)"
)
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_postgresql_writes_the_same_csv_as_the_python_reference(dataset, formulas, language):
    """The CSV that PostgreSQL's COPY writes is, byte for byte, the one Python writes from
    export_rows(): every audience, filter, language of names, and awkward content."""
    from django.test import RequestFactory
    from django.utils import translation

    from consultations.exports.csv_export import comments_csv, csv_rows_by_copy
    from consultations.exports.filters import PUBLIC, SECRETARIAT, ExportFilterForm
    from consultations.selectors.exports import Permalinks, columns_for, comment_export_rows
    from portal.tabular import csv_header, csv_stream

    brazil, cuba = Comment.objects.get(pk=1001).organization, CoSignature.objects.get().organization
    brazil.name_fr, cuba.name_fr = "Brésil", 'Cuba, "La" République'
    brazil.save()
    cuba.save()
    for name in ("Égypte", "Zambia", "Åland, Friends of", '"Quoted" NGO\nwith a line break', "=Formula Org"):
        CoSignature.objects.create(
            comment_id=1001,
            organization=OrganizationFactory(name_en=name, kind=OrganizationKind.NGO),
            status=CoSignatureStatus.CONFIRMED,
        )
    Comment.objects.filter(pk=1005).update(
        text='Line one\nline "two", with commas\n\n-three', on_behalf_note='+on behalf, of "all"'
    )
    Comment.objects.filter(pk=1006).update(proposed_text="", moderation_reason="@reason")
    permalink = Permalinks(RequestFactory().get("/"))
    form = lambda data: ExportFilterForm(data, provisions=Provision.objects.filter(version=dataset.version))  # noqa: E731
    cases = [
        ({}, PUBLIC),
        ({"audience": "secretariat"}, SECRETARIAT),
        ({"audience": "secretariat", "state": "pending"}, SECRETARIAT),
        ({"provision": "art1-1", "position": "oppose"}, PUBLIC),
        ({"provision": "general"}, PUBLIC),
        ({"organization_kind": "independent_expert"}, PUBLIC),
    ]
    with translation.override(language):
        for data, audience in cases:
            filters = form(data)
            assert filters.is_valid(), filters.errors
            query = {
                "scope": {"round": dataset},
                "filters": filters.cleaned_data,
                "audience": audience,
                "permalink": permalink,
            }
            reference = b"".join(csv_stream(comment_export_rows(**query), columns_for(audience)))
            by_copy = csv_header(columns_for(audience)) + b"".join(csv_rows_by_copy(**query))
            assert reference.count(b"\n") > 1, data
            assert by_copy == reference, (data, by_copy.decode(), reference.decode())
            assert b"".join(comments_csv(**query)) == reference


def test_formulas_are_neutralized_in_xlsx(client, formulas):
    sheet = openpyxl.load_workbook(io.BytesIO(body(client.get(f"{EXPORT}.xlsx"))))["Comments"]
    text_column = [cell.value for cell in sheet[1]].index("text")
    cells = {row[0].value: row[text_column] for row in sheet.iter_rows(min_row=2)}
    for n, formula in enumerate(FORMULAS):
        cell = cells[2001 + n]
        assert cell.value == "'" + formula and cell.data_type == "s"


AWKWARD = [
    "<r>not a rich string</r>",
    'Tom & Jerry <b>bold</b> "quoted"',
    "a literal _x0041_ and _x005F_",
    "a bell\x07, a tab\t and a form feed\x0c",
    "  spaces kept at both ends  ",
    "Line one\r\nline two\n\nline four",
    "التضامن & <الدولي>",
    "\ufffe non-characters \uffff",
]


def test_xlsx_cells_hold_awkward_texts_exactly(client, dataset):
    """XML's special characters, control characters, Excel's own escapes and spaces at the ends
    come back from the workbook as they were written; the Arabic one reads right to left."""
    brazil = Comment.objects.get(pk=1001)
    Comment.objects.bulk_create(
        Comment(
            pk=3001 + n,
            round=dataset,
            version=dataset.version,
            author=brazil.author,
            text=text,
            language="en",
            organization=brazil.organization,
            state="published",
            created_at=at(26),
        )
        for n, text in enumerate(AWKWARD)
    )
    for layout in ("", "?layout=by_provision"):
        workbook = openpyxl.load_workbook(io.BytesIO(body(client.get(f"{EXPORT}.xlsx{layout}"))))
        sheet = workbook["Comments"] if not layout else workbook["General comments"]
        text_column = [cell.value for cell in sheet[1]].index("text")
        cells = {row[0].value: row[text_column] for row in sheet.iter_rows(min_row=2)}
        # openpyxl leaves inline strings' _xHHHH_ escapes as they are; Excel reads them back.
        assert [unescape(cells[3001 + n].value) for n in range(len(AWKWARD))] == AWKWARD
        assert [cells[3001 + n].alignment.readingOrder == 2 for n in range(len(AWKWARD))] == [
            text == "التضامن & <الدولي>" for text in AWKWARD
        ]


def test_json_keeps_text_as_written(client, formulas):
    texts = {row["id"]: row["text"] for row in json.loads(body(client.get(f"{EXPORT}.json")))}
    assert [texts[2001 + n] for n in range(4)] == FORMULAS


# --- Filters, scopes and bad input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("organization_kind=member_state&regional_group=african", [1002, 1003, 1012]),
        ("organization_kind=independent_expert", [1006]),
        ("provision=general", [1005]),
        ("provision=art1-2", [1006]),
        ("language=ar", [1003]),
        ("position=oppose", [1002]),
        ("kind=amendment", [1004]),
        ("from=2026-03-03&to=2026-03-05", [1003, 1004, 1005]),
        ("audience=secretariat&state=pending", [1008]),
    ],
)
def test_filters(client, dataset, secretariat, query, ids):
    client.force_login(secretariat)
    assert sorted(exported_ids(client, query)) == ids


def test_version_and_instrument_exports_hold_the_round_comments(client, dataset):
    expected = exported_ids(client)
    for url in ("/en/exports/texts/declaration/v1/comments.json", "/en/exports/texts/declaration/comments.json"):
        assert [row["id"] for row in json.loads(body(client.get(url)))] == expected


def test_permalinks_point_to_the_comment_in_the_request_language(client, dataset):
    rows = {row["id"]: row for row in json.loads(body(client.get(f"/fr/exports/rounds/{ROUND_ID}/comments.json")))}
    assert rows[1001]["permalink"] == "http://testserver/fr/consultation/comments/1001/"
    landing = client.get(rows[1001]["permalink"])
    assert landing.status_code == 302 and landing["Location"].endswith(
        f"/fr/consultation/rounds/{ROUND_ID}/comments/art1-1/?page=1#comment-1001"
    )
    assert client.get(rows[1005]["permalink"])["Location"].endswith(
        f"/rounds/{ROUND_ID}/comments/general/?page=1#comment-1005"
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=poem", "Kind of contribution"),
        ("language=xx", "Language of writing"),
        ("from=2026-13-45", "Enter a valid date"),
        ("from=2026-03-05&to=2026-03-01", "The start date is after the end date"),
        ("organization_kind=planet", "Kind of organization"),
        ("provision=nowhere", "No provision of this text has the key “nowhere”"),
        ("audience=everyone", "Audience"),
        ("layout=diagonal", "Spreadsheet layout"),
        ("headings=xx", "headings"),
    ],
)
def test_unknown_filter_values_are_a_400_with_a_message(client, dataset, query, message):
    for url in (f"{EXPORT}.csv", f"{EXPORT}.xlsx", "/en/exports/texts/declaration/v1/compilation.docx"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, url
        assert message in response.content.decode()


def test_bad_input_message_is_translated(client, dataset):
    response = client.get(f"/fr/exports/rounds/{ROUND_ID}/comments.csv?from=demain")
    assert response.status_code == 400 and "Saisissez une date valide" in response.content.decode()


def test_unknown_format_or_subject_is_a_404(client, dataset):
    assert client.get(f"{EXPORT}.pdf").status_code == 404
    assert client.get("/en/exports/rounds/999999/comments.csv").status_code == 404
    assert client.get("/en/exports/texts/declaration/v9/comments.csv").status_code == 404


# --- The export page ----------------------------------------------------------------------------


def test_export_page_lists_links_and_carries_the_filters(client, dataset, secretariat):
    html = client.get("/en/exports/").content.decode()
    assert (
        f"/en/exports/rounds/{ROUND_ID}/comments.csv?" in html
        and "/en/exports/texts/declaration/v1/compilation.docx?" in html
    )
    assert "streamed as they are produced" in html and 'name="audience"' not in html
    html = client.get("/en/exports/?language=ar&kind=comment").content.decode()
    assert f"/en/exports/rounds/{ROUND_ID}/comments.json?language=ar&amp;kind=comment" in html
    assert "Select a valid choice" in client.get("/en/exports/?kind=poem").content.decode()
    client.force_login(secretariat)
    assert 'name="audience"' in client.get("/en/exports/").content.decode()


# --- The compilation (DOCX) ---------------------------------------------------------------------


def compilation(client, query=""):
    response = client.get(f"/en/exports/texts/declaration/v1/compilation.docx?{query}")
    assert response.status_code == 200, response.content[:500]
    return docx.Document(io.BytesIO(response.content))


def headings(document):
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def paragraph_with(document, text):
    return next(p for p in document.paragraphs if text in p.text)


def test_compilation_sections_by_provision_kind_and_region(client, dataset):
    document = compilation(client)
    assert headings(document) == [
        ("Title", "Compilation of comments received"),
        ("Heading 1", "Article 1"),
        ("Heading 1", "Article 1, paragraph 1"),
        ("Heading 2", "Proposed amendments"),
        ("Heading 2", "Member States"),
        ("Heading 3", "African States"),
        ("Heading 2", "Campaigns: the same text sent by several contributors"),
        ("Heading 1", "Article 1, paragraph 2"),
        ("Heading 2", "Independent experts"),
        ("Heading 1", "General comments"),
        ("Heading 2", "Non-governmental organizations"),
        ("Heading 3", "African States"),
    ]
    texts = [p.text for p in document.paragraphs]
    assert "Preliminary text (A/HRC/WG/1)" in texts
    assert (
        texts.index("A Member State (African States)")
        < texts.index("Too broad.")
        < texts.index("Egypt")
        < texts.index("Submitted by 2 organizations: Brazil, jointly with Cuba; Egypt")
        < texts.index("Brazil supports this paragraph.")
        < texts.index("Egypt adds: Keep it as it is")
    )
    assert texts.count("Brazil supports this paragraph.") == 1  # a campaign's text is printed once
    assert (
        "Expert (independent expert, personal capacity)" in texts
        and "Solidarity NGO, on behalf of a coalition of 12 NGOs" in texts
    )
    whole = "\n".join(texts)
    assert (
        "Ethiopia" not in whole
        and "Confidential note." not in whole
        and "Awaiting review." not in whole
        and "Withdrawn words." not in whole
    )
    assert "A reply to Brazil." not in whole  # replies are discussion, not comments received


def test_compilation_amendments_are_attributed_redlines(client, dataset):
    document = compilation(client)
    after = [p.text for p in document.paragraphs].index("Proposed amendments")
    attribution, redline_paragraph, explanation = document.paragraphs[after + 1 : after + 4]
    assert attribution.text == "Brazil" and attribution.runs[0].bold and explanation.text == "Name peoples too."
    inserted = [run.text for run in redline_paragraph.runs if run.font.underline]
    deleted = [run.text for run in redline_paragraph.runs if run.font.strike]
    assert inserted == ["and all peoples have"] and deleted == ["has"]
    assert redline_paragraph.text == "Everyone hasand all peoples have the right to international solidarity."


def test_compilation_arabic_paragraphs_run_right_to_left(client, dataset):
    document = compilation(client)
    arabic = paragraph_with(document, ARABIC)
    assert arabic._p.pPr.find(qn("w:bidi")) is not None and arabic.runs[0].font.rtl
    english = paragraph_with(document, "Too broad.")
    assert english._p.pPr is None or english._p.pPr.find(qn("w:bidi")) is None


def test_arabic_compilation_marks_only_arabic_runs_right_to_left_and_holds_latin_pieces_together(client, dataset):
    """Word lays out a run marked right to left (w:rtl) as Arabic, spaces and punctuation
    included: Latin names and symbols in an Arabic paragraph get runs of their own, unmarked,
    between left-to-right marks that keep "(A/HRC/WG/1)" whole."""
    document = compilation(client, "headings=ar&text=ar")
    label = paragraph_with(document, "Preliminary text")
    assert [(run.text, run.font.rtl) for run in label.runs] == [("\u200ePreliminary text (A/HRC/WG/1)\u200e", None)]
    campaign = paragraph_with(document, "Cuba")
    assert campaign._p.pPr.find(qn("w:bidi")) is not None
    assert [(run.text, run.font.rtl) for run in campaign.runs] == [
        ("مقدَّم من منظمتين (2): ", True),
        ("\u200eBrazil\u200e", None),
        ("، بالاشتراك مع ", True),
        ("\u200eCuba; Egypt\u200e", None),
    ]


def test_compilation_headings_language(client, dataset):
    document = compilation(client, "headings=fr")
    names = [text for _style, text in headings(document)]
    assert "États d'Afrique" in names and "États Membres" in names
    assert paragraph_with(document, "Everyone has the right").text  # provisions stay in the text language
    document = compilation(client, "headings=ar&text=ar")
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 3")
    assert heading._p.pPr.find(qn("w:bidi")) is not None
    assert paragraph_with(document, "لكل فرد الحق")._p.pPr.find(qn("w:bidi")) is not None
    assert missing_note("ar") in [p.text for p in document.paragraphs]  # Article 1 has no Arabic text


def test_secretariat_compilation_names_everyone_and_marks_what_the_public_does_not_see(client, dataset, secretariat):
    client.force_login(secretariat)
    texts = [p.text for p in compilation(client, "audience=secretariat").paragraphs]
    assert "Ethiopia [Public, without naming the organization (kind and region only)]" in texts
    assert "Brazil [Secretariat only]" in texts and "Confidential note." in texts
    assert "Solidarity NGO [Pending]" in texts and "Solidarity NGO [Rejected: Off topic.]" in texts
    assert "Ethiopia [Withdrawn]" in texts


# --- Streaming ----------------------------------------------------------------------------------


def fill(round, author, count, batch=5000):
    provisions = list(round.version.provisions.all()) + [None]
    organization = author.memberships.get().organization
    for start in range(0, count, batch):
        Comment.objects.bulk_create(
            Comment(
                round=round,
                version=round.version,
                provision=provisions[n % len(provisions)],
                author=author,
                organization=organization,
                text=f"Comment {n} " + "words " * 20,
                language="en",
                state="published",
            )
            for n in range(start, min(start + batch, count))
        )


def stream(client, url):
    """(queries, chunk sizes, body) of a download consumed chunk by chunk."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        chunks = [bytes(chunk) for chunk in response.streaming_content]
    return len(queries), [len(chunk) for chunk in chunks], b"".join(chunks)


def test_an_export_longer_than_a_database_fetch_streams_in_a_constant_number_of_queries(client, round):
    """More rows than the export reads from the database at a time (three fetches) and than it
    gathers into one piece: a query per fetch or per row, or an export built whole, shows."""
    url = f"/en/exports/rounds/{round.pk}/comments.csv"
    author = person("bulk@example.org", OrganizationFactory(kind=OrganizationKind.NGO, regional_group="weog"))
    fill(round, author, 10)
    few_queries, few_chunks, _ = stream(client, url)
    rows = 2 * CHUNK_SIZE + 1
    fill(round, author, rows - 10)
    queries, chunks, content = stream(client, url)
    assert queries == few_queries <= 3
    assert content.count(b"\n") == rows + 1
    # Streamed: several pieces, none holding half of the export.
    assert len(few_chunks) == 2 and len(chunks) >= 3 and max(chunks) < len(content) / 2, chunks


def test_compilation_first_page_goes_on_past_its_title_and_provisions_are_cited(client, dataset, tmp_path):
    """Laid out by LibreOffice (tests/libreoffice.py): the first page holds the title block and
    the first provisions, and the PDF's outline (Word's navigation pane) names the provisions as
    readers cite them, in the headings language."""
    response = client.get("/en/exports/texts/declaration/v1/compilation.docx")
    laid = laid_out(response.content, tmp_path)
    first_page = " ".join(" ".join(laid.pages[0]).split())
    assert first_page.startswith("Compilation of comments received Draft declaration Preliminary text (A/HRC/WG/1)")
    assert "Article 1, paragraph 1 Everyone has the right" in first_page and "Proposed amendments" in first_page
    assert laid.outline[:3] == ["Article 1", "Article 1, paragraph 1", "Proposed amendments"]


def test_arabic_compilation_cites_provisions_in_arabic_on_the_right(client, dataset, tmp_path):
    response = client.get("/ar/exports/texts/declaration/v1/compilation.docx?headings=ar&text=ar")
    laid = laid_out(response.content, tmp_path)
    assert laid.outline[:2] == ["المادة 1", "الفقرة 1 من المادة 1"]
    width = max(len(line) for line in laid.lines)
    for heading in laid.outline[:2]:
        # pdftotext spaces Arabic and digits its own way ("الفقرة  1من المادة 1")
        line = next(line for line in laid.pages[0] if "".join(line.split()) == "".join(heading.split()))
        assert len(line) - len(line.lstrip()) > width // 2  # the start of a right-to-left line
