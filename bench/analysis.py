"""Median time to analyse a 500-word article, next to a bare regex split + Lead-3 baseline.

Articles are assembled from the gold `text`s in ../shared/eval/articles (paragraphs of one
language until 500 words). Usage: python bench/analysis.py [--runs N] [--words N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.gold_sets import default_eval_dir
from digests.analysis import analyze
from digests.models import ArticleDraft

_BARE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def assemble(lang: str, words: int) -> str:
    """Paragraphs of the gold articles in `lang`, in file order, until `words` words."""
    paragraphs: list[str] = []
    count = 0
    for path in sorted((default_eval_dir() / "articles").glob(f"{lang}-*.json")):
        for paragraph in json.loads(path.read_text(encoding="utf-8"))["text"].split("\n\n"):
            paragraphs.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                return "\n\n".join(paragraphs)
    return "\n\n".join(paragraphs)


def baseline(text: str) -> list[str]:
    return _BARE_SPLIT.split(text)[:3]


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up: model loading and caches are not what is measured
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args()
    print(f"{'lang':<5}{'words':>7}{'analyze ms':>12}{'baseline ms':>13}{'ratio':>8}")
    for lang in ("kk", "ru", "en"):
        text = assemble(lang, args.words)
        draft = ArticleDraft(title="", body=text)
        ours = median_ms(lambda d=draft: analyze(d), args.runs)
        base = median_ms(lambda t=text: baseline(t), args.runs)
        print(f"{lang:<5}{len(text.split()):>7}{ours:>12.3f}{base:>13.4f}{ours / base:>8.0f}")


if __name__ == "__main__":
    main()
