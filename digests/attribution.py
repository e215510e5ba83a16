"""The words around a quote that say who spoke: `— деді ол.`, `, Smith said`, `Президент: «`.

Returns the speaker as written (a mention) and what kind of mention it is; turning a pronoun
or a title into a person is the resolver's job (digests/speaker_resolution.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digests.speakers import looks_like_surname
from digests.speech_cues import (
    FILLER_WORDS,
    NAMING_AFTER,
    NOT_NAMES,
    ORGANISATION_HEADS,
    PRONOUNS,
    SPEECH_CUE,
)
from digests.titles import find_title

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LEAD = re.compile(r"[ \t]*([,.!?…]*)[ \t]*(—|–|--?(?=\s))?[ \t]*")
# An attribution clause stops at a sentence end, at a new dash or at a new quotation.
_CLAUSE_END = re.compile(r"[.!?…;](?=\s|$)|\s[—–]\s|[«“\"„‹]|\n")
_INTERRUPT_TAIL = re.compile(r"[.,:]?\s*[—–]\s+")
_MAX_WORDS_BEFORE_CUE = 6
_PLURAL_KK = re.compile(r"(?:лар|лер|дар|дер|тар|тер)(?:ы|і)?$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as the text names it; `kind` is name, pronoun, title, org or role."""

    text: str
    kind: str
    offset: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """An attribution clause after a quote: its mention, its length, and whether speech resumes."""

    mention: Mention | None
    end: int
    dashed: bool
    resumes: bool


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and word.casefold() not in NOT_NAMES


