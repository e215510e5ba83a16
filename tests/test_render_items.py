"""One digest item / quote hit / search hit as Telegram HTML."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_hostile import (
    hostile_text,
    hostile_urls,
    maybe_hostile_text,
    moments,
    reader_zones,
)

from bot.render.chars import utf16_length
from bot.render.items import (
    ITEM_LIMIT,
    local_time,
    render_article,
    render_quote_hit,
    render_search_hit,
)
from bot.render.telegram_html import is_valid_telegram_html, telegram_html_error, visible_text
from storage.records import QuoteHit, SearchHit, StoredArticle, StoredQuote
from storage.search_text import HIGHLIGHT_END, HIGHLIGHT_START

ALMATY = ZoneInfo("Asia/Almaty")
NOON_UTC = datetime(2025, 3, 12, 9, 5, tzinfo=UTC)


def quote(text: str, speaker: str | None = "Тоқаев", rank: int | None = 0) -> StoredQuote:
    return StoredQuote(
        id=1, article_id=1, text=text, speaker_name=speaker, speaker_key=None, position=0,
        paragraph=0, salience=1.0, is_key=rank is not None, key_rank=rank,
    )


def article(**changes: object) -> StoredArticle:
    fields: dict[str, object] = {
        "id": 1, "title": "Ел бюджеті", "body": "Бірінші абзац.\n\nЕкінші абзац.",
        "url": "https://kaz.example/a?x=1&y=2", "canonical_url": None, "lang": "kk",
        "published_at": NOON_UTC, "ingested_at": NOON_UTC, "origin": None,
        "source": "Kazinform", "summary": ["Бюджет қабылданды.", "Тапшылық азайды."],
        "key_quotes": [quote("Бюджет — халық үшін.")],
    }
    fields.update(changes)
    return StoredArticle(**fields)  # type: ignore[arg-type]


def test_article_item_has_linked_title_meta_summary_and_quote_with_speaker() -> None:
    assert render_article(article(), ALMATY) == (
        '<b><a href="https://kaz.example/a?x=1&amp;y=2">Ел бюджеті</a></b>\n'
        "<i>12.03.2025 14:05 · Kazinform · KK</i>\n"
        "Бюджет қабылданды. Тапшылық азайды.\n"
        "<blockquote>Бюджет — халық үшін.</blockquote>\n"
        "— <i>Тоқаев</i>"
    )


def test_title_is_not_linked_without_a_url_or_with_an_unsafe_one() -> None:
    for url in (None, "", "javascript:alert(1)", "ftp://x.kz/f"):
        assert render_article(article(url=url), ALMATY).startswith("<b>Ел бюджеті</b>\n")


def test_speaker_line_is_left_out_when_the_speaker_is_unknown() -> None:
    rendered = render_article(article(key_quotes=[quote("Сөз.", speaker=None)]), ALMATY)
    assert rendered.endswith("<blockquote>Сөз.</blockquote>")


def test_markup_in_records_is_escaped_not_obeyed() -> None:
    rendered = render_article(
        article(title="<b>Bold</b> & co", summary=["1 < 2 > 0"],
                key_quotes=[quote("<i>quoted</i>", speaker='"><a')]),
        ALMATY,
    )
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in rendered
    assert "1 &lt; 2 &gt; 0" in rendered
    assert "— <i>\"&gt;&lt;a</i>" in rendered
    assert is_valid_telegram_html(rendered)


def test_time_is_shown_in_the_readers_zone_and_naive_times_are_utc() -> None:
    assert local_time(NOON_UTC, ALMATY) == "12.03.2025 14:05"
    assert local_time(datetime(2025, 3, 12, 9, 5), ALMATY) == "12.03.2025 14:05"
    assert local_time(NOON_UTC, UTC) == "12.03.2025 09:05"


def test_meta_line_is_left_out_when_time_source_and_language_are_unknown() -> None:
    rendered = render_article(article(published_at=None, source=None, lang=None), ALMATY)
    assert "<i>" not in rendered.split("\n")[1]


def test_summary_falls_back_to_the_first_paragraph_and_keeps_three_sentences() -> None:
    assert "Бірінші абзац." in render_article(article(summary=[]), ALMATY)
    rendered = render_article(article(summary=["A.", "B.", "C.", "D."]), ALMATY)
    assert "A. B. C.\n" in rendered
    assert "D." not in rendered


def test_a_summary_sentence_that_the_quote_block_repeats_is_left_out() -> None:
    summary = [
        "Облыста жол ашылды.",
        "«Жол уақытында бітті», — деді әкім.",
        "Құрылысқа 9 млрд теңге бөлінді.",
    ]
    rendered = render_article(
        article(summary=summary, key_quotes=[quote("Жол уақытында бітті")]), ALMATY
    )
    assert rendered.count("Жол уақытында бітті") == 1
    assert "Облыста жол ашылды. Құрылысқа 9 млрд теңге бөлінді." in rendered


def test_the_first_summary_sentence_stays_even_when_it_is_the_quote() -> None:
    rendered = render_article(
        article(summary=["«Біз дайынбыз», — деді ол."], key_quotes=[quote("Біз дайынбыз")]),
        ALMATY,
    )
    assert "деді ол." in rendered


def test_key_quotes_follow_their_rank_up_to_the_asked_number() -> None:
    quotes = [quote("Second.", rank=1), quote("First.", rank=0), quote("Third.", rank=2)]
    rendered = render_article(article(key_quotes=quotes), ALMATY, max_quotes=2)
    assert rendered.index("First.") < rendered.index("Second.")
    assert "Third." not in rendered


def test_a_4000_character_quote_is_shortened_at_a_word_with_an_ellipsis() -> None:
    long_quote = "сөз " * 1000
    rendered = render_article(article(key_quotes=[quote(long_quote)]), ALMATY)
    assert "сөз…</blockquote>" in rendered
    assert utf16_length(rendered) <= ITEM_LIMIT


def test_quote_hit_shows_quote_speaker_linked_article_and_date() -> None:
    hit = QuoteHit(quote("Біз дайынбыз."), "Жаңалық", "https://kaz.example/n", NOON_UTC)
    assert render_quote_hit(hit, ALMATY) == (
        "<blockquote>Біз дайынбыз.</blockquote>\n"
        "— <i>Тоқаев</i>\n"
        '<a href="https://kaz.example/n">Жаңалық</a> · <i>12.03.2025 14:05</i>'
    )


def test_search_hit_bolds_matched_words_after_escaping() -> None:
    snippet = f"…a <tag> & {HIGHLIGHT_START}Тоқаев{HIGHLIGHT_END} said{HIGHLIGHT_END}…"
    hit = SearchHit(7, "Title", "https://kaz.example/s", NOON_UTC, "ru", snippet)
    assert render_search_hit(hit, ALMATY) == (
        '<b><a href="https://kaz.example/s">Title</a></b>\n'
        "<i>12.03.2025 14:05 · RU</i>\n"
        "…a &lt;tag&gt; &amp; <b>Тоқаев</b> said…"
    )


def _check_item(rendered: str) -> None:
    assert telegram_html_error(rendered) is None, rendered[:300]
    assert utf16_length(rendered) <= ITEM_LIMIT
    assert visible_text(rendered).strip()


quotes = st.builds(quote, hostile_text, maybe_hostile_text, st.one_of(st.none(), st.integers(0, 3)))


@settings(max_examples=150, deadline=None)
@given(
    title=hostile_text, body=hostile_text, url=hostile_urls, lang=maybe_hostile_text,
    source=maybe_hostile_text, published_at=moments, tz=reader_zones,
    summary=st.lists(hostile_text, max_size=4), key_quotes=st.lists(quotes, max_size=4),
    max_quotes=st.integers(1, 5),
)
def test_any_article_renders_as_valid_html_within_the_item_limit(
    title: str, body: str, url: str | None, lang: str | None, source: str | None,
    published_at: datetime | None, tz: ZoneInfo, summary: list[str],
    key_quotes: list[StoredQuote], max_quotes: int,
) -> None:
    stored = article(
        title=title, body=body, url=url, lang=lang, source=source, published_at=published_at,
        summary=summary, key_quotes=key_quotes,
    )
    _check_item(render_article(stored, tz, max_quotes=max_quotes))


@settings(max_examples=100, deadline=None)
@given(quotes, hostile_text, hostile_urls, moments, reader_zones)
def test_any_quote_hit_renders_as_valid_html_within_the_item_limit(
    stored: StoredQuote, title: str, url: str | None, when: datetime | None, tz: ZoneInfo
) -> None:
    _check_item(render_quote_hit(QuoteHit(stored, title, url, when), tz))


@settings(max_examples=100, deadline=None)
@given(hostile_text, hostile_urls, moments, maybe_hostile_text, hostile_text, reader_zones)
def test_any_search_hit_renders_as_valid_html_within_the_item_limit(
    title: str, url: str | None, when: datetime | None, lang: str | None, snippet: str,
    tz: ZoneInfo,
) -> None:
    _check_item(render_search_hit(SearchHit(1, title, url, when, lang, snippet), tz))
