"""`digestbot status`: the outbox by state and the last tick, from the store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import run_blocking
from delivery_support import fill_store
from typer.testing import CliRunner

from bot.cli import _register, app
from bot.delivery.tick import run_tick
from bot.settings import Settings
from storage.engine import open_database


def test_status_prints_the_outbox_and_the_last_tick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    fill_store(url, [11, 12, 13])

    async def tick() -> None:
        database = await open_database(url)
        await run_tick(database.sessions, Settings(), now=datetime.now(UTC))
        await database.close()

    run_blocking(tick())
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    _register()
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "outbox: pending 3, sending 0, sent 0, failed 0, deactivated 0" in result.output
    assert "due now: 3" in result.output
    assert "last tick: " in result.output and "enqueued 3" in result.output
    assert "sender heartbeat: never" in result.output
