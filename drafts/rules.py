"""Who may read and write texts, and when: a published (or superseded) version is frozen."""

import rules
from django.utils.translation import gettext_lazy as _

from portal.permissions import define
from portal.rules import SECOND_FACTOR, has_second_factor, holds_drafting_role, holds_secretariat_role


@rules.predicate
def is_public_version(user, version):
    return version is not None and version.is_frozen


@rules.predicate
def is_in_editing(user, version):
    """The version can still change; asked without a version, about texts in general."""
    return version is None or not version.is_frozen


def frozen(user, version):
    return _("Version %(number)s is %(status)s and can no longer be changed. Make a new version from it instead.") % {
        "number": version.number,
        "status": version.get_status_display().lower(),
    }


holds_text_role = holds_drafting_role | holds_secretariat_role
is_drafting_staff = holds_text_role & has_second_factor

define(
    "drafts.read_version",
    (is_public_version | is_drafting_staff, _("This version is not published yet.")),
)
# With a version: may change it now. Without: may edit texts at all (import, create, copy).
define(
    "drafts.edit_text",
    (holds_text_role, _("Only drafters and the secretariat edit texts.")),
    (has_second_factor, SECOND_FACTOR),
    (is_in_editing, frozen),
)
define(
    "drafts.publish_version",
    (holds_text_role, _("Only drafters and the secretariat publish versions.")),
    (has_second_factor, SECOND_FACTOR),
    (is_in_editing, frozen),
)
define(
    "drafts.restore_revision",
    (holds_drafting_role, _("Only drafters restore an earlier revision.")),
    (has_second_factor, SECOND_FACTOR),
    (is_in_editing, frozen),
)
# The adoption of a published version: drafters and the secretariat enter it and see the
# preview; the secretariat confirms it (and may correct it later, with its history).
NOT_PUBLISHED = _("Only a published version can be recorded as adopted: publish this version first.")
define(
    "drafts.enter_adoption",
    (holds_text_role, _("Only drafters and the secretariat enter an adoption.")),
    (has_second_factor, SECOND_FACTOR),
    (is_public_version, NOT_PUBLISHED),
)
define(
    "drafts.confirm_adoption",
    (holds_secretariat_role, _("Only the secretariat confirms an adoption.")),
    (has_second_factor, SECOND_FACTOR),
    (is_public_version, NOT_PUBLISHED),
)
define("drafts", is_drafting_staff)  # the admin's "has_module_perms" for the app
