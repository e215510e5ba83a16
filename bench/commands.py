"""Commands per second the bot drains: 2,000 `/latest` and `/quote` from 200 readers with
10,000 articles stored, against a bare PTB echo bot on the same local Bot API in the same run.

Usage: python bench/commands.py [--articles 10000] [--readers 200] [--per-reader 10]
The bot runs twice: as configured (answers reused for REPLY_CACHE_SECONDS) and with the
reply cache off. Prints commands/s, the ratio to echo (target >= 0.6x) and p50/p95 latency
(injection of the update to the bot's reply arriving at the emulator).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from harness import Telegram  # noqa: E402
from harness.process import BotProcess, default_command  # noqa: E402

from bot.ingest import ingest_paths  # noqa: E402
from storage.articles import count_articles  # noqa: E402
from storage.engine import open_database  # noqa: E402

PEOPLE = ["Асқар Жұмабеков", "Айгүл Сейітова", "Марат Қожаев", "Dana Omarova", "Ерлан Нұров"]
TOPICS = ["жол", "мектеп", "аурухана", "көпір", "саябақ", "зауыт", "стадион", "кітапхана"]


def article(n: int) -> dict[str, str]:
    person = PEOPLE[n % len(PEOPLE)]
    topic = TOPICS[n % len(TOPICS)]
    return {
        "title": f"{n}-ауданда жаңа {topic} ашылды",
        "text": (
            f"Облыстың {n}-ауданында жаңа {topic} пайдалануға берілді. Құрылысқа {n % 97 + 3} "
            f"млрд теңге жұмсалды, жұмыс {n % 11 + 2} айға созылды.\n\n"
            f"«Бұл {topic} тұрғындардың көптен күткен нысаны, біз оны уақытында бітірдік», "
            f"— деді {person}.\n\nЖергілікті тұрғындар жаңа нысанға риза екенін айтты."
        ),
        "url": f"https://bench.example.kz/{n}",
        "published": f"2026-0{n % 9 + 1}-{n % 27 + 1:02d}T{n % 24:02d}:00:00+05:00",
    }


async def prepared_store(path: Path, articles: int) -> str:
    url = f"sqlite+aiosqlite:///{path}"
    database = await open_database(url)
    try:
        async with database.sessions() as session:
            stored = await count_articles(session)
        if stored < articles:
            source = path.with_suffix(".jsonl")
            lines = (json.dumps(article(n), ensure_ascii=False) for n in range(articles))
            source.write_text("\n".join(lines), encoding="utf-8")
            started = time.perf_counter()
            await ingest_paths(database.sessions, [source], tz=ZoneInfo("Asia/Almaty"))
            print(f"store: {articles} articles ingested in {time.perf_counter() - started:.0f} s")
    finally:
        await database.close()
    return url


async def drive(
    telegram: Telegram, process: BotProcess, readers: int, per_reader: int, label: str
) -> tuple[float, list[float]]:
    await process.wait_polling(timeout=120)
    people = [telegram.user(f"{label}{i}", language_code="kk") for i in range(readers)]
    sent_at: dict[int, list[float]] = {p.chat.id: [] for p in people}
    started = time.monotonic()
    for round_ in range(per_reader):
        for index, person in enumerate(people):
            command = "/latest" if (round_ + index) % 2 else f"/quote {PEOPLE[index % 5]}"
            sent_at[person.chat.id].append(person.send(command).sent_at)
    total = readers * per_reader

    def answered() -> int:
        return sum(len(first_replies(telegram, p.chat.id)) for p in people)

    await telegram.wait_for(lambda: answered() >= total, timeout=600, interval=0.5)
    elapsed = time.monotonic() - started
    latencies = [
        reply - asked
        for p in people
        for asked, reply in zip(
            sent_at[p.chat.id], first_replies(telegram, p.chat.id), strict=False
        )
    ]
    return total / elapsed, latencies


def first_replies(telegram: Telegram, chat_id: int) -> list[float]:
    """Arrival time of the first message of each answer (a long digest may take two)."""
    return [
        m.sent_at
        for m in telegram.sent(chat_id)
        if m.from_bot and (m.text or "").startswith(("echo ", "📰", "💬"))
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--per-reader", type=int, default=10)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/digestbot-bench-commands"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    store = await prepared_store(args.dir / f"store-{args.articles}.db", args.articles)
    results: dict[str, tuple[float, list[float]]] = {}
    with Telegram() as telegram:
        runs = {
            "echo": ([sys.executable, str(ROOT / "bench" / "echo_bot.py")], {}),
            "digestbot": (default_command(), {}),
            "no-cache": (default_command(), {"REPLY_CACHE_SECONDS": "0"}),
        }
        for label, (command, extra) in runs.items():
            env = {"DATABASE_URL": store, "FLOOD_LIMIT": "0", "LOG_LEVEL": "WARNING", **extra}
            process = BotProcess(telegram, args.dir, command=command, env=env).start()
            try:
                results[label] = await drive(
                    telegram, process, args.readers, args.per_reader, label
                )
            finally:
                process.stop()
    for label, (rate, latencies) in results.items():
        p50, p95 = (percentile(latencies, share) * 1000 for share in (0.5, 0.95))
        print(f"{label:>9}: {rate:7.1f} commands/s  latency p50 {p50:6.0f} ms  p95 {p95:6.0f} ms")
    for label in ("digestbot", "no-cache"):
        ratio = results[label][0] / results["echo"][0]
        print(f"ratio {label}/echo: {ratio:.2f}x (target >= 0.6x)")
    print(f"median latency digestbot: {statistics.median(results['digestbot'][1]) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
