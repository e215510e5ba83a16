"""Methods that put messages into chats or change them: the bot's visible output."""

from __future__ import annotations

from typing import Any

from .calls import Call, bad_request, check_markup, method, render, target_chat
from .html_check import MAX_CAPTION, MAX_TEXT
from .spec import UploadedFile
from .state import StoredMessage

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _bot_message(call: Call, chat_id: int, **fields: Any) -> StoredMessage:
    state = call.state
    message = StoredMessage(
        chat_id=chat_id,
        message_id=state.new_message_id(chat_id),
        date=call.date,
        from_bot=True,
        sender=state.bot_user,
        **fields,
    )
    return state.store(message)


@method("sendMessage")
async def send_message(call: Call) -> dict[str, Any]:
    params = call.params
    chat = target_chat(call)
    parse_mode = params.get("parse_mode")
    text, entities = render(params["text"], parse_mode, limit=MAX_TEXT)
    markup = check_markup(params.get("reply_markup"))
    message = _bot_message(
        call,
        chat.id,
        text=text,
        html=params["text"],
        parse_mode=parse_mode,
        entities=params.get("entities") or entities,
        reply_markup=markup,
    )
    return call.state.message_json(message)


def _editable(call: Call) -> StoredMessage:
    params = call.params
    if "inline_message_id" in params:
        raise bad_request("MESSAGE_ID_INVALID")
    if "chat_id" not in params or "message_id" not in params:
        raise bad_request("message identifier is not specified", kind="spec")
    chat = target_chat(call)
    message = call.state.message(chat.id, params["message_id"])
    if message is None or message.deleted:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


def _apply_edit(call: Call, message: StoredMessage, **changes: Any) -> dict[str, Any]:
    with call.state.lock:
        current = {name: getattr(message, name) for name in changes}
        if current == changes:
            raise bad_request(NOT_MODIFIED)
        for name, value in changes.items():
            setattr(message, name, value)
        message.edit_date = call.date
        message.edits.append({"method": call.method, "at": call.wall, **changes})
        return call.state.message_json(message)


@method("editMessageText")
async def edit_message_text(call: Call) -> dict[str, Any]:
    if "text" not in call.params:
        raise bad_request("text is not specified", kind="spec")
    message = _editable(call)
    parse_mode = call.params.get("parse_mode")
    text, entities = render(call.params["text"], parse_mode, limit=MAX_TEXT)
    return _apply_edit(
        call,
        message,
        text=text,
        html=call.params["text"],
        entities=call.params.get("entities") or entities,
        reply_markup=check_markup(call.params.get("reply_markup")),
    )


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(call: Call) -> dict[str, Any]:
    message = _editable(call)
    markup = check_markup(call.params.get("reply_markup"))
    return _apply_edit(call, message, reply_markup=markup)


@method("editMessageCaption")
async def edit_message_caption(call: Call) -> dict[str, Any]:
    message = _editable(call)
    caption, entities = render(
        call.params.get("caption", ""),
        call.params.get("parse_mode"),
        limit=MAX_CAPTION,
        what="caption",
    )
    markup = check_markup(call.params.get("reply_markup"))
    return _apply_edit(call, message, caption=caption, entities=entities, reply_markup=markup)


@method("deleteMessage")
async def delete_message(call: Call) -> bool:
    chat = target_chat(call)
    message = call.state.message(chat.id, call.params["message_id"])
    if message is None or message.deleted:
        raise bad_request("message to delete not found")
    message.deleted = True
    return True


@method("deleteMessages")
async def delete_messages(call: Call) -> bool:
    chat = target_chat(call)
    for message_id in call.params["message_ids"]:
        message = call.state.message(chat.id, message_id)
        if message is not None:
            message.deleted = True
    return True


def _source(call: Call, what: str) -> StoredMessage:
    source_chat = call.state.chat(call.params["from_chat_id"])
    if source_chat is None:
        raise bad_request("chat not found")
    message = call.state.message(source_chat.id, call.params["message_id"])
    if message is None or message.deleted:
        raise bad_request(f"message to {what} not found")
    return message


@method("forwardMessage")
async def forward_message(call: Call) -> dict[str, Any]:
    source = _source(call, "forward")
    chat = target_chat(call)
    origin = {"type": "user", "sender_user": source.sender or {}, "date": source.date}
    message = _bot_message(
        call,
        chat.id,
        text=source.text,
        html=source.html,
        entities=list(source.entities),
        caption=source.caption,
        media={**source.media, "forward_origin": origin},
    )
    return call.state.message_json(message)


@method("copyMessage")
async def copy_message(call: Call) -> dict[str, Any]:
    source = _source(call, "copy")
    chat = target_chat(call)
    caption, entities = _caption(call, source.caption, list(source.entities))
    message = _bot_message(
        call,
        chat.id,
        text=source.text,
        html=source.html,
        entities=entities,
        caption=caption,
        media=dict(source.media),
        reply_markup=check_markup(call.params.get("reply_markup")),
    )
    return {"message_id": message.message_id}


def _caption(
    call: Call, caption: str | None, entities: list[dict[str, Any]]
) -> tuple[str | None, list[dict[str, Any]]]:
    """The request's caption parsed and checked, else the given one."""
    if "caption" not in call.params:
        return caption, entities
    return render(
        call.params["caption"], call.params.get("parse_mode"), limit=MAX_CAPTION, what="caption"
    )


def _media(call: Call, field: str, folder: str) -> dict[str, Any]:
    value = call.params[field]
    state = call.state
    if isinstance(value, UploadedFile):
        record = state.add_file(value.data, value.filename, value.content_type, folder)
    elif isinstance(value, str) and value in state.files:
        record = state.files[value]
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        record = state.add_file(b"", value.rsplit("/", 1)[-1], "application/octet-stream", folder)
    else:
        raise bad_request("wrong file identifier/HTTP URL specified")
    described = {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": len(record.data),
    }
    if field == "photo":
        return {"photo": [{**described, "width": 800, "height": 600}]}
    return {field: {**described, "file_name": record.file_name, "mime_type": record.mime_type}}


async def _send_media(call: Call, field: str, folder: str) -> dict[str, Any]:
    chat = target_chat(call)
    caption, entities = _caption(call, None, [])
    message = _bot_message(
        call,
        chat.id,
        caption=caption,
        html=call.params.get("caption"),
        entities=entities,
        media=_media(call, field, folder),
        reply_markup=check_markup(call.params.get("reply_markup")),
    )
    return call.state.message_json(message)


@method("sendDocument")
async def send_document(call: Call) -> dict[str, Any]:
    return await _send_media(call, "document", "documents")


@method("sendPhoto")
async def send_photo(call: Call) -> dict[str, Any]:
    return await _send_media(call, "photo", "photos")


@method("sendChatAction")
async def send_chat_action(call: Call) -> bool:
    target_chat(call)
    return True
