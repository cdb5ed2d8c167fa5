"""A published or superseded version, and its provisions, never change, whatever the path:
the admin (change, history revert, recover), querysets, the collector's cascades, reversion's
revert() and, on PostgreSQL, raw SQL. Each path is tried and every byte compared."""

import json

import lxml.html
import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from reversion.models import Version as RevisionRecord

from drafts import services
from drafts.models import FrozenVersionError, Instrument, Provision, Version, VersionStatus

pytestmark = pytest.mark.django_db


def fingerprint(version):
    """Every column of the version and of each of its provisions, as stored."""
    rows = {
        "version": list(Version.objects.filter(pk=version.pk).values()),
        "provisions": list(Provision.objects.filter(version_id=version.pk).order_by("pk").values()),
    }
    return json.dumps(rows, default=str, sort_keys=True)


def form_values(html, index=-1):
    """What a browser would send back from a page's form (the admin's change form is the last)."""
    form = lxml.html.fromstring(html).forms[index]
    return dict(form.form_values())


@pytest.fixture
def superseded(drafter):
    """Version 1 (superseded by version 2), with a revision from while it was in editing. Its
    provisions are flat, like the 71 of the report: nothing else protects them from deletion."""
    instrument = services.instrument_create(by=drafter, slug="declaration", title="Draft declaration")
    version = services.version_create(instrument=instrument, by=drafter, label="Zero draft", original_language="en")
    for n in range(1, 4):
        services.provision_create(
            version=version, by=drafter, kind="operative", label=str(n), texts={"en": f"Text {n}."}
        )
    services.version_publish(version=version, by=drafter, untranslated_ok=True)
    services.version_publish(
        version=services.version_copy(version=version, by=drafter, label="Revised"), by=drafter, untranslated_ok=True
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.SUPERSEDED
    return version


def editing_revision(version):
    return next(
        record
        for record in RevisionRecord.objects.get_for_object(version)
        if record.field_dict["status"] == VersionStatus.EDITING
    )


class TestEveryPathLeavesAPublishedVersionUnchanged:
    def test_admin_history_revert(self, client, drafter, superseded):
        """Finding 1: posting the admin's revision form of a revision from before publication
        sent the version back to editing and deleted its provisions."""
        before = fingerprint(superseded)
        client.force_login(drafter)
        url = f"/en/admin/drafts/version/{superseded.pk}/history/{editing_revision(superseded).pk}/"
        page = client.get(url)
        # Post back the revision's form as the page gave it (the base commit did), or a made-up one.
        data = form_values(page.content) if page.status_code == 200 else {"title_en": "Changed", "status": "editing"}
        client.post(url, {**data, "_save": "Save"})
        assert fingerprint(superseded) == before
        assert page.status_code == 302 and "nothing is reverted" in client.get(page["Location"]).content.decode()
        assert client.get(f"/en/texts/declaration/v{superseded.number}/").status_code == 200

    def test_admin_history_revert_of_a_provision(self, client, drafter, superseded):
        provision = superseded.provisions.get(label="1")
        record = RevisionRecord.objects.get_for_object(provision).last()
        before = fingerprint(superseded)
        client.force_login(drafter)
        url = f"/en/admin/drafts/provision/{provision.pk}/history/{record.pk}/"
        response = client.post(url, {"text_en": "Changed", "label": "1", "kind": "paragraph", "_save": "Save"})
        assert response.status_code == 302 and response["Location"].endswith(f"/{provision.key}/history/")
        assert fingerprint(superseded) == before

    def test_admin_recover(self, client, drafter, superseded):
        editing = services.version_copy(version=superseded, by=drafter, label="Third")
        services.provision_delete(provision=editing.provisions.get(label="3"), by=drafter)
        deleted = RevisionRecord.objects.get_deleted(Provision).first()
        before = fingerprint(superseded), fingerprint(editing)
        client.force_login(drafter)
        for url in ("/en/admin/drafts/provision/recover/", f"/en/admin/drafts/provision/recover/{deleted.pk}/"):
            assert client.post(url, {"label": "3", "kind": "operative", "_save": "Save"}).status_code == 302
        assert (fingerprint(superseded), fingerprint(editing)) == before

    def test_admin_change_shows_no_save_and_refuses_a_post(self, client, drafter, superseded):
        before = fingerprint(superseded)
        client.force_login(drafter)
        url = f"/en/admin/drafts/version/{superseded.pk}/change/"
        html = client.get(url).content.decode()
        assert 'name="_save"' not in html and "/delete/" not in html
        assert client.post(url, {"title_en": "Changed", "_save": "Save"}).status_code == 403
        provision = superseded.provisions.get(label="1")
        page = client.get(f"/en/admin/drafts/provision/{provision.pk}/change/").content.decode()
        assert 'name="_save"' not in page
        assert client.post(f"/en/admin/drafts/provision/{provision.pk}/delete/", {"post": "yes"}).status_code in (
            302,
            403,
        )
        assert fingerprint(superseded) == before

    def test_querysets(self, superseded):
        before = fingerprint(superseded)
        attempts = [
            lambda: Version.objects.filter(pk=superseded.pk).update(status=VersionStatus.EDITING),
            lambda: Version.objects.filter(pk=superseded.pk).update(title_en="Changed"),
            lambda: Version.objects.filter(pk=superseded.pk).delete(),
            lambda: Provision.objects.filter(version=superseded).update(text_en="Changed"),
            lambda: Provision.objects.filter(version=superseded).delete(),
            lambda: Provision.objects.bulk_create(
                [Provision(version=superseded, position=9, kind="heading", label="X")]
            ),
            lambda: Provision.objects.filter(version__status=VersionStatus.EDITING).update(version=superseded),
        ]
        for attempt in attempts:
            with pytest.raises((FrozenVersionError, IntegrityError)), transaction.atomic():
                attempt()
        assert fingerprint(superseded) == before

    def test_model_save_and_delete(self, superseded):
        before = fingerprint(superseded)
        version = Version.objects.get(pk=superseded.pk)
        version.status = VersionStatus.EDITING
        provision = superseded.provisions.get(label="2")
        provision.text_en = "Changed"
        for attempt in (version.save, provision.save, provision.delete, lambda: Version.save_base(version, raw=True)):
            with pytest.raises(FrozenVersionError), transaction.atomic():
                attempt()
        assert fingerprint(superseded) == before

    def test_cascade_from_the_instrument(self, superseded):
        before = fingerprint(superseded)
        with pytest.raises((ProtectedError, FrozenVersionError)), transaction.atomic():
            Instrument.objects.get(pk=superseded.instrument_id).delete()
        with pytest.raises((ProtectedError, FrozenVersionError)), transaction.atomic():
            Version.objects.get(pk=superseded.pk).delete()
        assert fingerprint(superseded) == before

    def test_reversion_revert(self, superseded):
        """revert(delete=True) saves the old rows raw (save_base) and deletes what the revision
        lacks through the collector: both are refused."""
        before = fingerprint(superseded)
        with pytest.raises(FrozenVersionError), transaction.atomic():
            editing_revision(superseded).revision.revert(delete=True)
        provision = superseded.provisions.get(label="1")
        with pytest.raises(FrozenVersionError), transaction.atomic():
            RevisionRecord.objects.get_for_object(provision).last().revert()
        assert fingerprint(superseded) == before

    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the trigger is PostgreSQL's; SQLite keeps the Python guard"
    )
    def test_raw_sql_on_postgresql(self, superseded):
        before = fingerprint(superseded)
        statements = [
            ("UPDATE drafts_version SET status = 'editing' WHERE id = %s", [superseded.pk]),
            ("UPDATE drafts_version SET title_en = 'Changed' WHERE id = %s", [superseded.pk]),
            ("UPDATE drafts_version SET status = 'superseded', title_en = 'Changed' WHERE id = %s", [superseded.pk]),
            ("DELETE FROM drafts_version WHERE id = %s", [superseded.pk]),
            ("UPDATE drafts_provision SET text_en = 'Changed' WHERE version_id = %s", [superseded.pk]),
            ("DELETE FROM drafts_provision WHERE version_id = %s", [superseded.pk]),
            (
                "INSERT INTO drafts_provision (version_id, position, kind, label, key, heading, text, footnotes, "
                "revision, updated_at) VALUES (%s, 99, 'heading', 'X', 'pnew', '', '', '[]', 1, now())",
                [superseded.pk],
            ),
        ]
        for sql, params in statements:
            with (
                pytest.raises(IntegrityError, match="frozen|cannot be"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, params)
        assert fingerprint(superseded) == before

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
    def test_raw_sql_lets_the_publishing_transition_through(self, drafter, superseded):
        version = Version.objects.get(instrument=superseded.instrument, number=2)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE drafts_version SET status = 'superseded' WHERE id = %s", [version.pk])
        assert Version.objects.get(pk=version.pk).status == VersionStatus.SUPERSEDED


def test_publishing_is_the_one_change_a_frozen_version_takes(drafter, superseded):
    """Publishing the next version supersedes the current one: status alone changes."""
    current = Version.objects.get(instrument=superseded.instrument, number=2)
    before = json.loads(fingerprint(current))
    services.version_publish(
        version=services.version_copy(version=current, by=drafter, label="Third"), by=drafter, untranslated_ok=True
    )
    after = json.loads(fingerprint(current))
    assert after["version"][0].pop("status") == VersionStatus.SUPERSEDED
    before["version"][0].pop("status")
    assert after == before


def test_version_publish_asks_who_publishes(role_user, superseded, drafter):
    """Finding 8: version_publish published whatever `by` was."""
    editing = services.version_copy(version=superseded, by=drafter, label="Third")
    from django.core.exceptions import PermissionDenied

    for person in (role_user(), role_user("drafters"), role_user(is_superuser=True, is_staff=True)):
        with pytest.raises(PermissionDenied):
            services.version_publish(version=editing, by=person, untranslated_ok=True)
    editing.refresh_from_db()
    assert editing.status == VersionStatus.EDITING


class TestTheAdminOnlyReadsVersionsAndProvisions:
    """The drafting workspace writes versions and provisions; the admin shows them, offers no
    Save, Add, Delete or action, refuses a post, and links to the workspace."""

    def test_an_editing_version_and_its_provision(self, client, drafter, superseded):
        editing = services.version_copy(version=superseded, by=drafter, label="Third")
        provision = editing.provisions.get(label="1")
        before = fingerprint(editing)
        client.force_login(drafter)
        for url, workspace in [
            (f"/en/admin/drafts/version/{editing.pk}/", "/en/texts/declaration/v3/"),
            (f"/en/admin/drafts/provision/{provision.pk}/", f"/en/texts/declaration/v3/#{provision.key}"),
        ]:
            response = client.get(url + "change/")
            html = response.content.decode()
            assert response.status_code == 200 and f'href="{workspace}"' in html
            assert 'name="_save"' not in html and "/delete/" not in html
            assert client.post(url + "change/", {"text_en": "Changed", "_save": "Save"}).status_code == 403
            assert client.post(url + "delete/", {"post": "yes"}).status_code == 403
        for model in ("version", "provision"):
            assert client.get(f"/en/admin/drafts/{model}/add/").status_code == 403
            listing = client.get(f"/en/admin/drafts/{model}/").content.decode()
            assert 'name="action"' not in listing and f"/admin/drafts/{model}/add/" not in listing
        assert fingerprint(editing) == before
