import pytest

from tests.consultations.conftest import (  # noqa: F401 (fixtures used by `world`)
    delegate,
    expert,
    ngo,
    ngo_member,
    questionnaire,
    round,
    state_org,
    version,
)

from .world import World


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(version, round, questionnaire, state_org, delegate, ngo, ngo_member, expert, drafter, secretariat):  # noqa: F811
    return World(
        {
            "version": version,
            "round": round,
            "questionnaire": questionnaire,
            "state_org": state_org,
            "delegate": delegate,
            "ngo": ngo,
            "ngo_member": ngo_member,
            "expert": expert,
            "drafter": drafter,
            "secretariat": secretariat,
        }
    )
