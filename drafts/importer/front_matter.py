"""The front matter of a UN document, read into metadata: symbol, distribution, date, language
and original language, organ, session, agenda item, the "Resolution adopted by …" line, and
the resolution's number and title ("56/15. Human rights and international solidarity").

Every field is kept as printed (`PRINTED_FIELDS`); `date` (ISO) and `original_language` (a
language code) are read from the printed ones. A line may hold several fields ("Distr.:
General 11 July 2024"); it is front matter only when fields cover all of it.
"""

import re
from dataclasses import dataclass

from .dates import DATE, parse_date
from .labels import ascii_digits
from .text import starts_lowercase

# Printed fields, in the order they are looked for in a line.
_FIELDS = (
    ("symbol", re.compile(r"\b[A-Z]{1,6}(?:/[A-Za-z0-9.\-()]+){2,}")),
    (
        "distribution",
        re.compile(
            r"Distr\.?\s*:?\s*(?:General|Limited|Restricted|générale|limitée|restreinte|general|limitada|reservada)",
            re.I,
        ),
    ),
    (
        "original",
        re.compile(r"(?:Original|Язык оригинала|الأصل|原文)\s*[:：]\s*\S+(?:\s*(?:and|et|y|и|و|和)\s*\S+)?", re.I),
    ),
    (
        "agenda_item",
        re.compile(
            r"(?:Agenda items?|Items? of the provisional agenda|Points? \S+(?: et \S+)? de l’ordre du jour(?: provisoire)?"
            r"|Temas? \S+(?: y \S+)? de la agenda(?: provisional)?|Пункты? \S+(?: и \S+)? (?:предварительной )?повестки дня"
            r"|البنو?د \S+(?: و\S+)? من جدول الأعمال(?: المؤقت)?|(?:临时)?议程项目\s*\S+)(?:\s*(?:and|et|y|и|و|和)?\s*\d+)*",
            re.I,
        ),
    ),
    (
        "adopted",
        re.compile(
            r"(?:Resolution|Decision|Résolution|Décision|Resolución|Decisión|Резолюция|Решение|قرار|مقرر),?\s+"
            r"(?:adopted|adoptée?|aprobada|принят\w*|اعتمده|اتخذه|اعتمدها)\b.*"
            r"|.{0,40}(?:通过的决议|通过的决定)",
            re.I,
        ),
    ),
    # Before the session: "Human Rights Council Sixteenth session" may share a line.
    (
        "organ",
        re.compile(
            r"United Nations|General Assembly|Human Rights Council|Economic and Social Council|Security Council"
            r"|Nations Unies|Assemblée générale|Conseil des droits de l\s*[’']\s*homme|Conseil économique et social"
            r"|Naciones Unidas|Asamblea General|Consejo de Derechos Humanos|Consejo Económico y Social"
            r"|Организация Объединенных Наций|Генеральная Ассамблея|Совет по правам человека|Экономический и Социальный Совет"
            r"|الأمم المتحدة|الجمعية العامة|مجلس حقوق الإنسان|المجلس الاقتصادي والاجتماعي"
            # Chinese headers are letter-spaced: "联 合 国", "大 会".
            + "".join("|" + r"\s?".join(name) for name in ("联合国", "大会", "人权理事会", "经济及社会理事会"))
        ),
    ),
    (
        "session",
        re.compile(
            # "Fifty-fifth session"; Word-to-text conversions leave stray spaces in the ordinal
            # ("Forty- sixth session", "Fift y- third session"), whose last word ends as one.
            r"(?:(?:[\w-]+\s+){0,2}[\w-]*(?:first|second|third|th|st|nd|rd)\s+(?:special\s+)?session"
            r"|[\w-]+\s+session(?:\s+extraordinaire)?"
            r"|\d+\S?\s+período (?:extraordinario )?de sesiones|[\w-]+(?:\s+[\w-]+)?\s+(?:специальная\s+)?сессия"
            r"|الدورة\s+\S+(?:\s+و\S+)?(?:\s+الاستثنائية)?|第\S+届(?:特别)?会议)",
            re.I,
        ),
    ),
    (
        "session_dates",
        re.compile(
            # "19 June–14 July 2023", "30 juin-17 juillet 2020", "30 de junio a 17 de julio de 2020",
            # "6–23 июня 2017 года", "2020年2月24日至3月13日和6月15日至23日"
            r"\d{1,2}(?:\s+(?:de\s+)?\S+)?\s*(?:[-–—]|\sa\s)\s*\d{1,2}\s+(?:de\s+)?\S+(?:\s+de)?\s+\d{4}(?:\s*года)?"
            r"|\d{4}年(?:(?:\d{1,2}月)?\d{1,2}日至(?:\d{1,2}月)?\d{1,2}日和?)+"
        ),
    ),
    ("date_text", DATE),
    (
        "language",
        re.compile(
            r"English|French|Spanish|Russian|Arabic|Chinese|Anglais|Français|Espagnol|Russe|Arabe|Chinois"
            r"|Inglés|Francés|Español|Ruso|Árabe|Chino|Английский|Французский|Испанский|Русский|Арабский|Китайский"
            r"|عربي|中文",
            re.I,
        ),
    ),
)
PRINTED_FIELDS = (*(name for name, _ in _FIELDS), "number", "agenda_title", "other", "separators", "title_notes")
# Fields that gather every line found (the organ is printed twice: "United Nations", then
# "General Assembly" / "Human Rights Council"); the others keep their first line.
_LISTS = frozenset({"organ", "language", "symbol", "separators"})

