"""Hostile input at the edges: SQL-ish text, bidi and zero-width characters, NUL, huge numbers
and malformed values in search, API filters, export and queue filters and path parameters
(never a server error, markup never reflected); oversized bodies and uploads (a clear refusal,
nothing stored)."""

from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from consultations.models import Comment, Submission
from drafts.importer import MAX_IMPORT_BYTES
from drafts.models import ImportDraft, Provision, Version
from portal.models import Membership
from tests.factories import UserFactory

from .conftest import pdf_upload
from .fuzzing import SQLISH, XSS

pytestmark = pytest.mark.django_db

HOSTILE = (
    SQLISH
    + XSS[:2]
    + [
        "\u202eevil\u202c",
        "\u2066x\u2069",
        "zero\u200bwidth\u200d",
        "\ufeffbom",
        "nul\x00byte",
        "%00",
        "\u0000",
        "التضامن\u064e\u064b",
        "国际团结",
        "👨‍👩‍👧",
        "!",
        "&",
        "|",
        "<->",
        ":*",
        "'",
        '"unbalanced',
        "-",
        "OR",
        "*",
        "()",
        "\\x00",
        "a" * 201,
        "word " * 2000,
        "99999999999999999999999999",
        "-1",
        "0",
        "1e309",
        "NaN",
        "2024-13-45",
        "../../etc/passwd",
    ]
)
HUGE = ["99999999999999999999999999", str(2**63), str(-(2**63) - 1), "-1", "0", "1.5", "abc", "1 OR 1=1", "١٢", "%00"]
# A representative few for the pages with many parameters (each value goes into every one).
SAMPLE = [
    SQLISH[0],
    SQLISH[1],
    "%",
    XSS[0],
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "nul\x00byte",
    "国际团结",
    "a" * 201,
    "2024-13-45",
    "99999999999999999999999999",
    str(2**63),
    "-1",
    "1.5",
    "١٢",
]


def status(client, url):
    """The status and response, or 500 and the exception the test client re-raised."""
    try:
        response = client.get(url)
    except Exception as error:  # noqa: BLE001 - a server error is what these tests report
        return 500, error
    return response.status_code, response


def assert_no_server_error(client, urls):
    problems = []
    for url in urls:
        code, response = status(client, url)
        if code >= 500:
            problems.append(f"{url}: {code} {type(response).__name__}: {response}"[:250])
        elif response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            if "<script>alert(1)</script>" in html or "<img src=x onerror" in html:
                problems.append(f"{url}: markup reflected unescaped")
    assert not problems, "\n".join(problems)


def test_search_takes_anything(site):
    urls = []
    for query in HOSTILE:
        for scope, language in (("provisions", ""), ("comments", ""), ("provisions", "ar"), ("comments", "xx")):
            urls.append("/en/consultation/search/?" + urlencode({"q": query, "scope": scope, "language": language}))
    urls += [f"/en/consultation/search/?q=solidarity&page={quote(value)}" for value in HUGE]
    urls += [f"/en/consultation/search/?q=a&scope={quote(value)}" for value in HOSTILE[:8]]
    client = Client()
    client.force_login(site["delegate"])
    assert_no_server_error(client, urls)
    html = client.get("/en/consultation/search/?" + urlencode({"q": XSS[0], "scope": "comments"})).content.decode()
    assert escape(XSS[0]) in html or "alert" in html


def test_api_filters_take_anything(site):
    round, version = site["round"], site["version"]
    slug = version.instrument.slug
    urls = []
    for value in HOSTILE + HUGE:
        encoded = quote(value, safe="")
        for name in (
            "round",
            "instrument",
            "version",
            "provision",
            "organization_kind",
            "regional_group",
            "language",
            "position",
            "kind",
            "created_after",
            "created_before",
            "cursor",
            "limit",
        ):
            urls.append(f"/api/comments?{name}={encoded}" + (f"&instrument={slug}" if name == "version" else ""))
        urls += [
            f"/api/participation?round={encoded}",
            f"/api/participation?instrument={encoded}",
            f"/api/rounds/{encoded}",
            f"/api/instruments/{encoded}",
            f"/api/instruments/{encoded}/versions",
            f"/api/instruments/{slug}/versions/{encoded}/provisions",
        ]
    client = Client()
    from django.core.cache import cache

    problems = []
    for url in urls:
        cache.clear()  # the rate limit is not what is tested here
        code, response = status(client, url)
        if code >= 500:
            problems.append(f"{url}: {code} {type(response).__name__}: {response}"[:250])
        elif not response["Content-Type"].startswith("application/json") and "%2F" not in url.split("?")[0]:
            problems.append(f"{url}: {code} {response['Content-Type']}")
    assert not problems, "\n".join(problems[:30])
    # A forged cursor, and one carried over to other filters, are refused.
    first = client.get(f"/api/comments?round={round.pk}&limit=1").json()
    assert (
        client.get(f"/api/comments?round={round.pk}&limit=1&cursor={first['next_cursor']}x").status_code == 400
        if first["next_cursor"]
        else True
    )


