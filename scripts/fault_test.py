"""`make fault-test`: comments keep arriving while PostgreSQL restarts and crashes, and none of
the acknowledged ones is lost or stored twice.

Runs against the throwaway PostgreSQL that scripts/with-postgres started (DATABASE_URL,
PG_BINDIR, PG_DATADIR), with fsync and synchronous_commit on, as in production:

1. prepares synthetic data (generate_load) and N accredited writers, each with a session and a
   CSRF token, and starts gunicorn (deploy/gunicorn.conf.py, 2 workers) on a loopback port;
2. the writers post comments for FAULT_SECONDS, each with its own client_token, as the form
   does. A writer whose post is not acknowledged (a 503, or no answer) sends the same form again,
   as a person would, until it is acknowledged (a 302) — never a new token for the same comment;
3. meanwhile PostgreSQL is restarted (`pg_ctl -m fast restart`) and later crashed
   (`pg_ctl -m immediate stop`, which loses nothing committed but skips the shutdown checkpoint),
   left down FAULT_OUTAGE_SECONDS, and started again (crash recovery from the WAL);
4. afterwards it checks that every acknowledged comment is stored with its exact text, that
   nothing is stored twice, that no request got a 500 (a database that is down is a 503), and
   how long the site took to recover by itself: from the database accepting connections again
   until /healthz answers 200 and a post is acknowledged.

Exit status 0 only if acknowledged = stored, no duplicate, no 500, every post resolved and each
recovery under FAULT_MAX_RECOVERY seconds.

Environment (defaults in brackets): FAULT_WRITERS [20], FAULT_SECONDS [30], FAULT_WORKERS [2],
FAULT_RESTART_AT [8] and FAULT_CRASH_AT [18] (seconds into the run; empty skips that event),
FAULT_OUTAGE_SECONDS [3], FAULT_MAX_RECOVERY [10], FAULT_GRACE [20] (seconds after the end to
finish the posts still being retried).
"""

import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="portal-fault-"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "fault-test-only-not-a-secret-" + "x" * 30)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("VAR_DIR", str(WORK / "var"))
sys.path.insert(0, str(ROOT))

from bench.postgres import pg_ctl, server_options  # noqa: E402 (after the path is set)


def env_float(name, default):
    value = os.environ.get(name, str(default))
    return float(value) if value.strip() else None


WRITERS = int(env_float("FAULT_WRITERS", 20))
SECONDS = env_float("FAULT_SECONDS", 30)
WORKERS = int(env_float("FAULT_WORKERS", 2))
RESTART_AT = env_float("FAULT_RESTART_AT", 8)
CRASH_AT = env_float("FAULT_CRASH_AT", 18)
OUTAGE = env_float("FAULT_OUTAGE_SECONDS", 3)
MAX_RECOVERY = env_float("FAULT_MAX_RECOVERY", 10)
GRACE = env_float("FAULT_GRACE", 20)
SEED = 8181
UNAVAILABLE_TEXT = "The service is briefly unavailable"


