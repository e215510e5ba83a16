"""Broadcasts and pushes: check the message, show it with its audience, wait for Confirm,
then write one outbox row per subscriber (`bc:<id>`) for the sender to pace."""

from __future__ import annotations

import re
from collections import Counter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import LANGUAGES, translator
from bot.render.callbacks import encode
from bot.render.html import Html
from bot.render.items import render_article
from bot.render.messages import pack_messages
from bot.render.telegram_html import telegram_html_error, visible_length
from bot.replies import Button, Reply
from bot.usecases.admin.access import Actor, audited
from bot.usecases.admin.progress import progress_text
from storage.admin_items import mark_pushed
from storage.articles import get_article
from storage.broadcasts import (
    Audience,
    BroadcastCounts,
    Recipient,
    cancel_broadcast,
    create_broadcast,
    drop_draft,
    get_broadcast,
    newest_running,
    period_key,
    recipients,
    start_broadcast,
)
from storage.deliveries import NewDelivery
from storage.records import StoredArticle

MESSAGE_LIMIT = 4096
_OPTION = re.compile(r"(lang|language|kw|keyword)=(\S+)\s*", re.IGNORECASE)


def parse_options(text: str) -> tuple[Audience, str]:
    """Leading `lang=kk` / `kw=word` options, then the message (`lang=ru <b>Hi</b>`)."""
    language = keyword = None
    rest = text.lstrip()
    while match := _OPTION.match(rest):
        name, value = match.group(1).lower(), match.group(2)
        if name.startswith("lang"):
            language = value.lower()
        else:
            keyword = value
        rest = rest[match.end() :]
    return Audience(language=language, keyword=keyword), rest.strip()


def message_problem(text: str) -> str | None:
    """Why Telegram would refuse this HTML message, or None."""
    if not text.strip():
        return "empty"
    error = telegram_html_error(text)
    if error is not None:
        return error
    length = visible_length(text)
    if length > MESSAGE_LIMIT:
        return f"{length} characters, Telegram allows {MESSAGE_LIMIT}"
    return None


async def prepare_broadcast(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, argument: str
) -> list[Reply]:
    audience, text = parse_options(argument)
    await audited(sessions, actor, "broadcast.prepare", f"{audience.as_json()} {text[:120]!r}")
    if not text:
        return [Reply.text(actor.tr("admin.broadcast_usage"))]
    if audience.language and audience.language not in LANGUAGES:
        return [Reply.text(actor.tr("admin.bad_language", language=audience.language))]
    problem = message_problem(text)
    if problem is not None:
        return [Reply.text(actor.tr("admin.broadcast_refused", reason=problem))]
    async with sessions() as session:
        broadcast_id = await create_broadcast(
            session, admin_id=actor.user_id, admin_chat_id=actor.chat_id, audience=audience,
            text=text,
        )
        people = await recipients(session, audience)
    return [Reply.text(text), _confirmation(actor, broadcast_id, audience, people)]


async def prepare_push(
    sessions: async_sessionmaker[AsyncSession],
    actor: Actor,
    article_id: int,
    audience: Audience,
) -> list[Reply]:
    """A stored item as breaking news: its preview as readers get it, then Confirm."""
    await audited(sessions, actor, "push.prepare", f"#{article_id} {audience.as_json()}")
    async with sessions() as session:
        article = await get_article(session, article_id)
        if article is None:
            return [Reply.text(actor.tr("admin.item_gone"))]
        broadcast_id = await create_broadcast(
            session, admin_id=actor.user_id, admin_chat_id=actor.chat_id, audience=audience,
            article_id=article_id,
        )
        people = await recipients(session, audience)
    shown = _item_messages(article, actor.tr.language, actor.zone)
    return [Reply(shown), _confirmation(actor, broadcast_id, audience, people)]


