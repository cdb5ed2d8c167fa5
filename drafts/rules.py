"""Who may read and write texts. Services also refuse writes to frozen versions."""

import rules

from portal.rules import has_second_factor_if_needed, is_drafter, is_secretariat


@rules.predicate
def is_public_version(user, version):
    return version is not None and version.is_frozen


is_drafting_staff = is_drafter | is_secretariat | (rules.is_superuser & has_second_factor_if_needed)

rules.add_perm("drafts.read_version", is_public_version | is_drafting_staff)
rules.add_perm("drafts.edit_text", is_drafting_staff)
rules.add_perm("drafts.publish_version", is_drafting_staff)
rules.add_perm("drafts.restore_revision", is_drafter)

# The admin asks for Django's model permissions; answer them from the same roles.
for model in ("instrument", "version", "provision"):
    rules.add_perm(f"drafts.view_{model}", is_drafting_staff)
    rules.add_perm(f"drafts.add_{model}", is_drafting_staff)
    rules.add_perm(f"drafts.change_{model}", is_drafting_staff)
rules.add_perm("drafts.delete_provision", is_drafting_staff)
rules.add_perm("drafts", is_drafting_staff)  # the admin's "has_module_perms" for the app
