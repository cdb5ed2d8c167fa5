"""Search over the public texts (six languages) and the comments the reader may see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Comment, Confidentiality, ModerationState
from consultations.selectors import search
from drafts import services as text_services
from tests.consultations.fixtures import article_with_two_paragraphs, make_round

pytestmark = pytest.mark.django_db

URL = "/en/consultation/search/"


@pytest.fixture
def texts(drafter):
    """A published version with its provisions in the six languages, and a draft in editing."""
    instrument = text_services.instrument_create(by=drafter, slug="solidarity", title="Draft declaration")
    version = text_services.version_create(
        instrument=instrument, by=drafter, label="Zero draft", original_language="en"
    )
    article_with_two_paragraphs(
        version,
        drafter,
        article={
            "en": "Right to international solidarity",
            "fr": "Droit à la solidarité internationale",
            "es": "Derecho a la solidaridad internacional",
            "ru": "Право на международную солидарность",
            "ar": "الحق في التضامن الدولي",
            "zh-hans": "国际团结权",
        },
        first={
            "en": "Everyone has the right to international solidarity.",
            "fr": "Toute personne a droit à la solidarité internationale.",
            "es": "Toda persona tiene derecho a la solidaridad internacional.",
            "ru": "Каждый имеет право на международную солидарность.",
            "ar": "لكل فرد الحق في التضامن الدولي.",
            "zh-hans": "人人享有国际团结的权利。",
        },
        second={
            "en": "States shall cooperate to eradicate poverty.",
            "fr": "Les États coopèrent pour éliminer la pauvreté.",
            "es": "Los Estados cooperarán para erradicar la pobreza.",
            "ru": "Государства сотрудничают в целях искоренения нищеты.",
            "ar": "تتعاون الدول من أجل القضاء على الفقر.",
            "zh-hans": "各国应合作消除贫困。",
        },
    )
    published = text_services.version_publish(version=version, by=drafter, untranslated_ok=True)
    draft = text_services.version_create(
        instrument=instrument, by=drafter, label="Unpublished draft", original_language="en"
    )
    text_services.provision_create(
        version=draft,
        by=drafter,
        kind="operative",
        label="1",
        texts={"en": "A secret zanzibar clause.", "fr": "Une clause zanzibar."},
    )
    return published


def key_of(version, label):
    return version.provisions.get(label=label).key


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code in (200, 400), response.status_code
    return response, response.content.decode()


def test_finds_a_provision_by_a_french_word(client, texts):
    response, html = get(client, q="pauvreté")
    assert response.status_code == 200
    assert f'href="/en/texts/solidarity/v1/?text=fr#{key_of(texts, "2")}"' in html
    assert "<mark>pauvreté</mark>" in html
    assert "1 result" in html


def test_finds_a_provision_by_an_arabic_word(client, texts):
    response, html = get(client, q="الفقر")
    assert f'href="/en/texts/solidarity/v1/?text=ar#{key_of(texts, "2")}"' in html
    assert "<mark>الفقر</mark>" in html
    assert 'lang="ar" dir="rtl"' in html


def test_finds_an_arabic_word_without_its_article_and_with_vowel_marks(client, texts):
    # "تضامن" is inside "التضامن"; the harakat typed in the query are ignored.
    _response, html = get(client, q="تَضامن", language="ar")
    assert key_of(texts, "1") in html and key_of(texts, "Article 1") in html


def test_finds_a_chinese_substring(client, texts):
    _response, html = get(client, q="团结")
    assert f"?text=zh-hans#{key_of(texts, '1')}" in html
    assert f"?text=zh-hans#{key_of(texts, 'Article 1')}" in html
    assert "国际<mark>团结</mark>" in html


def test_language_filter_and_unpublished_versions(client, texts):
    _response, html = get(client, q="solidarity", language="fr")
    assert "0 results" in html
    _response, html = get(client, q="zanzibar")
    assert "0 results" in html and "zanzibar clause" not in html  # a version in editing is not public


def test_prefers_the_interface_language_when_several_match(client, texts):
    html = client.get("/fr/consultation/search/", {"q": "internationale"}).content.decode()
    assert f"/fr/texts/solidarity/v1/?text=fr#{key_of(texts, '1')}" in html


# --- Comments ------------------------------------------------------------------------------


@pytest.fixture
def comments(texts, delegate, state_org, ngo_member, ngo):
    round = make_round(texts)
    paragraph = texts.provisions.get(label="1")

    def add(text, author, organization, **fields):
        values = {"state": ModerationState.PUBLISHED, "confidentiality": Confidentiality.PUBLIC, "provision": paragraph}
        values.update(fields)
        return Comment.objects.create(
            round=round, version=texts, text=text, language="en", author=author, organization=organization, **values
        )

    return {
        "round": round,
        "public": add("Unicorn public remark", ngo_member, ngo),
        "anonymous": add("Unicorn anonymous remark", delegate, state_org, confidentiality=Confidentiality.ANONYMOUS),
        "secret": add("Unicorn secretariat remark", delegate, state_org, confidentiality=Confidentiality.SECRETARIAT),
        "pending": add("Unicorn pending remark", delegate, state_org, state=ModerationState.PENDING),
        "general": add("Unicorn general remark", ngo_member, ngo, provision=None),
    }


def test_comments_only_public_ones_and_anonymous_without_the_organization(client, comments):
    _response, html = get(client, q="unicorn", scope="comments")
    assert "<mark>Unicorn</mark> public remark" in html and "Unicorn</mark> anonymous remark" in html
    assert "secretariat remark" not in html and "pending remark" not in html
    assert "Brazil" not in html  # the anonymous comment's organization
    assert "Member State (Latin American and Caribbean States)" in html
    assert "Solidarity NGO" in html
    round, key = comments["round"], comments["public"].provision.key
    assert f'href="/en/consultation/rounds/{round.pk}/comments/{key}/#comment-{comments["public"].pk}"' in html
    assert f'href="/en/consultation/rounds/{round.pk}/comments/general/#comment-{comments["general"].pk}"' in html
    assert "Comments (3)" in html


def test_the_secretariat_finds_everything_and_authors_their_own(client, comments, secretariat, delegate):
    client.force_login(secretariat)
    html = get(client, q="unicorn", scope="comments")[1]
    assert all(word in html for word in ("public remark", "anonymous remark", "secretariat remark", "pending remark"))
    assert "Brazil" in html
    client.force_login(delegate)
    html = get(client, q="unicorn", scope="comments")[1]
    assert "pending remark" in html and "secretariat remark" in html  # their own


def test_a_comment_beyond_the_first_page_of_its_provision_links_to_its_page(client, texts, delegate, state_org):
    round = make_round(texts)
    paragraph = texts.provisions.get(label="2")
    start = timezone.now() - timedelta(days=1)
    Comment.objects.bulk_create(
        Comment(
            round=round,
            version=texts,
            provision=paragraph,
            text=f"Remark {n}" + (" kangaroo" if n == 11 else ""),
            language="en",
            author=delegate,
            organization=state_org,
            state=ModerationState.PUBLISHED,
            created_at=start + timedelta(minutes=n),
        )
        for n in range(12)
    )
    target = Comment.objects.get(text__contains="kangaroo")
    reply = Comment.objects.create(
        round=round,
        version=texts,
        provision=paragraph,
        parent=target,
        depth=1,
        text="A kangaroo reply",
        language="en",
        author=delegate,
        organization=state_org,
        state=ModerationState.PUBLISHED,
    )
    html = get(client, q="kangaroo", scope="comments")[1]
    assert f"/comments/{paragraph.key}/?page=2#comment-{target.pk}" in html
    assert f"/comments/{paragraph.key}/?page=2#comment-{reply.pk}" in html


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "%",
        "_",
        "\\",
        "\\%",
        "a\u202eb",
        "\u202e",
        "\u200b",
        "\x00",
        "'; DROP TABLE drafts_provision; --",
        '"unbalanced',
        "-",
        "!!",
        "&|",
        "<script>alert(1)</script>",
        "a" * 200,
    ],
)
def test_odd_queries_never_break_the_page(client, texts, comments, query):
    for scope in ("provisions", "comments"):
        response, html = get(client, q=query, scope=scope)
        assert response.status_code == 200
        assert "<script>alert" not in html


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%00", "%E2%80%AE%E2%80%8B", "%C0%AF", "%25%27%22%5C"])
def test_undecodable_query_strings_never_break_the_page(client, texts, raw):
    response = client.get(f"{URL}?q={raw}&scope=comments")
    assert response.status_code == 200
    response = client.get(f"{URL}?q={raw}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["%", "_", "\\"])
def test_like_wildcards_are_literal(client, texts, comments, query):
    for scope in ("provisions", "comments"):
        assert "0 results" in get(client, q=query, scope=scope)[1]


def test_empty_query_shows_the_form_with_a_message(client, texts):
    for query in ("", "   ", "\u200b\u200b", "\u202e\x00"):
        response, html = get(client, q=query)
        assert response.status_code == 200
        assert "Type a word or a few words to search for." in html and 'name="q"' in html
    response, html = get(client)
    assert response.status_code == 200 and 'role="search"' in html


def test_a_query_over_200_characters_is_refused_with_a_message(client, texts):
    response, html = get(client, q="a" * 201)
    assert response.status_code == 400
    assert "the limit is 200" in html
    # Invisible characters do not count: they are removed before searching.
    response, html = get(client, q="\u200b" * 300 + "solidarity")
    assert response.status_code == 200 and "result" in html


def test_invisible_characters_are_removed_before_searching(client, texts):
    for query in ("soli\u200bdarity", "\u202esolidarity\u202c", "solidarity\ufeff", "\u2067solidarity\u2069"):
        html = get(client, q=query)[1]
        assert f"#{key_of(texts, '1')}" in html, query


def test_bad_parameters_are_a_400_with_a_message(client, texts):
    assert get(client, q="solidarity", scope="everything")[0].status_code == 400
    assert get(client, q="solidarity", language="xx")[0].status_code == 400
    for page in ("abc", "-1", "999", "1' OR '1'='1"):
        assert get(client, q="solidarity", page=page)[0].status_code == 200


def test_snippets_escape_the_text_and_mark_matches():
    html = search.snippet("<b>Unicorn</b> & co <i>unicorn</i>", "unicorn")
    assert html == "&lt;b&gt;<mark>Unicorn</mark>&lt;/b&gt; &amp; co &lt;i&gt;<mark>unicorn</mark>&lt;/i&gt;"
    assert search.snippet("x" * 500 + " coopération des États", "coopérer").count("<mark>coopération</mark>") == 1
    assert "<mark>" not in search.snippet("<mark>", "mark")[:6]


def test_clean_query():
    assert search.clean_query(" soli\u200bdarity \u202e\x00 of\u00a0peoples ") == "solidarity of peoples"
    assert search.clean_query("e\u0301tat") == "\u00e9tat"  # NFC


# --- Query count ---------------------------------------------------------------------------


def _fill(round, version, author, organization, count):
    provisions = list(version.provisions.all()) + [None]
    confidentialities = [Confidentiality.PUBLIC, Confidentiality.ANONYMOUS, Confidentiality.SECRETARIAT]
    Comment.objects.bulk_create(
        Comment(
            round=round,
            version=version,
            provision=provisions[n % len(provisions)],
            text=f"Walrus remark {n}",
            language="en",
            author=author,
            organization=organization,
            confidentiality=confidentialities[n % 3],
            state=ModerationState.PUBLISHED if n % 5 else ModerationState.PENDING,
        )
        for n in range(count)
    )


def _queries(client, params):
    client.get(URL, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_10_and_60_comments(client, texts, delegate, state_org, secretariat):
    round = make_round(texts)
    params = {"q": "walrus", "scope": "comments"}
    _fill(round, texts, delegate, state_org, 10)
    few = _queries(client, params)
    _fill(round, texts, delegate, state_org, 50)
    many = _queries(client, params)
    assert few == many
    html = client.get(URL, params).content.decode()
    assert "Page 1 of 2" in html  # 36 public comments, 20 a page
    client.force_login(secretariat)
    assert _queries(client, params) == _queries(client, {**params, "page": "3"})
    assert _queries(client, {"q": "solidarity"}) == _queries(client, {"q": "solidarity", "language": "en"})


# --- PostgreSQL: stemming and trigrams -----------------------------------------------------

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL text search and pg_trgm")


@postgres_only
def test_postgres_finds_other_forms_of_a_word(client, texts):
    html = get(client, q="cooperation")[1]  # English stemming: "cooperate"
    assert f"?text=en#{key_of(texts, '2')}" in html and "<mark>cooperate</mark>" in html
    html = get(client, q="солидарности")[1]  # Russian stemming
    assert f"?text=ru#{key_of(texts, '1')}" in html


@postgres_only
def test_postgres_finds_an_arabic_word_with_another_prefix_by_trigrams(client, texts):
    html = get(client, q="بالتضامن")[1]  # "with solidarity"; the text has "التضامن"
    assert f"?text=ar#{key_of(texts, '1')}" in html and "<mark>التضامن</mark>" in html
