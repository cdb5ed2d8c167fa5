"""The rounds form: the secretariat sets a round up with the version chosen by its label,
audiences as checkboxes, moderation per audience and dates in a time zone; bad input gets a
clear message and changes nothing. A round left open on a superseded version is closed, or
continued on the new version, in one step; its participants see a banner meanwhile."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations import services
from consultations.models import Round, RoundState
from drafts import services as text_services
from tests.consultations.fixtures import make_round

pytestmark = pytest.mark.django_db

NEW = "/en/consultation/rounds/new/"


def form(consulted_on, **changes):
    values = {
        "title": "Consultation on the revised text",
        "description": "",
        "version": consulted_on.pk,
        "opens_at": "2030-03-02T09:00",
        "closes_at": "2030-04-30T18:00",
        "time_zone": "Europe/Zurich",
        "audience_kinds": ["member_state", "ngo"],
        "premoderated_kinds": ["ngo"],
        "allows_paragraph_comments": "on",
        "allows_general_comments": "on",
        "allows_amendments": "on",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def test_the_secretariat_sets_a_round_up_with_its_form(client, version, secretariat, delegate, ngo_member):
    client.force_login(secretariat)
    page = client.get(NEW).content.decode()
    assert version.label in page and 'type="checkbox" name="audience_kinds" value="ngo"' in page
    response = client.post(NEW, form(version, time_zone="America/New_York"))
    round = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/consultation/rounds/{round.pk}/"
    assert round.version == version and round.title_en == "Consultation on the revised text"
    assert round.audience_kinds == ["member_state", "ngo"] and round.premoderated_kinds == ["ngo"]
    assert not round.audience_experts and not round.allows_submissions
    assert round.opens_at == datetime.datetime(2030, 3, 2, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    assert round.closes_at == datetime.datetime(2030, 4, 30, 18, 0, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_at": "2030-03-01T09:00"}, "would close before it opens"),
        (
            {"audience_kinds": ["academic"], "premoderated_kinds": []},
            "No one is accredited yet for Academic institution",
        ),
        ({"audience_kinds": [], "premoderated_kinds": []}, "Invite at least one audience"),
        ({"audience_kinds": ["States"]}, "Select a valid choice"),
        ({"premoderated_kinds": ["member_state", "nhri"]}, "National human rights institution is not invited"),
        ({"audience_experts": "on"}, "No independent expert is accredited yet"),
        ({"version": None}, "Choose the version, or the questionnaire"),
        ({"closes_at": "tomorrow"}, "Enter a valid date/time"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    client, version, secretariat, delegate, ngo_member, changes, message
):
    client.force_login(secretariat)
    response = client.post(NEW, form(version, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Consultation on the revised text" in page  # what was typed is kept
    assert not Round.objects.exists()


def test_only_the_secretariat_sets_rounds_up(client, version, drafter, delegate):
    for user in (drafter, delegate):
        client.force_login(user)
        assert client.get(NEW).status_code == 403
        assert client.post(NEW, form(version)).status_code == 403
    assert not Round.objects.exists()


def test_changing_a_round_keeps_audiences_that_were_already_invited(client, version, secretariat, delegate):
    round = make_round(version)  # every kind invited, most with nobody accredited yet
    client.force_login(secretariat)
    url = f"/en/consultation/rounds/{round.pk}/edit/"
    assert 'value="academic" id="id_audience_kinds_8" checked' in client.get(url).content.decode()
    kinds = list(round.audience_kinds)
    values = form(version, title="Renamed", audience_kinds=kinds, premoderated_kinds=[], audience_experts="on")
    assert client.post(url, values).status_code == 302
    assert Round.objects.get(pk=round.pk).title == "Renamed"


@pytest.fixture
def superseded(version, drafter, delegate, state_org):
    """An open round on version 1, and version 2 published since."""
    round = make_round(version, title_en="First round")
    later = text_services.version_copy(version=version, by=drafter, label="Revised text")
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    return round, later


def test_participants_see_a_banner_while_the_round_stays_open_on_an_old_version(client, superseded, delegate):
    round, later = superseded
    client.force_login(delegate)
    page = client.get(f"/en/consultation/rounds/{round.pk}/").content.decode()
    assert "This round consults on version 1, which version 2 has replaced." in page
    assert f"/en/texts/{later.instrument.slug}/v2/" in page


def test_the_console_closes_a_round_on_a_superseded_version(client, superseded, secretariat):
    round, later = superseded
    client.force_login(secretariat)
    console = client.get("/en/consultation/console/").content.decode()
    assert "First round" in console and "Close it and continue on version 2" in console
    response = client.post(f"/en/consultation/rounds/{round.pk}/close/", follow=True)
    assert "is closed" in response.content.decode()
    assert Round.objects.get(pk=round.pk).state == RoundState.CLOSED
    assert "First round" not in client.get("/en/consultation/console/").content.decode()


def test_the_console_continues_a_round_on_the_new_version_in_one_step(client, superseded, secretariat, delegate):
    round, later = superseded
    client.force_login(secretariat)
    response = client.post(f"/en/consultation/rounds/{round.pk}/continue/", {"version": later.pk})
    following = Round.objects.exclude(pk=round.pk).get()
    assert response["Location"] == f"/en/consultation/rounds/{following.pk}/"
    assert Round.objects.get(pk=round.pk).state == RoundState.CLOSED
    assert following.state == RoundState.OPEN and following.version == later
    assert (following.closes_at, following.audience_kinds, following.title_en) == (
        round.closes_at,
        round.audience_kinds,
        "First round",
    )


def test_closing_and_continuing_are_refused_with_a_reason(superseded, secretariat, drafter, version):
    round, later = superseded
    with pytest.raises(PermissionDenied):
        services.round_close(round=round, by=drafter)
    with pytest.raises(ValidationError, match="later published version"):
        services.round_continue(round=round, version=version, by=secretariat)
    services.round_close(round=round, by=secretariat)
    with pytest.raises(ValidationError, match="not open"):
        services.round_close(round=round, by=secretariat)
    assert Round.objects.count() == 1
