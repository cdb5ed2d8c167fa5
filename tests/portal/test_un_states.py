"""Checks for the UN Member/observer State data in portal.un_states."""

from collections import Counter

import pytest
from django_countries.data import COUNTRIES

from portal.un_states import MEMBER_STATES, OBSERVER_STATES

GROUPS = {"african", "asia_pacific", "eastern_european", "grulac", "weog", None}


def test_member_state_total():
    assert len(MEMBER_STATES) == 193


def test_observer_states():
    assert OBSERVER_STATES == {"PS": "asia_pacific", "VA": None}


def test_no_overlap_between_members_and_observers():
    assert not set(MEMBER_STATES) & set(OBSERVER_STATES)


def test_group_values_are_known():
    assert set(MEMBER_STATES.values()) <= GROUPS
    assert set(OBSERVER_STATES.values()) <= GROUPS


def test_counts_per_group():
    assert Counter(MEMBER_STATES.values()) == {
        "african": 54,
        "asia_pacific": 53,
        "eastern_european": 23,
        "grulac": 33,
        "weog": 29,
        None: 1,
    }


@pytest.mark.parametrize(
    "code, group",
    [
        ("KI", None),
        ("TR", "weog"),
        ("US", "weog"),
        ("IL", "weog"),
        ("CY", "asia_pacific"),
    ],
)
def test_real_exceptions(code, group):
    assert MEMBER_STATES[code] == group


def test_every_code_is_a_known_iso_code():
    codes = set(MEMBER_STATES) | set(OBSERVER_STATES)
    unknown = sorted(code for code in codes if code not in COUNTRIES)
    assert unknown == []


def test_codes_are_upper_case_alpha2():
    for code in list(MEMBER_STATES) + list(OBSERVER_STATES):
        assert len(code) == 2 and code.isalpha() and code.isupper()
