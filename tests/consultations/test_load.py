"""generate_load: reproducible synthetic data for the benchmarks, and its refusals."""

import pytest
from django.core.management import CommandError, call_command

from consultations import counts
from consultations.models import Comment, ModerationState, Round
from portal.models import Organization

pytestmark = pytest.mark.django_db


def generate(*arguments):
    call_command("generate_load", "--provisions", "6", "--comments", "300", "--organizations", "12", *arguments)


def test_generates_varied_data_with_exact_counts_once_per_seed(settings):
    settings.DEBUG = True
    generate("--seed", "4")
    comments = Comment.objects.filter(round__title_en="Load test round 4")
    assert comments.filter(parent=None).count() == 300 and comments.exclude(parent=None).exists()
    assert comments.values("language").distinct().count() == 6
    assert set(comments.values_list("state", flat=True)) >= {ModerationState.PUBLISHED, ModerationState.PENDING}
    assert Organization.objects.filter(name_en__startswith="Load organization 4-").values("kind").distinct().count() > 3
    assert counts.differences() == {}  # the bulk load recounted what it inserted
    generate("--seed", "4")  # idempotent per seed
    assert (
        Round.objects.filter(title_en="Load test round 4").count() == 1 and comments.filter(parent=None).count() == 300
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [("--comments", "-1"), ("--provisions", "0"), ("--organizations", "1000000000"), ("--comments", "100000000")],
)
def test_negative_or_absurd_sizes_are_refused(settings, option, value):
    settings.DEBUG = True
    with pytest.raises(CommandError, match=option):
        call_command("generate_load", option, value)
    assert not Comment.objects.exists()


def test_a_database_with_real_contributions_is_refused_without_force(settings, round, delegate, state_org):
    from consultations import services

    services.comment_create(
        round=round, author=delegate, capacity_key=str(state_org.pk), text="A real position.", language="en"
    )
    settings.DEBUG = False
    with pytest.raises(CommandError, match="real contributions"):
        generate("--seed", "5")
    assert not Round.objects.filter(title_en="Load test round 5").exists()
    generate("--seed", "5", "--force")
    assert Round.objects.filter(title_en="Load test round 5").exists()
