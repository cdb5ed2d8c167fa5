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
            r"|البنود? \S+(?: و\S+)? من جدول الأعمال(?: المؤقت)?|(?:临时)?议程项目\s*\S+)(?:\s*(?:and|et|y|и|و|和)?\s*\d+)*",
            re.I,
        ),
    ),
    (
        "adopted",
        re.compile(
            r"(?:Resolution|Decision|Résolution|Décision|Resolución|Decisión|Резолюция|Решение|قرار|مقرر)\s+"
            r"(?:adopted|adoptée?|aprobada|принят[аоы]?|اعتمده|اتخذه|اعتمدها)\b.*"
            r"|.{0,40}(?:通过的决议|通过的决定)",
            re.I,
        ),
    ),
    (
        "session",
        re.compile(
            r"(?:[\w-]+\s+(?:special\s+)?session|[\w-]+\s+session(?:\s+extraordinaire)?"
            r"|\d+\S?\s+período (?:extraordinario )?de sesiones|[\w-]+(?:\s+[\w-]+)?\s+(?:специальная\s+)?сессия"
            r"|الدورة\s+\S+(?:\s+و\S+)?(?:\s+الاستثنائية)?|第\S+届(?:特别)?会议)",
            re.I,
        ),
    ),
    ("session_dates", re.compile(r"\d{1,2}(?:\s+\S+)?\s*[-–—]\s*\d{1,2}\s+\S+(?:\s+de)?\s+\d{4}(?:\s*года)?")),
    ("date_text", DATE),
    (
        "organ",
        re.compile(
            _organs := (
                r"United Nations|General Assembly|Human Rights Council|Economic and Social Council|Security Council"
                r"|Nations Unies|Assemblée générale|Conseil des droits de l’homme|Conseil économique et social"
                r"|Naciones Unidas|Asamblea General|Consejo de Derechos Humanos|Consejo Económico y Social"
                r"|Организация Объединенных Наций|Генеральная Ассамблея|Совет по правам человека|Экономический и Социальный Совет"
                r"|الأمم المتحدة|الجمعية العامة|مجلس حقوق الإنسان|المجلس الاقتصادي والاجتماعي"
                r"|联合国|大会|人权理事会|经济及社会理事会"
            )
        ),
    ),
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

# "56/15. Human rights and international solidarity", or a draft's "53/... Title".
_NUMBERED_TITLE = re.compile(r"(?P<number>\d{1,3}/(?:\d{1,4}|\.{2,}|…))\s*\.?\s*")

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
    other lines make runs (cut by fields and blank lines). The run after "Agenda item 3" is
    the agenda item's title; the run that opens with a resolution number ("56/15.") is the
    document's title, else the first run."""
    metadata: dict = {}
    runs: list[list] = []
    agenda_run = None
    after_agenda_item = False
    for block in blocks:
        run = None
        for line in block.lines:
            fields = fields_of(line.text)
            if fields is not None:
                add_fields(metadata, fields)
                after_agenda_item = "agenda_item" in fields
                run = None
                continue
            if run is None:
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
            metadata["number"] = match["number"]
    return FrontMatter(metadata, title or [], others)


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
    """The fields printed in a line, when they cover all of it (else None)."""
    rest = ascii_digits(text)
    found = {}
    for name, pattern in _FIELDS:
        match = pattern.search(rest)
        while match and match.group().strip():
            found.setdefault(name, text[match.start() : match.end()].strip())
            rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end() :]
            if name not in _LISTS:
                break
            match = pattern.search(rest)
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
