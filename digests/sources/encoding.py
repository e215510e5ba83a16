"""Decode article bytes: UTF-8/16/32 with or without BOM, and the Cyrillic code pages.

Kazakh and Russian files still arrive in cp1251, KZ-1048 (cp1251 with Kazakh letters) and
KOI8-R. A general detector guesses between those poorly on short texts, so the single-byte
pages are scored here by what real Cyrillic prose looks like: mostly lower-case letters, and
none of the Serbian/Macedonian letters that a wrong code page produces.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CYRILLIC_PAGES = ("cp1251", "kz1048", "koi8-r")
# Letters that appear when Kazakh or Russian bytes are read in the wrong single-byte page.
_FOREIGN_LETTERS = frozenset("ЂЃЉЊЌЋЏђѓљњќћџЎўЈҐґЄєЇїЅѕ")
_KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept; the message says why."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def decode_text(data: bytes) -> DecodedText:
    """Decode `data` or raise UndecodableError with a reason a person can act on."""
    if not data.strip():
        raise UndecodableError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(encoding, errors="replace"), encoding)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _checked(data.decode(utf16, errors="replace"), utf16)
    if b"\x00" in data:
        raise UndecodableError("binary file (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = _best_cyrillic_page(data)
    if best is not None:
        return _checked(data.decode(best), best)
    guess = from_bytes(data).best()
    if guess is None:
        raise UndecodableError("not text in any known encoding")
    return _checked(str(guess), guess.encoding)


def _checked(text: str, encoding: str) -> DecodedText:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise UndecodableError("binary file (control characters), not text")
    return DecodedText(text=text, encoding=encoding)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: the high byte of each unit takes few values (0x00, 0x04 for Cyrillic)."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    for candidate, high_bytes in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        counts = sorted((high_bytes.count(value) for value in set(high_bytes)), reverse=True)
        if sum(counts[:2]) < 0.9 * len(high_bytes) or high_bytes.count(0) == 0:
            continue
        try:
            text = data[: len(data) - len(data) % 2].decode(candidate)
        except UnicodeDecodeError:
            continue
        if sum(1 for ch in text if ch.isalpha() or ch.isspace()) > 0.6 * len(text):
            return candidate
    return None


def _best_cyrillic_page(data: bytes) -> str | None:
    scored: list[tuple[float, str]] = []
    for page in _CYRILLIC_PAGES:
        try:
            text = data.decode(page)
        except UnicodeDecodeError:
            continue
        scored.append((_cyrillic_plausibility(text), page))
    if not scored:
        return None
    score, page = max(scored, key=lambda item: item[0])
    return page if score > 0.5 else None


def _cyrillic_plausibility(text: str) -> float:
    """Share of Cyrillic letters that look like prose; wrong pages score near zero."""
    letters = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
    if not letters:
        return 0.0
    lower = sum(1 for ch in letters if ch.islower())
    foreign = sum(1 for ch in letters if ch in _FOREIGN_LETTERS)
    kazakh = sum(1 for ch in letters if ch in _KAZAKH_LETTERS)
    # A right page gives mostly lower case; each foreign letter is a strong sign of a wrong one,
    # and Kazakh letters break the tie between cp1251 and its Kazakh variant.
    return (lower - 20 * foreign + 0.5 * kazakh) / len(letters)
