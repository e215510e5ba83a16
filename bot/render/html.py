"""Building Telegram HTML safely: clean and escape text, then wrap it in allowed tags.

`Html` marks a string that is already valid markup; the tag helpers take `Html` and mypy
refuses a plain `str` there, so unescaped text cannot slip into a message by accident.
"""

from __future__ import annotations

from typing import NewType

from bot.render.chars import LINE_BREAKS, UNSENDABLE, utf16_length
from bot.render.telegram_html import (
    TelegramHtmlError,
    is_valid_telegram_html,
    telegram_html_error,
    visible_length,
    visible_text,
)
from bot.render.urls import safe_url

__all__ = [
    "Html",
    "TelegramHtmlError",
    "blockquote",
    "bold",
    "clean",
    "code",
    "escape",
    "is_valid_telegram_html",
    "italic",
    "join",
    "link",
    "one_line",
    "pre",
    "safe_url",
    "spoiler",
    "strike",
    "telegram_html_error",
    "underline",
    "utf16_length",
    "visible_length",
    "visible_text",
]

Html = NewType("Html", str)

# A longer (escaped) URL is shown without its link: it would crowd the message budget out.
MAX_HREF_UNITS = 600

_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def clean(text: str) -> str:
    """Text without what Telegram drops or refuses (controls, lone surrogates); \\n line ends."""
    return UNSENDABLE.sub("", LINE_BREAKS.sub("\n", text))


def one_line(text: str) -> str:
    """Cleaned text with every run of whitespace (newlines too) as one space, trimmed."""
    return " ".join(clean(text).split())


def escape(text: str, *, quote: bool = False) -> Html:
    """Cleaned text safe between tags; `quote=True` also escapes " for attribute values."""
    return Html(clean(text).translate(_ATTRIBUTE_ESCAPES if quote else _TEXT_ESCAPES))


def join(parts: list[Html], separator: str = "\n") -> Html:
    """Markup pieces joined by a plain separator (which must need no escaping)."""
    return Html(escape(separator).join(parts))


def _wrap(tag: str, inner: Html, attributes: str = "") -> Html:
    return Html(f"<{tag}{attributes}>{inner}</{tag}>")


def bold(inner: Html) -> Html:
    return _wrap("b", inner)


def italic(inner: Html) -> Html:
    return _wrap("i", inner)


def underline(inner: Html) -> Html:
    return _wrap("u", inner)


def strike(inner: Html) -> Html:
    return _wrap("s", inner)


def spoiler(inner: Html) -> Html:
    return _wrap("tg-spoiler", inner)


def blockquote(inner: Html, *, expandable: bool = False) -> Html:
    """A quote block; Telegram does not allow one inside another or inside other tags."""
    return _wrap("blockquote", inner, " expandable" if expandable else "")


def code(text: str) -> Html:
    """Inline monospace; takes plain text because code may contain no other tags."""
    return _wrap("code", escape(text))


def pre(text: str) -> Html:
    """A monospace block of plain text."""
    return _wrap("pre", escape(text))


def link(label: Html, url: str | None) -> Html:
    """`label` linked to `url`; just `label` when the URL is missing, not http(s)/tg or huge."""
    href = safe_url(url)
    escaped = escape(href, quote=True) if href else ""
    if not escaped or utf16_length(escaped) > MAX_HREF_UNITS:
        return label
    return _wrap("a", label, f' href="{escaped}"')
