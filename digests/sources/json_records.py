"""JSON and JSON Lines: one article per object, with lenient field names.

Exports from other tools name the same field `text`, `body` or `content`, and the date
`published`, `date` or `published_at`; a record carrying only `raw` (pasted text) is read as
plain text. A bad record is reported by its position and never stops the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

from digests.models import ArticleDraft
from digests.sources.plain_text import parse_date_line, parse_plain_text, split_paragraphs

_BODY_KEYS = ("text", "body", "content", "description")
_DATE_KEYS = ("published", "published_at", "date", "pubDate", "created_at")
_URL_KEYS = ("url", "link", "source_url")


@dataclass(frozen=True, slots=True)
class RecordFailure:
    where: str
    reason: str


def parse_json_document(text: str, *, tz: tzinfo) -> Iterator[ArticleDraft | RecordFailure]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        yield RecordFailure("document", f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    if isinstance(document, dict):
        nested = next(
            (document[k] for k in ("articles", "items", "entries") if k in document), None
        )
        records = nested if isinstance(nested, list) else [document]
    elif isinstance(document, list):
        records = document
    else:
        yield RecordFailure("document", "JSON must be an object or a list of objects")
        return
    for index, record in enumerate(records, start=1):
        yield _record_or_failure(record, f"record {index}", tz)


def parse_json_lines(text: str, *, tz: tzinfo) -> Iterator[ArticleDraft | RecordFailure]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordFailure(f"line {number}", f"invalid JSON: {exc.msg}")
            continue
        yield _record_or_failure(record, f"line {number}", tz)


def _record_or_failure(record: Any, where: str, tz: tzinfo) -> ArticleDraft | RecordFailure:
    if not isinstance(record, dict):
        return RecordFailure(where, "not a JSON object")
    try:
        return record_to_draft(record, tz=tz)
    except ValueError as exc:
        return RecordFailure(where, str(exc))


def record_to_draft(record: dict[str, Any], *, tz: tzinfo) -> ArticleDraft:
    title = _text_field(record, ("title", "headline"))
    body = next((_text_field(record, (k,)) for k in _BODY_KEYS if record.get(k)), "")
    if body:
        paragraphs = split_paragraphs([line.strip() for line in body.split("\n")])
        draft = ArticleDraft(title=title, body="\n\n".join(paragraphs))
    elif _text_field(record, ("raw",)):
        draft = parse_plain_text(record["raw"], fallback_title=title, tz=tz)
    else:
        raise ValueError("no text: expected one of text, body, content, raw")
    if not draft.body:
        raise ValueError("empty text")
    published = next(
        (parsed for k in _DATE_KEYS if (parsed := _date_field(record.get(k), tz))), None
    )
    url = next((record[k] for k in _URL_KEYS if isinstance(record.get(k), str)), None)
    source = record.get("source")
    lang = record.get("lang") or record.get("language")
    return replace(
        draft,
        title=title or draft.title or draft.body.split("\n", 1)[0][:120],
        published=published or draft.published,
        url=url,
        source=source if isinstance(source, str) else None,
        lang=lang if isinstance(lang, str) else None,
    )


def _text_field(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _date_field(value: Any, tz: tzinfo) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz).astimezone(tz)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return parse_date_line(value, tz)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
