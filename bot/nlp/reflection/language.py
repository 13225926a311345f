"""What kind of message it is before anything is reflected: a short answer, a list, another language.

"idk" or "fine" gets a gentle prompt, a list is named item by item, and another
language gets a generic reflection rather than garbled English.
"""
from __future__ import annotations

import re

from bot.nlp.reflection.data import data
from bot.nlp.reflection.words import WORD, letters, reading_window
from bot.nlp.text import normalise

_LATIN = re.compile(r"[a-z'\u00c0-\u024f]+")
_LIST_MARKER = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}[.)]|[-*\u2022])\s+")


def is_short_answer(text: str) -> bool:
    """True for "idk", "fine", "ok", "...", an empty line: nothing to reflect yet."""
    if len(text) > 60:
        return False
    said = letters(text)
    return not said or said in data().short_answers or _only_fillers(said)


def _only_fillers(said: str) -> bool:
    """True for "hey there", "thanks", "ok so um": greetings and fillers only."""
    words = tuple(said.split())
    while words:
        for filler in data().fillers:
            if words[: len(filler)] == filler:
                words = words[len(filler) :]
                break
        else:
            return False
    return True


def is_other_language(text: str) -> bool:
    """True when `text` reads as another language: reflecting it in English would garble it.

    Looks at up to 200 words from the part of the text that is read.
    """
    words = [w.lower() for w in WORD.findall(normalise(reading_window(text)[:1600]))][:200]
    if len(words) < 3:
        return bool(words) and all(not w.isascii() for w in words)
    tables = data()
    latin = sum(1 for w in words if _LATIN.fullmatch(w))
    if latin < len(words) / 2:
        return True
    english = sum(1 for w in words if w in tables.english_words)
    foreign = sum(1 for w in words if w in tables.foreign_words)
    if foreign >= 2 and foreign > english:
        return True
    return english == 0 and len(words) >= 4


def list_items(text: str) -> list[str]:
    """The items of a numbered or bulleted list ("1. work 2. mum 3. money"), or [] when it is no list."""
    markers = list(_LIST_MARKER.finditer(text))
    if len(markers) < 2:
        return []
    items = []
    for marker, following in zip(markers, markers[1:] + [None]):
        end = following.start() if following else len(text)
        item = text[marker.end() : end].strip(" \t\n,;.")
        if item:
            items.append(item)
    return items if len(items) >= 2 else []
