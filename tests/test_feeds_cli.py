"""`digestbot feeds ...` as an admin runs it, and the pure schedule rules behind polling."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.feeds.policy import FeedPolicy, backoff_s, effective_interval_s, jittered, staggered_start

OPML = """<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head/><body>
<outline text="Қазақстан"><outline type="rss" text="Жаңалықтар" xmlUrl="http://127.0.0.1:9/kk"/>
<outline type="rss" text="Лента" xmlUrl="http://127.0.0.1:9/ru"/></outline></body></opml>"""


def feeds(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    environment.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'digestbot.db'}", COLUMNS="200",
        LOG_LEVEL="ERROR", NO_PROXY="127.0.0.1",
    )
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "feeds", *args],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120,
    )


def test_add_import_list_pause_poll_export_remove(tmp_path: Path) -> None:
    added = feeds(tmp_path, "add", "http://127.0.0.1:9/rss", "--name", "Ақпарат")
    assert "added feed 1" in added.stdout
    again = feeds(tmp_path, "add", "http://127.0.0.1:9/rss")
    assert again.returncode == 1 and "already added" in again.stderr
    assert feeds(tmp_path, "add", "not a url").returncode == 1
    (tmp_path / "subs.opml").write_text(OPML, encoding="utf-8")
    assert "added 2 feeds, 0 already present" in feeds(tmp_path, "import", "subs.opml").stdout
    assert "already present" in feeds(tmp_path, "import", "subs.opml").stdout
    assert "paused feed 1" in feeds(tmp_path, "pause", "Ақпарат").stdout
    polled = feeds(tmp_path, "poll", "--all")
    assert "polled 2 feeds" in polled.stdout and "2 failed" in polled.stdout
    assert "cannot connect" in polled.stderr
    listing = feeds(tmp_path, "list").stdout
    assert "paused" in listing and "Жаңалықтар" in listing and "cannot connect" in listing
    exported = feeds(tmp_path, "export").stdout
    assert 'xmlUrl="http://127.0.0.1:9/kk"' in exported and "Қазақстан" in exported
    assert "removed feed 1" in feeds(tmp_path, "remove", "1").stdout
    assert feeds(tmp_path, "remove", "1").returncode == 1


def test_schedule_rules() -> None:
    policy = FeedPolicy()
    assert effective_interval_s(600, None, policy) == 600
    assert effective_interval_s(600, 3600, policy) == 3600
    assert effective_interval_s(600, 60, policy) == 600
    assert effective_interval_s(600, 10**6, policy) == policy.max_ttl_s
    assert [backoff_s(600, n, policy) for n in (1, 2, 3)] == [600, 1200, 2400]
    assert backoff_s(600, 50, policy) == 24 * 3600
    now = datetime(2025, 12, 1, tzinfo=UTC)
    times = {jittered(now, 600, source, policy) for source in range(20)}
    assert len(times) > 10
    assert all(timedelta(seconds=540) <= t - now <= timedelta(seconds=660) for t in times)
    starts = [staggered_start(now, i, 4, 600) for i in range(4)]
    assert [int((s - now).total_seconds()) for s in starts] == [0, 150, 300, 450]
