"""`/settings`: one message with an inline keyboard that edits itself in place."""

from __future__ import annotations

from datetime import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import LANGUAGES
from bot.render.callbacks import encode
from bot.replies import Button, Reply
from bot.usecases.reader import Reader
from storage.subscribers import ChatPreferences, update_chat

NEWS_LANGUAGE_LABELS = {"kk": "KK", "ru": "RU", "en": "EN"}


def settings_reply(reader: Reader, prefs: ChatPreferences, *, edit: bool = False) -> Reply:
    tr = reader.tr
    if prefs.mode == "instant":
        delivery = tr("settings.instant")
    else:
        delivery = tr(
            "settings.daily_at", time=prefs.digest_time.strftime("%H:%M"), zone=prefs.timezone
        )
    languages = ", ".join(code.upper() for code in prefs.languages) or tr("settings.all_languages")
    lines = [
        tr("settings.title"),
        tr("settings.status", value=tr("settings.on" if prefs.active else "settings.off")),
        tr("settings.delivery", value=delivery),
        tr("settings.languages", value=languages),
        tr("settings.include", value=", ".join(prefs.include_keywords) or tr("settings.none")),
        tr("settings.exclude", value=", ".join(prefs.exclude_keywords) or tr("settings.none")),
        "",
        tr("settings.hint"),
    ]
    toggle = "button.unsubscribe" if prefs.active else "button.subscribe"
    mode_button = (
        Button(tr("button.mode_daily"), encode("st", "daily"))
        if prefs.mode == "instant"
        else Button(tr("button.mode_instant"), encode("st", "instant"))
    )
    rows = [
        [Button(tr(toggle), encode("st", "off" if prefs.active else "on")), mode_button],
        [
            Button(tr("button.earlier"), encode("st", "earlier")),
            Button(tr("button.later"), encode("st", "later")),
        ],
        [
            Button(
                ("✓ " if code in prefs.languages else "") + NEWS_LANGUAGE_LABELS[code],
                encode("st", "lang", code),
            )
            for code in LANGUAGES
        ],
        [Button(tr("button.clear_filters"), encode("st", "clear"))],
    ]
    return Reply(["\n".join(lines)], rows, edit=edit)


async def show_settings(sessions: async_sessionmaker[AsyncSession], reader: Reader) -> Reply:
    return settings_reply(reader, reader.prefs)


def _shifted(value: time, hours: int) -> time:
    return value.replace(hour=(value.hour + hours) % 24)


async def apply_setting(
    sessions: async_sessionmaker[AsyncSession], reader: Reader, args: list[str]
) -> Reply | None:
    """A settings button pressed; None when its data is not one we make (forged or stale)."""
    prefs = reader.prefs
    change: dict[str, object]
    match args:
        case ["on"]:
            change = {"active": True}
        case ["off"]:
            change = {"active": False}
        case ["daily"] | ["instant"]:
            change = {"mode": args[0], "active": True}
        case ["earlier"]:
            change = {"digest_time": _shifted(prefs.digest_time, -1), "mode": "daily"}
        case ["later"]:
            change = {"digest_time": _shifted(prefs.digest_time, 1), "mode": "daily"}
        case ["lang", code] if code in LANGUAGES:
            chosen = set(prefs.languages) ^ {code}
            change = {"languages": [c for c in LANGUAGES if c in chosen]}
        case ["clear"]:
            change = {"include_keywords": [], "exclude_keywords": []}
        case _:
            return None
    async with sessions() as session:
        updated = await update_chat(session, reader.chat_id, **change)
    return settings_reply(reader, updated, edit=True)
