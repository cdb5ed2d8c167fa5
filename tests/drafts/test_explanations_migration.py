"""Explanations of vote recorded as bare addresses (drafts 0007) become entries that can name
the State and a label (0008), and go back to addresses when the migration is reversed."""

import pytest

from drafts import services
from drafts.models import Adoption
from tests.migrations import latest, migrate

from .test_adoptions import english_block, states, version  # noqa: F401 (fixtures)


@pytest.mark.django_db(transaction=True)
def test_bare_addresses_become_entries_and_back(secretariat, states, version):
    typed = "https://example.org/cuba | Cuba | Explanation of vote\nhttps://example.org/general"
    adoption = services.adoption_record(
        by=secretariat, version=version, block=english_block(), body="hrc", explanations=typed
    )
    try:
        old = migrate([("drafts", "0007_adoption")])
        assert old.get_model("drafts", "Adoption").objects.get().explanations == [
            "https://example.org/cuba",
            "https://example.org/general",
        ]
    finally:
        migrate(latest())
    assert Adoption.objects.get(pk=adoption.pk).explanations == [
        {"address": "https://example.org/cuba", "state": None, "printed_as": "", "label": ""},
        {"address": "https://example.org/general", "state": None, "printed_as": "", "label": ""},
    ]
