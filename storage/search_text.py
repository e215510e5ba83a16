"""Folding and tokenizing text for search, the same way at index time and at query time.

Neither FTS5's `unicode61` nor PostgreSQL's 'simple' configuration folds Kazakh or Russian
letters beyond lower case, and their idea of a "word" differs. So the store does all of it
here and hands each backend a shadow text of folded words separated by spaces:

- NFKC, then `casefold()` (Қ→қ, І→і, Ә→ә, ß→ss);
- Kazakh letters fold to their Russian neighbours (қ→к ғ→г ң→н ә→а ө→о ұ→у ү→у һ→х і→и)
  and ё→е, so a reader typing "казакстан" on a Russian keyboard finds "Қазақстан";
  й stays й (мой ≠ мои);
- Latin letters lose diacritics (é→e); stray combining marks are dropped;
- inside a word that mixes Cyrillic and Latin, Latin look-alikes become Cyrillic
  ("бiлiм" typed with a Latin i is "білім"); "ə" (Latin schwa, common for ә) becomes а;
- a word is a run of letters and digits (`[^\\W_]+`); words longer than MAX_WORD_CHARS are
  dropped (junk, and PostgreSQL refuses them) and the shadow text is capped at
  MAX_INDEXED_CHARS (a tsvector must stay under 1 MB).

Queries are tokenized by the same function, so the words that reach MATCH / to_tsquery are
letters and digits only: no quote, operator or bracket can survive.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_WORD_CHARS = 60
MAX_INDEXED_CHARS = 100_000
MAX_QUERY_CHARS = 2_000
MAX_QUERY_TERMS = 8
MIN_PREFIX_CHARS = 3
# Query words this long match their inflected forms too (see word_forms).
MIN_FORMS_CHARS = 5
_FINAL_VOWELS = frozenset("аеиоуыэюяьйaeiouy")
_VOICED_FINAL = {"п": "б", "к": "г"}

# Snippet highlight markers: the matched word sits between them. Control characters, so they
# never occur in stored text (clean_text removes them) and never clash with HTML escaping.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

# Plain replace() calls: each is one fast C scan; translate() with a dict is slower per char.
_KAZAKH = (
    ("қ", "к"), ("ғ", "г"), ("ң", "н"), ("ә", "а"), ("ө", "о"), ("ұ", "у"), ("ү", "у"),
    ("һ", "х"), ("і", "и"), ("ё", "е"), ("ə", "а"),
)
_HOMOGLYPHS = str.maketrans(
    {"a": "а", "c": "с", "e": "е", "i": "и", "k": "к", "o": "о", "p": "р", "x": "х", "y": "у"}
)
_WORD = re.compile(r"[^\W_]+")
# Whole words of at most MAX_WORD_CHARS letters and digits (longer ones are skipped).
_INDEXED_WORD = re.compile(rf"(?<![^\W_])[^\W_]{{1,{MAX_WORD_CHARS}}}(?![^\W_])")
_QUERY_WORD = re.compile(r"([^\W_]+)(\*?)")
# Anything outside ASCII and the Cyrillic block, plus combining marks, needs a closer look.
_OTHER = re.compile(r"[\u0080-\u03ff\u0500-\U0010ffff]")
_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UNSTORABLE = re.compile(r"[\x00\x02\x03\ud800-\udfff]")


@lru_cache(maxsize=4096)
def _strip_marks(char: str) -> str:
    if unicodedata.combining(char):
        return ""
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or char


def fold(text: str) -> str:
    """Case, Kazakh letters, ё and diacritics folded; words are not split yet."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    for letter, neighbour in _KAZAKH:
        folded = folded.replace(letter, neighbour)
    if _OTHER.search(folded):
        folded = _OTHER.sub(lambda m: _strip_marks(m.group(0)), folded)
    return folded


def _unmix(word: str) -> str:
    """Latin look-alikes in a word that also has Cyrillic letters become Cyrillic."""
    if word.isascii() or not _LATIN.search(word) or not _CYRILLIC.search(word):
        return word
    return word.translate(_HOMOGLYPHS)


