"""The only code that speaks SQL: engine, tables, queries, search, migrations.

Entry points (each returns plain dataclasses from storage.records, never ORM objects):
- storage.engine.open_database(url) -> Database(engine, sessions): connects, checks the
  server, and migrates an empty or outdated schema; `await database.close()` at the end.
- storage.articles: save_articles (batched, deduplicated), latest_articles, count_articles,
  get_article.
- storage.quotes.find_quotes: by speaker key and/or words.
- storage.search.search_articles: full text over title and body; snippet markers are
  storage.search_text.HIGHLIGHT_START / HIGHLIGHT_END.
"""
