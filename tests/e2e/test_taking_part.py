"""Around writing, in a real browser: withdrawing and submitting a questionnaire only after a
confirmation, a closed round and a pending accreditation explained instead of refused, the
reader's own time beside Geneva time, and the secretariat finding a contribution by its tracking
number. English with the mouse, Arabic with the keyboard only; every page state checked by
tests/e2e/toolkit.py (Arabic screenshots in test-results/)."""

from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from consultations.models import Comment, QuestionnaireResponse, ResponseStatus
from portal.models import MembershipRole, MembershipStatus
from tests.consultations.fixtures import make_round, post_comment
from tests.factories import MembershipFactory

from .toolkit import check_page, sign_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LANGUAGES = ["en", "ar"]


def activate(page, locator, *, keyboard, navigates=True):
    """Follow a link or press a button, by keyboard (Tab to it, Enter) or with the mouse."""
    if navigates:
        with page.expect_navigation():
            activate(page, locator, keyboard=keyboard, navigates=False)
        return
    if keyboard:
        tab_to(page, locator)
        page.keyboard.press("Enter")
    else:
        locator.click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_a_comment_asks_first(new_page, live_server, version, delegate, state_org, language):
    keyboard = language == "ar"
    round = make_round(version)
    comment = post_comment(round, delegate, state_org, "To be withdrawn")
    page = new_page()
    sign_in(page, live_server, delegate, f"/{language}/consultation/mine/", language)
    check_page(page, f"my-contributions-{language}", screenshot_it=keyboard)
    activate(page, page.locator(f"a[href$='/comments/{comment.pk}/withdraw/']"), keyboard=keyboard)
    check_page(page, f"withdraw-confirm-{language}", screenshot_it=keyboard)
    comment.refresh_from_db()
    assert comment.withdrawn_at is None and comment.tracking_number in page.locator("main").inner_text()
    activate(page, page.locator("main form button[type=submit]"), keyboard=keyboard)
    comment.refresh_from_db()
    assert comment.withdrawn_at is not None
    check_page(page, f"withdrawn-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_questionnaire_is_submitted_after_a_review(
    new_page, live_server, questionnaire, delegate, state_org, language
):
    keyboard = language == "ar"
    round = make_round(questionnaire=questionnaire)
    first = questionnaire.questions.order_by("position").first()
    page = new_page()
    sign_in(page, live_server, delegate, f"/{language}/consultation/rounds/{round.pk}/questionnaire/", language)
    check_page(page, f"questionnaire-{language}", screenshot_it=keyboard)
    answer = "نعم، التضامن الدولي مبدأ من مبادئ القانون الدولي." if keyboard else "Yes, a principle of law."
    field = page.locator(f"#answer-{first.pk}")
    if keyboard:
        tab_to(page, field)
        page.keyboard.insert_text(answer)
    else:
        field.fill(answer)
    activate(page, page.locator("button[value=review]"), keyboard=keyboard)
    assert answer in page.locator("main").inner_text()
    check_page(page, f"questionnaire-review-{language}", screenshot_it=keyboard)
    response = QuestionnaireResponse.objects.get()
    assert response.status == ResponseStatus.DRAFT  # reviewed, saved, not submitted
    activate(page, page.locator("button[value=submit]"), keyboard=keyboard)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and response.answers.get(question=first).text == answer
    assert response.tracking_number in page.locator("main").inner_text()  # the receipt, at once
    check_page(page, f"questionnaire-submitted-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_closed_round_and_a_pending_accreditation_are_explained(
    new_page, live_server, version, delegate, language, role_user
):
    keyboard = language == "ar"
    closed = make_round(version, state="closed")
    page = new_page()
    sign_in(page, live_server, delegate, f"/{language}/consultation/rounds/{closed.pk}/", language)
    explained = page.locator("[data-participation=closed]")
    assert explained.count() == 1 and explained.inner_text().strip()
    assert page.locator(f"a[href$='/rounds/{closed.pk}/submit/']").count() == 0
    check_page(page, f"round-closed-{language}", screenshot_it=keyboard)

    waiting = role_user()
    MembershipFactory(user=waiting, status=MembershipStatus.PENDING, role=MembershipRole.DELEGATE)
    opened = make_round(version)
    other = new_page()
    sign_in(other, live_server, waiting, f"/{language}/consultation/rounds/{opened.pk}/", language)
    pending = other.locator("[data-participation=pending]")
    assert pending.count() == 1
    check_page(other, f"round-pending-{language}", screenshot_it=keyboard)
    activate(other, pending.locator("a"), keyboard=keyboard)  # what to do next: see the request
    assert other.url.endswith(f"/{language}/me/")
    check_page(other, f"profile-pending-{language}")
    other.goto(f"{live_server.url}/{language}/consultation/rounds/{opened.pk}/submit/")  # reached directly
    assert other.locator("[data-participation=pending]").count() == 1
    check_page(other, f"submission-explained-{language}", screenshot_it=keyboard)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_readers_own_time_is_shown_beside_geneva_time(new_page, live_server, version, language):
    round = make_round(version)
    page = new_page(timezone="Asia/Tokyo")  # a delegate reading from Tokyo
    page.goto(f"{live_server.url}/{language}/consultation/rounds/{round.pk}/")
    local = page.locator(".local-time")
    assert local.count() == 2  # opens and closes; a script error would have failed the test
    in_tokyo = timezone.localtime(round.opens_at, ZoneInfo("Asia/Tokyo"))
    geneva = timezone.localtime(round.opens_at, ZoneInfo("Europe/Zurich"))
    assert in_tokyo.strftime("%I:%M") in local.first.inner_text()
    assert str(in_tokyo.day) in local.first.inner_text() and in_tokyo.hour != geneva.hour
    check_page(page, f"round-anonymous-{language}", screenshot_it=language == "ar")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_secretariat_finds_a_contribution_by_its_tracking_number(
    new_page, live_server, version, delegate, state_org, secretariat, language
):
    keyboard = language == "ar"
    round = make_round(version, premoderated_kinds=["member_state"])
    wanted, other = (post_comment(round, delegate, state_org, t) for t in ("The one asked about", "Another one"))
    page = new_page()
    sign_in(page, live_server, secretariat, f"/{language}/consultation/moderation/", language)  # with its TOTP
    field = page.locator("input[name=number]")
    typed = wanted.tracking_number.lower()
    if keyboard:
        tab_to(page, field)
        page.keyboard.type(typed)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        field.fill(typed)
        with page.expect_navigation():
            page.locator("main form.layout-tools button[type=submit]").click()
    items = page.locator(".queue-item")
    assert items.count() == 1 and "The one asked about" in items.inner_text()
    assert Comment.objects.count() == 2 and other.tracking_number not in page.locator("main").inner_text()
    check_page(page, f"moderation-by-number-{language}", screenshot_it=keyboard)
