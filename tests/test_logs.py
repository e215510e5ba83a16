"""A Bot API token never reaches a log line, not even inside a traceback."""

import logging

import pytest

from bot.logs import REDACTED, TokenRedactingFilter, redact

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_url_with_token_is_redacted() -> None:
    line = redact(f"POST https://api.telegram.org/bot{TOKEN}/getUpdates")
    assert TOKEN not in line and REDACTED in line


def test_log_records_and_tracebacks_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    logger.addFilter(TokenRedactingFilter(TOKEN))
    try:
        with caplog.at_level(logging.INFO, logger="test.redaction"):
            logger.info("calling %s", f"https://api.telegram.org/bot{TOKEN}/sendMessage")
            try:
                raise RuntimeError(f"failed on bot{TOKEN}")
            except RuntimeError:
                logger.exception("request failed")
    finally:
        logger.filters.clear()
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert TOKEN not in text
    assert text.count(REDACTED) >= 2
