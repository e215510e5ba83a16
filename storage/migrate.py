"""Alembic driven from code: no alembic.ini at the repository root, nothing to configure."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    """Apply every pending revision on this (synchronous side of an async) connection."""
    upgrade_to(connection, "head")


def upgrade_to(connection: Connection, revision: str) -> None:
    """Apply the revisions up to `revision`: tests start a store at an older schema."""
    command.upgrade(_config(connection), revision)


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this code."""
    return ScriptDirectory.from_config(_config()).get_current_head()
