"""Reads of proposed amendments: their redline, and their trace into later versions."""

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from drafts import redline
from drafts.citations import cited_with
from drafts.models import FROZEN_STATUSES, Provision, Version

from ..models import AmendmentIncorporation, Comment, CommentKind, CoSignature, CoSignatureStatus


def amendment_redline(*, comment: Comment) -> str:
    """The proposed amendment as a redline against the provision it amends."""
    provision = comment.provision
    current = provision.value_in("text", comment.language) or provision.value_in(
        "text", comment.version.original_language
    )
    return redline.render_html(redline.diff(current, comment.proposed_text))


def amendment_list_incorporated(*, provision: Provision) -> QuerySet[Comment]:
    """The amendments of earlier versions that `provision` incorporates."""
    return Comment.objects.filter(incorporations__provision=provision).select_related("organization", "version")


def amendment_trace_rows(*, version: Version) -> list[tuple[Provision, list[tuple[Comment, bool]]]]:
    """For each provision of `version`: the amendments proposed on the same paragraph in
    earlier versions, and which of them it is linked to. Three queries."""
    amendments = (
        Comment.objects.filter(
            kind=CommentKind.AMENDMENT,
            version__instrument_id=version.instrument_id,
            version__number__lt=version.number,
            provision__key__in=version.provisions.values("key"),
        )
        .select_related("organization", "author", "version", "provision")
        .order_by("version__number", "created_at")
    )
    by_key = defaultdict(list)
    for amendment in amendments:
        by_key[amendment.provision.key].append(amendment)
    linked = set(
        AmendmentIncorporation.objects.filter(provision__version=version).values_list("provision_id", "amendment_id")
    )
    rows = []
    for provision in version.provisions.select_related(*cited_with()).order_by("position"):
        if by_key.get(provision.key):
            rows.append(
                (
                    provision,
                    [(amendment, (provision.pk, amendment.pk) in linked) for amendment in by_key[provision.key]],
                )
            )
    return rows


def amendment_record(*, version: Version) -> list[Comment]:
    """The public record of handling: each public amendment proposed on `version`, in the
    order of the text, with the drafters' decision and note, and as `incorporated_in` the
    provisions of later versions that incorporate it (published ones only). Four queries."""
    confirmed = CoSignature.objects.filter(status=CoSignatureStatus.CONFIRMED).select_related("organization")
    later = AmendmentIncorporation.objects.filter(provision__version__status__in=FROZEN_STATUSES).select_related(
        *cited_with("provision__")
    )
    return list(
        Comment.objects.public()
        .filter(kind=CommentKind.AMENDMENT, version=version)
        .select_related("author", "organization", *cited_with("provision__"))
        .prefetch_related(
            Prefetch("cosignatures", queryset=confirmed, to_attr="confirmed_cosignatures"),
            Prefetch(
                "incorporations", queryset=later.order_by("provision__version__number"), to_attr="incorporated_in"
            ),
        )
        .order_by("provision__position", "created_at")
    )
