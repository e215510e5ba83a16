"""Reading the gold sets of ../shared/eval and scoring the analysis on them.

The file reading lives here (digests/ does no I/O); the counting is digests.evaluation's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from digests.analysis import analyze
from digests.evaluation import (
    GoldItem,
    PredictedQuote,
    Prediction,
    SetScores,
    add_item,
    article_item,
    sentence_item,
)
from digests.models import Analysis, ArticleDraft
from digests.sentences import sentence_texts

LANG_ORDER = ("kk", "ru", "en")


def default_eval_dir() -> Path:
    """`shared/eval` beside the repository (the repository is this file's grandparent)."""
    return Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def load_people(directory: Path) -> dict[str, Any]:
    path = directory / "people.json"
    if not path.is_file():
        return {}
    people = json.loads(path.read_text(encoding="utf-8"))
    return people if isinstance(people, dict) else {}


def load_articles(directory: Path, people: dict[str, Any]) -> list[GoldItem]:
    folder = directory / "articles"
    return [
        article_item(json.loads(path.read_text(encoding="utf-8")), people)
        for path in sorted(folder.glob("*.json"))
    ]


def load_sentences(directory: Path) -> dict[str, list[GoldItem]]:
    """Each *.jsonl file of single sentences, by file stem."""
    sets: dict[str, list[GoldItem]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        sets[path.stem] = [sentence_item(json.loads(line)) for line in lines if line.strip()]
    return sets


def prediction_of(analysis: Analysis) -> Prediction:
    return Prediction(
        quotes=tuple(PredictedQuote(q.text, q.speaker) for q in analysis.quotes),
        summary=tuple(analysis.summary),
    )


Analyzer = Callable[[ArticleDraft], Analysis]


def score_directory(directory: Path, analyzer: Analyzer = analyze) -> list[SetScores]:
    """One SetScores per article language (kk, ru, en) and per sentence file."""
    people = load_people(directory)
    by_lang: dict[str, SetScores] = {}
    for item in load_articles(directory, people):
        scores = by_lang.setdefault(item.lang, SetScores(f"articles {item.lang}"))
        draft = ArticleDraft(title=item.title or "", body=item.text)
        add_item(scores, item, prediction_of(analyzer(draft)), sentence_texts(item.text))
    ordered = sorted(by_lang.items(), key=lambda kv: (*LANG_ORDER, kv[0]).index(kv[0]))
    results = [scores for _, scores in ordered]
    for stem, items in load_sentences(directory).items():
        scores = SetScores(f"{stem} {items[0].lang if items else ''}".strip())
        for item in items:
            draft = ArticleDraft(title="", body=item.text, lang=item.lang)
            add_item(scores, item, prediction_of(analyzer(draft)))
        results.append(scores)
    return results
