"""Every write of taking part. Each checks the round's state itself, whatever path called it
(page, htmx, admin, API): a closed round takes nothing, not even an edit or a withdrawal."""

import re
import unicodedata

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Organization
from portal.selectors import is_member_of
from portal.text_checks import clean_text
from portal.uploads import check_document

from . import counts
from .capacities import capacity_for
from .models import (
    AmendmentIncorporation,
    AmendmentOutcome,
    Answer,
    Comment,
    CommentKind,
    Confidentiality,
    CoSignature,
    CoSignatureStatus,
    ModerationState,
    NotificationKind,
    Position,
    QuestionnaireResponse,
    ResponseStatus,
    RoundState,
    Submission,
    SubmissionFile,
)
from .notify import notify
from .text_checks import MAX_ANSWER_LENGTH, MAX_COMMENT_LENGTH, MAX_SUMMARY_LENGTH, guess_language

MAX_REPLY_DEPTH = 3
MAX_FILES_PER_SUBMISSION = 20
# What secrets.token_urlsafe() issues, within the column's 64 characters.
FORM_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def ensure_open(round):
    state = round.state
    if state == RoundState.UPCOMING:
        raise ValidationError(
            _("This round opens on %(date)s: contributions are not accepted yet.")
            % {"date": timezone.localtime(round.opens_at).strftime("%Y-%m-%d %H:%M %Z")},
            code="round_upcoming",
        )
    if state == RoundState.CLOSED:
        raise ValidationError(
            _("This round is closed: contributions, edits and withdrawals are no longer accepted."), code="round_closed"
        )


def _initial_state(round, capacity):
    organization = capacity.organization
    held = round.premoderates(
        organization_kind=organization.kind if organization else None, expert=organization is None
    )
    return ModerationState.PENDING if held else ModerationState.PUBLISHED


def _choice(value, choices, field):
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the options offered.")}, code="invalid_choice")
    return value


def _revision(by, reason):
    reversion.set_user(by)
    reversion.set_comment(reason)


def _check_form_token(client_token):
    """The form's hidden token makes a double post store one item. The portal issues short
    URL-safe tokens; anything else was crafted (cut to fit, it would match another form's)."""
    if client_token and not FORM_TOKEN.fullmatch(client_token):
        raise ValidationError(_("This form is not valid any more: reload the page and send it again."), code="token")


