"""Telegram HTML as the server reads it: allowed tags, nesting, entities, limits."""

from __future__ import annotations

import httpx
import pytest
from harness import Telegram
from harness.html_check import HtmlError, parse_html, visible_text

pytest_plugins = ("harness.fixtures",)

ALLOWED = (
    "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
    '<strike>k</strike><del>d</del><span class="tg-spoiler">p</span><tg-spoiler>t</tg-spoiler>'
    '<a href="https://example.kz/?a=1&amp;b=2">link</a><code>c</code>'
    '<pre><code class="language-python">x = 1</code></pre>'
    "<blockquote>q</blockquote><blockquote expandable>long</blockquote>"
    '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
)


def test_every_allowed_tag_becomes_an_entity() -> None:
    text, entities = parse_html(ALLOWED)
    kinds = [e["type"] for e in entities]
    assert kinds.count("bold") == 2 and kinds.count("strikethrough") == 3
    assert {
        "spoiler",
        "text_link",
        "code",
        "pre",
        "blockquote",
        "expandable_blockquote",
        "custom_emoji",
    } <= set(kinds)
    link = next(e for e in entities if e["type"] == "text_link")
    assert link["url"] == "https://example.kz/?a=1&b=2"
    pre = next(e for e in entities if e["type"] == "pre")
    assert pre["language"] == "python"
    assert text.startswith("bsieun")


def test_offsets_count_utf16_units_like_telegram() -> None:
    text, entities = parse_html("😀 <b>Қазақ</b>")
    assert text == "😀 Қазақ"
    assert entities == [{"type": "bold", "offset": 3, "length": 5}]


def test_entities_decode_named_and_numeric() -> None:
    assert parse_html("&lt;&gt;&amp;&quot;&#1179;&#x49B;")[0] == '<>&"ққ'


@pytest.mark.parametrize(
    ("html", "complaint"),
    [
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("x</b>", 'Unexpected end tag "b"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("a < b", 'Unsupported start tag ""'),
        ("AT&T", 'Unsupported HTML entity "&"'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("<b", "Unclosed start tag"),
    ],
)
def test_what_telegram_refuses(html: str, complaint: str) -> None:
    with pytest.raises(HtmlError, match=r"^can't parse entities: ") as caught:
        parse_html(html)
    assert complaint in str(caught.value)


def test_leading_and_trailing_space_is_trimmed_and_entities_follow() -> None:
    text, entities = visible_text("  <b>x</b>  ", "HTML")
    assert text == "x" and entities[0]["offset"] == 0


async def _send(telegram: Telegram, **payload: object) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        url = f"{telegram.base_url}{telegram.token}/sendMessage"
        return await client.post(url, json=payload)


@pytest.mark.parametrize(
    ("payload", "description"),
    [
        ({"text": "<b>x", "parse_mode": "HTML"}, "Bad Request: can't parse entities: "),
        ({"text": "x" * 4097}, "Bad Request: message is too long"),
        ({"text": "<b></b>", "parse_mode": "HTML"}, "Bad Request: message text is empty"),
        ({"text": "  "}, "Bad Request: message text is empty"),
        (
            {
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "é" * 33}]]},
            },
            "Bad Request: BUTTON_DATA_INVALID",
        ),
    ],
)
async def test_the_server_answers_400_for_bad_content(
    telegram_api: Telegram, payload: dict[str, object], description: str
) -> None:
    reader = telegram_api.user()
    answer = await _send(telegram_api, chat_id=reader.id, **payload)
    assert answer.status_code == 400
    assert answer.json()["description"].startswith(description)
    assert len(telegram_api.violations) == 1 and telegram_api.spec_violations == []


async def test_4096_characters_after_parsing_still_fit(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    text = "<b>" + "ә" * 4096 + "</b>"
    answer = await _send(telegram_api, chat_id=reader.id, text=text, parse_mode="HTML")
    assert answer.status_code == 200


async def test_more_than_50_inline_results_are_refused(telegram_api: Telegram) -> None:
    query = telegram_api.user().inline("news")
    result = {"type": "article", "title": "t", "input_message_content": {"message_text": "m"}}
    results = [{**result, "id": str(n)} for n in range(51)]
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            f"{telegram_api.base_url}{telegram_api.token}/answerInlineQuery",
            json={"inline_query_id": query.id, "results": results},
        )
    assert answer.status_code == 400 and "RESULTS_TOO_MUCH" in answer.json()["description"]
