"""`/search`: matches highlighted, long or empty queries explained, paging by token."""

from usecase_support import fill_store, make_reader

from bot.query_tokens import QueryTokens
from bot.usecases.search import MAX_QUERY, search
from storage.engine import Database


async def test_matches_are_bold_and_paged(database: Database) -> None:
    await fill_store(database, 7)
    reader = await make_reader(database)
    reply = await search(database.sessions, reader, QueryTokens(), "МЕКТЕП")
    text = "\n".join(reply.messages)
    assert "<b>мектеп</b>" in text.lower()
    assert len(reply.buttons) == 1


async def test_empty_long_and_unmatched_queries_get_a_line(database: Database) -> None:
    await fill_store(database, 1)
    reader = await make_reader(database, "kk")
    tokens = QueryTokens()
    assert "Не іздеу" in (await search(database.sessions, reader, tokens, "  ")).messages[0]
    too_long = await search(database.sessions, reader, tokens, "а" * (MAX_QUERY + 1))
    assert str(MAX_QUERY) in too_long.messages[0]
    nothing = await search(database.sessions, reader, tokens, 'NEAR("x" AND ]')
    assert "табылмады" in nothing.messages[0]
