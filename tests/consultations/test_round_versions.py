"""A round consults on a published version, and once it has contributions its version is fixed:
the round service refuses otherwise, whichever page or script asks."""

import pytest
from django.core.exceptions import ValidationError

from consultations import services
from consultations.models import Round
from drafts import services as text_services
from tests.consultations.fixtures import make_round, post_comment

pytestmark = pytest.mark.django_db


def refusal(round, by):
    with pytest.raises(ValidationError) as refused:
        services.round_save(round=round, by=by)
    return " ".join(refused.value.messages)


def test_a_round_consults_on_a_published_version(version, secretariat, drafter):
    round = make_round(version)
    round.version = text_services.version_copy(version=version, by=drafter, label="Revised")
    assert "publish version 2 first" in refusal(round, secretariat)
    assert Round.objects.get(pk=round.pk).version == version
    round.version, round.title_en = version, "Consultation on the preliminary text"
    services.round_save(round=round, by=secretariat)
    assert Round.objects.get(pk=round.pk).title_en == "Consultation on the preliminary text"


def test_once_contributions_exist_the_version_is_fixed(version, secretariat, drafter, delegate, state_org):
    round = make_round(version)
    post_comment(round, delegate, state_org, "Ours.")
    later = text_services.version_copy(version=version, by=drafter, label="Revised")
    round.version = text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    assert "its text cannot change" in refusal(round, secretariat)
    assert Round.objects.get(pk=round.pk).version == version
