"""Cleaning, escaping and the tag helpers."""

from __future__ import annotations

from hypothesis import given, settings
from test_render_hostile import hostile_text, hostile_urls

from bot.render.html import (
    Html,
    blockquote,
    bold,
    clean,
    code,
    escape,
    italic,
    join,
    link,
    one_line,
    pre,
    spoiler,
    strike,
    underline,
)
from bot.render.telegram_html import is_valid_telegram_html, telegram_html_error, visible_text


def test_escape_replaces_markup_characters_but_leaves_quotes_in_text() -> None:
    assert escape('<b>"Tom" & Jerry</b>') == '&lt;b&gt;"Tom" &amp; Jerry&lt;/b&gt;'


def test_escape_for_attributes_also_escapes_double_quotes() -> None:
    assert escape('a"b', quote=True) == "a&quot;b"


def test_clean_removes_controls_surrogates_and_bidi_overrides_keeping_tabs_and_newlines() -> None:
    assert clean("a\x00b\x07c\x1b\x7f\x85d\ud800e\u202ef\tg\nh") == "abcdef\tg\nh"


def test_clean_turns_every_line_break_into_a_newline() -> None:
    assert clean("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\ne"


def test_clean_keeps_rtl_kazakh_and_emoji_sequences() -> None:
    text = "مرحبا שלום Қазақстан 👨‍👩‍👧‍👦 🇰🇿 👍🏽 e\u0301 \u200f"
    assert clean(text) == text


def test_one_line_collapses_all_whitespace() -> None:
    assert one_line("  a \n\n b\t c  ") == "a b c"


def test_link_wraps_a_safe_url_with_an_escaped_href() -> None:
    assert link(escape("Жаңалық"), 'https://a.kz/?q="x"&y') == (
        '<a href="https://a.kz/?q=&quot;x&quot;&amp;y">Жаңалық</a>'
    )


def test_link_without_a_safe_url_is_just_the_label() -> None:
    for url in (None, "", "javascript:alert(1)", "https://a.kz/" + "&" * 200):
        assert link(escape("label"), url) == "label"


def test_tag_helpers_make_valid_telegram_html() -> None:
    inner = escape("x < y")
    pieces = [bold(inner), italic(inner), underline(inner), strike(inner), spoiler(inner),
              code("a<b"), pre("if a < b:\n    pass"), blockquote(inner, expandable=True)]
    html = join(pieces)
    assert telegram_html_error(html) is None
    assert html.startswith("<b>x &lt; y</b>\n<i>")
    assert "<blockquote expandable>" in html


def test_join_escapes_its_separator() -> None:
    assert join([Html("a"), Html("b")], " & ") == "a &amp; b"


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_escaped_hostile_text_is_valid_and_shows_exactly_the_cleaned_text(text: str) -> None:
    escaped = escape(text)
    assert is_valid_telegram_html(escaped)
    assert visible_text(escaped) == clean(text)
    assert is_valid_telegram_html(escape(text, quote=True))


@settings(max_examples=150, deadline=None)
@given(hostile_text, hostile_urls)
def test_links_and_tags_around_hostile_text_are_valid(text: str, url: str | None) -> None:
    html = join([bold(link(escape(text), url)), blockquote(italic(escape(text))), code(text)])
    assert telegram_html_error(html) is None
