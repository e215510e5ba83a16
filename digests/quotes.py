"""Direct quotes and who said them, found in an article body (pure, no I/O)."""

from __future__ import annotations

from digests.models import Quote


def extract_quotes(text: str, *, title: str | None = None, lang: str | None = None) -> list[Quote]:
    """Every direct quote of `text` in document order, with its speaker when one is named."""
    del text, title, lang
    return []
