"""Shared fixtures: a migrated store on SQLite always, and on PostgreSQL when
TEST_POSTGRES_URL is set (each test run gets its own freshly created database there)."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from digests.models import ArticleDraft
from storage.engine import Database, migrate_database, open_database

POSTGRES_SKIP_REASON = (
    "PostgreSQL tests need TEST_POSTGRES_URL, "
    "e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
_TABLES = "deliveries, subscribers, quotes, speakers, articles, sources"
T = TypeVar("T")


def run_blocking(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on its own loop, even from inside a running one."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def _postgres_base_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        pytest.skip(POSTGRES_SKIP_REASON)
    return url


def _server_dsn(url: str) -> str:
    """asyncpg's own DSN for the same server (no SQLAlchemy driver suffix)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _create_postgres_database(base_url: str, name: str, *, ctype: str | None) -> str:
    connection = await asyncpg.connect(_server_dsn(base_url))
    try:
        locale = f" TEMPLATE template0 LC_COLLATE '{ctype}' LC_CTYPE '{ctype}'" if ctype else ""
        await connection.execute(f'CREATE DATABASE "{name}"{locale}')
    finally:
        await connection.close()
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(base_url: str, name: str) -> None:
    connection = await asyncpg.connect(_server_dsn(base_url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres_database_factory() -> Iterator[Callable[..., str]]:
    """Creates throw-away PostgreSQL databases (dropped at the end of the session)."""
    base_url = _postgres_base_url()
    created: list[str] = []

    def create(ctype: str | None = None) -> str:
        name = f"digestbot_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        created.append(name)
        return run_blocking(_create_postgres_database(base_url, name, ctype=ctype))

    yield create
    for name in created:
        run_blocking(_drop_postgres_database(base_url, name))


async def _migrate(url: str) -> None:
    database = await open_database(url, migrate=False)
    try:
        await migrate_database(database.engine)
    finally:
        await database.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store.db"
    run_blocking(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_migrated_url(postgres_database_factory: Callable[..., str]) -> str:
    url = postgres_database_factory()
    run_blocking(_migrate(url))
    return url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a migrated database holding no rows, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "store.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite+aiosqlite:///{path}"
    return str(request.getfixturevalue("postgres_migrated_url"))


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a database with no schema at all (the file does not even exist on SQLite)."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'sub' / 'dir' / 'store.db'}"
    factory: Callable[..., str] = request.getfixturevalue("postgres_database_factory")
    return factory()


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = await open_database(database_url, migrate=False)
    if database.dialect == "postgresql":
        async with database.engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {_TABLES} RESTART IDENTITY CASCADE"))
    yield database
    await database.close()


@pytest.fixture
async def session(database: Database) -> AsyncIterator[AsyncSession]:
    async with database.sessions() as session:
        yield session


@pytest.fixture
def make_draft() -> Callable[..., ArticleDraft]:
    """ArticleDraft with a distinct body unless one is given."""
    counter = iter(range(1, 1_000_000))

    def make(
        title: str = "Жаңалық",
        body: str | None = None,
        *,
        url: str | None = None,
        published: datetime | None = None,
        source: str | None = None,
        lang: str | None = "kk",
    ) -> ArticleDraft:
        number = next(counter)
        return ArticleDraft(
            title=title,
            body=body if body is not None else f"Мәтін нөмірі {number}: ауа райы жылы болады.",
            url=url,
            published=published or datetime(2025, 1, 1, tzinfo=UTC),
            source=source,
            lang=lang,
        )

    return make
