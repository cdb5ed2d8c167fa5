"""Why a person may or may not take part in a round, and what they can do next: the pages
explain a refusal (pending accreditation, a round not open, an audience not invited) instead of
answering a bare "Access denied". The services still refuse on their own; this only explains.
And what of a text the person follows."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.models import Membership, MembershipStatus, OrganizationKind

from ..geneva import geneva_time
from ..models import Follow, RoundState

# What a person asks to do, and the permission (consultations/rules.py) that lets them.
PERMISSIONS = {
    "comment": "consultations.comment",
    "submit": "consultations.submit",
    "answer": "consultations.answer_questionnaire",
}


@dataclass(frozen=True)
class Participation:
    allowed: bool
    reason: str = ""  # a code, for tests and templates: "anonymous", "pending", "closed"...
    message: str = ""
    next_url: str = ""
    next_label: str = ""


def _audience_names(round):
    names = [str(OrganizationKind(kind).label) for kind in round.audience_kinds if kind in OrganizationKind.values]
    if round.audience_experts:
        names.append(_("independent experts"))
    return ", ".join(names)


def participation_for(*, user, round, action="comment") -> Participation:
    """May `user` do `action` ("comment", "submit", "answer") in `round`, and if not, why and
    what next. Two small queries at most (the person's memberships)."""
    if user.is_authenticated and user.has_perm(PERMISSIONS[action], round):
        return Participation(allowed=True)
    state = round.state
    if state == RoundState.UPCOMING:
        return Participation(
            False,
            "upcoming",
            _("This round opens on %(date)s: you can read the text now and take part from then.")
            % {"date": geneva_time(round.opens_at)},
        )
    if state == RoundState.CLOSED:
        return Participation(
            False,
            "closed",
            _(
                "This round closed on %(date)s: it no longer takes contributions. "
                "The text and the published contributions stay here to read."
            )
            % {"date": geneva_time(round.closes_at)},
        )
    if action == "submit" and not round.allows_submissions:
        return Participation(False, "mode", _("This round does not take written submissions."))
    if action == "answer" and round.questionnaire_id is None:
        return Participation(False, "mode", _("This round has no questionnaire."))
    if action == "comment" and round.version_id is None:
        return Participation(False, "mode", _("This round is a questionnaire: answer it on its page."))
    if action == "comment" and not (round.allows_paragraph_comments or round.allows_general_comments):
        return Participation(False, "mode", _("This round does not take comments."))
    if not user.is_authenticated:
        return Participation(
            False,
            "anonymous",
            _("Sign in with an accredited account to take part."),
            reverse("account_login"),
            _("Sign in"),
        )
    memberships = list(
        Membership.objects.filter(user=user, status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED])
        .select_related("organization")
        .order_by("requested_at")
    )
    pending = [m for m in memberships if m.status == MembershipStatus.PENDING]
    approved = [m for m in memberships if m.status == MembershipStatus.APPROVED]
    if not approved and pending:
        return Participation(
            False,
            "pending",
            _(
                "Your request to represent %(who)s is pending: the secretariat, or your organization's focal "
                "point, will decide on it. You can take part as soon as it is approved; you will receive an email."
            )
            % {"who": ", ".join(str(m.organization or m.get_role_display()) for m in pending)},
            reverse("profile"),
            _("See your requests in My account"),
        )
    if not approved:
        return Participation(
            False,
            "unaccredited",
            _(
                "Taking part needs an accreditation: ask to represent your organization, "
                "or to take part as an independent expert."
            ),
            reverse("membership_request"),
            _("Ask to represent an organization"),
        )
    return Participation(
        False,
        "not_invited",
        _(
            "This round invites %(audience)s; %(who)s is not among them. You can read the text and the "
            "published contributions; write to the secretariat if you think your organization should take part."
        )
        % {
            "audience": _audience_names(round) or _("no one yet"),
            "who": ", ".join(str(m.organization or _("your personal capacity")) for m in approved),
        },
    )


def follow_keys(*, user, instrument) -> set:
    """What the person follows of a text: "" for the text itself, and provision keys. One query."""
    if not user.is_authenticated or instrument is None:
        return set()
    return set(Follow.objects.filter(user=user, instrument=instrument).values_list("key", flat=True))
