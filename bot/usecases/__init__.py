"""What a reader can ask for, as plain async functions returning a `Reply`.

Handlers parse the update and call one of these; tests and the CLI call them directly.
"""
