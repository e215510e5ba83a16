"""Who a mention means, within one article: names, pronouns, titles and press offices.

`деді ол` and `сказал он` mean the person named last (Kazakh ол has no gender, so recency
alone decides; ru and en pronouns also agree in gender); a title means the last person the
article gave that title to; a surname alone or in another case means the full name seen before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digests.attribution import Mention
from digests.speakers import display_name, looks_like_surname, speaker_key, strip_case
from digests.speech_cues import (
    FEMININE_NAME,
    NOT_NAMES,
    OFFICE_TITLES,
    ORGANISATION_HEADS,
    PRONOUNS,
    TITLE_GROUPS,
)
from digests.titles import find_title, titles_in

_CAPITAL_RUN = re.compile(
    r"(?<![\w-])[A-ZА-ЯЁӘҒҚҢӨҰҮҺІÁÓÚÝ][\w'’-]*(?:[ \t]+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІÁÓÚÝ][\w'’-]*){0,3}"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_APPOSITION = re.compile(r",\s*([^,.;:!?«»“”\"]{3,70})")
_PRESS_OFFICE = re.compile(r"баспасөз\s+қызмет|пресс-служб|press\s+(?:service|office)", re.I)
_ROLE_REACH = 2  # a role noun (сарапшы, the expert) reaches back this many paragraphs


@dataclass(slots=True)
class Person:
    """One person of the article: every form seen, the titles given, the gender if known."""

    key: str
    names: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    masculine: bool = False
    feminine: bool = False

    @property
    def name(self) -> str:
        return max(self.names, key=lambda name: (len(name.split()), len(name)))


@dataclass(frozen=True, slots=True)
class _Sighting:
    position: int
    paragraph: int
    person: Person


class ArticlePeople:
    """The people an article names, where, and with which titles (quotes themselves masked)."""

    def __init__(self, text: str, quoted: list[tuple[int, int]]) -> None:
        chars = list(text)
        for start, end in quoted:
            chars[start:end] = " " * (end - start)
        self._text = "".join(chars)
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", self._text)]
        self._people: dict[str, Person] = {}
        self._sightings: list[_Sighting] = []
        self._loose_names: dict[str, str] = {}
        self._scan()

    def _paragraph_of(self, position: int) -> int:
        return sum(1 for start in self._paragraph_starts if start <= position) - 1

    def _scan(self) -> None:
        for run in _CAPITAL_RUN.finditer(self._text):
            words = [(m.group(0), run.start() + m.start()) for m in _WORD.finditer(run.group(0))]
            while words and (find_title(words[0][0]) or words[0][0].casefold() in NOT_NAMES):
                words = words[1:]
            head = next((i for i, (w, _) in enumerate(words) if ORGANISATION_HEADS.match(w)), None)
            if head is not None:
                words = words[:head] if head >= 2 else []
            if not words:
                continue
            surname_at = max(
                (i for i, (w, _) in enumerate(words) if looks_like_surname(w)), default=-1
            )
            if surname_at < 0:
                if len(words) >= 2:
                    name = " ".join(w for w, _ in words[:3])
                    self._loose_names.setdefault(speaker_key(name), name)
                continue
            words = words[max(0, surname_at - 2) : surname_at + 1]
            if len(words) == 3 and self._sentence_start(words[0][1]) + 2 >= words[0][1]:
                words = words[1:]  # `Swimmer Assem Serikbayeva`: a capital only for the sentence
            while len(words) > 1 and find_title(words[0][0]) is not None:
                words = words[1:]
            start = words[0][1]
            end = words[-1][1] + len(words[-1][0])
            self._see(display_name(self._text[start:end]), start, end)
        for title in _TITLE_SCAN.finditer(self._text):
            holder = self._holder(titles_in(title.group(0)), title.start())
            if holder is not None:
                self._sightings.append(
                    _Sighting(title.start(), self._paragraph_of(title.start()), holder)
                )
        self._sightings.sort(key=lambda sighting: sighting.position)

    def _see(self, name: str, start: int, end: int) -> None:
        key = speaker_key(name)
        person = self._people.setdefault(key, Person(key))
        person.names.append(name)
        sentence_start = max(self._text.rfind(". ", 0, start), self._text.rfind("\n", 0, start))
        context = self._text[max(sentence_start + 1, start - 60) : start]
        apposition = _APPOSITION.match(self._text, end)
        if apposition is not None:
            context += " " + apposition.group(1)
        person.titles |= titles_in(context)
        surname = strip_case(name.split()[-1])
        if FEMININE_NAME.search(surname):
            person.feminine = True
        elif looks_like_surname(surname):
            person.masculine = True
        self._sightings.append(_Sighting(start, self._paragraph_of(start), person))

    def _holder(self, groups: frozenset[str], before: int) -> Person | None:
        for sighting in reversed(self._sightings):
            if sighting.position < before and groups & sighting.person.titles:
                return sighting.person
        return None

    def _latest(self, before: int, gender: str | None = None) -> _Sighting | None:
        """The person a pronoun means: the first fitting person of the last sentence naming
        anyone, since that is usually its subject (`Тренер отметил игру вратаря Жакупова`)."""
        chosen: _Sighting | None = None
        sentence = -1
        for sighting in reversed(self._sightings):
            if sighting.position >= before:
                continue
            person = sighting.person
            if gender == "f" and person.masculine and not person.feminine:
                continue
            if gender == "m" and person.feminine and not person.masculine:
                continue
            start = self._sentence_start(sighting.position)
            if chosen is not None and start != sentence:
                break
            chosen, sentence = sighting, start
        return chosen

    def _sentence_start(self, position: int) -> int:
        return max(self._text.rfind(end, 0, position) for end in (". ", "! ", "? ", "\n"))

    def resolve(self, mention: Mention | None, before: int) -> tuple[str | None, str | None]:
        """(speaker as a person writes it, speaker key) for a mention met before `before`."""
        if mention is None:
            return None, None
        speaker = self._speaker(mention, before)
        return (speaker, speaker_key(speaker)) if speaker else (None, None)

    def _speaker(self, mention: Mention, before: int) -> str | None:
        if mention.kind == "name":
            return self._full_name(mention.text)
        if mention.kind == "pronoun":
            gender = PRONOUNS.get(mention.text.casefold())
            if mention.text.casefold() in ("олар", "они", "they"):
                return None
            sighting = self._latest(before, gender)
            return sighting.person.name if sighting else None
        if mention.kind == "title":
            groups = titles_in(mention.text)
            holder = self._holder(groups, before)
            if holder is not None:
                return holder.name
            if groups & OFFICE_TITLES:
                return mention.text
            return self._recent(before) or mention.text
        if mention.kind == "org":
            return self._organisation(mention.text, before)
        return self._recent(before)

    def _recent(self, before: int) -> str | None:
        sighting = self._latest(before)
        if sighting and self._paragraph_of(before) - sighting.paragraph <= _ROLE_REACH:
            return sighting.person.name
        return None

    def _full_name(self, name: str) -> str:
        if len(name.split()) > 1:
            return display_name(name)  # already full: a namesake relative must not replace it
        key = speaker_key(name)
        if key in self._people:
            return self._people[key].name
        if key in self._loose_names:
            return self._loose_names[key]
        if len(name.split()) == 1:
            for person in self._people.values():
                for full in person.names:
                    if len(full.split()) > 1 and speaker_key(full.split()[0]) == key:
                        return person.name
        return display_name(name)

    def _organisation(self, mention: str, before: int) -> str:
        """A press office resolves to the office named in full earlier (`Қаржы министрлігінің
        баспасөз қызметі`); other organisation words stay as written."""
        if not _PRESS_OFFICE.search(mention):
            return self._named_organisation(mention, before)
        best = mention
        for office in _PRESS_OFFICE.finditer(self._text, 0, before):
            window_start = max(0, office.start() - 40)
            owners = [
                head
                for head in ORGANISATION_HEADS.finditer(self._text, window_start, office.end() + 30)
                if not _PRESS_OFFICE.match(head.group(0))
            ]
            if owners:
                best = _organisation_phrase(self._text, owners[0])
        return best if best != mention else self._named_organisation(mention, before)

    def _named_organisation(self, mention: str, before: int) -> str:
        """`ведомство`, `the university` mean the organisation named last with that word."""
        heads = [h for h in ORGANISATION_HEADS.finditer(mention) if not _PRESS_OFFICE.match(h[0])]
        if not heads:
            return mention
        stem = heads[-1]
        generic = stem.group(0).casefold()[:5]
        latest = None
        for head in ORGANISATION_HEADS.finditer(self._text, 0, before):
            if _PRESS_OFFICE.match(head.group(0)):
                continue
            if head.group(0).casefold()[:5] == generic or generic.startswith(("ведом", "ministry")):
                phrase = _organisation_phrase(self._text, head)
                if len(phrase.split()) > 1:
                    latest = phrase
        return latest or mention


_TITLE_SCAN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        r"\s+".join(re.escape(part) + r"[\w-]*" for part in synonym.split())
        for synonyms in TITLE_GROUPS.values()
        for synonym in sorted(synonyms, key=len, reverse=True)
    )
    + ")",
    re.IGNORECASE,
)


def _organisation_phrase(text: str, head: re.Match[str]) -> str:
    """`министерстве труда`, `Sarybel State University`: the head with its own name words."""
    words = [
        (m.group(0), m.start())
        for m in _WORD.finditer(text, max(0, head.start() - 40), min(len(text), head.end() + 30))
    ]
    inside = [i for i, (_, start) in enumerate(words) if head.start() <= start < head.end()]
    if not inside:
        return head.group(0)
    first, last = inside[0], inside[-1]
    while (
        first > 0
        and words[first - 1][0][:1].isupper()
        and words[first - 1][0].casefold() not in NOT_NAMES
    ):
        first -= 1
    if (
        last + 1 < len(words)
        and words[last + 1][0][:1].islower()
        and first == inside[0]
        and words[last + 1][1] - (words[last][1] + len(words[last][0])) == 1
        and words[last + 1][0].casefold().endswith(("а", "я"))
    ):
        last += 1
    return text[words[first][1] : words[last][1] + len(words[last][0])]
