"""The adoption of a published version: its block read, every State named in it matched to the
directory, a preview that says what is wrong, and the record the secretariat confirms.

The preview and the record are one computation (`adoption_preview`): the record refuses,
saving nothing, while the preview lists a problem. A problem names its line: counts that do
not match the lists, a State listed twice or under two votes, a name matched to no State
with confidence (shown with the closest States, never dropped), a date in the future, an
explanation of vote whose address is not https.

Explanations of vote are typed one a line: "address | State | label", the State and the label
optional; the State is matched like the names of the block and kept with the address.
"""

import datetime
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Organization
from portal.permissions import require

from ..importer.adoption import read_adoption_block, split_names
from ..models import AdoptingBody, Adoption, AdoptionMethod, StateRole, Version, Vote
from ..state_names import Match, StateIndex
from .checks import revision

SPONSOR_FIELDS = (("main_sponsors", StateRole.Role.MAIN_SPONSOR), ("co_sponsors", StateRole.Role.CO_SPONSOR))
EXPLANATION = "explanation"  # a row naming the State that explained its vote (no StateRole)


@dataclass
class Row:
    index: int
    role: str
    where: str  # "line 5", or the field the name was typed in
    match: Match
    state_id: int | None  # the State matched with confidence, or chosen by a person
    state: Organization | None = None
    options: list = field(default_factory=list)  # the closest States, for a person to choose

    @property
    def role_label(self):
        return _role_label(self.role)


@dataclass
class AdoptionPreview:
    version: Version
    fields: dict
    rows: list
    problems: list = field(default_factory=list)
    states: dict = field(default_factory=dict)  # id -> Organization, for every State shown

    @property
    def votes(self):
        return [row for row in self.rows if row.role in Vote.values]

    @property
    def absent(self):
        return [row for row in self.rows if row.role == Vote.ABSENT]

    @property
    def uncertain(self):
        return [row for row in self.rows if row.match.state_id is None]


def _role_label(role):
    return _("Explanation of vote") if role == EXPLANATION else StateRole.Role(role).label


def _explanations(typed):
    """ "address | State | label" lines → [{"address", "printed_as", "label"}], as typed."""
    explanations = []
    for line in (typed or "").splitlines():
        address, _bar, rest = line.strip().partition("|")
        printed_as, _bar, label = rest.partition("|")
        if address.strip():
            explanations.append({"address": address.strip(), "printed_as": printed_as.strip(), "label": label.strip()})
    return explanations


def _rows(data, sponsors, explanations, index):
    rows = []
    for vote, names in data.get("votes", {}).items():
        lines = data["lines"][vote]
        for name, line in zip(names, lines, strict=True):
            rows.append((vote, _("line %(number)s") % {"number": line}, name))
    for field_name, role in SPONSOR_FIELDS:
        label = _role_label(role)
        rows += [(role, label, name) for name in split_names(sponsors.get(field_name, ""))]
    for number, explanation in enumerate(explanations, start=1):
        if explanation["printed_as"]:
            where = _("Explanations of vote, line %(number)s") % {"number": number}
            rows.append((EXPLANATION, where, explanation["printed_as"]))
    return [Row(number, role, where, index.match(name), None) for number, (role, where, name) in enumerate(rows)]


def _choose(rows, choices):
    for row in rows:
        chosen = choices.get(row.index)
        row.state_id = int(chosen) if chosen else row.match.state_id


def _count_problems(data, rows):
    counts = data.get("counts", {})
    problems = []
    for vote in (Vote.IN_FAVOUR, Vote.AGAINST, Vote.ABSTAINING):
        listed = [row for row in rows if row.role == vote]
        if vote in counts and counts[vote] != len(listed):
            where = listed[0].where if listed else _("the counts")
            problems.append(
                _("%(vote)s: the block counts %(count)s but lists %(listed)s States (from %(where)s).")
                % {"vote": vote.label, "count": counts[vote], "listed": len(listed), "where": where}
            )
    return problems


def _state_problems(rows, states):
    problems, seen = [], {}
    for row in rows:
        if row.state_id is None:
            problems.append(
                _("%(where)s: “%(name)s” is not matched to a State with confidence; choose the State meant.")
                % {"where": row.where.capitalize(), "name": row.match.printed}
            )
            continue
        if row.role == EXPLANATION:
            continue  # a State may explain its vote more than once
        kind = "vote" if row.role in Vote.values else row.role
        earlier = seen.get((kind, row.state_id))
        if earlier is None:
            seen[(kind, row.state_id)] = row
        elif earlier.role == row.role:
            problems.append(
                _("%(where)s: %(state)s is listed twice under “%(role)s” (also %(earlier)s).")
                % {
                    "where": row.where.capitalize(),
                    "state": states[row.state_id].name,
                    "role": _role_label(row.role),
                    "earlier": earlier.where,
                }
            )
        else:
            problems.append(
                _("%(where)s: %(state)s is listed under “%(role)s” and under “%(earlier_role)s” (%(earlier)s).")
                % {
                    "where": row.where.capitalize(),
                    "state": states[row.state_id].name,
                    "role": _role_label(row.role),
                    "earlier_role": _role_label(earlier.role),
                    "earlier": earlier.where,
                }
            )
    return problems


