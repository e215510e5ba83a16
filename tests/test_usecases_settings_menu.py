"""The settings message: every button changes one thing and redraws the same message."""

from datetime import time

from usecase_support import make_reader

from bot.render.callbacks import MAX_CALLBACK_BYTES, decode
from bot.usecases.reader import Reader
from bot.usecases.settings_menu import apply_setting, settings_reply
from storage.engine import Database


def button_args(reader: Reader) -> list[list[str]]:
    reply = settings_reply(reader, reader.prefs)
    found = []
    for row in reply.buttons:
        for button in row:
            assert button.callback_data is not None
            assert len(button.callback_data.encode()) <= MAX_CALLBACK_BYTES
            decoded = decode(button.callback_data)
            assert decoded is not None and decoded[0] == "st"
            found.append([str(a) for a in decoded[1]])
    return found


async def test_every_button_is_understood_and_edits_in_place(database: Database) -> None:
    reader = await make_reader(database)
    for args in button_args(reader):
        reply = await apply_setting(database.sessions, reader, args)
        assert reply is not None and reply.edit, args


async def test_time_buttons_wrap_around_midnight(database: Database) -> None:
    reader = await make_reader(database)
    reply = None
    for _ in range(10):
        reply = await apply_setting(database.sessions, reader, ["earlier"])
        reader = await make_reader(database)
    assert reader.prefs.digest_time == time(23, 0)
    assert reply is not None and "daily at 23:00" in reply.messages[0]


async def test_language_toggles_add_and_remove(database: Database) -> None:
    reader = await make_reader(database)
    await apply_setting(database.sessions, reader, ["lang", "ru"])
    reader = await make_reader(database)
    await apply_setting(database.sessions, reader, ["lang", "kk"])
    reader = await make_reader(database)
    assert reader.prefs.languages == ["kk", "ru"]
    await apply_setting(database.sessions, reader, ["lang", "ru"])
    assert (await make_reader(database)).prefs.languages == ["kk"]


async def test_forged_arguments_change_nothing(database: Database) -> None:
    reader = await make_reader(database)
    for forged in (["lang", "de"], ["admin"], [], ["on", "extra"], ["mode", "x" * 50]):
        assert await apply_setting(database.sessions, reader, forged) is None
    assert (await make_reader(database)).prefs == reader.prefs
