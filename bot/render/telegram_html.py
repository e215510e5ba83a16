"""Telegram's HTML parse mode, checked strictly: what our messages may contain.

Follows the Bot API rules (core.telegram.org/bots/api#html-style): tags b/strong, i/em, u/ins,
s/strike/del, a href, code, pre (optionally with <code class="language-…">), blockquote
[expandable], tg-spoiler and span class="tg-spoiler"; entities &lt; &gt; &amp; &quot; and
numeric ones. Where Telegram silently repairs (a bare & or >, control characters, unknown
attributes, nestings the docs forbid, links it would drop) this checker refuses, so whatever
passes is shown exactly as written. Used by the tests and for admins' broadcast texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.render.chars import UNSENDABLE, utf16_length
from bot.render.urls import safe_url

TokenKind = Literal["text", "open", "close"]

# Aliases share Telegram's entity type; nesting rules are about the entity type.
ENTITY_OF_TAG = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "ins": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "tg-spoiler": "tg-spoiler",
    "span": "tg-spoiler",
    "a": "a",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)"
    r"((?:\s+[A-Za-z_][A-Za-z0-9_-]*(?:\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'|[^\s\"'<>=`]+))?)*)\s*>"
)
_ATTRIBUTE = re.compile(
    r"\s+([A-Za-z_][A-Za-z0-9_-]*)(?:\s*=\s*(\"[^\"<]*\"|'[^'<]*'|[^\s\"'<>=`]+))?"
)
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_PLAIN = re.compile(r"[^<>&]+")


class TelegramHtmlError(ValueError):
    """The text would be refused by Telegram (or shown other than written)."""


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of the source: a text run (raw and decoded), or an opening or closing tag."""

    kind: TokenKind
    raw: str
    name: str = ""
    text: str = ""
    attributes: tuple[tuple[str, str | None], ...] = ()


def decode_entities(raw: str, offset: int = 0) -> str:
    """The text a raw run stands for; a bare & or > or an unknown entity is an error."""
    out: list[str] = []
    position = 0
    while position < len(raw):
        plain = _PLAIN.match(raw, position)
        if plain:
            out.append(plain.group(0))
            position = plain.end()
            continue
        entity = _ENTITY.match(raw, position)
        if raw[position] != "&" or entity is None:
            raise TelegramHtmlError(f"unescaped {raw[position]!r} at character {offset + position}")
        out.append(_entity_char(entity, offset + position))
        position = entity.end()
    decoded = "".join(out)
    bad = UNSENDABLE.search(decoded)
    if bad:
        raise TelegramHtmlError(f"character U+{ord(bad.group(0)):04X} Telegram would not carry")
    return decoded


def _entity_char(entity: re.Match[str], where: int) -> str:
    name, decimal, hexadecimal = entity.groups()
    if name:
        return NAMED_ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise TelegramHtmlError(f"invalid character reference {entity.group(0)} at {where}")
    return chr(code)


def tokenize(html: str) -> list[Token]:
    """Split into text runs and tags, checking entities and tag syntax (not nesting)."""
    tokens: list[Token] = []
    position = 0
    while position < len(html):
        if html[position] != "<":
            end = html.find("<", position)
            end = len(html) if end == -1 else end
            raw = html[position:end]
            tokens.append(Token("text", raw, text=decode_entities(raw, position)))
            position = end
            continue
        tag = _TAG.match(html, position)
        if tag is None:
            raise TelegramHtmlError(f"malformed or unescaped tag at character {position}")
        tokens.append(_tag_token(tag, position))
        position = tag.end()
    return tokens


