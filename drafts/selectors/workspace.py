"""Reading for the drafters' own page (drafts/views/workspace.py `drafting_home`): the versions
in editing with their last change, and where a new version can start."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from reversion.models import Revision
from reversion.models import Version as RevisionRecord

from ..models import Instrument, Provision, Version, VersionStatus
from . import translation_statuses


@dataclass
class VersionInEditing:
    version: Version
    provisions: int
    last_change: Revision | None  # when, by whom and why its particulars or a provision last changed
    missing: list  # the languages in which some provision has no text yet


def _last_revision():
    """The latest revision of the outer version itself or of any of its provisions."""
    as_text = Cast(OuterRef("pk"), output_field=CharField())
    its_provisions = (
        Provision.objects.filter(version=OuterRef(OuterRef("pk")))
        .annotate(as_text=Cast("pk", output_field=CharField()))
        .values("as_text")
    )
    kinds = ContentType.objects.get_for_models(Version, Provision)
    return Subquery(
        RevisionRecord.objects.filter(
            Q(content_type=kinds[Version], object_id=as_text)
            | Q(content_type=kinds[Provision], object_id__in=its_provisions)
        )
        .order_by("-revision_id")
        .values("revision_id")[:1]
    )


def versions_in_editing() -> list[VersionInEditing]:
    """Every version in editing, the most recently changed first, in three queries."""
    versions = list(
        Version.objects.filter(status=VersionStatus.EDITING)
        .select_related("instrument")
        .annotate(provision_count=Count("provisions"), last_revision_id=_last_revision())
    )
    revisions = Revision.objects.select_related("user").in_bulk({v.last_revision_id for v in versions} - {None})
    statuses = translation_statuses(versions)
    rows = [
        VersionInEditing(
            version=version,
            provisions=version.provision_count,
            last_change=revisions.get(version.last_revision_id),
            missing=[code for code, (done, total) in statuses[version.pk].items() if done < total],
        )
        for version in versions
    ]
    return sorted(
        rows, key=lambda row: row.last_change.date_created.timestamp() if row.last_change else 0, reverse=True
    )


def instruments_with_published_versions():
    """Every instrument, each with `published`: its published version, if any (a new version
    starts from it)."""
    published = Version.objects.filter(status=VersionStatus.PUBLISHED)
    return Instrument.objects.prefetch_related(Prefetch("versions", queryset=published, to_attr="published"))
