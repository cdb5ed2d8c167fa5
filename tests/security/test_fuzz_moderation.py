"""Property test of moderation decisions: any action, any state the moderator claims to have
seen, any reason (from the list, unknown, inactive) and any free text. A decision applies
exactly as the transition table says, with the reason stored exactly and shown escaped in the
author's email; anything else is refused with a ValidationError and changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from consultations import services
from consultations.models import (
    Comment,
    ModerationAction,
    ModerationDecision,
    ModerationReason,
    ModerationState,
)
from consultations.models.moderation import MAX_REASON_LENGTH
from consultations.services.moderation import TRANSITIONS
from portal import outbox
from portal.models import OutgoingEmail

from .fuzzing import REFUSED, XSS, Either, expected, fuzz, junk_or, rolled_back, stored_as, user_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reasons(db):
    active = ModerationReason.objects.create(label_en="Off topic <b>", label_fr="Hors sujet")
    inactive = ModerationReason.objects.create(label_en="Retired reason", active=False)
    return {"active": active.pk, "inactive": inactive.pk}


@given(
    initial=st.sampled_from(ModerationState.values),
    action=st.one_of(st.sampled_from(list(TRANSITIONS)), junk_or(ModerationAction.values)),
    seen=st.one_of(st.just("<as seen>"), st.just("<as seen>"), junk_or(ModerationState.values)),
    reason_choice=st.one_of(st.sampled_from([None, "active", "inactive"]), st.integers(-(2**70), 2**70)),
    reason_text=st.one_of(user_text(MAX_REASON_LENGTH), st.sampled_from(XSS)),
    by_moderator=st.booleans(),
)
@example(
    initial="pending", action="reject", seen="<as seen>", reason_choice="active", reason_text=XSS[0], by_moderator=True
)
@example(
    initial="published",
    action="hide",
    seen="<as seen>",
    reason_choice=None,
    reason_text="Hidden:\r\n" + XSS[1],
    by_moderator=True,
)
@example(initial="pending", action="publish", seen="published", reason_choice=None, reason_text="", by_moderator=True)
@fuzz(max_examples=150)
def test_decide_applies_the_table_or_refuses(
    round,
    delegate,
    state_org,
    secretariat,
    ngo_member,
    reasons,
    tally,
    initial,
    action,
    seen,
    reason_choice,
    reason_text,
    by_moderator,
):
    tally["fuzz_examples"] += 1
    seen = initial if seen == "<as seen>" else seen
    reason_id = reasons.get(reason_choice) if isinstance(reason_choice, str) or reason_choice is None else reason_choice
    text_outcome = expected(reason_text, MAX_REASON_LENGTH, required=False)
    by = secretariat if by_moderator else ngo_member
    with rolled_back():
        item = Comment.objects.create(
            round=round,
            version=round.version,
            text="Item",
            language="en",
            author=delegate,
            organization=state_org,
            state=initial,
        )
        transition = TRANSITIONS.get(action)
        reason_ok = not reason_id or reason_id == reasons["active"]
        try:
            decided = services.moderation_decide(
                item=item, by=by, action=action, expected_state=seen, reason_id=reason_id, reason_text=reason_text
            )
        except PermissionDenied:
            assert not by_moderator
            assert Comment.objects.get(pk=item.pk).state == initial
            return
        except ValidationError:
            assert by_moderator
            assert Comment.objects.get(pk=item.pk).state == initial, "a refused decision changed the item"
            assert not ModerationDecision.objects.exists()
            assert not (
                transition
                and seen == initial
                and seen in transition[0]
                and reason_ok
                and isinstance(text_outcome, str)
                and not (transition[2] and not reason_id and not text_outcome)
            ), "a valid decision was refused"
            return
        assert by_moderator and transition and seen == initial and seen in transition[0] and reason_ok
        assert text_outcome is not REFUSED
        assert decided.state == transition[1]
        decision = ModerationDecision.objects.get()
        assert stored_as(decision.reason_text, text_outcome)
        assert (decision.from_state, decision.to_state, decision.moderator_id) == (initial, transition[1], by.pk)
        cleaned = text_outcome.text if isinstance(text_outcome, Either) else text_outcome
        assert cleaned in decided.moderation_reason
        # The author's email renders, with the reason as typed in its plain-text part (that
        # the HTML part escapes it is asserted, for every kind of email, in test_xss.py).
        subject, text, _html = outbox.email_render(OutgoingEmail.objects.get(recipient=delegate))
        assert cleaned in text
        assert "\n" not in subject
