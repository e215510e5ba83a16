"""Broadcast benchmark: the project's sender vs a plain python-telegram-bot loop.

    .venv/bin/python bench/broadcast.py [--subscribers 20000] [--paced 300]

A do-nothing Bot API (answers `ok` at once, counts requests, remembers arrival times) runs
in its own process on loopback. Phase 1: the outbox holds one digest for each of N
subscribers and the sender drains it with the limits lifted (claims, sends, batched records:
the whole pipeline). Phase 2: `await bot.send_message(...)` for the same N chats, one after
another (the plain loop), then 16 at a time. Phase 3: the sender at the default limits
(30/s) for a short run, to check the achieved rate. Reports msg/s, the ratio, CPU time per
1,000 messages and peak RSS of each phase.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import resource
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.delivery.pacing import Limits
from bot.delivery.sender import Sender, SenderConfig
from bot.delivery.transport import BotApiClient
from storage.deliveries import NewDelivery, active_schedules, enqueue
from storage.engine import Database, open_database
from storage.outbox import outbox_counts

TOKEN = "123456789:AAH-bench-token-for-the-local-server"
TEXT = "🗞 <b>Бүгінгі дайджест</b>\n\n" + "<b>Жаңалық</b>\nҚысқа мәтін. " * 20


def serve(port_out: Any, ready: Any) -> None:
    """The do-nothing Bot API: every method answers ok; /stats tells what it saw."""
    seen: list[float] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append(time.time())
        method = request.match_info["method"]
        if method == "getMe":
            result: Any = {"id": 123456789, "is_bot": True, "first_name": "Bench",
                           "username": "bench_bot"}
        else:
            if request.content_type == "application/json":
                chat_id = (await request.json()).get("chat_id", 0)
            else:
                chat_id = (await request.post()).get("chat_id", 0)
            result = {"message_id": len(seen), "date": int(seen[-1]),
                      "chat": {"id": int(chat_id), "type": "private"}, "text": "ok"}
        return web.json_response({"ok": True, "result": result})

    async def stats(request: web.Request) -> web.Response:
        answer = {"count": len(seen), "first": seen[0] if seen else 0,
                  "last": seen[-1] if seen else 0}
        seen.clear()
        return web.json_response(answer)

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/stats", stats)
        app.router.add_route("*", "/bot{token}/{method}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_out.value = runner.addresses[0][1]
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def server_stats(port: int) -> dict[str, float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    await writer.drain()
    raw = await reader.read()
    writer.close()
    return dict(json.loads(raw.split(b"\r\n\r\n", 1)[1]))


async def fill(database: Database, first_chat: int, count: int, period: str) -> None:
    from sqlalchemy import insert

    from storage.tables import Subscriber, table_of
    from storage.types import utc_now

    now = utc_now()
    rows = [
        {"chat_id": first_chat + n, "kind": "private", "language": "kk", "timezone": "UTC",
         "mode": "daily", "languages": [], "include_keywords": [], "exclude_keywords": [],
         "active": True, "created_at": now, "updated_at": now, "digest_when_empty": False}
        for n in range(count)
    ]
    async with database.sessions() as session:
        for start in range(0, count, 2000):
            await session.execute(insert(table_of(Subscriber)), rows[start : start + 2000])
        await session.commit()
        ids = [s.id for s in await active_schedules(session) if s.chat_id >= first_chat]
        await enqueue(session, [NewDelivery(i, period, [TEXT], 1) for i in ids])


async def measure(label: str, count: int, port: int, run: Callable[[], Awaitable[None]]) -> dict[
    str, float
]:
    await server_stats(port)  # reset
    reset_peak_rss()
    cpu, wall = cpu_seconds(), time.perf_counter()
    await run()
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    seen = await server_stats(port)
    span = max(1e-9, seen["last"] - seen["first"])
    result = {
        "messages": seen["count"] - (1 if label.startswith("ptb") else 0),
        "wall_s": wall,
        "rate": count / wall,
        "server_rate": (seen["count"] - 1) / span,
        "cpu_ms_per_1000": cpu / count * 1_000_000,
        "peak_rss_mb": peak_rss_mb(),
    }
    print(f"{label:<28} {count:>6} msgs in {wall:6.2f} s = {result['rate']:7.1f} msg/s; "
          f"CPU {result['cpu_ms_per_1000']:6.0f} ms/1000; peak RSS {result['peak_rss_mb']:.0f} MB",
          flush=True)
    return result


async def drain(database: Database, port: int, config: SenderConfig, total: int) -> None:
    client = BotApiClient(f"http://127.0.0.1:{port}/bot", TOKEN, connections=config.concurrency)
    sender = Sender(database.sessions, client, config)
    done = asyncio.Event()

    def running() -> bool:
        return not done.is_set()

    async def watch() -> None:
        while True:
            await asyncio.sleep(0.05)
            if sender.outcomes >= total and sender.in_flight == 0:
                done.set()
                return

    watcher = asyncio.create_task(watch())
    await sender.run(running)
    await watcher


async def ptb_loop(port: int, count: int, first_chat: int, parallel: int) -> None:
    from telegram import Bot

    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot")
    async with bot:
        if parallel <= 1:
            for n in range(count):
                await bot.send_message(first_chat + n, TEXT, parse_mode="HTML")
            return
        gate = asyncio.Semaphore(parallel)

        async def one(chat: int) -> None:
            async with gate:
                await bot.send_message(chat, TEXT, parse_mode="HTML")

        await asyncio.gather(*(one(first_chat + n) for n in range(count)))


async def bench(subscribers: int, paced: int, port: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = await open_database(f"sqlite+aiosqlite:///{folder}/bench.db")
        await fill(database, 10_000_000, subscribers, "daily:bench")
        lifted = SenderConfig(Limits(per_second=100_000, private_interval=0), concurrency=32)
        ours = await measure(
            "sender (limits lifted)", subscribers, port,
            lambda: drain(database, port, lifted, subscribers),
        )
        async with database.sessions() as session:
            counts = await outbox_counts(session)
        assert counts["sent"] == subscribers, counts
        plain = await measure(
            "ptb send_message loop", subscribers, port,
            lambda: ptb_loop(port, subscribers, 10_000_000, 1),
        )
        gathered = await measure(
            "ptb send_message x16", subscribers, port,
            lambda: ptb_loop(port, subscribers, 10_000_000, 16),
        )
        await fill(database, 20_000_000, paced, "daily:paced")
        default = SenderConfig(Limits())
        slow = await measure(
            "sender (default 30/s)", paced, port, lambda: drain(database, port, default, paced)
        )
        await database.close()
    print()
    print(f"sender vs plain PTB loop: {ours['rate'] / plain['rate']:.1f}x "
          f"({ours['rate']:.0f} vs {plain['rate']:.0f} msg/s); vs PTB x16: "
          f"{ours['rate'] / gathered['rate']:.1f}x ({gathered['rate']:.0f} msg/s)")
    print(f"CPU per 1,000 messages: sender {ours['cpu_ms_per_1000']:.0f} ms, "
          f"PTB loop {plain['cpu_ms_per_1000']:.0f} ms")
    print(f"default limits: {slow['server_rate']:.2f} msg/s at the server "
          f"({slow['server_rate'] / 30:.3f} x 30/s) over {paced} messages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--paced", type=int, default=300)
    args = parser.parse_args()
    port = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(port, ready), daemon=True)
    server.start()
    ready.wait(10)
    try:
        asyncio.run(bench(args.subscribers, args.paced, port.value))
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
