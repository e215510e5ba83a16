"""Logging set-up that never lets a Bot API token reach a log line.

Telegram libraries log request URLs, and the token is part of every URL
(`https://api.telegram.org/bot<TOKEN>/getUpdates`), so redaction happens on every record.
"""

from __future__ import annotations

import logging
import re

_TOKEN_PATTERN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")
REDACTED = "<BOT_TOKEN>"


def redact(text: str, token: str | None = None) -> str:
    if token:
        text = text.replace(token, REDACTED)
    return _TOKEN_PATTERN.sub(REDACTED, text)


class TokenRedactingFilter(logging.Filter):
    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self._token)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(
                logging.Formatter().formatException(record.exc_info), self._token
            )
            record.exc_info = None
        return True


def configure_logging(level: int, token: str | None = None) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(TokenRedactingFilter(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL and alembic every migration step at INFO: noise to a reader.
    for chatty in ("httpx", "alembic"):
        logging.getLogger(chatty).setLevel(max(level, logging.WARNING))
