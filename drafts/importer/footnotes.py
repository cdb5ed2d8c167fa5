"""Attach each footnote to the provision that cites it.

A footnote is printed at the foot of the page, after the text that cites it, so its mark is
looked for in the text read before the footnote. Numbered footnotes are cited in order, so
footnote n is looked for after the mark of footnote n-1. In OCR'd text the superscript mark
rarely survives as a digit: it comes out as "?" before a comma ("session?,"), "*", "®", or,
in Arabic Word exports, as empty brackets "()"; those marks stand for any numbered footnote.
Marks stay in the provision text as printed.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .document import ParsedProvision, ParseWarning


@dataclass
class Footnote:
    marker: str  # "1", "*", "**"
    text: str
    line: int
    provision: int  # index of the provision being read where the footnote is printed, or -1
    offset: int  # length of that provision's text at that point


@dataclass(frozen=True)
class _Mark:
    position: tuple[int, int]  # (provision index, offset in its text)
    kind: str  # "number", "stars" or "debris"
    value: int | None  # the number, or how many stars


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARK = re.compile(
    r"(?<=\S)(?:(?P<superscript>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(?P<stars>\*{1,3})|(?P<debris>\?(?=[,;])|®|\(\)))"
    r"|(?<=[^\W\d_])(?P<digits>\d{1,3})(?!\w)"  # a digit glued to a word: "droits2,"
)


def attach_footnotes(provisions: list[ParsedProvision], footnotes: list[Footnote]) -> list[ParseWarning]:
    marks = _marks(provisions)
    used: set[_Mark] = set()
    last_numbered = (-1, -1)
    warnings = []
    for footnote in footnotes:
        numbered = footnote.marker.isdigit()
        after = last_numbered if numbered else (-1, -1)
        before = (footnote.provision, footnote.offset)
        mark = next(
            (mark for mark in marks if after < mark.position < before and mark not in used and _cites(mark, footnote)),
            None,
        )
        if mark:
            used.add(mark)
            if numbered:
                last_numbered = mark.position
            provisions[mark.position[0]].footnotes.append(footnote.text)
            continue
        if provisions:
            provisions[max(footnote.provision, 0)].footnotes.append(footnote.text)
            message = _(
                "Footnote %(marker)s: its mark was not found in the text; it is attached to "
                "the provision where it is printed."
            )
        else:
            message = _("Footnote %(marker)s was left out: the text has no provision.")
        warnings.append(ParseWarning(footnote.line, message % {"marker": footnote.marker}))
    return warnings


def _marks(provisions: list[ParsedProvision]) -> list[_Mark]:
    marks = []
    for index, provision in enumerate(provisions):
        for match in _MARK.finditer(provision.text):
            position = (index, match.start())
            if match["stars"]:
                marks.append(_Mark(position, "stars", len(match["stars"])))
            elif match["debris"]:
                marks.append(_Mark(position, "debris", None))
            else:
                digits = (match["superscript"] or match["digits"]).translate(_SUPERSCRIPTS)
                marks.append(_Mark(position, "number", int(digits)))
    return marks


def _cites(mark: _Mark, footnote: Footnote) -> bool:
    if not footnote.marker.isdigit():
        return mark.kind == "stars" and mark.value == len(footnote.marker)
    if mark.kind == "number":
        return mark.value == int(footnote.marker)
    return True  # OCR debris and stars often stand for a lost superscript digit
