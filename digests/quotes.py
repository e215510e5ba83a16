"""Direct quotes and who said them, found in an article body (pure, no I/O).

Marks are paired by where the attribution follows, not by counting: a closing mark followed by
`, — деді X` or `," X said` ends the whole quote even when an inner «Нұр Отан» left the count
off, and a closing mark with nothing open starts the quote at the beginning of its sentence
(typography that merged «« into one mark).  Quotation marks around a name, a programme or a
title are never attributed, so they are never quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digests.attribution import Attribution, Mention, attribution_after, mention_before
from digests.models import Quote
from digests.quote_marks import ALL_MARKS, mark_side
from digests.speaker_resolution import ArticlePeople

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_DASH_LINE = re.compile(r"[ \t]*(?:—|–|--?)[ \t]+(?=\S)")
_SPEECH_BREAK = re.compile(r"[,.!?…]\s+(?:—|–|--?)\s+")
_SENTENCE_BOUNDARY = re.compile(r"[.!?…:]\s+")
_NAME_AFTER = re.compile(
    r"\s*[.,]?\s*((?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]+\s+){1,2}[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]+)"
    r"(?:\s*,\s*[^.!?\n]{0,120})?\.?\s*$"
)
_TOKEN = re.compile(r"[^\W_]+")
_EDGE_JUNK = " \t\n,;:—–-" + ALL_MARKS
_MAX_WORDS_BEFORE_QUOTE = 3
_MIN_BARE_WORDS = 3


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved; `group` ties the parts of one interrupted quote."""

    start: int
    end: int
    paragraph: int
    style: str
    mention: Mention | None
    group: int


def extract_quotes(text: str, *, title: str | None = None, lang: str | None = None) -> list[Quote]:
    """Every direct quote of `text` in document order, with its speaker when one is named.

    `lang` is accepted for callers that know it; the cues of kk, ru and en are all tried, which
    costs nothing and survives a wrong guess.
    """
    del lang
    found = _Finder(text).run()
    if title:
        title_tokens = _TOKEN.findall(title.casefold())
        found = [
            f for f in found if _TOKEN.findall(text[f.start : f.end].casefold()) != title_tokens
        ]
    people = ArticlePeople(text, [(f.start, f.end) for f in found])
    group_mentions: dict[int, Mention] = {}
    for item in found:
        if item.mention is not None and item.group not in group_mentions:
            group_mentions[item.group] = item.mention
    quotes = []
    for item in found:
        mention = item.mention or group_mentions.get(item.group)
        anchor = item.start if mention is None or mention.offset > item.start else mention.offset
        speaker, key = people.resolve(mention, min(anchor, item.start))
        raw = text[item.start : item.end]
        quotes.append(
            Quote(
                text=_clean(raw),
                speaker=speaker,
                speaker_key=key,
                start=item.start + len(raw) - len(raw.lstrip(_EDGE_JUNK)),
                paragraph=item.paragraph,
                style=item.style,
            )
        )
    return [quote for quote in quotes if quote.text]


def _clean(fragment: str) -> str:
    return fragment.strip(_EDGE_JUNK).strip()


