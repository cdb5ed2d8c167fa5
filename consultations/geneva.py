"""Moments as the people of a consultation read them: in Geneva time, where the Human Rights
Council sits, in the interface language's format."""

from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

GENEVA = ZoneInfo("Europe/Zurich")


def geneva_time(moment):
    return _("%(moment)s (Geneva time)") % {
        "moment": formats.date_format(timezone.localtime(moment, GENEVA), "DATETIME_FORMAT")
    }
