"""The sender's parts: the pacer (fake clock), the retry policy, the lean Bot API client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.delivery.pacing import Limits, Pacer
from bot.delivery.policy import MAX_BACKOFF, Verdict, backoff, decide
from bot.delivery.transport import Answer, BotApiClient, TransportError, parse_answer


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)


def pacer(limits: Limits) -> tuple[Pacer, FakeClock, list[tuple[float, int]]]:
    clock = FakeClock()
    return Pacer(limits, clock=clock, sleep=clock.sleep), clock, []


async def test_overall_sends_are_spaced_under_the_limit() -> None:
    pace, clock, sent = pacer(Limits(per_second=30))
    for chat in range(90):
        await pace.turn(chat, True)
        sent.append((clock(), chat))
    times = [t for t, _ in sent]
    in_any_second = max(
        sum(1 for t in times if start <= t < start + 1.0) for start in times
    )
    assert in_any_second <= 30
    assert 90 / (times[-1] - times[0] + 1 / 30) >= 0.97 * 30


async def test_one_chat_waits_its_interval_private_and_group() -> None:
    pace, clock, _ = pacer(Limits(per_second=1000, private_interval=1.0, group_per_minute=20))
    await pace.turn(1, True)
    pace.answered(1, True)
    first = clock()
    await pace.turn(1, True)
    assert clock() - first >= 1.0
    await pace.turn(-5, False)
    pace.answered(-5, False)
    group = clock()
    await pace.turn(-5, False)
    assert clock() - group >= 3.0


async def test_a_429_pauses_every_chat() -> None:
    pace, clock, _ = pacer(Limits(per_second=1000, private_interval=0))
    await pace.turn(1, True)
    pace.pause(5)
    start = clock()
    await pace.turn(2, True)
    assert clock() - start >= 5


def test_policy_maps_every_answer() -> None:
    assert decide(Answer(True, result={"message_id": 3})).verdict is Verdict.SENT
    limited = decide(parse_answer(429, b'{"ok":false,"error_code":429,"description":"Too Many '
                                       b'Requests: retry after 7","parameters":{"retry_after":7}}'))
    assert limited.verdict is Verdict.RETRY_AFTER and limited.wait == 7
    moved = decide(Answer(False, 400, "Bad Request: group chat was upgraded",
                          migrate_to_chat_id=-100))
    assert moved.verdict is Verdict.MIGRATED and moved.new_chat_id == -100
    assert decide(Answer(False, 403, "Forbidden: bot was blocked by the user")).verdict is (
        Verdict.GONE
    )
    assert decide(Answer(False, 400, "Bad Request: chat not found")).verdict is Verdict.GONE
    bug = decide(Answer(False, 400, "Bad Request: can't parse entities"))
    assert bug.verdict is Verdict.OUR_BUG and "can't parse" in bug.reason
    assert decide(Answer(False, 502, "Bad Gateway")).verdict is Verdict.BACK_OFF
    assert decide(parse_answer(500, b"<html>oops</html>")).verdict is Verdict.BACK_OFF


def test_backoff_doubles_and_is_capped() -> None:
    waits = [backoff(n, 2.0, jitter=1.0) for n in (1, 2, 3, 4)]
    assert waits == [2.0, 4.0, 8.0, 16.0]
    assert backoff(30, 2.0, jitter=1.0) == MAX_BACKOFF
    assert 1.0 <= backoff(1, 2.0) <= 2.0


@pytest.fixture
async def api() -> AsyncIterator[tuple[str, list[dict[str, object]]]]:
    seen: list[dict[str, object]] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        payload = await request.json()
        seen.append(payload)
        if payload.get("chat_id") == 13:
            return web.json_response(
                {"ok": False, "error_code": 429, "description": "Too Many Requests",
                 "parameters": {"retry_after": 3}}, status=429,
            )
        if payload.get("chat_id") == 14:  # chunked body
            response = web.StreamResponse()
            response.enable_chunked_encoding()
            await response.prepare(request)
            await response.write(json.dumps({"ok": True, "result": {"message_id": 9}}).encode())
            await response.write_eof()
            return response
        if payload.get("chat_id") == 15:
            await asyncio.sleep(2)
        return web.json_response({"ok": True, "result": {"message_id": len(seen)}})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/bot", seen
    await runner.cleanup()


async def test_client_sends_json_keeps_connections_and_reads_errors(
    api: tuple[str, list[dict[str, object]]],
) -> None:
    base, seen = api
    client = BotApiClient(base, "1:token", connections=2, timeout=1.0)
    answers = await asyncio.gather(
        *(client.call("sendMessage", {"chat_id": n, "text": "Сәлем"}) for n in range(10))
    )
    assert all(a.ok and a.message_id for a in answers)
    assert seen[0]["text"] == "Сәлем"
    limited = await client.call("sendMessage", {"chat_id": 13, "text": "x"})
    assert (limited.ok, limited.error_code, limited.retry_after) == (False, 429, 3.0)
    chunked = await client.call("sendMessage", {"chat_id": 14, "text": "x"})
    assert chunked.message_id == 9
    with pytest.raises(TransportError):
        await client.call("sendMessage", {"chat_id": 15, "text": "slow"})
    assert (await client.call("sendMessage", {"chat_id": 16, "text": "x"})).ok
    await client.close()


async def test_client_reports_an_unreachable_server() -> None:
    client = BotApiClient("http://127.0.0.1:9/bot", "1:token", timeout=1.0)
    with pytest.raises(TransportError):
        await client.call("sendMessage", {"chat_id": 1, "text": "x"})
