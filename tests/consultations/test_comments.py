"""Comments, amendments, replies, co-signers: stored exactly, or refused whole with a message."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version as RevisionRecord

from consultations import services
from consultations.models import Comment, CoSignature, ModerationState
from drafts import services as text_services
from tests.consultations.fixtures import make_round, post_comment
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_comment_is_stored_exactly_with_its_attribution(round, delegate, state_org):
    provision = round.version.provisions.get(label="1")
    text = "  Brazil supports\r\nthis paragraph — «entièrement» ; تضامن  "
    comment = post_comment(
        round, delegate, state_org, provision=provision, position="support", text=text, language="fr"
    )
    comment.refresh_from_db()
    assert comment.text == "Brazil supports\nthis paragraph — «entièrement» ; تضامن"
    assert (comment.organization, comment.provision, comment.version, comment.position) == (
        state_org,
        provision,
        round.version,
        "support",
    )
    assert comment.state == ModerationState.PUBLISHED


def test_premoderated_audience_waits_for_review(version, ngo_member, ngo):
    round = make_round(version, premoderated_kinds=["ngo"])
    assert post_comment(round, ngo_member, ngo).state == ModerationState.PENDING


def test_expert_speaks_in_personal_capacity(round, expert):
    comment = post_comment(round, expert, None, kind="question")
    assert comment.organization is None and comment.kind == "question"


def test_amendment_keeps_the_proposed_text(round, delegate, state_org):
    provision = round.version.provisions.get(label="1")
    comment = post_comment(
        round,
        delegate,
        state_org,
        provision=provision,
        kind="amendment",
        proposed_text="Everyone has the inalienable right to international solidarity.",
    )
    assert comment.proposed_text.startswith("Everyone has the inalienable")
    from consultations.selectors import amendment_redline

    assert (
        amendment_redline(comment=comment)
        == "Everyone has the<ins> inalienable</ins> right to international solidarity."
    )


def test_reply_is_threaded_and_depth_is_limited(round, delegate, state_org, ngo_member, ngo):
    provision = round.version.provisions.get(label="1")
    parent = post_comment(round, delegate, state_org, provision=provision)
    for depth in range(1, 4):
        parent = post_comment(round, ngo_member, ngo, parent=parent, text=f"Reply {depth}")
        assert parent.depth == depth and parent.provision == provision
    with pytest.raises(ValidationError, match="replies deep"):
        post_comment(round, delegate, state_org, parent=parent)


def test_edit_is_a_revision_and_withdraw_keeps_the_comment(round, delegate, state_org):
    comment = post_comment(round, delegate, state_org, text="First wording.")
    services.comment_edit(comment=comment, by=delegate, text="Second wording.")
    comment.refresh_from_db()
    assert comment.text == "Second wording." and comment.edit_count == 1
    texts = [record.field_dict["text"] for record in RevisionRecord.objects.get_for_object(comment)]
    assert texts == ["Second wording.", "First wording."]
    services.comment_withdraw(comment=comment, by=delegate)
    comment.refresh_from_db()
    assert comment.is_withdrawn and Comment.objects.filter(pk=comment.pk).exists()
    with pytest.raises(PermissionDenied, match="withdrawn"):
        services.comment_edit(comment=comment, by=delegate, text="Third")


def test_only_the_author_edits_or_withdraws(round, delegate, state_org):
    comment = post_comment(round, delegate, state_org)
    colleague = MembershipFactory(organization=state_org).user
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, by=colleague, text="Not mine")
    with pytest.raises(PermissionDenied):
        services.comment_withdraw(comment=comment, by=colleague)


def test_joint_comment_needs_confirmation_by_a_member_of_the_cosigner(round, delegate, state_org, ngo, ngo_member):
    comment = post_comment(round, delegate, state_org, cosigner_ids=[ngo.pk])
    cosignature = CoSignature.objects.get(comment=comment)
    assert cosignature.status == "requested"
    with pytest.raises(PermissionDenied):
        services.cosignature_decide(cosignature=cosignature, by=delegate, confirm=True)  # not a member of the NGO
    services.cosignature_decide(cosignature=cosignature, by=ngo_member, confirm=True)
    cosignature.refresh_from_db()
    assert cosignature.status == "confirmed" and cosignature.decided_by == ngo_member
    with pytest.raises(ValidationError, match="already answered"):
        services.cosignature_decide(cosignature=cosignature, by=ngo_member, confirm=False)


def test_the_same_form_posted_twice_stores_one_comment(round, delegate, state_org):
    first = post_comment(round, delegate, state_org, client_token="form-123")
    second = post_comment(round, delegate, state_org, client_token="form-123")
    assert first.pk == second.pk and Comment.objects.count() == 1


class TestBadInput:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "empty"),
            ("   \n ", "empty"),
            ("x" * 5001, "5001 characters long"),
            ("bad\x00byte", "control characters"),
            ("evil \u202e reversed", "direction-override"),
        ],
    )
    def test_text_is_refused_and_nothing_stored(self, round, delegate, state_org, text, message):
        with pytest.raises(ValidationError, match=message):
            post_comment(round, delegate, state_org, text=text)
        assert not Comment.objects.exists()

    def test_5000_characters_are_accepted_whole(self, round, delegate, state_org):
        assert len(post_comment(round, delegate, state_org, text="x" * 5000).text) == 5000

    def test_arabic_marks_and_joiners_are_kept(self, round, delegate, state_org):
        text = "نص\u200c عربي\u200f"
        assert post_comment(round, delegate, state_org, text=text).text == text

    def test_provision_of_another_version_is_refused(self, round, delegate, state_org, drafter):
        other = text_services.version_copy(version=round.version, by=drafter, label="Next")
        with pytest.raises(ValidationError, match="another version"):
            post_comment(round, delegate, state_org, provision=other.provisions.first())
        assert not Comment.objects.exists()

    def test_speaking_for_an_organization_one_does_not_belong_to(self, round, delegate, ngo):
        with pytest.raises(PermissionDenied, match="not accredited"):
            post_comment(round, delegate, ngo)
        assert not Comment.objects.exists()

    def test_an_organization_kind_the_round_does_not_invite(self, version, delegate, state_org):
        round = make_round(version, audience_kinds=["ngo"])
        with pytest.raises(PermissionDenied, match="not open"):
            post_comment(round, delegate, state_org)

    def test_unchanged_amendment_and_amendment_without_provision(self, round, delegate, state_org):
        provision = round.version.provisions.get(label="1")
        with pytest.raises(ValidationError, match="same as the current"):
            post_comment(
                round, delegate, state_org, provision=provision, kind="amendment", proposed_text=provision.text_en
            )
        with pytest.raises(ValidationError, match="choose the provision"):
            post_comment(round, delegate, state_org, kind="amendment", proposed_text="New")

    def test_unknown_choices_are_refused(self, round, delegate, state_org):
        for field in ({"position": "maybe"}, {"kind": "poem"}, {"confidentiality": "world"}, {"language": "xx"}):
            with pytest.raises(ValidationError):
                post_comment(round, delegate, state_org, **field)
        assert not Comment.objects.exists()

    def test_cosigner_must_be_a_verified_organization(self, round, delegate, state_org):
        from tests.factories import OrganizationFactory

        unverified = OrganizationFactory(verified=False)
        with pytest.raises(ValidationError, match="verified"):
            post_comment(round, delegate, state_org, cosigner_ids=[unverified.pk])
        with pytest.raises(ValidationError, match="verified"):
            post_comment(round, delegate, state_org, cosigner_ids=["not-a-number"])
        assert not Comment.objects.exists() and not CoSignature.objects.exists()


class TestRoundStateIsEnforcedOnEveryPath:
    def test_upcoming_and_closed_rounds_take_nothing(self, version, delegate, state_org):
        for state, message in (("upcoming", "not accepted yet"), ("closed", "closed")):
            with pytest.raises(PermissionDenied, match=message):
                post_comment(make_round(version, state=state), delegate, state_org)
        assert not Comment.objects.exists()

    def test_no_edit_withdraw_reply_or_cosign_after_closing(self, round, delegate, state_org, ngo, ngo_member):
        comment = post_comment(round, delegate, state_org, cosigner_ids=[ngo.pk])
        type(round).objects.filter(pk=round.pk).update(
            opens_at=round.opens_at.replace(year=2000), closes_at=round.opens_at.replace(year=2001)
        )
        comment.round.refresh_from_db()
        with pytest.raises(PermissionDenied, match="closed"):
            services.comment_edit(comment=Comment.objects.get(pk=comment.pk), by=delegate, text="Late")
        with pytest.raises(PermissionDenied, match="closed"):
            services.comment_withdraw(comment=Comment.objects.get(pk=comment.pk), by=delegate)
        with pytest.raises(PermissionDenied, match="closed"):
            post_comment(type(round).objects.get(pk=round.pk), ngo_member, ngo, parent=comment)
        with pytest.raises(PermissionDenied, match="closed"):
            services.cosignature_decide(
                cosignature=CoSignature.objects.get(comment=comment), by=ngo_member, confirm=True
            )
        assert Comment.objects.get(pk=comment.pk).text == "A comment."


def test_database_keeps_start_before_end(version):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        make_round(version, opens_at=version.created_at, closes_at=version.created_at)


def test_amendment_trace_links_only_earlier_amendments_on_the_same_paragraph(
    round, delegate, state_org, drafter, ngo_member
):
    first, second = round.version.provisions.filter(kind="paragraph").order_by("position")
    amendment = post_comment(
        round, delegate, state_org, provision=first, kind="amendment", proposed_text="Everyone shall have it."
    )
    later = text_services.version_copy(version=round.version, by=drafter, label="Revised")
    same = later.provisions.get(key=first.key)
    other = later.provisions.get(key=second.key)
    with pytest.raises(ValidationError, match="same paragraph"):
        services.amendments_trace(version=later, amendment_ids_by_provision={other.pk: [amendment.pk]}, by=drafter)
    with pytest.raises(PermissionDenied):
        services.amendments_trace(version=later, amendment_ids_by_provision={same.pk: [amendment.pk]}, by=ngo_member)
    assert (
        services.amendments_trace(version=later, amendment_ids_by_provision={same.pk: [amendment.pk]}, by=drafter) == 1
    )
    assert services.amendments_trace(version=later, amendment_ids_by_provision={same.pk: []}, by=drafter) == 0
