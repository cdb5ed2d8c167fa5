"""`make bench`: the portal's performance at the scale of the largest public consultations.

Runs against the PostgreSQL that scripts/with-postgres started (DATABASE_URL), loads synthetic
comments with `generate_load`, measures four figures, each side by side with a reference in
the same run so that the machine's noise cancels in the ratio, and writes bench/results.json
and bench/results.md. A missed target is reported as missed; nothing is retried to hide it.

Environment (defaults in brackets):
  BENCH_EXPORT_COMMENTS [1000000]  comments in the exported round (replies included)
  BENCH_SMALL_COMMENTS [2000], BENCH_LARGE_COMMENTS [200000]  the two rounds of the page figure
  BENCH_PAGE_REQUESTS [30]  timed requests per round (after 5 of warm-up each)
  BENCH_WRK_DURATION [10]   seconds of each wrk run (two runs of the page, two of the file)
  BENCH_POST_SECONDS [60]   seconds of the posting figure
  BENCH_WRITERS [50], BENCH_WORKERS [2]  concurrent writers; gunicorn workers
  BENCH_SKIP_XLSX [0]       1 skips the XLSX export (reported as not run)
  BENCH_MIXED_SECONDS [300], BENCH_MIXED_READERS [200]  the mixed load (readers and the writers
                            together), run twice: steady, and with PostgreSQL restarted once
  BENCH_DOCX_COMMENTS [10000]  comments on the version whose DOCX compilation is timed
  BENCH_ONLY [unset]        a quick partial run while iterating: "exports", "http_exports", "docx", "page", "throughput", "mixed" or "campaigns";
                            prints that figure and writes bench/results/partial.json, not results.*
  BENCH_CAMPAIGN_COMMENTS [1000000]  comments of the campaign round, regrouped and posted into (bench/campaigns.py)
  BENCH_CAMPAIGN_POSTS [300]  posts with the campaign detection, and as many without it
"""

import datetime
import http.client
import json
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "results"  # logs, collected static files (ignored by git)
PYTHON = sys.executable

