"""`digestbot db upgrade` / `db current`: the schema, by hand (start-up also upgrades)."""

from __future__ import annotations

import asyncio

import typer
from sqlalchemy.engine import make_url

from bot.settings import load_settings
from storage.engine import create_engine, migrate_database, schema_revisions

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def upgrade_command() -> None:
    """Bring the database at DATABASE_URL up to the newest schema (a no-op when current)."""
    url = load_settings().database_url

    async def upgrade() -> str | None:
        engine = create_engine(url)
        try:
            return await migrate_database(engine)
        finally:
            await engine.dispose()

    revision = asyncio.run(upgrade())
    typer.echo(f"{_shown(url)}: schema at revision {revision}")


@db_app.command("current")
def current_command() -> None:
    """Show the database's schema revision and the newest one this code ships."""
    url = load_settings().database_url

    async def revisions() -> tuple[str | None, str | None]:
        engine = create_engine(url)
        try:
            return await schema_revisions(engine)
        finally:
            await engine.dispose()

    current, head = asyncio.run(revisions())
    state = "up to date" if current == head else "needs `digestbot db upgrade`"
    typer.echo(f"{_shown(url)}: revision {current or 'none (empty)'}, newest {head}: {state}")
