"""The kinds of provisions and the states of versions, for templates to compare with by name
(`provision.kind == ProvisionKind.ARTICLE`) instead of repeating their values."""

from .models import ProvisionKind, VersionStatus


def choices(request):
    return {"ProvisionKind": ProvisionKind, "VersionStatus": VersionStatus}
