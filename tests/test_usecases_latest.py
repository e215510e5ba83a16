"""`/latest [N]`: the newest items, a "more" button while there are more, junk explained."""

import pytest
from usecase_support import fill_store, make_reader

from bot.render.callbacks import decode
from bot.usecases.latest import DEFAULT_COUNT, latest, latest_page, parse_count
from storage.engine import Database


@pytest.mark.parametrize(
    ("argument", "count"),
    [
        ("", DEFAULT_COUNT),
        ("3", 3),
        ("20", 20),
        ("0", None),
        ("21", None),
        ("abc", None),
        ("99999", None),
        ("-1", None),
        ("٣", 3),
        ("2.5", None),
    ],
)
def test_count_argument(argument: str, count: int | None) -> None:
    assert parse_count(argument) == count


async def test_latest_lists_newest_first_with_a_more_button(database: Database) -> None:
    await fill_store(database, 8)
    reader = await make_reader(database)
    reply = await latest(database.sessions, reader, "3")
    text = "\n".join(reply.messages)
    assert text.index("Жаңа мектеп 8") < text.index("Жаңа мектеп 7") < text.index("Жаңа мектеп 6")
    assert "Жаңа мектеп 5" not in text
    [[more]] = reply.buttons
    assert more.callback_data is not None and decode(more.callback_data) == ("ml", (3, 3))


async def test_last_page_has_no_more_button(database: Database) -> None:
    await fill_store(database, 4)
    reader = await make_reader(database)
    reply = await latest_page(database.sessions, reader, offset=3, count=3)
    assert "Жаңа мектеп 1" in reply.messages[0] and reply.buttons == []


async def test_empty_store_and_junk_get_a_line_in_the_readers_language(database: Database) -> None:
    reader = await make_reader(database, "ru")
    assert (await latest(database.sessions, reader)).messages == ["Новостей пока нет."]
    junk = await latest(database.sessions, reader, "abc")
    assert junk.messages[0].startswith("/latest принимает число от 1 до 20")
