"""What every browser journey needs, to reuse in any test of tests/e2e/.

Fixtures (tests/e2e/conftest.py):
    browser            Debian's Chromium driven by Playwright, launched once per test process;
                       missing, the tests fail (never skip).
    new_page(...)      a page in a fresh context: `new_page()`, `new_page(javascript=False)`,
                       `new_page(width=360)`, `new_page(timezone="Asia/Tokyo")`; a script error
                       on the page fails the test.
    Mark the module `pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]`
    and use pytest-django's `live_server`.

Helpers (this module):
    sign_in(page, live_server, user, next_path, language="en")
        through the real sign-in form; a staff account with a TOTP authenticator (tests/conftest.py
        `give_totp`, or the `secretariat`/`drafter` fixtures) also passes its second factor;
        both pages get check_page. With `next_path` None, no `next` is given: the page is then
        wherever the site lands that person.
    check_page(page, name, screenshot_it=False)
        the checks every visited state of a page gets (a page without JavaScript is checked as a
        copy of its document in a page that runs the checks): no duplicated `id`, no horizontal
        scrolling, zero WCAG 2.1 A and AA violations found by axe-core; with `screenshot_it`, a
        PNG kept as a test artifact in test-results/<name>.png.
    assert_accessible(page, name), assert_unique_ids(page, name), assert_no_horizontal_overflow(page, name),
    screenshot(page, name)
        the same checks one by one.
    tab_to(page, locator)
        presses Tab (as a keyboard-only person does) until `locator` has the focus, and fails
        after `limit` presses: proves the element is reachable by keyboard, in order.
    focused(page)
        a short description of the element that has the focus ("textarea#comment-form-p1-text").

axe-core comes from the pinned `axe-playwright-python` package (its bundled axe.min.js), run
with the tags wcag2a, wcag2aa, wcag21a and wcag21aa.
"""

import time
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from tests.conftest import TEST_TOTP_SECRET

PASSWORD = "a-long-test-password"  # tests/factories.py UserFactory
OUTPUT = Path(__file__).resolve().parents[2] / "test-results"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def totp_code(secret=TEST_TOTP_SECRET):
    """The code an authenticator app shows for `secret`, taken with at least 5 seconds left in its
    30 (as a person waits for the next code when the app's countdown is nearly over): a code sent
    as its period ends arrives in the next one and is refused."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page, live_server, user, next_path, language="en"):
    """Through the sign-in page (and the second-factor page of a staff account), both checked.
    With `next_path` None, the person lands where the site sends them after signing in."""
    page.goto(f"{live_server.url}/{language}/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    check_page(page, f"sign-in-{language}")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    if "/2fa/" in page.url:
        check_page(page, f"second-factor-{language}")
        page.fill("input[name=code]", totp_code())
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
    if next_path:
        page.wait_for_url(f"**{next_path}")


SCREENSHOT_MAX_HEIGHT = 6000  # pixels: the first screens of a page; a whole long text takes minutes


def screenshot(page, name):
    """The page's first screens (at most SCREENSHOT_MAX_HEIGHT pixels) as one PNG: the viewport is
    stretched to them and then put back, which Chromium does in seconds where a full-page capture
    of a long text takes minutes."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    viewport = page.viewport_size
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size(
        {"width": viewport["width"], "height": max(viewport["height"], min(height, SCREENSHOT_MAX_HEIGHT))}
    )
    try:
        page.screenshot(path=str(path), animations="disabled", timeout=60000)
    finally:
        page.set_viewport_size(viewport)
    return path


def assert_unique_ids(page, name=""):
    duplicated = page.evaluate(
        """() => {
            const seen = {};
            document.querySelectorAll("[id]").forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
            return Object.keys(seen).filter(id => seen[id] > 1);
        }"""
    )
    assert not duplicated, f"{name}: ids used more than once: {duplicated}"


# Elements a reader would see that are wider than the viewport or stand beyond either side of it
# (skip links and visually hidden text excepted), described "tag.class left…right".
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const hidden = (el) => el.closest('.visually-hidden, .skip-link, [hidden]');
  return [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && !hidden(el) && (box.right > width + 1 || box.left < -1);
  }).slice(0, 10).map((el) => {
    const box = el.getBoundingClientRect();
    return `${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.left)}…${Math.round(box.right)}`;
  });
}"""


def assert_no_horizontal_overflow(page, name=""):
    """Nothing scrolls sideways, and no element sticks out of the viewport (a cut line of text)."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{name}: the page scrolls sideways ({widths[0]}px wide in {widths[1]}px)"
    overflowing = page.evaluate(OVERFLOWING)
    assert not overflowing, f"{name}: elements stand out of the {widths[1]}px viewport: {overflowing}"


def assert_accessible(page, name=""):
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def scriptable(page):
    """The page itself, or, for a page without JavaScript (which cannot run the checks), the same
    document as it stands, in a page of the same browser that runs scripts but loads none of its
    own (only its stylesheets, for the colour and layout checks)."""
    if getattr(page, "javascript", True):
        return page
    copy = page.context.browser.new_page(java_script_enabled=True, viewport=page.viewport_size)
    html = page.content().replace("<head>", f'<head><base href="{page.url}">', 1)
    copy.route("**/*.js", lambda route: route.abort())
    copy.set_content(html, wait_until="load")
    return copy


def check_page(page, name, *, screenshot_it=False):
    """Every check a visited page state gets (see the module docstring)."""
    if screenshot_it:
        screenshot(page, name)
    checked = scriptable(page)
    try:
        assert_unique_ids(checked, name)
        assert_no_horizontal_overflow(checked, name)
        assert_accessible(checked, name)
    finally:
        if checked is not page:
            checked.close()


def focused(page):
    return page.evaluate(
        """() => { const e = document.activeElement;
            return e ? e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.name ? "[name=" + e.name + "]" : "") : ""; }"""
    )


def tab_to(page, locator, limit=250, key="Tab"):
    """Press Tab (or `key`) until `locator` is focused; fail after `limit` presses."""
    handle = locator.element_handle()
    for _press in range(limit):
        if page.evaluate("element => document.activeElement === element", handle):
            return
        page.keyboard.press(key)
    raise AssertionError(f"not reached by keyboard after {limit} presses of {key}: focus is on {focused(page)}")
