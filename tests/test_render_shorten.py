"""Cutting text and markup to a budget at a word boundary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_hostile import hostile_text

from bot.render.chars import utf16_length
from bot.render.html import blockquote, bold, clean, escape, italic, join, link
from bot.render.shorten import cut_point, shorten, shorten_html
from bot.render.telegram_html import TelegramHtmlError, telegram_html_error, visible_text


def test_text_within_budget_is_only_escaped() -> None:
    assert shorten("a & b", 9) == "a &amp; b"


def test_long_text_is_cut_at_a_word_boundary_with_an_ellipsis() -> None:
    assert shorten("Қазақстан жаңалықтары бүгін", 24) == "Қазақстан жаңалықтары…"


def test_the_budget_counts_escaped_markup_not_letters() -> None:
    assert shorten("& & & &", 12) == "&amp; &amp;…"


def test_the_budget_counts_emoji_as_two_units() -> None:
    shortened = shorten("😀" * 10, 9)
    assert shortened == "😀" * 4 + "…"


def test_one_giant_word_is_cut_mid_word_but_not_mid_grapheme() -> None:
    assert shorten("a" * 50, 10) == "a" * 9 + "…"
    assert shorten("🇰🇿" * 10, 7) == "🇰🇿…"
    family = "👨\u200d👩\u200d👧"
    assert shorten(family * 5, 9) == family + "…"
    assert shorten("e\u0301" * 10, 4) == "e\u0301…"


def test_cut_point_prefers_a_nearby_space() -> None:
    assert cut_point("hello world again", 14) == 11
    assert cut_point("short", 10) == 5


def test_shorten_html_closes_open_tags_after_the_ellipsis() -> None:
    html = join([bold(escape("Title")), blockquote(escape("one two three four five six"))])
    assert shorten_html(html, 50) == "<b>Title</b>\n<blockquote>one two…</blockquote>"


def test_shorten_html_never_cuts_inside_an_entity() -> None:
    html = "<b>" + "&amp;" * 20 + "</b>"
    shortened = shorten_html(html, 20)
    assert shortened == "<b>&amp;&amp;…</b>"


def test_shorten_html_drops_tags_left_empty_by_the_cut() -> None:
    html = '<b>Title text here</b>\n<a href="https://example.kz/very/long/path">x</a>'
    assert shorten_html(html, 30) == "<b>Title text here</b>\n…"


def test_shorten_html_refuses_invalid_html() -> None:
    with pytest.raises(TelegramHtmlError):
        shorten_html("<b>unclosed " + "x" * 100, 20)


@settings(max_examples=200, deadline=None)
@given(hostile_text, st.integers(min_value=1, max_value=5000))
def test_shortened_hostile_text_is_valid_within_budget_and_a_prefix(text: str, budget: int) -> None:
    shortened = shorten(text, budget)
    assert telegram_html_error(shortened) is None
    assert utf16_length(shortened) <= budget
    assert clean(text).startswith(visible_text(shortened).removesuffix("…").rstrip())


@settings(max_examples=150, deadline=None)
@given(hostile_text, hostile_text, st.integers(min_value=16, max_value=4096))
def test_shortened_markup_is_valid_within_budget(title: str, body: str, budget: int) -> None:
    html = join([bold(link(escape(title), "https://a.kz")), blockquote(italic(escape(body)))])
    shortened = shorten_html(html, budget)
    assert telegram_html_error(shortened) is None
    assert utf16_length(shortened) <= budget