def test_page_parameters_take_anything(site, secretariat):
    round, version, paragraph = site["round"], site["version"], site["paragraph"]
    slug = version.instrument.slug
    urls = []
    for value in SAMPLE:
        encoded = quote(value, safe="")
        urls += [
            f"/en/consultation/rounds/{round.pk}/?text={encoded}",
            f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/?page={encoded}",
            f"/en/consultation/rounds/{round.pk}/comments/{encoded}/",
            f"/en/texts/{slug}/v{version.number}/{encoded}/history/",
            f"/en/texts/{slug}/v{version.number}/?text={encoded}&beside={encoded}",
            f"/en/texts/{slug}/compare/?from={encoded}&to={encoded}",
            f"/en/texts/{slug}/compare/fragment/?from=1&to={encoded}",
            f"/en/consultation/moderation/?round={encoded}&version={encoded}&provision={encoded}&older_than_days={encoded}&state={encoded}",
            f"/en/consultation/moderation/?kind={encoded}&regional_group={encoded}&language={encoded}&page={encoded}",
            f"/en/exports/rounds/{round.pk}/comments.csv?provision={encoded}&from={encoded}&to={encoded}",
            f"/en/exports/rounds/{round.pk}/comments.json?language={encoded}&audience={encoded}&layout={encoded}",
            f"/en/exports/texts/{slug}/v{version.number}/compilation.docx?headings={encoded}&text={encoded}",
            f"/en/exports/?{urlencode({'provision': value, 'from': value})}",
            f"/en/consultation/analytics/?round={encoded}&instrument={encoded}&sort={encoded}&view={encoded}",
            f"/en/consultation/timeline/{encoded}/",
        ]
    for value in ("99999999999999999999999", str(2**63), str(2**31)):
        urls += [
            f"/en/consultation/rounds/{value}/",
            f"/en/consultation/comments/{value}/edit/",
            f"/en/consultation/documents/{value}/",
            f"/en/accreditation/organizations/{value}/members/",
            f"/en/exports/rounds/{value}/comments.csv",
            f"/en/texts/{slug}/v{value}/",
        ]
    client = Client()
    client.force_login(secretariat)
    assert_no_server_error(client, urls)


def test_a_nul_byte_in_the_address_is_a_clear_translated_refusal(site, django_assert_num_queries):
    """PostgreSQL text cannot hold a NUL byte, so one in a path is refused before any view looks
    it up (a 400 page in the address's language, JSON for the API, no query run), and one in an
    API filter is refused by the filter's schema."""
    slug = site["version"].instrument.slug
    client = Client()
    with django_assert_num_queries(0):
        page = client.get(f"/fr/texts/{slug}/v1/nul%00byte/history/")
        arabic = client.get("/ar/consultation/rounds/1/comments/%00/")
        api_path = client.get("/api/instruments/%00/versions")
    assert page.status_code == 400 and 'lang="fr"' in page.content.decode() and "NUL" in page.content.decode()
    assert arabic.status_code == 400 and 'dir="rtl"' in arabic.content.decode()
    assert (
        api_path.status_code == 400
        and api_path["Content-Type"] == "application/json"
        and "NUL" in api_path.json()["detail"]
    )
    for url in (
        f"/api/comments?instrument={slug}%00",
        "/api/comments?provision=%00",
        f"/api/participation?instrument={slug}%00",
    ):
        assert client.get(url).status_code == 400, url
    assert client.get(f"/fr/texts/{slug}/v1/").status_code == 200


