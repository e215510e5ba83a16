"""Admins against the Bot API emulator: items added from a text and a document reach each
reader once; a broadcast to 300 subscribers through 429s and 403s, its progress message and
report; a restart in the middle; and the non-admin matrix (nothing changes)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from admin_support import wait_text, with_text
from delivery_support import FIRST_CHAT, fill_store
from harness import Telegram
from harness.process import BotProcess

pytest_plugins = ("harness.fixtures",)

REPO = Path(__file__).resolve().parents[1]
SHARED_SPEC = REPO.parent / "shared" / "data" / "telegram-bot-api" / "api.json"
pytestmark = pytest.mark.skipif(
    not SHARED_SPEC.exists(), reason="../shared/data/telegram-bot-api/api.json is not present"
)
ADMIN_ID = 777_000_001
FAST = {
    "DELIVERY_TICK_SECONDS": "0.5",
    "DELIVERY_MAX_PER_SECOND": "1000",
    "DELIVERY_PRIVATE_INTERVAL_SECONDS": "0",
    "DELIVERY_RETRY_BASE_SECONDS": "0.2",
    "DELIVERY_LEASE_SECONDS": "3",
    "FLOOD_LIMIT": "0",
}
TEXT_ITEM = (
    "Council approves the new Almaty tram line\n\n"
    "The city council approved the tram line on Tuesday after a long debate. "
    "\u201cThe tram will carry forty thousand people a day,\u201d said Mayor Erbolat Dosaev. "
    "Construction starts in spring and takes two years."
)
DOCUMENT_ITEM = (
    "Astana airport opens a second terminal\n\n"
    "The second terminal of Astana airport opened on Monday. "
    "\u201cWe doubled the capacity in three years,\u201d said director Aliya Nurova. "
    "The first flights leave for Istanbul and Dubai."
)


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    return {
        "DATABASE_URL": url, "SEEDS_DIR": str(tmp_path / "no-seeds"),
        "ADMIN_IDS": str(ADMIN_ID), **FAST, **extra,
    }


def store_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"


def ok_sends(telegram: Telegram, chats: set[int]) -> Counter[int]:
    return Counter(
        int(r.chat_id) for r in telegram.log.sends() if r.chat_id is not None
        and int(r.chat_id) in chats
    )


def received(telegram: Telegram, chat: int, needle: str) -> int:
    return len(with_text(telegram.sent(chat), needle))


async def test_admin_adds_items_from_text_and_document_and_readers_get_each_once(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    telegram_api.state.auto_create_chats = True
    readers = list(range(FIRST_CHAT, FIRST_CHAT + 20))
    fill_store(store_url(tmp_path), readers, articles=0, mode="instant")
    admin = telegram_api.user("Admin", user_id=ADMIN_ID)
    process = bot_process(env=env_for(tmp_path))
    await process.wait_polling(60)

    admin.send(TEXT_ITEM)
    preview = await wait_text(telegram_api, admin.chat.id, "Almaty tram line")
    assert preview.buttons and "Preview of item" in telegram_api.sent(admin.chat.id)[-2].html
    assert "<blockquote>" in (preview.html or "")  # the key quote, as readers see it
    admin.press_text(preview, "Publish now")
    confirm = await wait_text(telegram_api, admin.chat.id, "To 20 subscribers")
    assert "en 20" in (confirm.html or "")
    admin.press_text(confirm, "Confirm")
    await wait_text(telegram_api, admin.chat.id, "finished", timeout=20)

    admin.send_document(DOCUMENT_ITEM.encode(), "airport.txt")
    doc_preview = await wait_text(telegram_api, admin.chat.id, "second terminal")
    admin.press_text(doc_preview, "Add to next digest")
    await wait_text(telegram_api, admin.chat.id, "will go out with the next digests")
    await telegram_api.wait_for(
        lambda: all(received(telegram_api, c, "second terminal") for c in readers), 15, 0.1
    )
    await asyncio.sleep(2.0)  # a few more ticks: nothing may arrive twice
    for chat in readers:
        assert received(telegram_api, chat, "Almaty tram line") == 1, chat
        assert received(telegram_api, chat, "second terminal") == 1, chat
    assert telegram_api.spec_violations == []
