"""`digestbot status`: the outbox by state, gone subscribers, and when the tick and the
sender last showed signs of life (from any bot process sharing the database)."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

import typer

from bot.cli.wiring import opened_store, settings_and_logging
from storage.bot_state import read_states
from storage.outbox import deactivated_count, due_count, outbox_counts
from storage.types import utc_now

SHOWN = ("pending", "sending", "sent", "failed", "deactivated", "skipped")


def _age(moment: datetime, now: datetime) -> str:
    seconds = int((now - moment).total_seconds())
    if seconds < 120:
        return f"{seconds} s ago"
    if seconds < 7200:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"


def _detail(value: str) -> str:
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    return ", ".join(f"{key} {item}" for key, item in data.items())


async def status_lines(url: str) -> list[str]:
    async with opened_store(url) as store, store.sessions() as session:
        counts = await outbox_counts(session)
        due = await due_count(session)
        gone = await deactivated_count(session)
        states = await read_states(session)
    now = utc_now()
    lines = ["outbox: " + ", ".join(f"{name} {counts[name]}" for name in SHOWN)]
    lines.append(f"due now: {due}; subscribers deactivated by Telegram: {gone}")
    for name, label in (("tick", "last tick"), ("sender", "sender heartbeat")):
        if name in states:
            value, moment = states[name]
            when = moment.strftime("%Y-%m-%d %H:%M:%S UTC")
            lines.append(f"{label}: {when} ({_age(moment, now)}; {_detail(value)})")
        else:
            lines.append(f"{label}: never")
    return lines


def status_command() -> None:
    """Show the delivery outbox (pending, sending, sent, failed, deactivated) and the last tick."""
    settings = settings_and_logging()
    for line in asyncio.run(status_lines(settings.database_url)):
        typer.echo(line)
