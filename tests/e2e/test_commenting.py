"""Writing, in a real browser (Debian's Chromium driven by Playwright), as a delegate, an NGO
focal point and an independent expert would: each journey in English with the mouse and in
Arabic with the keyboard only, with and without JavaScript where it matters. Every page state
visited is checked by tests/e2e/toolkit.py: unique ids, no sideways scrolling, zero WCAG 2.1 A
and AA violations (axe-core), with panels open and forms in error; the Arabic pages are kept as
screenshots in test-results/."""

import re

import pytest

from consultations.models import Comment, CoSignatureStatus
from portal.models import MembershipRole, OrganizationKind, OutgoingEmail
from tests.consultations.fixtures import make_round, post_comment
from tests.factories import MembershipFactory, OrganizationFactory

from .toolkit import check_page, sign_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TRACKING_NUMBER = re.compile(r"SOL-\d{4}-\d{6,}")
LANGUAGES = ["en", "ar"]


def round_path(language, round):
    return f"/{language}/consultation/rounds/{round.pk}/"


def open_panel(page, key, *, keyboard):
    link = page.locator(f"#{key} .comment-bar a" if key != "general" else "#general-comments a.button")
    if keyboard:
        tab_to(page, link)
        page.keyboard.press("Enter")
    else:
        link.click()
    page.locator(f"#comments-{key} > form.comment-form").wait_for()
    return page.locator(f"#comments-{key}")


def main_form(panel):
    """The panel's form for a new comment (reply forms sit inside the comments)."""
    return panel.locator(":scope > form.comment-form")


def send(page, form, *, keyboard):
    button = form.locator("button[type=submit]").last
    if keyboard:
        tab_to(page, button)
        page.keyboard.press("Enter")
    else:
        button.click()


def type_into(page, field, text, *, keyboard):
    if keyboard:
        tab_to(page, field)
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(text)  # as a paste would
    else:
        field.fill(text)


def wait_for_focus_on(page, selector):
    page.wait_for_function(
        "selector => document.activeElement && document.activeElement.matches(selector)", arg=selector
    )


@pytest.fixture
def premoderated(version):
    return make_round(version, premoderated_kinds=["member_state"])


