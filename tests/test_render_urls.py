"""Which URLs may become links."""

from __future__ import annotations

import pytest

from bot.render.urls import MAX_URL_CHARS, safe_url


@pytest.mark.parametrize(
    "url",
    ["https://example.kz/a?b=1&c=2", "http://тест.қаз/жаңалық", "tg://resolve?domain=bot",
     "HTTPS://EXAMPLE.KZ"],
)
def test_http_https_and_tg_urls_with_a_host_are_linkable(url: str) -> None:
    assert safe_url(url) == url


def test_surrounding_spaces_are_trimmed() -> None:
    assert safe_url("  https://example.kz/x \n") == "https://example.kz/x"


@pytest.mark.parametrize(
    "url",
    [None, "", "   ", "javascript:alert(1)", "ftp://example.kz/f", "file:///etc/passwd",
     "http://", "https://[::1", "example.kz/no-scheme", "https://exa mple.kz",
     "https://example.kz/\x00", "https://example.kz/\ud800", "data:text/html,hi",
     "https://example.kz/" + "a" * MAX_URL_CHARS],
)
def test_other_schemes_broken_or_huge_urls_are_not_linkable(url: str | None) -> None:
    assert safe_url(url) is None
