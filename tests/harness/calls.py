"""What a method handler gets and how it refuses: shared by every `api_*` module.

A refusal carries Telegram's error code and description; `kind` marks refusals a correct
bot never provokes (bad shape, bad HTML, over a limit) so they land in the violation list.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from .html_check import HtmlError, visible_text
from .state import ChatRecord, State

MAX_CALLBACK_DATA = 64


class ApiError(Exception):
    def __init__(
        self,
        code: int,
        description: str,
        parameters: dict[str, Any] | None = None,
        *,
        kind: str | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters
        self.kind = kind


def bad_request(description: str, *, kind: str | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {description}", kind=kind)


@dataclass
class Call:
    state: State
    method: str
    params: dict[str, Any]
    wall: float = field(default_factory=time.time)

    @property
    def date(self) -> int:
        """Message dates are whole Unix seconds, as PTB expects."""
        return int(self.wall)


Handler = Callable[[Call], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def method(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler under Telegram's (case-insensitive) method names."""

    def register(handler: Handler) -> Handler:
        for name in names:
            HANDLERS[name.lower()] = handler
        return handler

    return register


def target_chat(call: Call, key: str = "chat_id") -> ChatRecord:
    """The chat a request writes to, refused the way Telegram refuses it."""
    chat = call.state.chat(call.params[key])
    if chat is None:
        raise bad_request("chat not found")
    if chat.migrated_to is not None:
        raise ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrated_to},
        )
    if chat.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    if chat.deactivated:
        raise ApiError(403, "Forbidden: user is deactivated")
    if chat.bot_status == "kicked":
        kind = "channel" if chat.type == "channel" else f"{chat.type} chat"
        if chat.type == "channel":
            raise ApiError(403, "Forbidden: bot is not a member of the channel chat")
        raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")
    if chat.bot_status == "left":
        raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")
    return chat


def render(
    text: str, parse_mode: str | None, *, limit: int, what: str = "text"
) -> tuple[str, list[dict[str, Any]]]:
    """Text as Telegram stores it, or the 400 it answers for bad HTML, empty or too long."""
    try:
        plain, entities = visible_text(text, parse_mode)
    except HtmlError as exc:
        raise bad_request(str(exc), kind="html") from None
    if not plain and what == "text":
        raise bad_request("message text is empty", kind="content")
    if len(plain) > limit:
        message = "message is too long" if what == "text" else "message caption is too long"
        raise bad_request(message, kind="content")
    return plain, entities


def check_markup(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """Inline keyboards: callback_data must be 1-64 bytes."""
    if not markup:
        return markup
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 0 < len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID", kind="content")
            if not button.get("text"):
                raise bad_request("BUTTON_TEXT_INVALID", kind="content")
    return markup
