"""Opening the database: engine, session factory, connection settings, schema up to date."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage.migrate import current_revision, head_revision, upgrade_to_head

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Any constant works; it only has to be the same in every process sharing the database.
_MIGRATION_LOCK_ID = 0x64696765


@dataclass(frozen=True, slots=True)
class Database:
    """An engine and its session factories; `close()` when done.

    On SQLite, `sessions` begin with BEGIN IMMEDIATE: a deferred transaction that reads and
    then writes fails at once with "database is locked" when another connection committed
    in between (the busy timeout does not apply to that case), which any job or admin action
    could hit. `read_sessions` begin deferred, so the hot read paths (/latest, /quote,
    /search, inline) never wait for a writer; use them for reads, and for a write only when it
    is the first statement of its transaction. On PostgreSQL both are the same.
    """

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    read_sessions: async_sessionmaker[AsyncSession]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    async def close(self) -> None:
        await self.engine.dispose()


async def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect, check the server, and bring an empty or outdated schema up to date."""
    engine = create_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            await check_postgres_locale(engine)
        if migrate:
            await migrate_database(engine)
    except BaseException:
        await engine.dispose()
        raise
    return Database(
        engine,
        async_sessionmaker(engine, expire_on_commit=False),
        async_sessionmaker(
            engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        ),
    )


def create_engine(url: str | URL) -> AsyncEngine:
    """An async engine; SQLite gets WAL, foreign keys, a busy timeout and real transactions."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(parsed)
    event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
    event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: object) -> None:
    # The driver's own implicit BEGIN skips DDL and breaks SAVEPOINT; SQLAlchemy emits BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    ):
        cursor.execute(pragma)
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    connection.exec_driver_sql("BEGIN DEFERRED" if mode == "DEFERRED" else "BEGIN IMMEDIATE")


async def migrate_database(engine: AsyncEngine) -> str | None:
    """Upgrade to the newest revision (a no-op when already there); returns it.

    On PostgreSQL an advisory lock makes bot processes starting together take turns.
    """
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID}
            )
        before = await connection.run_sync(current_revision)
        head = head_revision()
        if before != head:
            log.info("database schema %s -> %s", before or "empty", head)
            await connection.run_sync(upgrade_to_head)
    return head


async def schema_revisions(engine: AsyncEngine) -> tuple[str | None, str | None]:
    """(the database's revision, the code's newest revision)."""
    async with engine.connect() as connection:
        return await connection.run_sync(current_revision), head_revision()


async def check_postgres_locale(engine: AsyncEngine) -> str | None:
    """Warn when the database cannot case-fold Cyrillic; returns the warning, if any.

    With LC_CTYPE C or POSIX, PostgreSQL neither lowercases Cyrillic nor sees it as letters
    when it splits words, so search and trigram indexes go wrong silently.
    """
    async with engine.connect() as connection:
        row = (
            await connection.execute(
                text(
                    "SELECT datctype, pg_encoding_to_char(encoding) FROM pg_database "
                    "WHERE datname = current_database()"
                )
            )
        ).one()
    ctype, encoding = str(row[0]), str(row[1])
    if encoding.upper() == "UTF8" and ctype.upper() not in ("C", "POSIX"):
        return None
    message = (
        f"PostgreSQL database has LC_CTYPE={ctype!r} and encoding {encoding}: Cyrillic and "
        "Kazakh letters will not be case-folded or split into words correctly. Create the "
        "database with ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' (or another UTF-8 locale)."
    )
    log.warning(message)
    return message
