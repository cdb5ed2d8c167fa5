"""Row ids read from forms and addresses."""

MAX_DATABASE_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL's bigint hold


def database_id(value) -> int | None:
    """`value` as a row id, or None if it cannot be one (not ASCII digits, zero, or beyond what a
    database integer holds): a tampered id is then refused like an unknown one, never a crash."""
    text = str(value)
    if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_DATABASE_ID:
        return int(text)
    return None


def database_ids(values) -> list[int]:
    """The values that can be row ids, as ids (the others dropped)."""
    return [number for number in map(database_id, values) if number is not None]
