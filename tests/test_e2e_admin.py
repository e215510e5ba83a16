"""Admins against the Bot API emulator: items added from a text and a document reach each
reader once; a broadcast to 300 subscribers through 429s and 403s, its progress message and
report; a restart in the middle; and the non-admin matrix (nothing changes)."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from admin_support import wait_text, with_text
from delivery_support import FIRST_CHAT, fill_store
from harness import Telegram
from harness.faults import Fault
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


def report_numbers(report: str) -> dict[str, int]:
    found = dict(re.findall(r"(Delivered|Blocked and deactivated|Failed): (\d+)", report))
    return {name: int(value) for name, value in found.items()}


def transcript(telegram: Telegram, chat_id: int, since: int) -> str:
    """The admin's chat as they saw it: each bot message, then each edit of it."""
    lines = []
    for message in telegram.sent(chat_id):
        if message.message_id <= since:
            continue
        lines.append(f"[message {message.message_id}]\n{message.html or message.text}")
        for number, edit in enumerate(message.edits, 1):
            lines.append(f"[edit {number} of message {message.message_id}]\n{edit.get('text')}")
    return "\n".join(lines)


async def test_broadcast_to_300_through_429s_and_403s_reports_what_telegram_saw(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    telegram_api.state.auto_create_chats = True
    chats = list(range(FIRST_CHAT, FIRST_CHAT + 300))
    fill_store(store_url(tmp_path), chats[:200], articles=0, language="kk")
    fill_store(store_url(tmp_path), chats[200:280], articles=0, language="ru")
    fill_store(store_url(tmp_path), chats[280:], articles=0)
    blocked = set(chats[::25])  # 12 readers blocked the bot
    for chat_id in blocked:
        record = telegram_api.state.chat(chat_id)
        assert record is not None
        record.blocked = True
    admin = telegram_api.user("Admin", user_id=ADMIN_ID)
    telegram_api.faults.add(Fault(), chat_id=admin.id)  # the admin's own chat stays calm
    limited = telegram_api.faults.retry_after(
        1, method="sendMessage", probability=0.03, times=3
    )
    process = bot_process(env=env_for(tmp_path, DELIVERY_MAX_PER_SECOND="100"))
    await process.wait_polling(60)

    admin.send("/broadcast <b>Service note</b>: the digest moves to 08:00 from Monday.")
    confirm = await wait_text(telegram_api, admin.chat.id, "To 300 subscribers")
    assert "en 20 / kk 200 / ru 80" in (confirm.html or "")
    admin.press_text(confirm, "Confirm")
    report = await wait_text(telegram_api, admin.chat.id, "finished", timeout=40)

    sends = ok_sends(telegram_api, set(chats))
    refused = {
        int(r.chat_id) for r in telegram_api.log.snapshot("sendMessage")
        if r.status == 403 and r.chat_id is not None
    }
    numbers = report_numbers(report.html or "")
    assert set(sends) == set(chats) - blocked and max(sends.values()) == 1
    assert refused == blocked and limited.fired == 3
    assert numbers == {
        "Delivered": len(sends), "Blocked and deactivated": len(refused), "Failed": 0
    }
    progress = telegram_api.sent(admin.chat.id)
    progress_message = next(m for m in progress if "Broadcast #" in (m.html or "") and m.edits)
    assert progress_message.edits and "100%" in progress_message.edits[-1]["text"]
    assert telegram_api.spec_violations == []
    print("\n" + transcript(telegram_api, admin.chat.id, since=0))


async def test_a_restart_mid_broadcast_completes_it_without_duplicates(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    telegram_api.state.auto_create_chats = True
    chats = list(range(FIRST_CHAT, FIRST_CHAT + 300))
    fill_store(store_url(tmp_path), chats, articles=0)
    admin = telegram_api.user("Admin", user_id=ADMIN_ID)
    env = env_for(tmp_path, DELIVERY_MAX_PER_SECOND="40")
    first = bot_process(env=env)
    await first.wait_polling(60)
    admin.send("/broadcast Hello, readers!")
    confirm = await wait_text(telegram_api, admin.chat.id, "To 300 subscribers")
    admin.press_text(confirm, "Confirm")
    await telegram_api.wait_for(lambda: len(ok_sends(telegram_api, set(chats))) >= 100, 20, 0.05)
    first.stop()
    midway = len(ok_sends(telegram_api, set(chats)))
    assert midway < 300

    second = bot_process(env=env)
    await second.wait_polling(60)
    report = await wait_text(telegram_api, admin.chat.id, "finished", timeout=40)
    sends = ok_sends(telegram_api, set(chats))
    assert set(sends) == set(chats) and max(sends.values()) == 1
    assert report_numbers(report.html or "")["Delivered"] == 300
    assert len(with_text(telegram_api.sent(admin.chat.id), "finished")) == 1
