"""Tracking numbers and receipts: every contribution gets a number, unique across every kind,
issued at creation in the same transaction, never issued twice; shown to its author at once,
in the emailed receipt, and found by number in My contributions and the moderation queue."""

import importlib
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from consultations import services
from consultations.models import (
    Comment,
    QuestionnaireResponse,
    Submission,
    TrackingNumber,
    tracking_number_normalize,
)
from portal import outbox
from portal.models import OutgoingEmail
from tests.consultations.fixtures import answer_questionnaire, make_round, post_comment, post_submission

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"SOL-\d{4}-\d{6,}")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def a_pdf(name="views.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")


def every_kind(round, questionnaire, delegate, state_org, expert):
    comment = post_comment(round, delegate, state_org, "A comment")
    reply = post_comment(round, expert, None, "A reply", parent=comment)
    submission = post_submission(round, delegate, state_org, "Our views", [a_pdf()])
    qround = make_round(questionnaire=questionnaire)
    question = questionnaire.questions.first()
    response = answer_questionnaire(qround, delegate, state_org, {question.pk: "Yes"}, submit=True)
    return comment, reply, submission, response


def test_every_kind_of_contribution_gets_its_own_number_at_creation(round, questionnaire, delegate, state_org, expert):
    contributions = every_kind(round, questionnaire, delegate, state_org, expert)
    numbers = [c.tracking_number for c in contributions]
    assert all(NUMBER.fullmatch(n) for n in numbers) and len(set(numbers)) == 4
    stored = (
        list(Comment.objects.values_list("tracking_number", flat=True))
        + list(Submission.objects.values_list("tracking_number", flat=True))
        + list(QuestionnaireResponse.objects.values_list("tracking_number", flat=True))
    )
    assert sorted(stored) == sorted(numbers)
    # Each author is sent a receipt naming the number (the reply's author too).
    receipts = OutgoingEmail.objects.filter(kind="receipt")
    assert sorted(r.context["tracking_number"] for r in receipts) == sorted(numbers)
    assert receipts.get(context__tracking_number=contributions[1].tracking_number).recipient == expert


def test_a_refused_contribution_takes_no_number_and_a_number_is_never_issued_twice(round, delegate, state_org):
    with pytest.raises(ValidationError), transaction.atomic():
        post_comment(round, delegate, state_org, " ")
    assert not Comment.objects.exists()
    first = post_comment(round, delegate, state_org, "One")
    TrackingNumber.objects.create()  # issued, then its contribution failed: a gap, never a reuse
    second = post_comment(round, delegate, state_org, "Two")
    assert int(second.tracking_number.rsplit("-", 1)[1]) == int(first.tracking_number.rsplit("-", 1)[1]) + 2


def test_the_same_form_posted_twice_keeps_one_number(round, delegate, state_org):
    post = {"round": round, "author": delegate, "capacity_key": str(state_org.pk), "text": "Once", "language": "en"}
    assert services.comment_create(**post, client_token="t1") == services.comment_create(**post, client_token="t1")
    assert OutgoingEmail.objects.filter(kind="receipt").count() == 1


def test_the_receipt_email_names_the_number_in_the_authors_language(round, delegate, state_org):
    delegate.preferred_language = "ar"
    delegate.save()
    comment = services.comment_create(
        round=round, author=delegate, capacity_key=str(state_org.pk), text="نص التعليق", language="ar"
    )
    assert outbox.emails_send() == (1, 0)
    message = mail.outbox[0]
    assert comment.tracking_number in message.subject and comment.tracking_number in message.body
    assert "نص التعليق" in message.body and 'dir="rtl"' in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("SOL-2026-000123", "SOL-2026-000123"),
        (" sol-2026-123 ", "SOL-2026-000123"),
        ("SOL 2026 000123", "SOL-2026-000123"),
        ("SOL-2026-1234567", "SOL-2026-1234567"),
        ("2026-000123", ""),
        ("SOL-26-1", ""),
        ("<script>", ""),
        ("", ""),
    ],
)
def test_a_number_as_typed_is_read_in_its_one_written_form(typed, number):
    assert tracking_number_normalize(typed) == number


def test_my_contributions_find_one_by_its_number(client, round, delegate, state_org):
    first, second = (post_comment(round, delegate, state_org, text) for text in ("First words", "Second words"))
    client.force_login(delegate)
    html = client.get("/en/consultation/mine/").content.decode()
    assert first.tracking_number in html and second.tracking_number in html
    typed = first.tracking_number.lower().replace("-", " ")
    html = client.get("/en/consultation/mine/", {"number": typed}).content.decode()
    assert "First words" in html and "Second words" not in html
    html = client.get("/en/consultation/mine/", {"number": "nonsense"}).content.decode()
    assert "looks like SOL-2026-000123" in html


def test_the_moderation_queue_finds_any_contribution_by_its_number(client, version, delegate, state_org, secretariat):
    premoderated = make_round(version, premoderated_kinds=["member_state"])
    pending = post_comment(premoderated, delegate, state_org, "Waiting words")
    other = post_comment(premoderated, delegate, state_org, "Other words")
    services.moderation_decide(item=other, by=secretariat, action="publish", expected_state="pending")
    client.force_login(secretariat)
    html = client.get("/en/consultation/moderation/", {"number": other.tracking_number}).content.decode()
    assert "Other words" in html and "Waiting words" not in html  # published, still found by its number
    html = client.get("/en/consultation/moderation/", {"number": pending.tracking_number}).content.decode()
    assert "Waiting words" in html and "Other words" not in html
    response = client.get("/en/consultation/moderation/", {"number": "SOL-nothing"})
    assert response.status_code == 400 and "looks like SOL-2026-000123" in response.content.decode()


def test_the_migration_numbers_every_existing_contribution(round, delegate, state_org):
    from django.apps import apps

    made = [post_comment(round, delegate, state_org, t) for t in ("a", "b", "c")]
    Comment.objects.update(tracking_number=None)  # as they were before the migration
    migration = importlib.import_module("consultations.migrations.0009_tracking_numbers_and_follows")
    migration.issue_tracking_numbers(apps, None)
    numbers = list(Comment.objects.order_by("created_at", "pk").values_list("tracking_number", flat=True))
    assert all(NUMBER.fullmatch(n) for n in numbers) and len(set(numbers)) == len(made)
    assert sorted(numbers) == numbers  # in the order they came
    assert not set(numbers) & {c.tracking_number for c in made}  # new numbers: the old ones stay issued


def test_public_written_submissions_are_listed_with_their_documents(client, round, delegate, state_org, secretariat):
    submission = post_submission(
        round, delegate, state_org, "The written views of Brazil", [a_pdf("brazil.pdf")], confidentiality="public"
    )
    hidden = post_submission(
        round, delegate, state_org, "For the secretariat only", [a_pdf("secret.pdf")], confidentiality="secretariat"
    )
    url = f"/en/consultation/rounds/{round.pk}/submissions/"
    html = client.get(url).content.decode()
    assert "The written views of Brazil" in html and "brazil.pdf" in html and "For the secretariat only" not in html
    assert submission.state == hidden.state == "published"  # the round publishes at once
