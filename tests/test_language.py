"""Language detection: the three product languages, Latin Kazakh, and everything else."""

from __future__ import annotations

import time

import pytest

from digests.language import (
    article_language,
    detect_language,
    kazakh_letter_share,
    latin_kazakh_share,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ауыл шаруашылығы министрі көктемгі егіске дайындық туралы баяндады.", "kk"),
        ("Бул туралы хабарлады облыс акимдигинин баспасоз кызмети.", "kk"),
        ("Министр сельского хозяйства рассказал о подготовке к посевной.", "ru"),
        ("The agriculture minister spoke about preparations for the sowing season.", "en"),
        ("Qazaqstan Prezidenti Toqaev jańa zańǵa qol qoıdy.", "kk"),
        ("Prezident Toqaev myndettedi", "kk"),
        ("Mınıstr jylý tarıfi týraly aıtty.", "kk"),
        ("Bugin Astanada jana mektep ashyldy, dep habarlaidy.", "kk"),
        ("Bugün Ankara'da yeni bir okul açıldı ve öğrenciler derslere başladı.", "other"),
        ("Der Minister hat heute eine neue Schule in der Stadt eröffnet.", "other"),
        ("", "other"),
        ("2024 — 15:30", "other"),
    ],
)
def test_detects(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_russian_sentence_naming_kazakh_places_stays_russian() -> None:
    text = "Фестиваль «Көкорай» прошёл в Сарыбеле, на него приехали гости из Шалқарбела."
    assert detect_language(text) == "ru"


def test_letter_shares_separate_the_scripts() -> None:
    assert kazakh_letter_share("Біз жұмысты жалғастырамыз") > 0.5
    assert kazakh_letter_share("Мы продолжим работу") == 0.0
    assert latin_kazakh_share("Biz jumysty jalǵastyramyz") > 0.5
    assert latin_kazakh_share("We will continue the work") < 0.2


def test_article_language_uses_title_and_body() -> None:
    body = "Сарыбел қаласында жаңа саябақ ашылды.\n\nОған мыңдаған тұрғын келді."
    assert article_language("Жаңа саябақ", body) == "kk"


def test_is_fast_once_loaded() -> None:
    sentence = "Энергетика министрі жылыту маусымына дайындық барысы туралы баяндады."
    detect_language(sentence)
    started = time.perf_counter()
    for _ in range(200):
        detect_language(sentence)
    assert (time.perf_counter() - started) / 200 < 0.002
