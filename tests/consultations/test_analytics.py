"""Participation figures: the numbers, public and secretariat views, RTL bars, query count."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Comment, CommentKind, Confidentiality, ModerationState
from consultations.selectors import analytics

pytestmark = pytest.mark.django_db

URL = "/en/consultation/analytics/"


@pytest.fixture
def dataset(round, delegate, state_org, ngo_member, ngo, expert):
    """Seven public contributions, and four the public never counts."""
    version = round.version
    p1, p2 = version.provisions.get(label="1"), version.provisions.get(label="2")

    def add(author, organization, provision, position, language, **fields):
        values = {
            "state": ModerationState.PUBLISHED,
            "confidentiality": Confidentiality.PUBLIC,
            "kind": CommentKind.COMMENT,
        }
        values.update(fields)
        return Comment.objects.create(
            round=round,
            version=version,
            provision=provision,
            position=position,
            language=language,
            text="x",
            author=author,
            organization=organization,
            **values,
        )

    b1 = add(delegate, state_org, p1, "oppose", "en")
    add(delegate, state_org, p1, "oppose", "en")
    add(delegate, state_org, p1, "support", "fr", kind=CommentKind.AMENDMENT, proposed_text="y")
    add(ngo_member, ngo, p2, "oppose", "ar", confidentiality=Confidentiality.ANONYMOUS)
    add(ngo_member, ngo, p2, "oppose", "en")
    add(ngo_member, ngo, p1, "neutral", "en", parent=b1, depth=1)  # a reply: counted, but not on the heat map
    add(expert, None, None, "neutral", "es", kind=CommentKind.QUESTION)
    # Never public:
    add(delegate, state_org, p2, "oppose", "en", state=ModerationState.PENDING)
    add(delegate, state_org, p1, "support", "ru", confidentiality=Confidentiality.SECRETARIAT)
    add(delegate, state_org, p2, "oppose", "zh-hans", state=ModerationState.SPAM)
    add(delegate, state_org, p1, "oppose", "en", withdrawn_at=timezone.now())  # withdrawn: counted by no one
    return round


def chart(result, chart_id):
    return next(c for c in result["charts"] if c.id == chart_id)


def totals(result, chart_id):
    return {row.key: row.total for row in chart(result, chart_id).rows}


def test_public_figures_on_a_small_dataset(dataset):
    result = analytics.participation_figures(round=dataset, language="en")
    assert result["total"] == 7
    assert {label: n for label, n, _color in result["totals"]} == {
        "Comment": 5,
        "Proposed amendment": 1,
        "Question": 1,
    }
    assert totals(result, "chart-kinds") == {"member_state": 3, "ngo": 3, None: 1}
    kinds = {row.key: row.values for row in chart(result, "chart-kinds").rows}
    assert kinds["member_state"] == {"comment": 2, "amendment": 1, "question": 0}
    assert totals(result, "chart-groups") == {"african": 3, "grulac": 3, None: 1}
    assert totals(result, "chart-languages") == {"en": 4, "fr": 1, "ar": 1, "es": 1}
    assert totals(result, "chart-positions") == {"support": 1, "oppose": 4, "neutral": 2}
    assert [row.label for row in chart(result, "chart-kinds").rows] == [
        "Member State",
        "Non-governmental organization",
        "Independent experts (personal capacity)",
    ]
    assert result["by_state"] is None


def test_heat_map_counts_top_level_comments_and_orders_by_contest(dataset):
    version = dataset.version
    labels = {p.key: p.label for p in version.provisions.all()}

    def rows(sort):
        heat_map = analytics.participation_figures(round=dataset, language="en", sort=sort)["heat_map"]
        return [(labels[r.key], r.total, r.oppose, r.oppose_percent) for r in heat_map["rows"]]

    assert rows("document") == [("Article 1", 0, 0, 0), ("1", 3, 2, 67), ("2", 2, 2, 100)]
    assert rows("contested") == [("2", 2, 2, 100), ("1", 3, 2, 67), ("Article 1", 0, 0, 0)]
    assert rows("comments") == [("1", 3, 2, 67), ("2", 2, 2, 100), ("Article 1", 0, 0, 0)]
    heat_map = analytics.participation_figures(round=dataset, language="en", sort="contested")["heat_map"]
    assert heat_map["rows"][0].opposition_color == analytics.OPPOSITION_SCALE[-1]
    assert heat_map["rows"][1].comments_color == analytics.COMMENT_SCALE[-1]
    assert heat_map["rows"][2].comments_color == analytics.COMMENT_SCALE[0]
    assert [r.label for r in heat_map["rows"]] == ["Article 1, paragraph 2", "Article 1, paragraph 1", "Article 1"]


def test_secretariat_figures_count_every_state_but_not_withdrawn(dataset):
    result = analytics.participation_figures(round=dataset, language="en", everything=True)
    assert result["total"] == 10
    assert totals(result, "chart-languages") == {"en": 5, "fr": 1, "ar": 1, "es": 1, "ru": 1, "zh-hans": 1}
    states = {label: n for label, _cells, n in result["by_state"]}
    assert states["Published"] == 8 and states["Pending"] == 1 and states["Spam"] == 1
    rows = {r.total for r in result["heat_map"]["rows"]}
    assert rows == {0, 4}


def test_by_instrument_and_by_week(dataset):
    Comment.objects.filter(language="es").update(created_at=timezone.now() - timedelta(weeks=2))
    result = analytics.participation_figures(instrument=dataset.version.instrument, language="en")
    assert result["total"] == 7
    weeks = chart(result, "chart-weeks").rows
    assert [row.total for row in weeks] == [1, 0, 6]  # the empty week between is shown
    assert weeks[0].label.startswith("Week of ")
    assert len(result["heat_map"]["rows"]) == 3


def test_bars_start_from_the_inline_start(dataset):
    ltr = chart(analytics.participation_figures(round=dataset, language="en"), "chart-kinds").rows
    rtl = chart(analytics.participation_figures(round=dataset, language="ar", rtl=True), "chart-kinds").rows
    # Independent experts: one of three at most.
    assert (ltr[2].segments[0].x, ltr[2].segments[0].width) == (0, 33.333)
    assert (rtl[2].segments[0].x, rtl[2].segments[0].width) == (66.667, 33.333)
    # Stacked: the Member States' comments first from the start, then their amendment.
    assert [(s.x, s.width) for s in ltr[0].segments] == [(0, 66.667), (66.667, 33.333)]
    assert [(s.x, s.width) for s in rtl[0].segments] == [(33.333, 66.667), (0, 33.333)]


# --- The page ------------------------------------------------------------------------------


def table_rows(html, caption):
    table = html.split(f"<caption>{caption}")[1].split("</table>")[0]
    return [
        re.sub(r"<[^>]+>", "|", row).replace("||", "|").strip("|") for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table)
    ][1:]


def test_public_page(client, dataset):
    response = client.get(URL, {"round": dataset.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "7 contributions counted" in html
    assert table_rows(html, "Contributions by kind of organization: the figures") == [
        "Member State|2|1|0|3",
        "Non-governmental organization|3|0|0|3",
        "Independent experts (personal capacity)|0|0|1|1",
    ]
    assert '<svg role="img" aria-labelledby="chart-kinds-title chart-kinds-desc"' in html
    assert '<div class="chart__plot" dir="ltr">' in html
    assert "Brazil" not in html and "Solidarity NGO" not in html  # no organization is ever named
    assert "You see every contribution" not in html and "By moderation state" not in html
    assert "Russian" not in html.split("Contributions by language of writing")[1].split("</section>")[0]
    heat = table_rows(html, "Comments on each provision, by position")
    assert [row.split("|")[0] for row in heat] == ["Article 1", "Article 1, paragraph 1", "Article 1, paragraph 2"]
    contested = table_rows(
        client.get(URL, {"round": dataset.pk, "sort": "contested"}).content.decode(),
        "Comments on each provision, by position",
    )
    assert contested[0].startswith("Article 1, paragraph 2|") and contested[0].endswith("|2|0|2|0|100%")


def test_secretariat_page_shows_every_state_with_a_note(client, dataset, secretariat):
    client.force_login(secretariat)
    html = client.get(URL, {"round": dataset.pk}).content.decode()
    assert "10 contributions counted" in html and "You see every contribution" in html
    assert "By moderation state and confidentiality" in html
    public = client.get(URL, {"round": dataset.pk, "view": "public"}).content.decode()
    assert "7 contributions counted" in public and "You see the public figures" in public


def test_drafters_see_everything_and_delegates_the_public_figures(client, dataset, drafter, delegate):
    client.force_login(drafter)
    assert "10 contributions counted" in client.get(URL, {"round": dataset.pk}).content.decode()
    client.force_login(delegate)  # their own pending comment is not counted for them either
    html = client.get(URL, {"round": dataset.pk, "view": ""}).content.decode()
    assert "7 contributions counted" in html and "You see every contribution" not in html


def test_arabic_page_is_right_to_left(client, dataset):
    html = client.get(f"/ar/consultation/analytics/?round={dataset.pk}").content.decode()
    assert 'dir="rtl"' in html and '<div class="chart__plot" dir="ltr">' in html
    assert 'x="66.667" y="43" width="33.333"' in html  # the shortest bar ends at the right edge


def test_no_filter_and_empty_data(client, db):
    html = client.get(URL).content.decode()
    assert "0 contributions counted" in html and "No contributions to count." in html
    assert "Choose a round or a text above" in html


@pytest.mark.parametrize(
    "params",
    [{"round": "abc"}, {"round": "999999"}, {"instrument": "nope"}, {"sort": "bogus"}, {"round": "1' OR '1'='1"}],
)
def test_bad_parameters_are_a_400_with_a_message(client, dataset, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "These figures cannot be shown" in response.content.decode()


def test_instrument_filter_page(client, dataset):
    response = client.get(URL, {"instrument": dataset.version.instrument.slug})
    assert response.status_code == 200 and "7 contributions counted" in response.content.decode()


# --- Query count ---------------------------------------------------------------------------


def _fill(round, author, organization, expert, count):
    provisions = list(round.version.provisions.all()) + [None]
    kinds = [CommentKind.COMMENT, CommentKind.AMENDMENT, CommentKind.QUESTION]
    languages = ["en", "fr", "ar", "zh-hans", "ru", "es"]
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            round=round,
            version=round.version,
            provision=provisions[n % len(provisions)],
            text=f"c{n}",
            kind=kinds[n % 3] if provisions[n % len(provisions)] else CommentKind.COMMENT,
            position=["support", "oppose", "neutral"][n % 3],
            language=languages[n % 6],
            author=expert if n % 7 == 0 else author,
            organization=None if n % 7 == 0 else organization,
            state=ModerationState.PUBLISHED if n % 5 else ModerationState.PENDING,
            created_at=now - timedelta(days=n % 40),
        )
        for n in range(count)
    )


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_0_and_200_comments(client, round, delegate, state_org, expert, secretariat):
    urls = [f"{URL}?round={round.pk}", f"{URL}?instrument={round.version.instrument.slug}&sort=contested", URL]
    empty = [_queries(client, url) for url in urls]
    client.force_login(secretariat)
    empty_staff = [_queries(client, url) for url in urls]
    client.logout()
    _fill(round, delegate, state_org, expert, 200)
    assert [_queries(client, url) for url in urls] == empty
    client.force_login(secretariat)
    assert [_queries(client, url) for url in urls] == empty_staff
    html = client.get(urls[0]).content.decode()
    assert "200 contributions counted" in html
