"""Summaries: lead first, whole sentences, short, in the article's own words."""

from __future__ import annotations

from digests.summary import MAX_CHARS, summarize

KAZAKH = (
    "Сарыбел қаласында 1 қазаннан бастап жаңа трамвай желісі іске қосылады.\n\n"
    "Желінің ұзындығы 14 шақырым, оған 20 трамвай шығады. Жол жүру ақысы 150 теңге.\n\n"
    "«Трамвай желісі қаланың шығысын орталықпен байланыстырады. Жолаушылар уақытты "
    "үнемдейді», — деді қала әкімі.\n\n"
    "Тұрғындар жаңалықты жақсы қабылдады."
)


def test_lead_comes_first_and_sentences_are_whole() -> None:
    summary = summarize(KAZAKH, "Сарыбелде трамвай желісі іске қосылады")
    assert summary[0] == "Сарыбел қаласында 1 қазаннан бастап жаңа трамвай желісі іске қосылады."
    assert 1 <= len(summary) <= 3
    assert all(s[-1] in ".!?…" for s in summary)
    assert sum(len(s) + 1 for s in summary) <= MAX_CHARS + 1


def test_sentences_come_from_the_text_in_order() -> None:
    summary = summarize(KAZAKH, "Трамвай желісі")
    positions = [KAZAKH.find(s) for s in summary]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_a_quote_sentence_is_kept_without_its_marks_or_attribution() -> None:
    text = (
        "Министрлік бюджет кірісі туралы есеп жариялады.\n\n"
        "«Қазынаға жоспардағыдан 214 миллиард теңге артық түсті. Бұл салықтың арқасы», "
        "— делінген хабарламада."
    )
    summary = summarize(text, "Қазынаға 214 миллиард теңге артық түсті")
    assert "Қазынаға жоспардағыдан 214 миллиард теңге артық түсті." in summary
    assert not any("делінген" in s for s in summary)


def test_long_english_lead_stands_alone() -> None:
    text = (
        "The city council of Sarybel approved on Monday a plan to build three new schools "
        "for about 3,600 pupils in the fast-growing eastern districts by the end of next "
        "year, the mayor's office said.\n\nConstruction will start in spring. The schools "
        "will have sports halls and laboratories."
    )
    assert summarize(text, "Sarybel to build three new schools") == [text.split("\n\n")[0]]


def test_empty_and_oversized_inputs() -> None:
    assert summarize("") == []
    assert summarize("а" * 1000 + ".") == []
