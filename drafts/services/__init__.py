"""Every write to a text, one module per subject: versions (and instruments), provisions,
imports.

Services take keyword arguments, ask the permission and the version's state themselves
(`require(by, "drafts.edit_text", version)`, whatever path called them), validate, write
inside a transaction and record a reversion revision with who and why.
Import them from here: `services.version_publish(...)`.
"""

from .adoptions import adoption_preview, adoption_record
from .imports import (
    import_draft_create,
    import_draft_plain,
    import_draft_save,
    import_draft_update,
    translation_import,
    translation_pairs,
    version_import,
)
from .moves import MOVES, provision_add, provision_move
from .provisions import (
    EditConflict,
    provision_create,
    provision_delete,
    provision_merge,
    provision_restore,
    provision_split,
    provision_update,
    provisions_renumber,
)
from .versions import (
    ParticularsConflict,
    instrument_create,
    instrument_update,
    version_copy,
    version_create,
    version_publish,
    version_update,
)

__all__ = [
    "MOVES",
    "adoption_preview",
    "adoption_record",
    "EditConflict",
    "ParticularsConflict",
    "import_draft_create",
    "import_draft_plain",
    "import_draft_save",
    "import_draft_update",
    "instrument_create",
    "instrument_update",
    "provision_add",
    "provision_create",
    "provision_delete",
    "provision_merge",
    "provision_move",
    "provision_restore",
    "provision_split",
    "provision_update",
    "provisions_renumber",
    "translation_import",
    "translation_pairs",
    "version_copy",
    "version_create",
    "version_import",
    "version_publish",
    "version_update",
]
