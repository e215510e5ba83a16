"""Language of an article or a sentence: "kk", "ru", "en" or "other", offline and fast.

py3langid knows Kazakh only in Cyrillic and confuses it with Kyrgyz when the letters only
Kazakh uses are missing, and it has no idea of Latin-script Kazakh. So the classifier only
decides between a short list of candidates and their close neighbours, and two cheap checks
come first: the density of Kazakh-only Cyrillic letters, and Kazakh morphology in Latin text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from digests.abbreviations import word_set

KAZAKH = "kk"
RUSSIAN = "ru"
ENGLISH = "en"
OTHER = "other"
PRODUCT_LANGUAGES = (KAZAKH, RUSSIAN, ENGLISH)

# Neighbours let the classifier say "not one of ours" instead of forcing a wrong choice.
_CYRILLIC_CANDIDATES = ("kk", "ru", "ky", "tt", "uk", "be", "bg", "mk", "sr", "mn")
_LATIN_CANDIDATES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "az", "uz", "id")

# ә ғ қ ұ һ і exist in no neighbour; ң ө ү are shared with Kyrgyz, Tatar and Mongolian.
_KAZAKH_ONLY = frozenset("әғқұһіӘҒҚҰҺІ")
_KAZAKH_SHARED = frozenset("ңөүҢӨҮ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Latin Kazakh (2018 and 2021 alphabets): letters no Western language writes this way.
_KAZAKH_LATIN_LETTERS = frozenset("ǵńýúáóıǴŃÝÚÁÓäñūÄÑŪ")
_KAZAKH_LATIN_UNIQUE = frozenset("ǵǴýÝū")
# "q" not followed by "u" (Qazaqstan, Toqaev, artyq) is rare outside Turkic Latin scripts.
_BARE_Q = re.compile(r"q(?!u)", re.IGNORECASE)
_KAZAKH_LATIN_SUFFIX = re.compile(
    r"(?:dy|di|ty|ti|dyn|din|nyn|nin|dyń|diń|nyń|niń|daǵy|degi|tagy|dagy|tegi|ǵan|gen|qan|ken"
    r"|lar|ler|dar|der|tar|ter|ymyz|imiz|myz|miz|ady|edi|ıdy|idi|ypty|ipti|yp|ip|ǵa|ge|qa|ke"
    r"|nda|nde|ada|ede|yda|ide|dan|den|tan|ten|nan|nen|ynsha|insha|lyq|lik|shy|shi|syz|siz)$",
    re.IGNORECASE,
)
_KAZAKH_LATIN_WORDS = word_set(
    """
    jáne jane men bul bıyl biyl bylai osy sol ol olar biz sizder dep dedi deıdi deidi
    týraly turaly tuwraly boıynsha boyynsha boiynsha úshin ushin kezinde arqyly arkyly
    qazaqstan kazakstan respýblıka respublikasy memleket jyl jyly jyldyń jyldan ortasy
    mınıstr minister mınıstri ministri ákim akim ákimi akimi halyq qala aýdan oblys
    qatysty sondai sonymen qatar alaida biraq emes bar joq kerek mumkin múmkin
    """
)
_ENGLISH_WORDS = word_set(
    "the and of to in is was for that with on at by from said says have has were will"
)


class _Classifier(Protocol):
    def rank(self, text: str) -> list[tuple[str, float]]: ...


@lru_cache(maxsize=2)
def _classifier(candidates: tuple[str, ...]) -> _Classifier:
    """The py3langid model restricted to `candidates`, loaded once per candidate list."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(candidates))
    return identifier  # type: ignore[no-any-return]


def _top(text: str, candidates: tuple[str, ...]) -> tuple[str, float]:
    ranked = _classifier(candidates).rank(text)
    return ranked[0] if ranked else (OTHER, 0.0)


def kazakh_letter_share(text: str) -> float:
    """Share of Cyrillic words carrying a letter that only Kazakh (or Kazakh-like) uses."""
    words = [w for w in _WORD.findall(text) if _CYRILLIC.search(w)]
    if not words:
        return 0.0
    hits = sum(1 for w in words if _KAZAKH_ONLY.intersection(w) or _KAZAKH_SHARED.intersection(w))
    return hits / len(words)


def latin_kazakh_share(text: str) -> float:
    """Share of Latin words that look Kazakh: its letters, bare q, suffixes, common words."""
    words = [w for w in _WORD.findall(text) if _LATIN.search(w)]
    if not words:
        return 0.0
    hits = 0
    for word in words:
        lower = word.casefold()
        if lower in _ENGLISH_WORDS:
            continue
        if (
            _KAZAKH_LATIN_LETTERS.intersection(word)
            or _BARE_Q.search(word)
            or lower in _KAZAKH_LATIN_WORDS
            or (len(lower) > 4 and _KAZAKH_LATIN_SUFFIX.search(lower))
        ):
            hits += 1
    return hits / len(words)


def _cyrillic_language(text: str) -> str:
    share = kazakh_letter_share(text)
    has_unique = any(ch in _KAZAKH_ONLY for ch in text)
    if has_unique and share >= 0.3:
        return KAZAKH
    lang, _ = _top(text, _CYRILLIC_CANDIDATES)
    if lang in (KAZAKH, RUSSIAN):
        # A Russian sentence naming «Көкорай» or Шалқарбел stays Russian.
        return lang
    if lang in ("ky", "tt") and (has_unique or share >= 0.05):
        return KAZAKH
    if lang == "ky" and _looks_kazakh_without_letters(text):
        return KAZAKH
    return OTHER


def _looks_kazakh_without_letters(text: str) -> bool:
    """Kazakh typed without its own letters still uses `туралы`, `деп`, `және` etc."""
    words = {w.casefold() for w in _WORD.findall(text)}
    markers = {"туралы", "деп", "деді", "және", "бул", "бұл", "мен", "ушин", "үшін", "бойынша"}
    return len(words & markers) >= 1


def _has_kazakh_word(text: str) -> bool:
    return any(w.casefold() in _KAZAKH_LATIN_WORDS for w in _WORD.findall(text))


def _latin_language(text: str) -> str:
    share = latin_kazakh_share(text)
    unique = any(ch in _KAZAKH_LATIN_UNIQUE for ch in text)
    lang, confidence = _top(text, _LATIN_CANDIDATES)
    if unique and share >= 0.2:
        return KAZAKH
    if lang == "tr" and not _BARE_Q.search(text) and not _has_kazakh_word(text):
        # Turkish shares ı, ö, ü and many suffixes but never writes a bare q.
        return OTHER
    if lang == ENGLISH and confidence >= 0.5 and share < 0.5:
        return ENGLISH
    if share >= 0.4:
        return KAZAKH
    if lang == ENGLISH:
        return ENGLISH
    return OTHER


def detect_language(text: str) -> str:
    """"kk", "ru", "en" or "other" for any text; empty or letterless text is "other"."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic == 0 and latin == 0:
        return OTHER
    if cyrillic >= latin:
        return _cyrillic_language(text)
    return _latin_language(text)


def article_language(title: str, body: str) -> str:
    """Language of a whole article; the opening is enough and keeps long articles fast."""
    return detect_language(f"{title}\n{body[:1000]}")
