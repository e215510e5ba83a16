"""One chat's updates are handled in arrival order; other chats do not wait for it."""

import asyncio

from telegram import Chat, Message, Update

from bot.update_order import PerChatOrder, order_key


def update_in(chat_id: int, update_id: int) -> Update:
    chat = Chat(chat_id, "private")
    return Update(update_id, message=Message(update_id, None, chat, text="/latest"))  # type: ignore[arg-type]


async def test_same_chat_updates_finish_in_order_other_chats_overtake() -> None:
    processor = PerChatOrder(8)
    finished: list[str] = []

    async def work(name: str, delay: float) -> None:
        await asyncio.sleep(delay)
        finished.append(name)

    await asyncio.gather(
        processor.do_process_update(update_in(1, 1), work("a1-slow", 0.2)),
        processor.do_process_update(update_in(1, 2), work("a2-fast", 0.0)),
        processor.do_process_update(update_in(2, 3), work("b1-fast", 0.0)),
    )
    assert finished.index("a1-slow") < finished.index("a2-fast")
    assert finished[0] == "b1-fast"


async def test_locks_are_forgotten_once_a_chat_is_idle() -> None:
    processor = PerChatOrder(8)

    async def nothing() -> None:
        return None

    for update_id in range(100):
        await processor.do_process_update(update_in(update_id, update_id), nothing())
    assert processor._locks == {} and processor._users == {}


def test_updates_without_a_chat_have_no_order_key() -> None:
    assert order_key(object()) is None
    assert order_key(update_in(5, 1)) == 5
