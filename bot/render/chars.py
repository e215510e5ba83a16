"""Characters Telegram will not carry, shared by the cleaner, the URL check and the validator.

Telegram drops C0 controls (except tab and newline), carriage returns and the bidi embedding /
override controls U+202A-U+202E, and refuses text that is not UTF-8 (lone surrogates). We remove
them ourselves, plus DEL, C1 controls and the non-characters U+FFFE/U+FFFF, so what we measure
is what arrives.
"""

from __future__ import annotations

import re

UNSENDABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


def utf16_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
