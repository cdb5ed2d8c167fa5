"""bench/load.py (`python bench/generate_load.py`): reproducible synthetic data for the
benchmarks, and its refusals."""

import subprocess
import sys
from pathlib import Path

import pytest

from bench.load import LoadRefused, generate_load
from consultations.models import Comment, ModerationState, Round
from consultations.selectors import comment_count_differences
from portal.models import Organization
from tests.consultations.fixtures import post_comment

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def generate(**options):
    return generate_load(provisions=6, comments=300, organizations=12, **options)


def test_generates_varied_data_with_exact_counts_once_per_seed(settings):
    settings.DEBUG = True
    generate(seed=4)
    comments = Comment.objects.filter(round__title_en="Load test round 4")
    assert comments.filter(parent=None).count() == 300 and comments.exclude(parent=None).exists()
    assert comments.values("language").distinct().count() == 6
    assert set(comments.values_list("state", flat=True)) >= {ModerationState.PUBLISHED, ModerationState.PENDING}
    assert Organization.objects.filter(name_en__startswith="Load organization 4-").values("kind").distinct().count() > 3
    assert comment_count_differences() == {}  # the bulk load recounted what it inserted
    assert generate(seed=4) is None  # idempotent per seed
    assert (
        Round.objects.filter(title_en="Load test round 4").count() == 1 and comments.filter(parent=None).count() == 300
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [("comments", -1), ("provisions", 0), ("organizations", 1_000_000_000), ("comments", 100_000_000)],
)
def test_negative_or_absurd_sizes_are_refused(settings, option, value):
    settings.DEBUG = True
    with pytest.raises(LoadRefused, match=f"--{option}"):
        generate_load(**{option: value})
    assert not Comment.objects.exists()


def test_a_database_with_real_contributions_is_refused_without_force(settings, round, delegate, state_org):
    post_comment(round, delegate, state_org, "A real position.")
    settings.DEBUG = False
    with pytest.raises(LoadRefused, match="real contributions"):
        generate(seed=5)
    assert not Round.objects.filter(title_en="Load test round 5").exists()
    generate(seed=5, force=True)
    assert Round.objects.filter(title_en="Load test round 5").exists()


def test_the_command_line_refuses_absurd_sizes_with_a_message():
    """`python bench/generate_load.py` checks its arguments before it touches any database."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate_load.py"), "--comments", "-1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert done.returncode == 1 and "--comments must be between" in done.stderr
