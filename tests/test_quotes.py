"""Direct quotes: every construction of the issue, the negatives, the seed article."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from digests.quotes import extract_quotes

SEED = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def texts_and_speakers(text: str, title: str | None = None) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in extract_quotes(text, title=title)]


def test_kazakh_guillemets_with_dashed_attribution_after() -> None:
    text = "«Көпір жазға дейін салынады», — деді Бақыт Сейілов."
    assert texts_and_speakers(text) == [("Көпір жазға дейін салынады", "Бақыт Сейілов")]


def test_english_quote_with_name_before_the_verb() -> None:
    text = '"We will reopen the school in May," Dana Kerimova said.'
    assert texts_and_speakers(text) == [("We will reopen the school in May", "Dana Kerimova")]


def test_english_quote_with_verb_before_the_name() -> None:
    text = "“The river is still rising,” said Ruslan Abdikov."
    assert texts_and_speakers(text) == [("The river is still rising", "Ruslan Abdikov")]


def test_attribution_before_a_colon() -> None:
    text = "Әкім Серік Байжанов: «Жол күзге дейін жөнделеді»."
    assert texts_and_speakers(text) == [("Жол күзге дейін жөнделеді", "Серік Байжанов")]


def test_english_speaker_said_colon_quote() -> None:
    text = 'Mayor Aliya Nurova said: "Buses will run every ten minutes."'
    assert texts_and_speakers(text) == [("Buses will run every ten minutes.", "Aliya Nurova")]


def test_name_alone_after_the_closing_mark() -> None:
    text = '"Биыл егін мол болады деп күтеміз. Техника дайын". Нұрлан Әбенов'
    assert texts_and_speakers(text) == [
        ("Биыл егін мол болады деп күтеміз. Техника дайын", "Нұрлан Әбенов")
    ]


def test_nested_name_inside_a_quote_does_not_end_it() -> None:
    text = "«Біз «Жасыл қала» жобасын жалғастырамыз», — деді Ержан Қалиев."
    assert texts_and_speakers(text) == [("Біз «Жасыл қала» жобасын жалғастырамыз", "Ержан Қалиев")]


def test_merged_double_opening_mark_starts_at_the_inner_name() -> None:
    text = "«Алтын сақа» байқауы биыл да өтеді», — деді министр."
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert "байқауы биыл да өтеді" in quotes[0].text
    assert quotes[0].start <= 1
    assert quotes[0].text.startswith("Алтын сақа")


def test_merged_closing_mark_is_paired_by_the_attribution() -> None:
    text = "«Бүгін біз «Нұрлы көш» бағдарламасын талқыладық», — деді ол."
    assert [q.text for q in extract_quotes(text)] == [
        "Бүгін біз «Нұрлы көш» бағдарламасын талқыладық"
    ]


def test_interrupted_quote_is_two_quotes_by_one_speaker() -> None:
    text = "«Су тасқыны басылды, — деді Айгүл Омарова. — Бірақ қауіп әлі сейілген жоқ»."
    assert texts_and_speakers(text) == [
        ("Су тасқыны басылды", "Айгүл Омарова"),
        ("Бірақ қауіп әлі сейілген жоқ", "Айгүл Омарова"),
    ]
    assert {q.style for q in extract_quotes(text)} == {"interrupted"}


def test_english_interrupted_quote_in_two_marked_parts() -> None:
    text = '"The dam held," Arman Sadykov said. "We were lucky this year."'
    assert texts_and_speakers(text) == [
        ("The dam held", "Arman Sadykov"),
        ("We were lucky this year.", "Arman Sadykov"),
    ]


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    text = (
        "«Біріншіден, біз жолдарды жөндейміз.\n\n"
        "«Екіншіден, мектептерді жылытамыз.\n\n"
        "«Үшіншіден, саябақ саламыз», — деді Асан Төлеуов."
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].style == "multi-paragraph"
    assert quotes[0].text.startswith("Біріншіден") and quotes[0].text.endswith("саябақ саламыз")
    assert quotes[0].speaker == "Асан Төлеуов"


def test_dash_speech_with_attribution() -> None:
    text = "Кеңесте Бауыржан Сәтбаев сөз алды.\n\n— Біз жұмысты жалғастырамыз, — деді әкім."
    quotes = extract_quotes(text)
    assert [(q.text, q.style) for q in quotes] == [("Біз жұмысты жалғастырамыз", "dash")]


def test_dash_line_without_attribution_is_a_quote() -> None:
    assert [q.text for q in extract_quotes("— Ауылға жаңа дәрігер келді.")] == [
        "Ауылға жаңа дәрігер келді."
    ]


def test_dash_in_the_middle_of_a_sentence_is_not_speech() -> None:
    assert extract_quotes("Қаланың басты мәселесі — кептеліс.") == []


def test_russian_dash_speech_with_pronoun() -> None:
    text = "Тренер Олег Смирнов доволен игрой.\n\n— Команда показала характер, — сказал он."
    assert texts_and_speakers(text) == [("Команда показала характер", "Олег Смирнов")]


def test_kazakh_ol_resolves_to_the_most_recent_person() -> None:
    text = (
        "Кездесуге Марат Ерланов пен Сәуле Ибраева қатысты. Сөзді Ибраева бастады.\n\n"
        "«Келесі жылы кітапхана ашамыз», — деді ол."
    )
    assert texts_and_speakers(text)[0][1] == "Сәуле Ибраева"


def test_english_she_skips_a_more_recent_man() -> None:
    text = (
        "Engineer Gulnara Sadykova led the project. She worked with Daniyar Bekov.\n\n"
        '"The bridge opens next week," she said.'
    )
    assert texts_and_speakers(text)[0][1] == "Gulnara Sadykova"


def test_title_resolves_to_the_person_who_holds_it() -> None:
    text = (
        "Денсаулық сақтау министрі Ләззат Ахметова ауруханаға барды.\n\n"
        "«Жаңа корпус қазанда ашылады», — деді министр."
    )
    assert texts_and_speakers(text)[0][1] == "Ләззат Ахметова"


def test_head_of_state_synonym_resolves_to_the_president() -> None:
    text = (
        "Президент Ерболат Тұрсынов жиында сөйледі. Мемлекет басшысы жастарға сөз берді.\n\n"
        "«Болашақ сіздердің қолдарыңызда», — деді ол."
    )
    assert texts_and_speakers(text)[0][1] == "Ерболат Тұрсынов"


def test_unheld_office_title_stays_the_title() -> None:
    text = "«Бюджет орындалды», — деді Президент."
    assert texts_and_speakers(text) == [("Бюджет орындалды", "Президент")]


def test_surname_alone_resolves_to_the_full_name_seen_before() -> None:
    text = (
        "Ғалым Нұрлан Жақыпов зертханаға жаңа құрал әкелді.\n\n"
        "«Бұл құрал уақытты үнемдейді», — деді Жақыпов."
    )
    assert texts_and_speakers(text)[0][1] == "Нұрлан Жақыпов"


def test_press_office_is_named_by_its_owner() -> None:
    text = (
        "Бұл туралы Білім министрлігінің баспасөз қызметі хабарлады.\n\n"
        "«Оқу жылы қыркүйекте басталады», — деп хабарлады баспасөз қызметі."
    )
    speaker = texts_and_speakers(text)[0][1]
    assert speaker is not None and "министрлігі" in speaker


def test_russian_press_service_is_an_organisation_speaker() -> None:
    text = "«Работы завершат к осени», — сообщили в пресс-службе акимата."
    speaker = texts_and_speakers(text)[0][1]
    assert speaker is not None and "акимат" in speaker


def test_programme_names_in_marks_are_not_quotes() -> None:
    text = (
        "«Жасыл аула» жобасы аясында 40 аула абаттандырылды. "
        "Ал «Ақ бидай» бағдарламасы бойынша фермерлер несие алды."
    )
    assert extract_quotes(text) == []


def test_name_followed_by_deb_atalady_is_not_a_quote() -> None:
    assert extract_quotes("Жаңа саябақ «Достық алаңы» деп аталады.") == []


def test_film_title_before_a_reporting_verb_is_not_a_quote() -> None:
    text = "Her novel “Silent Steppe,” the jury announced on Friday, won the prize."
    assert extract_quotes(text) == []


def test_scare_quotes_are_not_quotes() -> None:
    text = "Команда провела «сухой» матч, а вратарь снова был «стеной» для соперников."
    assert extract_quotes(text) == []


def test_organisation_name_before_a_person_and_a_verb_is_not_a_quote() -> None:
    text = "Директор «Таң жарығы» Нұрбек Ахметов признался, что устал."
    assert extract_quotes(text) == []


def test_the_articles_own_title_is_not_a_quote() -> None:
    title = "«Жол жөнделеді»"
    assert extract_quotes("«Жол жөнделеді»", title=title) == []


def test_offsets_and_paragraph_indices_point_into_the_text() -> None:
    text = "Кіріспе сөйлем.\n\n«Жұмыс аяқталды», — деді Ақжол Серікұлы."
    quote = extract_quotes(text)[0]
    assert quote.paragraph == 1
    assert text[quote.start : quote.start + len(quote.text)] == quote.text


def test_speaker_key_joins_case_forms() -> None:
    text = (
        "Омар Тілеуовтың айтуынша, жоба кешікпейді.\n\n"
        "«Мердігерлер уақытында үлгереді», — деді Тілеуов."
    )
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Омар Тілеуов"
    assert quote.speaker_key == "tileuov"


def test_seed_article_has_exactly_three_quotes_by_tokayev() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n", 1)
    quotes = extract_quotes(lines[1], title=lines[0])
    assert len(quotes) == 3
    assert {quote.speaker for quote in quotes} == {"Қасым-Жомарт Тоқаев"}
    assert all("Таза Қазақстан" not in quote.text for quote in quotes)


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet='абвқәAbc «»“”„"‹›—–-,.:!?\n ', max_size=30),
            st.sampled_from([" — деді ол.", ", — сказал он.", '," he said.', ": «", "\n\n— "]),
        ),
        max_size=12,
    ).map("".join)
)
def test_never_raises_and_quotes_are_substrings(text: str) -> None:
    for quote in extract_quotes(text):
        assert _normalised(quote.text) in _normalised(text)
        assert 0 <= quote.start <= len(text)
