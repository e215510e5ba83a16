"""What the emulated Telegram knows: users, chats, messages, files, queries, pending updates.

One lock guards it all, because the server runs in its own thread while the test injects
updates and reads messages from another; every method here is short and never awaits.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "my_chat_member",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "chat_join_request",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "purchased_paid_media",
        "chat_boost",
        "removed_chat_boost",
    }
)


@dataclass
class ChatRecord:
    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    admins: set[int] = field(default_factory=set)
    bot_status: str = "member"
    blocked: bool = False
    deactivated: bool = False
    migrated_to: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for name in ("title", "username", "first_name", "last_name"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data


@dataclass
class StoredMessage:
    """A message in a chat; for the bot's own ones the test reads `html` and `edits`."""

    chat_id: int
    message_id: int
    date: int
    from_bot: bool
    sender: dict[str, Any] | None
    text: str | None = None
    html: str | None = None
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    caption: str | None = None
    media: dict[str, Any] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    edit_date: int | None = None
    deleted: bool = False
    sent_at: float = field(default_factory=time.monotonic)

    @property
    def callback_data(self) -> list[str]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    @property
    def buttons(self) -> list[dict[str, Any]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass
class FileRecord:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    file_name: str
    mime_type: str


@dataclass
class QueryRecord:
    """A callback or inline query the test made, and what the bot answered."""

    id: str
    user_id: int
    payload: dict[str, Any]
    answers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def answer(self) -> dict[str, Any] | None:
        return self.answers[-1] if self.answers else None


class State:
    def __init__(self, token: str, *, username: str = "digest_test_bot") -> None:
        self.lock = threading.RLock()
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Digest Test Bot",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.messages: dict[tuple[int, int], StoredMessage] = {}
        self.files: dict[str, FileRecord] = {}
        self.callbacks: dict[str, QueryRecord] = {}
        self.inline: dict[str, QueryRecord] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.webhook: dict[str, Any] = {}
        self.auto_create_chats = False
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATES
        self.updates: list[dict[str, Any]] = []
        self.dropped_updates: list[dict[str, Any]] = []
        self.on_update: Callable[[], None] = lambda: None
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._ids = itertools.count(1)

    # -- people and chats -----------------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    def add_user(self, user: dict[str, Any]) -> ChatRecord:
        """A user and the private chat the bot shares with them (same id, like Telegram)."""
        with self.lock:
            self.users[user["id"]] = user
            return self.chats.setdefault(
                user["id"],
                ChatRecord(
                    user["id"],
                    "private",
                    username=user.get("username"),
                    first_name=user.get("first_name"),
                    last_name=user.get("last_name"),
                ),
            )

    def add_chat(self, chat: ChatRecord) -> ChatRecord:
        with self.lock:
            self.chats[chat.id] = chat
            return chat

    def chat(self, chat_id: int | str) -> ChatRecord | None:
        with self.lock:
            if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
                chat_id = int(chat_id)
            if isinstance(chat_id, str):
                name = chat_id.removeprefix("@")
                return next((c for c in self.chats.values() if c.username == name), None)
            found = self.chats.get(chat_id)
            if found is None and self.auto_create_chats and chat_id > 0:
                found = self.add_user({"id": chat_id, "is_bot": False, "first_name": "Auto"})
            return found

    # -- messages -------------------------------------------------------------------------

    def new_message_id(self, chat_id: int) -> int:
        with self.lock:
            counter = self._message_ids.setdefault(chat_id, itertools.count(1))
            return next(counter)

    def store(self, message: StoredMessage) -> StoredMessage:
        with self.lock:
            self.messages[(message.chat_id, message.message_id)] = message
            return message

    def message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        with self.lock:
            return self.messages.get((chat_id, message_id))

    def chat_messages(self, chat_id: int, *, from_bot: bool = True) -> list[StoredMessage]:
        with self.lock:
            return sorted(
                (
                    m
                    for (cid, _), m in self.messages.items()
                    if cid == chat_id and m.from_bot == from_bot
                ),
                key=lambda m: m.message_id,
            )

    def message_json(self, message: StoredMessage) -> dict[str, Any]:
        chat = self.chats[message.chat_id]
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": chat.to_json(),
        }
        if chat.type == "channel":
            data["sender_chat"] = chat.to_json()
        elif message.sender is not None:
            data["from"] = message.sender
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.text is not None:
            data["text"] = message.text
            if message.entities:
                data["entities"] = message.entities
        data.update(message.media)
        if message.caption is not None:
            data["caption"] = message.caption
            if message.entities:
                data["caption_entities"] = message.entities
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        return data

    # -- updates --------------------------------------------------------------------------

    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update unless the bot's allowed_updates exclude its kind (then dropped)."""
        with self.lock:
            update = {"update_id": next(self._update_ids), kind: payload}
            if kind in self.allowed_updates:
                self.updates.append(update)
            else:
                self.dropped_updates.append(update)
        self.on_update()
        return update

    def pending_updates(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        """getUpdates semantics: an offset confirms every update below it, for good."""
        with self.lock:
            if offset is not None:
                if offset < 0:
                    keep = self.updates[offset:] if -offset < len(self.updates) else self.updates
                    self.updates = list(keep)
                else:
                    self.updates = [u for u in self.updates if u["update_id"] >= offset]
            return list(self.updates[:limit])

    def set_allowed_updates(self, allowed: list[str] | None) -> None:
        if allowed is None:
            return
        with self.lock:
            self.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATES

    # -- files ----------------------------------------------------------------------------

    def add_file(self, data: bytes, file_name: str, mime_type: str, folder: str) -> FileRecord:
        with self.lock:
            number = self.next_id()
            record = FileRecord(
                file_id=f"BQAC-file-{number}",
                file_unique_id=f"AgAD{number}",
                file_path=f"{folder}/file_{number}{_suffix(file_name)}",
                data=data,
                file_name=file_name,
                mime_type=mime_type,
            )
            self.files[record.file_id] = record
            return record

    def file_by_path(self, path: str) -> FileRecord | None:
        with self.lock:
            return next((f for f in self.files.values() if f.file_path == path), None)


def _suffix(file_name: str) -> str:
    return file_name[file_name.rfind(".") :] if "." in file_name else ""
