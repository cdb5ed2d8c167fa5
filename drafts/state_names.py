"""Finding a State of the directory from its name as a document prints it, in any of the six
languages, tolerating what conversion from PDF does to names.

A name is first normalised (NFKC, case, diacritics and Arabic vowel marks removed, the
variants of alef, yeh, teh marbuta and hamza written one way, punctuation and spaces made
uniform), then looked up among the normalised names of every State in every language (the
official UN names and the other forms in OrganizationName). A name found there is certain;
otherwise the closest names are scored, and the best is kept as a match only when it is close
("الكامبيون" for "الكاميرون", "Argentnia" for "Argentina") and clearly closer than the next
State. Anything else is left for a person to decide, with the closest States offered.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from portal.models import OrganizationName

CONFIDENT = 0.85  # similarity from which a single closest State is taken as the match
MARGIN = 0.08  # by how much it must beat the next State
CANDIDATES = 3  # closest States offered when the match is not certain

_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه", "ـ": None})
_PUNCTUATION = re.compile(r"[\W_]+")


def normalize(name: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.translate(_ARABIC).replace("ء", "")
    return " ".join(_PUNCTUATION.sub(" ", text).split())


@dataclass
class Match:
    printed: str
    state_id: int | None = None
    confidence: float = 0.0
    candidates: list = field(default_factory=list)  # ids of the closest States, best first


class StateIndex:
    """Every name of every State, normalised; built once per preview (one query)."""

    def __init__(self):
        self.names = {}  # normalised name -> state id
        rows = OrganizationName.objects.filter(organization__kind__in=("member_state", "observer_state"))
        for state_id, name in rows.values_list("organization_id", "name"):
            self.names.setdefault(normalize(name), state_id)

    def match(self, printed: str) -> Match:
        key = normalize(printed)
        if key not in self.names and key[:1] == "و" and key[1:] in self.names:
            key = key[1:]  # Arabic lists join the last State with "و" ("، وزامبيا")
        if key in self.names:
            return Match(printed, self.names[key], 1.0, [self.names[key]])
        best = {}  # state id -> best similarity of any of its names
        matcher = difflib.SequenceMatcher(a=key, autojunk=False)
        for name, state_id in self.names.items():
            matcher.set_seq2(name)
            if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
                continue
            best[state_id] = max(best.get(state_id, 0.0), matcher.ratio())
        ranked = sorted(best.items(), key=lambda item: -item[1])[:CANDIDATES]
        if not ranked:
            return Match(printed)
        (state_id, score), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        confident = score >= CONFIDENT and score - runner_up >= MARGIN
        return Match(printed, state_id if confident else None, round(score, 2), [pk for pk, _score in ranked])
