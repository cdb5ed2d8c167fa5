"""Emails: a title or name in another language than the recipient's is isolated, in the
plain-text part (FSI … PDI) and in the HTML part (<bdi>), so it cannot reorder the sentence."""

import pytest

from consultations.models import NotificationKind
from consultations.services.notifications import notifications_queue
from portal.models import OutgoingEmail
from portal.outbox import email_render
from tests.factories import UserFactory
from tests.marked_languages import unmarked

pytestmark = pytest.mark.django_db


def test_an_english_title_in_an_arabic_email_is_isolated(round):
    recipient = UserFactory(preferred_language="ar", display_name="Demo delegate")
    notifications_queue(recipients=[recipient], kind=NotificationKind.ROUND_CLOSING, round=round.pk)
    _subject, text, html = email_render(OutgoingEmail.objects.get(recipient=recipient))
    assert "\u2068Round\u2069" in text and "\u2068Demo delegate\u2069" in text
    assert "<bdi>Round</bdi>" in html and '<html lang="ar" dir="rtl">' in html
    assert unmarked(html, "ar") == []