class _Finder:
    """One pass over the paragraphs; keeps the state a quote may carry across paragraphs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[_Found] = []
        self.groups = 0
        self.pending: _Found | None = None  # an opened quote still running at paragraph end

    def run(self) -> list[_Found]:
        for index, match in enumerate(_PARAGRAPH.finditer(self.text)):
            start, end = match.start(), match.end()
            while start < end and self.text[start].isspace():
                start += 1
            if start >= end:
                continue
            dash = _DASH_LINE.match(self.text, start)
            if dash is not None and self.text[dash.end()] not in "»”":
                self._flush_pending()
                self._dash_paragraph(dash.end(), end, index)
            else:
                self._marked_paragraph(start, end, index)
        self._flush_pending()
        self.found.sort(key=lambda item: item.start)
        return self.found

    def _new_group(self) -> int:
        self.groups += 1
        return self.groups

    def _flush_pending(self) -> None:
        if self.pending is not None:
            if len(_TOKEN.findall(self.text[self.pending.start : self.pending.end])) >= 2:
                self.found.append(self.pending)
            self.pending = None

    # Dash speech: `— Біз жұмысты жалғастырамыз, — деді әкім.`
    def _dash_paragraph(self, start: int, end: int, paragraph: int) -> None:
        group = self._new_group()
        part_start = start
        position = start
        while True:
            cut = _SPEECH_BREAK.search(self.text, position, end)
            if cut is None:
                break
            attribution = attribution_after(self.text, cut.start() + 1)
            if attribution is not None and attribution.dashed:
                self._add_part(part_start, cut.start() + 1, paragraph, "dash", attribution, group)
                if not attribution.resumes:
                    return
                resume = _DASH_LINE.match(self.text, attribution.end)
                part_start = resume.end() if resume else attribution.end
                position = part_start
                continue
            if self.text[cut.start()] in ".!?…" and self._speech_follows(cut.end(), end):
                self._add_part(part_start, cut.start() + 1, paragraph, "dash", None, group)
                group = self._new_group()
                part_start = cut.end()
            position = cut.end()
        self.pending = _Found(part_start, end, paragraph, "dash", None, group)

    def _speech_follows(self, position: int, end: int) -> bool:
        return position < end and self.text[position].isupper()

    def _add_part(
        self,
        start: int,
        end: int,
        paragraph: int,
        style: str,
        attribution: Attribution | None,
        group: int,
    ) -> None:
        mention = attribution.mention if attribution else None
        self.found.append(_Found(start, end, paragraph, style, mention, group))

    # Quotation marks.
    def _marked_paragraph(self, start: int, end: int, paragraph: int) -> None:
        text = self.text
        open_marks: list[int] = []
        spans: list[tuple[int, int]] = []
        attributed: list[tuple[int, int, Attribution]] = []
        pending = self.pending
        continues = pending is not None and text[start] in '«„“"‹'
        if pending is not None and not continues:
            if pending.style == "dash" and self._closes_dash(start, end, pending):
                return
            self._flush_pending()
        index = start
        while index < end:
            char = text[index]
            side = mark_side(text, index, open_marks) if char in ALL_MARKS else None
            if side == "open":
                open_marks.append(index)
            elif side == "close":
                attribution = attribution_after(text, index + 1, depth=max(1, len(open_marks)))
                if attribution is not None:
                    opening = (
                        open_marks[0] if open_marks else self._merged_start(spans, start, index)
                    )
                    open_marks.clear()
                    spans = [span for span in spans if span[0] < opening]
                    attributed.append((opening, index, attribution))
                    index = max(index + 1, attribution.end)
                    continue
                if open_marks:
                    opening = open_marks.pop()
                    if not open_marks:
                        spans.append((opening, index))
            index += 1
        self._emit(start, end, paragraph, spans, attributed, open_marks)

    def _closes_dash(self, start: int, end: int, pending: _Found) -> bool:
        """A dash quote that runs on into a plain paragraph ending `, — деді Бейсенова.`"""
        cuts = list(_SPEECH_BREAK.finditer(self.text, start, end))
        if not cuts:
            return False
        cut = cuts[-1]
        if cut is None:
            return False
        attribution = attribution_after(self.text, cut.start() + 1)
        if attribution is None or not attribution.dashed or attribution.end < end - 2:
            return False
        self.found.append(
            _Found(
                pending.start,
                cut.start() + 1,
                pending.paragraph,
                "multi-paragraph",
                attribution.mention,
                pending.group,
            )
        )
        self.pending = None
        return True

    def _merged_start(self, spans: list[tuple[int, int]], start: int, index: int) -> int:
        """Where a quote starts whose opening mark was merged into an inner one."""
        boundary = start
        for found in _SENTENCE_BOUNDARY.finditer(self.text, start, index):
            boundary = found.end()
        inner = [span[0] for span in spans if span[0] >= boundary]
        return inner[0] if inner else boundary

    def _starts_sentence(self, start: int, opening: int, leading: int | None = 0) -> bool:
        """True when at most a few words (`Сондықтан «…»`) precede the quote in its sentence;
        `leading=None` allows none, for the English `"…," X said` where a title may stand."""
        boundary = start
        for found in _SENTENCE_BOUNDARY.finditer(self.text, start, opening):
            boundary = found.end()
        head = self.text[boundary:opening]
        allowed = _MAX_WORDS_BEFORE_QUOTE if leading is not None else 0
        return len(_TOKEN.findall(head)) <= allowed or head.rstrip().endswith(":")

    def _emit(
        self,
        start: int,
        end: int,
        paragraph: int,
        spans: list[tuple[int, int]],
        attributed: list[tuple[int, int, Attribution]],
        left_open: list[int],
    ) -> None:
        text = self.text
        pending = self.pending
        group = pending.group if pending is not None else self._new_group()
        last_attribution: Attribution | None = None
        for opening, closing, attribution in attributed:
            leading = 0 if attribution.dashed or opening == start else None
            if not self._starts_sentence(start, opening, leading) and not self._after_colon(
                opening
            ):
                continue
            content = (
                opening + 1
                if text[opening] in ALL_MARKS and opening not in [s for s, _ in spans]
                else opening
            )
            mention = attribution.mention
            if mention is None or mention.kind == "role":
                mention = self._colon_mention(opening) or mention
            if pending is not None and opening == start:
                self.found.append(
                    _Found(
                        pending.start, closing, pending.paragraph, "multi-paragraph", mention, group
                    )
                )
                self.pending = pending = None
            else:
                self._split_interrupted(content, closing, paragraph, mention, group)
            last_attribution = attribution
        for opening, closing in spans:
            words = len(_TOKEN.findall(text[opening:closing]))
            tail = text[closing + 1 : end]
            whole = opening == start and (not tail.strip(" .") or _NAME_AFTER.match(tail))
            if pending is not None and opening == start and whole:
                name = _NAME_AFTER.match(tail)
                mention = (
                    Mention(name.group(1), "name", closing + 1 + name.start(1)) if name else None
                )
                self.found.append(
                    _Found(
                        pending.start, closing, pending.paragraph, "multi-paragraph", mention, group
                    )
                )
                self.pending = pending = None
            elif self._after_colon(opening) and words >= 1:
                self._split_interrupted(
                    opening + 1, closing, paragraph, self._colon_mention(opening), group
                )
            elif whole and words >= _MIN_BARE_WORDS:
                name = _NAME_AFTER.match(tail)
                mention = (
                    Mention(name.group(1), "name", closing + 1 + name.start(1)) if name else None
                )
                self._split_interrupted(opening + 1, closing, paragraph, mention, group)
            elif (
                last_attribution is not None
                and self._starts_sentence(start, opening)
                and (words >= _MIN_BARE_WORDS)
            ):
                self.found.append(
                    _Found(opening + 1, closing, paragraph, "interrupted", None, group)
                )
        if left_open and left_open[0] == start:
            if pending is not None:
                pending.end = end
            else:
                self.pending = _Found(start + 1, end, paragraph, "multi-paragraph", None, group)
        elif left_open and self._after_colon(left_open[0]):
            self._flush_pending()
            self.found.append(
                _Found(
                    left_open[0] + 1,
                    end,
                    paragraph,
                    "quoted",
                    self._colon_mention(left_open[0]),
                    group,
                )
            )
        elif pending is not None:
            self._flush_pending()

    def _after_colon(self, opening: int) -> bool:
        return self.text[:opening].rstrip(" \t").endswith(":")

    def _colon_mention(self, opening: int) -> Mention | None:
        before = self.text[:opening].rstrip(" \t")
        if not before.endswith(":"):
            return None
        return mention_before(self.text, len(before) - 1)

    def _split_interrupted(
        self, start: int, end: int, paragraph: int, mention: Mention | None, group: int
    ) -> None:
        """`«A, — деді ол. — B»` is two quotes by one speaker."""
        part_start = start
        style = "quoted"
        for cut in _SPEECH_BREAK.finditer(self.text, start, end):
            if cut.start() < part_start:
                continue
            attribution = attribution_after(self.text, cut.start() + 1)
            if attribution is None or not attribution.dashed or not attribution.resumes:
                continue
            inner = attribution.mention or mention
            self.found.append(
                _Found(part_start, cut.start() + 1, paragraph, "interrupted", inner, group)
            )
            mention = mention or inner
            resume = _DASH_LINE.match(self.text, attribution.end)
            part_start = resume.end() if resume else attribution.end
            style = "interrupted"
        self.found.append(_Found(part_start, end, paragraph, style, mention, group))
