"""Reads for the comment exports.

A data export is one query whatever the number of comments: every joined field comes through
`values()` (organization, author, version, provision and three levels of its parents), and the
confirmed co-signers are aggregated by a correlated subquery into one column. Rows are read
with `iterator(chunk_size=…)`, so memory does not grow with the export either.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db.models import Aggregate, CharField, F, OuterRef, Prefetch, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from drafts.models import FROZEN_STATUSES, Instrument, Version
from portal.translated import column

from ..exports.filters import GENERAL, INDEPENDENT_EXPERT, SECRETARIAT
from ..models import Comment, Confidentiality, CoSignature, CoSignatureStatus, Round
from .comments import comment_list_by_organization

CHUNK_SIZE = 2000
PARENT_LEVELS = 3  # article › paragraph › sub-paragraph › (i)
LABEL_SEPARATOR = " › "

COLUMNS = (
    "id",
    "permalink",
    "instrument",
    "version",
    "provision_key",
    "provision_label",
    "kind",
    "position",
    "language",
    "organization",
    "organization_kind",
    "regional_group",
    "author_name",
    "on_behalf_of",
    "cosigners",
    "in_reply_to",
    "text",
    "proposed_text",
    "created_at",
    "updated_at",
    "state",
    "campaign",
    "campaign_size",
)
SECRETARIAT_COLUMNS = COLUMNS + ("moderation_reason", "author_email", "confidentiality", "withdrawn")
INTEGER_COLUMNS = frozenset(
    {"id", "version", "in_reply_to", "campaign", "campaign_size"}
)  # numbers in a spreadsheet, never neutralized
BOOLEAN_COLUMNS = frozenset({"withdrawn"})

_NAMES_SEPARATOR = "\x1f"  # cannot occur in an organization's name


def columns_for(audience):
    return SECRETARIAT_COLUMNS if audience == SECRETARIAT else COLUMNS


# --- Which comments ----------------------------------------------------------------------------


def _for_audience(queryset, audience):
    """The public sees published comments that are neither secretariat-only nor withdrawn (an
    export has no way to mark a withdrawal as the pages do); the secretariat sees everything."""
    if audience == SECRETARIAT:
        return queryset
    return queryset.public().filter(withdrawn_at=None)


def _filtered(queryset, filters):
    """Apply the validated filters of an ExportFilterForm."""
    provision = filters.get("provision")
    if provision == GENERAL:
        queryset = queryset.filter(provision=None)
    elif provision:
        queryset = queryset.filter(provision__key=provision)
    queryset = comment_list_by_organization(
        queryset,
        kind=filters.get("organization_kind"),
        regional_group=filters.get("regional_group"),
        experts=INDEPENDENT_EXPERT,
    )
    for field in ("language", "position", "kind", "state"):
        if filters.get(field):
            queryset = queryset.filter(**{field: filters[field]})
    # Whole days in the portal's time zone (Geneva), as the dates on the pages.
    if filters.get("date_from"):
        queryset = queryset.filter(created_at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        queryset = queryset.filter(created_at__lt=_start_of(filters["date_to"] + timedelta(days=1)))
    return queryset


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Data exports (CSV, XLSX, JSON) ------------------------------------------------------------


class _JoinedNames(Aggregate):
    """Text values joined with a separator: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(_NAMES_SEPARATOR))

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def organization_name(prefix):
    """The organization's name in the active language, else in English (it is required there)."""
    localized = F(f"{prefix}{column('name', get_language() or settings.LANGUAGE_CODE)}")
    return Coalesce(NullIf(localized, Value("")), F(f"{prefix}name_en"), output_field=CharField())


def _cosigner_names():
    confirmed = CoSignature.objects.filter(comment=OuterRef("pk"), status=CoSignatureStatus.CONFIRMED)
    names = confirmed.order_by().values("comment").annotate(names=_JoinedNames(organization_name("organization__")))
    return Subquery(names.values("names"))


PARENT_LABELS = tuple("provision__" + "parent__" * level + "label" for level in range(PARENT_LEVELS, -1, -1))
_FIELDS = (
    "pk",
    "round_id",
    "parent_id",
    "kind",
    "position",
    "language",
    "text",
    "proposed_text",
    "created_at",
    "updated_at",
    "state",
    "moderation_reason",
    "confidentiality",
    "withdrawn_at",
    "on_behalf_note",
    "organization_id",
    "organization__kind",
    "organization__regional_group",
    "author__display_name",
    "author__email",
    "version__number",
    "version__instrument__slug",
    "provision__key",
    "campaign_id",
    "campaign__size",
) + PARENT_LABELS


def comment_list_exported(*, scope: dict, filters: dict, audience: str) -> QuerySet[Comment]:
    """The comments an export holds: those of `scope` the audience may see, filtered."""
    return _filtered(_for_audience(Comment.objects.filter(**scope), audience), filters)