def _confirmation(
    actor: Actor, broadcast_id: int, audience: Audience, people: list[Recipient]
) -> Reply:
    by_language = Counter(person.language for person in people)
    parts = " / ".join(f"{lang} {by_language[lang]:,}" for lang in sorted(by_language)) or "—"
    lines = [actor.tr("admin.audience", total=f"{len(people):,}", parts=parts)]
    if audience.language or audience.keyword or audience.instant_only:
        described = ", ".join(
            text
            for text in (
                audience.language and f"lang={audience.language}",
                audience.keyword and f"kw={audience.keyword}",
                audience.instant_only and "instant",
            )
            if text
        )
        lines.append(actor.tr("admin.audience_filter", filter=described))
    buttons = [
        [
            Button(actor.tr("admin.button_confirm"), encode("adm.go", broadcast_id)),
            Button(actor.tr("admin.button_cancel"), encode("adm.no", broadcast_id)),
        ]
    ]
    return Reply.text("\n".join(lines), buttons)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _item_messages(article: StoredArticle, language: str, zone: ZoneInfo) -> list[str]:
    header = translator(language)("admin.push_header")
    return pack_messages([Html(render_article(article, zone))], header=header)


async def confirm(
    sessions: async_sessionmaker[AsyncSession],
    actor: Actor,
    broadcast_id: int,
    progress_message_id: int | None,
) -> Reply:
    """Write the outbox rows (once, however often Confirm is pressed); the pressed message
    becomes the progress message."""
    await audited(sessions, actor, "broadcast.confirm", f"#{broadcast_id}")
    async with sessions() as session:
        broadcast = await get_broadcast(session, broadcast_id)
        if broadcast is None or broadcast.status != "draft":
            return Reply([actor.tr("admin.broadcast_not_draft", id=broadcast_id)], edit=True)
        article = None
        if broadcast.article_id is not None:
            article = await get_article(session, broadcast.article_id)
            if article is None:
                return Reply([actor.tr("admin.item_gone")], edit=True)
        people = await recipients(session, broadcast.audience)
    rendered: dict[tuple[str, str], list[str]] = {}
    deliveries = []
    for person in people:
        if article is None:
            messages = [broadcast.text or ""]
        else:
            key = (person.language, person.timezone)
            if key not in rendered:
                rendered[key] = _item_messages(article, person.language, _zone(person.timezone))
            messages = rendered[key]
        key_of = period_key(broadcast_id)
        deliveries.append(NewDelivery(person.subscriber_id, key_of, messages, None))
    async with sessions() as session:
        started = await start_broadcast(session, broadcast_id, progress_message_id, deliveries)
        if started and article is not None:
            await mark_pushed(session, article.id)
    if not started:
        return Reply([actor.tr("admin.broadcast_not_draft", id=broadcast_id)], edit=True)
    waiting = BroadcastCounts(waiting=len(deliveries))
    return Reply([progress_text(actor.tr, broadcast_id, waiting, elapsed=0.0)], edit=True)


async def drop(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, broadcast_id: int
) -> Reply:
    await audited(sessions, actor, "broadcast.drop", f"#{broadcast_id}")
    async with sessions() as session:
        dropped = await drop_draft(session, broadcast_id)
    key = "admin.broadcast_dropped" if dropped else "admin.broadcast_not_draft"
    return Reply([actor.tr(key, id=broadcast_id)], edit=True)


async def cancel_running(
    sessions: async_sessionmaker[AsyncSession], actor: Actor, argument: str
) -> Reply:
    await audited(sessions, actor, "broadcast.cancel", argument[:40])
    async with sessions() as session:
        if argument.strip().lstrip("#").isdecimal():
            broadcast_id: int | None = int(argument.strip().lstrip("#"))
        else:
            broadcast_id = await newest_running(session)
        if broadcast_id is None:
            return Reply.text(actor.tr("admin.nothing_running"))
        stopped = await cancel_broadcast(session, broadcast_id)
    return Reply.text(actor.tr("admin.broadcast_cancelled", id=broadcast_id, count=stopped))
