"""pytest fixtures for end-to-end tests. Use them from a test module with

    pytest_plugins = ("harness.fixtures",)

(`tests/` is on sys.path under pytest, so the package imports as `harness`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .emulator import Telegram
from .process import BotProcess


@pytest.fixture
def telegram_api() -> Iterator[Telegram]:
    """A fresh emulated Bot API on a free loopback port, stopped after the test."""
    telegram = Telegram().start()
    try:
        yield telegram
    finally:
        telegram.stop()


@pytest.fixture
def bot_process(telegram_api: Telegram, tmp_path: Path) -> Iterator[Callable[..., BotProcess]]:
    """Factory: `bot_process(env={...}, command=[...])` starts the real bot subprocess
    against `telegram_api`; every process started is stopped after the test."""
    started: list[BotProcess] = []

    def start(*, env: dict[str, str] | None = None, command: list[str] | None = None) -> BotProcess:
        process = BotProcess(telegram_api, tmp_path, command=command, env=env).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
