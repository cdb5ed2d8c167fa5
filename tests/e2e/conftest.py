"""Fixtures of the browser tests; the helpers they use are in tests/e2e/toolkit.py (read its
docstring first)."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # in between are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, once per test process. Missing, it fails the tests: never a skip."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(javascript=True, width=1280, height=900, timezone="Europe/Zurich"): a page in a
    fresh browser context (its own cookies, the reader's time zone), closed after the test. Script errors on the page fail the test."""
    contexts, errors = [], []

    def make(*, javascript=True, width=1280, height=900, timezone="Europe/Zurich"):
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": height}, timezone_id=timezone
        )
        contexts.append(context)
        page = context.new_page()
        page.javascript = javascript  # read by toolkit.check_page
        page.set_default_timeout(15000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"script errors on the page: {errors}"
