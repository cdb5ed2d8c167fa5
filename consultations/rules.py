"""Who may take part, and how, in a round; who moderates. The services ask these same
permissions (portal.permissions.require), so a refusal always says why."""

import rules
from django.utils.translation import gettext_lazy as _

from portal.models import MembershipStatus
from portal.permissions import define
from portal.rules import holds_drafting_role, holds_secretariat_role, is_drafter, is_secretariat, staff
from portal.selectors import is_member_of

from .capacities import capacities
from .geneva import geneva_time
from .models import CoSignature, ModerationState, Round, RoundState


def round_of(obj):
    """The round an object belongs to: a round itself, a comment's, a co-signature's comment's."""
    if isinstance(obj, CoSignature):
        obj = obj.comment
    return obj if isinstance(obj, Round) else obj.round


@rules.predicate
def round_has_opened(user, obj):
    return obj is not None and round_of(obj).state != RoundState.UPCOMING


@rules.predicate
def round_not_closed(user, obj):
    return obj is not None and round_of(obj).state != RoundState.CLOSED


def not_yet_open(user, obj):
    return _("This round opens on %(date)s: contributions are not accepted yet.") % {
        "date": geneva_time(round_of(obj).opens_at)
    }


ROUND_OPEN = (
    (round_has_opened, not_yet_open),
    (round_not_closed, _("This round is closed: contributions, edits and withdrawals are no longer accepted.")),
)


@rules.predicate
def speaks_in_round(user, round):
    return round is not None and bool(capacities(user, round))


def not_speaking(user, round):
    if user.memberships.filter(status=MembershipStatus.PENDING).exists():
        return _("Your accreditation is pending: you can take part once it is approved.")
    if capacities(user):
        return _("This round is not open to contributions in your capacity.")
    return _("Only accredited participants take part: ask to represent an organization from My account.")


@rules.predicate
def round_takes_comments(user, round):
    return round.version_id is not None and (round.allows_paragraph_comments or round.allows_general_comments)


@rules.predicate
def round_takes_amendments(user, round):
    return round.version_id is not None and round.allows_amendments


@rules.predicate
def round_takes_submissions(user, round):
    return round.allows_submissions


@rules.predicate
def round_has_questionnaire(user, round):
    return round.questionnaire_id is not None


@rules.predicate
def is_author(user, comment):
    return comment.author_id == user.pk


@rules.predicate
def is_not_author(user, comment):
    return comment.author_id != user.pk


@rules.predicate
def is_not_withdrawn(user, comment):
    return not comment.is_withdrawn


@rules.predicate
def is_published(user, comment):
    return comment.state == ModerationState.PUBLISHED


@rules.predicate
def answers_for_cosigner(user, cosignature):
    return is_member_of(user, cosignature.organization)


def not_a_member(user, cosignature):
    return _("Only an accredited member of %(organization)s can answer for it.") % {
        "organization": cosignature.organization
    }


SIGNED_IN = (rules.is_authenticated, _("Sign in to take part."))
TAKING_PART = (SIGNED_IN, *ROUND_OPEN, (speaks_in_round, not_speaking))
OWN_COMMENT = (
    SIGNED_IN,
    (is_author, _("Only the author can change this comment.")),
    (is_not_withdrawn, _("This comment was withdrawn and can no longer be changed.")),
    *ROUND_OPEN,
)


def no_comments(user, round):
    if round.version_id is None:
        return _("This round is a questionnaire: answer it on its page.")
    return _("This round does not take comments.")


define("consultations.comment", *TAKING_PART, (round_takes_comments, no_comments))
define("consultations.reply", *TAKING_PART, (round_takes_comments, no_comments))
define(
    "consultations.amend",
    *TAKING_PART,
    (round_takes_amendments, _("This round does not take proposed amendments.")),
)
define(
    "consultations.submit",
    *TAKING_PART,
    (round_takes_submissions, _("This round does not take written submissions.")),
)
define(
    "consultations.answer_questionnaire",
    *TAKING_PART,
    (round_has_questionnaire, _("This round has no questionnaire.")),
)
define("consultations.edit_comment", *OWN_COMMENT)
define("consultations.withdraw_comment", *OWN_COMMENT)
define("consultations.cosign", SIGNED_IN, (answers_for_cosigner, not_a_member), *ROUND_OPEN)
define("consultations.follow", (rules.is_authenticated, _("Sign in to follow a text or a provision.")))
define(
    "consultations.report",
    (rules.is_authenticated, _("Sign in to report a comment.")),
    (is_published, _("Only a published comment can be reported.")),
    (is_not_author, _("You cannot report your own comment: withdraw or edit it instead.")),
    *ROUND_OPEN,
)

READERS_OF_EVERYTHING = holds_secretariat_role | holds_drafting_role
define(
    "consultations.see_secretariat_only",
    *staff(READERS_OF_EVERYTHING, _("Only the secretariat and drafters see what is meant for the secretariat.")),
)
define("consultations.decide_amendment", *staff(holds_drafting_role, _("Only drafters decide on amendments.")))
define(
    "consultations.compile_responses",
    *staff(READERS_OF_EVERYTHING, _("Only the secretariat and drafters see the compiled replies.")),
)
define("consultations.moderate", *staff(holds_secretariat_role, _("Only the secretariat moderates.")))
define(
    "consultations.view_moderation",
    *staff(READERS_OF_EVERYTHING, _("Only the secretariat and drafters see the moderation figures.")),
)

# The admin's model permissions: the secretariat sets rounds up; contributions, decisions and
# reports are read there (and moderated through the services), never edited.
for model in ("phase", "activity", "activitydocument", "round", "questionnaire", "question", "moderationreason"):
    for action in ("view", "add", "change"):
        define(f"consultations.{action}_{model}", is_secretariat)
for model in ("comment", "submission", "questionnaireresponse", "moderationdecision", "flag"):
    define(f"consultations.view_{model}", is_secretariat | is_drafter)
define("consultations", is_secretariat | is_drafter)