@transaction.atomic
def comment_create(
    *,
    round,
    author,
    capacity_key,
    text,
    language,
    kind=CommentKind.COMMENT,
    position=Position.NEUTRAL,
    provision=None,
    proposed_text="",
    parent=None,
    cosigner_ids=(),
    confidentiality=Confidentiality.PUBLIC,
    on_behalf_note="",
    client_token="",
) -> Comment:
    """Store a comment, amendment, question or reply exactly as written, or refuse it whole."""
    _check_form_token(client_token)
    if client_token:
        existing = Comment.objects.filter(author=author, client_token=client_token).first()
        if existing:
            return existing  # the same form posted twice: one comment
    ensure_open(round)
    capacity = capacity_for(author, capacity_key, round)
    if round.version_id is None:
        raise ValidationError(_("This round is a questionnaire: answer it on its page."), code="no_version")
    _choice(kind, CommentKind, "kind")
    _choice(position, Position, "position")
    _choice(confidentiality, Confidentiality, "confidentiality")
    if language not in settings.LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the six UN languages.")}, code="invalid_choice")
    text = clean_text(text, field_name="text", max_length=MAX_COMMENT_LENGTH)
    on_behalf_note = clean_text(on_behalf_note, field_name="on_behalf_note", max_length=200, required=False)

    if parent is not None:
        if parent.round_id != round.pk:
            raise ValidationError(_("A reply belongs to the same round as the comment it answers."), code="reply_round")
        if parent.depth + 1 > MAX_REPLY_DEPTH:
            raise ValidationError(
                _("This discussion is already %(depth)s replies deep: reply higher up the thread.")
                % {"depth": MAX_REPLY_DEPTH},
                code="reply_depth",
            )
        provision = parent.provision
        kind = CommentKind.COMMENT if kind == CommentKind.AMENDMENT else kind
    elif provision is None:
        if not round.allows_general_comments:
            raise ValidationError(_("This round does not take general comments."), code="mode")
    else:
        if provision.version_id != round.version_id:
            raise ValidationError(
                _("This provision belongs to another version than the one under consultation."), code="wrong_version"
            )
        if not round.allows_paragraph_comments and kind != CommentKind.AMENDMENT:
            raise ValidationError(_("This round does not take comments on provisions."), code="mode")

    if kind == CommentKind.AMENDMENT:
        if not round.allows_amendments:
            raise ValidationError(_("This round does not take proposed amendments."), code="mode")
        if provision is None:
            raise ValidationError(
                _("An amendment proposes new wording for a provision: choose the provision."),
                code="amendment_provision",
            )
        proposed_text = clean_text(proposed_text, field_name="proposed_text", max_length=MAX_COMMENT_LENGTH)
        if proposed_text == provision.value_in("text", language) or proposed_text == provision.value_in(
            "text", round.version.original_language
        ):
            raise ValidationError(
                {"proposed_text": _("The proposed text is the same as the current text.")}, code="amendment_unchanged"
            )
    else:
        proposed_text = ""

    comment = Comment(
        round=round,
        version_id=round.version_id,
        provision=provision,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        kind=kind,
        position=position,
        text=text,
        proposed_text=proposed_text,
        language=language,
        author=author,
        organization=capacity.organization,
        on_behalf_note=on_behalf_note,
        confidentiality=confidentiality,
        state=_initial_state(round, capacity),
        client_token=client_token,
    )
    try:
        with transaction.atomic(), reversion.create_revision():
            _revision(author, _("Submitted"))
            comment.save()
            counts.moved(None, counts.key(comment))
    except IntegrityError:
        # Two identical posts raced past the check above: the first one stored is the answer.
        return Comment.objects.get(author=author, client_token=client_token)
    _request_cosignatures(comment, cosigner_ids, capacity)
    if parent is not None and comment.state == ModerationState.PUBLISHED and parent.author_id != author.pk:
        notify([parent.author], NotificationKind.REPLY, comment=comment.pk)
    return comment


def _request_cosignatures(comment, organization_ids, capacity):
    ids = {str(value) for value in organization_ids if str(value).strip()}
    if not ids:
        return
    if capacity.organization is None:
        raise ValidationError(_("Co-signers join a comment made on behalf of an organization."), code="cosign_personal")
    organizations = list(Organization.objects.verified().filter(pk__in=[i for i in ids if i.isdigit()]))
    if len(organizations) != len(ids):
        raise ValidationError(_("Choose co-signers from the directory of verified organizations."), code="cosigners")
    for organization in organizations:
        if organization.pk == capacity.organization.pk:
            continue
        cosignature = CoSignature.objects.create(comment=comment, organization=organization)
        members = [m.user for m in organization.memberships.filter(status="approved").select_related("user")]
        notify(members, NotificationKind.COSIGN_REQUEST, cosignature=cosignature.pk)


def _own_open_comment(comment, by):
    if comment.author_id != by.pk:
        raise PermissionDenied(_("Only the author can change this comment."))
    ensure_open(comment.round)
    if comment.is_withdrawn:
        raise ValidationError(_("This comment was withdrawn and can no longer be changed."), code="withdrawn")


@transaction.atomic
def comment_edit(*, comment, by, text, position=None, proposed_text=None, reason="") -> Comment:
    """The author changes their text while the round is open; every edit is a revision."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related("round", "provision").get(pk=comment.pk)
    _own_open_comment(comment, by)
    counted_as = counts.key(comment)
    comment.text = clean_text(text, field_name="text", max_length=MAX_COMMENT_LENGTH)
    if position is not None:
        comment.position = _choice(position, Position, "position")
    if comment.kind == CommentKind.AMENDMENT and proposed_text is not None:
        comment.proposed_text = clean_text(proposed_text, field_name="proposed_text", max_length=MAX_COMMENT_LENGTH)
    comment.edit_count += 1
    with reversion.create_revision():
        _revision(by, reason or _("Edited by the author"))
        comment.save()
    counts.moved(counted_as, counts.key(comment))
    return comment


@transaction.atomic
def comment_withdraw(*, comment, by) -> Comment:
    """Withdrawn, not deleted: it stays, shown as withdrawn."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related("round").get(pk=comment.pk)
    _own_open_comment(comment, by)
    counted_as = counts.key(comment)
    comment.withdrawn_at = timezone.now()
    with reversion.create_revision():
        _revision(by, _("Withdrawn by the author"))
        comment.save()
    counts.moved(counted_as, None)
    return comment


