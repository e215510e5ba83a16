"""Subscribing with a time or instantly, unsubscribing, and keyword filters."""

from datetime import time

import pytest
from usecase_support import make_reader

from bot.usecases.subscription import (
    parse_keywords,
    parse_schedule,
    set_keywords,
    subscribe,
    unsubscribe,
)
from storage.engine import Database
from storage.subscribers import get_chat


@pytest.mark.parametrize(
    ("argument", "schedule"),
    [
        ("08:30", time(8, 30)),
        ("7", time(7, 0)),
        ("23.59", time(23, 59)),
        ("instant", "instant"),
        ("Жедел", "instant"),
        ("25:61", None),
        ("24:00", None),
        ("8:5", None),
        ("soon", None),
    ],
)
def test_schedule_argument(argument: str, schedule: time | str | None) -> None:
    assert parse_schedule(argument) == schedule


def test_keywords_split_on_commas_else_spaces_deduplicated_and_bounded() -> None:
    assert parse_keywords("бюджет, Астана мәслихаты , бюджет") == ["бюджет", "Астана мәслихаты"]
    assert parse_keywords("oil gas") == ["oil", "gas"]
    assert len(parse_keywords(" ".join(f"w{i}" for i in range(100)))) == 20
    assert all(len(w) <= 64 for w in parse_keywords("x" * 500))


async def test_subscribe_at_a_time_then_unsubscribe(database: Database) -> None:
    reader = await make_reader(database, "kk")
    reply = await subscribe(database.sessions, reader, "07:15")
    assert "07:15" in reply.messages[0] and "Asia/Almaty" in reply.messages[0]
    async with database.sessions() as session:
        chat = await get_chat(session, reader.chat_id)
    assert chat is not None and chat.active and chat.digest_time == time(7, 15)
    reader = await make_reader(database, "kk")
    assert "тоқтатылды" in (await unsubscribe(database.sessions, reader)).messages[0]
    async with database.sessions() as session:
        chat = await get_chat(session, reader.chat_id)
    assert chat is not None and not chat.active


async def test_a_bad_time_changes_nothing(database: Database) -> None:
    reader = await make_reader(database)
    reply = await subscribe(database.sessions, reader, "25:61")
    assert "25:61" in reply.messages[0]
    async with database.sessions() as session:
        chat = await get_chat(session, reader.chat_id)
    assert chat is not None and not chat.active


async def test_include_exclude_and_clear(database: Database) -> None:
    reader = await make_reader(database)
    await set_keywords(database.sessions, reader, "include", "нефть, газ")
    await set_keywords(database.sessions, reader, "exclude", "футбол")
    async with database.sessions() as session:
        chat = await get_chat(session, reader.chat_id)
    assert chat is not None
    assert (chat.include_keywords, chat.exclude_keywords) == (["нефть", "газ"], ["футбол"])
    reply = await set_keywords(database.sessions, reader, "include", "off")
    assert reply.messages == ["Keyword filters cleared."]
    usage = await set_keywords(database.sessions, reader, "exclude", "  ")
    assert usage.messages[0].startswith("Give words")
