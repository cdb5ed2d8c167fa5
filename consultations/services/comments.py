"""Comments, amendments, questions and replies: posting, editing and withdrawing them, and the
co-signatures other organizations are asked for."""

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.ids import database_ids
from portal.models import MembershipStatus, Organization
from portal.permissions import require
from portal.text_checks import clean_text

from ..capacities import capacity_for
from ..models import (
    MAX_REPLY_DEPTH,
    Comment,
    CommentKind,
    Confidentiality,
    CoSignature,
    CoSignatureStatus,
    ModerationAction,
    ModerationDecision,
    ModerationState,
    NotificationKind,
    Position,
)
from ..text_checks import MAX_COMMENT_LENGTH
from .campaigns import campaign_find, campaign_refind
from .checks import check_form_token, choice, initial_state, premoderated, revision
from .counts import comment_count_move, count_key
from .follows import followers_tell_new_comment
from .notifications import notifications_queue
from .tracking import receipt_queue, tracking_number_issue


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
    check_form_token(client_token)
    if client_token:
        existing = Comment.objects.filter(author=author, client_token=client_token).first()
        if existing:
            return existing  # the same form posted twice: one comment
    choice(kind, CommentKind, "kind")
    if parent is not None:
        require(author, "consultations.reply", round)
    elif kind == CommentKind.AMENDMENT:
        require(author, "consultations.amend", round)
    else:
        require(author, "consultations.comment", round)
    capacity = capacity_for(author, capacity_key, round)
    choice(position, Position, "position")
    choice(confidentiality, Confidentiality, "confidentiality")
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
        state=initial_state(round, capacity),
        client_token=client_token,
    )
    try:
        with transaction.atomic(), reversion.create_revision():
            revision(author, _("Submitted"))
            comment.tracking_number = tracking_number_issue()
            comment.save()
            comment_count_move(before=None, after=count_key(comment))
            campaign_find(comment=comment)
    except IntegrityError:
        # Two identical posts raced past the check above: the first one stored is the answer.
        return Comment.objects.get(author=author, client_token=client_token)
    _request_cosignatures(comment, cosigner_ids, capacity)
    receipt_queue(contribution=comment, author=author, what="reply" if parent else kind, round=round, text=text)
    told = []
    if parent is not None and comment.state == ModerationState.PUBLISHED and parent.author_id != author.pk:
        notifications_queue(recipients=[parent.author], kind=NotificationKind.REPLY, comment=comment.pk)
        told.append(parent.author_id)
    followers_tell_new_comment(comment=comment, already_told=told)
    return comment


def _request_cosignatures(comment, organization_ids, capacity):
    ids = {str(value) for value in organization_ids if str(value).strip()}
    if not ids:
        return
    if capacity.organization is None:
        raise ValidationError(_("Co-signers join a comment made on behalf of an organization."), code="cosign_personal")
    organizations = list(
        Organization.objects.verified().filter(pk__in=database_ids(ids), kind__in=comment.round.audience_kinds)
    )
    if len(organizations) != len(ids):
        raise ValidationError(
            _("Choose co-signers among the verified organizations this round invites."), code="cosigners"
        )
    for organization in organizations:
        if organization.pk == capacity.organization.pk:
            continue
        cosignature = CoSignature.objects.create(comment=comment, organization=organization)
        members = [  # not the author: one who belongs to both organizations answers from My contributions
            m.user
            for m in organization.memberships.filter(status=MembershipStatus.APPROVED)
            .exclude(user=comment.author)
            .select_related("user")
        ]
        notifications_queue(recipients=members, kind=NotificationKind.COSIGN_REQUEST, cosignature=cosignature.pk)


@transaction.atomic
def comment_edit(*, comment, by, text, position=None, proposed_text=None, reason="") -> Comment:
    """The author changes their text while the round is open; every edit is a revision.

    A published comment edited in a round that holds its author's contributions keeps its
    published text until the secretariat accepts the edit (`has_pending_edit`); elsewhere the
    edit is published at once and flagged for review. Either way the moderation log says so."""
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("round", "provision", "organization")
        .get(pk=comment.pk)
    )
    require(by, "consultations.edit_comment", comment)
    text = clean_text(text, field_name="text", max_length=MAX_COMMENT_LENGTH)
    position = comment.position if position is None else choice(position, Position, "position")
    if comment.kind == CommentKind.AMENDMENT and proposed_text is not None:
        proposed_text = clean_text(proposed_text, field_name="proposed_text", max_length=MAX_COMMENT_LENGTH)
    else:
        proposed_text = comment.proposed_text
    published = comment.state == ModerationState.PUBLISHED
    held = published and premoderated(comment.round, comment.organization)
    counted_as, stored_text = count_key(comment), comment.text
    if held:
        comment.pending_text, comment.pending_proposed_text, comment.pending_position = text, proposed_text, position
    else:
        comment.text, comment.proposed_text, comment.position = text, proposed_text, position
        comment.edit_count += 1
    if published:
        comment.edited_after_publication_at = timezone.now()
    with reversion.create_revision():
        revision(by, reason or (_("Edited by the author, held for review") if held else _("Edited by the author")))
        comment.save()
    comment_count_move(before=counted_as, after=count_key(comment))
    if comment.text != stored_text:  # another text may belong to another campaign, or to none
        campaign_refind(comment=comment)
    if published:
        # In the moderation log: the new text is pending (held) or published (flagged).
        ModerationDecision.objects.create(
            comment=comment,
            moderator=None,
            action=ModerationAction.EDITED,
            from_state=ModerationState.PUBLISHED,
            to_state=ModerationState.PENDING if held else ModerationState.PUBLISHED,
        )
    return comment


@transaction.atomic
def comment_withdraw(*, comment, by) -> Comment:
    """Withdrawn, not deleted: it stays, shown as withdrawn."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related("round").get(pk=comment.pk)
    require(by, "consultations.withdraw_comment", comment)
    counted_as = count_key(comment)
    comment.withdrawn_at = timezone.now()
    with reversion.create_revision():
        revision(by, _("Withdrawn by the author"))
        comment.save()
    comment_count_move(before=counted_as, after=None)
    return comment


@transaction.atomic
def cosignature_decide(*, cosignature, by, confirm) -> CoSignature:
    cosignature = (
        CoSignature.objects.select_for_update(of=("self",))
        .select_related("comment__round", "organization")
        .get(pk=cosignature.pk)
    )
    require(by, "consultations.cosign", cosignature)
    if cosignature.status != CoSignatureStatus.REQUESTED:
        raise ValidationError(_("This request was already answered."), code="already_decided")
    cosignature.status = CoSignatureStatus.CONFIRMED if confirm else CoSignatureStatus.DECLINED
    cosignature.decided_by = by
    cosignature.decided_at = timezone.now()
    cosignature.save()
    return cosignature
