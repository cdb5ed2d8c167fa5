"""The rule every service applies to what a person typed (portal/text_checks.clean_text), fuzzed
on its own: no database, so many examples, each a word with one character of any kind at its
start, middle or end, or a mix of scripts, controls and marks, or a text right at the limit.
The oracle (tests/security/fuzzing.expected) is written from Unicode's data, not from
clean_text's character classes: a class that is wrong is wrong in one place only."""

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from portal.text_checks import clean_text

from .fuzzing import accepts, around, expected, fuzz, mixed_text, one_odd_character, refuses, shown, stored_as

LIMIT = 40


@given(text=st.one_of(one_odd_character(), mixed_text(), around(LIMIT)), required=st.booleans())
@fuzz(max_examples=2000)
def test_clean_text_stores_exactly_or_refuses(tally, text, required):
    tally["fuzz_examples"] += 1
    outcome = expected(text, LIMIT, required=required)
    try:
        cleaned = clean_text(text, field_name="text", max_length=LIMIT, required=required)
    except ValidationError:
        assert not accepts(outcome), f"{shown(text)} was refused"
        return
    assert not refuses(outcome), f"{shown(text)} was accepted as {shown(cleaned)}"
    assert stored_as(cleaned, outcome), f"{shown(text)} became {shown(cleaned)}"
