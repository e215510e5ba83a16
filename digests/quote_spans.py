"""Where quotation marks open and close inside one paragraph, for the sentence splitter.

Pairs are found with a stack, not by counting, so «Нұр Отан» inside «…» and Russian „…“
inside «…» nest correctly; an opener that never closes in its paragraph (a quote running
over several paragraphs) is dropped instead of swallowing the rest of the text.
"""

from __future__ import annotations

import re

OPEN_ONLY = {"«": "»", "„": "“”", "‹": "›", "‚": "‘’"}
CLOSE_ONLY = frozenset("»›")
STRAIGHT = '"'
ALL_MARKS = frozenset('«»„“”‹›"‚')
_MARK_OR_BREAK = re.compile('[«»„“”‹›"‚\n]')


def _straight_opens(text: str, i: int) -> bool:
    """A straight quote opens when it follows a space, a bracket or the paragraph start."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{«„“—–-:/":
        return not after.isspace()
    return False


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of matched quotation marks, outermost and nested alike."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []

    def close(closer: str, i: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            opener, start = stack[depth]
            if closer in OPEN_ONLY.get(opener, "") or (opener == "“" and closer == "”") or (
                opener == STRAIGHT and closer == STRAIGHT
            ):
                del stack[depth:]
                spans.append((start, i))
                return True
        return False

    for found in _MARK_OR_BREAK.finditer(text):
        i, ch = found.start(), found.group()
        if ch == "\n":
            stack.clear()
        elif ch in OPEN_ONLY:
            stack.append((ch, i))
        elif ch in CLOSE_ONLY or ch == "”":
            close(ch, i)
        elif ch == "“":
            # Closes Russian „…“, opens English “…”.
            if not (stack and stack[-1][0] == "„" and close(ch, i)):
                stack.append((ch, i))
        elif ch == STRAIGHT:
            top_is_straight = bool(stack) and stack[-1][0] == STRAIGHT
            if top_is_straight and not _straight_opens(text, i):
                close(ch, i)
            elif _straight_opens(text, i):
                stack.append((ch, i))
            elif top_is_straight or any(o == STRAIGHT for o, _ in stack):
                close(ch, i)
    spans.sort()
    return spans


def inside_mask(text: str) -> list[bool]:
    """For each offset, whether it lies strictly inside a matched quotation."""
    mask = [False] * len(text)
    for start, end in quote_spans(text):
        for i in range(start + 1, end):
            mask[i] = True
    return mask
