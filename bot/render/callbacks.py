"""Button data: `action:arg:arg`, at most 64 bytes of UTF-8 as Telegram requires.

`encode("more", "latest", 20)` gives `more:latest:20`; `decode` gives back
`("more", ("latest", 20))`. Ints stay ints: a string argument that would read as an int (or
that starts with "~") gets a "~" in front, and ":" and "%" inside strings are written %3A and
%25. `decode` accepts exactly what `encode` produces and returns None for anything else, so
forged or stale data from a client is simply ignored.

A long argument such as a search query cannot fit in 64 bytes: put `short_token(query)` in the
data instead and keep token -> query in the store or a cache; the caller treats a token it no
longer knows as an expired button.
"""

from __future__ import annotations

import base64
import hashlib
import re

from bot.render.chars import UNSENDABLE

MAX_CALLBACK_BYTES = 64
SEPARATOR = ":"
TOKEN_LENGTH = 8

Argument = str | int
Callback = tuple[str, tuple[Argument, ...]]

_ACTION = re.compile(r"[a-z][a-z0-9_.-]{0,15}")
_CANONICAL_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_STRING_ESCAPES = str.maketrans({"%": "%25", SEPARATOR: "%3A"})
_ESCAPE = re.compile(r"%(25|3A)")


def _encode_argument(argument: Argument) -> str:
    if isinstance(argument, bool) or not isinstance(argument, int | str):
        raise ValueError(f"callback arguments are str or int, not {type(argument).__name__}")
    if isinstance(argument, int):
        return str(argument)
    if UNSENDABLE.search(argument):
        raise ValueError("callback argument contains control or surrogate characters")
    text = argument.translate(_STRING_ESCAPES)
    if _CANONICAL_INT.fullmatch(text) or text.startswith("~"):
        return "~" + text
    return text


def encode(action: str, *args: Argument) -> str:
    """Callback data for a button; ValueError when it would exceed 64 bytes or is malformed."""
    if not _ACTION.fullmatch(action):
        raise ValueError(f"action must match {_ACTION.pattern}: {action!r}")
    data = SEPARATOR.join([action, *(_encode_argument(argument) for argument in args)])
    size = len(data.encode("utf-8"))
    if size > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data is {size} bytes, Telegram allows {MAX_CALLBACK_BYTES}")
    return data


def _decode_argument(text: str) -> Argument:
    if _CANONICAL_INT.fullmatch(text):
        return int(text)
    if text.startswith("~"):
        text = text[1:]
    return _ESCAPE.sub(lambda match: "%" if match.group(1) == "25" else SEPARATOR, text)


def decode(data: object) -> Callback | None:
    """(action, args) for data made by `encode`; None for junk, never an exception."""
    if not isinstance(data, str) or len(data) > MAX_CALLBACK_BYTES:
        return None
    action, *parts = data.split(SEPARATOR)
    try:
        args = tuple(_decode_argument(part) for part in parts)
        if encode(action, *args) != data:
            return None
    except ValueError:
        return None
    return action, args


def short_token(text: str, length: int = TOKEN_LENGTH) -> str:
    """A stable short token for long text (lowercase base32 of SHA-256, 8 chars = 40 bits).

    Same text, same token, in every process (unlike hash()); map it back yourself.
    """
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:length]
