"""Property tests of the services that store what people write when taking part: comments,
replies, amendments, edits, reports, questionnaire answers, drafters' decisions.

For any input: valid input is stored exactly (read back equals the cleaned input: strip,
CRLF → LF, NFC), invalid input is refused whole with a ValidationError (PermissionDenied where
the rule is about who), and no other exception ever escapes.
"""

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from consultations import services
from consultations.models import (
    MAX_REPLY_DEPTH,
    AmendmentOutcome,
    Answer,
    Comment,
    CommentKind,
    Confidentiality,
    Flag,
    FlagKind,
    ModerationState,
    Position,
)
from consultations.models.moderation import MAX_REASON_LENGTH
from consultations.text_checks import MAX_ANSWER_LENGTH, MAX_COMMENT_LENGTH
from drafts.models import Provision
from portal.models import Membership
from tests.consultations.fixtures import answer_questionnaire, post_comment

from .fuzzing import accepts, expected, fuzz, junk_or, refuses, rolled_back, stored_as, user_text

pytestmark = pytest.mark.django_db

LANGUAGES = django_settings.LANGUAGE_CODES


@pytest.fixture
def paragraph(version):
    return Provision.objects.get(version=version, label="1")


@given(
    text=user_text(MAX_COMMENT_LENGTH),
    note=user_text(200),
    language=junk_or(LANGUAGES),
    kind=junk_or([CommentKind.COMMENT, CommentKind.QUESTION]),
    position=junk_or(Position.values),
    confidentiality=junk_or(Confidentiality.values),
    on_provision=st.booleans(),
)
@fuzz(max_examples=120)
def test_comment_create_stores_exactly_or_refuses(
    round, delegate, state_org, paragraph, tally, text, note, language, kind, position, confidentiality, on_provision
):
    tally["fuzz_examples"] += 1
    outcome, note_outcome = expected(text, MAX_COMMENT_LENGTH), expected(note, 200, required=False)
    choices_valid = (
        language in LANGUAGES
        and kind in CommentKind.values
        and position in Position.values
        and confidentiality in Confidentiality.values
    )
    with rolled_back():
        before = Comment.objects.count()
        try:
            comment = services.comment_create(
                round=round,
                author=delegate,
                capacity_key=str(state_org.pk),
                text=text,
                language=language,
                kind=kind,
                position=position,
                confidentiality=confidentiality,
                on_behalf_note=note,
                provision=paragraph if on_provision else None,
            )
        except ValidationError:
            assert Comment.objects.count() == before, "a refused comment left a row behind"
            assert not (choices_valid and accepts(outcome, note_outcome)), "valid input was refused"
            return
        assert choices_valid and not refuses(outcome, note_outcome), "invalid input was stored"
        comment.refresh_from_db()
        assert stored_as(comment.text, outcome)
        assert stored_as(comment.on_behalf_note, note_outcome)
        assert (comment.language, comment.kind, comment.position, comment.confidentiality) == (
            language,
            kind,
            position,
            confidentiality,
        )
        assert comment.organization_id == state_org.pk and comment.author_id == delegate.pk


@given(text=user_text(MAX_COMMENT_LENGTH), proposed=user_text(MAX_COMMENT_LENGTH), same_as_provision=st.booleans())
@fuzz(max_examples=80)
def test_amendment_stores_exactly_or_refuses(
    round, delegate, state_org, paragraph, tally, text, proposed, same_as_provision
):
    tally["fuzz_examples"] += 1
    if same_as_provision:
        proposed = f"  {paragraph.value_in('text', 'en')}\r\n"
    outcome, proposed_outcome = expected(text, MAX_COMMENT_LENGTH), expected(proposed, MAX_COMMENT_LENGTH)
    unchanged = isinstance(proposed_outcome, str) and proposed_outcome == paragraph.value_in("text", "en")
    with rolled_back():
        try:
            comment = post_comment(
                round,
                delegate,
                state_org,
                text,
                kind=CommentKind.AMENDMENT,
                provision=paragraph,
                proposed_text=proposed,
            )
        except ValidationError:
            assert not Comment.objects.filter(author=delegate).exists()
            assert not accepts(outcome, proposed_outcome) or unchanged, "a valid amendment was refused"
            return
        assert not refuses(outcome, proposed_outcome) and not unchanged, "an invalid amendment was stored"
        comment.refresh_from_db()
        assert comment.kind == CommentKind.AMENDMENT
        assert stored_as(comment.text, outcome) and stored_as(comment.proposed_text, proposed_outcome)


