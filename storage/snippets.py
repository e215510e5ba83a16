"""Snippets with highlighted words, and relevance within a window of matches.

Both run in Python over a handful of rows, so SQLite and PostgreSQL give the same snippets
and the same order: the backends only find candidate rows.
"""

from __future__ import annotations

import re
from collections import deque

from storage.search_text import HIGHLIGHT_END, HIGHLIGHT_START, MAX_INDEXED_CHARS, Term, fold_word

SNIPPET_WORDS = 28
WORDS_BEFORE = 6
TITLE_BOOST = 2.0
_K1, _B = 1.2, 0.75
_SURFACE_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


def _matches(word: str, terms: list[Term]) -> bool:
    return any(term.matches(folded) for folded in fold_word(word) for term in terms)


def make_snippet(body: str, terms: list[Term]) -> str:
    """About SNIPPET_WORDS words of `body` around the first match, matched words between
    HIGHLIGHT_START and HIGHLIGHT_END, "…" where text was cut; the opening words when
    only the title matched."""
    text = body[: MAX_INDEXED_CHARS * 2]
    before: deque[re.Match[str]] = deque(maxlen=WORDS_BEFORE)
    window: list[tuple[re.Match[str], bool]] = []
    for match in _SURFACE_WORD.finditer(text):
        if window:
            window.append((match, _matches(match.group(0), terms)))
            if len(window) >= SNIPPET_WORDS - len(before):
                break
        elif _matches(match.group(0), terms):
            window.append((match, True))
        else:
            before.append(match)
    spans = [(m, False) for m in before] + window
    if not window:
        spans = [(m, False) for m in _SURFACE_WORD.finditer(text[:2000])][:SNIPPET_WORDS]
    if not spans:
        return ""
    start, end = spans[0][0].start(), spans[-1][0].end()
    while end < len(text) and end - spans[-1][0].end() < 3 and not text[end].isspace():
        end += 1  # keep the punctuation that closes the last word
    pieces, cursor = [], start
    for match, hit in spans:
        if hit:
            pieces += [text[cursor : match.start()], HIGHLIGHT_START, match.group(0), HIGHLIGHT_END]
            cursor = match.end()
    pieces.append(text[cursor:end])
    snippet = _SPACES.sub(" ", "".join(pieces)).strip()
    if start > 0:
        snippet = "… " + snippet
    if _SURFACE_WORD.search(body, end):
        snippet += " …"
    return snippet


def relevance(terms: list[Term], shadow: str, average_length: float) -> float:
    """BM25-shaped score of one candidate from its folded shadow text ("title\\nbody").

    Every candidate contains every term (the query is an AND), so document frequencies do
    not separate them; term frequency, length and a title match do.
    """
    title, _, body = shadow.partition("\n")
    title, body = f" {title} ", f" {body} "
    length = max(1, body.count(" ") - 1)
    norm = _K1 * (1 - _B + _B * length / max(average_length, 1.0))
    score = 0.0
    for term in terms:
        needles = [f" {stem}" if term.prefix else f" {stem} " for stem in term.stems]
        tf = sum(body.count(needle) for needle in needles)
        score += tf * (_K1 + 1) / (tf + norm)
        if any(needle in title for needle in needles):
            score += TITLE_BOOST
    return score


def shadow_length(shadow: str) -> int:
    return shadow.count(" ") + 1