def _capital_runs(words: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    runs: list[list[tuple[str, int]]] = []
    previous_end = -2
    for word, start in words:
        if not _is_capitalised(word):
            previous_end = -2
            continue
        if runs and previous_end + 1 >= start:
            runs[-1].append((word, start))
        else:
            runs.append([(word, start)])
        previous_end = start + len(word)
    return runs


def _strong_name(run: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
    """The name part of a capitalised run: titles in front dropped; None if no name is left."""
    while run and find_title(run[0][0]) is not None:
        run = run[1:]
    if not run or ORGANISATION_HEADS.search(" ".join(word for word, _ in run)):
        return None
    if any(looks_like_surname(word) for word, _ in run) or len(run) >= 2:
        return run
    return None


def _organisation(segment: str, words: list[tuple[str, int]]) -> tuple[int, int] | None:
    head = ORGANISATION_HEADS.search(segment)
    if head is None:
        return None
    begin, end = head.start(), head.end()
    before = [(w, s) for w, s in words if s < head.start()][-4:]
    for word, start in reversed(before):
        if _is_capitalised(word) or ORGANISATION_HEADS.fullmatch(word):
            begin = start
        elif begin != head.start():
            break
    following = ORGANISATION_HEADS.match(segment, end + 1) if end < len(segment) else None
    if following is not None:
        end = following.end()
    return begin, end


def pick_mention(segment: str, offset: int, *, prefer_end: bool = False) -> Mention | None:
    """The most specific speaker phrase in `segment`: a name, else a title, an organisation,
    a pronoun, or a role noun (сарапшы, the expert)."""
    words = [(m.group(0), m.start()) for m in _WORD.finditer(segment)]
    words = [(w, s) for w, s in words if w.casefold() not in FILLER_WORDS]
    if not words:
        return None
    edge_word, edge_start = words[-1] if prefer_end else words[0]
    if edge_word.casefold() in PRONOUNS:
        return Mention(edge_word, "pronoun", offset + edge_start)
    runs = [name for run in _capital_runs(words) if (name := _strong_name(run)) is not None]
    if runs:
        run = runs[-1] if prefer_end else runs[0]
        first, last = run[0], run[-1]
        return Mention(segment[first[1] : last[1] + len(last[0])], "name", offset + first[1])
    title = find_title(segment)
    organisation = _organisation(segment, words)
    if title is not None and (organisation is None or title[1] <= organisation[0]):
        start, end = title[1], title[2]
        head = [s for w, s in words if s < start and w[:1].isupper() and start - s < 40]
        begin = head[0] if head else start
        return Mention(segment[begin:end].strip(), "title", offset + begin)
    if organisation is not None:
        begin, end = organisation
        return Mention(segment[begin:end].strip(), "org", offset + begin)
    single = [(w, s) for w, s in words if _is_capitalised(w) and find_title(w) is None]
    if single:
        word, start = single[-1] if prefer_end else single[0]
        return Mention(word, "name", offset + start)
    role_words = words[-2:] if prefer_end else words[:2]
    last_word = role_words[-1][0].casefold()
    russian_plural = last_word.endswith(("ы", "и")) and not last_word.endswith(("шы", "ші", "ши"))
    if _PLURAL_KK.search(last_word) or last_word.endswith("s") or russian_plural:
        return None
    begin = role_words[0][1]
    role_text = segment[begin : role_words[-1][1] + len(role_words[-1][0])]
    return Mention(role_text, "role", offset + begin)


def attribution_after(text: str, position: int, *, depth: int = 1) -> Attribution | None:
    """An attribution right after a closing mark or a dashed quote end, or None.

    `, — деді Марат Қожаев.` and `," Smith said.` qualify; `«…» деп аталады` (a name) and a
    cue deep inside a long clause (`"Star," the new film by X, was ... said`) do not.
    """
    lead = _LEAD.match(text, position)
    if lead is None:
        return None
    dashed = lead.group(2) is not None
    if depth > 1 and not dashed:
        return None
    body = lead.end()
    stop = _CLAUSE_END.search(text, body)
    clause_end = stop.start() if stop else len(text)
    clause = text[body:clause_end]
    cue = SPEECH_CUE.search(clause)
    if cue is None:
        return None
    before = clause[: cue.start()]
    if "," in before or len(_WORD.findall(before)) > _MAX_WORDS_BEFORE_CUE:
        return None
    if not dashed:
        if NAMING_AFTER.match(clause):
            return None
        # `«Каракурта» Сергей Валиев признался` is a name; speech ends in punctuation
        # (`,” he said`) or is followed by the verb at once (`” said Smith`, `» деді ол`).
        punctuated = bool(lead.group(1)) or text[position - 2 : position - 1] in ",.!?…"
        if not punctuated and before.strip():
            return None
    mention = pick_mention(before, body) if before.strip() else None
    if mention is None:
        after_start = cue.end()
        while (more := SPEECH_CUE.match(clause, after_start + 1)) is not None:
            after_start = more.end()
        after = clause[after_start:].split(",")[0]
        mention = pick_mention(after, body + after_start)
    resumes = bool(
        stop and _INTERRUPT_TAIL.match(text, stop.start()) and text[stop.start()] in ".,:"
    )
    end = stop.end() if stop and text[stop.start()] in ".!?…;" else clause_end
    return Attribution(mention, end, dashed, resumes)


def mention_before(text: str, position: int) -> Mention | None:
    """The speaker of `X said: «…»` / `Президент: «…»`, from the clause before the colon."""
    start = max(
        text.rfind(". ", 0, position),
        text.rfind("! ", 0, position),
        text.rfind("? ", 0, position),
        text.rfind("\n", 0, position),
    )
    clause = text[start + 1 : position]
    cue = None
    for found in SPEECH_CUE.finditer(clause):
        cue = found
    if cue is not None:
        subject = clause[: cue.start()]
        comma = subject.rfind(",")
        if comma >= 0 and subject[comma + 1 :].strip():
            subject = subject[comma + 1 :]
            return pick_mention(subject, start + 1 + clause.find(subject), prefer_end=True)
        return pick_mention(subject, start + 1, prefer_end=True)
    comma = clause.rfind(",")
    base = start + 1 + (comma + 1 if comma >= 0 else 0)
    return pick_mention(text[base:position], base, prefer_end=True)