@example(token="t" * 65)
@given(
    token=st.one_of(
        st.text(max_size=20), st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=60, max_size=90)
    )
)
@fuzz(max_examples=60)
def test_the_same_form_posted_twice_stores_one_comment_whatever_its_token(round, delegate, state_org, tally, token):
    """The hidden client_token comes from the form: a crafted one must not break the
    "posted twice, stored once" rule, nor the page."""
    tally["fuzz_examples"] += 1
    with rolled_back():
        results = []
        for _attempt in range(2):
            try:
                results.append(post_comment(round, delegate, state_org, "Twice", client_token=token))
            except ValidationError:
                results.append(None)
        stored = Comment.objects.filter(author=delegate).count()
        if token:
            assert stored <= 1, "the same form posted twice stored two comments"
        if results[0] is not None and results[1] is not None and token:
            assert results[0].pk == results[1].pk


@pytest.fixture
def own_comment(round, delegate, state_org, paragraph):
    return post_comment(round, delegate, state_org, "Original text.", provision=paragraph)


@given(
    text=user_text(MAX_COMMENT_LENGTH), position=st.one_of(st.none(), junk_or(Position.values)), by_author=st.booleans()
)
@fuzz(max_examples=100)
def test_comment_edit_stores_exactly_or_refuses(own_comment, ngo_member, tally, text, position, by_author):
    tally["fuzz_examples"] += 1
    outcome = expected(text, MAX_COMMENT_LENGTH)
    position_valid = position is None or position in Position.values
    by = own_comment.author if by_author else ngo_member
    with rolled_back():
        try:
            services.comment_edit(comment=own_comment, by=by, text=text, position=position)
        except PermissionDenied:
            assert not by_author, "the author was refused their own edit"
            assert Comment.objects.get(pk=own_comment.pk).text == "Original text."
            return
        except ValidationError:
            stored = Comment.objects.get(pk=own_comment.pk)
            assert (stored.text, stored.edit_count) == ("Original text.", 0), "a refused edit changed the comment"
            assert not (by_author and position_valid and accepts(outcome)), "a valid edit was refused"
            return
        assert by_author, "someone else edited the author's comment"
        assert position_valid and not refuses(outcome), "an invalid edit was stored"
        stored = Comment.objects.get(pk=own_comment.pk)
        assert stored_as(stored.text, outcome) and stored.edit_count == 1
        if position is not None:
            assert stored.position == position


@given(text=user_text(MAX_COMMENT_LENGTH), depth=st.integers(0, 4))
@fuzz(max_examples=40)
def test_replies_store_exactly_or_refuse_and_stay_three_deep(own_comment, ngo_member, ngo, tally, text, depth):
    tally["fuzz_examples"] += 1
    outcome = expected(text, MAX_COMMENT_LENGTH)
    with rolled_back():
        parent = own_comment
        for _level in range(depth):
            parent = Comment.objects.create(
                round=parent.round,
                version=parent.version,
                provision=parent.provision,
                parent=parent,
                depth=parent.depth + 1,
                text="Reply",
                language="en",
                author=parent.author,
                organization=parent.organization,
                state=ModerationState.PUBLISHED,
            )
        try:
            reply = post_comment(own_comment.round, ngo_member, ngo, text, parent=parent)
        except ValidationError:
            assert not Comment.objects.filter(author=ngo_member).exists()
            assert not (accepts(outcome) and parent.depth + 1 <= MAX_REPLY_DEPTH), "a valid reply was refused"
            return
        assert not refuses(outcome) and reply.depth <= MAX_REPLY_DEPTH
        reply.refresh_from_db()
        assert stored_as(reply.text, outcome) and reply.parent_id == parent.pk


@given(reason=user_text(MAX_REASON_LENGTH), kind=junk_or(FlagKind.values))
@fuzz(max_examples=60)
def test_reports_store_their_reason_exactly_or_refuse(own_comment, ngo_member, tally, reason, kind):
    tally["fuzz_examples"] += 1
    outcome = expected(reason, MAX_REASON_LENGTH)
    with rolled_back():
        try:
            services.comment_flag(comment=own_comment, by=ngo_member, reason=reason, kind=kind)
        except ValidationError:
            assert not Flag.objects.exists()
            assert not (kind in FlagKind.values and accepts(outcome)), "a valid report was refused"
            return
        assert kind in FlagKind.values and not refuses(outcome)
        assert stored_as(Flag.objects.get().reason, outcome)


