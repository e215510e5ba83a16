"""From a feed item to an article draft: its identities for dedupe, and the full text merged in.

An item is the same item again when its guid, else its canonical link, else the hash of its
text was seen before; feeds that rewrite guids keep their links, and feeds that re-date old
items keep both, so checking every identity an item has catches both.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from digests.canonical import canonical_url, content_hash
from digests.models import ArticleDraft
from digests.sources.feeds import FeedItem

IdentityKind = Literal["guid", "link", "hash"]


@dataclass(frozen=True, slots=True)
class ItemIdentity:
    """One way to recognise an item again; `key` is a fixed-length digest for the store."""

    kind: IdentityKind
    key: str


def item_identities(
    item: FeedItem, *, shared_links: frozenset[str] = frozenset()
) -> list[ItemIdentity]:
    """guid, canonical link (unless several items of the feed share it), content hash."""
    found: list[ItemIdentity] = []
    if item.guid:
        found.append(_identity("guid", item.guid))
    link = canonical_url(item.link)
    if link and link not in shared_links:
        found.append(_identity("link", link))
    found.append(_identity("hash", content_hash(item.title, item.body)))
    return found


def shared_links(items: list[FeedItem]) -> frozenset[str]:
    """Canonical links used by more than one item (a feed linking every item to its home page)."""
    counts = Counter(link for item in items if (link := canonical_url(item.link)))
    return frozenset(link for link, count in counts.items() if count > 1)


def _identity(kind: IdentityKind, value: str) -> ItemIdentity:
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()
    return ItemIdentity(kind, digest)


def item_draft(item: FeedItem, source: str, page: ArticleDraft | None = None) -> ArticleDraft:
    """The draft to analyse: the feed's title and link, the page's text when it is longer,
    and the page's date and language only where the feed has none."""
    body = item.body
    if page is not None and len(page.body) > len(item.body):
        body = page.body
    return ArticleDraft(
        title=item.title or (page.title if page else ""),
        body=body,
        url=item.link or (page.url if page else None),
        published=item.published or (page.published if page else None),
        source=source,
        lang=item.lang or (page.lang if page else None),
    )