@transaction.atomic
def cosignature_decide(*, cosignature, by, confirm) -> CoSignature:
    cosignature = (
        CoSignature.objects.select_for_update(of=("self",))
        .select_related("comment__round", "organization")
        .get(pk=cosignature.pk)
    )
    if not is_member_of(by, cosignature.organization):
        raise PermissionDenied(
            _("Only an accredited member of %(organization)s can answer for it.")
            % {"organization": cosignature.organization}
        )
    ensure_open(cosignature.comment.round)
    if cosignature.status != CoSignatureStatus.REQUESTED:
        raise ValidationError(_("This request was already answered."), code="already_decided")
    cosignature.status = CoSignatureStatus.CONFIRMED if confirm else CoSignatureStatus.DECLINED
    cosignature.decided_by = by
    cosignature.decided_at = timezone.now()
    cosignature.save()
    return cosignature


def _ensure_drafter(by):
    if not by.has_perm("consultations.decide_amendment"):
        raise PermissionDenied(_("Only drafters decide on amendments."))


@transaction.atomic
def amendment_decide(*, comment, by, outcome, note="") -> Comment:
    _ensure_drafter(by)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.kind != CommentKind.AMENDMENT:
        raise ValidationError(_("Only a proposed amendment takes a drafter's decision."), code="not_amendment")
    comment.outcome = _choice(outcome, AmendmentOutcome, "outcome")
    comment.outcome_note = clean_text(note, field_name="outcome_note", max_length=MAX_COMMENT_LENGTH, required=False)
    with reversion.create_revision():
        _revision(by, _("Drafter's decision: %(outcome)s") % {"outcome": comment.get_outcome_display()})
        comment.save(update_fields=["outcome", "outcome_note", "updated_at"])
    return comment


@transaction.atomic
def amendments_trace(*, version, amendment_ids_by_provision, by) -> int:
    """Set which earlier amendments each provision of `version` incorporates (the public trace).

    `amendment_ids_by_provision` maps a provision id of `version` to the ids of the amendments
    it incorporates; links not listed are removed. Returns the number of links now held."""
    _ensure_drafter(by)
    provisions = {p.pk: p for p in version.provisions.all()}
    for provision_id, amendment_ids in amendment_ids_by_provision.items():
        provision = provisions.get(int(provision_id))
        if provision is None:
            raise ValidationError(_("This provision is not in the version."), code="wrong_provision")
        amendments = list(Comment.objects.filter(pk__in=amendment_ids).select_related("provision", "version"))
        if len(amendments) != len(set(amendment_ids)):
            raise ValidationError(_("Only proposed amendments can be linked."), code="not_amendment")
        for amendment in amendments:
            if amendment.kind != CommentKind.AMENDMENT or amendment.provision is None:
                raise ValidationError(_("Only proposed amendments can be linked."), code="not_amendment")
            if (
                amendment.provision.key != provision.key
                or amendment.version.number >= version.number
                or amendment.version.instrument_id != version.instrument_id
            ):
                raise ValidationError(
                    _("An amendment is linked to the same paragraph in a later version."), code="wrong_provision"
                )
        AmendmentIncorporation.objects.filter(provision=provision).exclude(amendment__in=amendments).delete()
        for amendment in amendments:
            AmendmentIncorporation.objects.get_or_create(
                provision=provision, amendment=amendment, defaults={"linked_by": by}
            )
    return AmendmentIncorporation.objects.filter(provision__version=version).count()


