"""Cutting text and markup to a size budget, at a word boundary, with "…".

Budgets count the escaped markup in UTF-16 units (what a message limit really sees), so text
full of `&` or emoji is cut earlier than plain letters. A cut never splits a word when a space
is reasonably near, never an emoji sequence, a flag or a letter from its accents, never an
entity such as `&amp;`, and never a tag: open tags are closed after the "…".
"""

from __future__ import annotations

import unicodedata

from bot.render.chars import utf16_length
from bot.render.html import Html, clean, escape
from bot.render.telegram_html import Token, check_nesting, tokenize

ELLIPSIS = "…"
# Look for a space no further back than this share of the room; beyond it, cut mid-word.
WORD_SEARCH_SHARE = 0.6
_ZWJ = "\u200d"
_ESCAPED_COST = {"&": 5, "<": 4, ">": 4}


def _extends_previous(char: str) -> bool:
    """Marks, joiners, variation selectors, skin tones and tag characters glue to the left."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char == _ZWJ
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _is_regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def cut_point(text: str, end: int) -> int:
    """The best index <= end to cut `text` at: a space if one is near, else a whole grapheme."""
    if end >= len(text):
        return len(text)
    floor = int(end * WORD_SEARCH_SHARE)
    for index in range(end, floor - 1, -1):
        if index < len(text) and text[index].isspace():
            return index
    index = end
    while index > 0 and (_extends_previous(text[index]) or text[index - 1] == _ZWJ):
        index -= 1
    flags_before = 0
    while flags_before < index and _is_regional_indicator(text[index - 1 - flags_before]):
        flags_before += 1
    if flags_before % 2 and index < len(text) and _is_regional_indicator(text[index]):
        index -= 1
    return index


def _room_end(costs: list[int], room: int) -> int:
    """How many leading characters fit in `room` units."""
    used = 0
    for index, cost in enumerate(costs):
        used += cost
        if used > room:
            return index
    return len(costs)


def shorten(text: str, budget: int) -> Html:
    """`text` escaped, at most `budget` UTF-16 units of markup, cut with "…" when too long."""
    text = clean(text)
    escaped = escape(text)
    if utf16_length(escaped) <= budget:
        return escaped
    if budget < 1:
        raise ValueError("budget must leave room for the ellipsis")
    costs = [_ESCAPED_COST.get(char, 2 if ord(char) > 0xFFFF else 1) for char in text]
    end = cut_point(text, _room_end(costs, budget - len(ELLIPSIS)))
    return Html(escape(text[:end].rstrip()) + ELLIPSIS)


def _cut_raw_text(raw: str, room: int) -> str:
    """A prefix of a raw text run within `room` units, not inside an entity like &amp;."""
    costs = [2 if ord(char) > 0xFFFF else 1 for char in raw]
    end = _room_end(costs, room)
    ampersand = raw.rfind("&", 0, end)
    if ampersand != -1 and ";" not in raw[ampersand:end]:
        end = ampersand
    return raw[: cut_point(raw, end)].rstrip()


def _closing(stack: list[Token]) -> str:
    return "".join(f"</{token.name}>" for token in reversed(stack))


def _stack_after(stack: list[Token], token: Token) -> list[Token]:
    if token.kind == "open":
        return [*stack, token]
    return stack[:-1] if token.kind == "close" else stack


def shorten_html(html: str, budget: int) -> Html:
    """Valid Telegram HTML cut to `budget` units: text ends with "…", open tags get closed.

    Raises TelegramHtmlError when `html` itself is not valid Telegram HTML.
    """
    tokens = tokenize(html)
    check_nesting(tokens)
    if utf16_length(html) <= budget:
        return Html(html)
    kept: list[Token] = []
    stack: list[Token] = []
    used = 0
    for token in tokens:
        after = _stack_after(stack, token)
        reserve = utf16_length(_closing(after)) + len(ELLIPSIS)
        cost = utf16_length(token.raw)
        if used + cost + reserve <= budget:
            kept.append(token)
            stack = after
            used += cost
            continue
        if token.kind == "text":
            piece = _cut_raw_text(token.raw, budget - used - reserve)
            kept.append(Token("text", piece))
        break
    while kept and kept[-1].kind == "open":
        kept.pop()
        stack.pop()
    return Html("".join(token.raw for token in kept) + ELLIPSIS + _closing(stack))
