"""One script-independent key per person behind every written form of a name.

A reader types `/quote Токаев` and expects the Kazakh quotes of Тоқаев, signed "Тоқаевтың
айтуынша" or "Tokayev said": so the key is the surname with its case ending removed, spelled in
a Latin skeleton where kk, ru and en spellings coincide.
"""

from __future__ import annotations

import re
from functools import lru_cache

from digests.speech_cues import SURNAME_ENDING
from digests.transliteration import latin_skeleton

_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*[^\W\d_]|[^\W\d_]")

# Case endings that may follow a surname, longest first within each script.
_KAZAKH_CASES = (
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ынан",
    "інен",
    "нан",
    "нен",
    "дан",
    "ден",
    "тан",
    "тен",
    "мен",
    "бен",
    "пен",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "нда",
    "нде",
    "да",
    "де",
    "та",
    "те",
    "ның",
    "а",
    "е",
    "н",
)
_RUSSIAN_CASES = ("ой", "ым", "ом", "ых", "у", "а", "е", "ою", "им")
_LATIN_CASES = (
    "nyń",
    "niń",
    "dyń",
    "diń",
    "tyń",
    "tiń",
    "nan",
    "nen",
    "dan",
    "den",
    "tan",
    "ten",
    "men",
    "ben",
    "pen",
    "ǵa",
    "ge",
    "qa",
    "ke",
    "na",
    "ne",
    "ny",
    "ni",
    "dy",
    "di",
    "ty",
    "ti",
    "da",
    "de",
    "ta",
    "te",
    "a",
    "e",
    "u",
    "om",
    "ym",
    "oi",
    "oy",
    "n",
)
_CASE_ENDINGS = frozenset(_KAZAKH_CASES + _RUSSIAN_CASES + _LATIN_CASES)
_ENDING_LENGTHS = sorted({len(ending) for ending in _CASE_ENDINGS}, reverse=True)
_FEMININE_TAIL = re.compile(r"(ov|ev|in)a$")


def words_of(text: str) -> list[str]:
    """Letter words, hyphenated names kept whole (Қасым-Жомарт)."""
    return _WORD.findall(text)


@lru_cache(maxsize=8192)
def strip_case(word: str) -> str:
    """Surname without a Kazakh, Russian or Kazakh-Latin case ending: Тоқаевтың -> Тоқаев.

    Only strips when what remains still looks like a surname, so ordinary words are left alone.
    """
    lowered = word.casefold()
    feminine = lowered.endswith(("ова", "ева", "ина", "ova", "eva", "ina"))
    if SURNAME_ENDING.search(word) and not feminine:
        return word
    for length in _ENDING_LENGTHS:
        ending = lowered[-length:]
        if ending not in _CASE_ENDINGS or len(word) - length < 4:
            continue
        if feminine and ending in ("а", "a"):
            continue  # Омарова is already nominative (feminine); the key folds it anyway
        stem = word[: len(word) - length]
        if SURNAME_ENDING.search(stem):
            return stem + ("а" if ending == "ой" else "")
    return word


@lru_cache(maxsize=8192)
def looks_like_surname(word: str) -> bool:
    """True for Тоқаев, Тоқаевтың, Омарова, Нұрланұлы, Tileýbaev: a capitalised surname form."""
    return word[:1].isupper() and len(word) >= 4 and bool(SURNAME_ENDING.search(strip_case(word)))


@lru_cache(maxsize=8192)
def speaker_key(name: str) -> str:
    """Surname-based key shared by Тоқаев, Тоқаевтың, Тоқаевқа, Токаев, Tokayev and Toqaev.

    For a person the key is the surname (the last surname-like word); for an organisation or a
    title, which has no surname, it is the skeleton of all its words.
    """
    words = words_of(name)
    if not words:
        return ""
    surnames = [word for word in words if looks_like_surname(word)]
    if surnames:
        skeleton = latin_skeleton(strip_case(surnames[-1]))
        return _FEMININE_TAIL.sub(r"\1", skeleton)
    capitalised = [word for word in words if word[:1].isupper()]
    if len(words) <= 3 and capitalised == words:
        return _FEMININE_TAIL.sub(r"\1", latin_skeleton(strip_case(words[-1])))
    return " ".join(latin_skeleton(word) for word in words)


# English titles written before a name ("said Finance Minister Dana Omarova"): the name is
# what follows the last of them.
_TITLE_WORDS = frozenset(
    {
        "minister", "president", "mayor", "governor", "director", "chairman", "chairwoman",
        "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador", "chief", "head",
        "akim", "ceo", "professor", "dr", "coach", "captain", "senator", "deputy",
    }
)


def display_name(name: str) -> str:
    """The name as a person writes it in the nominative: case ending dropped from the surname,
    and an English title in front of a personal name left out."""
    words = name.split()
    titled = [i for i, word in enumerate(words) if word.strip(".").casefold() in _TITLE_WORDS]
    if titled and len(words) - titled[-1] - 1 >= 2 and all(
        word[:1].isupper() for word in words[titled[-1] + 1 :]
    ):
        words = words[titled[-1] + 1 :]
    if words and looks_like_surname(words[-1]):
        words[-1] = strip_case(words[-1])
    return " ".join(words)
