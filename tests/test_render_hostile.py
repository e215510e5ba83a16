"""Hostile text for the renderer's property tests, shared by the test_render_* modules.

Markup look-alikes, bare entities, control characters, lone surrogates, RTL scripts, emoji
sequences, Kazakh, and very long runs: everything a news feed or a reader could send us.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render.html import clean
from storage.search_text import HIGHLIGHT_END, HIGHLIGHT_START

NASTY_PIECES = [
    "<", ">", "&", '">', "'", "<b><i>", "</b>", "</i></b>", "&amp;", "&lt", "&#0;", "&nbsp;",
    '<a href="javascript:alert(1)">', "<blockquote>", "<br/>", "<!--", "\x00", "\x01", "\x1b",
    "\x7f", "\x85", "\r\n", "\r", "\u2028", "\u202e", "\ufeff", "\ufffe", "\ud800", "\udfff",
    "\udc00\ud83d", "مرحبا بالعالم", "שלום עולם", "\u200f", "👨‍👩‍👧‍👦", "🇰🇿", "🇰🇿🇷🇺",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "👍🏽", "e\u0301",
    "Қазақстан", "Тоқаев", "ёлка", "Ғ", " ", "  ", "\n", "\n\n", "\t", "word", "—", "…",
    HIGHLIGHT_START, HIGHLIGHT_END,
]

short_hostile_text = st.lists(
    st.one_of(st.sampled_from(NASTY_PIECES), st.text(max_size=12)), max_size=24
).map("".join)
long_hostile_text = st.builds(
    lambda piece, count: (piece * count)[:4500],
    st.sampled_from([*NASTY_PIECES, "word ", "сөз ", "a" * 7]),
    st.integers(min_value=300, max_value=4500),
)
hostile_text = st.one_of(short_hostile_text, short_hostile_text, long_hostile_text)
maybe_hostile_text = st.one_of(st.none(), hostile_text)

hostile_urls = st.one_of(
    st.none(),
    hostile_text,
    st.sampled_from(
        [
            "https://example.kz/news/1?a=1&b=2",
            "http://тест.қаз/жаңалық",
            "tg://resolve?domain=digestbot",
            'https://x.kz/"><b>boom',
            "javascript:alert(1)",
            "ftp://example.kz/file",
            "http://",
            "https://[::1",
            " https://example.kz/padded ",
            "https://example.kz/" + "&" * 900,
            "https://example.kz/" + "a" * 2000,
        ]
    ),
)
reader_zones = st.sampled_from(
    [UTC, ZoneInfo("Asia/Almaty"), ZoneInfo("America/St_Johns"), ZoneInfo("Pacific/Kiritimati")]
)
moments = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=reader_zones
    ),
)


@settings(max_examples=100, deadline=None)
@given(hostile_text)
def test_cleaned_hostile_text_keeps_no_control_or_surrogate(text: str) -> None:
    cleaned = clean(text)
    assert all(char in "\n\t" or ord(char) >= 0x20 for char in cleaned)
    cleaned.encode("utf-8")
