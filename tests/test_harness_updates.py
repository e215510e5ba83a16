"""getUpdates like Telegram: an update stays until a later offset confirms it; long polling
waits up to `timeout` and wakes as soon as something arrives."""

from __future__ import annotations

import asyncio
import time

from harness import Telegram
from telegram import Bot, Update
from telegram.ext import Application, CommandHandler, ContextTypes

pytest_plugins = ("harness.fixtures",)


def _bot(telegram: Telegram) -> Bot:
    return Bot(telegram.token, base_url=telegram.base_url)


async def test_an_unconfirmed_update_is_delivered_again(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    reader.send("/start")
    async with _bot(telegram_api) as bot:
        first = await bot.get_updates()
        again = await bot.get_updates()
        assert [u.update_id for u in first] == [u.update_id for u in again] == [1]
        reader.send("/help")
        confirmed = await bot.get_updates(offset=first[-1].update_id + 1)
        assert [u.message.text for u in confirmed if u.message] == ["/help"]
        assert [u.update_id for u in await bot.get_updates()] == [2]


async def test_limit_caps_one_answer(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    for number in range(5):
        reader.send(f"message {number}")
    async with _bot(telegram_api) as bot:
        assert [u.update_id for u in await bot.get_updates(limit=2)] == [1, 2]


async def test_long_polling_waits_for_the_timeout_when_nothing_comes(
    telegram_api: Telegram,
) -> None:
    async with _bot(telegram_api) as bot:
        started = time.monotonic()
        assert await bot.get_updates(timeout=1) == ()
        assert 0.9 <= time.monotonic() - started < 2


async def test_long_polling_wakes_when_an_update_arrives(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    async with _bot(telegram_api) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=10))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        reader.send("/latest")
        updates = await poll
        assert time.monotonic() - started < 1
        assert updates[0].message is not None and updates[0].message.text == "/latest"


async def test_a_second_poll_ends_the_first_with_conflict(telegram_api: Telegram) -> None:
    async with _bot(telegram_api) as old, _bot(telegram_api) as new:
        first = asyncio.create_task(old.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        second = asyncio.create_task(new.get_updates(timeout=1))
        results = await asyncio.gather(first, second, return_exceptions=True)
    assert "terminated by other getUpdates request" in str(results[0])
    assert results[1] == ()


async def test_a_polling_application_answers_an_injected_command(
    telegram_api: Telegram,
) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user is not None and update.effective_message is not None
        await update.effective_message.reply_html(
            f"Сәлем, <b>{update.effective_user.first_name}</b>!"
        )

    application = (
        Application.builder().token(telegram_api.token).base_url(telegram_api.base_url).build()
    )
    application.add_handler(CommandHandler("start", start))
    reader = telegram_api.user("Ainur", language_code="kk")
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        reader.send("/start")
        reply = await reader.next_message(timeout=5)
        await application.updater.stop()
        await application.stop()
    assert reply.text == "Сәлем, Ainur!"
    assert reply.html == "Сәлем, <b>Ainur</b>!"
    assert telegram_api.violations == []
