"""Who may take part, and how, in a round. The services check the same things and say why."""

import rules

from portal.rules import is_drafter, is_secretariat
from portal.selectors import is_member_of

from .capacities import capacities
from .models import RoundState


@rules.predicate
def round_is_open(user, round):
    return round is not None and round.state == RoundState.OPEN


@rules.predicate
def speaks_in_round(user, round):
    return round is not None and bool(capacities(user, round))


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
def is_author_of_live_comment(user, comment):
    return comment.author_id == user.pk and not comment.is_withdrawn and comment.round.state == RoundState.OPEN


@rules.predicate
def answers_for_cosigner(user, cosignature):
    return is_member_of(user, cosignature.organization) and cosignature.comment.round.state == RoundState.OPEN


taking_part = rules.is_authenticated & round_is_open & speaks_in_round

rules.add_perm("consultations.comment", taking_part & round_takes_comments)
rules.add_perm("consultations.amend", taking_part & round_takes_amendments)
rules.add_perm("consultations.reply", taking_part & round_takes_comments)
rules.add_perm("consultations.edit_comment", rules.is_authenticated & is_author_of_live_comment)
rules.add_perm("consultations.withdraw_comment", rules.is_authenticated & is_author_of_live_comment)
rules.add_perm("consultations.cosign", rules.is_authenticated & answers_for_cosigner)
rules.add_perm("consultations.submit", taking_part & round_takes_submissions)
rules.add_perm("consultations.answer_questionnaire", taking_part & round_has_questionnaire)
rules.add_perm("consultations.follow", rules.is_authenticated)
rules.add_perm("consultations.see_secretariat_only", is_secretariat | is_drafter)
rules.add_perm("consultations.decide_amendment", is_drafter)
rules.add_perm("consultations.compile_responses", is_secretariat | is_drafter)
rules.add_perm("consultations.moderate", is_secretariat)
rules.add_perm("consultations.view_moderation", is_secretariat | is_drafter)

for model in ("phase", "activity", "activitydocument", "round", "questionnaire", "question"):
    for action in ("view", "add", "change"):
        rules.add_perm(f"consultations.{action}_{model}", is_secretariat)
for model in ("comment", "submission", "questionnaireresponse", "moderationdecision", "flag", "notification"):
    rules.add_perm(f"consultations.view_{model}", is_secretariat | is_drafter)
for action in ("view", "add", "change"):
    rules.add_perm(f"consultations.{action}_moderationreason", is_secretariat)
rules.add_perm("consultations.change_notification", is_secretariat)
rules.add_perm("consultations", is_secretariat | is_drafter)
