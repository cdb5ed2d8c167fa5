"""The moderator's campaign journey, in a real browser, in English and in Arabic: several
accredited organizations send nearly the same comment to a pre-moderated round; the secretariat
(signed in with its second factor) sees them as one item in the queue, opens the campaign,
takes one member out, publishes the others with one decision, and readers find the published
comments from the round's page. Every page state visited is checked by tests/e2e/toolkit.py
(axe-core WCAG 2.1 A/AA, unique ids, no sideways scrolling).

The campaign text is a paragraph of the Universal Declaration of Human Rights, as published
(tests/drafts/corpus)."""

import pytest

from consultations.models import Campaign, Comment, ModerationDecision
from tests.consultations.fixtures import make_round
from tests.consultations.test_campaigns import paragraphs, send, senders

from .toolkit import check_page, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_secretariat_answers_a_campaign_once(new_page, live_server, version, secretariat, language):
    held = make_round(version, title_en="Campaign round", premoderated_kinds=["ngo"])
    text = paragraphs("en")[0]
    signatures = ["", "\n\nGeneva", "\n\nNairobi", "\n\nBangkok"]
    sent = [send(held, person, text + signature) for person, signature in zip(senders(4), signatures, strict=True)]
    campaign = Campaign.objects.get()
    assert campaign.size == 4
    taken_out = sent[-1]

    queue = f"/{language}/consultation/moderation/"
    page = new_page()
    sign_in(page, live_server, secretariat, queue, language)

    # The four comments are one item of the queue.
    items = page.locator("li.queue-item")
    assert items.count() == 1
    assert "4" in items.first.locator(".badge").first.inner_text()
    check_page(page, f"queue-with-a-campaign-{language}", screenshot_it=language == "ar")

    # The campaign's page lists its members and their differences; one is taken out.
    items.first.locator(f"a[href$='/moderation/campaigns/{campaign.pk}/']").click()
    page.wait_for_url(f"**/moderation/campaigns/{campaign.pk}/")
    assert page.locator("tbody tr").count() == 4
    check_page(page, f"campaign-{language}", screenshot_it=language == "ar")
    page.locator(f"#member-{taken_out.pk} form button[type=submit]").click()
    page.locator(".messages, [role=status], .message").first.wait_for()
    assert page.locator("tbody tr").count() == 3
    assert page.locator(f"#member-{taken_out.pk}").count() == 0
    taken_out.refresh_from_db()
    assert (taken_out.campaign_id, taken_out.kept_apart) == (None, True)
    check_page(page, f"campaign-after-taking-one-out-{language}")

    # One decision publishes the three left, each logged; the one taken out still waits.
    page.locator("form[data-action=publish] button[type=submit]").click()
    page.locator(".messages, [role=status], .message").first.wait_for()
    assert set(Comment.objects.filter(pk__in=[c.pk for c in sent[:3]]).values_list("state", flat=True)) == {"published"}
    assert sorted(ModerationDecision.objects.filter(action="publish").values_list("comment_id", flat=True)) == sorted(
        c.pk for c in sent[:3]
    )
    assert Comment.objects.get(pk=taken_out.pk).state == "pending"
    check_page(page, f"campaign-published-{language}")

    # A reader, signed out, finds the round's page counting the published comments and opens them.
    page = new_page()
    page.goto(f"{live_server.url}/{language}/consultation/rounds/{held.pk}/")
    bar = page.locator("#bar-general a")
    assert "3" in bar.inner_text()
    check_page(page, f"round-with-a-published-campaign-{language}")
    bar.click()
    page.locator(f"#comments-general #comment-{sent[0].pk}").wait_for()
    for comment in sent[:3]:
        assert text[:60] in page.locator(f"#comments-general #comment-{comment.pk}").inner_text()
    assert page.locator(f"#comment-{taken_out.pk}").count() == 0
    check_page(page, f"round-comments-after-the-campaign-{language}", screenshot_it=language == "ar")
