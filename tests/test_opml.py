"""OPML in and out: nested folders, duplicates, hostile and broken files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.sources.opml import OpmlError, OpmlFeed, parse_opml, render_opml

READER_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Менің жазылымдарым</title></head><body>
  <outline text="Қазақстан" title="Қазақстан">
    <outline type="rss" text="Жаңалықтар" xmlUrl="https://news.example/kk/rss" htmlUrl="https://news.example/"/>
    <outline type="rss" text="Лента" xmlUrl="https://lenta.example/rss.xml"/>
  </outline>
  <outline type="rss" title="World" xmlUrl="https://world.example/atom"/>
  <outline type="rss" text="Again" xmlUrl="https://world.example/atom"/>
  <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
</body></opml>""".encode()


def test_feeds_with_their_folder_as_category() -> None:
    assert parse_opml(READER_EXPORT) == [
        OpmlFeed("https://news.example/kk/rss", "Жаңалықтар", "https://news.example/", "Қазақстан"),
        OpmlFeed("https://lenta.example/rss.xml", "Лента", None, "Қазақстан"),
        OpmlFeed("https://world.example/atom", "World", None, None),
    ]


def test_round_trip() -> None:
    feeds = parse_opml(READER_EXPORT)
    document = render_opml(feeds, title="digestbot", created=datetime(2025, 12, 1, tzinfo=UTC))
    assert document.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert parse_opml(document.encode()) == feeds


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<opml><body><outline", "malformed XML"),
        (b"<rss><channel/></rss>", "root element is <rss>"),
        (b"<opml><head/></opml>", "no <body>"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><opml><body/></opml>', "DOCTYPE"),
    ],
)
def test_bad_files_raise_a_clear_reason(data: bytes, reason: str) -> None:
    with pytest.raises(OpmlError, match=reason):
        parse_opml(data)
