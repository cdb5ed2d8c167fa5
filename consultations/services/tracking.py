"""Tracking numbers and receipts: every contribution gets its number when it is created, in the
same transaction, and its author an emailed receipt (regulations.gov's practice)."""

from ..models import NotificationKind, TrackingNumber
from .notifications import notifications_queue

RECEIPT_EXCERPT = 300  # characters of the contribution quoted in the receipt


def tracking_number_issue() -> str:
    """A new number, never issued before (a row per number, never deleted)."""
    return TrackingNumber.objects.create().number


def receipt_queue(*, contribution, author, what, round, text=""):
    """The emailed receipt of `contribution` (which has its number): `what` says which kind of
    contribution it is ("comment", "amendment", "question", "reply", "submission",
    "questionnaire"), rendered in the author's language when it is sent."""
    notifications_queue(
        recipients=[author],
        kind=NotificationKind.RECEIPT,
        round=round.pk,
        tracking_number=contribution.tracking_number,
        what=what,
        excerpt=text[:RECEIPT_EXCERPT],
    )
