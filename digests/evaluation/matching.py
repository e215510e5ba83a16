"""Quote matching: token F1 of at least 0.8, each gold quote used once, best pairs first."""

from __future__ import annotations

from collections import Counter

from digests.evaluation.normalise import tokens

MATCH_THRESHOLD = 0.8


def token_f1(predicted: str, gold: str) -> float:
    """Bag-of-tokens F1 between two strings after normalisation."""
    pred, ref = Counter(tokens(predicted)), Counter(tokens(gold))
    overlap = sum((pred & ref).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(pred.values())
    recall = overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def match_quotes(predicted: list[str], gold: list[str]) -> list[tuple[int, int]]:
    """(predicted index, gold index) pairs, greedily by F1 so the best pairs win."""
    candidates = [
        (score, p, g)
        for p, pred in enumerate(predicted)
        for g, ref in enumerate(gold)
        if (score := token_f1(pred, ref)) >= MATCH_THRESHOLD
    ]
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, p, g in candidates:
        if p in used_pred or g in used_gold:
            continue
        used_pred.add(p)
        used_gold.add(g)
        pairs.append((p, g))
    return sorted(pairs)
