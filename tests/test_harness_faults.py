"""Faults arrive as armed: per method and chat, counted or seeded, worded like Telegram."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from harness import Telegram
from harness.faults import Fault, Faults
from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

pytest_plugins = ("harness.fixtures",)


def _bot(telegram: Telegram) -> Bot:
    return Bot(telegram.token, base_url=telegram.base_url)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429_carries_retry_after_and_ptb_raises_retry_after(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    rule = telegram_api.faults.retry_after(3, method="sendMessage", times=1)
    async with _bot(telegram_api) as bot:
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(reader.id, "one")
        await bot.send_message(reader.id, "two")
    retry_after = caught.value.retry_after
    assert (retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after) == 3
    assert rule.fired == 1
    first, second = telegram_api.log.snapshot("sendMessage")
    assert (first.status, first.injected, second.status) == (429, True, 200)
    assert [m.text for m in reader.messages()] == ["two"]


async def test_403_reasons_reach_ptb_as_forbidden(telegram_api: Telegram) -> None:
    blocked, gone, group_member = (telegram_api.user() for _ in range(3))
    telegram_api.faults.blocked(chat_id=blocked.id)
    telegram_api.faults.deactivated(chat_id=gone.id)
    group = telegram_api.group(admins=(group_member,))
    telegram_api.faults.kicked(chat_id=group.id)
    async with _bot(telegram_api) as bot:
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(blocked.id, "x")
        with pytest.raises(Forbidden, match="user is deactivated"):
            await bot.send_message(gone.id, "x")
        with pytest.raises(Forbidden, match="bot was kicked"):
            await bot.send_message(group.id, "x")
        await bot.send_message(group_member.id, "fine")


async def test_a_reader_who_blocks_the_bot_is_refused_without_arming_anything(
    telegram_api: Telegram,
) -> None:
    reader = telegram_api.user()
    reader.block_bot()
    async with _bot(telegram_api) as bot:
        (update,) = await bot.get_updates()
        assert update.my_chat_member is not None
        assert update.my_chat_member.new_chat_member.status == "kicked"
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(reader.id, "x")


async def test_chat_not_found_migration_and_server_errors(telegram_api: Telegram) -> None:
    group = telegram_api.group(supergroup=False)
    telegram_api.faults.migrated(-1009999, chat_id=group.id, times=1)
    telegram_api.faults.server_error(method="sendChatAction", times=1)
    async with _bot(telegram_api) as bot:
        with pytest.raises(BadRequest, match=r"[Cc]hat not found"):
            await bot.send_message(424242, "nobody")
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(group.id, "x")
        assert migrated.value.new_chat_id == -1009999
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_chat_action(group.id, "typing")
        assert await bot.send_chat_action(group.id, "typing")


async def test_a_slow_answer_can_outlast_the_client_timeout(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    telegram_api.faults.slow(1.0, method="sendMessage", times=1)
    async with _bot(telegram_api) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(reader.id, "x", read_timeout=0.3)
        started = time.monotonic()
        await bot.send_message(reader.id, "y", read_timeout=0.3)
        assert time.monotonic() - started < 0.3


def test_every_nth_and_first_matching_rule_win() -> None:
    faults = Faults()
    faults.server_error(method="sendMessage", every=3)
    fired = [faults.pick("sendMessage", 1) is not None for _ in range(6)]
    assert fired == [False, False, True, False, False, True]
    assert faults.pick("getMe", None) is None


def test_probabilistic_faults_repeat_with_the_same_seed() -> None:
    def pattern(seed: int) -> list[bool]:
        faults = Faults(seed=seed)
        faults.add(Fault(500, "Internal Server Error"), probability=0.3)
        return [faults.pick("sendMessage", n) is not None for n in range(200)]

    assert pattern(7) == pattern(7) != pattern(8)
    assert 30 < sum(pattern(7)) < 90


def test_per_chat_rules_leave_other_chats_alone() -> None:
    faults = Faults()
    faults.blocked(chat_id=5)
    assert faults.pick("sendMessage", 6) is None
    fault = faults.pick("sendMessage", 5)
    assert fault is not None and fault.error_code == 403
