"""Sentence splitting for Kazakh, Russian and English news, with offsets into the text.

Generic splitters break Kazakh: they miss initials with Ә Ғ Қ Ң Ө Ұ Ү Һ І (Қ.Тоқаев),
abbreviations like т.б. or ж., and they cut quoted speech in two. Here a period ends a
sentence only when what follows looks like a new sentence, the word before it is no
abbreviation or initial, and it is not inside a quotation. A line break always ends one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from digests.abbreviations import (
    MAY_BE_FINAL,
    MONTHS,
    NEVER_FINAL,
    SENTENCE_STARTERS,
    YEAR_MARKS,
)
from digests.quote_spans import quote_spans


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: `text == source[start:end]`, without surrounding white space."""

    text: str
    start: int
    end: int


# Terminal punctuation, then any closing quotes or brackets, then the gap to the next one.
_TERMINAL = re.compile(r"(?:[.!?…]+|\.{3})[»”“\"’)\]›]*")
_LINE = re.compile(r"[^\n]+")
_OPENERS = "«„“\"‹(["
_WORD_BEFORE = re.compile(r"([^\s(«„“\"‹\[]+)$")
_NEXT_WORD = re.compile(r"[^\W\d_][\w-]*")
_DASHES = "—–-"
# How far back a word before a period is looked for: longer "words" are no abbreviations.
_LOOKBEHIND = 40


def _outer_spans(text: str) -> tuple[list[int], list[int]]:
    """Outermost quotation spans as two sorted lists, for a bisect lookup."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in quote_spans(text):
        if ends and start < ends[-1]:
            continue
        starts.append(start)
        ends.append(end)
    return starts, ends


def _inside(spans: tuple[list[int], list[int]], pos: int) -> bool:
    starts, ends = spans
    i = bisect_right(starts, pos) - 1
    return i >= 0 and starts[i] < pos < ends[i]


def _is_initial(word: str) -> bool:
    """Қ, Ә, J, Дж, Қ.-Ж and Ж.Б: a capital or two, maybe chained with dots and hyphens."""
    parts = [p for p in re.split(r"[.\-]", word) if p]
    return bool(parts) and all(
        p[0].isupper() and len(p) <= 2 and (len(p) == 1 or p[1].islower()) for p in parts
    )


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the text from `pos` (after white space) can open a sentence."""
    if pos >= len(text):
        return False
    ch = text[pos]
    if ch.isupper() or ch.isdigit():
        return True
    if ch in _OPENERS:
        rest = text[pos + 1 : pos + 2]
        return bool(rest) and (rest.isupper() or rest.isdigit() or rest in _OPENERS)
    if ch in _DASHES and text[pos + 1 : pos + 2] == " ":
        # Dash speech opening a new line of dialogue: "— Біз ...".
        nxt = text[pos + 2 : pos + 3]
        return nxt.isupper()
    return False


def _period_ends_sentence(text: str, dot: int, next_pos: int) -> bool:
    """Judge one period at `dot` followed (after white space) by text at `next_pos`."""
    window = max(0, dot - _LOOKBEHIND)
    match = _WORD_BEFORE.search(text, window, dot)
    word = match.group(1) if match else ""
    bare = word.strip("'’").casefold()
    if not bare:
        return True
    if bare in NEVER_FINAL:
        return False
    following = _NEXT_WORD.match(text, next_pos)
    next_word = following.group(0).casefold() if following else ""
    if _is_initial(word):
        # "Қ.Тоқаев", "А. В. Иванов" stay whole; "in the U.S. The family" splits.
        return len(next_word) > 1 and next_word in SENTENCE_STARTERS
    if bare in YEAR_MARKS:
        before = text[max(0, dot - len(word) - _LOOKBEHIND) : dot - len(word)].rstrip()
        if before[-1:].isdigit() or before.endswith(("-", "–")) or re.search(r"[IVXLC]$", before):
            return False
        return not (next_word in MONTHS or text[next_pos : next_pos + 1].isdigit())
    if bare in MAY_BE_FINAL:
        return not text[next_pos : next_pos + 1].isdigit() and next_word not in MONTHS
    if "." in bare and bare.replace(".", "").isalpha() and len(bare) <= 6:
        # Initialisms such as U.S. or т.с.с.: split only before a typical sentence opener.
        return next_word in SENTENCE_STARTERS
    return True


def _boundaries(text: str, start: int, end: int, keep_quotes: bool) -> list[int]:
    """Offsets where sentences end inside text[start:end], one line with no line break."""
    spans = _outer_spans(text[start:end]) if keep_quotes else ([], [])
    cuts: list[int] = []
    for match in _TERMINAL.finditer(text, start, end):
        stop = match.end()
        gap = stop
        while gap < end and text[gap] in " \t\u00a0":
            gap += 1
        if gap >= end or gap == stop:
            continue
        if _inside(spans, stop - 1 - start):
            continue
        if not _starts_sentence(text, gap):
            continue
        punct = match.group(0)
        if punct.startswith(".") and not punct.startswith("...") and not _period_ends_sentence(
            text, match.start(), gap
        ):
            continue
        cuts.append(stop)
    return cuts


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], start, end) if end > start else None


def split_sentences(text: str, *, keep_quotes: bool = True) -> list[Sentence]:
    """Sentences of `text` in order, with offsets; line breaks always end a sentence.

    `keep_quotes=False` also splits inside quotations, for picking single sentences of a
    long quote (a summary may keep one sentence of what a minister said).
    """
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        begin = line.start()
        for cut in [*_boundaries(text, line.start(), line.end(), keep_quotes), line.end()]:
            sentence = _trimmed(text, begin, cut)
            if sentence is not None:
                sentences.append(sentence)
            begin = cut
    return sentences


def sentence_texts(text: str) -> list[str]:
    """Just the sentence strings, for callers that do not need offsets."""
    return [s.text for s in split_sentences(text)]
