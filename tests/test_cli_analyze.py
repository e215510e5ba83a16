"""The `analyze` command's JSON contract, through a Typer app holding only that command."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from bot.cli.analyze import analyze_command

app = typer.Typer()
app.command("analyze")(analyze_command)
app.command("noop")(lambda: None)  # two commands keep Typer from collapsing the group
runner = CliRunner()

KEYS = {"id", "lang", "summary", "quotes"}


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_gives_one_object_per_line_and_errors_in_place() -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": "a", "text": "Жаңа мектеп ашылды. Оқушылар қуанды.", "title": "М"}),
            "not json",
            json.dumps({"id": 7}),
            "",
            json.dumps({"id": "b", "text": "A new school opened on Monday in the city."}),
        ]
    )
    result = runner.invoke(app, ["analyze", "--jsonl"], input=stdin)
    assert result.exit_code == 0
    records = _lines(result.output)
    assert [r.get("id") for r in records] == ["a", None, 7, "b"]
    assert set(records[0]) == KEYS and records[0]["lang"] == "kk"
    assert records[0]["summary"] == ["Жаңа мектеп ашылды."]
    assert "error" in records[1] and "error" in records[2]
    assert set(records[3]) == KEYS and records[3]["lang"] == "en"


def test_quotes_have_the_contract_fields() -> None:
    text = "«Біз мектепті уақытында салып бітіреміз», — деді әкім Серік Омаров."
    result = runner.invoke(app, ["analyze", "--jsonl"], input=json.dumps({"id": 1, "text": text}))
    record = _lines(result.output)[0]
    assert isinstance(record["quotes"], list)
    for quote in record["quotes"]:
        assert set(quote) == {"text", "speaker", "speaker_key"}


def test_json_files_and_a_missing_one(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Жаңа мектеп ашылды\n\n05.12.2025, 10:00\n\n"
        "Сарыбел қаласында 600 орындық жаңа мектеп ашылды. Оны салуға екі жыл кетті.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", "--json", str(article), str(tmp_path / "none.txt")])
    records = _lines(result.output)
    assert result.exit_code == 1
    assert set(records[0]) == KEYS and records[0]["lang"] == "kk"
    assert records[0]["summary"][0].startswith("Сарыбел қаласында")  # type: ignore[index]
    assert "error" in records[1]


def test_needs_exactly_one_mode() -> None:
    assert runner.invoke(app, ["analyze"]).exit_code != 0
    assert runner.invoke(app, ["analyze", "--json"]).exit_code != 0
