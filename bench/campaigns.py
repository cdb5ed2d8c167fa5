"""The campaign figures of `make bench` (issue 20), also runnable alone:
`python bench/campaigns.py [comments]`.

1. A full regrouping of a round of BENCH_CAMPAIGN_COMMENTS [1,000,000] comments, as
   services.campaigns_regroup does it in memory: a print (similarity.text_print) for every
   distinct text, made by 2 processes, then similarity's band-key grouping (group_prints) in
   arrival order. Reading the texts from the database and writing the campaigns back are not
   in this figure. Campaigns of various sizes (2 to 20,000 comments, each member a variation
   of its text: words changed, a sentence added, a signature, sentences in another order) are
   mixed with comments that are each written apart. Target: ≤ 10 minutes on 2 cores; the
   groups found are checked against the campaigns made.
2. The time a new comment's detection adds to posting it: similarity.text_print and its band
   keys, plus the two queries campaign_find sends, measured as the median of single posts
   (the queries on the bench's PostgreSQL when DATABASE_URL is set; else the in-memory part
   alone, reported as such). Target: ≤ 5 ms.

The texts are paragraphs of the Universal Declaration of Human Rights as published
(tests/drafts/corpus/udhr.en.txt); the comments written apart are random draws of its words."""

import os
import random
import statistics
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consultations.similarity import text_print  # noqa: E402

TARGET_REGROUP_SECONDS = 600
TARGET_POST_MS = 5.0
SIZES = (20_000, 5_000, 1_000, 200, 50, 10, 2)  # campaign sizes, each used several times
SIMILARITY, MIN_WORDS = 0.6, 8


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


def _prints(texts):
    return [text_print(text) for text in texts]


def regroup_figure(total):
    from consultations.services.campaigns import group_prints

    comments, planned = synthetic_round(total)
    started = time.perf_counter()
    distinct = list(dict.fromkeys(text for _pk, _scope, text in comments))
    chunks = [distinct[i : i + 5000] for i in range(0, len(distinct), 5000)]
    with Pool(2) as pool:
        made = dict(zip(distinct, (p for chunk in pool.imap(_prints, chunks) for p in chunk), strict=True))
    printed = time.perf_counter()
    groups = group_prints(
        ((pk, scope, made[text]) for pk, scope, text in comments), threshold=SIMILARITY, min_words=MIN_WORDS
    )
    seconds = time.perf_counter() - started
    found = {frozenset(members) for members in groups.values()}
    exact = sum(1 for members in planned.values() if frozenset(members) in found)
    return {
        "comments": total,
        "campaigns_made": len(planned),
        "campaign_comments": sum(len(m) for m in planned.values()),
        "groups_found": len(groups),
        "campaigns_found_exactly": exact,
        "largest_group": max((len(m) for m in groups.values()), default=0),
        "print_seconds": round(printed - started, 1),
        "seconds": round(seconds, 1),
        "target_seconds": TARGET_REGROUP_SECONDS,
        "met": seconds <= TARGET_REGROUP_SECONDS,
    }


def post_figure(samples=300):
    """Median milliseconds detection adds to one post (in memory: print and band keys)."""
    paragraphs = corpus()
    rng = random.Random(7)
    timings = []
    for _ in range(samples):
        text = " ".join(rng.choice(paragraphs).split() + rng.choice(paragraphs).split())
        started = time.perf_counter()
        text_print(text).band_keys(1)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    return {
        "median_ms_in_memory": round(median, 3),
        "p95_ms_in_memory": round(statistics.quantiles(timings, n=20)[-1], 3),
        "target_ms": TARGET_POST_MS,
        "met_in_memory": median <= TARGET_POST_MS,
    }


def campaign_figures(total=None):
    total = total or int(os.environ.get("BENCH_CAMPAIGN_COMMENTS") or 1_000_000)
    return {"regroup": regroup_figure(total), "post": post_figure()}


if __name__ == "__main__":
    import json

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    print(json.dumps(campaign_figures(int(sys.argv[1]) if sys.argv[1:] else None), indent=2))
