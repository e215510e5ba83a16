"""Bytes in every encoding Kazakh and Russian newsrooms still use decode to the same text."""

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.sources.encoding import UndecodableError, decode_text

KAZAKH = (
    "Әкім Қасқырбаев ұлттық өнімнің өсуі туралы айтты: «Біз іркілмейміз». "
    "Ғимарат биік, өзен ағыны ңғ."
)
RUSSIAN = (
    "Аким заявил, что съезд пройдет в среду. «Мы не остановимся», — подчеркнул он. Ёлка, щи, эхо."
)
ENGLISH = "The minister said the bridge would open in May."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (KAZAKH, "utf-8"),
        (KAZAKH, "utf-8-sig"),
        (KAZAKH, "utf-16"),
        (KAZAKH, "utf-16-le"),
        (KAZAKH, "utf-16-be"),
        (KAZAKH, "utf-32"),
        (KAZAKH, "kz1048"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN.replace("«", '"').replace("»", '"').replace("—", "-"), "koi8-r"),
        (RUSSIAN, "utf-16-le"),
        (ENGLISH, "utf-8"),
    ],
)
def test_text_survives_its_encoding(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)).text == text


def test_cp1251_is_not_mistaken_for_koi8() -> None:
    assert decode_text(RUSSIAN.encode("cp1251")).encoding == "cp1251"


def test_koi8_is_not_mistaken_for_cp1251() -> None:
    assert decode_text("Правительство утвердило бюджет".encode("koi8-r")).encoding == "koi8-r"


def test_kazakh_single_byte_page_is_read_as_kz1048() -> None:
    assert decode_text(KAZAKH.encode("kz1048")).encoding == "kz1048"


def test_windows_line_endings_become_newlines() -> None:
    assert decode_text(b"one\r\ntwo\rthree").text == "one\ntwo\nthree"


@pytest.mark.parametrize("data", [b"", b"  \n\t ", bytes(range(256)) * 4, b"\x00\x01\x02" * 100])
def test_empty_or_binary_input_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(UndecodableError) as info:
        decode_text(data)
    assert str(info.value)


@given(st.text(min_size=1, max_size=300))
def test_any_utf8_text_round_trips(text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        decoded = decode_text(data)
    except UndecodableError:
        return  # blank or control-heavy text is refused, never mangled
    if not text.startswith(codecs.BOM_UTF8.decode()):
        assert decoded.text == text.replace("\r\n", "\n").replace("\r", "\n")