def comment_export_rows(*, scope: dict, filters: dict, audience: str, permalink: "Permalinks") -> Iterator[dict]:
    """Dicts keyed by `columns_for(audience)`, one per comment, in document order (version,
    provision, general comments last, then time), read lazily in chunks."""
    comments = comment_list_exported(scope=scope, filters=filters, audience=audience)
    values = comments.values(
        *_FIELDS, organization_name=organization_name("organization__"), cosigner_names=_cosigner_names()
    )
    ordered = values.order_by("version__number", F("provision__position").asc(nulls_last=True), "created_at", "pk")
    for row in ordered.iterator(chunk_size=CHUNK_SIZE):
        yield _shape(row, audience == SECRETARIAT, permalink)


def _shape(row, secretariat, permalink):
    """One export row; anonymous comments keep only their kind and region for the public."""
    expert = row["organization_id"] is None
    hidden = row["confidentiality"] == Confidentiality.ANONYMOUS and not secretariat
    shaped = {
        "id": row["pk"],
        "permalink": permalink(row["round_id"], row["provision__key"], row["pk"]),
        "instrument": row["version__instrument__slug"],
        "version": row["version__number"],
        "provision_key": row["provision__key"],
        "provision_label": LABEL_SEPARATOR.join(row[name] for name in PARENT_LABELS if row[name]) or None,
        "kind": row["kind"],
        "position": row["position"],
        "language": row["language"],
        "organization": None if hidden else row["organization_name"],
        "organization_kind": INDEPENDENT_EXPERT if expert else row["organization__kind"],
        "regional_group": row["organization__regional_group"] or None,
        # The pages name the author only of an expert's attributed comment; the secretariat always.
        "author_name": row["author__display_name"] if secretariat or (expert and not hidden) else None,
        "on_behalf_of": None if hidden else row["on_behalf_note"] or None,
        "cosigners": None if hidden else _sorted_names(row["cosigner_names"]),
        "in_reply_to": row["parent_id"],
        "text": row["text"],
        "proposed_text": row["proposed_text"] or None,
        "created_at": _iso(row["created_at"]),
        "updated_at": _iso(row["updated_at"]),
        "state": row["state"],
        "campaign": row["campaign_id"],
        "campaign_size": row["campaign__size"],
    }
    if secretariat:
        shaped.update(
            moderation_reason=row["moderation_reason"] or None,
            author_email=row["author__email"],
            confidentiality=row["confidentiality"],
            withdrawn=row["withdrawn_at"] is not None,
        )
    return shaped


def _sorted_names(joined):
    return "; ".join(sorted(joined.split(_NAMES_SEPARATOR))) if joined else None


def _iso(moment):
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Permalinks:
    """Stable absolute links to comments (`/<lang>/consultation/comments/<id>/`, which finds the
    comment's page): one `reverse` per export rather than one per row."""

    def __init__(self, request):
        self.prefix = request.build_absolute_uri(reverse("consultations:comment", args=[0]))[: -len("0/")]

    def __call__(self, round_id, provision_key, comment_id):
        return f"{self.prefix}{comment_id}/"


# --- Compilation (DOCX) ------------------------------------------------------------------------


def comments_by_provision(*, version: Version, filters: dict, audience: str) -> dict[str | None, list[Comment]]:
    """{provision key, or None for general comments: [top-level comments in time order]} with
    their organization, author, provision and confirmed co-signers, in three queries."""
    confirmed = (
        CoSignature.objects.filter(status=CoSignatureStatus.CONFIRMED).select_related("organization").order_by("pk")
    )
    comments = (
        _filtered(_for_audience(Comment.objects.filter(version=version, parent=None), audience), filters)
        .select_related("organization", "author", "provision")
        .prefetch_related(Prefetch("cosignatures", queryset=confirmed, to_attr="confirmed_cosignatures"))
        .order_by("created_at", "pk")
    )
    by_key = defaultdict(list)
    for comment in comments:
        by_key[comment.provision.key if comment.provision_id else None].append(comment)
    return by_key


# --- The export page ---------------------------------------------------------------------------


def export_targets() -> dict[str, QuerySet]:
    """What the export page lists: rounds on a text, versions that can be read, instruments."""
    return {
        "rounds": Round.objects.filter(version__isnull=False)
        .select_related("version__instrument")
        .order_by("-opens_at"),
        "versions": Version.objects.filter(status__in=FROZEN_STATUSES)
        .select_related("instrument")
        .order_by("instrument__slug", "number"),
        "instruments": Instrument.objects.filter(versions__status__in=FROZEN_STATUSES).distinct().order_by("slug"),
    }
