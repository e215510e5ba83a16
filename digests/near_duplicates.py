"""Near-duplicate detection: the same story from two sources, or re-published under a new URL.

Texts are normalized (case-folded, `ё` → `е`, punctuation dropped) and cut into word
3-shingles. Each text gets a bottom-k MinHash sketch (the k smallest shingle hashes: one hash
per shingle instead of k permutations, so a pool of thousands folds in milliseconds). Texts
sharing a sketch value become candidates; a candidate pair is joined when the exact Jaccard
similarity of the shingle sets reaches the threshold. Groups are the connected components.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

SHINGLE_WORDS = 3
SKETCH_SIZE = 24
LEAD_WORDS = 160
DEFAULT_THRESHOLD = 0.45
# A sketch value shared by more texts than this is boilerplate ("Фото: ..."), not a story.
MAX_BUCKET = 64

_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Lower-case words separated by single spaces; `ё` folds to `е` (spelled both ways)."""
    return " ".join(_WORD.findall(text.casefold().replace("ё", "е")))


def shingles(text: str, size: int = SHINGLE_WORDS, limit: int = LEAD_WORDS) -> frozenset[int]:
    """Hashes of the word n-grams of the text's first `limit` words (a short text: its words)."""
    words = normalize(text).split()[:limit]
    if len(words) < size:
        return frozenset(zlib.crc32(word.encode()) for word in words)
    return frozenset(
        zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)
    )


def sketch(hashes: frozenset[int], size: int = SKETCH_SIZE) -> list[int]:
    """The bottom-k MinHash sketch: the `size` smallest shingle hashes."""
    return heapq.nsmallest(size, hashes)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def group_near_duplicates(
    texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> list[list[int]]:
    """Indexes of `texts` grouped by near-duplication; each group in input order, groups
    ordered by their first member."""
    sets = [shingles(text) for text in texts]
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, hashes in enumerate(sets):
        for value in sketch(hashes):
            buckets[value].append(index)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > MAX_BUCKET:
            continue
        for position, first in enumerate(members):
            for second in members[position + 1 :]:
                pair = (first, second)
                if pair in checked:
                    continue
                checked.add(pair)
                if root(first) != root(second) and jaccard(sets[first], sets[second]) >= threshold:
                    parent[max(root(first), root(second))] = min(root(first), root(second))
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(texts)):
        groups[root(index)].append(index)
    return sorted(groups.values(), key=lambda group: group[0])
