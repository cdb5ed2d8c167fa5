"""What every write to a text checks (its version is still in editing), and how each records
its revision."""

import reversion
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import FROZEN_STATUSES


def ensure_editable(version):
    if version.status in FROZEN_STATUSES:
        raise ValidationError(
            _("Version %(number)s is %(status)s and can no longer be changed. Make a new version from it instead.")
            % {"number": version.number, "status": version.get_status_display().lower()},
            code="frozen",
        )


def revision(by, reason):
    reversion.set_user(by)
    reversion.set_comment(reason or "")
