"""The drafters' decisions on proposed amendments, and the public trace of the amendments a later
version incorporates."""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.page_cache import page_generation_bump
from portal.permissions import require
from portal.text_checks import clean_text

from ..models import AmendmentIncorporation, AmendmentOutcome, Comment, CommentKind
from ..text_checks import MAX_COMMENT_LENGTH
from .checks import choice, revision


@transaction.atomic
def amendment_decide(*, comment, by, outcome, note="") -> Comment:
    require(by, "consultations.decide_amendment")
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.kind != CommentKind.AMENDMENT:
        raise ValidationError(_("Only a proposed amendment takes a drafter's decision."), code="not_amendment")
    comment.outcome = choice(outcome, AmendmentOutcome, "outcome")
    comment.outcome_note = clean_text(note, field_name="outcome_note", max_length=MAX_COMMENT_LENGTH, required=False)
    with reversion.create_revision():
        revision(by, _("Drafter's decision: %(outcome)s") % {"outcome": comment.get_outcome_display()})
        comment.save(update_fields=["outcome", "outcome_note", "updated_at"])
    page_generation_bump()  # the decision shows on the text's pages (portal/page_cache.py)
    return comment


@transaction.atomic
def amendments_trace(*, version, amendment_ids_by_provision, by) -> int:
    """Set which earlier amendments each provision of `version` incorporates (the public trace).

    `amendment_ids_by_provision` maps a provision id of `version` to the ids of the amendments
    it incorporates; links not listed are removed. Returns the number of links now held."""
    require(by, "consultations.decide_amendment")
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
    page_generation_bump()
    return AmendmentIncorporation.objects.filter(provision__version=version).count()