@pytest.fixture
def open_round(version):
    return make_round(version)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comment_and_an_amendment_are_received_with_their_tracking_numbers(
    new_page, live_server, premoderated, delegate, language
):
    keyboard = language == "ar"
    provision = premoderated.version.provisions.get(label="1")
    page = new_page()
    sign_in(page, live_server, delegate, round_path(language, premoderated), language)
    panel = open_panel(page, provision.key, keyboard=keyboard)
    check_page(page, f"comment-panel-open-{language}")
    form = main_form(panel)
    type_into(page, form.locator("textarea[name=text]"), "Brazil supports this paragraph.", keyboard=keyboard)
    send(page, form, keyboard=keyboard)
    receipt = panel.locator(".receipt")
    receipt.wait_for()
    wait_for_focus_on(page, ".receipt")  # not lost to <body>: the next Tab goes on from here
    first = Comment.objects.get()
    assert first.tracking_number in receipt.inner_text() and TRACKING_NUMBER.fullmatch(first.tracking_number)
    assert "1" in page.locator(f"#bar-{provision.key} .positions").inner_text()  # the counts under it, too
    check_page(page, f"comment-received-{language}", screenshot_it=keyboard)

    form = main_form(panel)
    kind = form.locator("select[name=kind]")
    if keyboard:
        tab_to(page, kind)
        page.keyboard.press("ArrowDown")  # Comment -> Proposed amendment
    else:
        kind.select_option("amendment")
    assert kind.input_value() == "amendment"
    type_into(page, form.locator("textarea[name=text]"), "A clearer wording.", keyboard=keyboard)
    wording = "Everyone has the inalienable right to international solidarity."
    type_into(page, form.locator("textarea[name=proposed_text]"), wording, keyboard=keyboard)
    send(page, form, keyboard=keyboard)
    page.wait_for_selector(f"#comments-{provision.key} ins")
    assert panel.locator("ins").first.inner_text().strip() == "inalienable"
    assert panel.locator(".badge--pending").count() == 2
    assert list(Comment.objects.order_by("pk").values_list("kind", "state")) == [
        ("comment", "pending"),
        ("amendment", "pending"),
    ]
    numbers = list(Comment.objects.values_list("tracking_number", flat=True))
    assert len(set(numbers)) == 2 and all(TRACKING_NUMBER.fullmatch(number) for number in numbers)
    receipts = OutgoingEmail.objects.filter(recipient=delegate, kind="receipt")
    assert sorted(r.context["tracking_number"] for r in receipts) == sorted(numbers)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_reply_is_posted_and_an_error_keeps_the_typed_reply(
    new_page, live_server, open_round, delegate, ngo, ngo_member, language, javascript
):
    keyboard = language == "ar"
    provision = open_round.version.provisions.get(label="1")

    question = post_comment(
        open_round, ngo_member, ngo, "How does this paragraph bind States?", provision=provision, kind="question"
    )
    page = new_page(javascript=javascript)
    sign_in(page, live_server, delegate, round_path(language, open_round), language)
    if javascript:
        panel = open_panel(page, provision.key, keyboard=keyboard)
    else:  # the link leads to a page of the provision's comments
        link = page.locator(f"#{provision.key} .comment-bar a")
        if keyboard:
            tab_to(page, link)
            page.keyboard.press("Enter")
        else:
            link.click()
        page.wait_for_url(f"**/comments/{provision.key}/")
        panel = page.locator(f"#comments-{provision.key}")
    thread = panel.locator(f"#comment-{question.pk}")
    summary = thread.locator("details.comment__reply > summary")
    if keyboard:
        tab_to(page, summary)
        page.keyboard.press("Enter")
    else:
        summary.click()
    form = page.locator(f"#reply-{question.pk}")  # in place with JavaScript, on a page of its own without
    check_page(page, f"reply-open-{language}-{javascript}")
    too_long = "ب" * 5001 if keyboard else "b" * 5001
    type_into(page, form.locator("textarea[name=text]"), too_long, keyboard=keyboard)
    send(page, form, keyboard=keyboard)
    summary_box = page.locator(".error-summary")
    summary_box.wait_for()
    wait_for_focus_on(page, ".error-summary")
    assert "5000" in summary_box.inner_text() or "5,000" in summary_box.inner_text()
    kept = form.locator("textarea[name=text]")
    assert kept.input_value() == too_long  # what was typed is kept, never cut
    assert kept.get_attribute("aria-invalid") == "true"
    check_page(page, f"reply-in-error-{language}-{javascript}", screenshot_it=keyboard)
    assert Comment.objects.count() == 1

    type_into(page, kept, "Through the duty to cooperate.", keyboard=keyboard)
    send(page, form, keyboard=keyboard)
    if javascript:
        page.locator(f"#comments-{provision.key} .receipt").wait_for()
    else:
        page.wait_for_url(f"**/comments/{provision.key}/")
    check_page(page, f"reply-sent-{language}-{javascript}")
    reply = Comment.objects.get(parent=question)
    assert reply.text == "Through the duty to cooperate." and reply.kind == "comment"
    assert page.locator(f"#comment-{reply.pk}").inner_text().count("Through the duty to cooperate.") == 1
    assert OutgoingEmail.objects.filter(recipient=ngo_member, kind="reply").exists()
    if not javascript:  # the back button, then Send again (the same form): still one reply
        page.go_back()
        if form.count():
            if not form.is_visible():
                page.locator(f"#comment-{question.pk} details.comment__reply > summary").click()
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
        assert Comment.objects.filter(parent=question).count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_blank_and_over_long_comments_are_refused_with_the_text_kept(
    new_page, live_server, open_round, delegate, language
):
    keyboard = language == "ar"
    provision = open_round.version.provisions.get(label="2")
    page = new_page()
    sign_in(page, live_server, delegate, round_path(language, open_round), language)
    panel = open_panel(page, provision.key, keyboard=keyboard)
    form = main_form(panel)
    text = form.locator("textarea[name=text]")
    counter = panel.locator(".counter").first
    assert text.get_attribute("maxlength") is None  # nothing is ever cut by the browser

    for typed in ("", "   \n  "):
        type_into(page, text, typed, keyboard=keyboard)
        send(page, form, keyboard=keyboard)
        wait_for_focus_on(page, ".error-summary")
        link = page.locator(".error-summary a").first
        assert link.get_attribute("href") == f"#{text.get_attribute('id')}"  # names the field, leads to it
        form = main_form(panel)
        text = form.locator("textarea[name=text]")
    check_page(page, f"comment-empty-{language}")

    type_into(page, text, "x" * 4600, keyboard=keyboard)
    counter = panel.locator(".counter").first
    assert "counter--near" in counter.get_attribute("class")
    over = ("ق" if keyboard else "q") * 6000
    type_into(page, text, over, keyboard=keyboard)
    assert "counter--over" in counter.get_attribute("class") and "1" in counter.inner_text()
    send(page, form, keyboard=keyboard)
    wait_for_focus_on(page, ".error-summary")
    assert "6000" in page.locator(".error-summary").inner_text()
    text = main_form(panel).locator("textarea[name=text]")
    assert text.input_value() == over
    check_page(page, f"comment-over-long-{language}", screenshot_it=keyboard)

    type_into(page, text, "Bell\u0007 in the text", keyboard=keyboard)
    send(page, main_form(panel), keyboard=keyboard)
    wait_for_focus_on(page, ".error-summary")
    assert main_form(panel).locator("textarea[name=text]").input_value() == "Bell\u0007 in the text"
    assert not Comment.objects.exists()

    form = main_form(panel)
    type_into(page, form.locator("textarea[name=text]"), "States shall cooperate, and say how.", keyboard=keyboard)
    form.locator("button[type=submit]").last.dblclick()  # a double click stores one comment
    panel.locator(".receipt").wait_for()
    page.wait_for_timeout(300)
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_cosigning_is_requested_then_accepted_by_the_other_organization(
    new_page, live_server, open_round, delegate, state_org, language
):
    keyboard = language == "ar"
    cyprus = OrganizationFactory(
        name_en="Cyprus",
        name_ar="قبرص",
        kind=OrganizationKind.MEMBER_STATE,
        country="CY",
        regional_group="asia_pacific",
    )
    cypriot = MembershipFactory(organization=cyprus, role=MembershipRole.DELEGATE).user
    provision = open_round.version.provisions.get(label="1")
    page = new_page()
    sign_in(page, live_server, delegate, round_path(language, open_round), language)
    panel = open_panel(page, provision.key, keyboard=keyboard)
    form = main_form(panel)
    type_into(page, form.locator("textarea[name=text]"), "A joint view of Brazil and Cyprus.", keyboard=keyboard)
    query = form.locator("input[name=cosigner_query]")
    if keyboard:
        tab_to(page, query)
        page.keyboard.type("قبرص" if language == "ar" else "Cyprus")
        page.keyboard.press("Enter")  # finds, sends nothing
    else:
        query.fill("Cyp")
        form.locator("button[name=find_cosigners]").click()
    box = panel.locator("input[name=cosigners]")
    box.wait_for()
    wait_for_focus_on(page, ".cosigner-results")
    assert main_form(panel).locator("textarea[name=text]").input_value() == "A joint view of Brazil and Cyprus."
    check_page(page, f"cosigners-found-{language}")
    if keyboard:
        tab_to(page, box)
        page.keyboard.press("Space")
    else:
        box.check()
    assert box.is_checked()
    assert not Comment.objects.exists()
    send(page, main_form(panel), keyboard=keyboard)
    panel.locator(".receipt").wait_for()
    comment = Comment.objects.get()
    cosignature = comment.cosignatures.get()
    assert cosignature.organization == cyprus and cosignature.status == CoSignatureStatus.REQUESTED
    assert OutgoingEmail.objects.filter(recipient=cypriot, kind="cosign_request").exists()

    other = new_page()
    sign_in(other, live_server, cypriot, f"/{language}/consultation/mine/", language)
    request = other.locator(f"#cosignature-{cosignature.pk}")
    assert "A joint view of Brazil and Cyprus." in request.inner_text()
    check_page(other, f"cosign-request-{language}", screenshot_it=keyboard)
    join = request.locator("button[value=confirm]")
    with other.expect_navigation():
        if keyboard:
            tab_to(other, join)
            other.keyboard.press("Enter")
        else:
            join.click()
    cosignature.refresh_from_db()
    assert cosignature.status == CoSignatureStatus.CONFIRMED and cosignature.decided_by == cypriot
    check_page(other, f"cosign-accepted-{language}")
    other.goto(f"{live_server.url}/{language}/consultation/rounds/{open_round.pk}/comments/{provision.key}/")
    check_page(other, f"provision-comments-page-{language}")
    assert (
        "Cyprus" in other.locator(f"#comment-{comment.pk}").inner_text()
        or "قبرص" in other.locator(f"#comment-{comment.pk}").inner_text()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_that_ended_while_typing_loses_nothing(new_page, live_server, open_round, delegate, language):
    keyboard = language == "ar"
    provision = open_round.version.provisions.get(label="1")
    page = new_page()
    sign_in(page, live_server, delegate, round_path(language, open_round), language)
    panel = open_panel(page, provision.key, keyboard=keyboard)
    words = "A long thought, typed while the session ended."
    type_into(page, main_form(panel).locator("textarea[name=text]"), words, keyboard=keyboard)
    page.context.clear_cookies(name="sessionid")
    send(page, main_form(panel), keyboard=keyboard)
    wait_for_focus_on(page, ".error-summary")
    form = main_form(panel)
    assert form.locator("textarea[name=text]").input_value() == words
    check_page(page, f"session-ended-{language}")
    assert not Comment.objects.exists()

    tab = page.context.new_page()  # signs in again in another tab, as the message says
    sign_in(tab, live_server, delegate, f"/{language}/consultation/mine/", language)
    tab.close()
    send(page, form, keyboard=keyboard)
    panel.locator(".receipt").wait_for()
    assert Comment.objects.get().text == words
