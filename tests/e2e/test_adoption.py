"""Recording an adoption and reading it, in Debian's Chromium: the secretariat pastes the real
adoption block of Human Rights Council decision 16/118 (tests/drafts/corpus/), sees the preview
with a damaged name to decide, confirms, and the public page (result, chart, votes by regional
group, an explanation of vote) is read in English and in Arabic. Every state of every page is checked by axe-core
(WCAG 2.1 A/AA), for unique ids and for overflow, and screenshotted."""

import pytest

from drafts.models import Adoption
from portal.services import states_load
from tests.drafts.test_adoptions import english_block
from tests.factories import VersionFactory

from .toolkit import check_page, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_records_an_adoption_and_anyone_reads_it_in_english_and_arabic(
    live_server, new_page, secretariat
):
    states_load()
    version = VersionFactory(status="published", symbol="A/HRC/DEC/16/118")
    enter = f"/en/texts/{version.instrument.slug}/v{version.number}/adoption/"
    page = new_page()
    sign_in(page, live_server, secretariat, enter + "enter/")
    check_page(page, "adoption-form", screenshot_it=True)
    page.fill("textarea[name=block]", english_block().replace("Chile", "Chlie"))
    page.fill("input[name=session]", "16")
    # An explanation of vote made for the test (an invented address and label), to read on the page.
    page.fill("textarea[name=explanations]", "https://example.org/made-for-the-test | Cuba | Made for the test")
    with page.expect_navigation():
        page.click("button[name=preview]")
    check_page(page, "adoption-preview-with-a-decision", screenshot_it=True)
    assert page.locator("[role=alert]").inner_text().count("Chlie") == 1
    page.select_option("select[name^=state-]", label="Chile")
    with page.expect_navigation():
        page.click("button[name=preview]")
    assert page.locator("[role=alert]").count() == 0
    check_page(page, "adoption-preview-ready", screenshot_it=True)
    with page.expect_navigation():
        page.click("button[name=confirm]")
    page.wait_for_url(f"**{enter}")
    assert Adoption.objects.get().roles.filter(role="in_favour").count() == 32

    for language in ("en", "ar"):
        reader = new_page()
        reader.goto(f"{live_server.url}/{language}{enter[3:]}")
        check_page(reader, f"adoption-page-{language}", screenshot_it=True)
        assert reader.locator("svg[role=img] rect").count() > 0
        assert reader.locator("table.votes td").count() == 46
        link = reader.locator("ul.explanations a")
        assert (link.get_attribute("href"), link.inner_text()) == (
            "https://example.org/made-for-the-test",
            "Made for the test",
        )
        assert reader.locator("ul.explanations li").inner_text().startswith("كوبا" if language == "ar" else "Cuba")
        assert reader.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        reader.goto(f"{live_server.url}/{language}/texts/{version.instrument.slug}/votes/")
        check_page(reader, f"votes-over-resolutions-{language}", screenshot_it=True)
