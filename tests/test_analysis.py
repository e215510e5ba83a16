"""analyze(): language, summary, quotes and key quotes of one article together."""

from __future__ import annotations

import pytest

from digests import analysis as analysis_module
from digests.analysis import analyze
from digests.models import ArticleDraft, Quote

BODY = (
    "Энергетика министрі Асқар Жұмабеков жылыту маусымына дайындық туралы баяндады.\n\n"
    "– Биыл жылу тарифі 12 пайыздан артық өспейді. Бұл шешім әкімдіктермен келісілді, "
    "– деді Асқар Жұмабеков.\n\n"
    "Жылыту маусымы 1 қазаннан басталады."
)


def test_analysis_fields_for_a_kazakh_article() -> None:
    result = analyze(ArticleDraft(title="Жылу тарифі өспейді", body=BODY))
    assert result.lang == "kk"
    assert result.summary[0].startswith("Энергетика министрі")
    texts = {q.text for q in result.quotes}
    assert {q.text for q in result.key_quotes} <= texts


def test_quotes_come_from_the_quote_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    quote = Quote(
        "Биыл жылу тарифі 12 пайыздан артық өспейді. Бұл шешім әкімдіктермен келісілді",
        "Асқар Жұмабеков",
        "zhumabekov",
    )

    def fake_extract(
        text: str, *, title: str | None = None, lang: str | None = None
    ) -> list[Quote]:
        seen.update(text=text, title=title, lang=lang)
        return [quote]

    monkeypatch.setattr(analysis_module, "extract_quotes", fake_extract)
    result = analyze(ArticleDraft(title="Жылу тарифі", body=BODY))
    assert seen == {"text": BODY, "title": "Жылу тарифі", "lang": "kk"}
    assert result.quotes == [quote]
    assert [q.text for q in result.key_quotes] == [quote.text]


def test_declared_language_only_fills_in_when_text_cannot_tell() -> None:
    assert analyze(ArticleDraft(title="", body="12:30 — 14:00", lang="ru")).lang == "ru"
    assert analyze(ArticleDraft(title="", body=BODY, lang="ru")).lang == "kk"
    assert analyze(ArticleDraft(title="", body="")).lang == "other"
