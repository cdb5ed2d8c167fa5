"""The adoption block that ends an adopted resolution, in the six languages:

    53rd meeting
    14 July 2023
    [Adopted by a recorded vote of 31 to 14, with 2 abstentions. The voting was as follows:
    In favour:
    Algeria, Argentina, … and Viet Nam
    Against:
    …
    Abstaining:
    …
    Absent:
    …]

It is taken out of the text before the structure is read and returned as data: the meeting,
the date, the method (without a vote, or a recorded vote), the counts and the States listed
under each vote (in favour, against, abstaining, and absent or non-voting where the record
lists them: the first sentence never counts those), their names exactly as written. The
whole block is kept as printed in `text`. Matching the names to the directory of States is
left to the adoption record.
"""

import re

from .dates import DATE, parse_date
from .labels import ascii_digits
from .text import normalize_space

_MEETING = re.compile(
    r"\d{1,4}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting|\d{1,4}(?:e|ème)\s+séance(?:\s+plénière)?"
    r"|\d{1,4}\s*[ªa]\.?\s+sesión(?:\s+plenaria)?|\d{1,4}-(?:е|м)\s+(?:пленарное\s+)?заседание"
    r"|الجلسة\s+(?:العامة\s+)?\d{1,4}|第\s*\d{1,4}\s*次(?:全体)?会议",
    re.I,
)
# Some copies print the meeting and its date on one line: "48th meeting 25 March 2011".
_MEETING_DATE = re.compile(rf"(?P<meeting>{_MEETING.pattern})\s+(?P<date>{DATE.pattern})", re.I)
_WITHOUT_VOTE = re.compile(
    r"without a vote|sans (?:être mise aux voix|vote)|sin (?:someterla a )?votación|без голосования|دون تصويت|未经表决",
    re.I,
)
_RECORDED_VOTE = re.compile(r"recorded vote|vote enregistré|votación registrada|заносим|بتصويت مسجل|记录表决", re.I)
_NO_ABSTENTION = re.compile(
    r"no abstentions?|sans abstention|sin abstenciones|при отсутствии воздержавшихся|دون امتناع|无弃权", re.I
)
# The vote headings, in the order they are printed.
_VOTES = (
    ("in_favour", r"In favour|Ont voté pour|Votos a favor|Голосовали за|المؤيدون|赞成"),
    ("against", r"Against|Ont voté contre|Votos en contra|Голосовали против|المعارضون|反对"),
    ("abstaining", r"Abstaining|Se sont abstenus|Abstenciones|Воздержались|الممتنعون(?:\s+عن\s+التصويت)?|弃权"),
    # Printed by the General Assembly and councils, never counted in the block's first sentence.
    (
        "absent",
        r"Absent|Absents|Ausentes|Отсутствовали|الغائبون|缺席"
        r"|Non-voting|Did not vote|N[’']ont pas participé au vote|No participaron en la votación"
        r"|Не участвовали в голосовании|لم تشارك في التصويت|未参加表决",
    ),
)
_VOTE_HEADING = re.compile(
    "|".join(rf"(?P<{name}>(?:{words})\s*[:：])" for name, words in _VOTES),
)
_SEPARATORS = re.compile(r"\s*[,،、，;؛]\s*")
_LAST_CONJUNCTION = re.compile(r"\s+(?:and|et|y|e|и)\s+|\s*和\s*")
_OPENING = "[]"
_MAX_LINES = 400  # the longest lists of States fill a page or two


def split_adoption(lines: list[str]) -> tuple[list[str], dict, list[int]]:
    """The lines with the adoption block blanked out (line numbers stay right), the block's
    data ({} when there is none), and the numbers of the lines it took."""
    normalized = [normalize_space(line) for line in lines]
    start = _start(normalized)
    if start is None:
        return lines, {}, []
    end = _end(normalized, start)
    taken = [index for index in range(start, end + 1) if normalized[index]]
    data = _read([normalized[index] for index in taken])
    kept = [("" if start <= index <= end else line) for index, line in enumerate(lines)]
    return kept, data, [index + 1 for index in taken]


def _start(lines: list[str]) -> int | None:
    """The meeting line of the last adoption block, or its opening bracket."""
    for index in range(len(lines) - 1, 0, -1):
        text = lines[index]
        if _MEETING.fullmatch(ascii_digits(text)) and _followed_by_date(lines, index):
            return index
        if _MEETING_DATE.fullmatch(ascii_digits(text)):
            return index
        if text[:1] in _OPENING and (_WITHOUT_VOTE.search(text) or _RECORDED_VOTE.search(text)):
            before = _previous_text(lines, index)
            if before is not None and _MEETING_DATE.fullmatch(ascii_digits(lines[before])):
                return before
            if before is not None and DATE.fullmatch(ascii_digits(lines[before])):
                meeting = _previous_text(lines, before)
                if meeting is not None and _MEETING.fullmatch(ascii_digits(lines[meeting])):
                    return meeting
                return before
            return index
    return None


