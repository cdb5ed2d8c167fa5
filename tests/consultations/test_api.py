"""The public read API: a valid OpenAPI description, public data only, signed cursors, JSON
errors for bad input, a fixed number of queries per page, and a rate limit."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from openapi_spec_validator import validate

from consultations.api import VisitorThrottle, api
from consultations.models import Comment, Confidentiality, CoSignature, CoSignatureStatus, ModerationState
from drafts import services as text_services
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The throttles count in the cache, which outlives a test: each test starts with none.
    cache.clear()


@pytest.fixture
def author(db):
    return UserFactory(display_name="Dr Amina Diallo")


def make_comment(round, author, organization=None, **fields):
    values = {"text": "A comment.", "language": "en", "state": ModerationState.PUBLISHED}
    values.update(fields)
    return Comment.objects.create(
        round=round, version=round.version, author=author, organization=organization, **values
    )


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def assert_error(client, url, status=400, **params):
    body = get_json(client, url, status, **params)
    assert set(body) == {"detail"} and isinstance(body["detail"], str) and body["detail"]
    return body["detail"]


# --- The description ---------------------------------------------------------------------------


def test_schema_is_valid_and_every_path_answers(client, round, author, state_org):
    make_comment(round, author, state_org)
    schema = get_json(client, "/api/openapi.json")
    validate(schema)
    path_values = {"slug": round.version.instrument.slug, "number": round.version.number, "id": round.pk}
    assert len(schema["paths"]) == 9
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, f"{path} is not read-only"
        get_json(client, path.format(**path_values))
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content


def test_read_only_and_no_cors_headers(client, round):
    assert client.post("/api/comments", {}).status_code == 405
    response = client.get("/api/rounds", headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200
    assert not [name for name in response.headers if name.lower().startswith("access-control-")]


# --- Texts ------------------------------------------------------------------------------------


def test_only_public_versions_with_translation_status(client, version, drafter):
    text_services.version_create(
        instrument=version.instrument, by=drafter, label="Revised draft", original_language="en"
    )
    versions = get_json(client, "/api/instruments/declaration/versions")
    assert [v["number"] for v in versions] == [version.number]
    listed = versions[0]
    assert listed["status"] == "published" and listed["original_language"] == "en"
    assert listed["label"]["en"] == "Preliminary text" and listed["label"]["ar"] is None
    assert listed["translation_status"]["en"] == {"translated": 3, "total": 3}
    assert listed["translation_status"]["fr"] == {"translated": 2, "total": 3}
    assert listed["translation_status"]["zh-hans"] == {"translated": 0, "total": 3}
    assert get_json(client, "/api/instruments/declaration")["versions"] == [version.number]


def test_provisions_in_six_languages_with_null_for_missing(client, version):
    provisions = get_json(client, f"/api/instruments/declaration/versions/{version.number}/provisions")
    article, first, second = provisions
    assert set(first["text"]) == {"ar", "zh-hans", "en", "fr", "ru", "es"}
    assert first["text"]["fr"] == "Toute personne a droit à la solidarité internationale."
    assert first["text"]["ar"] is None and second["text"]["fr"] is None
    assert (article["parent_key"], first["parent_key"]) == (None, article["key"])
    assert first["footnotes"]["en"] == [] and first["footnotes"]["ar"] == []  # no footnotes at all


def test_untranslated_footnotes_are_null(client, drafter):
    instrument = text_services.instrument_create(by=drafter, slug="report", title="Report")
    draft = text_services.version_create(instrument=instrument, by=drafter, label="Report", original_language="fr")
    text_services.provision_create(
        version=draft, by=drafter, kind="operative", label="1", texts={"fr": "Texte."}, footnotes={"fr": ["Note."]}
    )
    text_services.version_publish(version=draft, by=drafter, untranslated_ok=True)
    (provision,) = get_json(client, "/api/instruments/report/versions/1/provisions")
    assert provision["footnotes"]["fr"] == ["Note."] and provision["footnotes"]["en"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/api/instruments/nothing",
        "/api/instruments/nothing/versions",
        "/api/instruments/declaration/versions/99/provisions",
        "/api/rounds/999999",
    ],
)
def test_unknown_slug_or_id_is_a_json_404(client, version, url):
    assert_error(client, url, 404)


def test_a_version_in_editing_is_not_served(client, version, drafter):
    draft = text_services.version_create(
        instrument=version.instrument, by=drafter, label="Revised draft", original_language="en"
    )
    assert_error(client, f"/api/instruments/declaration/versions/{draft.number}/provisions", 404)


def test_malformed_path_parameter_is_a_json_400(client, version):
    assert "number" in assert_error(client, "/api/instruments/declaration/versions/first/provisions")


# --- Rounds -----------------------------------------------------------------------------------


def test_rounds_give_dates_with_time_zone(client, round):
    (listed,) = get_json(client, "/api/rounds")
    assert listed == get_json(client, f"/api/rounds/{round.pk}")
    assert parse_datetime(listed["opens_at"]).tzinfo is not None
    assert abs(parse_datetime(listed["closes_at"]) - round.closes_at) < timedelta(
        milliseconds=1
    )  # JSON keeps milliseconds
    assert (
        listed["state"] == "open"
        and listed["instrument"] == "declaration"
        and listed["version"] == round.version.number
    )
    assert listed["audiences"]["experts"] is True and "ngo" in listed["audiences"]["organization_kinds"]
    assert listed["modes"] == {
        "paragraph_comments": True,
        "amendments": True,
        "general_comments": True,
        "submissions": True,
    }


# --- Comments ---------------------------------------------------------------------------------


def test_only_public_comments_and_anonymous_ones_name_no_one(client, round, author, state_org, ngo):
    other = OrganizationFactory(
        name_en="Cosigning Mission", kind="member_state", country="CV", regional_group="african"
    )
    public = make_comment(round, author, state_org, on_behalf_note="on behalf of GRULAC")
    anonymous = make_comment(
        round, author, ngo, confidentiality=Confidentiality.ANONYMOUS, on_behalf_note="on behalf of a coalition"
    )
    CoSignature.objects.create(comment=anonymous, organization=other, status=CoSignatureStatus.CONFIRMED)
    expert = make_comment(round, author)
    anonymous_expert = make_comment(round, author, confidentiality=Confidentiality.ANONYMOUS)
    make_comment(round, author, state_org, confidentiality=Confidentiality.SECRETARIAT)
    for state in (ModerationState.PENDING, ModerationState.REJECTED, ModerationState.HIDDEN, ModerationState.SPAM):
        make_comment(round, author, state_org, state=state)

    response = client.get("/api/comments")
    by_id = {item["id"]: item for item in response.json()["results"]}
    assert list(by_id) == [public.pk, anonymous.pk, expert.pk, anonymous_expert.pk]

    assert (
        by_id[public.pk]["organization"]["name"]["en"] == "Brazil"
        and by_id[public.pk]["organization"]["country"] == "BR"
    )
    assert by_id[public.pk]["on_behalf_of"] == "on behalf of GRULAC"
    hidden = by_id[anonymous.pk]
    assert hidden["anonymous"] is True and hidden["organization"] is None
    assert (hidden["organization_kind"], hidden["regional_group"]) == ("ngo", "african")
    assert hidden["on_behalf_of"] is None and hidden["cosigners"] == [] and hidden["expert_name"] is None
    assert by_id[expert.pk]["expert_name"] == "Dr Amina Diallo" and by_id[expert.pk]["organization_kind"] is None
    assert by_id[anonymous_expert.pk]["expert_name"] is None
    for name in (b"Solidarity NGO", b"Cosigning Mission", b"coalition", b"KE"):
        assert name not in response.content


def test_filters_narrow_the_comments(client, round, author, state_org, ngo):
    provision = round.version.provisions.get(label="1")
    early = make_comment(
        round,
        author,
        state_org,
        provision=provision,
        position="support",
        kind="amendment",
        created_at=timezone.now() - timedelta(days=3),
    )
    late = make_comment(round, author, ngo, language="fr", position="oppose")
    expected = {
        "provision": (provision.key, [early]),
        "organization_kind": ("ngo", [late]),
        "regional_group": ("grulac", [early]),
        "language": ("fr", [late]),
        "position": ("support", [early]),
        "kind": ("amendment", [early]),
        "created_after": ((timezone.now() - timedelta(days=1)).isoformat(), [late]),
        "created_before": ((timezone.now() - timedelta(days=1)).isoformat(), [early]),
        "round": (round.pk, [early, late]),
    }
    for name, (value, comments) in expected.items():
        results = get_json(client, "/api/comments", **{name: value})["results"]
        assert [item["id"] for item in results] == [c.pk for c in comments], name
    both = get_json(client, "/api/comments", instrument="declaration", version=round.version.number)["results"]
    assert len(both) == 2 and not get_json(client, "/api/comments", instrument="declaration", version=99)["results"]


def test_cursor_walks_every_comment_once_in_order(client, round, author, state_org):
    moment = timezone.now()
    # Several comments share a timestamp: the id breaks the tie, so none is skipped or repeated.
    comments = [
        make_comment(round, author, state_org, created_at=moment - timedelta(minutes=n // 3)) for n in range(12)
    ]
    expected = [c.pk for c in sorted(comments, key=lambda c: (c.created_at, c.pk))]
    seen, url, pages = [], "/api/comments?limit=5", 0
    while url:
        page = get_json(client, url)
        seen += [item["id"] for item in page["results"]]
        url, pages = page["next"], pages + 1
    assert seen == expected and pages == 3


def test_a_cursor_only_works_for_its_own_query(client, round, author, state_org):
    for _ in range(3):
        make_comment(round, author, state_org)
    cursor = get_json(client, "/api/comments", limit=1, language="en")["next_cursor"]
    assert get_json(client, "/api/comments", limit=1, language="en", cursor=cursor)["results"]
    assert "other filters" in assert_error(client, "/api/comments", limit=1, cursor=cursor)
    assert "other filters" in assert_error(client, "/api/comments", limit=1, language="fr", cursor=cursor)
    forged = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    assert "not valid" in assert_error(client, "/api/comments", limit=1, language="en", cursor=forged)
    assert "not valid" in assert_error(client, "/api/comments", cursor="eyJ0IjoiMjAyNiJ9")


@pytest.mark.parametrize("limit", [501, 0, "many"])
def test_page_size_outside_the_limits_is_refused(client, limit):
    assert "limit" in assert_error(client, "/api/comments", limit=limit)


@pytest.mark.parametrize(
    "name, value",
    [
        ("kind", "poem"),
        ("language", "xx"),
        ("position", "maybe"),
        ("organization_kind", "club"),
        ("regional_group", "mars"),
        ("created_after", "yesterday"),
        ("created_before", "2026-01-01T00:00:00"),  # no time zone: ambiguous
        ("created_after", "0001-01-01T00:00:00+01:00"),  # before year 1 in UTC
        ("created_before", "9999-12-31T23:59:59-01:00"),  # after year 9999 in UTC
        ("round", "first"),
        ("instrument", "declaration\x00"),
        ("provision", "p1 OR 1=1"),
    ],
)
def test_unknown_filter_values_are_refused(client, name, value):
    assert name in assert_error(client, "/api/comments", **{name: value})


def test_any_time_zone_offset_iso_8601_allows_is_read(client, round, author, state_org):
    """ISO 8601 allows offsets PostgreSQL does not (beyond ±15:59): they are read in UTC."""
    comment = make_comment(round, author, state_org)
    before = (comment.created_at - timedelta(hours=1)).astimezone(timezone.get_fixed_timezone(-(23 * 60 + 5)))
    assert [item["id"] for item in get_json(client, "/api/comments", created_after=before.isoformat())["results"]] == [
        comment.pk
    ]
    assert get_json(client, "/api/comments", created_before=before.isoformat())["results"] == []


def test_version_without_instrument_is_refused(client):
    assert "instrument" in assert_error(client, "/api/comments", version=1)


def test_query_count_does_not_grow_with_the_page(client, round, author, state_org, ngo):
    def count_queries(total):
        Comment.objects.all().delete()
        for n in range(total):
            comment = make_comment(
                round,
                author,
                state_org if n % 2 else None,
                provision=round.version.provisions.first() if n % 3 else None,
            )
            if n % 4 == 0:
                CoSignature.objects.create(comment=comment, organization=ngo, status=CoSignatureStatus.CONFIRMED)
        with CaptureQueriesContext(connection) as queries:
            assert len(get_json(client, "/api/comments", limit=500)["results"]) == total
        return len(queries)

    CoSignature.objects.all().delete()
    small = count_queries(5)
    CoSignature.objects.all().delete()
    assert count_queries(200) == small


# --- Participation ----------------------------------------------------------------------------


def test_participation_counts_public_comments(client, round, author, state_org, ngo, version):
    make_comment(round, author, state_org, position="support")
    make_comment(round, author, state_org, position="support", language="fr")
    make_comment(round, author, ngo, confidentiality=Confidentiality.ANONYMOUS, position="oppose")
    make_comment(round, author)
    make_comment(round, author, state_org, withdrawn_at=timezone.now())
    make_comment(round, author, state_org, confidentiality=Confidentiality.SECRETARIAT)
    make_comment(round, author, ngo, state=ModerationState.PENDING)

    figures = get_json(client, "/api/participation", round=round.pk)
    assert figures["total"] == 4
    assert figures["by_organization_kind"] == [
        {"value": "member_state", "count": 2},
        {"value": "ngo", "count": 1},
        {"value": None, "count": 1},
    ]
    assert figures["by_regional_group"] == [
        {"value": "african", "count": 1},
        {"value": "grulac", "count": 2},
        {"value": None, "count": 1},
    ]
    assert figures["by_language"] == [{"value": "en", "count": 3}, {"value": "fr", "count": 1}]
    assert figures["by_position"] == [
        {"value": "neutral", "count": 1},
        {"value": "oppose", "count": 1},
        {"value": "support", "count": 2},
    ]
    assert get_json(client, "/api/participation", instrument="declaration") == figures
    assert get_json(client, "/api/participation", instrument="other")["total"] == 0


# --- Rate limit -------------------------------------------------------------------------------


def test_too_many_requests_get_429(client, monkeypatch, round):
    visitors = next(throttle for throttle in api.throttle if isinstance(throttle, VisitorThrottle))
    monkeypatch.setattr(visitors, "num_requests", 3)
    for _ in range(3):
        assert client.get("/api/rounds").status_code == 200
    response = client.get("/api/rounds")
    assert response.status_code == 429 and "detail" in response.json() and int(response["Retry-After"]) > 0
    # Claiming another address does not start a new count.
    assert client.get("/api/rounds", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429
    # A signed-in person is counted apart, under the higher limit for accounts.
    client.force_login(UserFactory())
    assert client.get("/api/rounds").status_code == 200
