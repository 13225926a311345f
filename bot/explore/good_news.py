"""Good news and mended bonds in a journal message, met with a warm word first.

A person who writes "I got the job!" or "we made up" hears that it was heard
("Congratulations on the new job!") before any reflection, as a loss is
acknowledged before anything else (`bot.explore.loss`). Patterns and words
are in `data/good_news.yml`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot import datafiles
from bot.nlp.text import normalise

DATA_FILE = datafiles.data_path(__file__, "data/good_news.yml")


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[tuple[str, tuple[re.Pattern[str], ...], tuple[str, ...]], ...], re.Pattern[str]]:
    raw: dict[str, Any] = datafiles.load(DATA_FILE)
    kinds = tuple(
        (name, tuple(re.compile(p) for p in kind["patterns"]), tuple(kind["say"])) for name, kind in raw["kinds"].items()
    )
    words = "|".join(re.escape(w) for w in raw["negations"] if "'" not in w)
    negation = re.compile(rf"(?:\b(?:{words})\b|n't\b)[^.!?,;]{{0,20}}$")
    return kinds, negation


def good_news_in(text: str) -> list[str]:
    """The kinds of good news the writer tells of ("new_job", "passed", "made_up"), in the file's order."""
    lower = normalise(text or "").lower().replace("\u2019", "'")
    kinds, negation = _data()
    found = []
    for name, patterns, _ in kinds:
        for pattern in patterns:
            if any(not negation.search(lower[max(0, m.start() - 30) : m.start()]) for m in pattern.finditer(lower)):
                found.append(name)
                break
    return found


def welcome_news(kind: str, turn: int = 0) -> str:
    """The warm word for one kind of good news (varied by turn)."""
    options = next(say for name, _, say in _data()[0] if name == kind)
    return options[turn % len(options)]
