"""Every interface string exists in Kazakh, Russian and English, and every key the code uses."""

import re
import string
from pathlib import Path

import pytest

from bot.i18n import LANGUAGES, catalog, interface_language, translator

BOT_CODE = Path(__file__).resolve().parents[1] / "bot"
KEY_USE = re.compile(r"""\btr\(\s*["']([a-z_]+\.[a-z_]+)["']""")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_all_three_catalogs_have_the_same_keys() -> None:
    keys = {language: set(catalog(language)) for language in LANGUAGES}
    assert keys["kk"] == keys["ru"] == keys["en"]
    assert len(keys["en"]) > 40


def test_translations_use_the_same_placeholders_as_english() -> None:
    for key, english in catalog("en").items():
        for language in ("kk", "ru"):
            assert placeholders(catalog(language)[key]) == placeholders(english), (language, key)


def test_every_key_used_in_the_code_exists_in_every_catalog() -> None:
    used = {
        key
        for path in BOT_CODE.rglob("*.py")
        for key in KEY_USE.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the scan found no tr('...') calls: the pattern is out of date"
    for language in LANGUAGES:
        missing = used - set(catalog(language))
        assert not missing, (language, sorted(missing))


def test_values_are_escaped_but_the_template_markup_is_kept() -> None:
    text = translator("en")("search.header", query="<b>&")
    assert text == "🔎 <b>Search: &lt;b&gt;&amp;</b>"


@pytest.mark.parametrize(
    ("code", "language"),
    [("kk", "kk"), ("ru-RU", "ru"), ("en-US", "en"), ("de", "en"), (None, "en"), ("", "en")],
)
def test_telegram_language_code_maps_to_an_interface_language(
    code: str | None, language: str
) -> None:
    assert interface_language(code) == language


def test_unknown_key_is_a_loud_error() -> None:
    with pytest.raises(KeyError):
        translator("kk")("no.such_key")
