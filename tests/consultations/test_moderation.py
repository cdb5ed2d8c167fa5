"""Moderation: decisions and their log, claims, concurrency, bulk actions, reports, metrics."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version as RevisionRecord

from consultations import services
from consultations.models import Comment, Flag, ModerationDecision, ModerationReason, ModerationState
from consultations.selectors import moderation_metrics
from portal.models import OutgoingEmail
from tests.consultations.fixtures import make_round, post_comment
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def premoderated(version):
    return make_round(version, premoderated_kinds=["member_state", "ngo"])


def test_publish_is_logged_as_a_revision_and_a_decision_and_notifies_the_author(
    premoderated, delegate, state_org, secretariat
):
    item = post_comment(premoderated, delegate, state_org)
    assert item.state == ModerationState.PENDING
    services.moderation_decide(item=item, by=secretariat, action="publish", expected_state="pending")
    item.refresh_from_db()
    assert item.state == ModerationState.PUBLISHED
    decision = ModerationDecision.objects.get()
    assert (decision.moderator, decision.from_state, decision.to_state) == (secretariat, "pending", "published")
    assert RevisionRecord.objects.get_for_object(item).first().revision.user == secretariat
    assert OutgoingEmail.objects.filter(recipient=delegate, kind="decision").exists()


def test_rejection_needs_a_reason_shown_to_the_author_only(
    client, premoderated, delegate, state_org, secretariat, ngo_member
):
    item = post_comment(premoderated, delegate, state_org, text="Off the subject.")
    with pytest.raises(ValidationError, match="Give a reason"):
        services.moderation_decide(item=item, by=secretariat, action="reject", expected_state="pending")
    reason = ModerationReason.objects.get(label_en="Off-topic")
    services.moderation_decide(
        item=item,
        by=secretariat,
        action="reject",
        expected_state="pending",
        reason_id=reason.pk,
        reason_text="Please see OP2.",
    )
    client.force_login(delegate)
    assert "Off-topic — Please see OP2." in client.get("/en/consultation/mine/").content.decode()
    url = f"/en/consultation/rounds/{premoderated.pk}/comments/general/"
    assert "Please see OP2." in client.get(url).content.decode()
    client.force_login(ngo_member)
    html = client.get(url).content.decode()
    assert "Off the subject." not in html and "Please see OP2." not in html


def test_the_reason_reaches_the_author_in_their_language(premoderated, delegate, state_org, secretariat):
    delegate.preferred_language = "fr"
    delegate.save()
    item = post_comment(premoderated, delegate, state_org)
    services.moderation_decide(
        item=item,
        by=secretariat,
        action="reject",
        expected_state="pending",
        reason_id=ModerationReason.objects.get(label_en="Off-topic").pk,
    )
    item.refresh_from_db()
    assert item.moderation_reason == "Hors sujet"


def test_a_decision_on_an_already_decided_item_is_refused(premoderated, delegate, state_org, secretariat, role_user):
    item = post_comment(premoderated, delegate, state_org)
    other = role_user("secretariat", mfa=True)
    services.moderation_decide(item=item, by=secretariat, action="publish", expected_state="pending")
    with pytest.raises(ValidationError, match="already decided"):
        services.moderation_decide(
            item=item, by=other, action="reject", expected_state="pending", reason_text="Too late"
        )
    assert Comment.objects.get(pk=item.pk).state == ModerationState.PUBLISHED
    assert ModerationDecision.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_one_wins_the_other_gets_a_message(
    premoderated, delegate, state_org, secretariat, role_user
):
    item = post_comment(premoderated, delegate, state_org)
    other = role_user("secretariat", mfa=True)
    results = {}
    barrier = threading.Barrier(2)

    concurrent = connection.vendor != "sqlite"  # SQLite's in-memory test database takes one writer

    def decide(name, by, action):
        if concurrent:
            barrier.wait()
        try:
            services.moderation_decide(item=item, by=by, action=action, expected_state="pending", reason_text="r")
            results[name] = "applied"
        except ValidationError as error:
            results[name] = error.messages[0]
        except Exception as error:  # recorded, so that a crash fails the test instead of vanishing
            results[name] = repr(error)
        finally:
            if concurrent:
                connection.close()

    if concurrent:
        threads = [
            threading.Thread(target=decide, args=("a", secretariat, "publish")),
            threading.Thread(target=decide, args=("b", other, "reject")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        decide("a", secretariat, "publish")
        decide("b", other, "reject")
    assert sorted(results) == ["a", "b"] and list(results.values()).count("applied") == 1, results
    loser = next(value for value in results.values() if value != "applied")
    assert "already decided" in loser, results
    assert ModerationDecision.objects.count() == 1


def test_a_claim_keeps_other_moderators_off(premoderated, delegate, state_org, secretariat, role_user):
    item = post_comment(premoderated, delegate, state_org)
    other = role_user("secretariat", mfa=True)
    services.moderation_claim(item=item, by=secretariat)
    with pytest.raises(ValidationError, match="is reviewing"):
        services.moderation_claim(item=item, by=other)
    with pytest.raises(ValidationError, match="is reviewing"):
        services.moderation_decide(item=item, by=other, action="publish", expected_state="pending")
    services.moderation_decide(item=item, by=secretariat, action="publish", expected_state="pending")


def test_bulk_action_on_one_round_and_refused_across_rounds(premoderated, version, delegate, state_org, secretariat):
    items = [post_comment(premoderated, delegate, state_org, text=f"c{n}") for n in range(3)]
    assert (
        len(
            services.moderation_decide_many(
                items=Comment.objects.filter(pk__in=[i.pk for i in items]), by=secretariat, action="publish"
            )
        )
        == 3
    )
    other_round = make_round(version, premoderated_kinds=["member_state"])
    mixed = [
        post_comment(premoderated, delegate, state_org, text="x"),
        post_comment(other_round, delegate, state_org, text="y"),
    ]
    with pytest.raises(ValidationError, match="one round at a time"):
        services.moderation_decide_many(
            items=Comment.objects.filter(pk__in=[i.pk for i in mixed]), by=secretariat, action="publish"
        )
    assert Comment.objects.filter(pk__in=[i.pk for i in mixed], state="pending").count() == 2


def test_reason_over_the_limit_is_refused(premoderated, delegate, state_org, secretariat):
    item = post_comment(premoderated, delegate, state_org)
    with pytest.raises(ValidationError, match="limit is 1000"):
        services.moderation_decide(
            item=item, by=secretariat, action="reject", expected_state="pending", reason_text="x" * 1001
        )
    assert Comment.objects.get(pk=item.pk).state == ModerationState.PENDING


def test_only_the_secretariat_with_mfa_moderates(premoderated, delegate, state_org, drafter, role_user):
    item = post_comment(premoderated, delegate, state_org)
    for person in (drafter, role_user("secretariat"), delegate):
        with pytest.raises(PermissionDenied):
            services.moderation_decide(item=item, by=person, action="publish", expected_state="pending")


def test_n_reports_hide_a_comment_until_reviewed(round, delegate, state_org, settings):
    settings.FLAG_HIDE_THRESHOLD = 3
    item = post_comment(round, delegate, state_org)
    reporters = [MembershipFactory().user for _n in range(3)]
    for reporter in reporters[:2]:
        services.comment_flag(comment=item, by=reporter, reason="Offensive")
    assert Comment.objects.get(pk=item.pk).state == ModerationState.PUBLISHED
    services.comment_flag(comment=item, by=reporters[2], reason="Offensive")
    assert Comment.objects.get(pk=item.pk).state == ModerationState.HIDDEN
    assert ModerationDecision.objects.get().action == "auto_hide"


def test_report_bad_input(round, delegate, state_org, ngo_member):
    item = post_comment(round, delegate, state_org)
    with pytest.raises(PermissionDenied, match="your own comment"):
        services.comment_flag(comment=item, by=delegate, reason="Mine")
    services.comment_flag(comment=item, by=ngo_member, reason="Wrong")
    with pytest.raises(ValidationError, match="already reported"):
        services.comment_flag(comment=item, by=ngo_member, reason="Again")
    with pytest.raises(ValidationError, match="limit is 1000"):
        services.comment_flag(comment=item, by=MembershipFactory().user, reason="x" * 1001)
    assert Flag.objects.count() == 1


def test_false_attribution_goes_to_the_top_of_the_queue(
    client, premoderated, round, delegate, state_org, ngo_member, ngo, secretariat
):
    post_comment(premoderated, ngo_member, ngo, text="Older, pending")
    published = post_comment(round, delegate, state_org, text="Said to be Brazil's")
    impostor = MembershipFactory(organization=state_org).user
    services.comment_flag(comment=published, by=impostor, reason="Brazil never said this.", kind="false_attribution")
    client.force_login(secretariat)
    html = client.get("/en/consultation/moderation/?state=any").content.decode()
    assert html.index("Said to be Brazil") < html.index("Older, pending")
    assert "reported as falsely attributed" in html


def test_queue_page_filters_and_query_count(client, premoderated, delegate, state_org, secretariat):
    client.force_login(secretariat)
    url = "/en/consultation/moderation/?language=en"
    for n in range(3):
        post_comment(premoderated, delegate, state_org, text=f"early {n}")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(40):
        post_comment(premoderated, delegate, state_org, text=f"late {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)
    assert client.get("/en/consultation/moderation/?language=xx").status_code == 400


def test_queue_page_decides_with_the_buttons(client, premoderated, delegate, state_org, secretariat):
    item = post_comment(premoderated, delegate, state_org)
    client.force_login(secretariat)
    response = client.post(
        f"/en/consultation/moderation/comment/{item.pk}/decide/", {"action": "publish", "expected_state": "pending"}
    )
    assert response.status_code == 302 and Comment.objects.get(pk=item.pk).state == "published"
    response = client.post(
        f"/en/consultation/moderation/comment/{item.pk}/decide/",
        {"action": "publish", "expected_state": "pending"},
        follow=True,
    )
    assert "already decided" in response.content.decode()


def test_the_queue_buttons_carry_the_listed_reason_and_the_moderators_words(
    client, premoderated, delegate, state_org, secretariat
):
    one, other = (post_comment(premoderated, delegate, state_org, text=f"Comment {n}") for n in (1, 2))
    reason = ModerationReason.objects.get(label_en="Off-topic")
    client.force_login(secretariat)
    client.post(
        f"/en/consultation/moderation/comment/{one.pk}/decide/",
        {"action": "reject", "expected_state": "pending", "reason": reason.pk, "reason_text": "See OP2."},
    )
    client.post(
        "/en/consultation/moderation/bulk/",
        {"items": [other.pk], "action": "reject", "reason": reason.pk, "reason_text": "See OP3."},
    )
    decided = ModerationDecision.objects.order_by("comment__text")
    assert [(d.comment, d.action, d.reason, d.reason_text) for d in decided] == [
        (one, "reject", reason, "See OP2."),
        (other, "reject", reason, "See OP3."),
    ]


def test_metrics(premoderated, delegate, state_org, secretariat):
    items = [post_comment(premoderated, delegate, state_org, text=f"c{n}") for n in range(4)]
    for item in items[:3]:
        services.moderation_decide(item=item, by=secretariat, action="publish", expected_state="pending")
    figures = moderation_metrics()
    assert (figures["pending"], figures["decided"]) == (1, 3)
    assert figures["median"] is not None and figures["p90"] >= figures["median"]
    assert figures["by_moderator"][0]["n"] == 3


def test_the_default_queue_and_its_figure_hold_everything_hidden_or_reported(
    client, round, delegate, state_org, secretariat, settings
):
    settings.FLAG_HIDE_THRESHOLD = 2
    hidden = post_comment(round, delegate, state_org, text="Hidden by reports")
    for _n in range(2):
        services.comment_flag(comment=hidden, by=MembershipFactory().user, reason="Offensive")
    misattributed = post_comment(round, delegate, state_org, text="Said to be Brazil's")
    impostor = MembershipFactory(organization=state_org).user
    services.comment_flag(
        comment=misattributed, by=impostor, reason="Brazil never said this.", kind="false_attribution"
    )
    post_comment(round, delegate, state_org, text="Nothing wrong with it")
    assert Comment.objects.get(pk=hidden.pk).state == ModerationState.HIDDEN
    client.force_login(secretariat)
    html = client.get("/en/consultation/moderation/").content.decode()
    assert "Hidden by reports" in html and "Said to be Brazil" in html
    assert "Nothing wrong with it" not in html and "Nothing waits for a decision" not in html
    assert moderation_metrics()["pending"] == 2


def test_figures_read_as_people_read(client, premoderated, delegate, state_org, secretariat):
    item = post_comment(premoderated, delegate, state_org)
    Comment.objects.filter(pk=item.pk).update(created_at=item.created_at - timedelta(hours=2, minutes=5))
    services.moderation_decide(
        item=item, by=secretariat, action="reject", expected_state="pending", reason_text="Off topic here."
    )
    client.force_login(secretariat)
    html = client.get("/en/consultation/moderation/metrics/").content.decode()
    assert "2 hours 5 minutes" in html and "0:00" not in html and "2:05" not in html
    assert "<td>Reject</td>" in html and "<td>reject</td>" not in html
    assert "Explained in the moderator’s own words" in html


def test_bulk_decisions_count_in_words(client, premoderated, delegate, state_org, secretariat):
    item = post_comment(premoderated, delegate, state_org)
    client.force_login(secretariat)
    response = client.post("/en/consultation/moderation/bulk/", {"items": [item.pk], "action": "publish"}, follow=True)
    assert "1 decision recorded." in response.content.decode()