def _tag_token(tag: re.Match[str], where: int) -> Token:
    closing, name, attribute_text = tag.group(1), tag.group(2).lower(), tag.group(3)
    if name not in ENTITY_OF_TAG:
        raise TelegramHtmlError(f'unsupported tag "{name}" at character {where}')
    if closing:
        if attribute_text:
            raise TelegramHtmlError(f"end tag with attributes at character {where}")
        return Token("close", tag.group(0), name=name)
    attributes: dict[str, str | None] = {}
    for attribute in _ATTRIBUTE.finditer(attribute_text):
        key, value = attribute.group(1).lower(), attribute.group(2)
        if key in attributes:
            raise TelegramHtmlError(f'repeated attribute "{key}" at character {where}')
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        attributes[key] = None if value is None else decode_entities(value, where)
    _check_attributes(name, attributes, where)
    return Token("open", tag.group(0), name=name, attributes=tuple(attributes.items()))


def _check_attributes(name: str, attributes: dict[str, str | None], where: int) -> None:
    allowed = {"a": {"href"}, "span": {"class"}, "code": {"class"}, "blockquote": {"expandable"}}
    unknown = set(attributes) - allowed.get(name, set())
    if unknown:
        raise TelegramHtmlError(f'attribute "{sorted(unknown)[0]}" not allowed on <{name}>')
    if name == "a" and safe_url(attributes.get("href")) is None:
        raise TelegramHtmlError(f"<a> at character {where} needs an http(s) or tg:// href")
    if name == "span" and attributes.get("class") != "tg-spoiler":
        raise TelegramHtmlError(f'<span> at character {where} must have class="tg-spoiler"')
    if name == "code" and "class" in attributes:
        language = attributes["class"] or ""
        if not re.fullmatch(r"language-[A-Za-z0-9_+#.-]+", language):
            raise TelegramHtmlError(f'<code class="{language}"> is not "language-…"')
    if name == "blockquote" and attributes.get("expandable") is not None:
        raise TelegramHtmlError("expandable takes no value")


def check_nesting(tokens: list[Token]) -> None:
    """Tags balanced and nested the way Telegram allows."""
    stack: list[Token] = []
    for token in tokens:
        if token.kind == "open":
            _check_opening(token, stack)
            stack.append(token)
        elif token.kind == "close":
            if not stack:
                raise TelegramHtmlError(f'unexpected end tag "</{token.name}>"')
            if stack[-1].name != token.name:
                raise TelegramHtmlError(
                    f'end tag "</{token.name}>" where "</{stack[-1].name}>" was expected'
                )
            stack.pop()
    if stack:
        raise TelegramHtmlError(f'no end tag for "<{stack[-1].name}>"')


def _check_opening(token: Token, stack: list[Token]) -> None:
    entity = ENTITY_OF_TAG[token.name]
    outer = [ENTITY_OF_TAG[open_tag.name] for open_tag in stack]
    parent = outer[-1] if outer else None
    if parent == "code" or (parent == "pre" and entity != "code"):
        raise TelegramHtmlError(f"<{token.name}> inside <{stack[-1].name}>")
    if entity == "code" and "class" in dict(token.attributes) and parent != "pre":
        raise TelegramHtmlError("a code language is only allowed in <pre><code …>")
    if entity == "a" and "a" in outer:
        raise TelegramHtmlError("a link inside a link")
    if entity == "blockquote" and outer:
        raise TelegramHtmlError("<blockquote> must not be nested")
    if entity in ("pre", "code") and any(name not in ("blockquote", "pre") for name in outer):
        raise TelegramHtmlError(f"<{token.name}> inside a formatting tag")


def telegram_html_error(html: str) -> str | None:
    """Why Telegram would refuse (or alter) this HTML, or None when it is fine."""
    try:
        check_nesting(tokenize(html))
    except TelegramHtmlError as error:
        return str(error)
    return None


def is_valid_telegram_html(html: str) -> bool:
    return telegram_html_error(html) is None


def visible_text(html: str) -> str:
    """The message text after Telegram parses the entities; TelegramHtmlError when invalid."""
    tokens = tokenize(html)
    check_nesting(tokens)
    return "".join(token.text for token in tokens)


def visible_length(html: str) -> int:
    """Length of the parsed text as Telegram counts it (UTF-16 code units)."""
    return utf16_length(visible_text(html))
