"""The text model: stable keys, frozen publications, full history, conflicts, bad input."""

import pytest
import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version as RevisionRecord

from drafts import services
from drafts.models import FrozenVersionError, Provision, VersionStatus

pytestmark = pytest.mark.django_db

LANGUAGE_COLUMNS = [f"text_{code.replace('-', '_')}" for code in settings.LANGUAGE_CODES]


@pytest.fixture
def instrument(drafter):
    return services.instrument_create(by=drafter, slug="solidarity", title="Draft declaration")


@pytest.fixture
def version(instrument, drafter):
    version = services.version_create(instrument=instrument, by=drafter, label="Zero draft", original_language="fr")
    pp1 = services.provision_create(
        version=version,
        by=drafter,
        kind="preamble",
        label="PP1",
        texts={"fr": "Réaffirmant la Charte,", "ar": "إذ يعيد تأكيد الميثاق،"},
    )
    services.provision_create(
        version=version, by=drafter, kind="preamble", label="PP2", texts={"fr": "Rappelant ses résolutions,"}
    )
    article = services.provision_create(
        version=version, by=drafter, kind="article", label="Article 1", texts={"fr": "Droit à la solidarité"}
    )
    paragraph = services.provision_create(
        version=version,
        by=drafter,
        kind="paragraph",
        label="1",
        parent=article,
        texts={"fr": "Toute personne a droit à la solidarité internationale."},
    )
    services.provision_create(
        version=version,
        by=drafter,
        kind="subparagraph",
        label="(a)",
        parent=paragraph,
        texts={"fr": "sans discrimination ;"},
    )
    assert pp1.position == 1
    return version


def test_new_version_copies_every_provision_keeping_keys_and_tree(version, drafter):
    services.version_publish(version=version, by=drafter, untranslated_ok=True)
    copy = services.version_copy(version=version, by=drafter, label="Revised draft")
    assert copy.status == VersionStatus.EDITING and copy.number == 2 and copy.based_on == version
    old = list(version.provisions.order_by("position"))
    new = list(copy.provisions.order_by("position"))
    assert [p.key for p in new] == [p.key for p in old]
    assert [p.label for p in new] == [p.label for p in old]
    assert [p.text_fr for p in new] == [p.text_fr for p in old]
    assert new[0].text_ar == "إذ يعيد تأكيد الميثاق،"
    by_key = {p.key: p for p in new}
    for original in old:
        if original.parent_id:
            copied = by_key[original.key]
            assert copied.parent.version == copy and copied.parent.key == original.parent.key


def test_publishing_the_new_version_supersedes_the_old_one(version, drafter):
    services.version_publish(version=version, by=drafter, untranslated_ok=True)
    copy = services.version_copy(version=version, by=drafter, label="Revised draft")
    copy = services.version_publish(version=copy, by=drafter, untranslated_ok=True)
    version.refresh_from_db()
    assert (version.status, copy.status) == (VersionStatus.SUPERSEDED, VersionStatus.PUBLISHED)


def test_a_version_missing_languages_is_published_only_when_asked(version, drafter):
    """A script that publishes without saying so gets the same question as the drafter's page."""
    with pytest.raises(ValidationError) as refused:
        services.version_publish(version=version, by=drafter)
    assert refused.value.code == "untranslated" and "Chinese" in refused.value.messages[0]
    version.refresh_from_db()
    assert (version.status, version.published_at) == (VersionStatus.EDITING, None)
    published = services.version_publish(version=version, by=drafter, untranslated_ok=True)
    assert published.status == VersionStatus.PUBLISHED


