"""The kept comment counts (consultations.counts) always equal a count of the comments: after
every kind of write, in any order, and with writers racing (PostgreSQL). The version page reads
them, so a drift would show readers a wrong number of comments."""

import random
import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from consultations import selectors, services
from consultations.capacities import PERSONAL
from consultations.models import Comment, CommentCount, Confidentiality, Position
from drafts.models import Provision
from tests.consultations.fixtures import post_comment
from tests.factories import MembershipFactory

from .fixtures import make_round

pytestmark = pytest.mark.django_db


def counted_by_hand(user, version):
    """The count the page showed before counts were kept: the visible comments themselves."""
    rows = (
        selectors.comment_list_visible(
            user=user, queryset=Comment.objects.filter(version=version, parent=None, withdrawn_at=None)
        )
        .values("provision_id", "position")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table = {}
    for row in rows:
        entry = table.setdefault(row["provision_id"], {"support": 0, "oppose": 0, "neutral": 0, "total": 0})
        entry[row["position"]] += row["n"]
        entry["total"] += row["n"]
    return table


def shown(table):
    return {provision: dict(values) for provision, values in table.items() if values["total"]}


def test_every_kind_of_write_in_any_order_keeps_the_counts_exact(
    version, delegate, state_org, ngo, ngo_member, expert, secretariat
):
    premoderated = make_round(version, premoderated_kinds=["ngo"])
    open_round = make_round(version)
    paragraphs = list(Provision.objects.filter(version=version).order_by("position")) + [None]
    writers = [(delegate, state_org, open_round), (ngo_member, ngo, premoderated), (expert, None, open_round)]
    reporters = [MembershipFactory(organization=ngo).user for _ in range(3)]
    rng = random.Random(20261123)
    made = []
    for step in range(120):
        operation = rng.choice(
            ["create", "create", "reply", "edit", "withdraw", "publish", "reject", "hide", "spam", "flag"]
        )
        try:
            if operation in ("create", "reply") or not made:
                author, organization, round = rng.choice(writers)
                parent = rng.choice(made) if operation == "reply" and made else None
                made.append(
                    services.comment_create(
                        round=parent.round if parent else round,
                        author=author,
                        capacity_key=str(organization.pk) if organization else PERSONAL,
                        text=f"Comment {step}",
                        language="en",
                        position=rng.choice(Position.values),
                        provision=None if parent else rng.choice(paragraphs),
                        parent=parent,
                        confidentiality=rng.choice(Confidentiality.values),
                    )
                )
                continue
            item = Comment.objects.get(pk=rng.choice(made).pk)
            if operation == "edit":
                services.comment_edit(
                    comment=item, by=item.author, text=f"Edited at {step}", position=rng.choice(Position.values)
                )
            elif operation == "withdraw":
                services.comment_withdraw(comment=item, by=item.author)
            elif operation == "flag":
                for reporter in reporters:
                    services.comment_flag(comment=item, by=reporter, reason="Off topic")
            else:
                services.moderation_decide(
                    item=item, by=secretariat, action=operation, expected_state=item.state, reason_text="Reason"
                )
        except (ValidationError, PermissionDenied):
            pass  # a write the rules refuse (already withdrawn, wrong state…) changes nothing
        assert selectors.comment_count_differences() == {}, f"after step {step} ({operation})"
    assert len(made) > 30 and CommentCount.objects.exists()
    for reader in (AnonymousUser(), delegate, ngo_member, expert, secretariat):
        assert shown(selectors.comment_counts_for_reader(user=reader, version=version)) == counted_by_hand(
            reader, version
        )


def test_recount_command_repairs_and_check_reports(round, delegate, state_org, capsys):
    paragraph = Provision.objects.get(version=round.version, label="1")
    post_comment(round, delegate, state_org, "Counted", provision=paragraph)
    CommentCount.objects.update(n=7)  # as if someone changed the table by hand
    with pytest.raises(SystemExit):
        call_command("recount_comments", "--check")
    assert "kept 7, actually 1" in capsys.readouterr().out
    call_command("recount_comments")
    assert selectors.comment_count_differences() == {}
    call_command("recount_comments", "--check")
    assert "exact" in capsys.readouterr().out


def test_the_page_counts_come_from_the_kept_counts(client, round, delegate, state_org):
    paragraph = Provision.objects.get(version=round.version, label="1")
    for n in range(3):
        post_comment(round, delegate, state_org, f"C{n}", provision=paragraph, position=Position.SUPPORT)
    assert selectors.comment_counts_for_reader(user=delegate, version=round.version)[paragraph.pk] == {
        "support": 3,
        "oppose": 0,
        "neutral": 0,
        "total": 3,
    }
    assert client.get(f"/en/consultation/rounds/{round.pk}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_writers_racing_on_one_provision_lose_no_count(version, role_user):
    """Sixteen writers post to the same paragraph at once, and half then move their comment
    to another position: the counts still equal the comments (PostgreSQL runs them truly
    concurrently; SQLite's test database takes one writer, so there they run in turn)."""
    round = make_round(version)
    paragraph = Provision.objects.get(version=version, label="1")
    writers = [MembershipFactory().user for _ in range(16)]
    organizations = {writer.pk: writer.memberships.get().organization_id for writer in writers}
    concurrent = connection.vendor != "sqlite"
    barrier = threading.Barrier(len(writers)) if concurrent else None
    errors = []

    def write(writer, index):
        try:
            if barrier:
                barrier.wait()
            comment = services.comment_create(
                round=round,
                author=writer,
                capacity_key=str(organizations[writer.pk]),
                text=f"Racing {index}",
                language="en",
                provision=paragraph,
            )
            if index % 2:
                services.comment_edit(comment=comment, by=writer, text="Moved", position=Position.OPPOSE)
        except Exception as error:  # recorded, so that a crash fails the test instead of vanishing
            errors.append(repr(error))
        finally:
            if concurrent:
                connection.close()

    if concurrent:
        threads = [threading.Thread(target=write, args=(writer, index)) for index, writer in enumerate(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        for index, writer in enumerate(writers):
            write(writer, index)
    assert errors == []
    assert selectors.comment_count_differences() == {}
    assert selectors.comment_counts_for_reader(user=writers[0], version=version)[paragraph.pk] == {
        "support": 0,
        "oppose": 8,
        "neutral": 8,
        "total": 16,
    }
