"""The places that bypass Django's protections are few and reviewed: HTML marked safe, SQL
written as text, subprocesses, CSRF exemptions, templates that turn escaping off. bandit.yaml
skips the corresponding rules for the reviewed sites; this test pins them, so a new one fails
here until someone has reviewed it and added it below (with the reason)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("portal", "drafts", "consultations")

# pattern -> {file: reason it is safe}
REVIEWED = {
    r"\bmark_safe\(": {
        "drafts/redline.py": "<ins>/<del> around words escaped one by one",
        "consultations/selectors/search.py": "<mark> around snippet pieces escaped one by one",
        "drafts/views/reading.py": "a rendered, autoescaped template, cached",
        "portal/templatetags/portal_tags.py": "constant <bdi> tags around pieces escaped by format_html",
    },
    r"\bSafeString\(|\|safe\b|\bformat_html\(": {
        "portal/templatetags/portal_tags.py": "lang/dir attributes from known language codes; every value escaped by format_html",
        "consultations/templatetags/consultation_tags.py": "<bdi> around a person's name or note, escaped by format_html",
    },
    r"\.raw\(|\.extra\(|RawSQL\(|cursor\.execute\(": {
        "portal/backups.py": "COUNT(*) of tables named by the models' db_table, quoted with quote_name",
        "portal/views/health.py": "the health check's constant SELECT 1",
        "consultations/services/campaigns.py": "a regrouping's bulk inserts and updates: table and column names from the models, quoted with quote_name; every value a parameter",
    },
    r"\bsubprocess\b|os\.system\(|os\.popen\(": {
        "portal/backups.py": "pg_dump/pg_restore with an argument list, no shell, password in the environment",
    },
    r"csrf_exempt": {},
    r"shell=True": {},
    r"\beval\(|\bexec\(|pickle\.loads?\(|yaml\.load\(|marshal\.loads?\(": {},
}
TEMPLATE_REVIEWED = {
    # Plain-text email bodies and subjects: never HTML, so nothing to escape (the HTML part
    # escapes the body once; a subject is made one line before sending).
    "{% autoescape off %}": {
        *(
            f"templates/consultations/email/{kind}_subject.txt"
            for kind in (
                "cosign_request",
                "decision",
                "new_version",
                "reply",
                "round_closing",
                "round_opening",
                "followed",
                "receipt",
            )
        ),
        "templates/portal/email/invitation.txt",
        "templates/portal/email/invitation_subject.txt",
        "templates/portal/email/accreditation.txt",
        "templates/portal/email/accreditation_subject.txt",
        "templates/consultations/email/cosign_request.txt",
        "templates/consultations/email/decision.txt",
        "templates/consultations/email/followed.txt",
        "templates/consultations/email/receipt.txt",
        "templates/consultations/email/new_version.txt",
        "templates/consultations/email/reply.txt",
        "templates/consultations/email/round_closing.txt",
        "templates/consultations/email/round_opening.txt",
    },
    "|safe": set(),
    "{% csrf_exempt": set(),
}


def python_files():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


@pytest.mark.parametrize("pattern", sorted(REVIEWED))
def test_reviewed_python_sites_only(pattern, tally):
    tally["static_checks"] += 1
    found = {
        str(path.relative_to(ROOT)) for path in python_files() if re.search(pattern, path.read_text(encoding="utf-8"))
    }
    assert found <= set(REVIEWED[pattern]), (
        f"new use of {pattern!r} to review: {sorted(found - set(REVIEWED[pattern]))}"
    )


@pytest.mark.parametrize("needle", sorted(TEMPLATE_REVIEWED))
def test_reviewed_template_sites_only(needle, tally):
    tally["static_checks"] += 1
    found = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.*")
        if needle in path.read_text(encoding="utf-8")
    }
    assert found <= TEMPLATE_REVIEWED[needle], (
        f"new use of {needle!r} to review: {sorted(found - TEMPLATE_REVIEWED[needle])}"
    )
