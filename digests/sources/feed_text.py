"""Feed HTML fragments (descriptions, content:encoded) as plain paragraphs.

A feed item's HTML is a fragment, not a page, so trafilatura's main-text search does not fit:
block tags become paragraph breaks, every other tag goes, entities are unescaped.
"""

from __future__ import annotations

import html
import re

_DROPPED = re.compile(r"<(script|style|noscript|iframe)\b.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BREAK = re.compile(
    r"<\s*(br|/p|/div|/li|/h[1-6]|/blockquote|/tr|/figure|/section|/article)\b[^>]*>|"
    r"<\s*(p|div|li|h[1-6]|blockquote|tr|figure|section|article)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_paragraphs(fragment: str) -> list[str]:
    """Non-empty paragraphs of an HTML (or plain text) fragment, whitespace collapsed."""
    text = _COMMENT.sub(" ", _DROPPED.sub(" ", fragment))
    text = _TAG.sub("", _BREAK.sub("\n", text))
    text = html.unescape(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]
