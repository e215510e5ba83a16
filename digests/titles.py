"""Finding a title (Мемлекет басшысы, министр, the minister) in a phrase and its synonym group."""

from __future__ import annotations

import re
from functools import lru_cache

from digests.speech_cues import TITLE_GROUPS


def _pattern(synonym: str) -> str:
    parts = [re.escape(part) + r"[\w-]*" for part in synonym.split()]
    return r"\s+".join(parts)


# Longest synonyms first so that "премьер-министр" is not read as "министр".
_SYNONYMS = sorted(
    ((synonym, group) for group, synonyms in TITLE_GROUPS.items() for synonym in synonyms),
    key=lambda pair: -len(pair[0]),
)
_TITLE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<t{index}>{_pattern(s)})" for index, (s, _) in enumerate(_SYNONYMS))
    + ")",
    re.IGNORECASE,
)
_GROUP_OF = {f"t{index}": group for index, (_, group) in enumerate(_SYNONYMS)}


@lru_cache(maxsize=8192)
def find_title(phrase: str) -> tuple[str, int, int] | None:
    """The first title in `phrase` as (group, start, end), or None."""
    found = _TITLE.search(phrase)
    if found is None or found.lastgroup is None:
        return None
    return _GROUP_OF[found.lastgroup], found.start(), found.end()


@lru_cache(maxsize=8192)
def titles_in(phrase: str) -> frozenset[str]:
    """Every title group named in `phrase`."""
    return frozenset(_GROUP_OF[m.lastgroup] for m in _TITLE.finditer(phrase) if m.lastgroup)
