"""The campaign figures of `make bench` (issue 20), on the bench's PostgreSQL, also runnable
alone under scripts/with-postgres: `python bench/campaigns.py [comments] [--record]`
(`--record` puts the figures in bench/results.json and rewrites bench/results.md).

A round of BENCH_CAMPAIGN_COMMENTS [1,000,000] comments is loaded by COPY (bench/load.py;
not timed): campaigns of various sizes (2 to 20,000 comments, each member a variation of its
text: words changed, a sentence added, a signature, sentences in another order) mixed with
comments that are each written apart, on three provisions, stored without prints as a bulk
import would store them.

1. The full regrouping of that round through the real service
   (services.campaigns_regroup, in this one process): reading the texts, making and writing
   every print and band key, grouping, writing the campaigns and memberships back. Target:
   ≤ 10 minutes on 2 cores; the groups found are checked against the campaigns made, and the
   process's peak memory growth is recorded.
2. The time campaign detection adds to posting one comment into that round: the real posting
   service (services.comment_create), BENCH_CAMPAIGN_POSTS [300] posts with the detection and
   as many without it, interleaved, half of them variations of the round's campaigns (which
   then join a campaign of up to 20,000 members), half written apart. The detection's own
   call (campaign_find with its queries, inside the post's transaction) is timed in each post
   with it: median and 95th percentile. Target: ≤ 5 ms.

The texts are paragraphs of the Universal Declaration of Human Rights as published
(tests/drafts/corpus/udhr.en.txt); the comments written apart are random draws of its words."""

import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_REGROUP_SECONDS = 600
TARGET_POST_MS = 5.0
SIZES = (20_000, 5_000, 1_000, 200, 50, 10, 2)  # campaign sizes, each used several times
SEED = 9120  # of the round's instrument, organizations and delegates (bench/load.py)
POSTS = int(os.environ.get("BENCH_CAMPAIGN_POSTS") or 300)


