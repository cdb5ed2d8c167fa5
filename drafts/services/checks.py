"""How every write to a text records its revision. What it may change is asked of the rules
(`portal.permissions.require(by, "drafts.edit_text", version)`: the role, the second factor
and that the version is still in editing, each refused with its reason)."""

import reversion


def revision(by, reason):
    reversion.set_user(by)
    reversion.set_comment(reason or "")
