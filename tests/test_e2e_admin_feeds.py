"""Admins manage feeds from Telegram: an .opml file imports them, `/sources export` sends
them back as OPML, and `/sources` lists them — all against the Bot API emulator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from admin_support import wait_text
from harness import Telegram
from harness.process import BotProcess

pytest_plugins = ("harness.fixtures",)

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    not (REPO.parent / "shared" / "data" / "telegram-bot-api" / "api.json").exists(),
    reason="../shared/data/telegram-bot-api/api.json is not present",
)
ADMIN_ID = 777_000_002
OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Our feeds</title></head><body>
  <outline text="News KZ" title="News KZ">
    <outline type="rss" text="Aqsu news" xmlUrl="http://127.0.0.1:9/aqsu.xml"/>
    <outline type="rss" text="Pavlodar news" xmlUrl="http://127.0.0.1:9/pavlodar.xml"/>
  </outline>
</body></opml>"""


async def test_opml_in_and_out_through_the_bot(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], tmp_path: Path
) -> None:
    process = bot_process(
        env={
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'store.db'}",
            "SEEDS_DIR": str(tmp_path / "no-seeds"),
            "ADMIN_IDS": str(ADMIN_ID),
            "FEED_POLL_SECONDS": "0",
        }
    )
    await process.wait_polling(60)
    admin = telegram_api.user("Admin", user_id=ADMIN_ID, language_code="en")
    intruder = telegram_api.user("Reader", language_code="en")

    intruder.send_document(OPML, "feeds.opml", mime_type="text/x-opml")
    await wait_text(telegram_api, intruder.chat.id, "for the bot's admins")

    admin.send_document(OPML, "feeds.opml", mime_type="text/x-opml")
    await wait_text(telegram_api, admin.chat.id, "2 feeds added, 0 were already there")
    admin.send_document(OPML, "again.opml", mime_type="text/x-opml")
    await wait_text(telegram_api, admin.chat.id, "0 feeds added, 2 were already there")
    admin.send_document(b"<html>not a feed list</html>", "bad.opml", mime_type="text/x-opml")
    await wait_text(telegram_api, admin.chat.id, "That file is not OPML")

    admin.send("/sources")
    listing = await wait_text(telegram_api, admin.chat.id, "Pavlodar news")
    assert "Aqsu news" in (listing.html or "")

    admin.send("/sources export")
    await wait_text(telegram_api, admin.chat.id, "2 feeds as OPML")
    await telegram_api.wait_for(
        lambda: any(m.media.get("document") for m in telegram_api.sent(admin.chat.id)), 10
    )
    [sent] = [m for m in telegram_api.sent(admin.chat.id) if m.media.get("document")]
    exported = telegram_api.state.files[sent.media["document"]["file_id"]].data
    assert b"http://127.0.0.1:9/aqsu.xml" in exported and b"<opml" in exported
    assert telegram_api.spec_violations == []
