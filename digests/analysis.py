"""The analysis stage: one call from a clean article to language, summary and quotes."""

from __future__ import annotations

from digests.key_quotes import key_quotes
from digests.language import OTHER, PRODUCT_LANGUAGES, article_language
from digests.models import Analysis, ArticleDraft
from digests.quotes import extract_quotes
from digests.summary import summarize


def analyze(draft: ArticleDraft) -> Analysis:
    """Language, summary, every direct quote and the key ones, for an article's body.

    The text decides the language (feeds often label Kazakh pages as Russian); the declared
    one only fills in when the text is too short or unclear to tell.
    """
    lang = article_language(draft.title, draft.body)
    if lang == OTHER and draft.lang in PRODUCT_LANGUAGES:
        lang = draft.lang
    summary = summarize(draft.body, draft.title)
    quotes = extract_quotes(draft.body, title=draft.title or None, lang=lang)
    return Analysis(
        lang=lang, summary=summary, quotes=quotes, key_quotes=key_quotes(quotes, summary)
    )
