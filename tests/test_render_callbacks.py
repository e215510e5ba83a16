"""Callback data: compact, at most 64 bytes, round-trips, and junk decodes to None."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_hostile import hostile_text

from bot.render.callbacks import MAX_CALLBACK_BYTES, decode, encode, short_token


def test_actions_and_arguments_are_joined_with_colons() -> None:
    assert encode("more", "latest", 20) == "more:latest:20"
    assert encode("set", "lang", "kk") == "set:lang:kk"
    assert encode("sub", "start") == "sub:start"


def test_decode_gives_back_the_action_and_typed_arguments() -> None:
    assert decode("more:latest:20") == ("more", ("latest", 20))
    assert decode("more:quote:40:тоқаев%3Ax") == ("more", ("quote", 40, "тоқаев:x"))
    assert decode("sub") == ("sub", ())


def test_strings_that_look_like_numbers_stay_strings() -> None:
    data = encode("x", "5", 5, "~", "-0")
    assert data == "x:~5:5:~~:~-0"
    assert decode(data) == ("x", ("5", 5, "~", "-0"))


def test_data_over_64_bytes_is_refused() -> None:
    assert len(encode("more", "q", "ж" * 28 + "a").encode("utf-8")) == 64
    with pytest.raises(ValueError, match="64"):
        encode("more", "q", "ж" * 29)


@pytest.mark.parametrize(
    ("action", "args"),
    [("", ()), ("More", ()), ("a:b", ()), ("x" * 17, ()), ("ok", (True,)), ("ok", (1.5,)),
     ("ok", ("\x00",)), ("ok", ("\ud800",))],
)
def test_malformed_actions_and_arguments_are_refused(action: str, args: tuple[object, ...]) -> None:
    with pytest.raises(ValueError):
        encode(action, *args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [None, 5, b"more:1", "", ":", "More:1", "more:-0", "more:~x", "more:%3a", "more:%zz",
     "more:~", "x" * 65, "more:" + "ж" * 40, "more:\x00"],
)
def test_junk_or_forged_data_decodes_to_none(data: object) -> None:
    assert decode(data) is None


def test_short_token_is_stable_compact_and_fits_in_data() -> None:
    query = "Қазақстан экономикасы " * 20
    token = short_token(query)
    assert token == short_token(query)
    assert len(token) == 8
    assert token != short_token(query + "!")
    assert decode(encode("more", "search", 120, token)) == ("more", ("search", 120, token))


actions = st.from_regex(r"[a-z][a-z0-9_.-]{0,15}", fullmatch=True)
arguments = st.one_of(st.integers(-(10**12), 10**12), hostile_text, st.text(max_size=10))


@settings(max_examples=200, deadline=None)
@given(actions, st.lists(arguments, max_size=5))
def test_encoded_data_fits_64_bytes_and_round_trips(action: str, args: list[str | int]) -> None:
    try:
        data = encode(action, *args)
    except ValueError:
        return
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
    assert decode(data) == (action, tuple(args))


@settings(max_examples=200, deadline=None)
@given(st.one_of(hostile_text, st.text(alphabet="ab:~%3A25-0 ", max_size=20)))
def test_junk_never_raises_and_decodes_only_to_what_encodes_back(data: str) -> None:
    decoded = decode(data)
    if decoded is not None:
        assert encode(decoded[0], *decoded[1]) == data