@transaction.atomic
def submission_create(
    *, round, author, capacity_key, summary, language, files, confidentiality=Confidentiality.PUBLIC, client_token=""
) -> Submission:
    _check_form_token(client_token)
    if client_token:
        existing = Submission.objects.filter(author=author, client_token=client_token).first()
        if existing:
            return existing
    ensure_open(round)
    if not round.allows_submissions:
        raise ValidationError(_("This round does not take written submissions."), code="mode")
    capacity = capacity_for(author, capacity_key, round)
    summary = clean_text(summary, field_name="summary", max_length=MAX_SUMMARY_LENGTH)
    _choice(confidentiality, Confidentiality, "confidentiality")
    if not files:
        raise ValidationError({"files": _("Attach at least one document.")}, code="no_files")
    if len(files) > MAX_FILES_PER_SUBMISSION:
        raise ValidationError(
            {"files": _("At most %(n)s files per submission.") % {"n": MAX_FILES_PER_SUBMISSION}}, code="too_many_files"
        )
    checked = [(upload, check_document(upload)) for upload in files]  # all checked before anything is stored
    submission = Submission.objects.create(
        round=round,
        author=author,
        organization=capacity.organization,
        summary=summary,
        language=language,
        confidentiality=confidentiality,
        state=_initial_state(round, capacity),
        client_token=client_token,
    )
    for upload, extension in checked:
        document = SubmissionFile(
            submission=submission, original_name=safe_filename(upload.name, extension), size=upload.size
        )
        document.file.save(f"document{extension}", upload, save=False)
        document.save()
    with reversion.create_revision():
        _revision(author, _("Submitted"))
        reversion.add_to_revision(submission)
    return submission


def safe_filename(name, extension):
    """A display name without paths, control or direction characters, ending in the real type."""
    stem = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = re.sub(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069<>:\"|?*]", "", stem)
    stem = stem.rsplit(".", 1)[0].strip(" .") or "document"
    return f"{stem[:150]}{extension}"


@transaction.atomic
def response_save(
    *, round, respondent, capacity_key, answers, submit=False, confidentiality=Confidentiality.PUBLIC
) -> QuestionnaireResponse:
    """Save the answers of one organization (or expert) as a draft, or submit them."""
    ensure_open(round)
    if round.questionnaire_id is None:
        raise ValidationError(_("This round has no questionnaire."), code="no_questionnaire")
    capacity = capacity_for(respondent, capacity_key, round)
    _choice(confidentiality, Confidentiality, "confidentiality")
    questions = {question.pk: question for question in round.questionnaire.questions.all()}
    lookup = {"questionnaire": round.questionnaire, "organization": capacity.organization}
    if capacity.organization is None:
        lookup["respondent"] = respondent
    response = QuestionnaireResponse.objects.select_for_update().filter(**lookup).first()
    if response and response.status == ResponseStatus.SUBMITTED:
        raise ValidationError(
            _("This questionnaire was already answered and submitted for %(who)s.") % {"who": capacity},
            code="already_submitted",
        )
    if response is None:
        response = QuestionnaireResponse.objects.create(round=round, **{"respondent": respondent, **lookup})
    cleaned = {}
    for question_id, text in answers.items():
        if int(question_id) not in questions:
            raise ValidationError(
                _("An answer refers to a question that is not in this questionnaire."), code="unknown_question"
            )
        cleaned[int(question_id)] = clean_text(
            text, field_name=f"answer_{question_id}", max_length=MAX_ANSWER_LENGTH, required=False
        )
    if submit and not any(cleaned.values()) and not response.answers.exclude(text="").exists():
        raise ValidationError(_("Answer at least one question before submitting."), code="empty_response")
    for question_id, text in cleaned.items():
        Answer.objects.update_or_create(
            response=response,
            question_id=question_id,
            defaults={"text": text, "language": guess_language(text, respondent.preferred_language)},
        )
    response.confidentiality = confidentiality
    response.respondent = respondent
    if submit:
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = timezone.now()
        response.state = _initial_state(round, capacity)
    with reversion.create_revision():
        _revision(respondent, _("Submitted") if submit else _("Draft saved"))
        response.save()
    return response