class TestPublishedVersionIsFrozen:
    @pytest.fixture
    def published(self, version, drafter):
        return services.version_publish(version=version, by=drafter, untranslated_ok=True)

    def test_service_refuses_every_write_with_a_message(self, published, drafter):
        provision = published.provisions.first()
        with pytest.raises(PermissionDenied, match="can no longer be changed"):
            services.provision_update(
                provision=provision, by=drafter, base_revision=provision.revision, text_fr="Changé"
            )
        with pytest.raises(PermissionDenied, match="can no longer be changed"):
            services.provision_create(
                version=published, by=drafter, kind="preamble", label="PP9", texts={"fr": "Ajout"}
            )
        with pytest.raises(PermissionDenied, match="can no longer be changed"):
            services.provision_delete(provision=published.provisions.last(), by=drafter)
        with pytest.raises(PermissionDenied, match="can no longer be changed"):
            services.version_publish(version=published, by=drafter, untranslated_ok=True)
        assert Provision.objects.get(pk=provision.pk).text_fr == "Réaffirmant la Charte,"

    def test_model_save_bulk_update_and_delete_are_refused(self, published):
        provision = published.provisions.first()
        provision.text_fr = "Changé"
        with pytest.raises(FrozenVersionError):
            provision.save()
        with pytest.raises(FrozenVersionError):
            Provision.objects.filter(version=published).update(text_fr="Changé")
        with pytest.raises(FrozenVersionError):
            Provision.objects.filter(pk=provision.pk).delete()
        assert Provision.objects.get(pk=provision.pk).text_fr == "Réaffirmant la Charte,"

    def test_admin_cannot_change_a_published_provision(self, published, client, drafter):
        client.force_login(drafter)
        provision = published.provisions.first()
        url = f"/en/admin/drafts/provision/{provision.pk}/change/"
        response = client.post(
            url,
            {
                "label": "PP1",
                "kind": "preamble",
                "text_fr": "Changé",
                "position": 1,
                "version": published.pk,
                "base_revision": provision.revision,
            },
        )
        assert response.status_code == 403
        assert Provision.objects.get(pk=provision.pk).text_fr == "Réaffirmant la Charte,"


def test_every_revision_records_all_six_languages_with_user_and_reason(version, drafter):
    provision = version.provisions.get(label="PP1")
    services.provision_update(
        provision=provision, by=drafter, base_revision=provision.revision, reason="Arabic revised", text_ar="نص منقح"
    )
    records = RevisionRecord.objects.get_for_object(provision)
    assert records.count() == 2
    for record in records:
        for name in LANGUAGE_COLUMNS:
            assert name in record.field_dict
    latest = records.first()
    assert latest.field_dict["text_ar"] == "نص منقح"
    assert latest.field_dict["text_fr"] == "Réaffirmant la Charte,"
    assert (latest.revision.user, latest.revision.comment) == (drafter, "Arabic revised")
    for model_record in RevisionRecord.objects.get_for_object(version):
        assert {"label_ar", "label_fr", "changelog_zh_hans"} <= set(model_record.field_dict)


def test_restore_makes_a_new_revision_and_keeps_the_old_ones(version, drafter):
    provision = version.provisions.get(label="PP1")
    services.provision_update(provision=provision, by=drafter, base_revision=1, text_fr="Première retouche")
    oldest = RevisionRecord.objects.get_for_object(provision).last()
    services.provision_restore(provision=provision, revision_record=oldest, by=drafter)
    provision.refresh_from_db()
    assert provision.text_fr == "Réaffirmant la Charte,"
    records = list(RevisionRecord.objects.get_for_object(provision))
    assert len(records) == 3
    assert "Restored" in records[0].revision.comment
    assert records[1].field_dict["text_fr"] == "Première retouche"


def test_stale_edit_is_refused_and_nothing_is_lost(version, drafter, role_user):
    colleague = role_user("drafters", mfa=True)
    provision = version.provisions.get(label="PP2")
    services.provision_update(provision=provision, by=colleague, base_revision=1, text_fr="Version du collègue")
    with pytest.raises(services.EditConflict) as conflict:
        services.provision_update(provision=provision, by=drafter, base_revision=1, text_fr="Ma version")
    assert conflict.value.current.text_fr == "Version du collègue"
    assert str(colleague) in conflict.value.messages[0]
    provision.refresh_from_db()
    assert (provision.text_fr, provision.revision) == ("Version du collègue", 2)


