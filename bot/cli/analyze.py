"""`digestbot analyze`: language, summary and quotes as JSON, one object per article.

The output is a contract read by gold-set scorers: {"id", "lang", "summary": [...],
"quotes": [{"text", "speaker", "speaker_key"}]}. A bad input gives an error object
{"id", "error"} in its place, never a crash, so one line cannot sink a whole run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from digests.analysis import analyze
from digests.models import Analysis, ArticleDraft
from digests.sources.files import parse_file


def analysis_record(item_id: object, analysis: Analysis) -> dict[str, Any]:
    """The stable JSON shape of one analysed article."""
    return {
        "id": item_id,
        "lang": analysis.lang,
        "summary": list(analysis.summary),
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_key": q.speaker_key}
            for q in analysis.quotes
        ],
    }


def error_record(item_id: object, reason: str) -> dict[str, Any]:
    return {"id": item_id, "error": reason}


def _line_record(line: str) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return error_record(None, f"not JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(item, dict):
        return error_record(None, "not a JSON object")
    item_id = item.get("id")
    text, title = item.get("text"), item.get("title")
    if not isinstance(text, str):
        return error_record(item_id, "missing string field 'text'")
    if title is not None and not isinstance(title, str):
        return error_record(item_id, "field 'title' must be a string")
    lang = item.get("lang") if isinstance(item.get("lang"), str) else None
    draft = ArticleDraft(title=title or "", body=text, lang=lang)
    return analysis_record(item_id, analyze(draft))


def records_from_lines(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """One record per non-blank input line, in input order."""
    for raw in lines:
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield error_record(None, "line is not UTF-8")
            continue
        if not line.strip():
            continue
        try:
            yield _line_record(line)
        except Exception as exc:  # one bad article must not stop the stream
            yield error_record(None, f"analysis failed: {type(exc).__name__}: {exc}")


def record_from_file(path: Path) -> dict[str, Any]:
    """The record of one article file (title line, date line, paragraphs; or .md/.html/.json)."""
    try:
        draft = parse_file(path.name, path.read_bytes())
    except OSError as exc:
        return error_record(str(path), f"cannot read: {exc.strerror or exc}")
    except ValueError as exc:
        return error_record(str(path), f"cannot parse: {exc}")
    return analysis_record(str(path), analyze(draft))


def _emit(record: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()


def analyze_command(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Article files, with --json.", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Analyse FILE... ")] = False,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Read {"id", "text", "title"?} lines on stdin.')
    ] = False,
) -> None:
    """Print language, summary and quotes of articles as JSON, one object per line."""
    if jsonl == as_json or (as_json and not files) or (jsonl and files):
        raise typer.BadParameter("use either --json FILE... or --jsonl (reading stdin)")
    if jsonl:
        for record in records_from_lines(sys.stdin.buffer):
            _emit(record, sys.stdout)
        return
    failed = False
    for path in files or []:
        record = record_from_file(path)
        failed = failed or "error" in record
        _emit(record, sys.stdout)
    if failed:
        raise typer.Exit(code=1)