os.environ.setdefault("VAR_DIR", str(WORK / "var"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# Plain HTTP on loopback, as behind a proxy that terminates TLS and redirects by itself.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
sys.path.insert(0, str(ROOT))


def env_int(name, default):
    return int(os.environ.get(name) or default)


EXPORT_COMMENTS = env_int("BENCH_EXPORT_COMMENTS", 1_000_000)
SMALL_COMMENTS = env_int("BENCH_SMALL_COMMENTS", 2_000)
LARGE_COMMENTS = env_int("BENCH_LARGE_COMMENTS", 200_000)
PAGE_REQUESTS = env_int("BENCH_PAGE_REQUESTS", 30)
PAGE_WARMUP = 5
WRK_DURATION = env_int("BENCH_WRK_DURATION", 10)
POST_SECONDS = env_int("BENCH_POST_SECONDS", 60)
WRITERS = env_int("BENCH_WRITERS", 50)
WORKERS = env_int("BENCH_WORKERS", 2)
SKIP_XLSX = os.environ.get("BENCH_SKIP_XLSX") == "1"
MIXED_SECONDS = env_int("BENCH_MIXED_SECONDS", 300)
MIXED_READERS = env_int("BENCH_MIXED_READERS", 200)
ONLY = os.environ.get("BENCH_ONLY", "")
DOCX_COMMENTS = env_int("BENCH_DOCX_COMMENTS", 10_000)
HTTP_EXPORT_TIMEOUT = 900
PROVISIONS = 120
SEEDS = {"export": 9101, "small": 9102, "large": 9103, "docx": 9104}

TARGETS = {
    "csv_vs_copy": 1.5,
    "xlsx_vs_copy": 4.0,
    "export_rss_mb": 150,
    "page_time_ratio": 1.2,
    "page_vs_static": 0.30,
    "posts_per_second": 300,
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The machine ---------------------------------------------------------------------------


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    bindir = os.environ.get("PG_BINDIR", "")
    postgres = (
        subprocess.run([f"{bindir}/postgres", "--version"], capture_output=True, text=True).stdout.strip()
        if bindir
        else "?"
    )
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "postgresql": postgres,
        "postgresql_options": os.environ.get("PG_EXTRA_OPTS", ""),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "load_average_at_start": round(os.getloadavg()[0], 2),
    }


# --- Data ----------------------------------------------------------------------------------


def top_level_for(total):
    """generate_load adds one reply per ten top-level comments: the top-level count that makes
    `total` comments in all."""
    top = total * 10 // 11
    while top + top // 10 < total:
        top += 1
    return top


def manage(*args, **kwargs):
    return subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, check=True, text=True, **kwargs)


def prepare():
    timings = {}
    started = time.perf_counter()
    manage("migrate", "--no-input", "-v0")
    manage("collectstatic", "--no-input", "-v0")
    timings["migrate_and_collectstatic_s"] = round(time.perf_counter() - started, 1)
    loads = {}
    for name, total, organizations in (
        ("small", SMALL_COMMENTS, 200),
        ("large", LARGE_COMMENTS, 500),
        ("export", EXPORT_COMMENTS, 1000),
        ("docx", DOCX_COMMENTS, 200),
    ):
        top = top_level_for(total)
        log(f"generate_load: {total:,} comments ({top:,} top-level + {top // 10:,} replies), seed {SEEDS[name]}")
        started = time.perf_counter()
        out = subprocess.run(
            [
                PYTHON,
                str(ROOT / "bench" / "generate_load.py"),
                "--provisions",
                str(PROVISIONS),
                "--comments",
                str(top),
                "--organizations",
                str(organizations),
                "--seed",
                str(SEEDS[name]),
            ],
            cwd=ROOT,
            check=True,
            text=True,
            capture_output=True,
        ).stdout
        seconds = time.perf_counter() - started
        loads[name] = {
            "comments": total,
            "seed": SEEDS[name],
            "seconds": round(seconds, 1),
            "already_loaded": "already loaded" in out,
        }
        log(f"  {seconds:.1f} s{' (was already loaded)' if 'already loaded' in out else ''}")
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")  # as autovacuum would after a bulk load; the plans then use fresh statistics
    timings["vacuum_analyze_s"] = round(time.perf_counter() - started, 1)
    return loads, timings


def rounds():
    from consultations.models import Comment, Round

    found = {}
    for name, seed in SEEDS.items():
        round = Round.objects.get(title_en=f"Load test round {seed}")
        found[name] = {"id": round.pk, "comments": Comment.objects.filter(round=round).count()}
    return found


# --- 1. Exports ----------------------------------------------------------------------------


def export_worker(mode, round_id):
    """One export of the round by bench/export_worker.py in a fresh process (so that its peak
    memory is its own): the figures it prints as JSON on its last line."""
    done = subprocess.run(
        [PYTHON, str(BENCH / "export_worker.py"), mode, str(round_id)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def export_figure(round_id):
    """COPY, CSV, XLSX, COPY again, each in a fresh process; the reference is the mean COPY."""
    order = ["copy", "csv"] + ([] if SKIP_XLSX else ["xlsx"]) + ["copy"]
    runs = []
    for mode in order:
        log(f"export {mode} of round {round_id}")
        run = export_worker(mode, round_id)
        log(f"  {run['seconds']:.1f} s, {run['bytes'] / 1e6:.0f} MB, peak RSS +{run['peak_rss_growth_mb']} MB")
        runs.append(run)
    copy = statistics.mean(r["seconds"] for r in runs if r["mode"] == "copy")
    by_mode = {r["mode"]: r for r in runs if r["mode"] != "copy"}
    result = {"runs": runs, "copy_seconds": round(copy, 2)}
    for mode, target in (("csv", TARGETS["csv_vs_copy"]), ("xlsx", TARGETS["xlsx_vs_copy"])):
        if mode not in by_mode:
            result[mode] = {"run": False}
            continue
        run = by_mode[mode]
        ratio = run["seconds"] / copy
        result[mode] = {
            "seconds": round(run["seconds"], 2),
            "rows": run["rows"],
            "bytes": run["bytes"],
            "ratio_to_copy": round(ratio, 2),
            "target_ratio": target,
            "ratio_met": ratio <= target,
            "peak_rss_growth_mb": run["peak_rss_growth_mb"],
            "rss_target_mb": TARGETS["export_rss_mb"],
            "rss_met": run["peak_rss_growth_mb"] <= TARGETS["export_rss_mb"],
        }
    return result


def docx_figure(round_id):
    """The DOCX compilation of the round's version with every comment (secretariat), in a fresh
    process as the exports: time and peak memory growth."""
    log(f"DOCX compilation of round {round_id}'s version")
    run = export_worker("docx", round_id)
    log(f"  {run['seconds']:.1f} s, {run['bytes'] / 1e6:.1f} MB, peak RSS +{run['peak_rss_growth_mb']} MB")
    return {
        "seconds": round(run["seconds"], 2),
        "comments": run["rows"],
        "bytes": run["bytes"],
        "peak_rss_growth_mb": run["peak_rss_growth_mb"],
        "rss_met": run["peak_rss_growth_mb"] <= TARGETS["export_rss_mb"],
    }


def http_export_figure(server, round_id):
    """The public CSV and XLSX exports of the round downloaded through gunicorn, read fully by
    a client on loopback: from the request to the last byte."""
    result = {}
    for fmt in ("csv", "xlsx"):
        server.drain()
        log(f"HTTP export {fmt} of round {round_id}")
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HTTP_EXPORT_TIMEOUT)
        connection.request("GET", f"/en/exports/rounds/{round_id}/comments.{fmt}")
        response = connection.getresponse()
        first_byte = time.perf_counter() - started
        size = 0
        while block := response.read(1 << 20):
            size += len(block)
        seconds = time.perf_counter() - started
        connection.close()
        log(f"  status {response.status}, {seconds:.1f} s (first byte after {first_byte:.1f} s), {size / 1e6:.0f} MB")
        result[fmt] = {
            "status": response.status,
            "seconds": round(seconds, 2),
            "first_byte_seconds": round(first_byte, 2),
            "bytes": size,
        }
    return result


# --- 2. The version page, small and large round, in-process --------------------------------


def page_figure(small_id, large_id):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    urls = {"small": f"/en/consultation/rounds/{small_id}/", "large": f"/en/consultation/rounds/{large_id}/"}
    queries = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries[name] = [q["sql"] for q in captured.captured_queries]
        (WORK / f"page-queries-{name}.sql").write_text(";\n\n".join(queries[name]) + ";\n")
    for _ in range(PAGE_WARMUP):
        for url in urls.values():
            client.get(url)
    times = {name: [] for name in urls}
    for _ in range(PAGE_REQUESTS):  # interleaved: a slow moment of the machine hits both
        for name, url in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            times[name].append(time.perf_counter() - started)
            assert response.status_code == 200
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["large"] / medians["small"]
    # Where the difference goes: each query's median time at both sizes (5 more requests each).
    per_query = {}
    for name, url in urls.items():
        samples = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            samples.append([float(q["time"]) for q in captured.captured_queries])
        per_query[name] = [round(statistics.median(column) * 1000, 1) for column in zip(*samples, strict=True)]
    return {
        "query_ms_small": per_query["small"],
        "query_ms_large": per_query["large"],
        "queries": [sql[:160] for sql in queries["large"]],
        "query_tables": [main_table(sql) for sql in queries["large"]],
        "requests_each": PAGE_REQUESTS,
        "warmup_each": PAGE_WARMUP,
        "queries_small": len(queries["small"]),
        "queries_large": len(queries["large"]),
        "queries_identical": len(queries["small"]) == len(queries["large"]),
        "median_ms_small": round(medians["small"] * 1000, 1),
        "median_ms_large": round(medians["large"] * 1000, 1),
        "time_ratio": round(ratio, 3),
        "target_ratio": TARGETS["page_time_ratio"],
        "ratio_met": ratio <= TARGETS["page_time_ratio"],
        "page_bytes": len(client.get(urls["large"]).content),
    }


# --- A gunicorn server for figures 3 and 4 -------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workers):
        self.workers = workers
        self.port = free_port()
        self.log = open(WORK / "gunicorn.log", "w")  # noqa: SIM115 (the server writes to it until stop())
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "portal.wsgi:application",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                str(HTTP_EXPORT_TIMEOUT),  # a sync worker writing a million-row export is busy that long
                "--backlog",
                "2048",
                "--no-control-socket",
            ],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not answer on port {self.port}: see {WORK / 'gunicorn.log'}")

    def drain(self):
        """Wait until the requests a load generator left queued are served: the next
        measurement must not pay for them."""
        quick = 0
        deadline = time.monotonic() + 120
        while quick < 3 and time.monotonic() < deadline:
            started = time.monotonic()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            connection.close()
            quick = quick + 1 if time.monotonic() - started < 0.05 else 0

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# --- 3. Throughput of the page against a static file ---------------------------------------


def wrk(url, label):
    # A 30 s timeout rather than wrk's 2 s: a slow page still counts as served.
    done = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{WRK_DURATION}s", "--timeout", "30s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    (WORK / f"wrk-{label}.txt").write_text(done.stdout)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    sockets = re.search(r"Socket errors: (.*)", done.stdout)
    return {
        "requests_per_second": rate,
        "non_2xx_3xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sockets.group(1) if sockets else None,
    }


def throughput_figure(server, round_id):
    if not shutil.which("wrk"):
        return {"run": False, "why": "wrk is not installed (apt-get install wrk)"}
    page, static = server.url(f"/en/consultation/rounds/{round_id}/"), server.url("/static/css/portal.css")
    check = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    for url in ("/static/css/portal.css", f"/en/consultation/rounds/{round_id}/"):
        check.request("GET", url)
        response = check.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status} under gunicorn")
    check.close()
    runs = []
    for turn in (1, 2):  # alternating, so that both see the same machine
        for label, url in (("page", page), ("static", static)):
            log(f"wrk {label} ({turn}/2), {WRK_DURATION} s")
            runs.append({"what": label, **wrk(url, f"{label}-{turn}")})
            log(f"  {runs[-1]['requests_per_second']:.1f} requests/s")
            server.drain()
    page_rate = statistics.mean(r["requests_per_second"] for r in runs if r["what"] == "page")
    static_rate = statistics.mean(r["requests_per_second"] for r in runs if r["what"] == "static")
    ratio = page_rate / static_rate
    return {
        "runs": runs,
        "wrk": f"-t2 -c16 -d{WRK_DURATION}s",
        "gunicorn_workers": server.workers,
        "static_file": "/static/css/portal.css",
        "page_rps": round(page_rate, 1),
        "static_rps": round(static_rate, 1),
        "ratio": round(ratio, 3),
        "target_ratio": TARGETS["page_vs_static"],
        "ratio_met": ratio >= TARGETS["page_vs_static"],
    }


