"""A test plays the reader: every action arrives at the bot as Telegram would deliver it."""

from __future__ import annotations

import pytest
from harness import Telegram
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

pytest_plugins = ("harness.fixtures",)


def _bot(telegram: Telegram) -> Bot:
    return Bot(telegram.token, base_url=telegram.base_url)


async def test_a_command_in_a_group_carries_the_group_and_the_sender(
    telegram_api: Telegram,
) -> None:
    admin = telegram_api.user("Dana", language_code="ru")
    group = telegram_api.group("Жаңалықтар", admins=(admin,))
    admin.send("/subscribe@digest_test_bot 08:00", chat=group)
    async with _bot(telegram_api) as bot:
        (update,) = await bot.get_updates()
        message = update.message
        assert message is not None and message.from_user is not None
        assert (message.chat.type, message.chat.title) == ("supergroup", "Жаңалықтар")
        assert message.from_user.language_code == "ru"
        assert message.entities[0].type == "bot_command" and message.entities[0].length == 26
        member = await bot.get_chat_member(group.id, admin.id)
        assert member.status == "administrator"
        outsider = telegram_api.user()
        assert (await bot.get_chat_member(group.id, outsider.id)).status == "member"
        admins = await bot.get_chat_administrators(group.id)
        assert [a.user.id for a in admins] == [admin.id]


async def test_a_channel_post_and_the_bot_being_added(telegram_api: Telegram) -> None:
    owner = telegram_api.user()
    channel = telegram_api.channel("Daily", username="daily_kz")
    telegram_api.bot_added(channel, owner, admin=True)
    telegram_api.channel_post(channel, "/latest")
    async with _bot(telegram_api) as bot:
        added, post = await bot.get_updates()
        assert added.my_chat_member is not None
        assert added.my_chat_member.new_chat_member.status == "administrator"
        assert post.channel_post is not None and post.channel_post.chat.username == "daily_kz"
        assert (await bot.get_chat("@daily_kz")).id == channel.id


async def test_pressing_a_button_sends_its_callback_query(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Қазақша", callback_data="lang:kk"),
                InlineKeyboardButton("English", callback_data="lang:en"),
            ]
        ]
    )
    async with _bot(telegram_api) as bot:
        sent = await bot.send_message(reader.id, "Language?", reply_markup=keyboard)
        press = reader.press_text(reader.messages()[0], "English")
        with pytest.raises(LookupError):
            reader.press(reader.messages()[0], "lang:fr")
        (update,) = await bot.get_updates()
        query = update.callback_query
        assert query is not None and query.data == "lang:en" and query.chat_instance
        assert query.message is not None and query.message.message_id == sent.message_id
        await query.answer("ok")
        await bot.edit_message_text(
            "Language: English", chat_id=reader.id, message_id=sent.message_id
        )
    assert (await reader.answer(press))["text"] == "ok"
    edited = reader.messages()[0]
    assert edited.text == "Language: English" and edited.reply_markup is None


async def test_an_inline_query_and_its_waited_answer(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    query = reader.inline("Тоқаев", offset="20")
    async with _bot(telegram_api) as bot:
        (update,) = await bot.get_updates()
        inline = update.inline_query
        assert inline is not None and (inline.query, inline.offset) == ("Тоқаев", "20")
        await inline.answer([], next_offset="")
    answer = await reader.answer(query)
    assert answer["results"] == []


async def test_next_message_walks_the_bot_output_in_order(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    async with _bot(telegram_api) as bot:
        for text in ("one", "two"):
            await bot.send_message(reader.id, text)
    assert (await reader.next_message()).text == "one"
    assert (await reader.next_message()).text == "two"
    with pytest.raises(TimeoutError):
        await reader.next_message(timeout=0.1)


async def test_updates_outside_allowed_updates_are_not_delivered(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    async with _bot(telegram_api) as bot:
        await bot.get_updates(allowed_updates=["message"])
        reader.inline("x")
        reader.send("hello")
        (update,) = await bot.get_updates()
    assert update.message is not None
    assert [next(iter(set(u) - {"update_id"})) for u in telegram_api.state.dropped_updates] == [
        "inline_query"
    ]
