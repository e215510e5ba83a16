"""`/quote`: by a speaker in any script, else by words; paged; empty answers explained."""

from usecase_support import fill_store, make_reader

from bot.query_tokens import QueryTokens
from bot.render.callbacks import decode
from bot.usecases.quotes import quotes
from storage.engine import Database


async def test_a_russian_spelling_finds_the_kazakh_speaker(database: Database) -> None:
    await fill_store(database, 3)
    reader = await make_reader(database, "ru")
    reply = await quotes(database.sessions, reader, QueryTokens(), "Бекмухамбетов")
    text = "\n".join(reply.messages)
    assert text.count("<blockquote>") == 3
    assert "— <i>Әсет Бекмұхамбетов</i>" in text


async def test_words_of_the_quote_find_it_when_no_speaker_matches(database: Database) -> None:
    await fill_store(database, 2)
    reader = await make_reader(database)
    reply = await quotes(database.sessions, reader, QueryTokens(), "уақытында")
    assert "<blockquote>Мектептер уақытында салынды</blockquote>" in reply.messages[0]


async def test_more_button_carries_a_token_for_the_query(database: Database) -> None:
    await fill_store(database, 7)
    reader = await make_reader(database)
    tokens = QueryTokens()
    reply = await quotes(database.sessions, reader, tokens, "Бекмұхамбетов")
    [[more]] = reply.buttons
    assert more.callback_data is not None
    decoded = decode(more.callback_data)
    assert decoded is not None
    action, (offset, token) = decoded
    assert (action, offset) == ("mq", 5)
    assert tokens.query_for(str(token)) == "Бекмұхамбетов"
    second = await quotes(database.sessions, reader, tokens, "Бекмұхамбетов", offset=5)
    assert "\n".join(second.messages).count("<blockquote>") == 2


async def test_nobody_and_nothing_are_explained(database: Database) -> None:
    reader = await make_reader(database)
    assert (await quotes(database.sessions, reader, QueryTokens())).messages == [
        "No quotes stored yet."
    ]
    await fill_store(database, 1)
    reply = await quotes(database.sessions, reader, QueryTokens(), "<script>")
    assert "&lt;script&gt;" in reply.messages[0]
