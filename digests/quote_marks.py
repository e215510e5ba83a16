"""Which quotation marks open and which close, for « », ‹ ›, „ “, “ ” and straight quotes.

Straight " and the English “ look the same at both ends; their side is read from the letters
around them (a mark after a space opens, a mark after a letter closes) and from the mark that
is currently open („ is closed by “ in Russian typography).
"""

from __future__ import annotations

OPENING = "«‹„"
CLOSING = "»›”"
EITHER = '"“'
ALL_MARKS = OPENING + CLOSING + EITHER
_OPEN_CONTEXT = " \t\n([{—–-:/" + OPENING


def mark_side(text: str, index: int, open_marks: list[int]) -> str | None:
    """'open', 'close' or None (not a quotation mark) for the character at `index`."""
    char = text[index]
    if char in OPENING:
        return "open"
    if char in CLOSING:
        if char == "”" and not open_marks and index > 0 and text[index - 1].isspace():
            return "open"
        return "close"
    if char not in EITHER:
        return None
    previous = text[index - 1] if index > 0 else " "
    following = text[index + 1] if index + 1 < len(text) else " "
    top = text[open_marks[-1]] if open_marks else ""
    if char == "“" and top == "„":
        return "close"
    if previous in _OPEN_CONTEXT:
        return "open"
    if following.isspace() or not following.isalnum() or top:
        return "close"
    return "open"
