"""The drafter's journey in the drafting workspace, in a real browser (Debian's Chromium driven
by Playwright), in English and in Arabic: sign in and land on the drafting workspace, import a
text from the web and correct its structure in the preview, edit a provision in two more
languages in place, move a provision up (the articles are renumbered), give the version its
symbol and its title in one more language, publish with a changelog after being told which
languages are missing, make a new version with its label and find it on the drafting
workspace, restore an earlier revision after confirming.
Every page state visited is checked by tests/e2e/toolkit.py (axe-core WCAG 2.1 A/AA, unique
ids, no sideways scrolling). The text is the Universal Declaration of Human Rights as the UN
publishes it (tests/drafts/corpus/)."""

from pathlib import Path

import pytest

from drafts import services
from drafts.importer import import_bytes
from drafts.models import Version, VersionStatus

from .toolkit import check_page, sign_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CORPUS = Path(__file__).resolve().parents[1] / "drafts" / "corpus"


def article_text(language, label):
    document = import_bytes((CORPUS / f"udhr.{language}.txt").read_bytes(), "udhr.txt", language)
    return next(p.text for p in document.provisions if p.label == label)


def provision(version, text):
    return version.provisions.get(text_en=text)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_drafters_journey(live_server, new_page, drafter, language):
    instrument = services.instrument_create(by=drafter, slug="udhr", title="Universal Declaration of Human Rights")
    page = new_page()
    base = f"/{language}/texts/udhr"
    # Signed in, the drafter lands on the drafting workspace: nothing in editing yet, it says
    # what to do, and links to the import of a first version.
    sign_in(page, live_server, drafter, None, language=language)
    assert page.url == f"{live_server.url}/{language}/drafting/"
    check_page(page, f"workspace-home-empty-{language}")
    with page.expect_navigation():
        page.locator(f"main a[href='{base}/import/']").click()

    # Import from the web, then correct the structure: "Now, therefore, the General Assembly
    # proclaims…" is one sentence the importer read as three headings.
    check_page(page, f"workspace-import-{language}")
    page.set_input_files("input[name=document]", str(CORPUS / "udhr.en.txt"))
    page.select_option("select[name=language]", "en")
    page.fill("input[name=label]", "Universal Declaration of Human Rights")
    page.locator("#import-form button[type=submit]").click()
    page.wait_for_url("**/import/*/")
    check_page(page, f"workspace-preview-{language}", screenshot_it=language == "ar")
    page.check("#join-9")
    page.check("#join-10")
    with page.expect_navigation():
        page.locator("button[value=apply]").click()
    assert page.locator("#text-8").input_value().startswith("Now, therefore, The General Assembly Proclaims")
    with page.expect_navigation():
        page.locator("button[value=save]").click()
    page.wait_for_url(f"**{base}/v1/")
    version = instrument.versions.get()
    assert version.status == VersionStatus.EDITING
    assert version.provisions.filter(kind="heading").count() == 2
    check_page(page, f"workspace-version-{language}")

    # Edit Article 1 in place (htmx), adding its Arabic and French texts.
    first = provision(version, article_text("en", "Article 1"))
    page.locator(f"#{first.key} .provision-tools a").first.click()
    form = page.locator(f"#{first.key} #provision-form")
    form.wait_for()
    check_page(page, f"workspace-edit-in-place-{language}")
    form.locator("textarea[name=text_ar]").fill(article_text("ar", "Article 1"))
    form.locator("textarea[name=text_fr]").fill(article_text("fr", "Article 1"))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    first.refresh_from_db()
    assert (first.text_ar, first.text_fr) == (article_text("ar", "Article 1"), article_text("fr", "Article 1"))

    # Move Article 2 up, by keyboard: the articles are renumbered.
    second = provision(version, article_text("en", "Article 2"))
    up = page.locator(f"#{second.key} button[value=up]")
    tab_to(page, up, limit=600)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.label, first.label) == ("Article 1", "Article 2")
    check_page(page, f"workspace-moved-{language}")

    # The version's particulars: its symbol (A/RES/217(III), as the General Assembly adopted it)
    # and its title in one more language, then seen on the version's page.
    with page.expect_navigation():
        page.locator(f"a[href='{base}/v1/particulars/']").click()
    check_page(page, f"workspace-particulars-{language}", screenshot_it=language == "ar")
    other = "fr" if language == "en" else "ar"
    title = (CORPUS / f"udhr.{other}.txt").read_text().splitlines()[0].strip()
    page.fill("input[name=symbol]", "A/RES/217(III)")
    page.fill(f"input[name=title_{other}]", title)
    with page.expect_navigation():
        page.locator("#particulars-form button[type=submit]").click()
    page.wait_for_url(f"**{base}/v1/")
    assert page.locator(".version-meta").first.inner_text().count("A/RES/217(III)") == 1
    page.goto(f"{live_server.url}{base}/v1/?text={other}")
    assert page.locator("h2.document-title").first.inner_text() == title
    version.refresh_from_db()
    assert (version.symbol, version.value_in("title", other)) == ("A/RES/217(III)", title)

    # Publish with a changelog; the page says which languages are missing and asks.
    page.locator(f"a[href='{base}/v1/publish/']").click()
    page.wait_for_url(f"**{base}/v1/publish/")
    check_page(page, f"workspace-publish-{language}", screenshot_it=language == "ar")
    page.fill("textarea[name=changelog]", "Articles 1 and 2 exchanged.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    check_page(page, f"workspace-publish-refused-{language}")
    version.refresh_from_db()
    assert version.status == VersionStatus.EDITING
    page.check("input[name=untranslated_ok]")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    version.refresh_from_db()
    assert (version.status, version.changelog_en) == (VersionStatus.PUBLISHED, "Articles 1 and 2 exchanged.")

    # A new version from this one, with its label.
    page.locator(f"a[href='{base}/v1/new-version/']").click()
    page.wait_for_url(f"**{base}/v1/new-version/")
    check_page(page, f"workspace-new-version-{language}")
    page.fill("input[name=label]", "Revised text")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{base}/v2/")
    new = Version.objects.get(instrument=instrument, number=2)
    assert (new.label_en, new.status) == ("Revised text", VersionStatus.EDITING)

    # Version 2 is listed on the drafter's own page, and leads to its workspace.
    with page.expect_navigation():
        page.locator(f"nav a[href='/{language}/drafting/']").click()
    check_page(page, f"workspace-home-{language}")
    with page.expect_navigation():
        page.locator(f"main table a[href='{base}/v2/']").click()
    page.wait_for_url(f"**{base}/v2/")

    # Restore: an edit in version 2, then the earlier revision back, after confirming.
    copy = new.provisions.get(key=first.key)
    services.provision_update(provision=copy, by=drafter, base_revision=copy.revision, text_fr="")
    page.goto(f"{live_server.url}{base}/v2/{copy.key}/history/")
    check_page(page, f"workspace-history-{language}")
    page.locator("a[href*='/restore/']").first.click()
    page.wait_for_url("**/restore/")
    check_page(page, f"workspace-restore-{language}", screenshot_it=language == "ar")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    copy.refresh_from_db()
    assert copy.text_fr == article_text("fr", "Article 1")
