"""Feed bytes to items: encodings Kazakh and Russian outlets really send, and broken input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from feeds_helpers import KAZAKH_ITEMS, RUSSIAN_ITEMS, Item, atom, items_from, rss

from digests.models import ArticleDraft
from digests.sources.feed_items import item_draft, item_identities, shared_links
from digests.sources.feed_text import html_to_paragraphs
from digests.sources.feeds import FeedError, parse_feed

BASE = "http://news.example"


def test_utf8_rss_with_kazakh_text() -> None:
    parsed = parse_feed(rss(items_from(KAZAKH_ITEMS, BASE, "kk"), ttl=30))
    assert [i.title for i in parsed.items] == [t for t, _ in KAZAKH_ITEMS]
    first = parsed.items[0]
    assert "«Біз әр инвесторға қолайлы жағдай жасаймыз»" in first.body
    assert first.guid == "kk-1" and first.link == f"{BASE}/kk/1"
    assert first.published == datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
    assert first.lang == "kk" and first.is_teaser
    assert parsed.ttl_minutes == 30 and parsed.warning is None


def test_atom_in_cp1251_with_russian_text() -> None:
    parsed = parse_feed(atom(items_from(RUSSIAN_ITEMS, BASE, "ru"), encoding="windows-1251"))
    assert parsed.title == "Новости"
    assert parsed.items[0].title == "Правительство обсудило бюджет"
    assert "«Все социальные обязательства будут выполнены»" in parsed.items[0].body
    assert parsed.encoding == "windows-1251"


@pytest.mark.parametrize("declared", ["utf-8", None])
def test_cp1251_declared_as_utf8_or_undeclared_is_read_right(declared: str | None) -> None:
    data = rss(items_from(RUSSIAN_ITEMS, BASE, "ru"), encoding="cp1251", declared=declared,
               title="Лента")
    parsed = parse_feed(data, content_type="application/rss+xml; charset=utf-8")
    assert parsed.title == "Лента"
    assert parsed.items[1].title == "В Алматы открылся новый парк"
    assert parsed.encoding == "cp1251"
    assert parsed.warning is not None and "cp1251" in parsed.warning


def test_kazakh_kz1048_declared_as_utf8_is_read_right() -> None:
    data = rss(items_from(KAZAKH_ITEMS, BASE, "kk"), encoding="kz1048", declared="utf-8")
    parsed = parse_feed(data)
    assert parsed.items[0].title == KAZAKH_ITEMS[0][0]


def test_utf8_bytes_declared_as_cp1251_are_read_as_utf8() -> None:
    data = rss(items_from(KAZAKH_ITEMS, BASE, "kk"), declared="windows-1251")
    assert parse_feed(data).items[2].title == "Қазақстанда ауа райы суытады"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty body"),
        (b"   \n", "empty body"),
        (b"<!DOCTYPE html><html><body><p>502 Bad Gateway</p></body></html>", "HTML page"),
        (b'<?xml version="1.0"?><rss><channel><title>a</chanel></rss>', "malformed XML"),
        (b"just some text", "not a feed"),
    ],
)
def test_unusable_bodies_raise_a_clear_reason(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(data)


def test_html_content_type_is_reported_as_html() -> None:
    with pytest.raises(FeedError, match="HTML page"):
        parse_feed(b"<html><body>x</body></html>", content_type="text/html")


def test_broken_xml_with_items_is_read_leniently_with_a_warning() -> None:
    data = rss(items_from(KAZAKH_ITEMS, BASE, "kk")).replace(b"</item>", b"", 1)
    parsed = parse_feed(data)
    assert parsed.items and parsed.warning and "malformed XML" in parsed.warning


def test_full_content_is_preferred_and_long_text_is_not_a_teaser() -> None:
    long_body = " ".join(["Ұзақ мәтін сөйлемі."] * 60)
    parsed = parse_feed(atom([Item("Тақырып", long_body, f"{BASE}/long", guid="long")]))
    assert parsed.items[0].body == long_body
    assert not parsed.items[0].is_teaser


def test_html_fragments_become_paragraphs() -> None:
    fragment = "<p>Бірінші&nbsp;абзац</p><script>x()</script><p>Екінші <b>абзац</b></p>Үш<br/>Төрт"
    assert html_to_paragraphs(fragment) == ["Бірінші абзац", "Екінші абзац", "Үш", "Төрт"]


def test_identities_guid_link_hash_and_shared_links() -> None:
    items = parse_feed(rss(items_from(KAZAKH_ITEMS, BASE, "kk"))).items
    kinds = [i.kind for i in item_identities(items[0])]
    assert kinds == ["guid", "link", "hash"]
    home = [Item(t, b, f"{BASE}/?utm_source=rss") for t, b in KAZAKH_ITEMS]
    same_link = parse_feed(rss(home)).items
    shared = shared_links(same_link)
    assert [i.kind for i in item_identities(same_link[0], shared_links=shared)] == ["hash"]


def test_item_draft_takes_the_longer_page_text_and_missing_date_and_language() -> None:
    item = parse_feed(rss(items_from(KAZAKH_ITEMS, BASE, "kk"))).items[0]
    undated = item.__class__(**{**{s: getattr(item, s) for s in item.__slots__},
                                "published": None, "lang": None})
    page = ArticleDraft("Бет", item.body + "\n\nТолық мәтін жалғасы.", url=item.link,
                        published=datetime(2025, 11, 30, tzinfo=UTC), lang="kk")
    draft = item_draft(undated, "Жаңалықтар", page)
    assert draft.body.endswith("Толық мәтін жалғасы.")
    assert draft.title == item.title and draft.source == "Жаңалықтар"
    assert draft.published == datetime(2025, 11, 30, tzinfo=UTC) and draft.lang == "kk"
    assert item_draft(item, "x", page).published == item.published
