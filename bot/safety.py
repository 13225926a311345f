"""Helplines for the crisis reply, from the data file `bot/data/helplines.yml`."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

HELPLINES_FILE = Path(__file__).resolve().parent / "data" / "helplines.yml"
DEFAULT_LOCALE = "INTL"


@lru_cache(maxsize=1)
def _table() -> dict:
    return yaml.safe_load(HELPLINES_FILE.read_text(encoding="utf-8"))


def locales() -> list[str]:
    return sorted(_table()["locales"])


def locale_from_env() -> str:
    """`REFLECT_LOCALE` (e.g. US, GB, IE, INTL), upper-cased; INTL when unset."""
    return (os.environ.get("REFLECT_LOCALE") or DEFAULT_LOCALE).strip().upper() or DEFAULT_LOCALE


def helplines(locale: str) -> str:
    """The helplines for `locale` as plain lines; unknown locales get the international list."""
    table = _table()
    lines = table["locales"].get((locale or "").strip().upper()) or table["locales"][DEFAULT_LOCALE]
    return "\n".join([*(f"• {line}" for line in lines), table["always"]])