def log(message):
    print(f"[fault {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Data and writers ------------------------------------------------------------------------


def prepare():
    from django.core.management import call_command

    from bench.load import generate_load

    call_command("migrate", interactive=False, verbosity=0)
    generate_load(provisions=30, comments=2000, organizations=WRITERS + 5, seed=SEED)


def make_writers(run):
    """Accredited delegates of the load organizations, each with a server-side session and a
    CSRF cookie/token pair (what a signed-in browser holds)."""
    from bench.load import signed_in_writers
    from consultations.models import Round
    from portal.models import Organization

    round = Round.objects.select_related("version").get(title_en=f"Load test round {SEED}")
    organizations = list(
        Organization.objects.filter(name_en__startswith=f"Load organization {SEED}-").order_by("pk")[:WRITERS]
    )
    keys = list(round.version.provisions.values_list("key", flat=True)) + ["general"]
    writers = signed_in_writers(organizations, f"fault-{run}")
    return round.pk, keys, writers


def comment_text(token):
    return f"Fault-test comment {token}: international solidarity is a right of peoples and individuals."


# --- gunicorn --------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=5):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Gunicorn:
    def __init__(self):
        self.port = free_port()
        self.log_path = WORK / "gunicorn.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 (the server writes to it until stop())
        env = dict(
            os.environ, GUNICORN_BIND=f"127.0.0.1:{self.port}", WEB_CONCURRENCY=str(WORKERS), GUNICORN_TIMEOUT="60"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not answer: see {self.log_path}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


# --- The run ---------------------------------------------------------------------------------


class Run:
    def __init__(self, port, round_id, keys, writers, tag):
        self.port, self.round_id, self.keys, self.writers, self.tag = port, round_id, keys, writers, tag
        self.lock = threading.Lock()
        self.responses = []  # (started, ended, status) of every post
        self.acknowledged = {}  # token -> user id
        self.sent = {}  # token -> user id, every token ever sent
        self.unresolved = []
        self.no_answer = 0
        self.samples = {}  # status -> first body
        self.health = []  # (time, status or None)
        self.deadline = self.hard_deadline = 0.0
        self.stop_health = threading.Event()

    def post(self, connection, writer, key, token, rng):
        body = urlencode(
            {
                "capacity": writer["capacity"],
                "kind": "comment",
                "position": rng.choice(["support", "oppose", "neutral"]),
                "text": comment_text(token),
                "language": "en",
                "confidentiality": "public",
                "client_token": token,
            }
        )
        connection.request(
            "POST", f"/en/consultation/rounds/{self.round_id}/comments/{key}/new/", body, writer["headers"]
        )
        response = connection.getresponse()
        return response.status, response.read()

    def write(self, index, writer, start_line):
        rng = random.Random(index)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        token, n = None, 0
        start_line.wait()
        while True:
            now = time.monotonic()
            if token is None:
                if now >= self.deadline:
                    break
                n += 1
                token, key = f"fault-{self.tag}-{index}-{n}", rng.choice(self.keys)
                with self.lock:
                    self.sent[token] = writer["user"]
            if now >= self.hard_deadline:
                with self.lock:
                    self.unresolved.append(token)
                break
            started = time.monotonic()
            try:
                status, body = self.post(connection, writer, key, token, rng)
            except (OSError, http.client.HTTPException):
                connection.close()
                with self.lock:
                    self.no_answer += 1
                    self.responses.append((started, time.monotonic(), None))
                time.sleep(0.3)
                continue  # the same form again
            with self.lock:
                self.responses.append((started, time.monotonic(), status))
                self.samples.setdefault(status, body[:4000])
            if status == 302:
                with self.lock:
                    self.acknowledged[token] = writer["user"]
                token = None
            elif status in (500, 502, 503, 504):
                time.sleep(0.3)  # a person reading "please try again", then sending the same form
            else:
                token = None  # refused (a form error): not acknowledged, and not to be stored
        connection.close()

    def watch_health(self):
        while not self.stop_health.is_set():
            at = time.monotonic()
            try:
                status = get(self.port, "/healthz", timeout=5)[0]
            except OSError:
                status = None
            self.health.append((at, status))
            time.sleep(0.1)

    def recovery(self, back_at):
        """Seconds from the database being back until /healthz answers 200 and a post that
        started afterwards is acknowledged."""
        health = next((at for at, status in self.health if at >= back_at and status == 200), None)
        post = next(
            (ended for started, ended, status in sorted(self.responses) if started >= back_at and status == 302), None
        )
        if health is None or post is None:
            return None, health, post
        return max(health, post) - back_at, health - back_at, post - back_at


def main():
    import django

    for variable in ("DATABASE_URL", "PG_BINDIR", "PG_DATADIR"):
        if not os.environ.get(variable):
            raise SystemExit(f"{variable} is not set: run this through scripts/with-postgres (make fault-test).")
    if not os.environ["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        raise SystemExit("The fault test needs PostgreSQL.")
    django.setup()
    from django.db import connections

    from consultations.models import Comment

    log(f"preparing data (generate_load, {WRITERS} writers); work folder {WORK}")
    prepare()
    tag = str(int(time.time()))
    round_id, keys, writers = make_writers(tag)
    connections.close_all()  # ours would die with the restart; verification reconnects
    server = Gunicorn()
    log(f"gunicorn with {WORKERS} workers on 127.0.0.1:{server.port} (log: {server.log_path})")
    run = Run(server.port, round_id, keys, writers, tag)
    events = []
    try:
        start_line = threading.Barrier(len(writers) + 1)
        threads = [
            threading.Thread(target=run.write, args=(i, w, start_line), daemon=True) for i, w in enumerate(writers)
        ]
        for thread in threads:
            thread.start()
        watcher = threading.Thread(target=run.watch_health, daemon=True)
        watcher.start()
        began = time.monotonic()
        run.deadline = began + SECONDS
        run.hard_deadline = run.deadline + GRACE
        start_line.wait()
        log(f"{len(writers)} writers posting for {SECONDS:.0f} s")

        plan = sorted([(at, name) for at, name in ((RESTART_AT, "restart"), (CRASH_AT, "crash")) if at is not None])
        for at, name in plan:
            time.sleep(max(0, began + at - time.monotonic()))
            issued = time.monotonic()
            if name == "restart":
                log("pg_ctl -m fast restart")
                pg_ctl("-m", "fast", "-w", "restart")
                down_until = back = time.monotonic()
            else:
                options = server_options()
                log(f"pg_ctl -m immediate stop (a crash), {OUTAGE:.0f} s down, then start (recovery from the WAL)")
                pg_ctl("-m", "immediate", "stop")
                down_until = time.monotonic()
                time.sleep(OUTAGE)
                pg_ctl("-w", "-o", options, "start")
                back = time.monotonic()
            log(f"  database back {back - issued:.1f} s after the command")
            events.append({"name": name, "issued": issued, "down_until": down_until, "back": back})

        for thread in threads:
            thread.join()
        ended = time.monotonic()
        time.sleep(1)
        run.stop_health.set()
        watcher.join()
    finally:
        server.stop()

    # --- Verification ---------------------------------------------------------------------------
    connections.close_all()
    stored_rows = list(
        Comment.objects.filter(client_token__startswith=f"fault-{tag}-").values_list(
            "client_token", "author_id", "text"
        )
    )
    per_token = Counter((token, author) for token, author, _text in stored_rows)
    duplicates = [key for key, count in per_token.items() if count > 1]
    stored = {token for token, _author, _text in stored_rows}
    wrong_text = [token for token, _author, text in stored_rows if text != comment_text(token)]
    acknowledged = set(run.acknowledged)
    missing = sorted(acknowledged - stored)
    not_acknowledged_but_stored = sorted(stored - acknowledged)
    statuses = Counter(status for _s, _e, status in run.responses)
    refused = {status: count for status, count in statuses.items() if status not in (302, 503, None)}
    recoveries = []
    for event in events:
        seconds, health, post = run.recovery(event["back"])
        window = [
            status
            for started, _ended, status in run.responses
            if event["issued"] <= started <= event["back"] + (seconds or 0)
        ]
        recoveries.append(
            {
                **event,
                "seconds": seconds,
                "health": health,
                "post": post,
                "unavailable": window.count(503),
                "answered_during": len(window),
            }
        )
    sample = run.samples.get(503, b"").decode("utf-8", "replace")
    clear_503 = 503 not in run.samples or UNAVAILABLE_TEXT in sample
    latencies = sorted(e - s for s, e, status in run.responses if status == 302)

    print()
    print("==================== fault test: summary ====================")
    print(f"PostgreSQL options: {os.environ.get('PG_EXTRA_OPTS', '')}")
    print(
        f"writers: {len(writers)}, gunicorn workers: {WORKERS}, posting for {SECONDS:.0f} s (+ retries until {ended - began:.1f} s)"
    )
    print(f"posts sent (attempts): {len(run.responses)}; distinct comments: {len(run.sent)}")
    print(f"HTTP statuses: {dict(sorted((str(k), v) for k, v in statuses.items()))}")
    print(f"acknowledged (302): {len(acknowledged)}")
    print(f"stored: {len(stored_rows)} rows, {len(stored)} distinct client_tokens")
    print(f"acknowledged but not stored (lost): {len(missing)}")
    print(f"stored twice (duplicates): {len(duplicates)}")
    print(f"stored with a different text: {len(wrong_text)}")
    print(f"stored but never acknowledged (answer lost, never retried to the end): {len(not_acknowledged_but_stored)}")
    print(f"still unanswered at the end: {len(run.unresolved)}")
    print(f'503 answers: {statuses.get(503, 0)} (the page says "{UNAVAILABLE_TEXT}…": {"yes" if clear_503 else "NO"})')
    print(
        f"500 answers: {statuses.get(500, 0)}; no answer at all: {run.no_answer}; other refusals: {refused or 'none'}"
    )
    if latencies:
        print(
            f"acknowledged post latency: median {statistics.median(latencies) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
    for r in recoveries:
        down = r["back"] - r["issued"]
        if r["seconds"] is None:
            print(f"{r['name']}: database back after {down:.1f} s; the site did NOT recover")
        else:
            print(
                f"{r['name']}: database back after {down:.1f} s; site recovered {r['seconds']:.2f} s later, "
                f"{down + r['seconds']:.1f} s after the command (/healthz 200 after {r['health']:.2f} s, first acknowledged "
                f"post after {r['post']:.2f} s); {r['unavailable']} answers were 503 meanwhile"
            )

    failures = []
    if missing:
        failures.append(f"{len(missing)} acknowledged comments are not stored: {missing[:5]}")
    if acknowledged != stored:
        failures.append(f"acknowledged ({len(acknowledged)}) ≠ stored ({len(stored)})")
    if duplicates:
        failures.append(f"{len(duplicates)} comments stored twice")
    if wrong_text:
        failures.append(f"{len(wrong_text)} comments stored with another text")
    if statuses.get(500):
        failures.append(f"{statuses[500]} answers were 500")
    if refused:
        failures.append(f"unexpected answers: {refused}")
    if run.unresolved:
        failures.append(f"{len(run.unresolved)} posts never acknowledged")
    if not clear_503:
        failures.append("the 503 page does not say the service is briefly unavailable")
    for r in recoveries:
        if r["seconds"] is None or r["seconds"] > MAX_RECOVERY:
            failures.append(f"{r['name']}: no recovery within {MAX_RECOVERY:.0f} s")
        if r["name"] == "crash" and not r["unavailable"]:
            failures.append("crash: no 503 was seen while the database was down")
    print("RESULT: " + ("PASS" if not failures else "FAIL: " + "; ".join(failures)))
    if failures:
        print(f"gunicorn's log is kept in {server.log_path}")
        return 1
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
