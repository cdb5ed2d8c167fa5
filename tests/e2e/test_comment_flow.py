"""In a real browser (Debian's Chromium, driven by Playwright): a delegate signs in, opens a
provision's comments, posts a comment and an amendment and sees them pending; then the same
in Arabic, by keyboard only, with a screenshot of the right-to-left page."""

import os
import shutil
from pathlib import Path

import pytest

from consultations.models import Comment
from tests.consultations.conftest import delegate, make_round, state_org, version  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-results"
PASSWORD = "a-long-test-password"


@pytest.fixture(scope="module", autouse=True)
def allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # in between are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def premoderated_round(version):
    return make_round(version, premoderated_kinds=["member_state"])


def sign_in(page, base, language, email, next_path):
    page.goto(f"{base}/{language}/accounts/login/?next={next_path}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{next_path}")


def test_delegate_comments_and_amends_then_sees_them_pending(browser, live_server, premoderated_round, delegate):
    round = premoderated_round
    provision = round.version.provisions.get(label="1")
    page = browser.new_page()
    sign_in(page, live_server.url, "en", delegate.email, f"/en/consultation/rounds/{round.pk}/")

    page.click(f"#{provision.key} .comment-bar a")
    form = page.locator(f"#comments-{provision.key} form.comment-form").first
    form.locator("textarea[name=text]").fill("Brazil supports this paragraph.")
    form.locator("select[name=position]").select_option("support")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#comments-{provision.key} >> text=will appear once the secretariat has reviewed it")

    form = page.locator(f"#comments-{provision.key} form.comment-form").last
    form.locator("select[name=kind]").select_option("amendment")
    form.locator("textarea[name=text]").fill("A clearer wording.")
    form.locator("textarea[name=proposed_text]").fill("Everyone has the inalienable right to international solidarity.")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#comments-{provision.key} >> text=A clearer wording.")

    comments = page.locator(f"#comments-{provision.key} .comment")
    assert comments.count() == 2
    assert page.locator(f"#comments-{provision.key} .badge--pending").count() == 2
    assert page.locator(f"#comments-{provision.key} ins").first.inner_text().strip() == "inalienable"
    assert list(Comment.objects.order_by("pk").values_list("kind", "state")) == [
        ("comment", "pending"),
        ("amendment", "pending"),
    ]


def test_the_same_in_arabic_by_keyboard_with_a_screenshot(browser, live_server, premoderated_round, delegate):
    round = premoderated_round
    provision = round.version.provisions.get(label="1")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    sign_in(page, live_server.url, "ar", delegate.email, f"/ar/consultation/rounds/{round.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    link = page.locator(f"#{provision.key} .comment-bar a")
    link.focus()
    page.keyboard.press("Enter")
    textarea = page.locator(f"#comments-{provision.key} textarea[name=text]").first
    textarea.wait_for()
    textarea.focus()
    page.keyboard.type("تؤيد البرازيل هذه الفقرة.")
    counter = page.locator(f"#comments-{provision.key} .counter").first
    assert counter.inner_text().strip() != ""  # the live counter answers as one types
    submit = page.locator(f"#comments-{provision.key} form.comment-form button[type=submit]").first
    submit.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#comments-{provision.key} .badge--pending")

    page.locator(f"#{provision.key}").scroll_into_view_if_needed()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "round-ar-rtl.png"), full_page=False)
    # Right-to-left layout: the site's title stands to the right of the language switcher, and
    # the comment form (in the interface language) runs right to left.
    title_box = page.locator(".site-title").bounding_box()
    switcher_box = page.locator(".languages").bounding_box()
    assert title_box["x"] > switcher_box["x"]
    assert (
        page.evaluate(f"getComputedStyle(document.querySelector('#comments-{provision.key} form')).direction") == "rtl"
    )
    assert Comment.objects.get().text == "تؤيد البرازيل هذه الفقرة."
