"""Search snippets: the store marks matched words with control characters; we make them bold.

The markers (storage.search_text.HIGHLIGHT_START/END) are split off before the text is escaped
(escaping removes control characters), so a snippet can never smuggle a tag in; stray,
doubled or unclosed markers are tolerated and simply dropped.
"""

from __future__ import annotations

import re

from bot.render.chars import utf16_length
from bot.render.html import Html, bold, clean, escape
from bot.render.shorten import shorten
from storage.search_text import HIGHLIGHT_END, HIGHLIGHT_START

_BOLD_TAGS_COST = len("<b></b>")
_SPACES = re.compile(r"\s+")


def highlighted_pieces(snippet: str) -> list[tuple[str, bool]]:
    """(text, matched) runs in order, adjacent runs of the same kind merged, empties dropped."""
    pieces: list[tuple[str, bool]] = []
    matched = False
    current: list[str] = []
    for char in snippet:
        if char in (HIGHLIGHT_START, HIGHLIGHT_END):
            now = char == HIGHLIGHT_START
            if now != matched and current:
                pieces.append(("".join(current), matched))
                current = []
            matched = now
        else:
            current.append(char)
    if current:
        pieces.append(("".join(current), matched))
    return pieces


def render_snippet(snippet: str, budget: int) -> Html:
    """The snippet on one line, matched words in <b>, at most `budget` units of markup."""
    out: list[str] = []
    used = 0
    for raw, matched in highlighted_pieces(snippet):
        text = _SPACES.sub(" ", clean(raw))
        overhead = _BOLD_TAGS_COST if matched else 0
        room = budget - used - overhead
        if not text or room < 1:
            continue
        escaped = shorten(text, room)
        out.append(bold(escaped) if matched else escaped)
        used += utf16_length(escaped) + overhead
        if escaped != escape(text):
            break
    return Html("".join(out).strip())