def _followed_by_date(lines: list[str], index: int) -> bool:
    following = next((i for i in range(index + 1, min(index + 4, len(lines))) if lines[i]), None)
    return following is not None and bool(DATE.fullmatch(ascii_digits(lines[following])))


def _previous_text(lines: list[str], index: int) -> int | None:
    return next((i for i in range(index - 1, max(index - 4, -1), -1) if lines[i]), None)


def _end(lines: list[str], start: int) -> int:
    """The line closing the bracket, or the date line when the block has no bracket."""
    opened = None
    last_text = start
    for index in range(start, min(start + _MAX_LINES, len(lines))):
        text = lines[index]
        if not text:
            continue
        if opened is None and text[:1] in _OPENING:
            opened = index
        elif opened is None and index > start and not DATE.fullmatch(ascii_digits(text)):
            return last_text  # no bracket: meeting and date only
        last_text = index
        if opened is not None and text.rstrip(".")[-1:] in _OPENING and (index > opened or len(text) > 1):
            return index
    return last_text


def _read(lines: list[str]) -> dict:
    text = "\n".join(lines)
    data: dict = {"text": text}
    meeting = next((line for line in lines if _MEETING.fullmatch(ascii_digits(line))), None)
    date_line = next((line for line in lines if DATE.fullmatch(ascii_digits(line))), None)
    both = next((_MEETING_DATE.fullmatch(ascii_digits(line)) for line in lines[:1]), None)
    if both:
        meeting, date_line = lines[0][: both.end("meeting")], lines[0][both.start("date") :]
    if meeting:
        data["meeting"] = meeting
    if date_line:
        data["date_text"] = date_line
        data["date"] = parse_date(date_line).isoformat() if parse_date(date_line) else ""
    statement = " ".join(lines[next((i for i, line in enumerate(lines) if line[:1] in _OPENING), len(lines)) :])
    if _WITHOUT_VOTE.search(statement):
        data["method"] = "without_vote"
    elif _RECORDED_VOTE.search(statement) or _VOTE_HEADING.search(statement):
        data["method"] = "recorded_vote"
        data["counts"] = _counts(statement)
        data["votes"] = _votes(statement)
    return data


def _counts(statement: str) -> dict:
    first_heading = _VOTE_HEADING.search(statement)
    sentence = ascii_digits(statement[: first_heading.start() if first_heading else len(statement)])
    numbers = [int(number) for number in re.findall(r"\d+", sentence)]
    counts = dict(zip(("in_favour", "against", "abstaining"), numbers, strict=False))
    if len(numbers) == 2 and _NO_ABSTENTION.search(sentence):
        counts["abstaining"] = 0
    return counts


def _votes(statement: str) -> dict:
    headings = list(_VOTE_HEADING.finditer(statement))
    votes = {}
    for heading, following in zip(headings, [*headings[1:], None][: len(headings)], strict=True):
        listed = statement[heading.end() : following.start() if following else len(statement)]
        listed = listed.strip().rstrip("]").strip().rstrip(".。").strip()
        votes[heading.lastgroup] = _names(listed)
    return votes


def _names(listed: str) -> list[str]:
    """ "Algeria, Chile and Viet Nam" → ["Algeria", "Chile", "Viet Nam"], names as written.
    Only the last item is cut at its conjunction, at the first one ("Sudan and Trinidad and
    Tobago" → "Sudan", "Trinidad and Tobago"); Arabic names keep their "و" as printed."""
    if not listed:
        return []
    names = [name for name in _SEPARATORS.split(listed) if name]
    last = _LAST_CONJUNCTION.split(names.pop(), maxsplit=1)
    return names + [name for name in last if name]


def read_adoption_block(text: str) -> dict:
    """An adoption block on its own (as imported, or typed or pasted by the secretariat), read
    as split_adoption reads it, with `lines`: for each vote, the line (from 1) printing each
    name, so that a problem with a name can say where it is."""
    lines = [normalize_space(line) for line in text.splitlines()]
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line]
    data = _read([line for _number, line in numbered])
    data["lines"] = {}
    for vote, names in data.get("votes", {}).items():
        heading = next((n for n, line in numbered if (m := _VOTE_HEADING.search(line)) and m.lastgroup == vote), 1)
        data["lines"][vote] = [
            next((n for n, line in numbered if n >= heading and name in line), heading) for name in names
        ]
    return data


def split_names(listed: str) -> list[str]:
    """Names of States typed as a list ("Cuba, Chile and Viet Nam"), as printed."""
    return _names(normalize_space(listed).rstrip(".。"))
