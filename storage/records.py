"""Plain results handed out of the store: no ORM object ever leaves `storage/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SaveStatus = Literal["ingested", "duplicate"]
DuplicateKey = Literal["canonical_url", "content_hash"]


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """What happened to one item given to `save_articles`, in the order given.

    For a duplicate, `article_id` is the article it repeats (already stored, or stored from
    an earlier item of the same batch) and `matched` says which identity collided.
    """

    status: SaveStatus
    article_id: int
    matched: DuplicateKey | None = None


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """A quote as stored; `key_rank` is 0 for the first key quote, 1 for the second..."""

    id: int
    article_id: int
    text: str
    speaker_name: str | None
    speaker_key: str | None
    position: int
    paragraph: int
    salience: float
    is_key: bool
    key_rank: int | None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored, with its summary sentences and key quotes (best first)."""

    id: int
    title: str
    body: str
    url: str | None
    canonical_url: str | None
    lang: str | None
    published_at: datetime | None
    ingested_at: datetime
    origin: str | None
    source: str | None
    summary: list[str] = field(default_factory=list)
    key_quotes: list[StoredQuote] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quote found by `find_quotes`, with the article it comes from."""

    quote: StoredQuote
    article_title: str
    article_url: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class QuotePage:
    hits: list[QuoteHit]
    has_more: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result. `snippet` marks matched words with HIGHLIGHT_START/HIGHLIGHT_END
    (storage.search_text): escape the text for HTML first, then swap the markers for tags."""

    article_id: int
    title: str
    url: str | None
    published_at: datetime | None
    lang: str | None
    snippet: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of hits; `has_more` when the next offset would return something."""

    hits: list[SearchHit]
    has_more: bool