# --- Oversized bodies and uploads ---------------------------------------------------------------


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_11_mb_import_is_refused(site):
    version = site["version"]
    data = b"1. Everyone has the right to international solidarity.\n" * (11 * 1024 * 1024 // 56 + 1)
    assert len(data) > MAX_IMPORT_BYTES
    response = signed_in(site["drafter"]).post(
        f"/en/texts/{version.instrument.slug}/import/",
        {
            "document": SimpleUploadedFile("big.txt", data, content_type="text/plain"),
            "language": "en",
            "label": "Too big",
        },
    )
    assert response.status_code in (200, 400, 413, 422)
    assert "10 MB" in response.content.decode()
    assert not ImportDraft.objects.exists() and not Version.objects.filter(label_en="Too big").exists()


def submit(site, summary, files, token):
    """The delegate sends `files` as a submission to the open round, through the page."""
    return signed_in(site["delegate"]).post(
        f"/en/consultation/rounds/{site['round'].pk}/submit/",
        {
            "capacity": site["state_org"].pk,
            "summary": summary,
            "language": "en",
            "confidentiality": "public",
            "client_token": token,
            "files": files,
        },
    )


def test_a_21_file_submission_is_refused(site):
    response = submit(site, "Too many files", [pdf_upload(f"file{n}.pdf") for n in range(21)], token="t21")
    assert response.status_code in (200, 400, 413, 422)
    assert "20 files" in response.content.decode()
    assert not Submission.objects.filter(summary="Too many files").exists()


def test_a_file_of_10_mb_and_one_byte_is_refused_in_a_submission(site):
    response = submit(site, "A big file", [pdf_upload("big.pdf", size=10 * 1024 * 1024 + 1)], token="tb")
    assert response.status_code in (200, 400, 413, 422)
    assert "too large" in response.content.decode()
    assert not Submission.objects.filter(summary="A big file").exists()


def test_a_letter_of_10_mb_and_one_byte_is_refused(site):
    person = UserFactory()
    response = signed_in(person).post(
        "/en/accreditation/request/",
        {
            "organization": site["ngo"].pk,
            "role": "member",
            "note": "",
            "letter": pdf_upload("letter.pdf", size=10 * 1024 * 1024 + 1),
        },
    )
    assert response.status_code in (200, 400, 413, 422)
    assert "too large" in response.content.decode()
    assert not Membership.objects.filter(user=person).exists()


def test_a_renamed_executable_is_refused(site):
    person = UserFactory()
    response = signed_in(person).post(
        "/en/accreditation/request/",
        {
            "organization": site["ngo"].pk,
            "role": "member",
            "note": "",
            "letter": SimpleUploadedFile("letter.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf"),
        },
    )
    assert response.status_code in (200, 400, 422) and not Membership.objects.filter(user=person).exists()


def test_an_over_long_comment_is_refused_not_cut(site):
    for headers in ({}, {"HX-Request": "true"}):
        response = signed_in(site["delegate"]).post(
            f"/en/consultation/rounds/{site['round'].pk}/comments/{site['paragraph'].key}/new/",
            {
                "capacity": site["state_org"].pk,
                "kind": "comment",
                "position": "neutral",
                "language": "en",
                "confidentiality": "public",
                "text": "x" * 5001,
                "client_token": f"long{len(headers)}",
            },
            headers=headers,
        )
        assert response.status_code in (200, 400, 422)
        assert "5000" in response.content.decode() or "5,000" in response.content.decode()
        assert not Comment.objects.filter(text__startswith="xxxx").exists()


def test_an_oversized_form_body_is_refused(site):
    """Beyond DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) and MAX_NUMBER_FIELDS: 400 before any view."""
    url = f"/en/consultation/rounds/{site['round'].pk}/comments/{site['paragraph'].key}/new/"
    client = signed_in(site["delegate"])
    response = client.post(
        url,
        {"capacity": site["state_org"].pk, "text": "x" * (3 * 1024 * 1024), "language": "en", "client_token": "big"},
    )
    assert response.status_code == 400
    response = client.post(url, {f"field{n}": "x" for n in range(1200)})
    assert response.status_code == 400
    assert not Comment.objects.filter(author=site["delegate"]).exclude(pk=site["delegate_comment"].pk).exists()


def test_json_bodies_are_refused(site):
    client = signed_in(site["delegate"])
    for url in ("/api/comments", "/api/rounds", f"/api/rounds/{site['round'].pk}", "/api/participation"):
        response = client.generic("POST", url, '{"text": "' + "x" * 100000 + '"}', content_type="application/json")
        assert response.status_code == 405
    response = client.post(
        f"/en/consultation/rounds/{site['round'].pk}/comments/{site['paragraph'].key}/new/",
        '{"text": "JSON comment", "capacity": "1"}',
        content_type="application/json",
    )
    assert response.status_code in (200, 400, 422)
    assert not Comment.objects.filter(text="JSON comment").exists()


def test_the_import_preview_refuses_what_the_database_cannot_hold(site):
    """The preview's rows are edited in a plain form: an over-long label (the column holds 40
    characters) and a NUL byte must be refused with a message, not stored (SQLite) nor crash
    the request (PostgreSQL)."""
    slug = site["version"].instrument.slug
    client = signed_in(site["drafter"])
    problems = []
    for name, label, text in (
        ("a 41-character label", "L" * 41, "Everyone."),
        ("a NUL byte in the text", "1", "Every\x00one."),
    ):
        client.post(
            f"/en/texts/{slug}/import/",
            {
                "document": SimpleUploadedFile("t.txt", b"1. Everyone.\n2. States shall.\n", content_type="text/plain"),
                "language": "en",
                "label": name,
            },
        )
        draft = ImportDraft.objects.get(label=name)
        row = draft.rows[0]
        try:
            client.post(
                f"/en/texts/{slug}/import/{draft.pk}/",
                {
                    f"row-{row['id']}-label": label,
                    f"row-{row['id']}-kind": row["kind"],
                    f"row-{row['id']}-text": text,
                    "action": "save",
                },
            )
        except Exception as error:  # noqa: BLE001 - a server error is what this test reports
            problems.append(f"{name}: the request failed with {type(error).__name__}: {error}"[:300])
            continue
        # Compared in Python: PostgreSQL cannot even be asked about a NUL byte.
        if (label, text) in Provision.objects.filter(version__label_en=name).values_list("label", "text_en"):
            problems.append(f"{name}: stored as it was")
    assert not problems, "\n".join(problems)


def test_ids_posted_in_forms_take_anything(site, secretariat):
    """An id changed in a form (too large for a database integer, other digits, not a number) is
    refused like an unknown one: never a server error, nothing written."""
    round, version, paragraph = site["round"], site["version"], site["paragraph"]
    slug, comments = version.instrument.slug, Comment.objects.count()
    posts = []
    for value in HUGE + ["²"]:
        posts += [
            (
                site["delegate"],
                f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/",
                {
                    "text": "A view.",
                    "capacity": str(site["state_org"].pk),
                    "language": "en",
                    "cosigners": value,
                    "find_cosigners": "1",
                },
            ),
            (
                site["delegate"],
                f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/",
                {"text": "A view.", "capacity": str(site["state_org"].pk), "language": "en", "cosigners": value},
            ),
            (
                site["delegate"],
                f"/en/consultation/rounds/{round.pk}/comments/{paragraph.key}/",
                {"text": "A reply.", "capacity": str(site["state_org"].pk), "language": "en", "parent": value},
            ),
            (secretariat, "/en/consultation/moderation/bulk/", {"items": value, "action": "publish"}),
            (secretariat, "/en/consultation/moderation/bulk/", {"campaigns": f"{value}:{value}", "action": "publish"}),
            (
                secretariat,
                f"/en/consultation/amendments/{slug}/v{version.number}/record/",
                {f"provision-{paragraph.pk}": value},
            ),
            (
                secretariat,
                f"/en/texts/{slug}/v{version.number}/adoption/enter/",
                {"block": "Adopted without a vote.", "state-0": value, "preview": "1"},
            ),
        ]
    problems = []
    for user, url, data in posts:
        client = Client()
        client.force_login(user)
        try:
            response = client.post(url, data)
        except Exception as error:  # noqa: BLE001 - a server error is what this test reports
            problems.append(f"{url} {data}: {type(error).__name__}: {error}"[:250])
            continue
        if response.status_code >= 500:
            problems.append(f"{url} {data}: {response.status_code}")
    assert not problems, "\n".join(problems)
    assert Comment.objects.count() == comments