def words(text: str) -> list[str]:
    """Folded words of a text, as the index sees them."""
    folded = fold(text)
    found: list[str] = _INDEXED_WORD.findall(folded)
    if _LATIN.search(folded) and _CYRILLIC.search(folded):
        found = [_unmix(w) for w in found]
    return found


@lru_cache(maxsize=65536)
def fold_word(word: str) -> tuple[str, ...]:
    """Folded words of one surface word (usually one); cached, words repeat a lot."""
    return tuple(words(word))


def shadow_text(title: str, body: str) -> str:
    """What the full-text index stores: folded title words, a newline, folded body words."""
    shadow = " ".join(words(title)) + "\n" + " ".join(words(body[: MAX_INDEXED_CHARS * 2]))
    if len(shadow) <= MAX_INDEXED_CHARS:
        return shadow
    return shadow[:MAX_INDEXED_CHARS].rsplit(" ", 1)[0]


def clean_text(text: str) -> str:
    """Text safe to store on both backends: no NUL, lone surrogates or highlight markers."""
    return _UNSTORABLE.sub(lambda m: "" if m.group(0) in "\x00\x02\x03" else "\ufffd", text)


@dataclass(frozen=True, slots=True)
class Term:
    """One query word; `prefix` when it also matches longer words, either because the
    reader typed `word*` (at least 3 letters) or because it is long enough to carry endings.
    `variants` are other stems that match the same way (Kazakh мектеп → мектебі)."""

    word: str
    prefix: bool = False
    variants: tuple[str, ...] = ()

    @property
    def stems(self) -> tuple[str, ...]:
        return (self.word, *self.variants)

    def matches(self, folded_word: str) -> bool:
        if self.prefix:
            return folded_word.startswith(self.stems)
        return folded_word == self.word


def word_forms(word: str) -> Term:
    """Kazakh and Russian add endings to a stem, and the stem itself changes: a reader typing
    Тоқаев wants Тоқаевтың, Астана wants Астанада and Астане, мектеп wants мектебінің. A word
    of MIN_FORMS_CHARS letters or more matches as a prefix, without a final vowel, and with a
    final п/к also as б/г (after folding қ→к, ғ→г). Shorter words and numbers match exactly.
    """
    if len(word) < MIN_FORMS_CHARS or not word.isalpha():
        return Term(word)
    if word[-1] in _FINAL_VOWELS:
        # A stem shorter than MIN_FORMS_CHARS would match too much (and cost too much).
        stem = word[:-1] if len(word) > MIN_FORMS_CHARS else word
        return Term(stem, prefix=True)
    voiced = _VOICED_FINAL.get(word[-1])
    if voiced is not None:
        return Term(word, prefix=True, variants=(word[:-1] + voiced,))
    return Term(word, prefix=True)


def parse_query(query: str) -> list[Term]:
    """The reader's words (all must match), deduplicated, at most MAX_QUERY_TERMS."""
    terms: dict[str, Term] = {}
    for raw_word, star in _QUERY_WORD.findall(fold(query[:MAX_QUERY_CHARS])):
        word = _unmix(raw_word)
        if len(word) > MAX_WORD_CHARS:
            continue
        if star and len(word) >= MIN_PREFIX_CHARS:
            term = Term(word, prefix=True)
        else:
            term = word_forms(word)
        if term.word not in terms or term.prefix:
            terms[term.word] = term
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return list(terms.values())


def fts5_match(terms: list[Term]) -> str:
    """An FTS5 MATCH expression: every term a quoted string (its stems OR-ed), all AND-ed."""
    return " AND ".join(_fts5_term(term) for term in terms)


def _fts5_term(term: Term) -> str:
    star = "*" if term.prefix else ""
    stems = [f'"{stem}"{star}' for stem in term.stems]
    return stems[0] if len(stems) == 1 else "(" + " OR ".join(stems) + ")"


def tsquery(terms: list[Term]) -> str:
    """A to_tsquery expression: quoted lexemes joined by &, `:*` for prefixes, | for stems."""
    return " & ".join(_tsquery_term(term) for term in terms)


def _tsquery_term(term: Term) -> str:
    star = ":*" if term.prefix else ""
    stems = [f"'{stem}'{star}" for stem in term.stems]
    return stems[0] if len(stems) == 1 else "(" + " | ".join(stems) + ")"
