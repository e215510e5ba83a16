"""Search snippets with the matched words in bold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_hostile import hostile_text

from bot.render.chars import utf16_length
from bot.render.snippets import highlighted_pieces, render_snippet
from bot.render.telegram_html import telegram_html_error
from storage.search_text import HIGHLIGHT_END as END
from storage.search_text import HIGHLIGHT_START as START


def test_markers_become_bold_after_the_text_is_escaped() -> None:
    assert render_snippet(f"a < {START}b&c{END} >", 100) == "a &lt; <b>b&amp;c</b> &gt;"


def test_stray_and_doubled_markers_are_dropped() -> None:
    assert render_snippet(f"{END}a {START}{START}b{END}{END} c{END}", 100) == "a <b>b</b> c"


def test_an_unclosed_marker_bolds_to_the_end() -> None:
    assert render_snippet(f"a {START}b c", 100) == "a <b>b c</b>"


def test_whitespace_is_flattened_to_one_line() -> None:
    assert render_snippet(f"a\n\n {START}b{END}\tc", 100) == "a <b>b</b> c"


def test_a_long_snippet_is_cut_with_an_ellipsis_and_stops_there() -> None:
    snippet = "word " * 50 + f"{START}hit{END}"
    rendered = render_snippet(snippet, 30)
    assert rendered.endswith("word…")
    assert "hit" not in rendered


def test_pieces_keep_order_and_match_state() -> None:
    assert highlighted_pieces(f"x{START}y{END}z") == [("x", False), ("y", True), ("z", False)]


@settings(max_examples=200, deadline=None)
@given(hostile_text, st.integers(min_value=8, max_value=2000))
def test_any_snippet_renders_as_valid_html_within_budget(snippet: str, budget: int) -> None:
    rendered = render_snippet(snippet, budget)
    assert telegram_html_error(rendered) is None
    assert utf16_length(rendered) <= budget