# "56/15. Human rights and international solidarity", a draft's "53/... Title", the Arabic
# "44/11 - ولاية …", and as Word-to-text conversions space them out: "5 3 / 5 . Mandate …".
_NUMBERED_TITLE = re.compile(
    r"(?P<number>\d(?:\s?\d){0,2}\s*/\s*(?:\d(?:\s?\d){0,3}|\.{2,}|…))(?:\s*[.\-–—](?!\d))?\s*"
)

_ORIGINAL_LANGUAGES = (
    ("en", r"English|anglais|inglés|английский|الإنكليزية|الإنجليزية|英文"),
    ("fr", r"French|français|francés|французский|الفرنسية|法文"),
    ("es", r"Spanish|espagnol|español|испанский|الإسبانية|西班牙文"),
    ("ru", r"Russian|russe|ruso|русский|الروسية|俄文"),
    ("ar", r"Arabic|arabe|árabe|арабский|العربية|阿拉伯文"),
    ("zh-hans", r"Chinese|chinois|chino|китайский|الصينية|中文"),
)


@dataclass
class FrontMatter:
    metadata: dict  # printed fields (a list for _LISTS), plus "date" and "original_language"
    title_lines: list  # the lines of the title, its number included
    other_runs: list[list]  # runs of lines that are neither fields nor the title, in order


def read_front_matter(blocks: list) -> FrontMatter:
    """`blocks` are the layout's blocks before the body. Fields are read line by line; the
    other lines make runs (cut by fields, blank lines and a title's number). The run after
    "Agenda item 3" is the agenda item's title; the run that opens with a resolution number
    ("56/15.") is the document's title, else the first run. A field wrapped over two lines of
    a block ("Resolution adopted by the Human Rights Council" / "on 3 April 2024") is one."""
    metadata: dict = {}
    runs: list[list] = []
    agenda_run = None
    after_agenda_item = False
    run = None
    previous = None  # the field line just read, which the next line may continue
    last_block = last_line = None
    for block in blocks:
        for line in block.lines:
            if last_line is None or line.number != last_line.number + 1:
                run = previous = None  # a blank line ends a run and a field
            elif last_block is not block and not starts_lowercase(line.text):
                run = None  # a new paragraph, unless it goes on in lower case
            if run is None and runs and runs[-1][-1] is last_line and _announces_more(last_line.text):
                run = runs[-1]  # "… related forms of intolerance:" / "follow-up to …", "55/5." / "Mandate …"
            last_block, last_line = block, line
            fields = fields_of(line.text)
            if fields is None and previous is not None:
                previous = _continued_field(metadata, previous, line)
                if previous:
                    continue
            if fields is not None:
                add_fields(metadata, fields)
                after_agenda_item = "agenda_item" in fields and "agenda_title" not in fields
                run, previous = None, (line.text, fields)
                continue
            if run is None or _NUMBERED_TITLE.match(line.text):
                run = []
                runs.append(run)
                if after_agenda_item:
                    agenda_run, after_agenda_item = run, False
            run.append(line)
    title = next((run for run in runs if _NUMBERED_TITLE.match(run[0].text)), None)
    if agenda_run is not None and agenda_run is not title:
        metadata["agenda_title"] = " ".join(line.text for line in agenda_run)
    others = [run for run in runs if run is not title and run is not agenda_run]
    if title is None and others:
        title = others.pop(0)
    if title:
        match = _NUMBERED_TITLE.match(title[0].text)
        if match:
            metadata["number"] = match.group().strip()  # as printed, with its full stop or dash
    return FrontMatter(metadata, title or [], others)


