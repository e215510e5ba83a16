"""Interface strings in Kazakh, Russian and English from gettext catalogs (read with Babel).

Message ids are keys (`latest.empty`); every translation is an HTML template for Telegram, and
the values put into its `{placeholders}` are HTML-escaped here, so user text can never inject
markup through a translation.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("kk", "ru", "en")
FALLBACK = "en"
LOCALES = Path(__file__).parent / "locales"
LANGUAGE_LABELS = {"kk": "🇰🇿 Қазақша", "ru": "🇷🇺 Русский", "en": "🇬🇧 English"}


@cache
def catalog(language: str) -> Mapping[str, str]:
    path = LOCALES / language / "LC_MESSAGES" / "digestbot.po"
    with path.open("rb") as handle:
        messages = read_po(handle, locale=None)
    return {
        str(message.id): str(message.string)
        for message in messages
        if message.id and isinstance(message.id, str) and message.string
    }


def interface_language(code: str | None) -> str:
    """Telegram's `language_code` (`ru`, `kk-KZ`, `en-US`) to one we speak, else English."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGUAGES else FALLBACK


@dataclass(frozen=True, slots=True)
class Translator:
    language: str

    def __call__(self, key: str, /, **values: object) -> str:
        template = catalog(self.language).get(key) or catalog(FALLBACK).get(key)
        if template is None:
            raise KeyError(f"no interface string {key!r}")
        if not values:
            return template
        return template.format(**{k: html.escape(str(v), quote=False) for k, v in values.items()})


def translator(language: str | None) -> Translator:
    return Translator(language if language in LANGUAGES else FALLBACK)
