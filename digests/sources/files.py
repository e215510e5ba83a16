"""One entry point from a file's name and bytes to articles, whatever the format.

The caller does the reading; this decides the format by extension, decodes the bytes
(digests.sources.encoding) and reports every problem as a reason rather than an exception,
so one bad file or record never stops an ingest run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from pathlib import PurePath

from digests.models import ArticleDraft
from digests.sources.encoding import UndecodableError, decode_text
from digests.sources.html_page import NoMainTextError, parse_html
from digests.sources.json_records import RecordFailure, parse_json_document, parse_json_lines
from digests.sources.markdown import parse_markdown
from digests.sources.plain_text import EmptyArticleError, parse_plain_text

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson"}
)
_MULTI_RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
# One article is never megabytes long; a collection in JSON Lines may be.
MAX_ARTICLE_FILE_BYTES = 8 * 1024 * 1024
MAX_COLLECTION_FILE_BYTES = 256 * 1024 * 1024


class ParseError(ValueError):
    """A file yields no article; the message says why in words a person can act on."""


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Articles read from one file, the records that failed, and the encoding used."""

    articles: list[ArticleDraft]
    failures: list[RecordFailure]
    encoding: str


def is_supported(name: str) -> bool:
    return PurePath(name).suffix.lower() in SUPPORTED_SUFFIXES


def size_limit(name: str) -> int:
    suffix = PurePath(name).suffix.lower()
    return MAX_COLLECTION_FILE_BYTES if suffix in _MULTI_RECORD_SUFFIXES else MAX_ARTICLE_FILE_BYTES


def parse_document(name: str, data: bytes, *, tz: tzinfo = UTC) -> ParsedFile:
    """Every article in a file; raises ParseError only when the file as a whole is unusable."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ParseError(
            f"unsupported file type {suffix or '(none)'}; expected "
            + ", ".join(sorted(SUPPORTED_SUFFIXES))
        )
    limit = size_limit(name)
    if len(data) > limit:
        raise ParseError(f"too large: {len(data) / 2**20:.1f} MB, limit {limit / 2**20:.0f} MB")
    try:
        decoded = decode_text(data)
    except UndecodableError as exc:
        raise ParseError(str(exc)) from None
    text = decoded.text
    try:
        if suffix in (".json",):
            items = list(parse_json_document(text, tz=tz))
        elif suffix in (".jsonl", ".ndjson"):
            items = list(parse_json_lines(text, tz=tz))
        elif suffix in (".html", ".htm"):
            items = [parse_html(text, tz=tz)]
        elif suffix in (".md", ".markdown"):
            items = [parse_markdown(text, tz=tz)]
        else:
            items = [parse_plain_text(text, fallback_title=PurePath(name).stem, tz=tz)]
    except (EmptyArticleError, NoMainTextError) as exc:
        raise ParseError(str(exc)) from None
    articles = [item for item in items if isinstance(item, ArticleDraft)]
    failures = [item for item in items if isinstance(item, RecordFailure)]
    if not articles and not failures:
        raise ParseError("no articles in the file")
    return ParsedFile(articles=articles, failures=failures, encoding=decoded.encoding)


def parse_file(name: str, data: bytes, *, tz: tzinfo = UTC) -> ArticleDraft:
    """The first article of a file: for tools that take one article per file."""
    parsed = parse_document(name, data, tz=tz)
    if not parsed.articles:
        raise ParseError(parsed.failures[0].reason)
    return parsed.articles[0]


def with_origin(draft: ArticleDraft, source: str | None) -> ArticleDraft:
    return draft if draft.source or not source else replace(draft, source=source)
