"""`manage.py backup` and `manage.py restore` bring back every comment, version, provision and
history revision exactly, on the database the suite runs on (a scratch database of its own:
the commands run in other processes, as an operator would run them)."""

import hashlib
import json

from reversion.models import Revision
from reversion.models import Version as RevisionVersion

from consultations.models import Comment
from drafts.models import Provision, Version
from tests.deploy.scratch import connected, environment, manage, python, scratch  # noqa: F401 - scratch is a fixture

FILL = r"""
from consultations import services as consultations
from consultations.models import Round
from drafts import services as drafts
from portal.models import Membership, MembershipRole, MembershipStatus, Organization, User
from bench.load import generate_load
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from portal import roles

generate_load(provisions=4, comments=12, organizations=3, seed=4242)

# History: an instrument, a version and provisions written through the services (each write a
# django-reversion revision), one of them edited twice.
drafter = User.objects.create(email="backup-drafter@example.invalid", display_name="Drafter", password="!")
drafter.groups.add(Group.objects.get(name=roles.DRAFTERS))
TOTP.activate(drafter, "JBSWY3DPEHPK3PXP")  # drafters write texts once they have a second factor
instrument = drafts.instrument_create(by=drafter, slug="backup-test", title="Projet de déclaration « solidarité »", language="fr")
version = drafts.version_create(instrument=instrument, by=drafter, label="Avant-projet", original_language="fr")
texts = [
    {"fr": "Toute personne a droit à la solidarité internationale.", "ar": "لكل شخص الحق في التضامن الدولي.", "zh-hans": "人人有权享有国际团结。"},
    {"fr": "Les États coopèrent\u00a0; nul n’en est exclu.", "ru": "Государства сотрудничают.", "es": "Los Estados cooperan."},
    {"en": "Everyone shall enjoy the right to international solidarity.\n\nSecond paragraph."},
]
provisions = [drafts.provision_create(version=version, by=drafter, kind="operative", label=str(n), texts=t) for n, t in enumerate(texts, 1)]
first = provisions[0]
first = drafts.provision_update(provision=first, by=drafter, base_revision=first.revision, text_fr="Toute personne et tous les peuples ont droit à la solidarité internationale.", reason="Correction")
drafts.provision_update(provision=first, by=drafter, base_revision=first.revision, text_ar="لكل شخص ولجميع الشعوب الحق في التضامن الدولي.")

# Comments through the service (each a revision too), in three scripts.
round = Round.objects.get(title_en="Load test round 4242")
organization = Organization.objects.filter(name_en__startswith="Load organization 4242-").order_by("pk").first()
delegate = User.objects.create(email="backup-delegate@example.invalid", display_name="Delegate", password="!")
Membership.objects.create(user=delegate, organization=organization, role=MembershipRole.DELEGATE, status=MembershipStatus.APPROVED)
for n, (language, text) in enumerate([("fr", "Nous soutenons ce paragraphe."), ("ar", "نؤيد هذه الفقرة."), ("zh-hans", "我们支持本段。")]):
    consultations.comment_create(round=round, author=delegate, capacity_key=str(organization.pk), text=text, language=language, client_token=f"backup-{n}")
"""

DAMAGE = r"""
from django.db import connection, transaction
from consultations.models import Comment

with transaction.atomic(), connection.cursor() as cursor:
    # Texts and history refuse changes through the models: go around them, as a bad script or a
    # mistaken admin would. (Published texts refuse even raw SQL on PostgreSQL: the damage
    # reaches the version still in editing.)
    editing = "version_id IN (SELECT id FROM drafts_version WHERE status = 'editing')"
    cursor.execute(f"UPDATE drafts_provision SET text_fr = 'altéré', text_ar = '' WHERE id % 2 = 0 AND {editing}")
    cursor.execute("UPDATE drafts_version SET label_en = 'tampered' WHERE status = 'editing'")
    cursor.execute("DELETE FROM reversion_version WHERE revision_id IN (SELECT id FROM reversion_revision WHERE id % 2 = 0)")
    cursor.execute("DELETE FROM reversion_revision WHERE id % 2 = 0")
    cursor.execute("UPDATE consultations_comment SET text = 'tampered' WHERE id % 3 = 0")
    cursor.execute("DELETE FROM consultations_comment WHERE depth > 0 AND client_token = ''")
extra = Comment.objects.order_by("pk").first()
extra.pk = None
extra.client_token = "written-after-the-backup"
extra.save()
"""


