"""A job that keeps each running broadcast's progress message current and sends the final
report. State is read from the store every time, so it carries on after a restart; only the
process that marks a broadcast finished sends its report."""

from __future__ import annotations

import logging

from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.handlers.common import NO_PREVIEW, SHARED_KEY, Shared
from bot.i18n import translator
from bot.usecases.admin.progress import progress_text, report_text
from storage.broadcasts import Broadcast, broadcast_counts, finish_broadcast, unfinished_broadcasts
from storage.subscribers import get_chat
from storage.types import utc_now

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 2.0
SHOWN_KEY = "admin_progress_shown"


async def progress_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    parts = context.bot_data.get(SHARED_KEY)
    if not isinstance(parts, Shared):
        return  # not started yet
    shown: dict[int, str] = context.bot_data.setdefault(SHOWN_KEY, {})
    async with parts.sessions() as session:
        running = await unfinished_broadcasts(session)
    for broadcast in running:
        try:
            await _update(context, parts, broadcast, shown)
        except Exception:
            log.exception("could not update the progress of broadcast %s", broadcast.id)


async def _update(
    context: ContextTypes.DEFAULT_TYPE, parts: Shared, broadcast: Broadcast, shown: dict[int, str]
) -> None:
    async with parts.sessions() as session:
        counts = await broadcast_counts(session, broadcast.id)
        admin = await get_chat(session, broadcast.admin_chat_id)
    tr = translator(admin.language if admin else None)
    started = broadcast.started_at or utc_now()
    elapsed = (utc_now() - started).total_seconds()
    text = progress_text(tr, broadcast.id, counts, elapsed)
    if text != shown.get(broadcast.id):
        await _edit(context, broadcast, text)
        shown[broadcast.id] = text
    if counts.waiting:
        return
    async with parts.sessions() as session:
        if not await finish_broadcast(session, broadcast.id):
            return
    shown.pop(broadcast.id, None)
    log.info("broadcast %s finished: %s", broadcast.id, counts)
    await context.bot.send_message(
        broadcast.admin_chat_id,
        report_text(tr, broadcast.id, counts, elapsed),
        parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW,
    )


async def _edit(context: ContextTypes.DEFAULT_TYPE, broadcast: Broadcast, text: str) -> None:
    if broadcast.progress_message_id is None:
        return
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=broadcast.admin_chat_id,
            message_id=broadcast.progress_message_id,
            parse_mode=ParseMode.HTML,
        )
    except TelegramError as exc:  # flood control or a deleted message: try next round
        log.info("progress of broadcast %s not edited: %s", broadcast.id, exc)


def schedule_progress(application: Application) -> None:  # type: ignore[type-arg]
    queue = application.job_queue
    if queue is None:
        return
    queue.run_repeating(
        progress_job, interval=PROGRESS_SECONDS, first=PROGRESS_SECONDS, name="admin-progress",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
