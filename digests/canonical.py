"""Identity of an article: a canonical URL and a hash of its normalized text.

Two copies of one article must collide here even when a tracker added `utm_*` to the link or
a re-post changed the spacing, quotation marks or letter case of the text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "yclid",
        "ysclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "_openstat",
        "from",
        "ref",
        "ref_src",
        "spm",
        "cmpid",
        "utm",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, fragment or tracking parameters.

    Returns None for anything that is not an absolute http(s) URL, so junk never dedupes.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
    ]
    query.sort()
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("https" if scheme == "http" else scheme, host, path, urlencode(query), ""))


def normalized_text(text: str) -> str:
    """Case-folded words only: spacing, punctuation and quotation marks do not count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.split(folded)).strip()


def content_hash(title: str, body: str) -> str:
    """SHA-256 of the normalized body (the title too when the body is empty)."""
    basis = normalized_text(body) or normalized_text(title)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()
