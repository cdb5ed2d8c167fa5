"""The consultation pages: the round's version page, comments opened in place, forms, privacy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Comment
from drafts import services as text_services
from tests.consultations.fixtures import make_round, post_comment

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_round_page_shows_counts_by_position(client, round, delegate, state_org):
    provision = round.version.provisions.get(label="1")
    for position in ("support", "support", "oppose"):
        post_comment(round, delegate, state_org, "x", provision=provision, position=position)
    html = client.get(f"/en/consultation/rounds/{round.pk}/").content.decode()
    assert "3 comments" in html and "support 2 · oppose 1 · neutral 0" in html


def test_comments_fragment_query_count_does_not_grow_with_the_page(client, round, delegate, state_org, ngo_member, ngo):
    provision = round.version.provisions.get(label="1")
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/"
    first = post_comment(round, delegate, state_org, "x", provision=provision)
    post_comment(round, ngo_member, ngo, "reply", parent=first)
    small = count_queries(client, url)
    for n in range(30):
        parent = post_comment(round, delegate, state_org, f"c{n}", provision=provision)
        post_comment(round, ngo_member, ngo, f"r{n}", parent=parent, cosigner_ids=[])
    assert count_queries(client, url) == small


def test_comments_open_in_place_with_htmx_and_are_paginated(client, round, delegate, state_org):
    provision = round.version.provisions.get(label="1")
    for n in range(12):
        post_comment(round, delegate, state_org, f"Comment number {n}", provision=provision)
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/"
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "Comment number 9" in fragment and "Comment number 10" not in fragment
    assert "Page 1 of 2" in fragment
    assert "Comment number 11" in client.get(url + "?page=2", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in client.get(url).content.decode()  # without JavaScript: a page of its own


def test_posting_a_comment_through_the_page_and_twice(client, round, delegate, state_org):
    provision = round.version.provisions.get(label="1")
    client.force_login(delegate)
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/new/"
    data = {
        "capacity": str(state_org.pk),
        "kind": "comment",
        "position": "support",
        "text": "From the page.",
        "proposed_text": "",
        "language": "en",
        "confidentiality": "public",
        "on_behalf_note": "",
        "client_token": "tok-1",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200
    assert Comment.objects.filter(text="From the page.").count() == 1


def test_posting_bad_input_through_htmx_shows_the_message_and_keeps_the_text(client, round, delegate, state_org, ngo):
    provision = round.version.provisions.get(label="1")
    client.force_login(delegate)
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/new/"
    data = {
        "capacity": str(state_org.pk),
        "kind": "comment",
        "position": "support",
        "text": "y" * 5001,
        "language": "en",
        "confidentiality": "public",
        "client_token": "tok-2",
    }
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    assert "limit is 5000" in html and "y" * 5001 in html
    data.update(text="Fine", capacity=str(ngo.pk), client_token="tok-3")
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and not Comment.objects.exists()


def test_confidentiality_on_public_pages(client, round, delegate, state_org, ngo_member, ngo, secretariat):
    provision = round.version.provisions.get(label="1")
    post = lambda author, org, text, confidentiality: post_comment(  # noqa: E731
        round, author, org, text, provision=provision, confidentiality=confidentiality
    )
    post(delegate, state_org, "Attributed words", "public")
    post(ngo_member, ngo, "Anonymous words", "anonymous")
    post(delegate, state_org, "Secret words", "secretariat")
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/"
    html = client.get(url).content.decode()
    assert "Attributed words" in html and "Brazil" in html
    assert (
        "Anonymous words" in html
        and "Solidarity NGO" not in html
        and "Non-governmental organization (African States)" in html
    )
    assert "Secret words" not in html
    client.force_login(secretariat)
    html = client.get(url).content.decode()
    assert "Secret words" in html and "Solidarity NGO" in html


def test_pending_comments_are_shown_to_their_author_only(client, version, ngo_member, ngo, delegate):
    round = make_round(version, premoderated_kinds=["ngo"])
    post_comment(round, ngo_member, ngo, "Awaiting review", provision=None)
    url = f"/en/consultation/rounds/{round.pk}/comments/general/"
    assert "Awaiting review" not in client.get(url).content.decode()
    client.force_login(ngo_member)
    html = client.get(url).content.decode()
    assert "Awaiting review" in html and "Pending" in html
    client.force_login(delegate)
    assert "Awaiting review" not in client.get(url).content.decode()


def test_comments_on_the_same_paragraph_in_earlier_versions_are_shown_folded(
    client, round, delegate, state_org, drafter
):
    provision = round.version.provisions.get(label="1")
    post_comment(round, delegate, state_org, "On version one", provision=provision)
    later = text_services.version_copy(version=round.version, by=drafter, label="Revised")
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    new_round = make_round(later)
    html = client.get(f"/en/consultation/rounds/{new_round.pk}/comments/{provision.key}/").content.decode()
    assert "On version one" in html and "earlier versions" in html and "Everyone has the right" in html


def test_closed_round_shows_no_form_and_refuses_posts(client, version, delegate, state_org):
    round = make_round(version, state="closed")
    provision = version.provisions.get(label="1")
    client.force_login(delegate)
    assert (
        "comment-form"
        not in client.get(f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/").content.decode()
    )
    data = {
        "capacity": str(state_org.pk),
        "kind": "comment",
        "position": "neutral",
        "text": "Late",
        "language": "en",
        "confidentiality": "public",
        "client_token": "late",
    }
    response = client.post(f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/new/", data)
    assert response.status_code == 200 and "closed" in response.content.decode() and not Comment.objects.exists()


def test_my_contributions_edit_and_withdraw_pages(client, round, delegate, state_org):
    comment = post_comment(round, delegate, state_org, "Mine")
    client.force_login(delegate)
    assert "Mine" in client.get("/en/consultation/mine/").content.decode()
    assert (
        client.post(
            f"/en/consultation/comments/{comment.pk}/edit/", {"text": "Mine, edited", "position": "oppose"}
        ).status_code
        == 302
    )
    assert client.post(f"/en/consultation/comments/{comment.pk}/withdraw/").status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Mine, edited" and comment.is_withdrawn


def test_someone_elses_comment_is_not_found(client, round, delegate, state_org, ngo_member):
    comment = post_comment(round, delegate, state_org, "Mine")
    client.force_login(ngo_member)
    assert client.get(f"/en/consultation/comments/{comment.pk}/edit/").status_code == 404
    assert client.post(f"/en/consultation/comments/{comment.pk}/withdraw/").status_code == 404
    assert not Comment.objects.get(pk=comment.pk).is_withdrawn


def test_round_page_in_arabic_is_right_to_left(client, round):
    html = client.get(f"/ar/consultation/rounds/{round.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_amendment_decision_by_a_drafter_and_trace_into_the_next_version(client, round, delegate, state_org, drafter):
    provision = round.version.provisions.get(label="1")
    amendment = post_comment(
        round,
        delegate,
        state_org,
        "Simpler",
        provision=provision,
        kind="amendment",
        proposed_text="Everyone shall enjoy solidarity.",
    )
    client.force_login(delegate)
    client.post(f"/en/consultation/comments/{amendment.pk}/decision/", {"outcome": "accepted"})
    assert Comment.objects.get(pk=amendment.pk).outcome == ""
    client.force_login(drafter)
    client.post(f"/en/consultation/comments/{amendment.pk}/decision/", {"outcome": "partly", "note": "Kept the idea."})
    amendment.refresh_from_db()
    assert (amendment.outcome, amendment.outcome_note) == ("partly", "Kept the idea.")
    later = text_services.version_copy(version=round.version, by=drafter, label="Revised")
    later_provision = later.provisions.get(key=provision.key)
    client.post(
        f"/en/consultation/amendments/{later.instrument.slug}/v{later.number}/",
        {f"provision-{later_provision.pk}": [amendment.pk]},
    )
    assert later_provision.incorporations.get().amendment == amendment
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    html = client.get(f"/en/consultation/rounds/{make_round(later).pk}/comments/{provision.key}/").content.decode()
    assert "incorporates amendments" in html and "Brazil" in html


def test_a_comment_permalink_finds_its_page(client, round, delegate, state_org):
    provision = round.version.provisions.get(label="1")
    made = [post_comment(round, delegate, state_org, f"n{n}", provision=provision) for n in range(13)]
    response = client.get(f"/en/consultation/comments/{made[11].pk}/")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/comments/{provision.key}/?page=2#comment-{made[11].pk}"
    )
    hidden = post_comment(round, delegate, state_org, "secret", confidentiality="secretariat")
    assert client.get(f"/en/consultation/comments/{hidden.pk}/").status_code == 404
