"""Settings: defaults that run offline, one clear line per bad value, the token never shown."""

from datetime import time

import pytest

from bot.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in (
        "BOT_TOKEN",
        "DATABASE_URL",
        "ADMIN_IDS",
        "DEFAULT_TIMEZONE",
        "DEFAULT_DIGEST_TIME",
        "BOT_API_BASE_URL",
        "LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_need_no_configuration() -> None:
    settings = load_settings()
    assert settings.bot_token is None
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.default_timezone == "Asia/Almaty"
    assert settings.default_digest_time == time(9, 0)
    assert settings.bot_api_base_url == "https://api.telegram.org/bot"


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("ADMIN_IDS", "11, 22 33")
    monkeypatch.setenv("DEFAULT_DIGEST_TIME", "07:30")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.bot_token is not None and settings.bot_token.get_secret_value() == TOKEN
    assert settings.admin_ids == (11, 22, 33)
    assert settings.default_digest_time == time(7, 30)
    assert settings.log_level == "DEBUG"


def test_values_come_from_a_dotenv_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".env").write_text("DEFAULT_TIMEZONE=Europe/Moscow\n", encoding="utf-8")
    assert load_settings().default_timezone == "Europe/Moscow"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEFAULT_TIMEZONE", "Mars/Olympus", "DEFAULT_TIMEZONE: unknown time zone"),
        ("ADMIN_IDS", "12,abc", "ADMIN_IDS: must be chat ids"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: must start with"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL: must be one of"),
        ("DEFAULT_DIGEST_TIME", "25:61", "DEFAULT_DIGEST_TIME:"),
        ("BOT_API_BASE_URL", "api.telegram.org", "BOT_API_BASE_URL: must be an http(s) URL"),
    ],
)
def test_a_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_a_malformed_token_is_refused_without_echoing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    almost = TOKEN[:-3] + " x"
    monkeypatch.setenv("BOT_TOKEN", almost)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert str(info.value).startswith("BOT_TOKEN:")
    assert "AAHdqTcv" not in str(info.value)


def test_the_token_never_shows_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    settings = load_settings()
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())
