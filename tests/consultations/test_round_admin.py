"""Rounds are set up in the admin, through their service: a round consults on a published
version, and once it has contributions its version is fixed."""

import pytest

from consultations import services
from consultations.models import Round
from drafts import services as text_services
from tests.consultations.conftest import make_round
from tests.drafts.test_frozen import form_values

pytestmark = pytest.mark.django_db


def post_change(client, round, **changes):
    url = f"/en/admin/consultations/round/{round.pk}/change/"
    return client.post(url, {**form_values(client.get(url).content), **changes, "_save": "Save"})


def test_a_round_consults_on_a_published_version(client, version, secretariat, drafter):
    round = make_round(version)
    draft = text_services.version_copy(version=version, by=drafter, label="Revised")
    client.force_login(secretariat)
    response = post_change(client, round, version=draft.pk)
    assert response.status_code == 200 and "publish version 2 first" in response.content.decode()
    assert Round.objects.get(pk=round.pk).version == version
    response = post_change(client, round, title_en="Consultation on the preliminary text")
    assert response.status_code == 302
    assert Round.objects.get(pk=round.pk).title_en == "Consultation on the preliminary text"


def test_once_contributions_exist_the_version_is_fixed(client, version, secretariat, drafter, delegate, state_org):
    round = make_round(version)
    services.comment_create(round=round, author=delegate, capacity_key=str(state_org.pk), text="Ours.", language="en")
    later = text_services.version_copy(version=version, by=drafter, label="Revised")
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    client.force_login(secretariat)
    response = post_change(client, round, version=later.pk)
    assert response.status_code == 200 and "its text cannot change" in response.content.decode()
    assert Round.objects.get(pk=round.pk).version == version
