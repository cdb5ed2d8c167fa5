"""Participation figures: contributions by kind of organization, regional group, language,
position and week, and a heat map of the provisions (how many comments, how much opposition).

Each dimension is one GROUP BY query, so the page costs the same whatever the number of
comments. The public figures count what the public pages show (published, not
secretariat-only); the secretariat and drafters may count every state. Withdrawn
contributions are never counted, as on the round page.

Charts are laid out by portal/charts.py (plain geometry in a 100-unit-wide box) and drawn by
the templates as SVG; right-to-left pages get the bars drawn from the right."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, DateField, Exists, Max, Min, OuterRef, QuerySet
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from drafts.citations import cite
from drafts.models import FROZEN_STATUSES, Instrument, Provision
from portal.charts import ROW_UNITS, BarChart, BarRow, layout
from portal.models import OrganizationKind, RegionalGroup

from ..models import Comment, CommentKind, Confidentiality, Flag, FlagKind, ModerationState, Position, Round

MAX_FILLED_WEEKS = 104  # weeks without contributions are shown as zero up to this span

SERIES = [
    (CommentKind.COMMENT.value, CommentKind.COMMENT.label, "#0a5c9e"),
    (CommentKind.AMENDMENT.value, CommentKind.AMENDMENT.label, "#b35900"),
    (CommentKind.QUESTION.value, CommentKind.QUESTION.label, "#6b6b6b"),
]
COMMENT_SCALE = ["#f3f6f9", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
OPPOSITION_SCALE = ["#f3f6f9", "#fcd5c6", "#fc9f81", "#f4694a", "#d3301f", "#99000d"]
SORTS = ("document", "contested", "comments")


def comment_list_in_scope(
    *, round: Round | None = None, instrument: Instrument | None = None, everything: bool = False
) -> QuerySet[Comment]:
    """The contributions counted: public ones, or (secretariat) all; never withdrawn ones."""
    comments = Comment.objects.filter(withdrawn_at=None)
    if not everything:
        comments = comments.public()
    if round is not None:
        comments = comments.filter(round=round)
    elif instrument is not None:
        comments = comments.filter(version__instrument=instrument)
    return comments


# --- Bar charts -----------------------------------------------------------------------------


def _bar_chart(chart_id, title, dimension, grouped, labels, order, rtl):
    """`grouped`: {dimension value: {series key: n}}; rows in `order`, then any others."""
    keys = [key for key in order if key in grouped] + sorted((key for key in grouped if key not in order), key=str)
    rows = []
    for key in keys:
        values = {series: grouped[key].get(series, 0) for series, _label, _color in SERIES}
        cells = [values[series] for series, _label, _color in SERIES]
        rows.append(BarRow(key=key, label=labels(key), values=values, total=sum(cells), cells=cells))
    return layout(BarChart(chart_id, title, rows, SERIES, dimension=dimension, rtl=rtl))


def _grouped(comments, dimension, **annotations):
    rows = comments.annotate(**annotations).values(dimension, "kind").annotate(n=Count("pk")).order_by()
    grouped = defaultdict(dict)
    for row in rows:
        value = row[dimension] or None
        grouped[value][row["kind"]] = grouped[value].get(row["kind"], 0) + row["n"]
    return grouped


def _kind_label(value):
    return dict(OrganizationKind.choices).get(value, value) if value else _("Independent experts (personal capacity)")


def _group_label(value):
    return dict(RegionalGroup.choices).get(value, value) if value else _("No regional group")


def _language_label(value):
    return _(dict(settings.LANGUAGES).get(value, value or "—"))


def _position_label(value):
    return dict(Position.choices).get(value, value)


def _weeks(comments, rtl, chart_id="chart-weeks", title=None):
    grouped = _grouped(comments, "week", week=TruncWeek("created_at", output_field=DateField()))
    weeks = sorted(week for week in grouped if week is not None)
    order = weeks
    if weeks and (weeks[-1] - weeks[0]).days // 7 < MAX_FILLED_WEEKS:
        order = [weeks[0] + timedelta(weeks=n) for n in range((weeks[-1] - weeks[0]).days // 7 + 1)]
        for week in order:
            grouped.setdefault(week, {})
    return _bar_chart(
        chart_id,
        title or _("Contributions per week"),
        _("Week"),
        grouped,
        lambda week: _("Week of %(date)s") % {"date": date_format(week, "DATE_FORMAT")},
        order,
        rtl,
    )


# --- Heat map ---------------------------------------------------------------------------------


@dataclass
class HeatRow:
    key: str
    label: str
    excerpt: str
    excerpt_language: str
    order: tuple
    url: str
    support: int = 0
    oppose: int = 0
    neutral: int = 0
    y: float = 0
    comments_color: str = COMMENT_SCALE[0]
    opposition_color: str = OPPOSITION_SCALE[0]
    comments_x: float = 0
    opposition_x: float = 0

    @property
    def total(self):
        return self.support + self.oppose + self.neutral

    @property
    def oppose_share(self):
        return self.oppose / self.total if self.total else 0.0

    @property
    def oppose_percent(self):
        return round(100 * self.oppose_share)


def _bucket(scale, ratio):
    if ratio <= 0:
        return scale[0]
    steps = len(scale) - 1
    return scale[min(steps, max(1, math.ceil(ratio * steps - 1e-9)))]


def _excerpt(provision, language):
    for code in (language, provision.version.original_language):
        text = provision.value_in("text", code) or provision.value_in("heading", code)
        if text:
            return (text[:90] + "…" if len(text) > 90 else text), code
    return "", language


def provision_heat_map(
    *,
    comments: QuerySet[Comment],
    round: Round | None = None,
    instrument: Instrument | None = None,
    language: str,
    sort: str = "document",
    rtl: bool = False,
) -> dict | None:
    """One row per provision of the round's version (or of the instrument's public versions,
    by stable key, labelled as in the latest one), with top-level comments by position."""
    if round is not None and round.version_id:
        provisions = Provision.objects.filter(version_id=round.version_id)
    elif instrument is not None:
        provisions = Provision.objects.filter(version__instrument=instrument, version__status__in=FROZEN_STATUSES)
    else:
        return None
    provisions = list(provisions.select_related("version__instrument").order_by("version__number", "position"))
    newest = max((p.version.number for p in provisions), default=0)
    by_pk = {p.pk: p for p in provisions}
    rows = {}
    for provision in provisions:  # later versions overwrite: a key is labelled as in its latest version
        version = provision.version
        if round is not None:
            url = reverse("consultations:round", args=[round.pk]) + f"#{provision.key}"
        else:
            url = reverse("drafts:version", args=[version.instrument.slug, version.number]) + f"#{provision.key}"
        excerpt, excerpt_language = _excerpt(provision, language)
        rows[provision.key] = HeatRow(
            key=provision.key,
            label=str(cite(provision, by_pk=by_pk)),
            excerpt=excerpt,
            excerpt_language=excerpt_language,
            order=(
                0 if version.number == newest else 1,
                -version.number if version.number != newest else 0,
                provision.position,
            ),
            url=url,
        )
    counts = (
        comments.filter(parent=None, provision__isnull=False)
        .values("provision__key", "position")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in counts:
        heat_row = rows.get(row["provision__key"])
        if heat_row is not None and row["position"] in (Position.SUPPORT, Position.OPPOSE, Position.NEUTRAL):
            setattr(heat_row, row["position"], getattr(heat_row, row["position"]) + row["n"])
    ordered = sorted(rows.values(), key=lambda r: r.order)
    if sort == "contested":
        ordered.sort(key=lambda r: (-r.oppose_share, -r.oppose, -r.total))
    elif sort == "comments":
        ordered.sort(key=lambda r: (-r.total, -r.oppose_share))
    largest = max((r.total for r in ordered), default=0)
    for index, row in enumerate(ordered):
        row.y = index * ROW_UNITS + 2
        row.comments_color = _bucket(COMMENT_SCALE, row.total / largest if largest else 0)
        row.opposition_color = _bucket(OPPOSITION_SCALE, row.oppose_share)
        # Two cells per row, "comments" at the inline-start: mirrored on right-to-left pages.
        row.comments_x, row.opposition_x = (51, 1) if rtl else (1, 51)
    return {
        "rows": ordered,
        "height_units": len(ordered) * ROW_UNITS,
        "height_em": len(ordered) * 2,
        "largest": largest,
        "commented": sum(1 for r in ordered if r.total),
        "comment_scale": COMMENT_SCALE,
        "opposition_scale": OPPOSITION_SCALE,
    }


# --- The page -----------------------------------------------------------------------------------


def participation_figures(
    *,
    round: Round | None = None,
    instrument: Instrument | None = None,
    everything: bool = False,
    language: str,
    rtl: bool = False,
    sort: str = "document",
) -> dict:
    """Every chart and table of the analytics page, for a round, a text or everything."""
    in_scope = comment_list_in_scope(round=round, instrument=instrument, everything=everything)
    # Comments reported as falsely attributed (and not yet cleared) are counted apart.
    reported = Exists(Flag.objects.filter(comment=OuterRef("pk"), kind=FlagKind.FALSE_ATTRIBUTION, resolved_at=None))
    comments = in_scope.exclude(reported)
    charts = [
        _bar_chart(
            "chart-kinds",
            _("Contributions by kind of organization"),
            _("Kind of organization"),
            _grouped(comments, "organization__kind"),
            _kind_label,
            list(OrganizationKind.values),
            rtl,
        ),
        _bar_chart(
            "chart-groups",
            _("Contributions by regional group"),
            _("UN regional group"),
            _grouped(comments, "organization__regional_group"),
            _group_label,
            list(RegionalGroup.values),
            rtl,
        ),
        _bar_chart(
            "chart-languages",
            _("Contributions by language of writing"),
            _("Language"),
            _grouped(comments, "language"),
            _language_label,
            list(settings.LANGUAGE_CODES),
            rtl,
        ),
        _bar_chart(
            "chart-positions",
            _("Contributions by position"),
            _("Position"),
            _grouped(comments, "position"),
            _position_label,
            list(Position.values),
            rtl,
        ),
        _weeks(comments, rtl),
    ]
    by_state = None
    if everything:
        rows = comments.values("state", "confidentiality").annotate(n=Count("pk")).order_by()
        table = defaultdict(lambda: defaultdict(int))
        for row in rows:
            table[row["state"]][row["confidentiality"]] += row["n"]
        by_state = [
            (label, [table[state][conf] for conf in Confidentiality.values], sum(table[state].values()))
            for state, label in ModerationState.choices
        ]
    totals = charts[0].totals
    return {
        "charts": charts,
        "total": charts[0].grand_total,
        "totals": [(label, totals[key], color) for key, label, color in SERIES],
        "heat_map": provision_heat_map(
            comments=comments, round=round, instrument=instrument, language=language, sort=sort, rtl=rtl
        ),
        "by_state": by_state,
        "confidentialities": Confidentiality.labels,
        "falsely_attributed": in_scope.filter(reported).count(),
        "campaigns": campaign_figures(comments),
        "campaign_weeks": _weeks(
            comments.filter(campaign__isnull=False), rtl, "chart-campaign-weeks", _("Campaign comments per week")
        ),
    }


@dataclass
class CampaignFigures:
    number: int
    size: int = 0
    kinds: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    first_at: object = None
    last_at: object = None

    def kind_labels(self):
        return [(_kind_label(kind), n) for kind, n in sorted(self.kinds.items(), key=lambda item: -item[1])]

    def region_labels(self):
        return [(_group_label(region), n) for region, n in sorted(self.regions.items(), key=lambda item: -item[1])]


def campaign_figures(comments) -> list[CampaignFigures]:
    """The campaigns among the counted comments, largest first: how many comments, from which
    kinds of organization and regional groups, first and last arrival. One query."""
    rows = (
        comments.filter(campaign__isnull=False)
        .values("campaign", "organization__kind", "organization__regional_group")
        .annotate(n=Count("pk"), first=Min("created_at"), last=Max("created_at"))
        .order_by()
    )
    campaigns = {}
    for row in rows:
        figures = campaigns.setdefault(row["campaign"], CampaignFigures(number=row["campaign"]))
        figures.size += row["n"]
        kind, region = row["organization__kind"] or None, row["organization__regional_group"] or None
        figures.kinds[kind] = figures.kinds.get(kind, 0) + row["n"]
        figures.regions[region] = figures.regions.get(region, 0) + row["n"]
        figures.first_at = min(filter(None, (figures.first_at, row["first"])))
        figures.last_at = max(filter(None, (figures.last_at, row["last"])))
    return sorted((c for c in campaigns.values() if c.size > 1), key=lambda c: (-c.size, c.number))
