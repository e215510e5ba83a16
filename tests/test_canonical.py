"""Two copies of one article share a canonical URL or a content hash; different ones don't."""

import pytest

from digests.canonical import canonical_url, content_hash


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "https://kaz.example.kz/news/1?utm_source=tg&utm_medium=x",
            "https://kaz.example.kz/news/1",
        ),
        ("http://www.Example.kz:80/news/1/#comments", "https://example.kz/news/1"),
        ("https://example.kz/a?b=2&a=1&fbclid=zz", "https://example.kz/a?a=1&b=2"),
    ],
)
def test_tracking_and_cosmetic_differences_share_one_url(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


def test_meaningful_query_parameters_are_kept() -> None:
    assert canonical_url("https://example.kz/news?id=1") != canonical_url(
        "https://example.kz/news?id=2"
    )


@pytest.mark.parametrize(
    "junk", [None, "", "not a url", "ftp://example.kz/x", "https://", "http://[::1"]
)
def test_junk_is_no_url_rather_than_an_error(junk: str | None) -> None:
    assert canonical_url(junk) is None


def test_spacing_case_and_quote_marks_do_not_change_the_hash() -> None:
    one = content_hash("T", "«Біз дайынбыз», — деді ол.\n\nЕкінші абзац.")
    two = content_hash("Other title", '"БІЗ   дайынбыз," - деді ол. Екінші абзац.')
    assert one == two


def test_a_changed_word_changes_the_hash() -> None:
    assert content_hash("T", "Бюджет 5 млрд") != content_hash("T", "Бюджет 6 млрд")