def fingerprint(url):
    """Per table: its number of rows and hashes of all its columns and of its texts, read by the
    test itself from the database the commands work on."""
    result = {}
    with connected(url) as connection:
        for model in (Comment, Version, Provision, Revision, RevisionVersion):
            table = model._meta.db_table
            texts = [
                f.column for f in model._meta.concrete_fields if f.get_internal_type() in ("TextField", "CharField")
            ]
            rows = connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            text_rows = connection.execute(f"SELECT {', '.join(texts)} FROM {table} ORDER BY id").fetchall()
            result[table] = {
                "rows": len(rows),
                "all_columns": hashlib.sha256(repr(rows).encode()).hexdigest(),
                "text_columns": hashlib.sha256(json.dumps(text_rows, ensure_ascii=False).encode()).hexdigest(),
            }
    return result


def test_backup_and_restore_bring_back_every_row_exactly(scratch, tmp_path):  # noqa: F811
    database = scratch.migrated("backup")
    env = environment(database, tmp_path / "var")
    python(env, FILL)
    before = fingerprint(database)
    assert before["consultations_comment"]["rows"] > 12
    assert before["reversion_revision"]["rows"] >= 8 and before["reversion_version"]["rows"] >= 8

    archive = tmp_path / "portal.backup"
    made = manage(env, "backup", str(archive))
    assert archive.is_file() and "Backed up" in made.stdout, made.stdout
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name], "no temporary file is left behind"

    python(env, DAMAGE)
    damaged = fingerprint(database)
    for table in before:
        assert damaged[table] != before[table], f"the damage should have reached {table}"

    done = manage(env, "restore", str(archive), "--no-input")
    assert "Restored" in done.stdout, done.stdout
    assert fingerprint(database) == before

    # The database as it was just before the restore (damaged) was kept beside the archive,
    # and is itself a backup that restores.
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("before-restore-")]
    assert len(kept) == 1 and str(kept[0]) in done.stdout
    manage(env, "restore", str(kept[0]), "--no-input", "--no-safety-backup")
    assert fingerprint(database) == damaged


def test_bad_archives_and_existing_files_are_refused_without_touching_anything(scratch, tmp_path):  # noqa: F811
    database = scratch.migrated("refuse")
    env = environment(database, tmp_path / "var")
    before = fingerprint(database)
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a backup")
    refused = manage(env, "restore", str(not_a_backup), "--no-input", check=False)
    assert refused.returncode != 0 and "not a backup" in refused.stderr
    other_kind = tmp_path / "other.backup"
    other_kind.write_bytes((b"PGDMP" if scratch.vendor == "sqlite" else b"SQLite format 3\x00") + b"\x00" * 100)
    refused = manage(env, "restore", str(other_kind), "--no-input", check=False)
    assert refused.returncode != 0 and "backup, but" in refused.stderr
    truncated = tmp_path / "truncated.backup"
    manage(env, "backup", str(truncated))
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 3])
    refused = manage(env, "restore", str(truncated), "--no-input", check=False)
    assert refused.returncode != 0, refused.stdout
    assert fingerprint(database) == before

    again = manage(env, "backup", str(truncated), check=False)
    assert again.returncode != 0 and "already exists" in again.stderr
    good = tmp_path / "good.backup"
    manage(env, "backup", str(good))
    cancelled = manage(env, "restore", str(good), check=False, input="no\n")
    assert cancelled.returncode != 0 and "cancelled" in cancelled.stderr
    assert fingerprint(database) == before
