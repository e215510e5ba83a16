"""Kazakh and Russian Cyrillic, Kazakh Latin and English spellings folded to one ASCII skeleton.

Names of Kazakh people reach readers as Тоқаев, Токаев, Tokayev and Toqaev; the skeleton keeps
only what all four spellings agree on, so they compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYRILLIC_TO_LATIN = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
# Kazakh Latin (2018) letters with an acute or a dot that mean something else than plain ASCII.
_KAZAKH_LATIN = {"ý": "u", "ı": "i", "ǵ": "g", "ń": "n", "á": "a", "ó": "o", "ú": "u", "ş": "sh"}
# English digraphs for single Cyrillic letters, then letters the spellings disagree on.
_DIGRAPHS = re.compile(r"zh|kh|ya|yu|ye|yo|y|q|w|x|c(?!h)")
_DIGRAPH_VALUE = {
    "zh": "j",
    "kh": "h",
    "ya": "ia",
    "yu": "iu",
    "ye": "e",
    "yo": "o",
    "y": "",
    "q": "k",
    "w": "u",
    "x": "ks",
    "c": "k",
}
_REPEATS = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]+")


@lru_cache(maxsize=8192)
def latin_skeleton(word: str) -> str:
    """ASCII letters only, spelling differences between kk, ru and en folded away."""
    lowered = unicodedata.normalize("NFC", word).casefold()
    pieces = []
    for char in lowered:
        if char in _CYRILLIC_TO_LATIN:
            # Cyrillic ы and й carry no letter in most Latin spellings; y is dropped below too.
            pieces.append(_CYRILLIC_TO_LATIN[char])
        elif char in _KAZAKH_LATIN:
            pieces.append(_KAZAKH_LATIN[char])
        else:
            pieces.append(char)
    ascii_only = unicodedata.normalize("NFKD", "".join(pieces))
    ascii_only = "".join(char for char in ascii_only if not unicodedata.combining(char))
    folded = _DIGRAPHS.sub(lambda match: _DIGRAPH_VALUE[match.group(0)], ascii_only)
    folded = folded.replace("ia", "a").replace("iu", "u")
    return _REPEATS.sub(r"\1", _NOT_LETTER.sub("", folded))
