"""The scorer's rules from FORMAT.md on small hand-made cases."""

from __future__ import annotations

import pytest

from digests.evaluation import (
    GoldItem,
    GoldQuote,
    PredictedQuote,
    Prediction,
    article_item,
    match_quotes,
    normalise,
    rouge,
    score_set,
    sentence_item,
    speaker_matches,
    token_f1,
    tokens,
)


def test_normalise_drops_marks_dash_and_edge_punctuation() -> None:
    assert normalise("  — «Біз   ЖҰМЫСТЫ жалғастырамыз», ") == "біз жұмысты жалғастырамыз"
    assert normalise('"Hello, world!"') == "hello, world"


def test_tokens_keep_cyrillic_and_digits() -> None:
    expected = ["биыл", "тариф", "12", "пайыздан", "өспейді"]
    assert tokens("Биыл тариф 12 пайыздан өспейді.") == expected


def test_token_f1_and_threshold() -> None:
    assert token_f1("a b c d e", "a b c d e") == 1.0
    assert token_f1("a b c d", "a b c d e") == pytest.approx(8 / 9)
    assert token_f1("x y", "a b") == 0.0


def test_each_gold_quote_matches_once_best_first() -> None:
    gold = ["біз жұмысты жалғастырамыз әрі кеңейтеміз"]
    predicted = ["біз жұмысты жалғастырамыз", "біз жұмысты жалғастырамыз әрі кеңейтеміз"]
    assert match_quotes(predicted, gold) == [(1, 0)]


@pytest.mark.parametrize(
    ("predicted", "names", "expected"),
    [
        ("Токаев", ["Қасым-Жомарт Тоқаев"], True),
        ("Тоқаевтың", ["Қасым-Жомарт Тоқаев"], True),
        ("Tokayev", ["Қасым-Жомарт Тоқаев"], True),
        ("Jumabekov", ["Асқар Жұмабеков"], True),
        ("министр", ["Асқар Жұмабеков"], False),
        (None, ["Асқар Жұмабеков"], False),
        ("Ли", ["Денис Ли"], False),
        ("Zhumabekov", ["Асқар Жұмабеков", "Askar Zhumabekov"], True),
    ],
)
def test_speaker_rule(predicted: str | None, names: list[str], expected: bool) -> None:
    assert speaker_matches(predicted, names) is expected


def test_rouge_identical_and_disjoint() -> None:
    same = rouge(["Жаңа саябақ ашылды."], ["Жаңа саябақ ашылды."])
    assert (same.rouge1, same.rouge2, same.rouge_l) == (1.0, 1.0, 1.0)
    none = rouge(["Бір екі үш."], ["Төрт бес алты."])
    assert (none.rouge1, none.rouge2, none.rouge_l) == (0.0, 0.0, 0.0)


def test_rouge_l_uses_longest_common_subsequence() -> None:
    scores = rouge(["a x b y c"], ["a b c"])
    assert scores.rouge_l == pytest.approx(2 * (3 / 5) * 1 / (3 / 5 + 1))


def _item(quotes: list[GoldQuote], negative: bool = False) -> GoldItem:
    return GoldItem("x", "kk", "text", tuple(quotes), negative, ("Бір сөйлем.",))


def test_score_set_counts_quotes_speakers_negatives_and_leads() -> None:
    gold = _item([GoldQuote("біз жұмысты жалғастырамыз", "Асқар Жұмабеков")])
    prediction = Prediction(
        (
            PredictedQuote("Біз жұмысты жалғастырамыз", "Жұмабеков"),
            PredictedQuote("Таза Қазақстан", None),
        ),
        ("Бір сөйлем.",),
    )
    negative = _item([], negative=True)
    scores = score_set(
        "kk",
        [
            (gold, prediction, ["Бір сөйлем.", "Екі.", "Үш.", "Төрт."]),
            (negative, Prediction((PredictedQuote("Нұрлы жол", None),)), None),
        ],
    )
    assert (scores.predicted, scores.gold, scores.matched) == (3, 1, 1)
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == 1.0
    assert scores.speaker_accuracy == 1.0
    assert scores.false_quote_rate == 1.0
    assert scores.lead1[0].rouge_l == 1.0
    assert scores.lead3[0].rouge_l < 1.0


def test_null_gold_speaker_is_not_scored() -> None:
    gold = GoldItem("s", "kk", "t", (GoldQuote("теңге нығаяды", None),), False)
    scores = score_set("kk", [(gold, Prediction((PredictedQuote("теңге нығаяды", "X"),)), None)])
    assert scores.matched == 1 and scores.speaker_scored == 0


def test_gold_records_are_read_with_people_names() -> None:
    people = {"p-1": {"kk-Cyrl": "Асқар Жұмабеков", "en-Latn": "Askar Zhumabekov"}}
    record = {
        "id": "kk-1",
        "lang": "kk",
        "text": "t",
        "quotes": [{"text": "q", "speaker": "Асқар Жұмабеков", "speaker_id": "p-1"}],
        "key_sentences": ["k"],
        "negative": False,
    }
    item = article_item(record, people)
    assert item.quotes[0].speaker_names == ("Асқар Жұмабеков", "Askar Zhumabekov")
    sentence = sentence_item({"id": "s", "text": "«Нұрлы жол» бағдарламасы.", "quotes": []})
    assert sentence.negative and sentence.lang == "kk"