# --- 4. Fifty writers posting comments -----------------------------------------------------


def writers_for(round_id, count, run_tag):
    """`count` accredited delegates of the round's organizations, each with a server-side
    session and a CSRF cookie/token pair."""
    from bench.load import signed_in_writers
    from consultations.models import Round
    from portal.models import Organization

    round = Round.objects.select_related("version").get(pk=round_id)
    organizations = list(
        Organization.objects.filter(name_en__startswith=f"Load organization {SEEDS['large']}-").order_by("pk")[:count]
    )
    keys = list(round.version.provisions.values_list("key", flat=True)) + ["general"]
    writers = signed_in_writers(organizations, f"bench-{run_tag}")
    return writers, keys


def post_once(connection, round_id, writer, key, token, rng):
    body = urlencode(
        {
            "capacity": writer["capacity"],
            "kind": "comment",
            "position": rng.choice(["support", "oppose", "neutral"]),
            "text": f"Benchmark comment {token}: international solidarity is a right of peoples and individuals.",
            "language": "en",
            "confidentiality": "public",
            "client_token": token,
        }
    )
    connection.request("POST", f"/en/consultation/rounds/{round_id}/comments/{key}/new/", body, writer["headers"])
    response = connection.getresponse()
    response.read()
    return response.status


def posting_figure(server, round_id):
    from consultations.models import Comment

    run_tag = f"{int(time.time())}"
    writers, keys = writers_for(round_id, WRITERS, run_tag)
    if len(writers) < WRITERS:
        raise SystemExit(f"only {len(writers)} organizations to write for")
    check = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    status = post_once(check, round_id, writers[0], keys[0], f"bench-{run_tag}-smoke", random.Random(0))
    check.close()
    if status != 302 or not Comment.objects.filter(client_token=f"bench-{run_tag}-smoke").exists():
        raise SystemExit(f"a test post answered {status} and stored nothing: see {WORK / 'gunicorn.log'}")

    statuses, errors, lock = {}, [], threading.Lock()
    latencies = []
    start_line = threading.Barrier(len(writers) + 1)
    deadline = [0.0]

    def write(index, writer):
        rng = random.Random(index)
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        mine, my_latencies, n = {}, [], 0
        start_line.wait()
        while time.monotonic() < deadline[0]:
            n += 1
            started = time.monotonic()
            try:
                status = post_once(connection, round_id, writer, rng.choice(keys), f"bench-{run_tag}-{index}-{n}", rng)
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                with lock:
                    errors.append(repr(exc))
                continue
            my_latencies.append(time.monotonic() - started)
            mine[status] = mine.get(status, 0) + 1
        connection.close()
        with lock:
            for status, count in mine.items():
                statuses[status] = statuses.get(status, 0) + count
            latencies.extend(my_latencies)

    threads = [threading.Thread(target=write, args=(i, w), daemon=True) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    log(f"{len(writers)} writers posting for {POST_SECONDS} s against {server.workers} gunicorn workers")
    started = time.monotonic()
    deadline[0] = started + POST_SECONDS
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started  # includes the requests in flight at the deadline
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    acknowledged = statuses.get(302, 0)  # success without htmx is a redirect; a 200 is the form shown again with errors
    stored = (
        Comment.objects.filter(client_token__startswith=f"bench-{run_tag}-")
        .exclude(client_token=f"bench-{run_tag}-smoke")
        .count()
    )
    rate = acknowledged / elapsed
    latencies.sort()
    return {
        "writers": len(writers),
        "gunicorn_workers": server.workers,
        "seconds": round(elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "connection_errors": len(errors),
        "first_errors": errors[:5],
        "acknowledged": acknowledged,
        "stored": stored,
        "stored_equals_acknowledged": stored == acknowledged,
        "accepted_per_second": round(rate, 1),
        "target_per_second": TARGETS["posts_per_second"],
        "rate_met": rate >= TARGETS["posts_per_second"],
        "latency_ms_median": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "latency_ms_p95": round(latencies[int(len(latencies) * 0.95)] * 1000, 1) if latencies else None,
        "load_generator_cpu_s": round(
            (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime), 1
        ),
    }


# --- 5. Readers and writers together, steady and while PostgreSQL restarts ----------------


def mixed_run(server, round_id, restart):
    from django.db import connections

    from bench.mixed import mixed_figure
    from bench.postgres import pg_ctl
    from consultations.models import Comment, Round

    round = Round.objects.select_related("version__instrument").get(pk=round_id)
    version = round.version
    writers, keys = writers_for(round_id, WRITERS, f"mixed-{int(time.time())}-{restart}")

    def post(connection, writer, token, rng):
        return post_once(connection, round_id, writer, rng.choice(keys), token, rng)

    def restart_postgres():
        connections.close_all()  # ours would die with the restart; counting reconnects
        log("  pg_ctl -m fast restart")
        pg_ctl("-m", "fast", "-w", "restart")

    figure = mixed_figure(
        port=server.port,
        reader_paths={
            "version page": f"/en/texts/{version.instrument.slug}/v{version.number}/",
            "round page": f"/en/consultation/rounds/{round_id}/",
        },
        readers=MIXED_READERS,
        writers=writers,
        post=post,
        seconds=MIXED_SECONDS,
        count_stored=lambda prefix: Comment.objects.filter(client_token__startswith=prefix).count(),
        restart_at=MIXED_SECONDS / 3 if restart else None,
        restart=restart_postgres if restart else None,
    )
    server.drain()
    return figure


# --- Report --------------------------------------------------------------------------------


def verdict(met):
    return "met" if met else "**missed**"


def table(results):
    lines = ["| figure | measured | target | |", "| --- | --- | --- | --- |"]
    exports_ = results["exports"]
    n = results["rounds"]["export"]["comments"]
    for mode in ("csv", "xlsx"):
        figure = exports_[mode]
        if not figure.get("run", True):
            lines.append(
                f"| export of {n:,} comments, {mode.upper()} vs COPY | not run | ≤ {TARGETS[mode + '_vs_copy']}× | |"
            )
            continue
        lines.append(
            f"| export of {n:,} comments, {mode.upper()} vs COPY ({figure['seconds']:.1f} s vs {exports_['copy_seconds']:.1f} s) "
            f"| {figure['ratio_to_copy']:.2f}× | ≤ {figure['target_ratio']}× | {verdict(figure['ratio_met'])} |"
        )
        lines.append(
            f"| peak RSS growth, {mode.upper()} export | {figure['peak_rss_growth_mb']:.0f} MB | ≤ {TARGETS['export_rss_mb']} MB | {verdict(figure['rss_met'])} |"
        )
    for fmt, figure in results.get("http_exports", {}).items():
        lines.append(
            f"| public {fmt.upper()} export of the same round through gunicorn, read fully by a client (status {figure['status']}) "
            f"| {figure['seconds']:.1f} s, {figure['bytes'] / 1e6:.0f} MB | (measured) | |"
        )
    if "docx" in results:
        docx = results["docx"]
        lines.append(
            f"| DOCX compilation of a version with {docx['comments']:,} comments ({docx['bytes'] / 1e6:.1f} MB) "
            f"| {docx['seconds']:.1f} s, peak RSS +{docx['peak_rss_growth_mb']:.0f} MB | ≤ {TARGETS['export_rss_mb']} MB | {verdict(docx['rss_met'])} |"
        )
    page = results["page"]
    small, large = results["rounds"]["small"]["comments"], results["rounds"]["large"]["comments"]
    lines.append(
        f"| version page ({PROVISIONS} provisions), SQL queries at {small:,} / {large:,} comments | {page['queries_small']} / {page['queries_large']} "
        f"| identical | {verdict(page['queries_identical'])} |"
    )
    lines.append(
        f"| version page, median time at {large:,} ÷ at {small:,} comments ({page['median_ms_large']} ms / {page['median_ms_small']} ms) "
        f"| {page['time_ratio']:.3f} | ≤ {page['target_ratio']} | {verdict(page['ratio_met'])} |"
    )
    tp = results["throughput"]
    if tp.get("run", True):
        lines.append(
            f"| version page at {large:,} comments vs static file under wrk {tp['wrk']}, gunicorn {tp['gunicorn_workers']} workers ({tp['page_rps']:.0f} / {tp['static_rps']:.0f} requests/s) "
            f"| {tp['ratio'] * 100:.1f} % | ≥ {tp['target_ratio'] * 100:.0f} % | {verdict(tp['ratio_met'])} |"
        )
    else:
        lines.append(f"| version page vs static file | not run ({tp['why']}) | ≥ 30 % | |")
    posts = results["posting"]
    lines.append(
        f"| comments accepted per second, {posts['writers']} writers, {posts['seconds']:.0f} s, gunicorn {posts['gunicorn_workers']} workers "
        f"(median latency {posts['latency_ms_median']} ms) "
        f"| {posts['accepted_per_second']:.1f}/s | ≥ {posts['target_per_second']}/s | {verdict(posts['rate_met'])} |"
    )
    lines.append(
        f"| comments stored = acknowledged | {posts['stored']:,} = {posts['acknowledged']:,} | equal | {verdict(posts['stored_equals_acknowledged'])} |"
    )
    lines += mixed_rows(results)
    lines += campaign_rows(results.get("campaigns"))
    return "\n".join(lines)


def campaign_rows(campaigns):
    if not campaigns:
        return []
    regroup, post = campaigns["regroup"], campaigns["post"]
    if "detection_median_ms" not in post:  # figures of the in-memory bench, before 3 December 2026
        return []
    lines = [
        f"| campaigns: full regrouping of {regroup['comments']:,} comments on PostgreSQL through services.campaigns_regroup, "
        f"{regroup['processes']} process ({regroup['campaigns_found_exactly']} of {regroup['campaigns_made']} campaigns found exactly, "
        f"{regroup['groups_found']} groups; prints made and written {regroup['prints_seconds']} s, grouped and written "
        f"{regroup['grouping_and_writing_seconds']} s; peak RSS +{regroup['peak_rss_growth_mb']:.0f} MB) "
        f"| {regroup['seconds']:.0f} s | ≤ {regroup['target_seconds']} s | {verdict(regroup['met'])} |",
        f"| campaigns: detection added to posting one comment into that round (campaign_find with its queries, inside "
        f"services.comment_create; {post['posts_with_detection']} posts, half joining a campaign), median "
        f"(95th percentile {post['detection_p95_ms']} ms; the whole post {post['post_median_ms_with_detection']} ms with it, "
        f"{post['post_median_ms_without']} ms without) | {post['detection_median_ms']} ms | ≤ {post['target_ms']} ms "
        f"| {verdict(post['met'])} |",
    ]
    if campaigns.get("taken"):
        lines.append(f"| campaign figures taken apart from the others: {campaigns['taken']} | | | |")
    return lines


def mixed_rows(results):
    from bench.mixed import error_summary, mixed_lines

    lines = []
    for key, label in (("mixed", "mixed load"), ("mixed_restart", "mixed load, PostgreSQL restarted")):
        figure = results.get(key)
        if figure is None:
            continue
        who = f"{figure['readers']} readers + {figure['writers']} writers, {figure['seconds']:.0f} s"
        lines += mixed_lines(figure, f"{label} ({who})")
        errors = figure["errors"] + figure["connection_errors"]
        lines.append(
            f"| {label}: answers ({error_summary(figure)}), connection errors {figure['connection_errors']} "
            f"| {errors:,} errors | none | {verdict(errors == 0) if key == 'mixed' else ''} |"
        )
        lines.append(
            f"| {label}: comments stored = acknowledged | {figure['stored']:,} = {figure['acknowledged']:,} "
            f"| equal | {verdict(figure['stored_equals_acknowledged'])} |"
        )
        if "recovery_seconds" in figure:
            lines.append(
                f"| {label}: restart took {figure['restart_seconds']} s; first comment acknowledged after it began "
                f"| {figure['recovery_seconds']} s | | |"
            )
    return lines


def main_table(sql):
    found = re.search(r' FROM "(\w+)"', sql)
    return found.group(1) if found else "?"


def page_note(results):
    page = results["page"]
    slowest = max(range(len(page["query_ms_large"])), key=lambda i: page["query_ms_large"][i])
    return (
        f"Version page, its slowest query (number {slowest + 1} of {page['queries_large']}, on "
        f"`{page['query_tables'][slowest]}`): {page['query_ms_small'][slowest]} ms at "
        f"{results['rounds']['small']['comments']:,} comments, {page['query_ms_large'][slowest]} ms at "
        f"{results['rounds']['large']['comments']:,} (medians of 5; bench/results/page-queries-*.sql has the SQL)."
    )


def markdown(results):
    m = results["machine"]
    loads = results["generate_load"]
    load_lines = "\n".join(
        f"- generate_load {v['comments']:,} comments ({name} round): {v['seconds']:.0f} s"
        + (" (already loaded: not a load time)" if v["already_loaded"] else "")
        for name, v in loads.items()
    )
    met = [k for k, v in results["targets"].items() if v]
    missed = [k for k, v in results["targets"].items() if not v]
    return f"""# Benchmark results

Taken {m["date"]} on {m["nproc"]} CPUs ({m["cpu"]}), {m["memory_gb"]} GB of memory, {m["postgresql"]}
(`{m["postgresql_options"]}` on top of scripts/with-postgres's settings), Python {m["python"]}; total run {results["total_seconds"] / 60:.1f} min;
1-minute load average {m["load_average_at_start"]} at the start, {m["load_average_at_end"]} at the end (other processes included).

{table(results)}

{page_note(results)}

Targets met: {", ".join(met) or "none"}.
Targets missed: {", ".join(missed) or "none"}.

{load_lines}
"""


def partial(figure, found, results):
    """One figure alone (BENCH_ONLY), for a quick run while iterating; results.* stay as they are."""
    if figure == "exports":
        results["exports"] = export_figure(found["export"]["id"])
    elif figure == "docx":
        results["docx"] = docx_figure(found["docx"]["id"])
    elif figure == "http_exports":
        server = Server(WORKERS)
        try:
            results["http_exports"] = http_export_figure(server, found["export"]["id"])
        finally:
            server.stop()
    elif figure == "page":
        results["page"] = page_figure(found["small"]["id"], found["large"]["id"])
    elif figure in ("throughput", "mixed"):
        server = Server(WORKERS)
        try:
            if figure == "throughput":
                results["throughput"] = throughput_figure(server, found["large"]["id"])
            else:
                results["mixed"] = mixed_run(server, found["large"]["id"], restart=False)
                results["mixed_restart"] = mixed_run(server, found["large"]["id"], restart=True)
        finally:
            server.stop()
    elif figure == "campaigns":
        from bench.campaigns import campaign_figures

        results["campaigns"] = campaign_figures()
    else:
        raise SystemExit(f"BENCH_ONLY: unknown figure {figure!r}")
    (WORK / "partial.json").write_text(json.dumps(results, indent=2))
    log(json.dumps(results[figure]))


def main():
    if sys.argv[1:] == ["--report"]:  # rewrite results.md from results.json
        (BENCH / "results.md").write_text(markdown(json.loads((BENCH / "results.json").read_text())))
        return
    import django

    from bench.campaigns import campaign_figures

    overall = time.perf_counter()
    WORK.mkdir(parents=True, exist_ok=True)
    django.setup()
    info = machine()
    log("machine: " + json.dumps(info))
    loads, timings = prepare()
    found = rounds()
    log("rounds: " + json.dumps(found))
    results = {"machine": info, "generate_load": loads, "setup": timings, "rounds": found}
    if ONLY:
        partial(ONLY, found, results)
        return

    log("figure 2: the version page at two sizes, in-process")
    results["page"] = page_figure(found["small"]["id"], found["large"]["id"])
    log(json.dumps(results["page"]))

    log("figure 1: exports")
    results["exports"] = export_figure(found["export"]["id"])
    results["docx"] = docx_figure(found["docx"]["id"])

    server = Server(WORKERS)
    try:
        log("exports through HTTP")
        results["http_exports"] = http_export_figure(server, found["export"]["id"])
        log(f"figure 3: throughput, gunicorn with {WORKERS} workers on port {server.port}")
        results["throughput"] = throughput_figure(server, found["large"]["id"])
        log("figure 4: posting")
        results["posting"] = posting_figure(server, found["large"]["id"])
        log(json.dumps(results["posting"]))
        for key, restart in (("mixed", False), ("mixed_restart", True)):
            log(
                f"figure 5: {MIXED_READERS} readers and {WRITERS} writers for {MIXED_SECONDS} s"
                + (", PostgreSQL restarted once" if restart else "")
            )
            results[key] = mixed_run(server, found["large"]["id"], restart)
            log(json.dumps(results[key]))
    finally:
        server.stop()

    log("figure 8: campaigns (bench/campaigns.py), a round of its own")
    results["campaigns"] = campaign_figures()
    log(json.dumps(results["campaigns"]))

    ex, tp = results["exports"], results["throughput"]
    targets = {}
    for mode in ("csv", "xlsx"):
        if ex[mode].get("run", True):
            targets[f"{mode} export ≤ {TARGETS[mode + '_vs_copy']}× COPY"] = ex[mode]["ratio_met"]
            targets[f"{mode} export peak RSS growth ≤ {TARGETS['export_rss_mb']} MB"] = ex[mode]["rss_met"]
    targets[f"docx compilation peak RSS growth ≤ {TARGETS['export_rss_mb']} MB"] = results["docx"]["rss_met"]
    targets["page: same query count"] = results["page"]["queries_identical"]
    targets[f"page: time ratio ≤ {TARGETS['page_time_ratio']}"] = results["page"]["ratio_met"]
    if tp.get("run", True):
        targets["page ≥ 30 % of static file throughput"] = tp["ratio_met"]
    targets[f"≥ {TARGETS['posts_per_second']} comments/s"] = results["posting"]["rate_met"]
    targets["stored = acknowledged"] = results["posting"]["stored_equals_acknowledged"]
    mixed, restarted = results["mixed"], results["mixed_restart"]
    targets["mixed load: no errors"] = mixed["errors"] == 0 and mixed["connection_errors"] == 0
    targets["mixed load: stored = acknowledged"] = mixed["stored_equals_acknowledged"]
    targets["PostgreSQL restart under load: stored = acknowledged"] = restarted["stored_equals_acknowledged"]
    targets["campaigns: full regrouping ≤ 10 min"] = results["campaigns"]["regroup"]["met"]
    targets["campaigns: ≤ 5 ms added per post"] = results["campaigns"]["post"]["met"]
    results["targets"] = targets
    results["total_seconds"] = round(time.perf_counter() - overall, 1)
    results["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 2)

    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (BENCH / "results.md").write_text(markdown(results))
    print()
    print(markdown(results))


if __name__ == "__main__":
    main()