def _field_problems(data, fields):
    problems = []
    if fields["body"] not in AdoptingBody.values:
        problems.append(_("Choose the body that adopted the text."))
    if not data.get("method"):
        problems.append(
            _("The block says neither “Adopted without a vote” nor how the recorded vote went: check its wording.")
        )
    adopted_on = data.get("date")
    if not adopted_on:
        problems.append(_("Line 2: no date of adoption could be read; the block should give it under the meeting."))
    elif datetime.date.fromisoformat(adopted_on) > timezone.localdate():
        problems.append(
            _("The date of adoption, %(date)s, is in the future: check the block.") % {"date": data.get("date_text")}
        )
    validate = URLValidator(schemes=["https"])
    for number, explanation in enumerate(fields["explanations"], start=1):
        try:
            validate(explanation["address"])
        except ValidationError:
            problems.append(
                _("Explanations of vote, line %(number)s: “%(address)s” is not a secure web address (https://…).")
                % {"number": number, "address": explanation["address"]}
            )
    return problems


def adoption_preview(
    *,
    by,
    version,
    block,
    body,
    session=None,
    symbol="",
    main_sponsors="",
    co_sponsors="",
    explanations="",
    choices=None,
) -> AdoptionPreview:
    """What would be recorded, and every problem that stops it. `choices`: {row index: State id}
    for the names a person decided."""
    require(by, "drafts.enter_adoption", version)
    data = read_adoption_block(block or "")
    fields = {
        "body": body,
        "session": session or None,
        "symbol": (symbol or "").strip() or version.symbol,
        "meeting": data.get("meeting", ""),
        "date": data.get("date") or None,
        "method": data.get("method", ""),
        "counts": data.get("counts", {}),
        "block": (block or "").strip(),
        "explanations": _explanations(explanations),
    }
    sponsors = {"main_sponsors": main_sponsors, "co_sponsors": co_sponsors}
    rows = _rows(data, sponsors, fields["explanations"], StateIndex())
    _choose(rows, choices or {})
    wanted = {pk for row in rows for pk in [row.state_id, *row.match.candidates] if pk}
    states = Organization.objects.states().in_bulk(wanted)
    for row in rows:  # a chosen id that is not a State is no choice
        if row.state_id not in states:
            row.state_id = None
        row.state = states.get(row.state_id)
        row.options = [states[pk] for pk in row.match.candidates if pk in states]
    explaining = iter(row for row in rows if row.role == EXPLANATION)
    for explanation in fields["explanations"]:
        explanation["state"] = next(explaining).state_id if explanation["printed_as"] else None
    preview = AdoptionPreview(version, fields, rows, states=states)
    preview.problems = _field_problems(data, fields) + _count_problems(data, rows) + _state_problems(rows, states)
    return preview


@transaction.atomic
def adoption_record(*, by, version, reason="", **entered) -> Adoption:
    """Record (or correct) the adoption of `version` as previewed; nothing is saved while the
    preview shows a problem."""
    require(by, "drafts.confirm_adoption", version)
    preview = adoption_preview(by=by, version=version, **entered)
    if preview.problems:
        raise ValidationError(preview.problems)
    fields = preview.fields
    counts = fields["counts"]
    values = {
        "body": fields["body"],
        "session": fields["session"],
        "meeting": fields["meeting"],
        "date": fields["date"],
        "symbol": fields["symbol"],
        "method": fields["method"] or AdoptionMethod.WITHOUT_VOTE,
        "in_favour": counts.get(Vote.IN_FAVOUR),
        "against": counts.get(Vote.AGAINST),
        "abstaining": counts.get(Vote.ABSTAINING),
        "block": fields["block"],
        "explanations": fields["explanations"],
        "recorded_by": by,
    }
    with reversion.create_revision():
        revision(by, reason or _("Adoption recorded"))
        adoption = Adoption.objects.filter(version=version).first() or Adoption(version=version)
        for name, value in values.items():
            setattr(adoption, name, value)
        adoption.full_clean()
        adoption.save()
        adoption.roles.all().delete()
        StateRole.objects.bulk_create(
            StateRole(adoption=adoption, state_id=row.state_id, role=row.role, printed_as=row.match.printed)
            for row in preview.rows
            if row.role != EXPLANATION
        )
        reversion.add_to_revision(adoption)
    return adoption
