"""Finding 4: an edit after approval skipped pre-moderation. Finding 5: three throwaway accounts
could hide any comment. Edits to published contributions go back to the secretariat; only
accredited participants' reports hide anything, and reports are limited per hour."""

import pytest
from django.core.exceptions import ValidationError

from consultations import services
from consultations.models import Comment, Flag, ModerationDecision, ModerationState
from portal.models import OutgoingEmail
from tests.consultations.fixtures import make_round, post_comment
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLISHED_TEXT = "States shall cooperate in solidarity."
EDITED_TEXT = "Anything at all, edited after approval."


def published(round, author, organization, secretariat):
    comment = post_comment(round, author, organization, PUBLISHED_TEXT)
    if comment.state == ModerationState.PENDING:
        services.moderation_decide(item=comment, by=secretariat, action="publish", expected_state="pending")
    return Comment.objects.get(pk=comment.pk)


def public_texts(client, round):
    page = client.get(f"/en/consultation/rounds/{round.pk}/comments/general/").content.decode()
    api = [item["text"] for item in client.get("/api/comments").json()["results"]]
    return page, api


class TestAnEditAfterPublicationInAPreModeratedRound:
    @pytest.fixture
    def held(self, version):
        return make_round(version, premoderated_kinds=["ngo"])

    def test_the_published_text_stays_until_the_secretariat_decides(self, client, held, ngo_member, ngo, secretariat):
        comment = published(held, ngo_member, ngo, secretariat)
        client.force_login(ngo_member)
        response = client.post(
            f"/en/consultation/comments/{comment.pk}/edit/", {"text": EDITED_TEXT, "position": "neutral"}, follow=True
        )
        assert "once the secretariat has reviewed it" in response.content.decode()  # the author is told
        comment.refresh_from_db()
        assert (comment.state, comment.text, comment.pending_text) == ("published", PUBLISHED_TEXT, EDITED_TEXT)
        client.logout()
        page, api = public_texts(client, held)
        assert PUBLISHED_TEXT in page and EDITED_TEXT not in page
        assert api == [PUBLISHED_TEXT]
        log = ModerationDecision.objects.filter(comment=comment).first()
        assert (log.action, log.get_action_display(), log.to_state) == ("edited", "Edited after publication", "pending")
        client.force_login(ngo_member)  # editing again starts from the edit that waits, not the published text
        assert EDITED_TEXT in client.get(f"/en/consultation/comments/{comment.pk}/edit/").content.decode()

    def test_the_queue_shows_the_edit_and_publishing_it_replaces_the_text(
        self, client, held, ngo_member, ngo, secretariat
    ):
        comment = published(held, ngo_member, ngo, secretariat)
        services.comment_edit(comment=comment, by=ngo_member, text=EDITED_TEXT)
        client.force_login(secretariat)
        queue = client.get("/en/consultation/moderation/").content.decode()
        assert "edited after publication" in queue and EDITED_TEXT in queue and "Publish the edit" in queue
        client.post(
            f"/en/consultation/moderation/comment/{comment.pk}/decide/",
            {"action": "keep_edit", "expected_state": "published"},
        )
        comment.refresh_from_db()
        assert (comment.text, comment.pending_text, comment.edited_after_publication_at) == (EDITED_TEXT, "", None)
        assert OutgoingEmail.objects.filter(recipient=ngo_member, kind="decision").count() == 2
        client.logout()
        assert public_texts(client, held)[1] == [EDITED_TEXT]

    def test_a_refused_edit_leaves_the_published_text_and_needs_a_reason(self, held, ngo_member, ngo, secretariat):
        comment = published(held, ngo_member, ngo, secretariat)
        services.comment_edit(comment=comment, by=ngo_member, text=EDITED_TEXT)
        with pytest.raises(ValidationError, match="Give a reason"):
            services.moderation_decide(item=comment, by=secretariat, action="drop_edit", expected_state="published")
        services.moderation_decide(
            item=comment, by=secretariat, action="drop_edit", expected_state="published", reason_text="Off topic."
        )
        comment.refresh_from_db()
        assert (comment.state, comment.text, comment.pending_text) == ("published", PUBLISHED_TEXT, "")
        assert comment.edited_after_publication_at is None
        with pytest.raises(ValidationError, match="already reviewed"):
            services.moderation_decide(item=comment, by=secretariat, action="keep_edit", expected_state="published")

    def test_a_comment_not_yet_published_is_simply_edited(self, held, ngo_member, ngo):
        comment = post_comment(held, ngo_member, ngo, PUBLISHED_TEXT)
        services.comment_edit(comment=comment, by=ngo_member, text=EDITED_TEXT)
        comment.refresh_from_db()
        assert (comment.state, comment.text, comment.pending_text) == ("pending", EDITED_TEXT, "")
        assert not ModerationDecision.objects.exists()


