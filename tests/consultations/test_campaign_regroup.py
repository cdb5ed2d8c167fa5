"""Regrouping a whole round reads and writes in bulk: the number of statements it sends does
not grow with the number of comments (a round of a million is regrouped in minutes, see
bench/campaigns.py), and reading or writing in smaller chunks finds the same campaigns.

The comments are loaded in bulk, as a migration or an import would store them: without prints,
which the regrouping makes. Campaign texts are paragraphs of the Universal Declaration of Human
Rights as published (tests/drafts/corpus); the comments written apart are random draws of its
words."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import services
from consultations.models import Campaign, Comment, CommentBand, CommentPrint
from consultations.services import campaigns as campaign_service
from portal.models import User
from tests.consultations.test_campaigns import paragraphs, senders

pytestmark = pytest.mark.django_db


def load(round, count):
    """`count` comments stored without prints: two campaigns of count // 4 members each (a
    paragraph sent as it is or with a signature), the others each written apart. Returns the
    two campaigns' member ids in arrival order."""
    rng = random.Random(count)
    texts = paragraphs("en")
    vocabulary = sorted({word for text in texts for word in text.split()})
    author = senders(1)[0].user
    planned, comments, start = ([], []), [], timezone.now() - timedelta(days=1)
    for number in range(count):
        campaign = number % 4 if number % 4 < 2 else None
        if campaign is None:
            text = " ".join(rng.choice(vocabulary) for _ in range(40))
        else:
            text = texts[campaign] + (f" — Organisation {number}" if number % 3 else "")
        comments.append(
            Comment(
                round=round,
                version_id=round.version_id,
                text=text,
                language="en",
                author=author,
                created_at=start + timedelta(seconds=number),
            )
        )
    for number, comment in enumerate(Comment.objects.bulk_create(comments)):
        if number % 4 < 2:
            planned[number % 4].append(comment.pk)
    return planned


def found():
    return [
        list(c.members.order_by("created_at", "pk").values_list("pk", flat=True))
        for c in Campaign.objects.order_by("pk")
    ]


def regrouped(round, by):
    """The statements of a regrouping that makes every print, and of one that reads them (by
    a person just signed in each time: the permission's look-ups are counted alike)."""
    with CaptureQueriesContext(connection) as printing:
        assert services.campaigns_regroup(round=round, by=User.objects.get(pk=by.pk)) == 2
    with CaptureQueriesContext(connection) as reading:
        assert services.campaigns_regroup(round=round, by=User.objects.get(pk=by.pk)) == 2
    return len(printing), len(reading)


@pytest.mark.parametrize("count", [20, 200])
def test_a_regrouping_finds_the_campaigns_of_comments_loaded_in_bulk(round, secretariat, count):
    planned = load(round, count)
    assert services.campaigns_regroup(round=round, by=secretariat) == 2
    assert found() == list(planned)
    first = Campaign.objects.get(representative_id=planned[0][0])
    members = Comment.objects.filter(pk__in=planned[0])
    assert first.size == len(planned[0])
    assert (first.first_at, first.last_at) == (
        members.get(pk=planned[0][0]).created_at,
        members.get(pk=planned[0][-1]).created_at,
    )
    assert CommentPrint.objects.count() == count
    # Band keys: for the comments a newcomer may join (the two representatives, and each comment
    # standing alone), as the posting path keeps them.
    standing = set(Comment.objects.values_list("pk", flat=True)) - set(planned[0][1:]) - set(planned[1][1:])
    assert set(CommentBand.objects.values_list("comment_id", flat=True)) == standing


def test_the_statements_of_a_regrouping_do_not_grow_with_the_comments(version, secretariat):
    from tests.consultations.fixtures import make_round

    small, large = make_round(version), make_round(version)
    load(small, 20)
    load(large, 200)
    assert regrouped(small, secretariat) == regrouped(large, secretariat)


def test_smaller_chunks_find_the_same_campaigns(round, secretariat, monkeypatch):
    planned = load(round, 60)
    monkeypatch.setattr(campaign_service, "PRINT_CHUNK", 7)
    monkeypatch.setattr(campaign_service, "READ_CHUNK", 3)
    monkeypatch.setattr(campaign_service, "MEMBER_CHUNK", 4)
    assert services.campaigns_regroup(round=round, by=secretariat) == 2
    assert found() == list(planned)
    assert CommentBand.objects.count() == (30 + 2) * 32
