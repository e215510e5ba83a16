"""`/stats` and `/audit`: what an admin needs to know at a glance."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.render.html import escape
from bot.render.items import local_time
from bot.replies import Reply
from bot.usecases.admin.access import Actor, audited
from storage.audit import recent_audit
from storage.stats import numbers
from storage.types import utc_now

AUDIT_LINES = 20


async def stats(sessions: async_sessionmaker[AsyncSession], actor: Actor) -> Reply:
    await audited(sessions, actor, "stats")
    now = utc_now()
    local = now.astimezone(actor.zone)
    midnight = datetime(local.year, local.month, local.day, tzinfo=actor.zone)
    async with sessions() as session:
        figures = await numbers(session, week_start=now - timedelta(days=7), day_start=midnight)
    by_language = figures.active_by_language
    parts = " / ".join(f"{lang} {n:,}" for lang, n in sorted(by_language.items())) or "—"
    tick = local_time(figures.last_tick, actor.zone) if figures.last_tick else "—"
    tr = actor.tr
    return Reply.text(
        "\n".join(
            [
                tr("admin.stats_title"),
                tr("admin.stats_subscribers", total=f"{sum(by_language.values()):,}",
                   parts=parts),
                tr("admin.stats_week", new=figures.new_this_week, lost=figures.lost_this_week),
                tr("admin.stats_items", total=f"{figures.items:,}", today=figures.items_today),
                tr("admin.stats_sent", digests=figures.digests_today,
                   messages=figures.messages_today, failures=figures.failures_today),
                tr("admin.stats_outbox", backlog=figures.backlog, tick=tick),
            ]
        )
    )


async def audit(sessions: async_sessionmaker[AsyncSession], actor: Actor) -> Reply:
    await audited(sessions, actor, "audit")
    async with sessions() as session:
        entries = await recent_audit(session, AUDIT_LINES)
    lines = [actor.tr("admin.audit_title")]
    for entry in entries:
        detail = f" {escape(entry.detail[:120])}" if entry.detail else ""
        when = local_time(entry.at, actor.zone)
        lines.append(f"<code>{when}</code> {entry.admin_id} <b>{escape(entry.action)}</b>{detail}")
    return Reply.text("\n".join(lines))
