"""Whatever a user points `ingest` at yields articles or a clear reason, file by file."""

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digests.sources.files import (
    MAX_ARTICLE_FILE_BYTES,
    ParseError,
    is_supported,
    parse_document,
    parse_file,
)

SAMPLES = Path(__file__).parent / "samples"
ALMATY = ZoneInfo("Asia/Almaty")


def parse_sample(name: str):  # type: ignore[no-untyped-def]
    return parse_document(name, (SAMPLES / name).read_bytes(), tz=ALMATY)


@pytest.mark.parametrize(
    ("name", "encoding", "figure"),
    [
        ("kk_utf8.txt", "utf-8", "600 орындық"),
        ("kk_utf8_bom.txt", "utf-8", "650 орындық"),
        ("kk_utf16.txt", "utf-16-le", "700 орындық"),
        ("kk_kz1048.txt", "kz1048", "800 орындық"),
        ("ru_cp1251.txt", "cp1251", "7 км"),
        ("ru_koi8r.txt", "koi8-r", "9 км"),
        ("ru_utf16be.txt", "utf-16-be", "11 км"),
    ],
)
def test_encoded_samples_read_the_same_article(name: str, encoding: str, figure: str) -> None:
    parsed = parse_sample(name)
    assert parsed.encoding == encoding
    [article] = parsed.articles
    assert figure in article.body
    assert article.title in (
        "Ақсуда жаңа мектеп ашылды",
        "В Павлодаре запустили новую линию трамвая",
    )
    assert "соңғы жаңалықтар" not in article.body and "Читайте также" not in article.body


def test_broken_html_still_gives_its_main_text() -> None:
    [article] = parse_sample("broken.html").articles
    assert article.title == "Алматыда қар жауды"
    assert "кептеліс" in article.body
    assert "Басты бет" not in article.body


def test_markdown_front_matter_gives_metadata_and_markup_is_gone() -> None:
    [article] = parse_sample("article.md").articles
    assert article.title == "Astana opens a river tram line"
    assert article.url == "https://example.org/news/river-tram?utm_source=tg"
    assert "**" not in article.body and "](" not in article.body
    assert "six stops along the embankment" in article.body


def test_json_lines_keep_good_records_and_report_bad_ones() -> None:
    parsed = parse_sample("feed_export.jsonl")
    assert [a.title for a in parsed.articles] == [
        "Шымкентте жаңа саябақ ашылды",
        "Kostanay farmers finish sowing",
    ]
    assert [f.where for f in parsed.failures] == ["line 2", "line 4"]


@pytest.mark.parametrize(("name", "reason"), [("empty.txt", "empty"), ("binary.txt", "binary")])
def test_empty_and_binary_files_are_refused(name: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_sample(name)


def test_oversized_single_article_file_is_refused_before_decoding() -> None:
    data = ("Сөз " * (MAX_ARTICLE_FILE_BYTES // 4 + 10)).encode("utf-8")
    with pytest.raises(ParseError, match="too large"):
        parse_document("huge.txt", data)


def test_twenty_megabyte_json_lines_collection_is_read_whole() -> None:
    line = '{"title": "Жаңалық %d", "text": "Мәтін %d. ' + "Қосымша сөйлем. " * 80 + '"}\n'
    data = "".join(line % (i, i) for i in range(13_000)).encode("utf-8")
    assert len(data) > 20 * 2**20
    parsed = parse_document("big.jsonl", data)
    assert len(parsed.articles) == 13_000 and not parsed.failures


def test_unsupported_extension_names_what_is_accepted() -> None:
    assert not is_supported("photo.jpg")
    with pytest.raises(ParseError, match=r"unsupported file type \.jpg.*\.txt"):
        parse_document("photo.jpg", b"\xff\xd8\xff")


def test_json_object_with_raw_pasted_text_is_parsed_like_a_text_file() -> None:
    data = '{"raw": "Тақырып\\n\\n01.01.2026\\n\\nМәтін осында."}'.encode()
    article = parse_file("one.json", data, tz=ALMATY)
    assert (article.title, article.body) == ("Тақырып", "Мәтін осында.")
