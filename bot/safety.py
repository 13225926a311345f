"""Helplines for the crisis reply, by locale, from the table `bot/data/helplines.yml`.

`helplines(locale)` is what the crisis reply lists (the NLU component
`bot.nlu.crisis_detector` fills the `crisis_helplines` slot with it), so it
must always return something useful: an unknown or malformed locale gets the
international entry, and every entry says what to do in immediate danger.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from bot import datafiles
from bot.datafiles import Schema

HELPLINES_FILE = Path(__file__).resolve().parent / "data" / "helplines.yml"
DEFAULT_LOCALE = "INTL"


class Locale(Schema):
    """One country (or the international entry) of the helplines table."""

    name: str
    emergency: Optional[str] = None
    lines: list[str] = []
    also_list_countries: bool = False


class HelplineTable(Schema):
    """The keys of `data/helplines.yml`; locale codes stay words in YAML 1.2 ("NO" is Norway)."""

    default: str = DEFAULT_LOCALE
    aliases: dict[str, str] = {}
    locales: dict[str, Locale]


@lru_cache(maxsize=1)
def _table() -> HelplineTable:
    """The helplines table as read from `HELPLINES_FILE`."""
    return datafiles.load(HELPLINES_FILE, HelplineTable)


def locales() -> list[str]:
    """The locale codes the table lists (e.g. ["US", "GB", ..., "INTL"])."""
    return list(_table().locales)


def normalise_locale(locale: object) -> str:
    """The table's code for `locale` ("en_GB.UTF-8", "gb", "UK" -> "GB"); the default if unknown.

    Accepts what people put in REFLECT_LOCALE: a country code, a POSIX or
    BCP 47 locale, or one of the aliases in the table.
    """
    table = _table()
    known = table.locales
    aliases = {k.upper(): v.upper() for k, v in table.aliases.items()}
    default = table.default.upper()
    if not isinstance(locale, str):
        return default
    text = locale.strip().upper().split(".")[0].split("@")[0]
    parts = [p for p in re.split(r"[_\-\s]+", text) if p]
    # "en_GB", "en-GB": the country is the last part ("ca_ES" is Catalan in Spain, not Canada).
    for candidate in [text, parts[-1]] if parts else [text]:
        code = aliases.get(candidate, candidate)
        if code in known:
            return code
    return default


def helplines(locale: str) -> str:
    """A short plain-text list of crisis lines for `locale`, one per line.

    The first line always says to call the local emergency number in
    immediate danger; unknown locales get the international entry, which also
    lists every country's main line.
    """
    code = normalise_locale(locale)
    entry = _table().locales.get(code) or Locale(name=code)
    emergency = entry.emergency or "your local emergency number"
    lines = [f"If you are in immediate danger, call {emergency} now."]
    lines += [f"- {line}" for line in entry.lines]
    if entry.also_list_countries:
        lines += [f"- {line}" for line in _country_lines(code)]
    return "\n".join(lines)


def _country_lines(skip: str) -> list[str]:
    """One line per country of the table: its name, its first line, its emergency number."""
    found = []
    for code, entry in _table().locales.items():
        if code == skip or entry.also_list_countries or not entry.lines:
            continue
        found.append(f"{entry.name}: {entry.lines[0]}; emergency {entry.emergency}")
    return found


def locale_from_env() -> str:
    """The locale from REFLECT_LOCALE (default INTL), as a code of the table."""
    return normalise_locale(os.environ.get("REFLECT_LOCALE") or DEFAULT_LOCALE)
