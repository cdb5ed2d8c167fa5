"""Following a text or one of its provisions, and telling followers what happened."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drafts.models import Provision
from portal.permissions import require

from ..models import Confidentiality, Follow, ModerationState, NotificationKind
from .notifications import notifications_queue


@transaction.atomic
def follow_set(*, user, instrument, key="", follow=True) -> bool:
    """Follow (or stop following) a text (`key` empty) or one provision of it, in every version
    (its stable key). Returns whether the person now follows it."""
    require(user, "consultations.follow")
    if key and not Provision.objects.filter(version__instrument=instrument, key=key).exists():
        raise ValidationError(_("This text has no such provision."), code="unknown_provision")
    if follow:
        Follow.objects.get_or_create(user=user, instrument=instrument, key=key)
    else:
        Follow.objects.filter(user=user, instrument=instrument, key=key).delete()
    return follow


def followers_tell_new_comment(*, comment, already_told=()):
    """A published comment on a provision that others may read: tell those who follow that
    provision (not its author, nor those `already_told` of it)."""
    if (
        comment.provision_id is None
        or comment.state != ModerationState.PUBLISHED
        or comment.confidentiality == Confidentiality.SECRETARIAT
    ):
        return 0
    followers = [
        follow.user
        for follow in Follow.objects.filter(instrument_id=comment.version.instrument_id, key=comment.provision.key)
        .exclude(user_id__in=[comment.author_id, *already_told])
        .select_related("user")
    ]
    return notifications_queue(recipients=followers, kind=NotificationKind.FOLLOWED, comment=comment.pk)
