"""Campaigns: the same text, or the same text lightly edited, sent by many accounts, found as
the comments arrive and over a whole round, grouped, and answered once.

The campaign texts are paragraphs of the Universal Declaration of Human Rights in the six
languages (tests/drafts/corpus, as published), sent as comments with the variations real
campaigns show; other paragraphs of the same text, sent alone, must stay apart."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from consultations import services
from consultations.models import Campaign, Comment, ModerationAction, ModerationDecision, ModerationState
from portal.models import OrganizationKind
from tests.consultations.fixtures import make_round
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "drafts" / "corpus"
LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh-hans"]
ARABIC_MARKS = "\u064e\u0650\u0651"


def paragraphs(language):
    """The long paragraphs of the Declaration's preamble and first articles, as published."""
    lines = (CORPUS / f"udhr.{language}.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if len(line) > 60]


def with_typos(text):
    """Two letters swapped in the third word, one letter doubled in the last word."""
    words = text.split(" ")
    if len(words) < 4:  # a script written without spaces: characters swapped instead
        return text[:10] + text[11] + text[10] + text[12:-5] + text[-5] + text[-5:]
    third = words[2]
    words[2] = third[1] + third[0] + third[2:] if len(third) > 2 else third
    words[-1] = words[-1][0] + words[-1]
    return " ".join(words)


def variations(language):
    """A campaign text and the ways its senders changed it; and texts on the same subject
    that are no part of it."""
    first, second, third, fourth, *others = paragraphs(language)
    base = f"{first} {second}"
    campaign = [
        base,
        base.upper() if language not in {"ar", "zh-hans"} else base.replace(" ", "  "),  # case, spacing
        base.replace(",", "").replace("،", "").replace(".", "!"),  # punctuation
        with_typos(base),
        f"{base} {fourth}",  # a sentence added
        f"{second} {first}",  # the sentences in another order
        f"{base}\n\n— Organisation 7, Geneva",  # another signature
    ]
    if language == "ar":  # diacritics and the tatweel do not make another text
        campaign.append(base.replace("ا", "ا" + ARABIC_MARKS[0]).replace("ل", "لـ"))
    apart = [third, others[0], f"{others[1]} {others[2]}"]
    return campaign, apart


def senders(count):
    """`count` people, each from their own NGO."""
    return [MembershipFactory(organization=OrganizationFactory(kind=OrganizationKind.NGO)) for _index in range(count)]


def send(round, membership, text, language="en"):
    return services.comment_create(
        round=round,
        author=membership.user,
        capacity_key=str(membership.organization_id),
        text=text,
        language=language,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_campaign_is_found_as_it_arrives_in_each_language(round, language):
    campaign_texts, apart_texts = variations(language)
    people = senders(len(campaign_texts) + len(apart_texts))
    sent = [
        send(round, person, text, language) for person, text in zip(people, campaign_texts + apart_texts, strict=False)
    ]
    members, others = sent[: len(campaign_texts)], sent[len(campaign_texts) :]
    campaign = Campaign.objects.get()
    assert set(campaign.members.values_list("pk", flat=True)) == {member.pk for member in members}
    assert campaign.size == len(members)
    assert campaign.representative_id == members[0].pk
    assert (campaign.first_at, campaign.last_at) == (members[0].created_at, members[-1].created_at)
    assert Comment.objects.filter(pk__in=[other.pk for other in others], campaign=None).count() == len(others)


def test_regrouping_a_round_finds_the_same_campaigns(round, secretariat):
    english, _apart = variations("en")
    french, apart = variations("fr")
    people = senders(len(english) + len(french) + len(apart))
    for person, text in zip(people, english + french + apart, strict=False):
        send(round, person, text)
    found_on_arrival = {frozenset(campaign.members.values_list("pk", flat=True)) for campaign in Campaign.objects.all()}
    assert len(found_on_arrival) == 2
    assert services.campaigns_regroup(round=round, by=secretariat) == 2
    assert {frozenset(c.members.values_list("pk", flat=True)) for c in Campaign.objects.all()} == found_on_arrival


def test_short_texts_and_replies_are_never_grouped(round):
    people = senders(3)
    first = send(round, people[0], "I support this paragraph.")
    send(round, people[1], "I support this paragraph.")
    services.comment_create(
        round=round,
        author=people[2].user,
        capacity_key=str(people[2].organization_id),
        text=paragraphs("en")[0],
        language="en",
        parent=first,
    )
    assert not Campaign.objects.exists()


def test_campaigns_stay_within_their_provision(round):
    provisions = list(round.version.provisions.filter(kind="paragraph"))
    text = paragraphs("en")[0]
    people = senders(2)
    for person, provision in zip(people, provisions, strict=True):
        services.comment_create(
            round=round,
            author=person.user,
            capacity_key=str(person.organization_id),
            text=text,
            language="en",
            provision=provision,
        )
    assert not Campaign.objects.exists()


@pytest.fixture
def held(version):
    return make_round(version, premoderated_kinds=["ngo"])


def held_campaign(round, size=3):
    text = paragraphs("en")[0]
    comments = [send(round, person, f"{text} {'!' * index}") for index, person in enumerate(senders(size))]
    return Campaign.objects.get(), comments


def test_one_decision_applies_to_every_member_and_each_is_logged(held, secretariat):
    campaign, comments = held_campaign(held)
    decided = services.campaign_decide(
        campaign=campaign, by=secretariat, action="publish", expected_revision=campaign.revision
    )
    assert len(decided) == 3
    assert set(Comment.objects.filter(campaign=campaign).values_list("state", flat=True)) == {"published"}
    logged = ModerationDecision.objects.filter(action="publish").values_list("comment_id", flat=True)
    assert sorted(logged) == sorted(comment.pk for comment in comments)


def test_a_decision_on_a_campaign_that_changed_since_it_was_shown_changes_nothing(held, secretariat):
    campaign, _comments = held_campaign(held)
    shown = campaign.revision
    send(held, senders(1)[0], paragraphs("en")[0])  # a member joins meanwhile
    with pytest.raises(ValidationError, match="changed since you saw it"):
        services.campaign_decide(campaign=campaign, by=secretariat, action="publish", expected_revision=shown)
    assert set(Comment.objects.values_list("state", flat=True)) == {ModerationState.PENDING}
    assert not ModerationDecision.objects.exists()


def test_a_member_taken_out_stands_alone_and_twice_is_refused(held, secretariat):
    campaign, comments = held_campaign(held, size=4)
    representative = comments[0]
    left = services.campaign_member_remove(
        campaign=campaign, comment=representative, by=secretariat, expected_revision=campaign.revision
    )
    representative.refresh_from_db()
    assert (representative.campaign_id, representative.kept_apart) == (None, True)
    assert (left.size, left.representative_id) == (3, comments[1].pk)
    assert ModerationDecision.objects.get(comment=representative).action == ModerationAction.UNGROUP
    with pytest.raises(ValidationError, match="no longer in this campaign"):
        services.campaign_member_remove(
            campaign=left, comment=representative, by=secretariat, expected_revision=left.revision
        )
    assert Campaign.objects.get().size == 3
    # Sent again by its author's colleague, the same text joins the campaign, not the one kept apart.
    send(held, senders(1)[0], paragraphs("en")[0])
    assert Campaign.objects.get().size == 4


def test_a_campaign_left_with_one_comment_is_dissolved(held, secretariat):
    campaign, comments = held_campaign(held, size=2)
    assert (
        services.campaign_member_remove(
            campaign=campaign, comment=comments[1], by=secretariat, expected_revision=campaign.revision
        )
        is None
    )
    assert not Campaign.objects.exists()
    assert Comment.objects.filter(campaign__isnull=False).count() == 0


def test_only_the_secretariat_decides_on_campaigns(held, drafter):
    from django.core.exceptions import PermissionDenied

    campaign, _comments = held_campaign(held)
    with pytest.raises(PermissionDenied):
        services.campaign_decide(campaign=campaign, by=drafter, action="publish", expected_revision=campaign.revision)
    with pytest.raises(PermissionDenied):
        services.campaigns_regroup(round=held, by=drafter)


def test_the_queue_shows_a_campaign_as_one_item_decided_at_once(client, held, secretariat):
    campaign, comments = held_campaign(held)
    alone = send(held, senders(1)[0], paragraphs("en")[5])
    client.force_login(secretariat)
    page = client.get("/en/consultation/moderation/").content.decode()
    assert page.count('id="item-comment-') == 2
    assert f'id="item-comment-{comments[0].pk}"' in page and f'id="item-comment-{alone.pk}"' in page
    assert "campaign of 3 comments" in page
    response = client.post(
        f"/en/consultation/moderation/campaigns/{campaign.pk}/decide/",
        {"action": "publish", "expected_revision": campaign.revision},
        follow=True,
    )
    assert "3 decisions recorded." in response.content.decode()
    assert Comment.objects.filter(state="published").count() == 3
    assert Comment.objects.get(pk=alone.pk).state == "pending"


def selected_in_queue(client):
    """What ticking every item's checkbox of the queue would send to the bulk form."""
    page = client.get("/en/consultation/moderation/").content.decode()
    selected = {}
    for name, value in re.findall(r'form="bulk-form" name="(items|campaigns)" value="([^"]+)"', page):
        selected.setdefault(name, []).append(value)
    return selected


def test_a_bulk_decision_on_a_campaign_item_decides_the_whole_campaign(client, held, secretariat):
    campaign, comments = held_campaign(held)
    alone = send(held, senders(1)[0], paragraphs("en")[5])
    client.force_login(secretariat)
    selected = selected_in_queue(client)
    response = client.post("/en/consultation/moderation/bulk/", {**selected, "action": "publish"}, follow=True)
    assert "4 decisions recorded." in response.content.decode()
    assert set(Comment.objects.values_list("state", flat=True)) == {"published"}
    logged = ModerationDecision.objects.filter(action="publish").values_list("comment_id", flat=True)
    assert sorted(logged) == sorted(comment.pk for comment in [*comments, alone])


def test_a_bulk_decision_on_a_campaign_that_changed_since_it_was_shown_changes_nothing(client, held, secretariat):
    held_campaign(held)
    send(held, senders(1)[0], paragraphs("en")[5])
    client.force_login(secretariat)
    selected = selected_in_queue(client)
    send(held, senders(1)[0], paragraphs("en")[0])  # a member joins meanwhile
    response = client.post("/en/consultation/moderation/bulk/", {**selected, "action": "publish"}, follow=True)
    assert "changed since you saw it" in response.content.decode()
    assert set(Comment.objects.values_list("state", flat=True)) == {ModerationState.PENDING}
    assert not ModerationDecision.objects.exists()


def test_an_edit_while_pending_moves_a_comment_out_of_its_campaign_and_into_another(held):
    campaign, comments = held_campaign(held)
    shown = campaign.revision
    alone = send(held, senders(1)[0], paragraphs("en")[5])
    services.comment_edit(comment=comments[0], by=comments[0].author, text=paragraphs("en")[6])
    campaign.refresh_from_db()
    assert (campaign.size, campaign.representative_id) == (2, comments[1].pk)
    assert campaign.revision > shown
    assert set(campaign.members.values_list("pk", flat=True)) == {comments[1].pk, comments[2].pk}
    services.comment_edit(comment=alone, by=alone.author, text=paragraphs("en")[0])
    campaign.refresh_from_db()
    assert campaign.size == 3 and Comment.objects.get(pk=alone.pk).campaign_id == campaign.pk
    assert Comment.objects.get(pk=comments[0].pk).campaign_id is None


def test_an_edit_after_publication_regroups_the_comment_once_the_secretariat_accepts_it(held, secretariat):
    campaign, comments = held_campaign(held, size=2)
    services.campaign_decide(campaign=campaign, by=secretariat, action="publish", expected_revision=campaign.revision)
    edited = comments[1]
    services.comment_edit(comment=edited, by=edited.author, text=paragraphs("en")[6])
    assert Comment.objects.get(pk=edited.pk).campaign_id == campaign.pk  # held: its published text stands
    services.moderation_decide(item=edited, by=secretariat, action="keep_edit", expected_state="published")
    assert not Campaign.objects.exists()  # left with one comment, the campaign is dissolved
    assert Comment.objects.filter(campaign__isnull=False).count() == 0
    # Sent again, the campaign's text joins the comment that still carries it, not the edited one.
    again = send(held, senders(1)[0], paragraphs("en")[0])
    assert set(again.campaign.members.values_list("pk", flat=True)) == {comments[0].pk, again.pk}


def test_the_campaign_page_shows_members_and_their_differences(client, held, secretariat):
    text = paragraphs("en")[0]
    people = senders(2)
    send(held, people[0], text)
    send(held, people[1], f"{text} We ask the Working Group to keep this paragraph.")
    campaign = Campaign.objects.get()
    client.force_login(secretariat)
    page = client.get(f"/en/consultation/moderation/campaigns/{campaign.pk}/").content.decode()
    assert "<ins>" in page and "Working Group" in page
    assert all(str(person.organization.name) in page for person in people)


def test_a_stale_decision_or_a_second_removal_through_the_pages_changes_nothing(client, held, secretariat):
    campaign, comments = held_campaign(held)
    client.force_login(secretariat)
    shown = campaign.revision
    send(held, senders(1)[0], paragraphs("en")[0])
    response = client.post(
        f"/en/consultation/moderation/campaigns/{campaign.pk}/decide/",
        {"action": "publish", "expected_revision": shown},
        follow=True,
    )
    assert "changed since you saw it" in response.content.decode()
    assert not Comment.objects.filter(state="published").exists()
    campaign.refresh_from_db()
    remove = f"/en/consultation/moderation/campaigns/{campaign.pk}/members/{comments[1].pk}/remove/"
    client.post(remove, {"expected_revision": campaign.revision})
    second = client.post(remove, {"expected_revision": campaign.revision + 1}, follow=True)
    assert "no longer in this campaign" in second.content.decode()
    assert Campaign.objects.get().size == 3


def test_participation_figures_show_campaigns_and_count_false_attributions_apart(client, round, ngo_member):
    from consultations.models import Flag, FlagKind
    from consultations.selectors.analytics import participation_figures

    text = paragraphs("en")[0]
    people = senders(3)
    sent = [send(round, person, text) for person in people]
    alone = send(round, senders(1)[0], paragraphs("en")[6])
    before = participation_figures(round=round, language="en")
    assert before["total"] == 4 and before["falsely_attributed"] == 0
    [campaign] = before["campaigns"]
    assert (campaign.size, campaign.kinds) == (3, {OrganizationKind.NGO: 3})
    assert (campaign.first_at, campaign.last_at) == (sent[0].created_at, sent[-1].created_at)
    assert sum(campaign.regions.values()) == 3
    Flag.objects.create(comment=alone, reporter=ngo_member, kind=FlagKind.FALSE_ATTRIBUTION, reason="Not us.")
    after = participation_figures(round=round, language="en")
    assert (after["total"], after["falsely_attributed"]) == (3, 1)
    page = client.get(f"/en/consultation/analytics/?round={round.pk}").content.decode()
    assert "1 contribution reported as falsely attributed is counted apart" in page
    assert 'id="chart-campaign-weeks-heading"' in page


def test_posting_stores_a_new_print_without_reading_or_deleting_one(version):
    """The posting path: a new comment has no print yet, so it is inserted, never looked up or
    replaced (an edit does that); its candidates are read in one statement."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    round = make_round(version)
    first, second = senders(2)
    text = paragraphs("en")[0]
    send(round, first, text)
    with CaptureQueriesContext(connection) as queries:
        comment = send(round, second, text)
    on_prints = [q["sql"] for q in queries if "commentprint" in q["sql"] or "commentband" in q["sql"]]
    assert not [sql for sql in on_prints if sql.startswith(("DELETE", "UPDATE"))], on_prints
    looked_up = 'WHERE "consultations_commentprint"."comment_id" = '
    assert not [sql for sql in on_prints if looked_up in sql], on_prints
    # The candidates sharing most band keys and their prints: one statement, not one each.
    assert len([sql for sql in on_prints if sql.startswith("SELECT")]) == 1, on_prints
    assert comment.campaign is not None  # still grouped with the first


def test_band_keys_are_kept_only_for_the_comments_a_newcomer_may_join(round):
    """A campaign of any size is found through its representative's band keys alone."""
    from consultations.models import CommentBand

    people = senders(4)
    sent = [send(round, person, paragraphs("en")[0]) for person in people[:3]]
    alone = send(round, people[3], paragraphs("en")[5])
    assert set(CommentBand.objects.values_list("comment_id", flat=True)) == {sent[0].pk, alone.pk}
    joining = send(round, senders(1)[0], paragraphs("en")[0])
    assert joining.campaign_id == Comment.objects.get(pk=sent[0].pk).campaign_id is not None