@given(
    answers=st.lists(user_text(MAX_ANSWER_LENGTH), min_size=3, max_size=3),
    submit=st.booleans(),
    confidentiality=junk_or(Confidentiality.values),
)
@fuzz(max_examples=50)
def test_questionnaire_answers_store_exactly_or_refuse(
    questionnaire, version, delegate, state_org, tally, answers, submit, confidentiality
):
    from tests.consultations.fixtures import make_round

    tally["fuzz_examples"] += 1
    outcomes = [expected(answer, MAX_ANSWER_LENGTH, required=False) for answer in answers]
    questions = list(questionnaire.questions.order_by("position"))
    with rolled_back():
        round = make_round(questionnaire=questionnaire)
        try:
            answer_questionnaire(
                round,
                delegate,
                state_org,
                {q.pk: a for q, a in zip(questions, answers, strict=True)},
                submit=submit,
                confidentiality=confidentiality,
            )
        except ValidationError:
            assert not Answer.objects.exists()
            nothing = all(isinstance(o, str) and not o for o in outcomes)
            assert not (
                confidentiality in Confidentiality.values and accepts(*outcomes) and not (submit and nothing)
            ), "valid answers were refused"
            return
        assert confidentiality in Confidentiality.values and not refuses(*outcomes)
        stored = {answer.question_id: answer.text for answer in Answer.objects.all()}
        for question, outcome in zip(questions, outcomes, strict=True):
            assert stored_as(stored[question.pk], outcome)


@pytest.fixture
def amendment(round, delegate, state_org, paragraph):
    return Comment.objects.create(
        round=round,
        version=round.version,
        provision=paragraph,
        kind=CommentKind.AMENDMENT,
        text="Amend",
        proposed_text="New words.",
        language="en",
        author=delegate,
        organization=state_org,
        state=ModerationState.PUBLISHED,
    )


@given(note=user_text(MAX_COMMENT_LENGTH), outcome_value=junk_or(AmendmentOutcome.values), by_drafter=st.booleans())
@fuzz(max_examples=50)
def test_drafters_decisions_on_amendments_store_exactly_or_refuse(
    amendment, delegate, drafter, tally, note, outcome_value, by_drafter
):
    tally["fuzz_examples"] += 1
    note_outcome = expected(note, MAX_COMMENT_LENGTH, required=False)
    with rolled_back():
        try:
            services.amendment_decide(
                comment=amendment, by=drafter if by_drafter else delegate, outcome=outcome_value, note=note
            )
        except PermissionDenied:
            assert not by_drafter
            return
        except ValidationError:
            assert Comment.objects.get(pk=amendment.pk).outcome == ""
            assert not (outcome_value in AmendmentOutcome.values and accepts(note_outcome)), (
                "a valid decision was refused"
            )
            return
        assert by_drafter and outcome_value in AmendmentOutcome.values and not refuses(note_outcome)
        stored = Comment.objects.get(pk=amendment.pk)
        assert stored.outcome == outcome_value and stored_as(stored.outcome_note, note_outcome)


@given(
    capacity_key=st.one_of(
        st.text(max_size=10),
        st.integers(-5, 10**6).map(str),
        st.sampled_from(["<own>", "<other>", "personal", " 1", "1 "]),
    ),
    cosigners=st.lists(st.one_of(st.text(max_size=8), st.integers(-1, 10**20)), max_size=4),
)
@fuzz(max_examples=60)
def test_nobody_speaks_for_an_organization_by_changing_an_id(
    round, delegate, state_org, ngo_member, tally, capacity_key, cosigners
):
    """Any capacity key but the delegate's own organization is refused (PermissionDenied),
    including the id of an organization that exists and has other members; co-signers that are
    not verified organizations are refused (ValidationError)."""
    tally["fuzz_examples"] += 1
    other = Membership.objects.get(user=ngo_member).organization
    capacity_key = {"<own>": str(state_org.pk), "<other>": str(other.pk)}.get(capacity_key, capacity_key)
    with rolled_back():
        try:
            comment = services.comment_create(
                round=round,
                author=delegate,
                capacity_key=capacity_key,
                text="Mine",
                language="en",
                cosigner_ids=cosigners,
            )
        except PermissionDenied:
            assert capacity_key != str(state_org.pk)
            assert not Comment.objects.exists()
            return
        except ValidationError:
            assert not Comment.objects.exists()
            return
        assert capacity_key == str(state_org.pk), "a comment was stored in a capacity the author does not hold"
        assert comment.organization_id == state_org.pk
