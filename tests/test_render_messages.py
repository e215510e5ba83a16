"""Packing items into as few Telegram messages as possible, split only between items."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_hostile import hostile_text, hostile_urls

from bot.render.chars import utf16_length
from bot.render.html import Html, blockquote, bold, escape, italic, join, link
from bot.render.items import render_search_hit
from bot.render.messages import ITEM_SEPARATOR, MESSAGE_LIMIT, fit, pack_messages
from bot.render.telegram_html import telegram_html_error, visible_text
from storage.records import SearchHit


def item(size: int, letter: str = "a") -> str:
    return f"<b>{letter * (size - 7)}</b>"


def test_items_share_a_message_separated_by_blank_lines() -> None:
    assert pack_messages(["<b>one</b>", "two &amp; three"]) == ["<b>one</b>\n\ntwo &amp; three"]


def test_a_new_message_starts_only_at_an_item_boundary() -> None:
    items = [item(2000, "a"), item(2000, "b"), item(2000, "c")]
    assert pack_messages(items) == [items[0] + ITEM_SEPARATOR + items[1], items[2]]


def test_an_item_filling_the_limit_exactly_fits() -> None:
    assert pack_messages([item(4094), "x"], limit=4096) == [item(4094), "x"]
    assert pack_messages([item(4092), "x"]) == [item(4092) + "\n\nx"]


def test_length_is_counted_in_utf16_units() -> None:
    emoji_item = "😀" * 1500
    messages = pack_messages([emoji_item, emoji_item])
    assert messages == [emoji_item, emoji_item]


def test_the_header_opens_the_first_message_or_goes_alone_when_the_first_item_is_big() -> None:
    assert pack_messages(["x"], header="<b>Today</b>") == ["<b>Today</b>\n\nx"]
    big = item(4090)
    assert pack_messages([big], header="<b>Today</b>") == ["<b>Today</b>", big]


def test_an_item_longer_than_a_message_is_shortened_and_its_tags_closed() -> None:
    giant = join([bold(escape("Title")), blockquote(escape("сөз & " * 1500)), italic(escape("x"))])
    [message] = pack_messages([giant])
    assert utf16_length(message) <= MESSAGE_LIMIT
    assert message.startswith("<b>Title</b>\n<blockquote>сөз &amp; ")
    assert message.endswith("…</blockquote>")
    assert telegram_html_error(message) is None


def test_blank_items_are_skipped_and_nothing_gives_no_messages() -> None:
    assert pack_messages([]) == []
    assert pack_messages(["", "  \n"]) == []
    assert pack_messages(["", "x", " "]) == ["x"]


def test_a_tiny_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        pack_messages(["x"], limit=10)


def _rendered(title: str, url: str | None, snippet: str) -> str:
    hit = SearchHit(1, title, url, datetime(2025, 1, 1, tzinfo=UTC), "kk", snippet)
    return render_search_hit(hit, UTC)


rendered_items = st.lists(
    st.builds(_rendered, hostile_text, hostile_urls, hostile_text), max_size=12
)
# Items too long for any message, to exercise shortening without a tag ever being cut.
oversized_items = st.builds(
    lambda text, url: Html(bold(link(escape(text), url)) + "\n" + blockquote(escape(text * 3))),
    hostile_text,
    hostile_urls,
)


def _assert_packed(messages: list[str], expected: Sequence[str], limit: int) -> None:
    """Each message is whole items in order, valid, within the limit, and none could be merged
    with the next item (so the count is minimal: greedy packing is optimal in fixed order)."""
    position = 0
    for message in messages:
        assert telegram_html_error(message) is None, message[:200]
        assert utf16_length(message) <= limit
        end = position + 1
        while ITEM_SEPARATOR.join(expected[position:end]) != message:
            end += 1
            assert end <= len(expected), "a message is not made of whole items"
        if end < len(expected):
            assert utf16_length(message) + 2 + utf16_length(expected[end]) > limit
        position = end
    assert position == len(expected)


headers = st.one_of(st.none(), st.sampled_from(["<b>Жаңалықтар</b>", "News"]))


@settings(max_examples=150, deadline=None)
@given(rendered_items, headers)
def test_packed_messages_are_valid_within_the_limit_and_keep_every_item_in_order(
    items: list[str], header: str | None
) -> None:
    expected = ([header] if header else []) + [piece.strip() for piece in items if piece.strip()]
    _assert_packed(pack_messages(items, header=header), expected, MESSAGE_LIMIT)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(rendered_items, oversized_items), max_size=5), st.integers(64, 4096))
def test_oversized_items_are_shortened_never_dropped_nor_cut_inside_a_tag(
    groups: list[list[str] | str], limit: int
) -> None:
    items = [piece for group in groups for piece in ([group] if isinstance(group, str) else group)]
    expected = [fit(piece, limit) for piece in items if piece.strip()]
    _assert_packed(pack_messages(items, limit=limit), expected, limit)
    for piece, shortened in zip([p for p in items if p.strip()], expected, strict=True):
        assert telegram_html_error(shortened) is None
        visible = visible_text(shortened).removesuffix("…").rstrip()
        assert visible_text(piece.strip()).startswith(visible)
