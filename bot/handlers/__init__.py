"""Thin python-telegram-bot handlers: parse the update, call one use-case, send its reply."""
