"""The only code that speaks SQL: engine, tables, queries, search, migrations."""
