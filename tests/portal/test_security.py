"""Hardening: deploy checks, security headers, CSP without inline scripts, HTTPS, Argon2."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import identify_hasher

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy_without_warnings():
    # A production environment: nothing inherited from the test run's own settings.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "SECURE_SSL_REDIRECT"}}
    env.update(DEBUG="0", SECRET_KEY="k" * 60 + "production-like-secret-key", ALLOWED_HOSTS="portal.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_security_headers_on_every_page(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "path", ["/en/", "/ar/accounts/login/", "/en/texts/", "/en/consultation/moderation/", "/en/me/"]
)
def test_no_inline_script_in_our_pages(client, secretariat, path):
    client.force_login(secretariat)
    html = client.get(path, follow=True).content.decode()
    scripts = re.findall(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S)
    assert all("src=" in attrs and not body.strip() for attrs, body in scripts), scripts
    assert not re.search(r"\son[a-z]+=\"", html), "inline event handler"


def test_https_redirect_and_hsts_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    from django.test import Client

    assert Client().get("/en/")["Location"] == "https://testserver/en/"
    assert Client().get("/healthz").status_code == 200  # load balancers probe over plain HTTP
    secure = Client().get("/en/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_passwords_are_hashed_with_argon2(settings):
    from portal import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS  # the real list, not the tests' fast one
    from tests.factories import UserFactory

    user = UserFactory()
    user.set_password("a-long-pass-phrase")
    assert identify_hasher(user.password).algorithm == "argon2"
