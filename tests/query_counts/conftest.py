import pytest

from .world import World


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(version, round, questionnaire, state_org, delegate, ngo, ngo_member, expert, drafter, secretariat):
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
