"""Telegram's `parse_mode=HTML`: the tags and entities the server accepts, nothing more.

Modelled on the server's behaviour: a tag it does not know, a tag left open or closed out of
order, or an attribute it requires missing gives 400 "can't parse entities". One deliberate
difference: Telegram keeps an unknown `&name;` or a bare `&` as literal text, the emulator
refuses it (strict mode), because in our bot it always means text that was not escaped.
The result is the plain text and MessageEntity list the server would store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024

_SPECIAL = re.compile(r"[<&]")
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]*));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_ATTR = re.compile(r"""\s*([a-zA-Z][a-zA-Z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}


class HtmlError(ValueError):
    """Worded like the server's 400 description after 'Bad Request: '."""


@dataclass
class _Open:
    tag: str
    kind: str
    start: int
    extra: dict[str, Any] = field(default_factory=dict)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _fail(source: str, index: int, what: str) -> HtmlError:
    return HtmlError(f"can't parse entities: {what} at byte offset {_byte_offset(source, index)}")


def parse_html(source: str, *, strict_entities: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities (UTF-16 offsets), or HtmlError as the server words it."""
    pieces: list[str] = []
    position = 0  # UTF-16 units emitted so far
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    index = 0
    length = len(source)
    while index < length:
        match = _SPECIAL.search(source, index)
        stop = match.start() if match else length
        if stop > index:
            chunk = source[index:stop]
            pieces.append(chunk)
            position += len(chunk) if chunk.isascii() else utf16_len(chunk)
            index = stop
            if match is None:
                break
        if source[index] == "&":
            char, index = _entity(source, index, strict_entities)
            pieces.append(char)
            position += 1 if char < "\U00010000" else 2
            continue
        if source.startswith("</", index):
            index = _close(source, index, stack, entities, position)
        else:
            index = _open(source, index, stack, position)
    if stack:
        tag = stack[-1].tag
        missing = f'Can\'t find end tag corresponding to start tag "{tag}"'
        raise HtmlError(f"can't parse entities: {missing}")
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(pieces), [e for e in entities if e["length"] > 0]


def _entity(source: str, index: int, strict: bool) -> tuple[str, int]:
    match = _ENTITY.match(source, index)
    if match:
        decimal, hexadecimal, name = match.groups()
        if name is None:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code), match.end()
        elif name in _NAMED:
            return _NAMED[name], match.end()
    if strict:
        shown = match.group(0) if match else "&"
        raise _fail(source, index, f'Unsupported HTML entity "{shown}"')
    return "&", index + 1


def _open(source: str, index: int, stack: list[_Open], position: int) -> int:
    name_match = _NAME.match(source, index + 1)
    if name_match is None:
        raise _fail(source, index, 'Unsupported start tag ""')
    tag = name_match.group(0).lower()
    if tag not in _SIMPLE:
        raise _fail(source, index, f'Unsupported start tag "{tag}"')
    attrs: dict[str, str] = {}
    cursor = name_match.end()
    while True:
        while cursor < len(source) and source[cursor].isspace():
            cursor += 1
        if cursor >= len(source):
            raise _fail(source, index, "Unclosed start tag")
        if source[cursor] == ">":
            cursor += 1
            break
        attr = _ATTR.match(source, cursor)
        if attr is None or attr.end() == cursor:
            raise _fail(source, index, f'Unexpected character in start tag "{tag}"')
        value = next((v for v in attr.groups()[1:] if v is not None), "")
        attrs[attr.group(1).lower()] = value
        cursor = attr.end()
    stack.append(_Open(tag, _SIMPLE[tag], position, _extra(source, index, tag, attrs, stack)))
    return cursor


def _extra(
    source: str, index: int, tag: str, attrs: dict[str, str], stack: list[_Open]
) -> dict[str, Any]:
    if tag == "span" and attrs.get("class") != "tg-spoiler":
        raise _fail(source, index, 'Tag "span" must have class "tg-spoiler"')
    if tag == "a":
        return {"url": _unescape(attrs["href"])} if "href" in attrs else {}
    if tag == "tg-emoji":
        if not attrs.get("emoji-id", "").isdigit():
            raise _fail(source, index, 'Tag "tg-emoji" must have attribute "emoji-id"')
        return {"custom_emoji_id": attrs["emoji-id"]}
    if tag == "code" and stack and stack[-1].tag == "pre":
        language = attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1].extra["language"] = language.removeprefix("language-")
    if tag == "blockquote" and "expandable" in attrs:
        return {"expandable": True}
    return {}


def _close(
    source: str,
    index: int,
    stack: list[_Open],
    entities: list[dict[str, Any]],
    position: int,
) -> int:
    name_match = _NAME.match(source, index + 2)
    tag = name_match.group(0).lower() if name_match else ""
    cursor = name_match.end() if name_match else index + 2
    while cursor < len(source) and source[cursor].isspace():
        cursor += 1
    if cursor >= len(source) or source[cursor] != ">":
        raise _fail(source, index, "Unclosed end tag")
    if not stack:
        raise _fail(source, index, f'Unexpected end tag "{tag}"')
    top = stack.pop()
    if top.tag != tag:
        raise _fail(source, index, f'Unmatched end tag, expected "</{top.tag}>", found "</{tag}>"')
    if top.tag == "a" and "url" not in top.extra:
        return cursor + 1
    kind = top.kind
    if kind == "blockquote" and top.extra.pop("expandable", False):
        kind = "expandable_blockquote"
    entity: dict[str, Any] = {"type": kind, "offset": top.start, "length": position - top.start}
    entity.update(top.extra)
    entities.append(entity)
    return cursor + 1


def _unescape(value: str) -> str:
    return _ENTITY.sub(lambda m: _NAMED.get(m.group(3) or "", m.group(0)), value)


def visible_text(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """What the reader sees: HTML parsed when asked for, then trimmed like the server does."""
    if parse_mode is not None and parse_mode.lower() == "html":
        plain, entities = parse_html(text)
    else:
        plain, entities = text, []
    stripped = plain.lstrip()
    shift = utf16_len(plain) - utf16_len(stripped)
    if shift:
        for entity in entities:
            entity["offset"] = max(0, entity["offset"] - shift)
    return stripped.rstrip(), entities
