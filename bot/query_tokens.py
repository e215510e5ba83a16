"""Short tokens for long queries, so a "more" button fits Telegram's 64-byte callback data.

Kept in memory with a bound: a token lost to a restart or to eviction makes the button say it
is out of date, which is the honest answer.
"""

from __future__ import annotations

from collections import OrderedDict

from bot.render.callbacks import short_token


class QueryTokens:
    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._queries: OrderedDict[str, str] = OrderedDict()

    def token_for(self, query: str) -> str:
        token = short_token(query)
        self._queries[token] = query
        self._queries.move_to_end(token)
        while len(self._queries) > self._capacity:
            self._queries.popitem(last=False)
        return token

    def query_for(self, token: str) -> str | None:
        return self._queries.get(token)
