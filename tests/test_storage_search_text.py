"""Folding and query parsing: the same words at index time and at query time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.search_text import (
    MAX_INDEXED_CHARS,
    MAX_QUERY_TERMS,
    Term,
    clean_text,
    fts5_match,
    parse_query,
    shadow_text,
    tsquery,
    word_forms,
    words,
)


def test_kazakh_letters_fold_to_russian_neighbours_in_any_case() -> None:
    assert words("ҚАЗАҚСТАН Қазақстан қазақстан") == ["казакстан"] * 3
    assert words("Әлем Өскемен Ұлытау Үкімет Һ Ғалым Іле Ң") == [
        "алем", "оскемен", "улытау", "укимет", "х", "галым", "иле", "н",
    ]


def test_yo_folds_but_short_i_stays() -> None:
    assert words("Ёлка ещё мой") == ["елка", "еще", "мой"]
    assert words("мои") != words("мой")


def test_latin_lookalikes_inside_cyrillic_words_become_cyrillic() -> None:
    assert words("бiлiм") == words("білім") == ["билим"]
    assert words("Kазақ") == ["казак"]
    assert words("Əлем") == ["алем"]
    assert words("internet") == ["internet"]


def test_latin_diacritics_and_combining_marks_are_dropped() -> None:
    assert words("Café naïve e\u0301") == ["cafe", "naive", "e"]


def test_punctuation_and_underscores_separate_words() -> None:
    assert words("«Таза-Қазақстан» x_y, 2025ж.") == ["таза", "казакстан", "x", "y", "2025ж"]


def test_shadow_text_keeps_title_and_body_apart_and_is_capped() -> None:
    assert shadow_text("Жаңа Заң", "Парламент қабылдады.") == "жана зан\nпарламент кабылдады"
    huge = shadow_text("Тақырып", "сөз " * 100_000)
    assert len(huge) <= MAX_INDEXED_CHARS and huge.endswith("соз")


def test_query_words_are_folded_deduplicated_and_limited() -> None:
    assert parse_query("Қазақстан казакстан ҚАЗАҚСТАН") == [Term("казакстан", prefix=True)]
    assert len(parse_query(" ".join(f"сөз{i}" for i in range(50)))) == MAX_QUERY_TERMS


def test_a_star_after_three_letters_makes_a_prefix() -> None:
    assert parse_query("мек* м* су") == [Term("мек", prefix=True), Term("м"), Term("су")]


def test_long_words_match_their_forms() -> None:
    assert word_forms("токаев") == Term("токаев", prefix=True)  # Тоқаевтың, Тоқаевқа
    assert word_forms("астана") == Term("астан", prefix=True)  # Астанада, Астане
    assert word_forms("мектеп") == Term("мектеп", prefix=True, variants=("мектеб",))
    assert word_forms("журек") == Term("журек", prefix=True, variants=("журег",))
    assert word_forms("нефть") == Term("нефть", prefix=True)  # "нефт*" would match too much
    assert word_forms("жол") == Term("жол")  # short words stay exact
    assert word_forms("20255") == Term("20255")  # numbers too


def test_expressions_quote_every_word() -> None:
    terms = [Term("токаев"), Term("мек", prefix=True), Term("мектеп", True, ("мектеб",))]
    assert fts5_match(terms) == '"токаев" AND "мек"* AND ("мектеп"* OR "мектеб"*)'
    assert tsquery(terms) == "'токаев' & 'мек':* & ('мектеп':* | 'мектеб':*)"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=[])))
def test_query_terms_are_only_letters_and_digits(query: str) -> None:
    for term in parse_query(query):
        assert term.word and all(c.isalnum() for c in term.word)


def test_clean_text_removes_what_databases_and_markers_cannot_hold() -> None:
    assert clean_text("a\x00b\x02c\x03d\ud800e") == "abcd\ufffde"
