"""The emulator speaks the Bot API well enough for a real PTB 22 Bot to use it."""

from __future__ import annotations

import httpx
import pytest
from harness import Telegram
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.error import BadRequest

pytest_plugins = ("harness.fixtures",)


def _bot(telegram: Telegram) -> Bot:
    return Bot(telegram.token, base_url=telegram.base_url, base_file_url=telegram.base_file_url)


async def test_get_me_describes_a_bot_that_supports_inline_queries(telegram_api: Telegram) -> None:
    async with _bot(telegram_api) as bot:
        me = await bot.get_me()
    assert me.is_bot and me.can_join_groups and me.supports_inline_queries
    assert me.id == int(telegram_api.token.split(":")[0])


async def test_send_message_returns_a_full_message_with_html_parsed(
    telegram_api: Telegram,
) -> None:
    reader = telegram_api.user("Ainur", language_code="kk")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:2")]])
    async with _bot(telegram_api) as bot:
        sent = await bot.send_message(
            reader.id,
            "<b>Жаңалық</b> &amp; <i>more</i>",
            parse_mode="HTML",
            reply_markup=keyboard,
        )
    assert sent.message_id == 1 and sent.chat.id == reader.id
    assert sent.text == "Жаңалық & more"
    assert [e.type for e in sent.entities] == ["bold", "italic"]
    assert sent.reply_markup == keyboard
    assert abs(sent.date.timestamp() - telegram_api.log.snapshot()[-1].wall) < 2  # seconds
    stored = reader.messages()[0]
    assert stored.html == "<b>Жаңалық</b> &amp; <i>more</i>"
    assert stored.callback_data == ["more:2"]


async def test_edit_returns_the_edited_message_and_refuses_an_identical_edit(
    telegram_api: Telegram,
) -> None:
    reader = telegram_api.user()
    async with _bot(telegram_api) as bot:
        sent = await bot.send_message(reader.id, "first")
        edited = await bot.edit_message_text(
            "second", chat_id=reader.id, message_id=sent.message_id
        )
        assert edited.text == "second" and edited.edit_date is not None
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("second", chat_id=reader.id, message_id=sent.message_id)
    assert [e["text"] for e in reader.messages()[0].edits] == ["second"]


async def test_callback_and_inline_answers_are_kept_for_the_test(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    async with _bot(telegram_api) as bot:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
        await bot.send_message(reader.id, "pick", reply_markup=keyboard)
        press = reader.press(reader.messages()[0])
        assert await bot.answer_callback_query(press.id, text="done")
        inline = reader.inline("Тоқаев")
        result = InlineQueryResultArticle(
            "q1", "Quote", InputTextMessageContent("<b>x</b>", parse_mode="HTML")
        )
        assert await bot.answer_inline_query(inline.id, [result], next_offset="10")
    assert press.answer is not None and press.answer["text"] == "done"
    answer = telegram_api.inline_answer(inline.id)
    assert answer is not None and answer["next_offset"] == "10"
    assert answer["results"][0]["id"] == "q1"


async def test_commands_are_kept_per_language_and_scope(telegram_api: Telegram) -> None:
    async with _bot(telegram_api) as bot:
        await bot.set_my_commands([BotCommand("latest", "Соңғы жаңалықтар")], language_code="kk")
        await bot.set_my_commands([BotCommand("start", "Start")])
        kk = await bot.get_my_commands(language_code="kk")
        assert [c.command for c in kk] == ["latest"]
        await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()
    assert telegram_api.commands("kk") == ["latest"]


async def test_documents_injected_by_the_test_can_be_downloaded(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    reader.send_document("Мәтін".encode(), "article.txt")
    async with _bot(telegram_api) as bot:
        (update,) = await bot.get_updates()
        assert update.message is not None and update.message.document is not None
        file = await update.message.document.get_file()
        assert bytes(await file.download_as_bytearray()) == "Мәтін".encode()


async def test_form_json_and_query_requests_are_all_understood(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    url = f"{telegram_api.base_url}{telegram_api.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        as_json = await client.post(url, json={"chat_id": reader.id, "text": "a"})
        as_form = await client.post(url, data={"chat_id": str(reader.id), "text": "b"})
        as_query = await client.get(url, params={"chat_id": reader.id, "text": "c"})
        as_multipart = await client.post(
            url, data={"chat_id": str(reader.id), "text": "d"}, files={"x": ("", b"")}
        )
    assert [r.json()["result"]["text"] for r in (as_json, as_form, as_query)] == ["a", "b", "c"]
    assert as_multipart.status_code == 400  # the stray file part "x" is an unknown field


async def test_a_wrong_token_is_unauthorized(telegram_api: Telegram) -> None:
    async with httpx.AsyncClient() as client:
        answer = await client.get(f"{telegram_api.base_url}1:wrong/getMe")
    assert answer.status_code == 401
    assert answer.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