def _announces_more(text: str) -> bool:
    """A line the next one goes on with: ending with a colon, or a title's number alone."""
    return text.endswith((":", "：")) or _NUMBERED_TITLE.fullmatch(text) is not None


def _continued_field(metadata: dict, previous: tuple[str, dict], line) -> tuple[str, dict] | None:
    """When the line goes on with the single field printed on the line before, the field's
    value is both lines; returns the joined line and its fields, else None."""
    text, fields = previous
    names = set(fields) - {"separators"}
    if len(names) != 1 or _NUMBERED_TITLE.match(line.text):
        return None
    joined = f"{text} {line.text}"
    joined_fields = fields_of(joined)
    if joined_fields is None or set(joined_fields) != set(fields):
        return None
    (name,) = names
    value = metadata[name]
    if isinstance(value, list):
        value[value.index(fields[name])] = joined_fields[name]
    elif value == fields[name]:
        metadata[name] = joined_fields[name]
    add_fields(metadata, {})
    return joined, joined_fields


def add_fields(metadata: dict, fields: dict) -> None:
    """Record a line's fields; a field printed twice keeps its first value, the later ones
    go to "other"; the date and the original language are read from what is printed."""
    for name, value in fields.items():
        if name in _LISTS:
            metadata.setdefault(name, []).append(value)
        elif name in metadata:
            metadata.setdefault("other", []).append(value)
        else:
            metadata[name] = value
    printed_date = metadata.get("date_text") or metadata.get("adopted") or ""
    if parse_date(printed_date):
        metadata["date"] = parse_date(printed_date).isoformat()
    if metadata.get("original"):
        metadata["original_language"] = _language_code(metadata["original"])


def title_text(joined: str) -> str:
    """The title without its number ("56/15. " or "53/... ")."""
    match = _NUMBERED_TITLE.match(joined)
    return joined[match.end() :] if match else joined


def fields_of(text: str) -> dict | None:
    """The fields printed in a line, when they cover all of it (else None). Text after the
    agenda item, when nothing else follows it, is the item's title ("Agenda item 1
    Organizational and procedural matters", as some copies print the header on one line)."""
    digits = rest = ascii_digits(text)
    found = {}
    agenda_end = None
    for name, pattern in _FIELDS:
        match = pattern.search(rest)
        while match and match.group().strip():
            found.setdefault(name, text[match.start() : match.end()].strip())
            rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end() :]
            agenda_end = match.end() if name == "agenda_item" else agenda_end
            if name not in _LISTS:
                break
            match = pattern.search(rest)
    if agenda_end is not None and rest[agenda_end:] == digits[agenda_end:] and rest[agenda_end:].strip():
        found["agenda_title"] = text[agenda_end:].strip()
        rest = rest[:agenda_end]
    residue = rest.strip(" ,.;:–—-")
    if not found or residue:
        return None
    if rest.strip():  # separators between fields ("Distr.: General, 11 July 2024")
        found["separators"] = "".join(rest.split())
    return found


def _language_code(original: str) -> str:
    for code, names in _ORIGINAL_LANGUAGES:
        if re.search(names, original, re.I):
            return code
    return ""
