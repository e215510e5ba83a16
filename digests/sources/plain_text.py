"""Articles pasted as plain text: title line, date line, paragraphs, maybe a "related" tail.

This is the shape of the seed article and of what editors paste from news sites. Markdown
(`.md`) comes through here too after its markup is stripped.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from itertools import pairwise

from digests.models import ArticleDraft

_DATE_LINE = re.compile(
    r"^\s*(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})"
    r"(?:\s*(?:,|г\.|ж\.)?\s*(?P<H>\d{1,2})[:.](?P<M>\d{2}))?\s*$"
)
_ISO_DATE_LINE = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[ T](?P<H>\d{2}):(?P<M>\d{2}))?\s*$"
)
# A line that opens the site's list of other stories: everything from it on is not the article.
_RELATED_MARKER = re.compile(
    r"^\s*(latest (news )?(to|on) this topic|related( news| stories| articles)?|read also|"
    r"see also|more on this( topic)?|читайте также|похожие новости|новости по теме|по теме|"
    r"другие новости|тақырып бойынша( соңғы)? жаңалықтар|тақырыпқа қатысты( жаңалықтар)?|"
    r"тағы оқыңыз|оқи отырыңыз|ұқсас жаңалықтар)\s*(:|$)",
    re.IGNORECASE,
)
_MAX_RELATED_TAIL_LINES = 8


class EmptyArticleError(ValueError):
    """The text has no article body to speak of."""


def parse_plain_text(text: str, *, fallback_title: str = "", tz: tzinfo) -> ArticleDraft:
    """Split pasted text into title, publication time and body paragraphs."""
    lines = [line.strip() for line in text.replace("\u00a0", " ").split("\n")]
    lines = _drop_related_tail(lines)
    nonblank = [i for i, line in enumerate(lines) if line]
    if not nonblank:
        raise EmptyArticleError("no text")
    first = nonblank[0]
    published = parse_date_line(lines[first], tz)
    if published is not None:
        title = ""
        start = first + 1
    else:
        title = lines[first]
        start = first + 1
        following = next((i for i in nonblank if i > first), None)
        if following is not None:
            published = parse_date_line(lines[following], tz)
            if published is not None:
                start = following + 1
    paragraphs = split_paragraphs(lines[start:])
    if not paragraphs:
        if not title:
            raise EmptyArticleError("no article body after the title and date")
        paragraphs, title = [title], ""
    if not title:
        title = fallback_title or _title_from(paragraphs[0])
    return ArticleDraft(title=title, body="\n\n".join(paragraphs), published=published)


def parse_date_line(line: str, tz: tzinfo) -> datetime | None:
    """`05.12.2025`, `23.09.2025, 11:40` or `2025-09-23` as a local time in `tz`."""
    match = _DATE_LINE.match(line) or _ISO_DATE_LINE.match(line)
    if match is None:
        return None
    try:
        return datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None


def split_paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs when there are any; otherwise each line is one."""
    has_blocks = any(not line for line in lines) and _has_multiline_block(lines)
    if not has_blocks:
        return [line for line in lines if line]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.append(" ".join(block))
            block = []
    return paragraphs


def _has_multiline_block(lines: list[str]) -> bool:
    """True when some paragraph was hard-wrapped over several lines."""
    return any(a and b for a, b in pairwise(lines))


def _drop_related_tail(lines: list[str]) -> list[str]:
    """Cut a trailing "Related news:" block of short headline lines."""
    nonblank = [i for i, line in enumerate(lines) if line]
    for position in reversed(nonblank[-(_MAX_RELATED_TAIL_LINES + 1) :]):
        if _RELATED_MARKER.match(lines[position]) and position != nonblank[0]:
            return lines[:position]
    return lines


def _title_from(paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
