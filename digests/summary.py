"""An extractive summary of 1–3 whole sentences, lead first, in the article's own words.

News puts the essence in its first sentence, so that one is always kept. A second one is
added only while the summary stays short (an editor keeps about two short sentences, or one
long one), chosen from the opening paragraphs for what it adds: words of the title, figures,
a paragraph's opening position, and little repetition of the lead. Single sentences of a
quote count too (an editor may keep the minister's key figure), without their marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digests.quote_spans import ALL_MARKS, quote_spans
from digests.sentences import split_sentences

MAX_CHARS = 400
# A lead of this many words already says who did what, where and when: it stands alone.
SELF_SUFFICIENT_WORDS = 25
# A third sentence only joins two very short ones.
THIRD_SENTENCE_BELOW_WORDS = 14
MAX_SENTENCES = 3
MIN_WORDS = 4
STEM = 5
_SEARCH_WINDOW = 10
# Ten sentences of news fit well within this many characters.
OPENING_CHARS = 3000

_WORD = re.compile(r"[^\W_]+")
_FIGURE = re.compile(r"\d")
_LEADING_MARK = re.compile(r"^[\s«„“\"‹—–-]+")
_OPENERS = "«„“\"‹"


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    index: int
    paragraph_start: bool


def _stems(text: str) -> set[str]:
    return {w[:STEM] for w in _WORD.findall(text.casefold()) if len(w) > 2}


def _clean(sentence: str) -> str | None:
    """The sentence without an unpaired opening mark or speech dash; None for a quote's end.

    A sentence cut out of a longer quote either opens with a mark that never closes (kept,
    without the mark) or closes one it never opened (its tail is the attribution: dropped).
    """
    spans = quote_spans(sentence)
    paired = {i for span in spans for i in span}
    marks = [i for i, ch in enumerate(sentence) if ch in ALL_MARKS and i not in paired]
    if any(i > 0 for i in marks):
        return None
    if marks or sentence[:1] in "—–-":
        sentence = _LEADING_MARK.sub("", sentence)
    return sentence.strip() or None


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    previous_end = -1
    for index, sentence in enumerate(split_sentences(text, keep_quotes=False)):
        paragraph_start = previous_end < 0 or "\n" in text[previous_end : sentence.start]
        previous_end = sentence.end
        cleaned = _clean(sentence.text)
        if cleaned is not None and len(_WORD.findall(cleaned)) >= MIN_WORDS:
            found.append(_Candidate(cleaned, index, paragraph_start))
    return found


def _score(candidate: _Candidate, title: set[str], chosen: set[str]) -> float:
    """What a sentence adds: the title's words, figures, an opening place, something new."""
    stems = _stems(candidate.text)
    if not stems:
        return 0.0
    title_share = len(stems & title) / (len(title) or 1)
    novelty = 1.0 - len(stems & chosen) / len(stems)
    figures = 0.3 if _FIGURE.search(candidate.text) else 0.0
    opening = 0.3 if candidate.paragraph_start else 0.0
    position = 0.5 / (1.0 + 0.2 * candidate.index)
    return 2.0 * title_share + figures + opening + position + 0.5 * novelty


def _words(candidates: list[_Candidate]) -> int:
    return sum(len(_WORD.findall(c.text)) for c in candidates)


def _wants_more(chosen: list[_Candidate]) -> bool:
    if len(chosen) >= MAX_SENTENCES:
        return False
    if len(chosen) == 2:
        return _words(chosen) < THIRD_SENTENCE_BELOW_WORDS
    return _words(chosen) < SELF_SUFFICIENT_WORDS


def _opening(text: str) -> str:
    """The paragraphs that can hold the summary's sentences; the rest is never read."""
    cut = text.find("\n", OPENING_CHARS)
    return text if cut < 0 else text[:cut]


def summarize(text: str, title: str | None = None) -> list[str]:
    """Up to three whole sentences of `text`, lead first, together at most MAX_CHARS."""
    text = _opening(text)
    sentences = split_sentences(text[: text.find("\n") if "\n" in text else len(text)])
    if not sentences:
        return []
    lead = _Candidate(_clean(sentences[0].text) or sentences[0].text, 0, True)
    if len(lead.text) > MAX_CHARS:
        return []
    chosen = [lead]
    title_stems = _stems(title or "")
    pool = [c for c in _candidates(text)[:_SEARCH_WINDOW] if c.index > 0]
    while pool and _wants_more(chosen):
        covered = set().union(*(_stems(c.text) for c in chosen))
        best = max(pool, key=lambda c: _score(c, title_stems, covered))
        pool.remove(best)
        if sum(len(c.text) + 1 for c in chosen) + len(best.text) <= MAX_CHARS:
            chosen.append(best)
    chosen.sort(key=lambda c: c.index)
    return [c.text for c in chosen]
