"""Where the time goes in the four code paths `make bench` measures (cProfile, in-process).

    scripts/with-postgres .venv/bin/python bench/profiling.py      # or with DATABASE_URL set

Needs DEBUG=0, SECRET_KEY and ALLOWED_HOSTS=testserver like `make bench`. Loads its own small
round (seed 9201, 20,000 comments) if it is missing, then profiles: the round's page, a comment
posted through the view, and 20,000 comments exported to CSV and to XLSX. Prints the functions
with the most cumulative and internal time for each, and writes them to bench/results/.
"""

import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "results"
os.environ.setdefault("VAR_DIR", str(WORK / "var"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
sys.path.insert(0, str(ROOT))
SEED, COMMENTS = 9201, 20_000


def report(name, profile, lines=25):
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(lines)
    stats.sort_stats("tottime").print_stats(lines)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / f"profile-{name}.txt").write_text(out.getvalue())
    print(f"==================== {name} ====================")
    print(out.getvalue())


def main():
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v0"], check=True, cwd=ROOT)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate_load.py"),
            "--provisions",
            "120",
            "--comments",
            str(COMMENTS),
            "--seed",
            str(SEED),
        ],
        check=True,
        cwd=ROOT,
    )
    import django

    django.setup()
    from django.test import Client, RequestFactory
    from django.utils import translation

    from consultations.exports.filters import SECRETARIAT, ExportFilterForm
    from consultations.exports.xlsx import write_workbook
    from consultations.models import Round
    from consultations.selectors.exports import Permalinks, columns_for, comment_export_rows
    from portal.models import Membership, MembershipRole, MembershipStatus, Organization, User
    from portal.tabular import csv_stream

    round = Round.objects.select_related("version").get(title_en=f"Load test round {SEED}")
    url = f"/en/consultation/rounds/{round.pk}/"
    client = Client()
    for _ in range(3):
        client.get(url)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        assert client.get(url).status_code == 200
    profile.disable()
    report("page", profile)

    user, _created = User.objects.get_or_create(
        email="profile-writer@example.invalid", defaults={"display_name": "Profile writer", "password": "!"}
    )
    organization = Organization.objects.filter(name_en__startswith=f"Load organization {SEED}-").first()
    Membership.objects.get_or_create(
        user=user,
        organization=organization,
        defaults={"role": MembershipRole.DELEGATE, "status": MembershipStatus.APPROVED},
    )
    writer = Client()
    writer.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    key = round.version.provisions.values_list("key", flat=True).first()
    post = f"/en/consultation/rounds/{round.pk}/comments/{key}/new/"
    counter = [0]

    def one_post():
        counter[0] += 1
        data = {
            "capacity": str(organization.pk),
            "kind": "comment",
            "position": "support",
            "text": "A profiled comment.",
            "language": "en",
            "confidentiality": "public",
            "client_token": f"profile-{os.getpid()}-{counter[0]}",
        }
        assert writer.post(post, data).status_code == 302

    for _ in range(3):
        one_post()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(30):
        one_post()
    profile.disable()
    report("post", profile)

    form = ExportFilterForm({"audience": SECRETARIAT})
    assert form.is_valid()
    request = RequestFactory().get("/")
    columns = columns_for(SECRETARIAT)

    def rows():
        return comment_export_rows(
            scope={"round": round},
            filters=form.cleaned_data,
            audience=SECRETARIAT,
            permalink=Permalinks(request),
        )

    with translation.override("en"):
        profile = cProfile.Profile()
        profile.enable()
        for _chunk in csv_stream(rows(), columns):
            pass
        profile.disable()
        report("csv", profile)
        profile = cProfile.Profile()
        profile.enable()
        with tempfile.TemporaryFile() as file:
            write_workbook(file, rows(), columns)
        profile.disable()
        report("xlsx", profile)


if __name__ == "__main__":
    main()
