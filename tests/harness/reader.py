"""A person on the other side of the bot: types commands, presses buttons, asks inline.

Every action becomes the update Telegram would deliver (same fields, same ids), queued for
the bot's next getUpdates. Waiting for the bot's answers is on the emulator (`Telegram`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .state import ChatRecord, QueryRecord, StoredMessage

if TYPE_CHECKING:
    from .emulator import Telegram


def command_entities(text: str) -> list[dict[str, Any]]:
    """A leading `/word` (with an optional @bot suffix) is a bot_command entity."""
    if not text.startswith("/"):
        return []
    word = text.split(maxsplit=1)[0] if text.strip() else text
    return [{"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2}]


class Reader:
    def __init__(self, telegram: Telegram, user: dict[str, Any]) -> None:
        self.telegram = telegram
        self.user = user
        self.chat: ChatRecord = telegram.state.add_user(user)

    @property
    def id(self) -> int:
        return int(self.user["id"])

    # -- messages -------------------------------------------------------------------------

    def _message(self, chat: ChatRecord | None, **content: Any) -> StoredMessage:
        chat = chat or self.chat
        state = self.telegram.state
        message = StoredMessage(
            chat_id=chat.id,
            message_id=state.new_message_id(chat.id),
            date=int(time.time()),
            from_bot=False,
            sender=self.user,
            **content,
        )
        state.store(message)
        state.push_update("message", state.message_json(message))
        return message

    def send(self, text: str, *, chat: ChatRecord | None = None) -> StoredMessage:
        """A text message or a command, in the private chat unless another chat is given."""
        return self._message(chat, text=text, entities=command_entities(text))

    def send_document(
        self,
        data: bytes,
        file_name: str,
        *,
        mime_type: str = "text/plain",
        caption: str | None = None,
        chat: ChatRecord | None = None,
    ) -> StoredMessage:
        record = self.telegram.state.add_file(data, file_name, mime_type, "documents")
        document = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(data),
        }
        return self._message(chat, caption=caption, media={"document": document})

    # -- buttons and inline mode ----------------------------------------------------------

    def press(self, message: StoredMessage, data: str | None = None) -> QueryRecord:
        """Press a callback button of a bot message (the only one, or the one with `data`)."""
        state = self.telegram.state
        with state.lock:
            current = state.message(message.chat_id, message.message_id)
            if current is None or current.deleted:
                raise LookupError(f"message {message.message_id} is gone")
            choices = current.callback_data
            if data is None and len(choices) == 1:
                data = choices[0]
            if data is None or data not in choices:
                raise LookupError(f"no button with callback_data {data!r}; buttons: {choices}")
            query = QueryRecord(str(state.next_id() + 10**15), self.id, {})
            query.payload = {
                "id": query.id,
                "from": self.user,
                "message": state.message_json(current),
                "chat_instance": str(abs(hash(("instance", current.chat_id)))),
                "data": data,
            }
            state.callbacks[query.id] = query
        state.push_update("callback_query", query.payload)
        return query

    def press_text(self, message: StoredMessage, label: str) -> QueryRecord:
        """Press the button whose label contains `label`."""
        for button in message.buttons:
            if label in button["text"] and "callback_data" in button:
                return self.press(message, button["callback_data"])
        raise LookupError(f"no button labelled {label!r}")

    def inline(self, query: str, offset: str = "", chat_type: str = "sender") -> QueryRecord:
        state = self.telegram.state
        with state.lock:
            record = QueryRecord(str(state.next_id() + 2 * 10**15), self.id, {})
            record.payload = {
                "id": record.id,
                "from": self.user,
                "query": query,
                "offset": offset,
                "chat_type": chat_type,
            }
            state.inline[record.id] = record
        state.push_update("inline_query", record.payload)
        return record

    # -- the reader's relation to the bot -------------------------------------------------

    def block_bot(self) -> dict[str, Any]:
        """The reader blocks the bot: sends now get 403 and the bot hears my_chat_member."""
        self.chat.blocked = True
        return self.telegram.member_update(self.chat, self, old="member", new="kicked")

    def unblock_bot(self) -> dict[str, Any]:
        self.chat.blocked = False
        return self.telegram.member_update(self.chat, self, old="kicked", new="member")

    # -- what the bot sent me -------------------------------------------------------------

    def messages(self) -> list[StoredMessage]:
        return self.telegram.sent(self.chat.id)

    async def next_message(self, timeout: float = 5.0) -> StoredMessage:
        return await self.telegram.next_message(self.chat.id, timeout)

    async def answer(self, query: QueryRecord, timeout: float = 5.0) -> dict[str, Any]:
        """The bot's answerCallbackQuery / answerInlineQuery for this query."""
        return await self.telegram.wait_for(lambda: query.answer, timeout)
