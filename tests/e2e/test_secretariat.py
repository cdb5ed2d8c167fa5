"""The secretariat's day, in a real browser, in English and in Arabic: it signs in and lands on its
console, sets a round up with its audiences (a mistake first, kept and explained), moderates from
the console, and closes a round left open on a superseded version; and anyone, without signing
in, reads how proposed amendments were handled. Every page state visited is checked by
tests/e2e/toolkit.py (axe-core WCAG 2.1 A/AA, unique ids, no sideways scrolling)."""

import pytest

from consultations import services
from consultations.models import Comment, Round, RoundState
from drafts import services as text_services
from tests.consultations.fixtures import make_round, post_comment

from .toolkit import check_page, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_secretariat_sets_up_a_round_moderates_and_closes_a_superseded_one(
    new_page, live_server, version, drafter, secretariat, delegate, state_org, ngo, ngo_member, language
):
    held = make_round(version, title_en="First round", premoderated_kinds=["ngo"])
    post_comment(held, ngo_member, ngo, "Our view on the text.")
    console = f"/{language}/consultation/console/"
    page = new_page()
    sign_in(page, live_server, secretariat, console, language)
    check_page(page, f"console-{language}", screenshot_it=language == "ar")

    # Set up a round: a closing date before the opening is explained, and what was typed is kept.
    page.locator(f"a[href='/{language}/consultation/rounds/new/']").first.click()
    page.wait_for_url("**/rounds/new/")
    page.fill("#id_title", "Second round")
    page.select_option("#id_version", str(version.pk))
    page.fill("#id_opens_at", "2030-03-02T09:00")
    page.fill("#id_closes_at", "2030-03-01T09:00")
    page.check("input[name=audience_kinds][value=member_state]")
    page.check("input[name=audience_kinds][value=ngo]")
    page.check("input[name=premoderated_kinds][value=ngo]")
    page.locator("form.round-form button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    assert page.input_value("#id_title") == "Second round"
    assert page.is_checked("input[name=premoderated_kinds][value=ngo]")
    check_page(page, f"round-form-in-error-{language}", screenshot_it=language == "ar")
    page.fill("#id_closes_at", "2030-04-30T18:00")
    with page.expect_navigation():
        page.locator("form.round-form button[type=submit]").click()
    created = (
        Round.objects.get(title_en="Second round") if language == "en" else Round.objects.get(title_ar="Second round")
    )
    page.wait_for_url(f"**/consultation/rounds/{created.pk}/")
    assert (created.audience_kinds, created.premoderated_kinds) == (["member_state", "ngo"], ["ngo"])

    # Moderate from the console: the figure leads to the queue, where the item is published.
    page.goto(live_server.url + console)
    page.locator(f"a[href='/{language}/consultation/moderation/?state=pending']").click()
    item = page.locator("li", has_text="Our view on the text.").last
    item.locator("form[data-action=publish] button[type=submit]").click()
    page.locator(".messages, [role=status], .message").first.wait_for()
    assert Comment.objects.get().state == "published"
    check_page(page, f"queue-after-a-decision-{language}")

    # Version 2 is published: the console shows the rounds left on version 1, and closes one.
    later = text_services.version_copy(version=version, by=drafter, label="Revised text")
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    page.goto(live_server.url + console)
    check_page(page, f"console-superseded-{language}", screenshot_it=language == "ar")
    page.locator("div.console-round", has_text="First round").locator("form[action$='/close/'] button").click()
    page.wait_for_url(f"**{console}")
    assert Round.objects.get(pk=held.pk).state == RoundState.CLOSED
    assert page.locator("div.console-round", has_text="First round").count() == 0
    check_page(page, f"console-after-closing-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_anyone_reads_how_proposed_amendments_were_handled(
    new_page, live_server, version, drafter, delegate, state_org, language
):
    round = make_round(version)
    provision = version.provisions.get(label="1")
    amendment = post_comment(
        round,
        delegate,
        state_org,
        "A clearer wording.",
        provision=provision,
        kind="amendment",
        proposed_text="Everyone has the inalienable right to international solidarity.",
    )
    services.amendment_decide(comment=amendment, by=drafter, outcome="accepted", note="Taken over.")
    later = text_services.version_copy(version=version, by=drafter, label="Revised text")
    same = later.provisions.get(key=provision.key)
    services.amendments_trace(version=later, amendment_ids_by_provision={same.pk: [amendment.pk]}, by=drafter)
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)

    page = new_page()
    page.goto(f"{live_server.url}/{language}/texts/{version.instrument.slug}/v1/")
    page.locator(f"a[href$='/amendments/{version.instrument.slug}/v1/record/']").click()
    page.wait_for_url("**/record/")
    record = page.locator(f"#amendment-{amendment.pk}")
    assert "Everyone has the inalienable right to international solidarity." in record.inner_text()
    assert "Taken over." in record.inner_text()
    link = record.locator(f"a[href$='/v2/#{same.anchor}']")
    assert link.count() == 1
    check_page(page, f"record-of-handling-{language}", screenshot_it=language == "ar")
