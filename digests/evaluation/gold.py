"""Gold records (already parsed JSON) turned into GoldItems, following FORMAT.md's fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from digests.evaluation.scoring import GoldItem, GoldQuote

NAME_FIELDS = ("kk-Cyrl", "kk-Latn", "ru-Cyrl", "en-Latn")


def person_names(people: Mapping[str, Any], speaker_id: str | None) -> tuple[str, ...]:
    """Every script's form of one person's name from people.json."""
    person = people.get(speaker_id or "") or {}
    return tuple(str(person[key]) for key in NAME_FIELDS if person.get(key))


def article_item(record: Mapping[str, Any], people: Mapping[str, Any]) -> GoldItem:
    """An articles/*.json record as a GoldItem."""
    quotes = tuple(
        GoldQuote(
            text=str(q["text"]),
            speaker=q.get("speaker"),
            speaker_names=person_names(people, q.get("speaker_id")),
        )
        for q in record.get("quotes", [])
    )
    return GoldItem(
        id=str(record["id"]),
        lang=str(record["lang"]),
        text=str(record["text"]),
        quotes=quotes,
        negative=bool(record.get("negative", not quotes)),
        key_sentences=tuple(str(s) for s in record.get("key_sentences", [])),
        title=record.get("title"),
    )


def sentence_item(record: Mapping[str, Any], lang: str = "kk") -> GoldItem:
    """A kaznerd-dev.jsonl line as a GoldItem; `quotes: []` marks a negative."""
    quotes = tuple(
        GoldQuote(text=str(q["text"]), speaker=q.get("speaker")) for q in record["quotes"]
    )
    return GoldItem(
        id=str(record["id"]),
        lang=lang,
        text=str(record["text"]),
        quotes=quotes,
        negative=not quotes,
    )
