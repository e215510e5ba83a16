"""`Telegram`: the one object an end-to-end test holds — the emulated Bot API, the chats,
the readers, the fault plan, the request log, and the waits that read the bot's output.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from .api_bot import member_json
from .faults import Faults
from .log import RequestLog, Violation
from .reader import Reader, command_entities
from .server import DEFAULT_TOKEN, Server
from .state import ChatRecord, State, StoredMessage

T = TypeVar("T")


class Telegram:
    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        seed: int = 0,
        parallel_polls_conflict: bool = True,
    ) -> None:
        self.state = State(token)
        self.faults = Faults(seed)
        self.log = RequestLog()
        self.server = Server(
            self.state, self.faults, self.log, parallel_polls_conflict=parallel_polls_conflict
        )
        self._cursors: dict[int, int] = {}

    # -- lifecycle and addresses ----------------------------------------------------------

    def start(self) -> Telegram:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def __enter__(self) -> Telegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def base_url(self) -> str:
        """PTB's base_url: the token and `/<method>` are appended to it."""
        return f"http://{self.server.host}:{self.server.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.server.host}:{self.server.port}/file/bot"

    def bot_env(self, **extra: str) -> dict[str, str]:
        """Environment for the bot subprocess: this process's, pointed at the emulator."""
        return {
            **os.environ,
            "BOT_TOKEN": self.token,
            "BOT_API_BASE_URL": self.base_url,
            "BOT_API_FILE_URL": self.base_file_url,
            **extra,
        }

    # -- people and chats -----------------------------------------------------------------

    def user(
        self,
        first_name: str = "Reader",
        *,
        language_code: str | None = "en",
        username: str | None = None,
        user_id: int | None = None,
    ) -> Reader:
        user: dict[str, Any] = {
            "id": user_id or 1_000_000 + self.state.next_id(),
            "is_bot": False,
            "first_name": first_name,
        }
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return Reader(self, user)

    def group(
        self,
        title: str = "News group",
        *,
        supergroup: bool = True,
        admins: tuple[Reader, ...] = (),
        bot_is_admin: bool = False,
    ) -> ChatRecord:
        number = self.state.next_id()
        chat = ChatRecord(
            id=-(1_000_000_000_000 + number) if supergroup else -number,
            type="supergroup" if supergroup else "group",
            title=title,
            admins={reader.id for reader in admins},
            bot_status="administrator" if bot_is_admin else "member",
        )
        return self.state.add_chat(chat)

    def channel(self, title: str = "News channel", *, username: str | None = None) -> ChatRecord:
        number = self.state.next_id()
        chat = ChatRecord(
            id=-(1_000_000_000_000 + number),
            type="channel",
            title=title,
            username=username,
            bot_status="administrator",
        )
        return self.state.add_chat(chat)

    def channel_post(self, channel: ChatRecord, text: str) -> StoredMessage:
        message = StoredMessage(
            chat_id=channel.id,
            message_id=self.state.new_message_id(channel.id),
            date=int(time.time()),
            from_bot=False,
            sender=None,
            text=text,
            entities=command_entities(text),
        )
        self.state.store(message)
        self.state.push_update("channel_post", self.state.message_json(message))
        return message

    def member_update(self, chat: ChatRecord, by: Reader, *, old: str, new: str) -> dict[str, Any]:
        """my_chat_member: the bot's own status in `chat` changed from `old` to `new`."""
        bot = self.state.bot_user
        chat.bot_status = new if chat.type != "private" else chat.bot_status

        payload = {
            "chat": chat.to_json(),
            "from": by.user,
            "date": int(time.time()),
            "old_chat_member": member_json(bot, old),
            "new_chat_member": member_json(bot, new),
        }
        return self.state.push_update("my_chat_member", payload)

    def bot_added(self, chat: ChatRecord, by: Reader, *, admin: bool = False) -> dict[str, Any]:
        return self.member_update(chat, by, old="left", new="administrator" if admin else "member")

    def bot_removed(self, chat: ChatRecord, by: Reader) -> dict[str, Any]:
        return self.member_update(chat, by, old=chat.bot_status, new="kicked")

    # -- reading the bot's output ---------------------------------------------------------

    def sent(self, chat_id: int) -> list[StoredMessage]:
        """Every message the bot sent to a chat, oldest first (deleted ones flagged)."""
        return self.state.chat_messages(chat_id)

    async def wait_for(
        self, predicate: Callable[[], T | None], timeout: float = 5.0, interval: float = 0.01
    ) -> T:
        """Poll `predicate` until it returns something truthy; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(f"nothing after {timeout} s")
            await asyncio.sleep(interval)

    async def next_message(self, chat_id: int, timeout: float = 5.0) -> StoredMessage:
        """The next bot message in `chat_id` after the last one this helper returned."""
        seen = self._cursors.get(chat_id, 0)

        def newer() -> StoredMessage | None:
            return next((m for m in self.sent(chat_id) if m.message_id > seen), None)

        message = await self.wait_for(newer, timeout)
        self._cursors[chat_id] = message.message_id
        return message

    async def wait_edit(self, message: StoredMessage, timeout: float = 5.0) -> StoredMessage:
        """Wait until the bot edits `message` once more than it had when called."""
        before = len(message.edits)
        return await self.wait_for(
            lambda: message if len(message.edits) > before else None, timeout
        )

    def inline_answer(self, query_id: str) -> dict[str, Any] | None:
        record = self.state.inline.get(query_id)
        return record.answer if record else None

    def commands(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[str]:
        """Command names set with setMyCommands for a language and scope."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return [c["command"] for c in self.state.commands.get(key, [])]

    @property
    def violations(self) -> list[Violation]:
        """Requests Telegram would refuse for the bot's own fault; a clean run has none."""
        return list(self.log.violations)

    @property
    def spec_violations(self) -> list[Violation]:
        return [v for v in self.log.violations if v.kind == "spec"]
