"""Scoring the analysis against gold sets by the rules of ../shared/eval/FORMAT.md."""

from __future__ import annotations

from digests.evaluation.gold import article_item, person_names, sentence_item
from digests.evaluation.matching import match_quotes, token_f1
from digests.evaluation.normalise import normalise, tokens
from digests.evaluation.rouge import RougeScores, rouge
from digests.evaluation.scoring import (
    GoldItem,
    GoldQuote,
    PredictedQuote,
    Prediction,
    SetScores,
    add_item,
    mean_rouge,
    score_set,
)
from digests.evaluation.speaker_rule import speaker_matches

__all__ = [
    "GoldItem",
    "GoldQuote",
    "PredictedQuote",
    "Prediction",
    "RougeScores",
    "SetScores",
    "add_item",
    "article_item",
    "match_quotes",
    "mean_rouge",
    "normalise",
    "person_names",
    "rouge",
    "score_set",
    "sentence_item",
    "speaker_matches",
    "token_f1",
    "tokens",
]
