"""Every request is checked against api.json and refused with 400 the way Telegram does."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from harness import Telegram
from harness.spec import SpecError, load_spec

pytest_plugins = ("harness.fixtures",)


async def _call(telegram: Telegram, method: str, **payload: Any) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(f"{telegram.base_url}{telegram.token}/{method}", json=payload)


async def test_method_names_match_case_insensitively(telegram_api: Telegram) -> None:
    answer = await _call(telegram_api, "GETME")
    assert answer.json()["result"]["is_bot"] is True


async def test_an_unknown_method_is_not_found_and_counted(telegram_api: Telegram) -> None:
    answer = await _call(telegram_api, "sendMessages")
    assert answer.status_code == 404
    assert answer.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert [v.kind for v in telegram_api.spec_violations] == ["spec"]


@pytest.mark.parametrize(
    ("payload", "complaint"),
    [
        ({"text": "hi"}, 'parameter "chat_id" is required'),
        ({"chat_id": 1, "text": "hi", "colour": "red"}, 'unknown parameter "colour"'),
        ({"chat_id": 1, "text": 5}, "text must be String"),
        ({"chat_id": 1.5, "text": "hi"}, "chat_id must be Integer or String"),
        ({"chat_id": 1, "text": "hi", "disable_notification": "yes"}, "must be Boolean"),
        (
            {
                "chat_id": 1,
                "text": "hi",
                "reply_markup": {"inline_keyboard": [[{"text": "a", "data": "x"}]]},
            },
            'unknown field "data" in InlineKeyboardButton',
        ),
        (
            {"chat_id": 1, "text": "hi", "reply_markup": {"inline_keyboard": "a"}},
            "must be Array of Array of InlineKeyboardButton",
        ),
    ],
)
async def test_malformed_requests_get_400_bad_request(
    telegram_api: Telegram, payload: dict[str, Any], complaint: str
) -> None:
    telegram_api.user(user_id=1)
    answer = await _call(telegram_api, "sendMessage", **payload)
    body = answer.json()
    assert answer.status_code == 400 and body["error_code"] == 400
    assert body["description"].startswith("Bad Request: ")
    assert complaint in body["description"]
    assert len(telegram_api.spec_violations) == 1


async def test_form_strings_are_read_by_declared_type(telegram_api: Telegram) -> None:
    reader = telegram_api.user()
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            f"{telegram_api.base_url}{telegram_api.token}/sendMessage",
            data={
                "chat_id": str(reader.id),
                "text": "123",
                "disable_notification": "true",
                "reply_markup": '{"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}',
            },
        )
    assert answer.status_code == 200, answer.text
    assert answer.json()["result"]["text"] == "123"
    assert reader.messages()[0].callback_data == ["b"]
    assert telegram_api.violations == []


def test_unions_pick_the_subtype_by_its_type_tag() -> None:
    spec = load_spec()
    method = spec.method("setMyCommands")
    assert method is not None
    commands = [{"command": "a", "description": "b"}]
    ok = {"commands": commands, "scope": {"type": "chat", "chat_id": 5}}
    assert spec.decode(method, ok, from_form=False)["scope"]["chat_id"] == 5
    with pytest.raises(SpecError, match='field "chat_id" is required'):
        spec.decode(method, {"commands": commands, "scope": {"type": "chat"}}, from_form=False)
    with pytest.raises(SpecError, match='unsupported BotCommandScope type "room"'):
        spec.decode(method, {"commands": commands, "scope": {"type": "room"}}, from_form=False)


def test_inline_results_are_checked_recursively() -> None:
    spec = load_spec()
    method = spec.method("answerInlineQuery")
    assert method is not None
    article = {
        "type": "article",
        "id": "1",
        "title": "t",
        "input_message_content": {"message_text": "x", "parse_mode": "HTML"},
    }
    spec.decode(method, {"inline_query_id": "1", "results": [article]}, from_form=False)
    broken = {**article, "input_message_content": {"text": "x"}}
    with pytest.raises(SpecError):
        spec.decode(method, {"inline_query_id": "1", "results": [broken]}, from_form=False)
