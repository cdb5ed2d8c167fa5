"""Reading adoptions: one adoption with each State's vote by regional group (table and chart),
how each State voted on the successive adopted versions of a text, and the open data rows."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.charts import BarChart, BarRow, layout
from portal.models import Organization, RegionalGroup

from ..models import Adoption, StateRole, Vote

VOTE_COLORS = {Vote.IN_FAVOUR: "#1a7f37", Vote.AGAINST: "#b3261e", Vote.ABSTAINING: "#8a6d00", Vote.ABSENT: "#6b6b6b"}


def adoption_for_version(*, version) -> Adoption | None:
    return (
        Adoption.objects.filter(version=version)
        .select_related("version__instrument")
        .prefetch_related("roles__state")
        .first()
    )


@dataclass
class GroupVotes:
    key: str
    label: str
    roles: list  # StateRole, by State name


def votes_by_group(*, adoption) -> list[GroupVotes]:
    """Each regional group with its States' votes, in the order of the UN's groups."""
    labels = dict(RegionalGroup.choices)
    votes = sorted((role for role in adoption.roles.all() if role.is_vote), key=lambda role: role.state.name)
    order = [*RegionalGroup.values, ""]
    groups = [
        GroupVotes(key, labels.get(key, _("No regional group")), [r for r in votes if r.state.regional_group == key])
        for key in order
    ]
    return [group for group in groups if group.roles]


def sponsors(*, adoption, role) -> list:
    return sorted((r.state for r in adoption.roles.all() if r.role == role), key=lambda state: state.name)


def explanations(*, adoption) -> list[dict]:
    """The explanations of vote, as entered, each with its State (None when none was named)."""
    states = Organization.objects.in_bulk({e["state"] for e in adoption.explanations if e.get("state")})
    return [{**explanation, "state": states.get(explanation.get("state"))} for explanation in adoption.explanations]


def votes_chart(*, groups, rtl) -> BarChart:
    series = [(vote.value, vote.label, VOTE_COLORS[vote]) for vote in Vote]
    rows = []
    for group in groups:
        values = {vote: sum(1 for role in group.roles if role.role == vote) for vote, _label, _color in series}
        cells = [values[vote] for vote, _label, _color in series]
        rows.append(BarRow(key=group.key, label=group.label, values=values, total=sum(cells), cells=cells))
    title = _("Votes by regional group")
    return layout(BarChart("chart-votes", title, rows, series, dimension=_("Regional group"), rtl=rtl))


def adoptions_of_instrument(*, instrument):
    return (
        Adoption.objects.filter(version__instrument=instrument)
        .select_related("version")
        .prefetch_related("roles__state")
        .order_by("date", "pk")
    )


def votes_over_time(*, adoptions) -> list[tuple]:
    """[(State, [vote or None for each adoption])], States by name: how each State voted on each
    successive adopted version (None: it did not vote on it)."""
    adoptions = list(adoptions)
    by_state = {}
    for column, adoption in enumerate(adoptions):
        for role in adoption.roles.all():
            if role.is_vote:
                cells = by_state.setdefault(role.state, [None] * len(adoptions))
                cells[column] = role
    return sorted(by_state.items(), key=lambda item: item[0].name)


def vote_rows(*, adoptions):
    """The open data: one row per State's vote or sponsorship, its adoption's facts beside it."""
    roles = StateRole.objects.filter(adoption__in=adoptions).select_related("adoption__version__instrument", "state")
    for role in roles.order_by("adoption__date", "adoption_id", "role", "state__name"):
        adoption = role.adoption
        yield {
            "instrument": adoption.version.instrument.slug,
            "version": adoption.version.number,
            "symbol": adoption.symbol,
            "body": adoption.body,
            "session": adoption.session,
            "date": adoption.date.isoformat(),
            "method": adoption.method,
            "state": role.state.name,
            "country": str(role.state.country),
            "regional_group": role.state.regional_group,
            "role": role.role,
            "printed_as": role.printed_as,
        }
