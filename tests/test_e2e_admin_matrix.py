"""The non-admin matrix: every admin command, every admin button (real ones pressed by the
wrong person, and forged data), a document, a forward and an inline query, from a reader
who is not an admin. Each is refused in the reader's language; the store does not change."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from admin_support import forge_press, forward, snapshot, wait_text
from delivery_support import FIRST_CHAT, fill_store
from harness import Telegram
from harness.process import BotProcess
from test_e2e_admin import ADMIN_ID, TEXT_ITEM, env_for, store_url

from bot.render.callbacks import decode

pytest_plugins = ("harness.fixtures",)

REPO = Path(__file__).resolve().parents[1]
SHARED_SPEC = REPO.parent / "shared" / "data" / "telegram-bot-api" / "api.json"
pytestmark = pytest.mark.skipif(
    not SHARED_SPEC.exists(), reason="../shared/data/telegram-bot-api/api.json is not present"
)
REFUSAL_RU = "только для администраторов"


def admin_commands(reader_id: int, item: int, broadcast: int) -> list[str]:
    return [
        "/add Some text that would become an item",
        "/add https://news.example.kz/story",
        "/broadcast <b>hello</b> everyone",
        "/broadcast lang=kk hello",
        "/broadcast_cancel",
        f"/broadcast_cancel {broadcast}",
        f"/push {item}",
        f"/push {item} all",
        "/sources",
        "/sources add https://feeds.example.kz/rss",
        "/sources remove 1",
        "/sources pause 1",
        "/stats",
        "/audit",
        "/admins",
        f"/admins add {reader_id}",
        "/admins remove 1",
    ]


async def test_a_non_admin_changes_nothing_through_any_path(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    telegram_api.state.auto_create_chats = True
    url = store_url(tmp_path)
    fill_store(url, list(range(FIRST_CHAT, FIRST_CHAT + 5)), articles=2)
    admin = telegram_api.user("Admin", user_id=ADMIN_ID)
    intruder = telegram_api.user("Intruder", language_code="ru")
    process = bot_process(env=env_for(tmp_path, FEED_POLL_SECONDS="0"))
    await process.wait_polling(60)

    # The admin leaves things a forged press could act on: a draft, a broadcast, a feed.
    admin.send(TEXT_ITEM)
    preview = await wait_text(telegram_api, admin.chat.id, "Almaty tram line")
    admin.send("/broadcast Draft waiting for confirmation")
    confirm = await wait_text(telegram_api, admin.chat.id, "To 5 subscribers")
    admin.send("/sources add https://feeds.example.kz/rss")
    await wait_text(telegram_api, admin.chat.id, "added")
    item = int(decode(preview.callback_data[0])[1][0])  # type: ignore[index]
    broadcast = int(decode(confirm.callback_data[0])[1][0])  # type: ignore[index]

    intruder.send("/start")
    await intruder.next_message()
    before = snapshot(url)

    commands = admin_commands(intruder.id, item, broadcast)
    for text in commands:
        intruder.send(text)
    intruder.send_document(b"Title\n\nA body of text for an item.", "story.txt")
    forward(intruder, "A forwarded news text\n\nWith a body.")
    refusals = len(commands) + 2
    await telegram_api.wait_for(
        lambda: sum(REFUSAL_RU in (m.html or "") for m in intruder.messages()) >= refusals,
        20, 0.05,
    )

    own = intruder.messages()[0]
    queries = []
    for message in (preview, confirm):  # real admin buttons, pressed by the wrong person
        queries += [forge_press(telegram_api, intruder, message, d) for d in message.callback_data]
    forged = [
        f"adm.pub:{item}", f"adm.next:{item}", f"adm.title:{item}", f"adm.drop:{item}",
        f"adm.go:{broadcast}", f"adm.no:{broadcast}", "adm.go:~x", "adm.zz:1", "adm.go",
    ]
    queries += [forge_press(telegram_api, intruder, own, data) for data in forged]
    answers = [await intruder.answer(query, timeout=10) for query in queries]
    refused = [REFUSAL_RU in a.get("text", "") and a.get("show_alert") for a in answers]
    assert all(refused), answers
    inline = intruder.inline("/broadcast hello")
    await telegram_api.wait_for(lambda: telegram_api.inline_answer(inline.id), 10)

    await asyncio.sleep(1.5)  # a tick and a progress round: still nothing may have moved
    assert snapshot(url) == before
    replies = [m for m in intruder.messages() if m.message_id > own.message_id]
    assert len(replies) == refusals and all(REFUSAL_RU in (m.html or "") for m in replies)
    assert "refused an admin action" in process.output
    assert telegram_api.spec_violations == []
