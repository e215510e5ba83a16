"""Composing one subscriber's digest from a pool of recent articles (pure: no I/O).

The pool is folded into stories once per tick (`fold`), then each subscriber's digest keeps
the stories with articles newer than its cursor that pass its language and keyword filters,
ranked by recency, number of sources and quotes, cut at N with a count of the rest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from digests.near_duplicates import DEFAULT_THRESHOLD, group_near_duplicates, normalize

HALF_LIFE_HOURS = 12.0
SOURCE_WEIGHT = 0.45
MAX_COUNTED_SOURCES = 4
QUOTE_WEIGHT = 0.2
MAX_COUNTED_QUOTES = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """What composition needs to know of one stored article."""

    id: int
    title: str
    text: str
    lang: str | None
    source: str | None
    moment: datetime
    quotes: int = 0


@dataclass(frozen=True)
class Story:
    """Near-duplicate articles told once; `lead` is the one shown, the others add sources."""

    members: tuple[Candidate, ...]

    @cached_property
    def lead(self) -> Candidate:
        return max(self.members, key=lambda m: (m.quotes, -m.moment.timestamp(), -m.id))

    @property
    def sources(self) -> list[str]:
        """Distinct source names, the lead's first."""
        names = [self.lead.source, *(m.source for m in self.members)]
        return list(dict.fromkeys(name for name in names if name))

    @property
    def newest(self) -> datetime:
        return max(m.moment for m in self.members)

    @property
    def quotes(self) -> int:
        return max(m.quotes for m in self.members)


@dataclass(frozen=True)
class Filters:
    """A subscriber's choice: news languages (empty: all) and include/exclude keywords."""

    languages: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @cached_property
    def _include(self) -> list[re.Pattern[str]]:
        return _patterns(self.include)

    @cached_property
    def _exclude(self) -> list[re.Pattern[str]]:
        return _patterns(self.exclude)

    def accepts(self, article: Candidate) -> bool:
        if self.languages and (article.lang or "") not in self.languages:
            return False
        if not self._include and not self._exclude:
            return True
        text = normalize(f"{article.title} {article.text}")
        if self._include and not any(p.search(text) for p in self._include):
            return False
        return not any(p.search(text) for p in self._exclude)


def _patterns(keywords: Iterable[str]) -> list[re.Pattern[str]]:
    """A keyword matches at a word start, so `мұнай` finds `мұнайдың` (suffixes agglutinate)."""
    folded = [normalize(keyword) for keyword in keywords]
    return [re.compile(r"(?<!\w)" + re.escape(word)) for word in folded if word]


@dataclass(frozen=True)
class Digest:
    stories: list[Story]
    more: int = 0
    newest_id: int = 0

    @property
    def empty(self) -> bool:
        return not self.stories


def fold(pool: Sequence[Candidate], threshold: float = DEFAULT_THRESHOLD) -> list[Story]:
    """The pool as stories: near-duplicates (by title and text) joined into one."""
    groups = group_near_duplicates([f"{a.title}\n{a.text}" for a in pool], threshold)
    return [Story(tuple(pool[i] for i in group)) for group in groups]


def score(story: Story, now: datetime) -> float:
    """Recency (halving every HALF_LIFE_HOURS) plus bonuses for sources and quotes."""
    age_hours = max(0.0, (now - story.newest).total_seconds() / 3600)
    recency = math.pow(0.5, age_hours / HALF_LIFE_HOURS)
    sources = min(len(story.sources), MAX_COUNTED_SOURCES) - 1
    quotes = min(story.quotes, MAX_COUNTED_QUOTES)
    return recency + SOURCE_WEIGHT * max(0, sources) + QUOTE_WEIGHT * quotes


def rank(stories: Iterable[Story], now: datetime) -> list[Story]:
    return sorted(stories, key=lambda s: (-score(s, now), -s.newest.timestamp(), -s.lead.id))


def compose(
    stories: Iterable[Story], filters: Filters, *, after_id: int, limit: int, now: datetime
) -> Digest:
    """The subscriber's digest: stories with articles newer than `after_id` that pass
    `filters` (only those articles kept), the best `limit` of them and how many more."""
    kept: list[Story] = []
    for story in stories:
        members = tuple(m for m in story.members if m.id > after_id and filters.accepts(m))
        if members:
            kept.append(story if len(members) == len(story.members) else Story(members))
    ranked = rank(kept, now)
    newest = max((m.id for s in kept for m in s.members), default=0)
    return Digest(ranked[:limit], max(0, len(ranked) - limit), newest)
