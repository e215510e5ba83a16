"""The article store against raw sqlite3 + FTS5 on the same synthetic corpus, in one run.

Ingest: N synthetic Kazakh/Russian articles (~250 words, Zipf-distributed vocabulary) through
the product's ingest pipeline (rows prepared in worker processes, written in batches by
`storage.articles.save_articles`: bot/ingest_pipeline.py), against `executemany` into an
FTS5 table (title, body, url) with raw sqlite3. Search: the same one- and two-word queries through
`storage.search.search_articles` (default "newest", and "rank") against raw
`MATCH ... ORDER BY bm25 LIMIT 10`. Each side runs in its own process so peak RSS is its own.

Usage: python bench/store.py --n 100000 [--queries 1000] [--batch 1000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digests.models import ArticleDraft

COMMON = [
    "және", "бұл", "мен", "деп", "үшін", "да", "де", "бойынша", "жылы", "Қазақстан", "Президент",
    "министр", "елдің", "ал", "и", "в", "на", "что", "по", "с", "не", "это", "как", "Казахстан",
    "Токаев", "Астана", "Алматы", "экономика", "бюджет", "Тоқаев", "Мемлекет", "басшысы", "жаңа",
    "жоба", "өңір", "халық", "заң", "Парламент", "сайлау", "мектеп", "білім", "министерство",
    "правительство", "развитие", "страны", "года", "рынок", "цены", "нефть", "газ", "банк",
]
CONSONANTS = "бджзкқлмнңпрстшғтх"
VOWELS = "аәеыіоөұүуи"
SUFFIXES = ["", "", "", "тың", "ның", "да", "ға", "лар", "дың", "ов", "ский", "ие", "ой"]
START = datetime(2020, 1, 1, tzinfo=UTC)


def vocabulary(size: int = 30_000, seed: int = 7) -> list[str]:
    """Common words first, then made-up words of 2-4 syllables; rank = list index."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    while len(words) < size:
        syllables = rng.randint(2, 4)
        word = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables))
        word += rng.choice(SUFFIXES)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_weights(size: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 2) for rank in range(size)))


def articles(n: int, batch: int, words: list[str]) -> Iterator[list[ArticleDraft]]:
    """The corpus in batches; deterministic, so both sides see the same articles."""
    cumulative = zipf_weights(len(words))
    rng = random.Random(42)
    for start in range(0, n, batch):
        drafts = []
        for i in range(start, min(n, start + batch)):
            picks = rng.choices(words, cum_weights=cumulative, k=258)
            title = " ".join(picks[:8]).capitalize()
            sentences = [" ".join(picks[j : j + 12]).capitalize() for j in range(8, 258, 12)]
            paragraphs = [". ".join(sentences[k : k + 5]) + "." for k in range(0, 21, 5)]
            drafts.append(
                ArticleDraft(
                    title=title,
                    body="\n\n".join(paragraphs),
                    url=f"https://news.example.kz/{i}?utm_source=bench",
                    published=START + timedelta(minutes=10 * i + rng.randint(-60, 60)),
                    lang="kk",
                )
            )
        yield drafts


def queries(count: int, words: list[str], seed: int = 3) -> list[str]:
    """Half one-word, half two-word queries; ranks log-uniform, so common words are frequent."""
    rng = random.Random(seed)

    def word() -> str:
        return words[min(len(words) - 1, int(math.exp(rng.uniform(0, math.log(5_000)))) - 1)]

    return [word() if i % 2 == 0 else f"{word()} {word()}" for i in range(count)]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {
        "p50": at(0.50), "p95": at(0.95), "p99": at(0.99),
        "mean": statistics.mean(ordered) * 1000,
    }


