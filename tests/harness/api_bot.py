"""Methods about the bot itself, its chats and the queries it answers."""

from __future__ import annotations

import json
import re
from typing import Any

from .calls import Call, bad_request, check_markup, method, render, target_chat
from .html_check import MAX_TEXT
from .state import ChatRecord, QueryRecord

MAX_INLINE_RESULTS = 50
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


@method("getMe")
async def get_me(call: Call) -> dict[str, Any]:
    return call.state.bot_user


@method("logOut", "close", "setMyName", "setMyDescription", "setMyShortDescription")
async def plain_true(call: Call) -> bool:
    return True


# -- webhooks -----------------------------------------------------------------------------


@method("setWebhook")
async def set_webhook(call: Call) -> bool:
    with call.state.lock:
        call.state.webhook = dict(call.params)
        if call.params.get("drop_pending_updates"):
            call.state.updates.clear()
        call.state.set_allowed_updates(call.params.get("allowed_updates"))
    return True


@method("deleteWebhook")
async def delete_webhook(call: Call) -> bool:
    with call.state.lock:
        call.state.webhook = {}
        if call.params.get("drop_pending_updates"):
            call.state.updates.clear()
    return True


@method("getWebhookInfo")
async def get_webhook_info(call: Call) -> dict[str, Any]:
    with call.state.lock:
        info: dict[str, Any] = {
            "url": call.state.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(call.state.updates),
        }
        if "allowed_updates" in call.state.webhook:
            info["allowed_updates"] = call.state.webhook["allowed_updates"]
    return info


# -- commands and menu --------------------------------------------------------------------


def _commands_key(call: Call) -> tuple[str, str]:
    scope = call.params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), call.params.get("language_code", "")


@method("setMyCommands")
async def set_my_commands(call: Call) -> bool:
    commands = call.params["commands"]
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH", kind="content")
    for command in commands:
        if not _COMMAND.fullmatch(command["command"]):
            raise bad_request("BOT_COMMAND_INVALID", kind="content")
        if not 1 <= len(command["description"]) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID", kind="content")
    with call.state.lock:
        call.state.commands[_commands_key(call)] = list(commands)
    return True


@method("getMyCommands")
async def get_my_commands(call: Call) -> list[dict[str, Any]]:
    with call.state.lock:
        return list(call.state.commands.get(_commands_key(call), []))


@method("deleteMyCommands")
async def delete_my_commands(call: Call) -> bool:
    with call.state.lock:
        call.state.commands.pop(_commands_key(call), None)
    return True


@method("setChatMenuButton")
async def set_chat_menu_button(call: Call) -> bool:
    with call.state.lock:
        button = call.params.get("menu_button") or {"type": "default"}
        call.state.menu_buttons[call.params.get("chat_id")] = button
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(call: Call) -> dict[str, Any]:
    with call.state.lock:
        return call.state.menu_buttons.get(call.params.get("chat_id"), {"type": "commands"})


# -- chats --------------------------------------------------------------------------------


@method("getChat")
async def get_chat(call: Call) -> dict[str, Any]:
    chat = _known_chat(call)
    return {
        **chat.to_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


def _known_chat(call: Call) -> ChatRecord:
    chat = call.state.chat(call.params["chat_id"])
    if chat is None:
        raise bad_request("chat not found")
    return chat


def member_json(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember of the subtype `status` names, with every field it requires."""
    body: dict[str, Any] = {"status": status, "user": user}
    if status == "administrator":
        body.update(dict.fromkeys(_ADMIN_RIGHTS, True), can_be_edited=False, is_anonymous=False)
    elif status == "kicked":
        body["until_date"] = 0
    elif status == "creator":
        body["is_anonymous"] = False
    return body


def _member(call: Call, chat: ChatRecord, user_id: int) -> dict[str, Any]:
    state = call.state
    if user_id == state.bot_id:
        return member_json(state.bot_user, chat.bot_status)
    user = state.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return member_json(user, "administrator" if user_id in chat.admins else "member")


@method("getChatMember")
async def get_chat_member(call: Call) -> dict[str, Any]:
    return _member(call, _known_chat(call), call.params["user_id"])


@method("getChatAdministrators")
async def get_chat_administrators(call: Call) -> list[dict[str, Any]]:
    chat = _known_chat(call)
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    admins = [_member(call, chat, user_id) for user_id in sorted(chat.admins)]
    if chat.bot_status == "administrator":
        admins.append(_member(call, chat, call.state.bot_id))
    return admins


@method("getChatMemberCount")
async def get_chat_member_count(call: Call) -> int:
    chat = _known_chat(call)
    return 2 if chat.type == "private" else len(chat.admins) + 10


@method("leaveChat")
async def leave_chat(call: Call) -> bool:
    chat = target_chat(call)
    chat.bot_status = "left"
    return True


# -- queries ------------------------------------------------------------------------------


def _keep_answer(call: Call, queries: dict[str, QueryRecord], query_id: str) -> bool:
    """A query is answered once; a second answer, or an unknown id, is "too old"."""
    with call.state.lock:
        query = queries.get(query_id)
        if query is None or query.answers:
            raise bad_request(QUERY_TOO_OLD)
        query.answers.append(dict(call.params))
    return True


@method("answerCallbackQuery")
async def answer_callback_query(call: Call) -> bool:
    return _keep_answer(call, call.state.callbacks, call.params["callback_query_id"])


@method("answerInlineQuery")
async def answer_inline_query(call: Call) -> bool:
    results = call.params["results"]
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH", kind="content")
    seen: set[str] = set()
    for result in results:
        if not 0 < len(result["id"].encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID", kind="content")
        if result["id"] in seen:
            raise bad_request("RESULT_ID_DUPLICATE", kind="content")
        seen.add(result["id"])
        check_markup(result.get("reply_markup"))
        content = result.get("input_message_content") or {}
        if "message_text" in content:
            render(content["message_text"], content.get("parse_mode"), limit=MAX_TEXT)
    return _keep_answer(call, call.state.inline, call.params["inline_query_id"])


# -- files --------------------------------------------------------------------------------


@method("getFile")
async def get_file(call: Call) -> dict[str, Any]:
    record = call.state.files.get(call.params["file_id"])
    if record is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": len(record.data),
        "file_path": record.file_path,
    }
