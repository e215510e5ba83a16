"""Get-or-create for the small name tables (sources, speakers), a whole batch at a time."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from storage.tables import Source, Speaker, table_of
from storage.types import utc_now

# Stay well under SQLite's bound-parameter limit in `IN (...)` lists.
CHUNK = 500
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_ignoring_conflicts(session: AsyncSession, table: Table, *keys: str) -> Any:
    """INSERT ... ON CONFLICT (keys) DO NOTHING, in the session's dialect."""
    dialect = session.get_bind().dialect.name
    statement = sqlite_insert(table) if dialect == "sqlite" else postgres_insert(table)
    return statement.on_conflict_do_nothing(index_elements=list(keys))


async def ids_by(
    session: AsyncSession,
    column: QueryableAttribute[Any],
    id_column: QueryableAttribute[int],
    values: Collection[Any],
) -> dict[Any, int]:
    """{value: id} for the rows whose `column` is one of `values`."""
    found: dict[Any, int] = {}
    for part in chunks(sorted(values)):
        rows = await session.execute(select(column, id_column).where(column.in_(part)))
        found.update({value: ident for value, ident in rows.tuples()})
    return found


async def ensure_sources(session: AsyncSession, names: Collection[str]) -> dict[str, int]:
    """{source name: id}, creating the sources not seen before."""
    if not names:
        return {}
    found = await ids_by(session, Source.name, Source.id, names)
    missing = [
        {"name": n, "kind": "file", "created_at": utc_now()} for n in names if n not in found
    ]
    if missing:
        await session.execute(insert_ignoring_conflicts(session, table_of(Source), "name"), missing)
        found = await ids_by(session, Source.name, Source.id, names)
    return found


async def ensure_speakers(
    session: AsyncSession, spellings: Mapping[str, Sequence[str]]
) -> dict[str, int]:
    """{speaker key: id}; new speakers are named by their first spelling, and every spelling
    not yet known joins the speaker's aliases."""
    if not spellings:
        return {}
    known: dict[str, tuple[int, list[str]]] = {}
    for part in chunks(sorted(spellings)):
        rows = await session.execute(
            select(Speaker.key, Speaker.id, Speaker.aliases).where(Speaker.key.in_(part))
        )
        known.update({key: (ident, list(aliases or [])) for key, ident, aliases in rows.tuples()})
    new = [
        {"key": key, "name": names[0], "aliases": _dedupe(names)}
        for key, names in spellings.items()
        if key not in known and names
    ]
    if new:
        await session.execute(insert_ignoring_conflicts(session, table_of(Speaker), "key"), new)
    grown = [
        {"speaker_id": ident, "new_aliases": _dedupe([*aliases, *spellings[key]])}
        for key, (ident, aliases) in known.items()
        if set(spellings[key]) - set(aliases)
    ]
    if grown:
        table = table_of(Speaker)
        await session.execute(
            update(table)
            .where(table.c.id == bindparam("speaker_id"))
            .values(aliases=bindparam("new_aliases", type_=table.c.aliases.type)),
            grown,
        )
    return await ids_by(session, Speaker.key, Speaker.id, spellings.keys())


def _dedupe(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))
