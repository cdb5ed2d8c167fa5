"""The reading, comparison and side-by-side pages in Arabic and Chinese, on a desktop and on a
390-pixel phone, in Debian's Chromium: no element overflows the viewport, axe-core finds no
WCAG 2.1 A/AA violation, and a screenshot of each is kept in test-results/.

The texts are real UN documents: the Universal Declaration of Human Rights as published in
Arabic and Chinese (tests/drafts/corpus/), and the demo's French draft resolution of the Human
Rights Council (two versions: as OCR'd, and corrected) and Arabic report A/68/176."""

import pytest

from drafts import services
from drafts.demo import texts_load
from drafts.importer import import_bytes
from tests.drafts.test_import_corpus import CORPUS

from .toolkit import check_page, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAIRED_KINDS = ("preamble", "article", "paragraph", "subparagraph")


def udhr_in_arabic_and_chinese(by):
    """The Declaration imported from its Arabic text, with the Chinese text of each preambular
    paragraph, article, paragraph and sub-paragraph that the two printed texts number alike
    (the proclamation formula is split differently, so it stays untranslated: shown missing)."""
    arabic = import_bytes((CORPUS / "udhr.ar.txt").read_bytes(), "udhr.ar.txt", "ar")
    instrument = services.instrument_create(by=by, slug="udhr", title=arabic.title, language="ar")
    version = services.version_import(
        instrument=instrument, by=by, document=arabic, language="ar", label="الإعلان العالمي لحقوق الإنسان"
    )
    chinese = import_bytes((CORPUS / "udhr.zh-hans.txt").read_bytes(), "udhr.zh-hans.txt", "zh-hans")
    paths = {}
    for parsed in chinese.provisions:
        if parsed.kind in PAIRED_KINDS:
            paths[(parsed.kind, parsed.label, parsed.parent)] = parsed.text
    for provision in version.provisions.select_related("parent").order_by("position"):
        parent = provision.parent.label if provision.parent else None
        text = paths.get((provision.kind, provision.label, parent))
        if text:
            services.provision_update(provision=provision, by=by, base_revision=provision.revision, text_zh_hans=text)
    return services.version_publish(version=version, by=by, untranslated_ok=True)


@pytest.fixture
def texts(drafter):
    texts_load(by=drafter)
    udhr = udhr_in_arabic_and_chinese(drafter)
    first_article = udhr.provisions.filter(kind="article").order_by("position").first()
    return {
        "reading": "/texts/udhr/v1/",
        "side-by-side": f"/texts/udhr/v1/?text=ar&beside=zh-hans#{first_article.key}",
        "report-beside-french": "/texts/ie-report-2013/v1/?beside=fr",
        "comparison": "/texts/hrc53-international-cooperation/compare/?from=1&to=2",
    }


@pytest.mark.parametrize("language", ["ar", "zh-hans"])
def test_reading_pages_fit_the_screen_and_pass_axe(new_page, live_server, texts, language):
    problems = []
    for device, viewport in VIEWPORTS.items():
        page = new_page(**viewport)
        for name, path in texts.items():
            response = page.goto(f"{live_server.url}/{language}{path}")
            assert response.status == 200, f"{language}{path}: {response.status}"
            assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
            try:
                check_page(page, f"reading-{name}-{language}-{device}", screenshot_it=True)
            except AssertionError as problem:
                problems.append(str(problem))
    assert not problems, "\n".join(problems)


def test_side_by_side_pairs_each_provision_and_stacks_on_a_phone(new_page, live_server, texts):
    page = new_page(**VIEWPORTS["desktop"])
    page.goto(f"{live_server.url}/ar{texts['side-by-side']}")
    pairs = page.locator(".pair:not(.pair--head)")
    assert pairs.count() > 60
    for index in (5, 30, pairs.count() - 1):  # both cells of a row start at the same height
        cells = pairs.nth(index).locator(":scope > article")
        assert cells.nth(0).get_attribute("lang") == "ar" and cells.nth(0).get_attribute("dir") == "rtl"
        assert cells.nth(1).get_attribute("lang") == "zh-hans" and cells.nth(1).get_attribute("dir") == "ltr"
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert abs(first["y"] - second["y"]) < 1 and first["x"] > second["x"]  # Arabic on the right
    page.set_viewport_size(VIEWPORTS["phone"])
    cells = pairs.nth(30).locator(":scope > article")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # stacked: the Chinese under the Arabic
    screenshot(page, "reading-side-by-side-ar-phone-stacked")
