"""Webhook mode: the bot registers its URL with the secret and refuses updates without it."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from harness import Telegram
from harness.process import BotProcess

pytest_plugins = ("harness.fixtures",)

REPO = Path(__file__).resolve().parents[1]
SECRET = "webhook-secret_42"
pytestmark = pytest.mark.skipif(
    not (REPO.parent / "shared" / "data" / "telegram-bot-api" / "api.json").exists(),
    reason="../shared/data/telegram-bot-api/api.json is not present",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_checks_the_secret_on_every_request(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    port = free_port()
    bot = bot_process(
        env={
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'store.db'}",
            "SEEDS_DIR": str(REPO / "seeds"),
            "WEBHOOK_URL": "https://bot.example.org/telegram",
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
        }
    )
    await telegram_api.wait_for(
        lambda: bool(telegram_api.state.webhook.get("url")) or not bot.running, 60
    )
    assert bot.running, bot.output
    assert telegram_api.state.webhook["url"] == "https://bot.example.org/telegram"
    assert telegram_api.state.webhook["secret_token"] == SECRET

    reader = telegram_api.user("Hooked", language_code="en")
    update = {
        "update_id": 7001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": reader.id, "type": "private", "first_name": "Hooked"},
            "from": reader.user,
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }
    url = f"http://127.0.0.1:{port}/telegram"
    async with httpx.AsyncClient() as client:
        for _ in range(100):  # the webhook server starts a moment after setWebhook
            try:
                forged = await client.post(url, json=update)
                break
            except httpx.ConnectError:
                await asyncio.sleep(0.1)
        assert forged.status_code == 403
        wrong = await client.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
        )
        assert wrong.status_code == 403
        assert reader.messages() == []
        accepted = await client.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
        assert accepted.status_code == 200
    await telegram_api.wait_for(lambda: len(reader.messages()) > 0, 10)
    assert "What I can do" in (reader.messages()[0].html or "")
    assert telegram_api.spec_violations == []
