"""The deployment of deploy/README.md on one machine: two app servers (gunicorn, started by
deploy/entrypoint.sh, as in production) on two ports sharing one database. Someone signs in on
one and is signed in on the other; a comment posted on one is read on the other; both answer
/healthz and serve the static files; the logs are JSON lines; the second one reads its API from
a read replica (here a copy of the database taken before a change, so the routing shows).
Runs on SQLite and on PostgreSQL (a scratch database on the test server)."""

import http.client
import json
import re
import subprocess
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.deploy.scratch import (  # noqa: F401 - scratch is a fixture
    PYTHON,
    ROOT,
    connected,
    environment,
    free_port,
    python,
    scratch,
    wait_for,
)

PASSWORD = "deploy-test-password-2026"
EMAIL = "two.instances@example.invalid"

SETUP = f"""
import json
from allauth.account.models import EmailAddress
from django.core.management import call_command
from consultations.models import Round
from portal.models import Membership, MembershipRole, MembershipStatus, Organization, User
from bench.load import generate_load

call_command("collectstatic", interactive=False, verbosity=0)
generate_load(provisions=5, comments=20, organizations=3, seed=6161)
round = Round.objects.get(title_en="Load test round 6161")
organization = Organization.objects.filter(name_en__startswith="Load organization 6161-").order_by("pk").first()
user = User.objects.create_user(email="{EMAIL}", password="{PASSWORD}", display_name="Two Instances")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
Membership.objects.create(user=user, organization=organization, role=MembershipRole.DELEGATE, status=MembershipStatus.APPROVED)
print(json.dumps({{"round": round.pk, "key": round.version.provisions.order_by("position").first().key, "capacity": str(organization.pk)}}))
"""


class Browser:
    """Just enough of a browser: cookies (Secure ones too: this is plain HTTP on loopback, as
    behind a TLS-terminating proxy), no redirects followed."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        connection.close()
        return response.status, response.headers, content


def execute(url, sql, params=()):
    """Run one statement on a scratch database from the test process itself."""
    with connected(url) as connection:
        connection.execute(sql if url.startswith("sqlite:") else sql.replace("?", "%s"), params)


def start(env, log):
    return subprocess.Popen(
        [str(ROOT / "deploy" / "entrypoint.sh"), "web"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_entrypoint_refuses_to_start_on_a_database_that_lacks_migrations(scratch, tmp_path):  # noqa: F811
    env = environment(
        scratch.empty("unmigrated"), tmp_path / "var", PYTHON=PYTHON, GUNICORN_BIND=f"127.0.0.1:{free_port()}"
    )
    done = subprocess.run(
        [str(ROOT / "deploy" / "entrypoint.sh"), "web"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "lacks migrations" in done.stderr and "MIGRATE_ON_START=1" in done.stderr
    assert "Listening at" not in done.stdout + done.stderr, "gunicorn must not have started"

    unreachable = dict(env, DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere?connect_timeout=2")
    done = subprocess.run(
        [str(ROOT / "deploy" / "entrypoint.sh"), "web"],
        cwd=ROOT,
        env=unreachable,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 4, done.stdout + done.stderr
    assert "is the database reachable" in done.stderr


def test_two_app_servers_share_one_database(scratch, tmp_path):  # noqa: F811
    primary = scratch.migrated("primary")
    var = tmp_path / "var"  # collected static files, as an image build would leave them
    ids = json.loads(python(environment(primary, var), SETUP).strip().splitlines()[-1])

    # The "replica": a copy of the database as it is now. The primary then changes, so a read
    # that shows the old value came from the replica.
    replica = scratch.copy(primary, "replica")
    execute(
        primary,
        "UPDATE drafts_instrument SET title_en = ? WHERE slug = ?",
        ("Renamed on the primary", "load-test-6161"),
    )

    ports = free_port(), free_port()
    common = {
        "PYTHON": PYTHON,
        "WEB_CONCURRENCY": 1,
        "LOG_FORMAT": "json",
        "CACHE_URL": "db://",
        "GUNICORN_TIMEOUT": 60,
    }
    envs = [
        environment(primary, var, GUNICORN_BIND=f"127.0.0.1:{ports[0]}", MIGRATE_ON_START=1, **common),
        environment(primary, var, GUNICORN_BIND=f"127.0.0.1:{ports[1]}", DATABASE_REPLICA_URL=replica, **common),
    ]
    logs = [open(tmp_path / f"instance-{n}.log", "w+") for n in (1, 2)]  # noqa: SIM115 (closed in finally)
    servers = [start(env, log) for env, log in zip(envs, logs, strict=True)]
    try:
        for port, server in zip(ports, servers, strict=True):
            wait_for(port, process=server, log=logs[ports.index(port)])
        a, b = ports
        browser = Browser()

        # Both alive, both serving the static files collected at build time.
        css = (ROOT / "static" / "css" / "portal.css").read_bytes()
        for port in ports:
            status, _headers, body = browser.request(port, "GET", "/healthz")
            assert (status, body) == (200, b"ok")
            status, _headers, body = browser.request(port, "GET", "/static/css/portal.css")
            assert (status, body) == (200, css)

        # Sign in on A...
        status, _headers, page = browser.request(a, "GET", "/en/accounts/login/")
        assert status == 200
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, headers, _body = browser.request(
            a, "POST", "/en/accounts/login/", {"csrfmiddlewaretoken": token, "login": EMAIL, "password": PASSWORD}
        )
        assert status == 302, _body[:2000]
        assert "sessionid" in browser.cookies
        # ... and be signed in on B (the session is in the shared database).
        for port in (b, a):
            status, _headers, page = browser.request(port, "GET", "/en/me/")
            assert status == 200 and EMAIL.encode() in page, f"not signed in on port {port}"

        # Post a comment on B, read it on A.
        text = "Posted on the second app server, read on the first: one database behind both."
        status, _headers, _body = browser.request(
            b,
            "POST",
            f"/en/consultation/rounds/{ids['round']}/comments/{ids['key']}/new/",
            {
                "capacity": ids["capacity"],
                "kind": "comment",
                "position": "support",
                "text": text,
                "language": "en",
                "confidentiality": "public",
                "client_token": "two-instances-1",
            },
        )
        assert status == 302, _body[:3000]
        status, _headers, page = browser.request(
            a, "GET", f"/en/consultation/rounds/{ids['round']}/comments/{ids['key']}/"
        )
        assert status == 200 and text.encode() in page

        # B reads its API from the replica (the old title); pages, on B too, read the primary.
        status, _headers, body = browser.request(b, "GET", "/api/instruments/load-test-6161")
        assert status == 200 and json.loads(body)["title"]["en"] == "Load test 6161"
        status, _headers, body = browser.request(a, "GET", "/api/instruments/load-test-6161")
        assert status == 200 and json.loads(body)["title"]["en"] == "Renamed on the primary"
        status, _headers, page = browser.request(b, "GET", "/en/texts/")
        assert status == 200 and b"Renamed on the primary" in page
    finally:
        for server in servers:
            stop(server)

    # The logs are JSON lines on standard output, access log included.
    for log in logs:
        log.seek(0)
        lines = [line for line in log.read().splitlines() if line.startswith("{")]
        records = [json.loads(line) for line in lines]
        access = [r for r in records if r["logger"] == "gunicorn.access"]
        assert any(r.get("path") == "/healthz" and r.get("status") == 200 for r in access), lines[:20]
        assert any(r["logger"] == "gunicorn.error" and "Listening at" in r["message"] for r in records)
        log.close()
