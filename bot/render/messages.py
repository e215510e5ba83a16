"""Packing rendered items into as few Telegram messages as possible.

Telegram counts a message's length in UTF-16 units of the parsed text (limit 4096). We measure
the raw HTML instead, which is never shorter, so a packed message can never be refused as too
long. Messages break only between items; an item too long for any message is shortened
(closing its tags), never dropped and never split.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.chars import utf16_length
from bot.render.html import Html
from bot.render.shorten import shorten_html

MESSAGE_LIMIT = 4096
ITEM_SEPARATOR = "\n\n"
MIN_LIMIT = 64


def fit(item: str, limit: int = MESSAGE_LIMIT) -> Html:
    """The item, trimmed, shortened when it alone exceeds `limit` units."""
    item = item.strip()
    return Html(item) if utf16_length(item) <= limit else shorten_html(item, limit)


def pack_messages(
    items: Sequence[str], header: str | None = None, limit: int = MESSAGE_LIMIT
) -> list[str]:
    """Items (valid Telegram HTML) joined by blank lines into messages of <= `limit` units.

    The header, when given, opens the first message (alone, if it cannot share it with the
    first item). Blank items are skipped; no items and no header give no messages.
    """
    if limit < MIN_LIMIT:
        raise ValueError(f"limit must be at least {MIN_LIMIT}")
    pieces = [fit(piece, limit) for piece in ([header] if header else []) + list(items)]
    messages: list[str] = []
    current: list[str] = []
    used = 0
    for piece in pieces:
        if not piece:
            continue
        size = utf16_length(piece)
        if current and used + len(ITEM_SEPARATOR) + size > limit:
            messages.append(ITEM_SEPARATOR.join(current))
            current, used = [], 0
        used += size + (len(ITEM_SEPARATOR) if current else 0)
        current.append(piece)
    if current:
        messages.append(ITEM_SEPARATOR.join(current))
    return messages
