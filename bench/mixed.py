"""The mixed load of `make bench`: readers and writers together on one gunicorn for minutes, as on
the last day of a round; once as it is, and once while PostgreSQL restarts.

Readers are not signed in and read the pages a reader opens (the version, the round); writers
are signed-in delegates posting comments, each with its own client_token. A post that is not
acknowledged (a 503 while the database restarts, a dropped connection) is sent again with the
same token, as a person sends the same form again, so "stored = acknowledged" also says that
nothing was stored twice. Every request's latency is kept, per page kind."""

import http.client
import random
import threading
import time

OK_STATUSES = {200, 302, 304}
GRACE = 30  # seconds after the end for the posts still being sent again


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


class Tally:
    """What every thread saw, merged under a lock once it stops."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}  # kind -> [seconds]
        self.statuses = {}  # kind -> {status: n}
        self.connection_errors = []
        self.acknowledged = set()
        self.first_ok_after = {}  # kind -> first moment (monotonic) a request of that kind succeeded after a mark

    def merge(self, latencies, statuses, errors, acknowledged):
        with self.lock:
            for kind, values in latencies.items():
                self.latencies.setdefault(kind, []).extend(values)
            for kind, counts in statuses.items():
                mine = self.statuses.setdefault(kind, {})
                for status, n in counts.items():
                    mine[status] = mine.get(status, 0) + n
            self.connection_errors.extend(errors)
            self.acknowledged |= acknowledged

    def summary(self):
        kinds = {}
        for kind, values in sorted(self.latencies.items()):
            values.sort()
            statuses = self.statuses.get(kind, {})
            kinds[kind] = {
                "requests": len(values),
                "p50_ms": round(percentile(values, 0.50) * 1000, 1),
                "p95_ms": round(percentile(values, 0.95) * 1000, 1),
                "p99_ms": round(percentile(values, 0.99) * 1000, 1),
                "statuses": {str(status): n for status, n in sorted(statuses.items())},
                "errors": sum(n for status, n in statuses.items() if status not in OK_STATUSES),
            }
        return kinds


def mixed_figure(*, port, reader_paths, readers, writers, post, seconds, count_stored, restart_at=None, restart=None):
    """`reader_paths`: {kind: path}; `writers`: signed-in writers; `post(connection, writer, token,
    rng)` sends one comment and returns the status; `count_stored(prefix)` counts the comments
    whose client_token starts with `prefix`; `restart()` restarts PostgreSQL `restart_at` seconds
    into the run."""
    tag = f"mixed-{int(time.time())}-{'restart' if restart else 'steady'}"
    tally = Tally()
    deadline = [0.0]
    restarted = {}  # "started", "finished": monotonic moments of the restart
    start_line = threading.Barrier(readers + len(writers) + 1)

    def read(index):
        rng = random.Random(index)
        kinds = sorted(reader_paths)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies, statuses, errors = {}, {}, []
        start_line.wait()
        while time.monotonic() < deadline[0]:
            kind = rng.choice(kinds)
            started = time.monotonic()
            try:
                connection.request("GET", reader_paths[kind])
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                errors.append(f"{kind}: {error!r}")
                continue
            latencies.setdefault(kind, []).append(time.monotonic() - started)
            counts = statuses.setdefault(kind, {})
            counts[response.status] = counts.get(response.status, 0) + 1
        connection.close()
        tally.merge(latencies, statuses, errors, set())

    def write(index, writer):
        rng = random.Random(10_000 + index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies, statuses, errors, acknowledged = {"post": []}, {"post": {}}, [], set()
        n, token = 0, None
        start_line.wait()
        while time.monotonic() < deadline[0] or (token is not None and time.monotonic() < deadline[0] + GRACE):
            if token is None:
                n += 1
                token = f"{tag}-{index}-{n}"
            started = time.monotonic()
            try:
                status = post(connection, writer, token, rng)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                errors.append(f"post: {error!r}")
                time.sleep(0.2)  # the same form again shortly, as a person would
                continue
            latencies["post"].append(time.monotonic() - started)
            statuses["post"][status] = statuses["post"].get(status, 0) + 1
            if status == 503:
                time.sleep(0.2)
                continue
            if status == 302:
                acknowledged.add(token)
                if "finished" in restarted:
                    with tally.lock:
                        tally.first_ok_after.setdefault("post", time.monotonic())
            token = None  # acknowledged, or refused (a 4xx is counted as an error, not retried)
        connection.close()
        tally.merge(latencies, statuses, errors, acknowledged)

    threads = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(readers)]
    threads += [threading.Thread(target=write, args=(i, w), daemon=True) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    deadline[0] = started + seconds
    start_line.wait()
    if restart:
        time.sleep(restart_at)
        restarted["started"] = time.monotonic()
        restart()
        restarted["finished"] = time.monotonic()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stored = count_stored(f"{tag}-")
    kinds = tally.summary()
    result = {
        "readers": readers,
        "writers": len(writers),
        "seconds": round(elapsed, 1),
        "kinds": kinds,
        "errors": sum(kind["errors"] for kind in kinds.values()),
        "connection_errors": len(tally.connection_errors),
        "first_connection_errors": tally.connection_errors[:5],
        "acknowledged": len(tally.acknowledged),
        "stored": stored,
        "stored_equals_acknowledged": stored == len(tally.acknowledged),
    }
    if restart:
        first_ok = tally.first_ok_after.get("post")
        result["restart_seconds"] = round(restarted["finished"] - restarted["started"], 1)
        result["recovery_seconds"] = round(first_ok - restarted["started"], 1) if first_ok else None
    return result


def mixed_lines(figure, label):
    """Rows of the results table for one mixed run."""
    lines = []
    for kind, row in figure["kinds"].items():
        lines.append(
            f"| {label}: {kind}, {row['requests']:,} requests, p50 / p95 / p99 "
            f"| {row['p50_ms']:.0f} / {row['p95_ms']:.0f} / {row['p99_ms']:.0f} ms | | |"
        )
    return lines


def error_summary(figure):
    statuses = {}
    for row in figure["kinds"].values():
        for status, n in row["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    return ", ".join(f"{n:,} × {status}" for status, n in sorted(statuses.items()))