def test_in_a_post_moderated_round_an_edit_stays_published_and_is_flagged(client, round, ngo_member, ngo, secretariat):
    comment = published(round, ngo_member, ngo, secretariat)
    services.comment_edit(comment=comment, by=ngo_member, text=EDITED_TEXT)
    comment.refresh_from_db()
    assert (comment.state, comment.text) == ("published", EDITED_TEXT)
    assert comment.edited_after_publication_at is not None
    assert ModerationDecision.objects.get(comment=comment).to_state == "published"
    client.force_login(secretariat)
    assert "Keep published" in client.get("/en/consultation/moderation/").content.decode()
    services.moderation_decide(item=comment, by=secretariat, action="keep", expected_state="published")
    comment.refresh_from_db()
    assert comment.edited_after_publication_at is None and comment.text == EDITED_TEXT
    assert f"item-comment-{comment.pk}" not in client.get("/en/consultation/moderation/").content.decode()


class TestReports:
    def test_throwaway_accounts_never_hide_a_comment(self, client, round, delegate, state_org, secretariat, settings):
        """Finding 5: two self-registered accounts and one report hid Brazil's comment."""
        settings.FLAG_HIDE_THRESHOLD = 3
        comment = published(round, delegate, state_org, secretariat)
        reporters = [MembershipFactory().user] + [UserFactory() for _ in range(5)]
        for reporter in reporters:
            services.comment_flag(comment=comment, by=reporter, reason="I disagree.")
        assert Comment.objects.get(pk=comment.pk).state == ModerationState.PUBLISHED
        assert client.get(f"/en/consultation/comments/{comment.pk}/").status_code == 302  # still public
        assert Flag.objects.filter(comment=comment).count() == 6
        client.force_login(secretariat)
        queue = client.get("/en/consultation/moderation/").content.decode()
        assert f"item-comment-{comment.pk}" in queue and "reported" in queue  # it reaches the queue

    def test_reports_from_accredited_participants_hide_until_reviewed(
        self, round, delegate, state_org, secretariat, settings
    ):
        settings.FLAG_HIDE_THRESHOLD = 3
        comment = published(round, delegate, state_org, secretariat)
        for _n in range(3):
            services.comment_flag(comment=comment, by=MembershipFactory().user, reason="Abusive.")
        assert Comment.objects.get(pk=comment.pk).state == ModerationState.HIDDEN
        services.moderation_decide(item=comment, by=secretariat, action="publish", expected_state="hidden")
        assert not Flag.objects.filter(comment=comment, resolved_at=None).exists()  # answered
        services.comment_flag(comment=comment, by=MembershipFactory().user, reason="Again.")
        assert Comment.objects.get(pk=comment.pk).state == ModerationState.PUBLISHED  # counted afresh

    def test_reports_are_limited_per_account_per_hour(self, round, delegate, state_org, secretariat, settings):
        settings.FLAG_RATE_PER_HOUR = 3
        reporter = UserFactory()
        comments = [published(round, delegate, state_org, secretariat) for _n in range(4)]
        for comment in comments[:3]:
            services.comment_flag(comment=comment, by=reporter, reason="Spam.")
        with pytest.raises(ValidationError, match="3 reports in the last hour"):
            services.comment_flag(comment=comments[3], by=reporter, reason="Spam.")
        assert Flag.objects.filter(reporter=reporter).count() == 3
