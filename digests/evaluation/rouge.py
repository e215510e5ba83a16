"""ROUGE-1, ROUGE-2 and ROUGE-L F on FORMAT.md tokens (rouge-score's default drops Cyrillic)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from digests.evaluation.normalise import tokens


@dataclass(frozen=True, slots=True)
class RougeScores:
    rouge1: float
    rouge2: float
    rouge_l: float


def _f1(overlap: int, predicted: int, reference: int) -> float:
    if overlap == 0 or predicted == 0 or reference == 0:
        return 0.0
    precision, recall = overlap / predicted, overlap / reference
    return 2 * precision * recall / (precision + recall)


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def rouge_n(predicted: list[str], reference: list[str], n: int) -> float:
    pred, ref = _ngrams(predicted, n), _ngrams(reference, n)
    return _f1(sum((pred & ref).values()), sum(pred.values()), sum(ref.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Longest common subsequence, one row of the table at a time."""
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge(predicted: list[str], reference: list[str]) -> RougeScores:
    """ROUGE F scores between two lists of sentences, each joined into one token run."""
    pred = [t for sentence in predicted for t in tokens(sentence)]
    ref = [t for sentence in reference for t in tokens(sentence)]
    return RougeScores(
        rouge1=rouge_n(pred, ref, 1),
        rouge2=rouge_n(pred, ref, 2),
        rouge_l=_f1(lcs_length(pred, ref), len(pred), len(ref)),
    )
