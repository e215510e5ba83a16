"""Telegram and the command line: wiring of digests/ and storage/."""
