"""Query counts of the pages of taking part (consultations/urls.py, namespace consultations)."""

import pytest

from .harness import (
    ANONYMOUS,
    PUBLIC_AND_SECRETARIAT,
    PUBLIC_AND_STAFF,
    SECRETARIAT,
    STAFF,
    Page,
    cases,
    check_page,
    together,
)
from .people import grow_own_memberships
from .taking_part import (
    first_campaign,
    grow_amendments_to_trace,
    grow_around_permalink,
    grow_campaigns,
    grow_comments,
    grow_console,
    grow_decisions,
    grow_general_comments,
    grow_handled_amendments,
    grow_moderation_queue,
    grow_own_contributions,
    grow_phases,
    grow_preferences,
    grow_provision_thread,
    grow_questions_and_answers,
    grow_responses,
    grow_round_choices,
    grow_submissions,
    permalink_target,
    public_document,
)
from .texts import grow_adoptions, grow_text, grow_versions

pytestmark = pytest.mark.django_db

PAGES = [
    Page(
        "States' contributions and votes",
        lambda w, v: "/en/consultation/positions/adopted/v1/",
        ("anonymous", "secretariat"),
        grow_adoptions,
    ),
    Page("my contributions", lambda w, v: "/en/consultation/mine/", ("delegate",), grow_own_contributions),
    Page(
        "timeline", lambda w, v: f"/en/consultation/timeline/{w.instrument.slug}/", PUBLIC_AND_SECRETARIAT, grow_phases
    ),
    Page(
        "amendment trace",
        lambda w, v: f"/en/consultation/amendments/{w.instrument.slug}/v{w.draft_copy().number}/",
        ("drafter",),
        grow_amendments_to_trace,
    ),
    Page(
        "public record of handling",
        lambda w, v: f"/en/consultation/amendments/{w.instrument.slug}/v{w.version.number}/record/",
        PUBLIC_AND_STAFF,
        grow_handled_amendments,
    ),
    Page(
        "round page",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/",
        PUBLIC_AND_STAFF + ("delegate",),
        grow_comments,
    ),
    Page(
        "provision comments fragment",
        lambda w, v: f"/en/consultation/rounds/{w.later()[1].pk}/comments/{w.provisions[1].key}/",
        PUBLIC_AND_STAFF + ("delegate",),
        grow_provision_thread,
        headers={"HTTP_HX_REQUEST": "true"},
    ),
    Page(
        "provision comments page",
        lambda w, v: f"/en/consultation/rounds/{w.later()[1].pk}/comments/{w.provisions[1].key}/",
        PUBLIC_AND_SECRETARIAT,
        grow_provision_thread,
    ),
    Page(
        "provision comments fragment, newest first and narrowed",
        lambda w, v: (
            f"/en/consultation/rounds/{w.later()[1].pk}/comments/{w.provisions[1].key}/"
            "?order=newest&kind=member_state&language=en"
        ),
        PUBLIC_AND_STAFF + ("delegate",),
        grow_provision_thread,
        headers={"HTTP_HX_REQUEST": "true"},
        lists=False,
    ),
    Page(
        "general comments fragment",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/comments/general/",
        PUBLIC_AND_SECRETARIAT,
        grow_general_comments,
        headers={"HTTP_HX_REQUEST": "true"},
    ),
    Page(
        "comment permalink",
        lambda w, v: f"/en/consultation/comments/{permalink_target(w).pk}/",
        PUBLIC_AND_SECRETARIAT,
        grow_around_permalink,
        status=302,
        lists=False,
    ),
    Page(
        "comment edit form",
        lambda w, v: f"/en/consultation/comments/{permalink_target(w).pk}/edit/",
        ("delegate",),
        grow_around_permalink,
        lists=False,
    ),
    Page(
        "report form",
        lambda w, v: f"/en/consultation/comments/{permalink_target(w).pk}/report/",
        ("ngo_member",),
        grow_around_permalink,
        lists=False,
    ),
    Page(
        "submission form",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/submit/",
        ("delegate",),
        grow_own_memberships,
    ),
    Page(
        "public written submissions",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/submissions/",
        PUBLIC_AND_SECRETARIAT,
        grow_submissions,
    ),
    Page(
        "questionnaire",
        lambda w, v: f"/en/consultation/rounds/{w.qround().pk}/questionnaire/",
        ("delegate",),
        grow_questions_and_answers,
    ),
    Page(
        "compiled replies",
        lambda w, v: f"/en/consultation/rounds/{w.qround().pk}/questionnaire/replies/",
        STAFF,
        grow_responses,
    ),
    Page(
        "submitted document",
        lambda w, v: f"/en/consultation/documents/{public_document(w).pk}/",
        ANONYMOUS,
        grow_submissions,
        lists=False,
    ),
    Page("moderation queue", lambda w, v: "/en/consultation/moderation/", SECRETARIAT, grow_moderation_queue),
    Page("secretariat console", lambda w, v: "/en/consultation/console/", SECRETARIAT, grow_console),
    Page("rounds form", lambda w, v: "/en/consultation/rounds/new/", SECRETARIAT, grow_round_choices),
    Page(
        "rounds form, a round changed",
        lambda w, v: f"/en/consultation/rounds/{w.round.pk}/edit/",
        SECRETARIAT,
        grow_round_choices,
    ),
    Page(
        "moderation queue, every state",
        lambda w, v: "/en/consultation/moderation/?state=any&flagged=",
        SECRETARIAT,
        grow_moderation_queue,
    ),
    Page(
        "moderation queue with campaigns",
        lambda w, v: "/en/consultation/moderation/",
        SECRETARIAT,
        together(grow_moderation_queue, grow_campaigns),
    ),
    Page(
        "campaign",
        lambda w, v: f"/en/consultation/moderation/campaigns/{first_campaign(w).pk}/",
        SECRETARIAT,
        grow_campaigns,
    ),
    Page("moderation figures", lambda w, v: "/en/consultation/moderation/metrics/", STAFF, grow_decisions),
    Page(
        "notification preferences",
        lambda w, v: "/en/consultation/notifications/",
        ("delegate",),
        grow_preferences,
        lists=False,
    ),
    Page(
        "search, texts",
        lambda w, v: "/en/consultation/search/?q=solidarity",
        PUBLIC_AND_SECRETARIAT,
        together(grow_text, grow_comments),
    ),
    Page(
        "search, comments",
        lambda w, v: "/en/consultation/search/?q=walrus&scope=comments",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
    ),
    Page("analytics", lambda w, v: "/en/consultation/analytics/", PUBLIC_AND_SECRETARIAT, grow_comments, lists=False),
    Page(
        "analytics of a round",
        lambda w, v: f"/en/consultation/analytics/?round={w.round.pk}",
        PUBLIC_AND_SECRETARIAT,
        grow_comments,
        lists=False,
    ),
    Page(
        "analytics of a text",
        lambda w, v: f"/en/consultation/analytics/?instrument={w.instrument.slug}&sort=contested",
        PUBLIC_AND_SECRETARIAT,
        together(grow_versions, grow_comments),
    ),
]


@pytest.mark.parametrize(("page", "viewer"), cases(PAGES))
def test_query_count_does_not_grow_with_the_data(client, world, page, viewer):
    check_page(client, world, page, viewer)
