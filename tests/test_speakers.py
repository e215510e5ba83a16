"""One key per person across case forms and scripts; names shown in the nominative."""

from __future__ import annotations

import pytest

from digests.speakers import display_name, speaker_key, strip_case
from digests.transliteration import latin_skeleton


@pytest.mark.parametrize(
    "form",
    [
        "Қасым-Жомарт Тоқаев",
        "Тоқаевтың",
        "Тоқаевқа",
        "Тоқаевпен",
        "Токаев",
        "Tokayev",
        "Toqaev",
        "Tokaev",
        "Токаева",
        "Токаеву",
    ],
)
def test_every_form_of_tokayev_shares_one_key(form: str) -> None:
    assert speaker_key(form) == speaker_key("Тоқаев")


def test_kazakh_latin_and_russian_spellings_meet() -> None:
    assert speaker_key("Erlan Tileýbaev") == speaker_key("Ерлан Тилеубаев")
    assert speaker_key("Nurbol Akhmetov") == speaker_key("Нұрбол Ахметов")
    assert speaker_key("Assem Serikbayeva") == speaker_key("Әсем Серікбаева")


def test_patronymic_surnames_strip_their_case() -> None:
    assert speaker_key("Нұрланұлының") == speaker_key("Дәулет Нұрланұлы")


def test_different_people_keep_different_keys() -> None:
    assert speaker_key("Асқар Жұмабеков") != speaker_key("Гүлнар Омарова")


def test_strip_case_leaves_ordinary_words_alone() -> None:
    assert strip_case("министрдің") == "министрдің"
    assert strip_case("Омарованың") == "Омарова"
    assert strip_case("Омарова") == "Омарова"


def test_display_name_is_nominative() -> None:
    assert display_name("Ерлан Тілеубаевтың") == "Ерлан Тілеубаев"
    assert display_name("Асель Жунусовой") == "Асель Жунусова"


def test_organisation_key_is_its_words() -> None:
    assert speaker_key("баспасөз қызметі") == "baspasoz kzmeti"


def test_latin_skeleton_folds_kazakh_letters() -> None:
    assert latin_skeleton("Жақыпов") == latin_skeleton("Zhakypov") == latin_skeleton("Jaqypov")


def test_an_english_title_in_front_of_a_name_is_left_out_of_the_display_name() -> None:
    assert display_name("Finance Minister Dana Omarova") == "Dana Omarova"
    assert display_name("Prime Minister Olzhas Bektenov") == "Olzhas Bektenov"
    assert display_name("Minister Omarova") == "Minister Omarova"  # no full name to keep
    assert display_name("Dana Omarova") == "Dana Omarova"
