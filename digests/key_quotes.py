"""The one or two quotes of an article that say the most, for the digest.

Length alone is a poor guide (the longest quote is often a speech's preamble) and the
shortest ones are greetings or thanks, so a quote earns points for distinct content words up
to a comfortable reading length, for figures, for a named speaker, and for not repeating
what the summary already says.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from digests.abbreviations import word_set
from digests.models import Quote

MAX_KEY_QUOTES = 2
MIN_CONTENT_WORDS = 4
# Beyond this many words a quote stops getting more informative for a digest reader.
COMFORTABLE_WORDS = 45
# A second quote must be at least this good relative to the first to be shown.
SECOND_QUOTE_SHARE = 0.6
_WORD = re.compile(r"[^\W_]+")
_FIGURE = re.compile(r"\d")
_STEM = 5

# Courtesies that carry no news: greetings, thanks, congratulations.
_COURTESY = word_set(
    """
    сәлеметсіздер сәлеметсіз сәлем рахмет рақмет алғыс құттықтаймын құттықтаймыз қош келдіңіздер
    здравствуйте спасибо благодарю благодарим поздравляю поздравляем добро пожаловать
    hello thanks thank congratulations congratulate welcome greetings
    """
)


def _stems(text: str) -> set[str]:
    return {w[:_STEM] for w in _WORD.findall(text.casefold()) if len(w) > 3}


def informativeness(quote: Quote, summary_stems: frozenset[str] = frozenset()) -> float:
    """How much a quote tells a reader who has already read the summary."""
    words = [w.casefold() for w in _WORD.findall(quote.text)]
    content = {w for w in words if len(w) > 3}
    if len(content) < MIN_CONTENT_WORDS:
        return 0.0
    courtesy = sum(1 for w in words if w in _COURTESY) / len(words)
    size = math.log1p(min(len(content), COMFORTABLE_WORDS))
    overlong = max(0, len(words) - 2 * COMFORTABLE_WORDS) / (2 * COMFORTABLE_WORDS)
    stems = _stems(quote.text)
    repeated = len(stems & summary_stems) / len(stems) if stems else 0.0
    score = size
    score += 0.5 if _FIGURE.search(quote.text) else 0.0
    score += 0.4 if quote.speaker else 0.0
    score *= (1.0 - min(1.0, 4 * courtesy)) * (1.0 - 0.5 * repeated) / (1.0 + overlong)
    return score


def key_quotes(quotes: list[Quote], summary: list[str] | None = None) -> list[Quote]:
    """The best one or two quotes, best first, each carrying its score as `salience`."""
    summary_stems = frozenset(_stems(" ".join(summary or [])))
    scored = [(informativeness(q, summary_stems), i, q) for i, q in enumerate(quotes)]
    scored = [item for item in scored if item[0] > 0]
    scored.sort(key=lambda item: (-item[0], item[1]))
    if not scored:
        return []
    best_score = scored[0][0]
    chosen = [scored[0]] + [
        item for item in scored[1:MAX_KEY_QUOTES] if item[0] >= SECOND_QUOTE_SHARE * best_score
    ]
    return [replace(q, salience=round(score, 4)) for score, _, q in chosen]
