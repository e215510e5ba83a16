"""Sentence splitting: abbreviations, initials, dates, quotations, and offsets that add up."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digests.sentences import sentence_texts, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Президент Қ.Тоқаев жиынға қатысты. Ол сөз сөйледі.",
            ["Президент Қ.Тоқаев жиынға қатысты.", "Ол сөз сөйледі."],
        ),
        (
            "Жиынға Ә. Смаилов пен Ұ. Бекова, Қ.-Ж. Тоқаев келді. Кездесу ұзаққа созылды.",
            ["Жиынға Ә. Смаилов пен Ұ. Бекова, Қ.-Ж. Тоқаев келді.", "Кездесу ұзаққа созылды."],
        ),
        (
            "Жоба 2024 ж. 15 наурызда басталды. Оған ҚР мен БҰҰ өкілдері келді.",
            ["Жоба 2024 ж. 15 наурызда басталды.", "Оған ҚР мен БҰҰ өкілдері келді."],
        ),
        (
            "Алма, өрік т.б. жемістер сатылды. Бағасы 5 млн. теңге болды.",
            ["Алма, өрік т.б. жемістер сатылды.", "Бағасы 5 млн. теңге болды."],
        ),
        (
            "Көкөніс, жеміс т.с.с. Бәрі қымбаттады.",
            ["Көкөніс, жеміс т.с.с.", "Бәрі қымбаттады."],
        ),
        (
            "В 2023 г. в городе открыли т.н. хаб и т.д. Работы продолжатся.",
            ["В 2023 г. в городе открыли т.н. хаб и т.д.", "Работы продолжатся."],
        ),
        (
            "Mr. Brown met Dr. Lee at the U.S. Embassy. They talked for an hour.",
            ["Mr. Brown met Dr. Lee at the U.S. Embassy.", "They talked for an hour."],
        ),
        (
            "She grew up in the U.S. The family moved to Almaty later.",
            ["She grew up in the U.S.", "The family moved to Almaty later."],
        ),
        (
            "Ол былай деді: «Жұмыс жалғасады. Біз дайынбыз». Кездесу аяқталды.",
            ["Ол былай деді: «Жұмыс жалғасады. Біз дайынбыз».", "Кездесу аяқталды."],
        ),
        (
            "«Жоспар орындалды. Ақша түсті», — делінген хабарламада. Бұл жақсы нәтиже.",
            ["«Жоспар орындалды. Ақша түсті», — делінген хабарламада.", "Бұл жақсы нәтиже."],
        ),
        (
            "Он сказал: „Мы готовы. Всё будет сделано“. Затем он ушёл.",
            ["Он сказал: „Мы готовы. Всё будет сделано“.", "Затем он ушёл."],
        ),
        (
            'He said: "We are ready. We start now." Then he left.',
            ['He said: "We are ready. We start now."', "Then he left."],
        ),
        (
            "“We will build it. It is decided,” she said. Work starts soon.",
            ["“We will build it. It is decided,” she said.", "Work starts soon."],
        ),
        (
            "Бағасы 3.5 пайызға өсті! Неге? Білмейміз... Бірақ өсті.",
            ["Бағасы 3.5 пайызға өсті!", "Неге?", "Білмейміз...", "Бірақ өсті."],
        ),
        (
            "«Қашан?» — деп сұрады ол. Жауап болмады.",
            ["«Қашан?» — деп сұрады ол.", "Жауап болмады."],
        ),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert sentence_texts(text) == expected


def test_line_breaks_always_end_sentences() -> None:
    text = "Бірінші абзац\n\nЕкінші абзац. Тағы бір сөйлем.\nҮшінші жол"
    expected = ["Бірінші абзац", "Екінші абзац.", "Тағы бір сөйлем.", "Үшінші жол"]
    assert sentence_texts(text) == expected


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = "«Бірінші абзацтағы сөз басталды. Ол жалғасады.\n\n«Екінші абзац. Осында бітеді»."
    assert sentence_texts(text)[:2] == ["«Бірінші абзацтағы сөз басталды.", "Ол жалғасады."]


def test_splitting_inside_quotes_on_request() -> None:
    text = "«Жоспар орындалды. Ақша түсті», — делінген хабарламада."
    assert sentence_texts(text) == [text]
    inner = [s.text for s in split_sentences(text, keep_quotes=False)]
    assert inner == ["«Жоспар орындалды.", "Ақша түсті», — делінген хабарламада."]


def test_offsets_point_into_the_text() -> None:
    text = "  Бірінші сөйлем. Екінші сөйлем!\n\n Үшінші?  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


_ALPHABET = "абвқәғңөұүһі ABC xyz .,!?…«»„“”\"'—–-()\n 0123ҚӘЖТ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200), st.booleans())
def test_never_loses_or_reorders_characters(text: str, keep_quotes: bool) -> None:
    sentences = split_sentences(text, keep_quotes=keep_quotes)
    position = 0
    for sentence in sentences:
        assert sentence.start >= position
        assert text[position : sentence.start].strip() == ""
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        position = sentence.end
    assert text[position:].strip() == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
