"""A reader talks to the real bot process over HTTP, through the local Bot API emulator.

Each test starts `digestbot run` with a token and BOT_API_BASE_URL pointed at the emulator,
on a store holding the seed article and a dozen written-for-the-test items, and checks what
the reader sees — and that every request the bot made was valid by the Bot API spec.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from harness import Reader, StoredMessage, Telegram
from harness.process import BotProcess

from bot.ingest import ingest_paths
from storage.engine import open_database
from storage.subscribers import get_chat

pytest_plugins = ("harness.fixtures",)

REPO = Path(__file__).resolve().parents[1]
SHARED_SPEC = REPO.parent / "shared" / "data" / "telegram-bot-api" / "api.json"
pytestmark = pytest.mark.skipif(
    not SHARED_SPEC.exists(), reason="../shared/data/telegram-bot-api/api.json is not present"
)

EXTRA_ITEMS = [
    {
        "title": f"Өңірлік жаңалық {n}",
        "text": (
            f"Облыста {n} жаңа жол ашылды. Құрылысқа {n * 3} млрд теңге бөлінді.\n\n"
            f"«Жол уақытында бітті, тұрғындар риза», — деді облыс әкімі Серік Нұрланов."
        ),
        "url": f"https://news.example.kz/region/{n}",
        "published": f"2026-01-{n:02d}T09:00:00+05:00",
    }
    for n in range(1, 13)
]


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """A store with the seed and 12 regional items, filled before the bot starts."""
    items = tmp_path / "items.jsonl"
    items.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in EXTRA_ITEMS), "utf-8")
    url = f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"

    async def fill() -> None:
        database = await open_database(url)
        try:
            from zoneinfo import ZoneInfo

            await ingest_paths(
                database.sessions, [REPO / "seeds", items], tz=ZoneInfo("Asia/Almaty")
            )
        finally:
            await database.close()

    asyncio.run(fill())
    return url


@pytest.fixture
def running_bot(
    telegram_api: Telegram, bot_process: Callable[..., BotProcess], store_url: str
) -> Iterator[BotProcess]:
    process = bot_process(env={"DATABASE_URL": store_url, "SEEDS_DIR": str(REPO / "seeds")})
    asyncio.run(process.wait_polling(timeout=60))
    yield process
    assert telegram_api.spec_violations == [], telegram_api.spec_violations


async def ask(reader: Reader, text: str, timeout: float = 10.0) -> StoredMessage:
    before = len(reader.messages())
    reader.send(text)
    return await new_message(reader, before, timeout)


async def new_message(reader: Reader, before: int, timeout: float = 10.0) -> StoredMessage:
    """The first message the bot sent the reader after the first `before` ones."""
    await reader.telegram.wait_for(lambda: len(reader.messages()) > before, timeout)
    await asyncio.sleep(0.2)  # a multi-part reply finishes arriving
    return reader.messages()[before]


def texts_since(reader: Reader, start: int) -> str:
    return "\n".join(m.html or m.text or "" for m in reader.messages()[start:])


async def test_start_greets_in_kazakh_and_the_button_subscribes(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Айгүл", language_code="kk")
    greeting = await ask(reader, "/start")
    assert "Сәлеметсіз бе" in (greeting.html or "")
    reader.press(greeting)
    confirmation = await new_message(reader, 1)
    assert "Жазылдыңыз" in (confirmation.html or "")
    assert "09:00" in (confirmation.html or "")


async def test_command_menus_exist_in_three_languages(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    for language in ("kk", "ru", "en"):
        assert "latest" in telegram_api.commands(language)
    assert "search" in telegram_api.commands("")


async def test_latest_shows_digest_items_and_pages_with_more(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Reader", language_code="en")
    first = await ask(reader, "/latest 3")
    html = first.html or ""
    assert "Latest news" in html
    assert html.count("<blockquote>") == 3
    assert "— <i>Серік Нұрланов</i>" in html
    assert '<a href="https://news.example.kz/region/12">' in html
    start = len(reader.messages())
    reader.press_text(reader.messages()[-1], "More")
    await new_message(reader, start)
    assert "Өңірлік жаңалық 9" in texts_since(reader, start)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/latest abc", "/latest takes a number from 1 to 20"),
        ("/latest 99999", "/latest takes a number from 1 to 20"),
        ("/subscribe 25:61", "I did not understand"),
        ("/search", "Tell me what to look for"),
        ("/search " + "қ" * 4000, "That query is too long"),
        ('/search "((( AND * NEAR OR ") --; DROP TABLE articles;', "Nothing found"),
        ("/quote Нақыпбеков", "No quotes found"),
        ("/frobnicate", "I do not know that command"),
    ],
)
async def test_junk_arguments_get_a_short_explanation(
    telegram_api: Telegram, running_bot: BotProcess, command: str, expected: str
) -> None:
    reader = telegram_api.user("Reader", language_code="en")
    reply = await ask(reader, command)
    assert expected in (reply.html or "")
    assert "Traceback" not in (reply.html or "")


async def test_quote_finds_kazakh_quotes_by_a_russian_spelling(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Читатель", language_code="ru")
    reply = await ask(reader, "/quote Токаев")
    html = reply.html or ""
    assert "Цитаты: Токаев" in html
    assert "— <i>Қасым-Жомарт Тоқаев</i>" in html
    assert "<blockquote>" in html


async def test_search_highlights_matches_and_survives_hostile_text(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Reader", language_code="en")
    reply = await ask(reader, "/search ТОҚАЕВ")
    assert "<b>Тоқаев</b>" in (reply.html or "")
    reply = await ask(reader, "/search «Тоқаев» 🇰🇿")
    assert "<b>Тоқаев</b>" in (reply.html or "")
    reply = await ask(reader, "/search <b>&amp; Тоқаев")
    assert "Nothing found for “&lt;b&gt;&amp;amp; Тоқаев”" in (reply.html or "")


async def test_settings_keyboard_edits_itself_in_place(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Reader", language_code="en")
    await ask(reader, "/subscribe 08:30")
    menu = await ask(reader, "/settings")
    assert "daily at 08:30" in (menu.html or "")
    reader.press_text(menu, "Instant alerts")
    edited = await telegram_api.wait_edit(menu, 10)
    assert "instant alerts" in (edited.html or "")
    assert len(reader.messages()) == 2  # edited, not re-sent


async def test_language_switch_changes_every_later_reply(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Reader", language_code="en")
    menu = await ask(reader, "/language")
    reader.press_text(menu, "Русский")
    await telegram_api.wait_edit(menu, 10)
    reply = await ask(reader, "/help")
    assert "Что я умею" in (reply.html or "")


async def test_inline_mode_offers_quotes_to_share(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Reader", language_code="kk")
    answer = await reader.answer(reader.inline("Нұрланов"), timeout=10)
    results = answer["results"]
    assert 1 <= len(results) <= 50
    assert results[0]["title"] == "Серік Нұрланов"
    assert "<blockquote>" in results[0]["input_message_content"]["message_text"]
    assert answer.get("next_offset", "") == ""


async def test_group_subscription_is_for_admins_only(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    admin = telegram_api.user("Admin", language_code="en")
    member = telegram_api.user("Member", language_code="en")
    group = telegram_api.group("Readers", admins=(admin,))
    start = len(telegram_api.sent(group.id))
    member.send("/subscribe", chat=group)
    await telegram_api.wait_for(lambda: len(telegram_api.sent(group.id)) > start, 10)
    assert "Only this chat's administrators" in (telegram_api.sent(group.id)[-1].html or "")
    admin.send("/subscribe 07:00", chat=group)
    await telegram_api.wait_for(lambda: len(telegram_api.sent(group.id)) > start + 1, 10)
    assert "07:00" in (telegram_api.sent(group.id)[-1].html or "")


async def test_a_flooding_reader_is_slowed_not_served_a_hundred_replies(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    reader = telegram_api.user("Flooder", language_code="en")
    for _ in range(40):
        reader.send("/help")
    await asyncio.sleep(4)
    replies = [m.html or m.text or "" for m in reader.messages()]
    # A burst of 10 (FLOOD_LIMIT), one warning, plus the tokens refilled (1/s) while the
    # bot works through the queue.
    assert 10 < len(replies) <= 15
    assert sum("Too many requests" in r for r in replies) == 1


async def test_a_channel_the_bot_administers_can_subscribe(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    channel = telegram_api.channel("Жаңалықтар арнасы")
    telegram_api.channel_post(channel, "/subscribe 10:00")
    await telegram_api.wait_for(lambda: len(telegram_api.sent(channel.id)) > 0, 10)
    assert "10:00" in (telegram_api.sent(channel.id)[0].html or "")


async def test_a_reader_who_blocks_the_bot_is_unsubscribed(
    telegram_api: Telegram, running_bot: BotProcess, store_url: str
) -> None:
    reader = telegram_api.user("Leaver", language_code="en")
    await ask(reader, "/subscribe")
    reader.block_bot()

    async def active() -> bool:
        database = await open_database(store_url, migrate=False)
        try:
            async with database.sessions() as session:
                chat = await get_chat(session, reader.id)
                return chat is not None and chat.active
        finally:
            await database.close()

    for _ in range(50):
        if not await active():
            break
        await asyncio.sleep(0.2)
    assert not await active()


async def test_a_failing_handler_apologises_and_the_bot_keeps_running(
    telegram_api: Telegram, running_bot: BotProcess
) -> None:
    member = telegram_api.user("Member", language_code="ru")
    group = telegram_api.group("Flaky")
    telegram_api.faults.server_error(500, method="getChatMember", times=1)
    member.send("/subscribe", chat=group)
    await telegram_api.wait_for(lambda: len(telegram_api.sent(group.id)) > 0, 10)
    assert "Извините, у нас что-то пошло не так" in (telegram_api.sent(group.id)[0].html or "")
    assert "handler failed on update" in running_bot.output
    assert telegram_api.token not in running_bot.output
    reply = await ask(member, "/help")
    assert "Что я умею" in (reply.html or "")
