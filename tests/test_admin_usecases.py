"""Admin use-cases without Telegram: broadcast options and refusals, progress and report
text, and that every action is in the audit log before its effect."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.i18n import translator
from bot.usecases.admin.access import Actor
from bot.usecases.admin.broadcast import message_problem, parse_options, prepare_broadcast
from bot.usecases.admin.progress import bar, duration, progress_text, report_text
from storage.audit import recent_audit
from storage.broadcasts import Audience, BroadcastCounts
from storage.engine import Database

ACTOR = Actor(user_id=7, chat_id=7, tr=translator("en"), zone=ZoneInfo("Asia/Almaty"))


def test_leading_options_pick_the_audience() -> None:
    assert parse_options("lang=kk kw=мұнай <b>Hi</b> lang=ru") == (
        Audience(language="kk", keyword="мұнай"), "<b>Hi</b> lang=ru"
    )
    assert parse_options("  plain text ") == (Audience(), "plain text")


def test_html_telegram_would_refuse_is_caught_before_confirmation() -> None:
    assert message_problem("<b>fine</b> &amp; <a href=\"https://x.kz\">ok</a>") is None
    assert message_problem("<b>unclosed") is not None
    assert message_problem("<script>x</script>") is not None
    assert message_problem("a" * 4096) is None
    assert "4097" in (message_problem("a" * 4097) or "")
    assert message_problem("<b>" + "a" * 4096 + "</b>") is None  # tags do not count
    assert message_problem("   ") == "empty"


def test_progress_shows_bar_counts_and_time_left() -> None:
    counts = BroadcastCounts(sent=50, deactivated=5, failed=5, waiting=140)
    text = progress_text(translator("en"), 3, counts, elapsed=12.0)
    assert "▓▓▓░░░░░░░ 30%" in text and "Sent 50 · failed 10 · left 140" in text
    assert "About 28 s left" in text
    assert bar(0, 0).endswith("100%") and duration(3725) == "1 h 02 min"


def test_report_lists_failures_with_reasons() -> None:
    counts = BroadcastCounts(sent=9, deactivated=2, failed=1)
    counts.reasons["Bad Request: <odd>"] = 1
    text = report_text(translator("ru"), 4, counts, elapsed=61)
    assert "Доставлено: 9" in text and "&lt;odd&gt;: 1" in text and "1 min 01 s" in text


async def test_a_refused_broadcast_is_audited_and_creates_nothing(database: Database) -> None:
    [reply] = await prepare_broadcast(database.sessions, ACTOR, "<i>broken")
    assert "Telegram would refuse" in reply.messages[0]
    async with database.sessions() as session:
        entries = await recent_audit(session, 50)
    assert any(e.action == "broadcast.prepare" and "broken" in e.detail for e in entries)
