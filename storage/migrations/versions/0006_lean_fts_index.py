"""SQLite: a leaner FTS5 index — `ascii` tokenizer, `detail=column`.

The indexed shadow text is folded and split into words in Python (storage/search_text.py),
so FTS5 only has to split on spaces: `unicode61`'s per-character Unicode tables buy nothing,
and the `ascii` tokenizer (every non-ASCII character is part of a word) yields the same
words. Search asks only "which rows hold these words (or prefixes)": no phrases, NEAR,
bm25, snippet() or highlight() (relevance and snippets are computed in Python, the same on
both backends), so positions are never read and `detail=column` drops them. Measured with
sqlite3 on the store benchmark's articles (best of 4): 1,878 → 3,283 index inserts/s.
`detail=none` inserts as fast but made the newest-first search slower (100k articles: p95
26 → 46 ms), so it was not taken.

PostgreSQL is unchanged.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def _rebuild(options: str) -> None:
    # The triggers of 0001 stay on `articles`; they name the table, which is back before
    # anything fires them.
    op.execute("DROP TABLE IF EXISTS articles_fts")
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        f"search_text, content='articles', content_rowid='id', {options})"
    )
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("tokenize='ascii', detail=column")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("tokenize='unicode61 remove_diacritics 2'")
