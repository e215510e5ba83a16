"""Whether a predicted speaker names the gold person, by FORMAT.md's four-letter rule.

Kazakh letters fold to their Russian neighbours so Тоқаев meets Токаев, and both sides are
also compared in Latin so Tokayev meets them too.
"""

from __future__ import annotations

import re
import unicodedata

from digests.evaluation.normalise import normalise

PREFIX = 4
_KAZAKH_TO_RUSSIAN = str.maketrans("қғңәөұүһі", "кгнаоуухи")
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}
# Latin Kazakh and English spellings folded toward the same plain form.
_LATIN_FOLD = {"ı": "i", "ý": "u", "q": "k", "j": "zh", "x": "kh", "w": "u"}
_WORD = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Normalised, with Kazakh-only letters replaced by their Russian neighbours."""
    return normalise(text).translate(_KAZAKH_TO_RUSSIAN)


def to_latin(word: str) -> str:
    """A rough common Latin spelling of a folded word in either script."""
    out = "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in word)
    out = "".join(
        ch for ch in unicodedata.normalize("NFKD", out) if not unicodedata.combining(ch)
    )
    return "".join(_LATIN_FOLD.get(ch, ch) for ch in out).replace("zhzh", "zh")


def _words(name: str) -> list[str]:
    return _WORD.findall(fold(name))


def _prefix_hit(gold_words: list[str], predicted_words: list[str]) -> bool:
    return any(
        len(g) >= PREFIX and any(p.startswith(g[:PREFIX]) for p in predicted_words)
        for g in gold_words
    )


def speaker_matches(predicted: str | None, gold_names: list[str]) -> bool:
    """True when some 4+-letter word of a gold name shares its first four letters."""
    if not predicted:
        return False
    predicted_words = _words(predicted)
    predicted_latin = [to_latin(w) for w in predicted_words]
    for name in gold_names:
        gold_words = _words(name)
        if _prefix_hit(gold_words, predicted_words):
            return True
        if _prefix_hit([to_latin(w) for w in gold_words], predicted_latin):
            return True
    return False
