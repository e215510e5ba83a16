"""Every setting, read once from the environment and `.env`, then passed in (no globals)."""

from __future__ import annotations

import logging
import re
from datetime import time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/digestbot.db"
_TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class SettingsError(Exception):
    """A setting has a bad value; the message names the variable and never shows a secret."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    default_timezone: str = "Asia/Almaty"
    default_digest_time: time = time(9, 0)
    bot_api_base_url: str = "https://api.telegram.org/bot"
    log_level: str = "INFO"
    seeds_dir: str = "seeds"
    flood_limit: int = Field(default=10, ge=0, le=1000)
    reply_cache_seconds: float = Field(default=5.0, ge=0, le=300)
    prefs_cache_seconds: float = Field(default=30.0, ge=0, le=3600)
    feed_poll_seconds: int = Field(default=60, ge=0, le=86_400)
    feed_concurrency: int = Field(default=8, ge=1, le=64)
    outbox_retention_days: float = Field(default=30.0, gt=0, le=3650)
    feed_seen_retention_days: float = Field(default=90.0, gt=0, le=3650)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    digest_max_items: int = Field(default=10, ge=1, le=50)
    # Delivery (bot/delivery): the tick, Telegram's limits, retries, leases, the watchdog.
    delivery_tick_seconds: float = Field(default=60.0, gt=0, le=3600)
    delivery_max_per_second: float = Field(default=30.0, gt=0, le=1000)
    delivery_private_interval_seconds: float = Field(default=1.0, ge=0, le=60)
    delivery_group_per_minute: float = Field(default=20.0, gt=0, le=10_000)
    allow_paid_broadcast: bool = False
    paid_broadcast_per_second: float = Field(default=1000.0, gt=0, le=1000)
    delivery_concurrency: int = Field(default=16, ge=1, le=512)
    delivery_lease_seconds: float = Field(default=60.0, ge=1, le=3600)
    delivery_retry_base_seconds: float = Field(default=2.0, gt=0, le=600)
    delivery_catchup_hours: float = Field(default=6.0, gt=0, le=24)
    delivery_stall_seconds: float = Field(default=300.0, gt=0, le=86_400)

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token_shape(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str) or not _TOKEN_SHAPE.match(value.strip()):
            # The value itself is never echoed: it may be a real token with a typo.
            raise ValueError("does not look like a Bot API token (digits, ':', 20+ characters)")
        return value.strip()

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            try:
                return tuple(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be chat ids (integers) separated by commas") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (try Asia/Almaty)") from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _known_level(cls, value: object) -> object:
        if isinstance(value, str) and value.upper() in _LOG_LEVELS:
            return value.upper()
        raise ValueError(f"must be one of {', '.join(_LOG_LEVELS)}")

    @field_validator("bot_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://api.telegram.org/bot")
        return value

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _https_webhook(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str) or not value.startswith("https://"):
            raise ValueError("must be an https:// URL Telegram can reach")
        return value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret_shape(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value):
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)

    @property
    def log_level_number(self) -> int:
        return logging.getLevelNamesMapping()[self.log_level]


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning a validation failure into one line per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = str(error["loc"][0]).upper() if error["loc"] else "settings"
            reason = str(error["msg"]).removeprefix("Value error, ")
            lines.append(f"{name}: {reason}")
        raise SettingsError("; ".join(lines)) from None
