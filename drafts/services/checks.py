"""How every write to a text records its revision. What it may change is asked of the rules
(`portal.permissions.require(by, "drafts.edit_text", version)`: the role, the second factor
and that the version is still in editing, each refused with its reason)."""

import reversion

from portal.page_cache import page_generation_bump


def revision(by, reason):
    """Record who writes and why; the write may change a page readers see (portal/page_cache.py)."""
    reversion.set_user(by)
    reversion.set_comment(reason or "")
    page_generation_bump()
