"""Helplines by locale (`bot.safety`): what the crisis reply lists."""
from __future__ import annotations

import pytest

from bot import safety


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("US", ["988", "Suicide & Crisis Lifeline", "call or text", "911"]),
        ("GB", ["Samaritans", "116 123", "free, 24/7", "Shout", "85258", "999"]),
        ("IE", ["Samaritans", "116 123", "50808", "112"]),
        ("AU", ["Lifeline", "13 11 14", "000"]),
        ("CA", ["988", "call or text", "911"]),
        ("INTL", ["findahelpline.com", "free, confidential", "your local emergency number"]),
    ],
)
def test_each_locale_lists_its_lines(locale: str, expected: list[str]) -> None:
    text = safety.helplines(locale)
    for fragment in expected:
        assert fragment.lower() in text.lower()


@pytest.mark.parametrize("locale", ["", "XX", "fr_FR", "en", "ca_ES", "   ", "not a locale", None, 42])
def test_unknown_locales_fall_back_to_international(locale: object) -> None:
    assert safety.normalise_locale(locale) == "INTL"
    assert safety.helplines(locale) == safety.helplines("INTL")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("locale", "code"),
    [("gb", "GB"), ("UK", "GB"), ("en_GB.UTF-8", "GB"), ("en-AU", "AU"), (" ie ", "IE"), ("en_US", "US"), ("fr-CA", "CA")],
)
def test_common_spellings_of_a_locale(locale: str, code: str) -> None:
    assert safety.normalise_locale(locale) == code


@pytest.mark.parametrize("locale", safety.locales())
def test_every_entry_is_complete_and_mentions_immediate_danger(locale: str) -> None:
    entry = safety._table().locales[locale]
    assert entry.name
    assert entry.emergency
    assert entry.lines and all(line.strip() for line in entry.lines)
    text = safety.helplines(locale)
    first, *rest = text.splitlines()
    assert "immediate danger" in first and entry.emergency in first
    extra = len(safety.locales()) - 1 if entry.also_list_countries else 0
    assert len(rest) == len(entry.lines) + extra
    assert all(line.startswith("- ") for line in rest)


def test_the_table_covers_the_required_locales_and_its_default() -> None:
    assert {"US", "GB", "IE", "AU", "CA", "INTL"} <= set(safety.locales())
    assert safety._table().default in safety.locales()
    for code in safety._table().aliases.values():
        assert code in safety.locales()


def test_output_is_short_plain_text() -> None:
    for locale in safety.locales():
        text = safety.helplines(locale)
        assert 2 <= len(text.splitlines()) <= 8
        assert not any(mark in text for mark in ("**", "<", "](", "`"))


def test_international_entry_lists_the_website_the_emergency_number_and_every_country() -> None:
    text = safety.helplines("INTL")
    assert "findahelpline.com" in text
    assert "your local emergency number" in text.splitlines()[0]
    for code in safety.locales():
        entry = safety._table().locales[code]
        if code != "INTL":
            assert entry.name in text and entry.lines[0] in text, code
    assert "988" in text and "116 123" in text and "13 11 14" in text


def test_a_country_entry_does_not_list_the_others() -> None:
    assert "988" not in safety.helplines("GB")


def test_locale_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFLECT_LOCALE", raising=False)
    assert safety.locale_from_env() == "INTL"
    monkeypatch.setenv("REFLECT_LOCALE", "gb")
    assert safety.locale_from_env() == "GB"
    monkeypatch.setenv("REFLECT_LOCALE", "Narnia")
    assert safety.locale_from_env() == "INTL"


def test_a_locale_code_that_yaml_1_1_reads_as_a_boolean_stays_a_code(tmp_path, monkeypatch) -> None:
    table = tmp_path / "helplines.yml"
    table.write_text("locales:\n  NO: {name: Norway, emergency: '112', lines: [Mental Helse 116 123]}\n"
                     "  INTL: {name: Anywhere, lines: [findahelpline.com], also_list_countries: true}\n")
    monkeypatch.setattr(safety, "HELPLINES_FILE", table)
    safety._table.cache_clear()
    try:
        assert safety.locales() == ["NO", "INTL"]
        assert "Mental Helse 116 123" in safety.helplines("nb_NO.UTF-8")
    finally:
        safety._table.cache_clear()
