"""The README's commands as a newcomer runs them: real processes, a fresh store each time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def digestbot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    environment.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'data' / 'digestbot.db'}",
        SEEDS_DIR=str(REPO / "seeds"),
        COLUMNS="200",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_offline_run_ingests_seeds_and_prints_the_digest(tmp_path: Path) -> None:
    result = digestbot(tmp_path, "run")
    assert result.returncode == 0, result.stderr
    assert "ingested 1 / duplicates 0 / failed 0" in result.stdout
    assert "Тоқаев: Алматы БҰҰ қолдауымен" in result.stdout
    assert "05.12.2025" in result.stdout
    assert "Қасым-Жомарт Тоқаев" in result.stdout
    assert "search 'Тоқаев': 1 match" in result.stdout
    assert (tmp_path / "data" / "digestbot.db").exists()


def test_second_offline_run_reports_the_seed_as_duplicate(tmp_path: Path) -> None:
    digestbot(tmp_path, "run")
    again = digestbot(tmp_path, "run")
    assert again.returncode == 0
    assert "ingested 0 / duplicates 1 / failed 0" in again.stdout
    assert "Тоқаев: Алматы БҰҰ қолдауымен" in again.stdout


def test_unreachable_bot_api_is_one_clear_line_without_the_token(tmp_path: Path) -> None:
    result = digestbot(
        tmp_path,
        "run",
        BOT_TOKEN=TOKEN,
        BOT_API_BASE_URL="http://127.0.0.1:9/bot",
        LOG_LEVEL="ERROR",
    )
    assert result.returncode == 1
    assert TOKEN not in result.stdout + result.stderr
    assert "digestbot: cannot reach the Bot API at http://127.0.0.1:9/bot" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"), [("DEFAULT_TIMEZONE", "Nowhere/City"), ("BOT_TOKEN", "12:short")]
)
def test_bad_setting_stops_with_one_line_naming_it(
    tmp_path: Path, variable: str, value: str
) -> None:
    result = digestbot(tmp_path, "run", **{variable: value})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert variable in result.stderr
    assert not (tmp_path / "data").exists()


def test_ingest_reports_counts_and_exits_nonzero_only_when_nothing_went_in(tmp_path: Path) -> None:
    good = digestbot(tmp_path, "ingest", str(REPO / "tests" / "samples"))
    assert good.returncode == 0, good.stderr
    assert "ingested 11 / duplicates 0 / failed 4" in good.stderr
    bad = digestbot(tmp_path, "ingest", str(REPO / "tests" / "samples" / "empty.txt"))
    assert bad.returncode == 1
    assert "empty.txt: empty file" in bad.stderr
