"""The bot under test is a real subprocess pointed at the emulator by its environment."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from harness import Telegram
from harness.process import BotProcess

pytest_plugins = ("harness.fixtures",)

ECHO_BOT = """
import os
from telegram.ext import Application, MessageHandler, filters

async def echo(update, context):
    await update.effective_message.reply_text(update.effective_message.text.upper())

app = (Application.builder().token(os.environ["BOT_TOKEN"])
       .base_url(os.environ["BOT_API_BASE_URL"]).build())
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(poll_interval=0, timeout=1)
"""


async def test_a_polling_subprocess_answers_and_stops_on_sigterm(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    script = tmp_path / "echo_bot.py"
    script.write_text(ECHO_BOT, encoding="utf-8")
    bot = bot_process(command=[sys.executable, str(script)])
    await bot.wait_polling()
    reader = telegram_api.user()
    reader.send("сәлем")
    reply = await reader.next_message(timeout=10)
    assert reply.text == "СӘЛЕМ"
    assert bot.stop() == 0, bot.output
    assert telegram_api.violations == []
