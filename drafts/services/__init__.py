"""Every write to a text, one module per subject: versions (and instruments), provisions,
imports.

Services take keyword arguments, check the version's state themselves (whatever path called
them), validate, write inside a transaction and record a reversion revision with who and why.
Import them from here: `services.version_publish(...)`.
"""

from .imports import (
    import_draft_create,
    import_draft_plain,
    import_draft_save,
    import_draft_update,
    translation_import,
    version_import,
)
from .provisions import (
    EditConflict,
    provision_create,
    provision_delete,
    provision_merge,
    provision_restore,
    provision_split,
    provision_update,
)
from .versions import instrument_create, version_copy, version_create, version_publish

__all__ = [
    "EditConflict",
    "import_draft_create",
    "import_draft_plain",
    "import_draft_save",
    "import_draft_update",
    "instrument_create",
    "provision_create",
    "provision_delete",
    "provision_merge",
    "provision_restore",
    "provision_split",
    "provision_update",
    "translation_import",
    "version_copy",
    "version_create",
    "version_import",
    "version_publish",
]
