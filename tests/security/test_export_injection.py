"""Comment exports: text that starts like a spreadsheet formula (=, +, -, @, tab, CR) in any
column a person controls — comment, proposed wording, "on behalf of", organization name,
expert's name, moderation reason — is exported as text, never as a formula (CSV and XLSX);
JSON carries it exactly as written; the DOCX compilation holds it as text, never as a field
code; markup stays text in every format."""

import csv
import io
import json
import zipfile

import openpyxl
import pytest
from django.test import Client

from consultations.models import Comment, ModerationState
from drafts.models import Provision
from portal.models import MembershipRole, OrganizationKind
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .fuzzing import FORMULAS, XSS

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def tainted(round, version, secretariat):
    """Comments and names made of formulas and markup."""
    paragraph = Provision.objects.get(version=version, label="1")
    organization = OrganizationFactory(
        name_en='=HYPERLINK("http://evil.example","Brazil")', kind=OrganizationKind.NGO, regional_group="grulac"
    )
    tabbed = OrganizationFactory(name_en="\t=1+2", kind=OrganizationKind.NGO)
    delegate = MembershipFactory(organization=organization, role=MembershipRole.DELEGATE).user
    other = MembershipFactory(organization=tabbed, role=MembershipRole.DELEGATE).user
    expert = MembershipFactory(
        organization=None, role=MembershipRole.EXPERT, user=UserFactory(display_name="@SUM(1,2)")
    ).user
    values = FORMULAS + XSS
    for index, text in enumerate(values):
        author, org = [(delegate, organization), (other, tabbed), (expert, None)][index % 3]
        Comment.objects.create(
            round=round,
            version=version,
            provision=paragraph if index % 2 else None,
            text=text,
            language="en",
            author=author,
            organization=org,
            state=ModerationState.PUBLISHED,
            on_behalf_note=FORMULAS[index % len(FORMULAS)],
            kind="amendment" if index % 2 else "comment",
            proposed_text=FORMULAS[(index + 1) % len(FORMULAS)] if index % 2 else "",
        )
    Comment.objects.create(
        round=round,
        version=version,
        text="Rejected",
        language="en",
        author=delegate,
        organization=organization,
        state=ModerationState.REJECTED,
        moderation_reason="-2+3",
    )
    return {
        "values": values,
        "names": [organization.name_en, tabbed.name_en, "@SUM(1,2)"],
        "round": round,
        "version": version,
    }


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return b"".join(response.streaming_content) if response.streaming else response.content


def urls(tainted, fmt, audience):
    round, version = tainted["round"], tainted["version"]
    slug = version.instrument.slug
    query = f"?audience={audience}"
    found = [
        f"/en/exports/rounds/{round.pk}/comments.{fmt}{query}",
        f"/en/exports/texts/{slug}/comments.{fmt}{query}",
        f"/en/exports/texts/{slug}/v{version.number}/comments.{fmt}{query}",
    ]
    if fmt == "xlsx":
        found.append(f"/en/exports/rounds/{round.pk}/comments.xlsx{query}&layout=by_provision")
    return found


@pytest.fixture
def staff_client(secretariat):
    client = Client()
    client.force_login(secretariat)
    return client


AUDIENCES = ["public", "secretariat"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_csv_cells_never_start_a_formula(tainted, staff_client, audience):
    for url in urls(tainted, "csv", audience):
        rows = list(csv.reader(io.StringIO(fetch(staff_client, url).decode("utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        formulas = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
        assert not formulas, f"{url}: {formulas[:5]}"
        for value in tainted["values"] + tainted["names"]:
            shown = "'" + value if value.startswith(FORMULA_STARTS) else value
            assert any(shown == cell or shown in cell for cell in cells), f"{url}: {value!r} is missing"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_xlsx_cells_are_text_never_formulas(tainted, staff_client, audience):
    for url in urls(tainted, "xlsx", audience):
        content = fetch(staff_client, url)
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        cells = [
            cell for sheet in workbook for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None
        ]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"], f"{url}: formula cells"
        texts = [cell.value for cell in cells if isinstance(cell.value, str)]
        assert not [text for text in texts if text.startswith(FORMULA_STARTS)], url
        assert not any(sheet._hyperlinks for sheet in workbook), f"{url}: hyperlinks"
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheets = "".join(
                archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")
            )
        assert "<f>" not in sheets and "<f " not in sheets, f"{url}: a formula element"
        for value in tainted["values"] + tainted["names"]:
            shown = "'" + value if value.startswith(FORMULA_STARTS) else value
            assert any(shown in text for text in texts), f"{url}: {value!r} is missing"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_json_carries_the_texts_exactly(tainted, staff_client, audience):
    for url in urls(tainted, "json", audience):
        rows = json.loads(fetch(staff_client, url))
        texts = {row["text"] for row in rows}
        assert set(tainted["values"]) <= texts, url
        assert {row["organization"] for row in rows if row["organization"]} >= set(tainted["names"][:2]), url


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_docx_compilation_holds_text_never_fields(tainted, staff_client, audience):
    import docx

    version = tainted["version"]
    content = fetch(
        staff_client,
        f"/en/exports/texts/{version.instrument.slug}/v{version.number}/compilation.docx?audience={audience}",
    )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<script>" not in xml and "<img " not in xml
    assert "instrText" not in xml and "fldSimple" not in xml and "DDE" not in xml, "a field code in the compilation"
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)
    text += "\n".join(
        cell.text for table in docx.Document(io.BytesIO(content)).tables for row in table.rows for cell in row.cells
    )
    for value in tainted["values"]:
        assert value in text, f"{value!r} is missing from the compilation"
