"""Opening a database: schema brought up to date once, connection settings, server checks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from storage.engine import open_database, schema_revisions
from storage.migrate import head_revision


async def test_an_empty_database_is_migrated_on_first_open(empty_database_url: str) -> None:
    database = await open_database(empty_database_url)
    try:
        current, head = await schema_revisions(database.engine)
        assert current == head == head_revision()
        async with database.sessions() as session:
            count = await session.execute(text("SELECT count(*) FROM articles"))
            assert count.scalar_one() == 0
    finally:
        await database.close()


async def test_opening_again_is_a_no_op(empty_database_url: str) -> None:
    for _ in range(3):
        database = await open_database(empty_database_url)
        current, head = await schema_revisions(database.engine)
        await database.close()
        assert current == head


async def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path: object) -> None:
    database = await open_database(f"sqlite+aiosqlite:///{tmp_path}/a/b/store.db")
    try:
        async with database.engine.connect() as connection:
            pragmas = [
                (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar_one()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            ]
        assert pragmas == ["wal", 1, 10_000]
    finally:
        await database.close()


@pytest.mark.postgres
async def test_postgres_with_c_ctype_is_reported(
    postgres_database_factory: Callable[..., str], caplog: pytest.LogCaptureFixture
) -> None:
    from storage.engine import check_postgres_locale

    url = postgres_database_factory(ctype="C")
    database = await open_database(url, migrate=False)
    try:
        message = await check_postgres_locale(database.engine)
    finally:
        await database.close()
    assert message is not None and "LC_CTYPE='C'" in message
    assert "LC_CTYPE='C'" in caplog.text


@pytest.mark.postgres
async def test_postgres_with_utf8_ctype_passes(postgres_migrated_url: str) -> None:
    from storage.engine import check_postgres_locale

    database = await open_database(postgres_migrated_url, migrate=False)
    try:
        assert await check_postgres_locale(database.engine) is None
    finally:
        await database.close()


async def _read_then_write_while_another_writes(
    factory: Callable[..., Any], other: Callable[..., Any]
) -> list[object]:
    async def read_then_write() -> None:
        async with factory() as session:
            await session.execute(text("SELECT count(*) FROM admins"))
            await asyncio.sleep(0.3)  # another connection commits meanwhile
            await session.execute(text("INSERT INTO admins VALUES (1, 0, '2026-01-01')"))
            await session.commit()

    async def write() -> None:
        await asyncio.sleep(0.1)
        async with other() as session:
            await session.execute(text("INSERT INTO admins VALUES (2, 0, '2026-01-01')"))
            await session.commit()

    return list(await asyncio.gather(read_then_write(), write(), return_exceptions=True))


async def test_sqlite_sessions_that_read_then_write_wait_for_a_concurrent_writer(
    tmp_path: object,
) -> None:
    database = await open_database(f"sqlite+aiosqlite:///{tmp_path}/store.db")
    try:
        outcomes = await _read_then_write_while_another_writes(
            database.sessions, database.sessions
        )
        assert outcomes == [None, None]
        async with database.sessions() as session:
            count = await session.execute(text("SELECT count(*) FROM admins"))
            assert count.scalar_one() == 2
    finally:
        await database.close()


async def test_sqlite_read_sessions_are_deferred_and_not_for_read_then_write(
    tmp_path: object,
) -> None:
    database = await open_database(f"sqlite+aiosqlite:///{tmp_path}/store.db")
    try:
        outcomes = await _read_then_write_while_another_writes(
            database.read_sessions, database.sessions
        )
        assert isinstance(outcomes[0], OperationalError) and outcomes[1] is None
        assert "database is locked" in str(outcomes[0])
    finally:
        await database.close()
