"""What the admin sees while a broadcast runs (a bar, sent / failed / left, time left) and
the report at the end (delivered, blocked and deactivated, failed with reasons)."""

from __future__ import annotations

from bot.i18n import Translator
from bot.render.html import escape
from storage.broadcasts import BroadcastCounts

BAR_CELLS = 10
MAX_REASONS = 5


def bar(done: int, total: int) -> str:
    share = done / total if total else 1.0
    filled = min(BAR_CELLS, int(share * BAR_CELLS))
    return "▓" * filled + "░" * (BAR_CELLS - filled) + f" {int(share * 100)}%"


def eta_seconds(done: int, left: int, elapsed: float) -> float | None:
    """Time left at the rate so far; None before anything is done."""
    if done <= 0 or elapsed <= 0:
        return None
    return left * elapsed / done


def duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def progress_text(
    tr: Translator, broadcast_id: int, counts: BroadcastCounts, elapsed: float
) -> str:
    failed = counts.failed + counts.deactivated
    lines = [
        tr("admin.progress_title", id=broadcast_id),
        bar(counts.done, counts.total),
        tr("admin.progress_counts", sent=counts.sent, failed=failed, left=counts.waiting),
    ]
    eta = eta_seconds(counts.done, counts.waiting, elapsed)
    if eta is not None and counts.waiting:
        lines.append(tr("admin.progress_eta", eta=duration(eta)))
    return "\n".join(lines)


def report_text(
    tr: Translator, broadcast_id: int, counts: BroadcastCounts, elapsed: float
) -> str:
    lines = [
        tr("admin.report_title", id=broadcast_id, took=duration(elapsed)),
        tr("admin.report_delivered", count=counts.sent),
        tr("admin.report_blocked", count=counts.deactivated),
        tr("admin.report_failed", count=counts.failed),
    ]
    for reason, number in counts.reasons.most_common(MAX_REASONS):
        lines.append(f"  • {escape(reason[:200])}: {number}")
    if counts.cancelled:
        lines.append(tr("admin.report_cancelled", count=counts.cancelled))
    if counts.skipped:
        lines.append(tr("admin.report_skipped", count=counts.skipped))
    return "\n".join(lines)