def db_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def progress(side: str, done: int, spent: float) -> None:
    """Every 100,000 articles, a line on stderr (long runs log how far they got)."""
    if done % 100_000 == 0:
        print(f"{side}: {done:,} articles, {done / spent:,.0f}/s, RSS {peak_rss_mb():.0f} MB",
              file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- raw sqlite3 side -------------------------------------------------------------------

def run_raw(args: argparse.Namespace, path: Path) -> dict[str, Any]:
    words = vocabulary()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute(
        "CREATE VIRTUAL TABLE articles USING fts5(title, body, url UNINDEXED, tokenize='unicode61')"
    )
    spent, done = 0.0, 0
    for batch in articles(args.n, args.batch, words):
        rows = [(d.title, d.body, d.url) for d in batch]
        began = time.perf_counter()
        connection.executemany("INSERT INTO articles(title, body, url) VALUES (?, ?, ?)", rows)
        connection.commit()
        spent += time.perf_counter() - began
        done += len(rows)
        progress("raw", done, spent)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result = {"ingest_per_s": args.n / spent, **raw_search(connection, args.queries, words)}
    connection.close()
    return {**result, "db_bytes": db_size(path), "peak_rss_mb": peak_rss_mb()}


def raw_search(connection: sqlite3.Connection, count: int, words: list[str]) -> dict[str, Any]:
    timings, hits = [], 0
    for query in queries(count, words):
        match = " ".join(f'"{w}"' for w in query.split())
        began = time.perf_counter()
        rows = connection.execute(
            "SELECT rowid, title FROM articles WHERE articles MATCH ? ORDER BY bm25(articles) "
            "LIMIT 10",
            (match,),
        ).fetchall()
        timings.append(time.perf_counter() - began)
        hits += bool(rows)
    return {"search": percentiles(timings), "queries_with_hits": hits}


# --- project side -----------------------------------------------------------------------

def prepare(batch: list[ArticleDraft]) -> Any:
    from storage.articles import prepare_articles

    return prepare_articles([(draft, None) for draft in batch], origin="bench")


async def run_project(args: argparse.Namespace, path: Path) -> dict[str, Any]:
    from sqlalchemy import text

    from bot.ingest_pipeline import store_batches, worker_count, worker_pool
    from storage.engine import open_database

    words = vocabulary()
    database = await open_database(f"sqlite+aiosqlite:///{path}")
    ingested = 0
    generating = 0.0

    def untimed_batches() -> Iterator[list[ArticleDraft]]:
        # Generating the synthetic articles is not timed, on either side.
        nonlocal generating
        source = articles(args.n, args.batch, words)
        while True:
            began = time.perf_counter()
            batch = next(source, None)
            generating += time.perf_counter() - began
            if batch is None:
                return
            yield batch

    def saved(outcomes: list[Any]) -> None:
        nonlocal ingested
        ingested += sum(o.status == "ingested" for o in outcomes)
        progress("project", ingested, time.perf_counter() - began - generating)

    # As `digestbot ingest` does (bot/ingest_pipeline.py): batches are prepared in worker
    # processes, one batch ahead per worker, while this process writes.
    workers = args.workers or worker_count()
    began = time.perf_counter()
    with worker_pool(workers) as pool:
        await store_batches(
            database.sessions, untimed_batches(), prepare, saved, executor=pool, ahead=workers + 1
        )
    spent = time.perf_counter() - began - generating
    # A checkpoint cannot run inside a write transaction: a deferred one, as before.
    async with database.engine.execution_options(sqlite_begin="DEFERRED").connect() as connection:
        await connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    results: dict[str, Any] = {"ingest_per_s": args.n / spent, "ingested": ingested}
    results.update(await project_search(database, args.queries, words))
    await database.close()
    results["db_bytes"] = db_size(path)
    results["peak_rss_mb"] = peak_rss_mb()
    results["worker_peak_rss_mb"] = (
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    )
    results["workers"] = workers
    return results


async def project_search(database: Any, count: int, words: list[str]) -> dict[str, Any]:
    from storage.search import search_articles

    results: dict[str, Any] = {}
    orders: tuple[Literal["newest", "rank"], ...] = ("newest", "rank")
    for order in orders:
        timings, hits = [], 0
        for query in queries(count, words):
            began = time.perf_counter()
            async with database.read_sessions() as session:
                page = await search_articles(session, query, order=order)
            timings.append(time.perf_counter() - began)
            hits += bool(page.hits)
        results[f"search_{order}"] = percentiles(timings)
        results[f"queries_with_hits_{order}"] = hits
    return results


async def search_only(directory: Path, count: int, *, skip_raw: bool = False) -> None:
    """Searches again on the raw.db and project.db a run kept (`--keep`), e.g. after a
    change to the query code, without ingesting a million articles again."""
    from storage.engine import open_database

    words = vocabulary()
    raw: dict[str, Any]
    if skip_raw:
        raw = {"search": {"p50": float("nan"), "p95": float("nan"), "p99": float("nan")},
               "queries_with_hits": 0}
    else:
        connection = sqlite3.connect(directory / "raw.db")
        raw = raw_search(connection, count, words)
        connection.close()
    database = await open_database(f"sqlite+aiosqlite:///{directory / 'project.db'}")
    project = await project_search(database, count, words)
    await database.close()
    print(f"search only, on {directory}: {count} queries")
    print(f"{'':28}{'project':>14}{'raw sqlite3':>14}{'ratio':>10}")
    for order in ("newest", "rank"):
        for stat in ("p50", "p95", "p99"):
            ours, theirs = project[f"search_{order}"][stat], raw["search"][stat]
            print(f"{'search ' + order + ' ' + stat + ', ms':28}{ours:>14.1f}{theirs:>14.1f}"
                  f"{theirs / max(ours, 1e-9):>9.1f}x faster")
    print(f"{'queries with hits':28}{project['queries_with_hits_newest']:>14}"
          f"{raw['queries_with_hits']:>14}")


# --- driver -----------------------------------------------------------------------------

def _child(side: str, args: argparse.Namespace, directory: Path) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--side", side, "--n", str(args.n), "--batch", str(args.batch),
        "--queries", str(args.queries), "--dir", str(directory), "--workers", str(args.workers),
    ]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def report(n: int, raw: dict[str, Any], project: dict[str, Any]) -> None:
    mb = 1024 * 1024
    print(f"store benchmark: {n:,} articles of ~250 words, each side in its own process")
    print(f"{'':28}{'project':>14}{'raw sqlite3':>14}{'ratio':>10}")
    line = "{:28}{:>14,.0f}{:>14,.0f}{:>9.2f}x"
    print(line.format("ingest, articles/s", project["ingest_per_s"], raw["ingest_per_s"],
                      project["ingest_per_s"] / raw["ingest_per_s"]))
    for stat in ("p50", "p95", "p99"):
        ours, theirs = project["search_newest"][stat], raw["search"][stat]
        print(f"{'search newest ' + stat + ', ms':28}{ours:>14.1f}{theirs:>14.1f}"
              f"{theirs / max(ours, 1e-9):>9.1f}x faster")
    for stat in ("p50", "p95", "p99"):
        ours, theirs = project["search_rank"][stat], raw["search"][stat]
        print(f"{'search rank ' + stat + ', ms':28}{ours:>14.1f}{theirs:>14.1f}"
              f"{theirs / max(ours, 1e-9):>9.1f}x faster")
    print(f"{'queries with hits':28}{project['queries_with_hits_newest']:>14}"
          f"{raw['queries_with_hits']:>14}")
    print(f"{'database size, MB':28}{project['db_bytes'] / mb:>14.0f}{raw['db_bytes'] / mb:>14.0f}"
          f"{project['db_bytes'] / raw['db_bytes']:>9.2f}x")
    print(f"{'peak RSS, MB':28}{project['peak_rss_mb']:>14.0f}{raw['peak_rss_mb']:>14.0f}"
          f"{project['peak_rss_mb'] / raw['peak_rss_mb']:>9.2f}x")
    print(f"{'peak RSS of a worker, MB':28}{project['worker_peak_rss_mb']:>14.0f}{'-':>14}"
          f"   ({project['workers']} prepare workers)")
    print("raw search = MATCH ... ORDER BY bm25 LIMIT 10 over all matches; project search = "
          "newest matches first (window), ordered by date or by relevance within the window")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--workers", type=int, default=0, help="prepare workers (0: per core)")
    parser.add_argument("--side", choices=["raw", "project"])
    parser.add_argument("--keep", action="store_true", help="keep the databases in --dir")
    parser.add_argument("--search-only", type=Path, help="a folder a --keep run left")
    parser.add_argument("--skip-raw", action="store_true", help="with --search-only: ours only")
    args = parser.parse_args()
    if args.search_only:
        asyncio.run(search_only(args.search_only, args.queries, skip_raw=args.skip_raw))
        return
    if args.side:
        path = args.dir / f"{args.side}.db"
        result = run_raw(args, path) if args.side == "raw" else asyncio.run(run_project(args, path))
        print(json.dumps(result))
        return
    if args.keep:
        directory = Path(tempfile.mkdtemp(dir=args.dir))
        raw = _child("raw", args, directory)
        project = _child("project", args, directory)
        print(f"databases kept in {directory}", file=sys.stderr)
    else:
        with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
            directory = Path(scratch)
            raw = _child("raw", args, directory)
            project = _child("project", args, directory)
    print(json.dumps({"n": args.n, "raw": raw, "project": project}))
    report(args.n, raw, project)


if __name__ == "__main__":
    main()
