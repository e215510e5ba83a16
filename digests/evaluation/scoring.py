"""Scores of predictions against gold items, per set: quotes, speakers, negatives, ROUGE.

Pure: the caller loads the gold files and runs the analysis; this only counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from digests.evaluation.matching import match_quotes
from digests.evaluation.rouge import RougeScores, rouge
from digests.evaluation.speaker_rule import speaker_matches


@dataclass(frozen=True, slots=True)
class GoldQuote:
    text: str
    speaker: str | None
    # Every written form of the speaker that counts as correct (other scripts included).
    speaker_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One scored unit: a whole article, or one sentence of KazNERD."""

    id: str
    lang: str
    text: str
    quotes: tuple[GoldQuote, ...]
    negative: bool
    key_sentences: tuple[str, ...] = ()
    title: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedQuote:
    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Prediction:
    quotes: tuple[PredictedQuote, ...]
    summary: tuple[str, ...] = ()


@dataclass(slots=True)
class SetScores:
    """Counts for one set and language; the ratios are properties so sums stay exact."""

    name: str
    items: int = 0
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_scored: int = 0
    speaker_correct: int = 0
    negatives: int = 0
    negatives_with_quote: int = 0
    summaries: list[RougeScores] = field(default_factory=list)
    lead1: list[RougeScores] = field(default_factory=list)
    lead3: list[RougeScores] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_scored if self.speaker_scored else 1.0

    @property
    def false_quote_rate(self) -> float:
        return self.negatives_with_quote / self.negatives if self.negatives else 0.0


def mean_rouge(scores: list[RougeScores]) -> RougeScores:
    """Average of per-item ROUGE F scores (zeros when there is nothing to average)."""
    if not scores:
        return RougeScores(0.0, 0.0, 0.0)
    n = len(scores)
    return RougeScores(
        sum(s.rouge1 for s in scores) / n,
        sum(s.rouge2 for s in scores) / n,
        sum(s.rouge_l for s in scores) / n,
    )


def add_item(
    scores: SetScores, gold: GoldItem, prediction: Prediction, lead: list[str] | None = None
) -> None:
    """Count one item into `scores`; `lead` is the item's sentences for the Lead baselines."""
    scores.items += 1
    predicted_texts = [q.text for q in prediction.quotes]
    gold_texts = [q.text for q in gold.quotes]
    pairs = match_quotes(predicted_texts, gold_texts)
    scores.predicted += len(predicted_texts)
    scores.gold += len(gold_texts)
    scores.matched += len(pairs)
    for p, g in pairs:
        reference = gold.quotes[g]
        if reference.speaker is None:
            continue
        scores.speaker_scored += 1
        names = [reference.speaker, *reference.speaker_names]
        if speaker_matches(prediction.quotes[p].speaker, names):
            scores.speaker_correct += 1
    if gold.negative:
        scores.negatives += 1
        if predicted_texts:
            scores.negatives_with_quote += 1
    if gold.key_sentences:
        reference_summary = list(gold.key_sentences)
        scores.summaries.append(rouge(list(prediction.summary), reference_summary))
        if lead is not None:
            scores.lead1.append(rouge(lead[:1], reference_summary))
            scores.lead3.append(rouge(lead[:3], reference_summary))


def score_set(
    name: str,
    items: Iterable[tuple[GoldItem, Prediction, list[str] | None]],
) -> SetScores:
    """Scores of one set from (gold, prediction, lead sentences) triples."""
    scores = SetScores(name)
    for gold, prediction, lead in items:
        add_item(scores, gold, prediction, lead)
    return scores
