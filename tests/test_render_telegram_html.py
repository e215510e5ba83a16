"""The strict checker of Telegram's HTML parse mode."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_hostile import hostile_text

from bot.render.telegram_html import (
    TelegramHtmlError,
    is_valid_telegram_html,
    telegram_html_error,
    visible_length,
    visible_text,
)

ACCEPTED = [
    "plain text",
    "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins>",
    "<s>s</s><strike>k</strike><del>d</del><tg-spoiler>t</tg-spoiler>",
    '<span class="tg-spoiler">hidden</span>',
    '<a href="https://example.kz/?a=1&amp;b=2">link</a>',
    "<a href='tg://resolve?domain=x'>deep</a>",
    "<code>x &lt; y</code>",
    "<pre>block</pre>",
    '<pre><code class="language-python">print(1)</code></pre>',
    "<blockquote>quote</blockquote>",
    "<blockquote expandable>long quote</blockquote>",
    "<blockquote><b>bold</b> and <code>code</code></blockquote>",
    "<b>bold <i>italic <u>under <s>struck <tg-spoiler>all</tg-spoiler></s></u></i></b>",
    "<B>upper</B>",
    "&lt; &gt; &amp; &quot; &#33; &#x1F600;",
    "<b></b>",
    "Қазақстан مرحبا 👨‍👩‍👧 🇰🇿\n\ttab",
]

REFUSED = [
    ("<div>x</div>", "unsupported tag"),
    ("<br/>", "malformed"),
    ("<b><i>x</b></i>", "expected"),
    ("<b>x", "no end tag"),
    ("x</b>", "unexpected end tag"),
    ("a & b", "unescaped '&'"),
    ("a > b", "unescaped '>'"),
    ("a < b", "malformed"),
    ("&nbsp;", "unescaped '&'"),
    ("&lt", "unescaped '&'"),
    ("&#0;", "invalid character reference"),
    ("&#xD800;", "invalid character reference"),
    ("&#x110000;", "invalid character reference"),
    ("bell\x07", "U+0007"),
    ("&#7;", "U+0007"),
    ("<a>x</a>", "href"),
    ('<a href="javascript:alert(1)">x</a>', "href"),
    ('<a href="https://a.kz" title="t">x</a>', "not allowed"),
    ('<a href="https://a.kz"><a href="https://b.kz">x</a></a>', "link inside a link"),
    ("<span>x</span>", "tg-spoiler"),
    ('<span class="other">x</span>', "tg-spoiler"),
    ("<blockquote><blockquote>x</blockquote></blockquote>", "nested"),
    ("<b><blockquote>x</blockquote></b>", "nested"),
    ("<code><b>x</b></code>", "inside <code>"),
    ("<pre><b>x</b></pre>", "inside <pre>"),
    ("<b><code>x</code></b>", "inside a formatting tag"),
    ('<code class="language-py">x</code>', "only allowed in <pre>"),
    ('<pre><code class="python">x</code></pre>', "language-"),
    ('<blockquote expandable="yes">x</blockquote>', "no value"),
    ('<b class="x">x</b>', "not allowed"),
    ("</b >", "unexpected end tag"),
    ('<a href="https://a.kz" href="https://b.kz">x</a>', "repeated"),
]


@pytest.mark.parametrize("html", ACCEPTED)
def test_what_telegram_accepts_passes(html: str) -> None:
    assert telegram_html_error(html) is None


@pytest.mark.parametrize(("html", "reason"), REFUSED)
def test_what_telegram_refuses_or_repairs_is_reported_with_a_reason(html: str, reason: str) -> None:
    error = telegram_html_error(html)
    assert error is not None
    assert reason in error


def test_lone_surrogates_are_refused() -> None:
    assert not is_valid_telegram_html("broken \ud800 text")


def test_visible_text_drops_tags_and_decodes_entities() -> None:
    html = '<b>1 &lt; 2</b> <a href="https://a.kz/?x=1&amp;y=2">&quot;ok&quot;</a> &#x1F600;'
    assert visible_text(html) == '1 < 2 "ok" 😀'


def test_visible_length_counts_utf16_units_like_telegram() -> None:
    assert visible_length("<b>abc</b>") == 3
    assert visible_length("&amp;") == 1
    assert visible_length("😀") == 2
    assert visible_length("🇰🇿") == 4
    assert visible_length("Қазақ") == 5


def test_visible_length_of_invalid_html_raises() -> None:
    with pytest.raises(TelegramHtmlError):
        visible_length("<b>")


tag_soup = st.lists(
    st.sampled_from(
        ["<b>", "</b>", "<i>", "</i>", "<a href='https://a.kz'>", "</a>", "<blockquote>",
         "</blockquote>", "<code>", "</code>", "&amp;", "&", "<", ">", "x", " ", "<pre>", "</pre>",
         '<span class="tg-spoiler">', "</span>", "<B>", "</B >"]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(tag_soup, hostile_text))
def test_the_checker_answers_for_any_text_and_never_crashes(html: str) -> None:
    error = telegram_html_error(html)
    if error is None:
        assert visible_length(html) <= len(html.encode("utf-16-le")) // 2
