"""Plain data handed from stage to stage; no I/O, no ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as read from a file, a feed or a message, before analysis.

    `body` keeps paragraphs separated by one blank line; `published` is timezone-aware or None.
    """

    title: str
    body: str
    url: str | None = None
    published: datetime | None = None
    source: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """One piece of direct speech and who said it.

    `text` has no quotation marks or leading dash; `speaker` is how a person would write the
    name (canonical full name when known) and `speaker_key` the script-independent key that
    joins every form of that name; both are None when nobody is named.
    """

    text: str
    speaker: str | None
    speaker_key: str | None
    start: int = 0
    paragraph: int = 0
    style: str = "quoted"
    salience: float = 0.0


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analysis stage learns about one article."""

    lang: str
    summary: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    key_quotes: list[Quote] = field(default_factory=list)
