"""Normalisation and tokens exactly as the gold-set FORMAT.md prescribes."""

from __future__ import annotations

import re
import unicodedata

QUOTE_MARKS = "«»„“”‟‹›‚‘’\"'"
_LEADING_DASH = re.compile(r"^\s*[—–-]+\s*")
_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def _is_edge_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S")) or ch.isspace()


def normalise(text: str) -> str:
    """NFC, case-fold, no quotation marks or leading dash, no edge punctuation, one space."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.translate({ord(mark): None for mark in QUOTE_MARKS})
    text = _LEADING_DASH.sub("", text)
    start, end = 0, len(text)
    while start < end and _is_edge_punctuation(text[start]):
        start += 1
    while end > start and _is_edge_punctuation(text[end - 1]):
        end -= 1
    return _SPACE.sub(" ", text[start:end]).strip()


def tokens(text: str) -> list[str]:
    """Runs of Unicode letters and digits of the normalised text (Cyrillic kept)."""
    return _TOKEN.findall(normalise(text))