def test_stale_edit_through_the_page_shows_their_change_and_keeps_mine(version, drafter, role_user, client):
    colleague = role_user("drafters", mfa=True)
    provision = version.provisions.get(label="PP2")
    services.provision_update(
        provision=provision, by=colleague, base_revision=1, text_fr="Rappelant toutes ses résolutions,"
    )
    client.force_login(drafter)
    url = f"/fr/texts/solidarity/v1/{provision.key}/edit/"
    data = {"base_revision": 1, "kind": "preamble", "label": "PP2", "text_fr": "Rappelant ses résolutions pertinentes,"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rappelant ses résolutions pertinentes," in html  # my text is still in the form
    assert "<del>toutes </del>" in html or "<del>" in html  # their change shown as a redline
    provision.refresh_from_db()
    assert provision.text_fr == "Rappelant toutes ses résolutions,"


class TestBadInput:
    def test_publishing_an_empty_version_is_refused(self, instrument, drafter):
        empty = services.version_create(instrument=instrument, by=drafter, label="Empty", original_language="en")
        with pytest.raises(ValidationError, match="empty version"):
            services.version_publish(version=empty, by=drafter, untranslated_ok=True)
        empty.refresh_from_db()
        assert empty.status == VersionStatus.EDITING

    def test_duplicate_label_at_the_same_level_is_refused(self, version, drafter):
        with pytest.raises(ValidationError) as error:
            services.provision_create(
                version=version, by=drafter, kind="preamble", label="PP2", texts={"fr": "Doublon"}
            )
        assert "already used" in str(error.value.message_dict["label"])
        assert version.provisions.filter(label="PP2").count() == 1

    def test_same_label_under_different_parents_is_fine(self, version, drafter):
        article = services.provision_create(
            version=version, by=drafter, kind="article", label="Article 2", texts={"fr": "Deux"}
        )
        services.provision_create(
            version=version, by=drafter, kind="paragraph", label="1", parent=article, texts={"fr": "Un"}
        )

    def test_parent_in_another_version_is_refused(self, version, instrument, drafter):
        other = services.version_create(instrument=instrument, by=drafter, label="Other", original_language="fr")
        count = other.provisions.count()
        with pytest.raises(ValidationError) as error:
            services.provision_create(
                version=other,
                by=drafter,
                kind="paragraph",
                label="1",
                parent=version.provisions.first(),
                texts={"fr": "x"},
            )
        assert "another version" in str(error.value.message_dict["parent"])
        assert other.provisions.count() == count

    def test_cycle_in_parents_is_refused(self, version, drafter):
        article = version.provisions.get(label="Article 1")
        paragraph = version.provisions.get(label="1")
        with pytest.raises(ValidationError) as error:
            services.provision_update(provision=article, by=drafter, base_revision=article.revision, parent=paragraph)
        assert "cycle" in str(error.value.message_dict["parent"])
        article.refresh_from_db()
        assert article.parent is None

    def test_messages_are_translated(self, instrument, drafter):
        from django.utils import translation

        empty = services.version_create(instrument=instrument, by=drafter, label="Empty", original_language="en")
        with translation.override("fr"), pytest.raises(ValidationError) as error:
            services.version_publish(version=empty, by=drafter, untranslated_ok=True)
        assert "vide" in error.value.messages[0]


class TestEditingOperations:
    def test_split_and_merge(self, version, drafter):
        paragraph = version.provisions.get(label="1")
        text = paragraph.text_fr
        new = services.provision_split(
            provision=paragraph, by=drafter, language="fr", offset=text.index("à la"), new_label="2"
        )
        paragraph.refresh_from_db()
        assert paragraph.text_fr == "Toute personne a droit"
        assert new.text_fr == "à la solidarité internationale." and new.parent == paragraph.parent
        assert new.position == paragraph.position + 1
        merged = services.provision_merge(provision=paragraph, by=drafter)
        assert merged.text_fr == text
        assert not Provision.objects.filter(pk=new.pk).exists()

    def test_delete_keeps_the_text_in_history(self, version, drafter):
        pp2 = version.provisions.get(label="PP2")
        services.provision_delete(provision=pp2, by=drafter, reason="Not needed")
        assert not version.provisions.filter(label="PP2").exists()
        deleted = RevisionRecord.objects.get_deleted(Provision)
        assert any(record.field_dict["text_fr"] == "Rappelant ses résolutions," for record in deleted)

    def test_delete_with_children_is_refused(self, version, drafter):
        with pytest.raises(ValidationError, match="sub-provisions"):
            services.provision_delete(provision=version.provisions.get(label="Article 1"), by=drafter)


def test_reversion_registration_covers_translated_fields():
    from drafts.models import Instrument, Version

    for model, fields in (
        (Provision, ["text", "heading", "footnotes"]),
        (Version, ["label", "changelog"]),
        (Instrument, ["title"]),
    ):
        registered = reversion.revisions._get_options(model).fields
        for field in fields:
            for code in settings.LANGUAGE_CODES:
                assert f"{field}_{code.replace('-', '_')}" in registered