def corpus():
    lines = (ROOT / "tests" / "drafts" / "corpus" / "udhr.en.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if len(line) > 80]


def variation(text, rng, vocabulary, paragraphs):
    words = text.split()
    change = rng.randrange(4)
    if change == 0:  # two words changed
        for _ in range(2):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
    elif change == 1:  # a sentence added
        words += rng.choice(paragraphs).split()[:12]
    elif change == 2:  # a signature
        words += ["—", rng.choice(vocabulary).capitalize(), str(rng.randrange(10_000))]
    else:  # sentences in another order
        middle = len(words) // 2
        words = words[middle:] + words[:middle]
    return " ".join(words)


def synthetic_round(total, seed=2020):
    """[(id, scope, text)] in arrival order, and {campaign number: member ids}."""
    rng = random.Random(seed)
    paragraphs = corpus()
    vocabulary = sorted({word for line in paragraphs for word in line.split()})
    campaigns, members, planned = {}, {}, 0
    for number, size in enumerate(s for s in SIZES * 4):
        if planned + size > total // 2:
            continue
        base = " ".join(
            paragraphs[number % len(paragraphs)].split() + paragraphs[(number * 7 + 3) % len(paragraphs)].split()
        )
        campaigns[number] = (base, size)
        planned += size
    slots = [number for number, (_base, size) in campaigns.items() for _ in range(size)]
    slots += [None] * (total - len(slots))
    rng.shuffle(slots)
    comments = []
    for pk, number in enumerate(slots, start=1):
        scope = 1 + pk % 3 if number is None else 1 + number % 3
        if number is None:
            text = " ".join(rng.choice(vocabulary) for _ in range(40))
        else:
            base, _size = campaigns[number]
            text = base if rng.random() < 0.5 else variation(base, rng, vocabulary, paragraphs)
            members.setdefault(number, []).append(pk)
        comments.append((pk, scope, text))
    return comments, members


def peak_rss_mb():
    """The process's resident-set high-water mark (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_round(comments):
    """The bench round (instrument, three provisions, delegates from bench/load.py) with
    `comments` stored by COPY in arrival order, one second apart. Returns the round, its
    provisions, the delegates and the comment ids in arrival order."""
    from django.db import connection

    from bench.load import UNTOUCHED_COMMENT, _insert, generate
    from consultations.models import CommentKind, Confidentiality, ModerationState, Position, Round
    from portal.models import Membership

    generate(provisions=3, comments=0, organizations=50, seed=SEED)
    round = Round.objects.get(title_en=f"Load test round {SEED}")
    provisions = list(round.version.provisions.order_by("position"))
    people = list(Membership.objects.filter(organization__name_en__startswith=f"Load organization {SEED}-"))
    start = round.opens_at
    rows = []
    for pk, scope, text in comments:
        member = people[pk % len(people)]
        created = start + timedelta(seconds=pk)
        rows.append(
            {
                "round_id": round.pk,
                "version_id": round.version_id,
                "provision_id": provisions[scope - 1].pk,
                "parent_id": None,
                "depth": 0,
                "kind": CommentKind.COMMENT,
                "position": Position.NEUTRAL,
                "text": text,
                "proposed_text": "",
                "language": "en",
                "author_id": member.user_id,
                "organization_id": member.organization_id,
                "confidentiality": Confidentiality.PUBLIC,
                "state": ModerationState.PUBLISHED,
                "created_at": created,
                "updated_at": created,
                **UNTOUCHED_COMMENT,
            }
        )
        if len(rows) == 20_000:
            _insert(rows)
            rows = []
    _insert(rows)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) consultations_comment")  # as autovacuum would after a bulk load
    arrival = list(round.comments.order_by("created_at", "pk").values_list("pk", flat=True))
    return round, provisions, people, arrival


def secretariat_officer():
    """A secretariat officer with a second factor, who may regroup campaigns."""
    import base64

    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from portal import roles
    from portal.models import User

    user = User.objects.create(email=f"campaigns-{uuid.uuid4().hex[:8]}@example.invalid", password="!", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=roles.SECRETARIAT)[0])
    TOTP.activate(user, base64.b32encode(os.urandom(20)).decode())
    return user


def regroup_figure(round, planned, arrival):
    """services.campaigns_regroup on the whole round, timed, with its two phases apart."""
    from consultations.models import Comment
    from consultations.services import campaigns as campaign_service

    officer = secretariat_officer()
    making = campaign_service._prints_make
    phases = {}

    def timed_prints_make(round):
        started = time.perf_counter()
        making(round)
        phases["prints_seconds"] = round_to(time.perf_counter() - started)

    campaign_service._prints_make = timed_prints_make
    before = peak_rss_mb()
    Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from here
    started = time.perf_counter()
    try:
        found_count = campaign_service.campaigns_regroup(round=round, by=officer)
    finally:
        campaign_service._prints_make = making
    seconds = time.perf_counter() - started
    growth = peak_rss_mb() - before
    members = {}
    for campaign_id, pk in Comment.objects.filter(round=round, campaign__isnull=False).values_list("campaign_id", "pk"):
        members.setdefault(campaign_id, set()).add(pk)
    found = {frozenset(group) for group in members.values()}
    exact = sum(1 for group in planned.values() if frozenset(arrival[pk - 1] for pk in group) in found)
    return {
        "comments": len(arrival),
        "campaigns_made": len(planned),
        "campaign_comments": sum(len(m) for m in planned.values()),
        "groups_found": found_count,
        "campaigns_found_exactly": exact,
        "largest_group": max((len(m) for m in members.values()), default=0),
        **phases,
        "grouping_and_writing_seconds": round_to(seconds - phases["prints_seconds"]),
        "seconds": round_to(seconds),
        "peak_rss_growth_mb": round_to(growth),
        "processes": 1,
        "target_seconds": TARGET_REGROUP_SECONDS,
        "met": seconds <= TARGET_REGROUP_SECONDS,
    }


def round_to(value, digits=1):
    return round(value, digits)


def post_figure(round, provisions, people, campaign_texts):
    """POSTS posts through services.comment_create with the detection, POSTS without it,
    interleaved; the detection's own call timed inside each post that has it. `campaign_texts`:
    (scope, text) of a member of each campaign of the round."""
    from consultations import services
    from consultations.services import comments as comment_service

    rng = random.Random(7)
    paragraphs = corpus()
    vocabulary = sorted({word for line in paragraphs for word in line.split()})
    real_find = comment_service.campaign_find
    detection, with_it, without_it = [], [], []

    def timed_find(**kwargs):
        started = time.perf_counter()
        found = real_find(**kwargs)
        detection.append((time.perf_counter() - started) * 1000)
        return found

    try:
        for n in range(2 * POSTS):
            if n % 4 < 2:  # half the posts: a variation of a campaign's text, which joins it
                scope, text = rng.choice(campaign_texts)
                text = variation(text, rng, vocabulary, paragraphs)
            else:
                scope, text = rng.randrange(1, 4), " ".join(rng.choice(vocabulary) for _ in range(40))
            member = people[n % len(people)]
            detecting = n % 2 == 0
            comment_service.campaign_find = timed_find if detecting else (lambda **kwargs: None)
            started = time.perf_counter()
            services.comment_create(
                round=round,
                author=member.user,
                capacity_key=str(member.organization_id),
                text=text,
                language="en",
                provision=provisions[scope - 1],
                client_token=uuid.uuid4().hex,
            )
            (with_it if detecting else without_it).append((time.perf_counter() - started) * 1000)
    finally:
        comment_service.campaign_find = real_find
    median = statistics.median(detection)
    return {
        "posts_with_detection": len(with_it),
        "posts_without": len(without_it),
        "detection_median_ms": round_to(median, 2),
        "detection_p95_ms": round_to(statistics.quantiles(detection, n=20)[-1], 2),
        "post_median_ms_with_detection": round_to(statistics.median(with_it), 2),
        "post_median_ms_without": round_to(statistics.median(without_it), 2),
        "post_p95_ms_with_detection": round_to(statistics.quantiles(with_it, n=20)[-1], 2),
        "post_p95_ms_without": round_to(statistics.quantiles(without_it, n=20)[-1], 2),
        "target_ms": TARGET_POST_MS,
        "met": median <= TARGET_POST_MS,
    }


def campaign_figures(total=None):
    """Load the round, regroup it, post into it (needs the bench's PostgreSQL: DATABASE_URL)."""
    total = total or int(os.environ.get("BENCH_CAMPAIGN_COMMENTS") or 1_000_000)
    comments, planned = synthetic_round(total)
    load_average = round_to(os.getloadavg()[0], 2)
    started = time.perf_counter()
    round, provisions, people, arrival = load_round(comments)
    loading = round_to(time.perf_counter() - started)
    regroup = regroup_figure(round, planned, arrival)
    post = post_figure(round, provisions, people, [comments[members[0] - 1][1:] for members in planned.values()])
    return {
        "loading_seconds": loading,
        "regroup": regroup,
        "post": post,
        "load_average_at_start": load_average,
        "load_average_at_end": round_to(os.getloadavg()[0], 2),
    }


def record(figures):
    """Put the figures in bench/results.json and rewrite bench/results.md (run.py's table)."""
    from bench.run import BENCH, markdown

    results = json.loads((BENCH / "results.json").read_text())
    figures["taken"] = (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, alone (python bench/campaigns.py "
        f"{figures['regroup']['comments']}), 1-minute load average {figures['load_average_at_start']} "
        f"at the start, {figures['load_average_at_end']} at the end, on {os.cpu_count()} CPUs"
    )
    results["campaigns"] = figures
    results["targets"]["campaigns: full regrouping ≤ 10 min"] = figures["regroup"]["met"]
    results["targets"]["campaigns: ≤ 5 ms added per post"] = figures["post"]["met"]
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (BENCH / "results.md").write_text(markdown(results))


if __name__ == "__main__":
    import subprocess

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)  # noqa: S603
    import django

    django.setup()
    counts = [arg for arg in sys.argv[1:] if arg.isdigit()]
    figures = campaign_figures(int(counts[0]) if counts else None)
    print(json.dumps(figures, indent=2))
    if "--record" in sys.argv:
        record(figures)
