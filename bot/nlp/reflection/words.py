"""The text a reflection reads, as written: its window, words and quotes with their offsets.

The reflection code says a person's words back character for character, so it
finds words with one regular expression over the original text (offsets into
the string they wrote) rather than spaCy tokens over a normalised copy.
"""
from __future__ import annotations

import re

from bot.nlp.text import normalise

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
SENTENCE_BREAK = re.compile(r"[.!?\u2026\n]")
WINDOW_CHARS = 2000  # long entries: only the last part is read for a reflection


def reading_window(text: str) -> str:
    """The part of a long entry read for a reply: its last WINDOW_CHARS, from a sentence start.

    Several thousand words must still be answered fast, and the end of an entry
    is where the writing arrived.
    """
    if len(text) <= WINDOW_CHARS:
        return text
    tail = text[-WINDOW_CHARS:]
    cut = SENTENCE_BREAK.search(tail)
    return tail[cut.end() :] if cut and cut.end() < len(tail) - 200 else tail[tail.find(" ") + 1 :]


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """True when `position` falls within one of `spans`."""
    return any(start <= position < end for start, end in spans)


def lower(word: str) -> str:
    """A word compared as data: lower-case, apostrophes straight."""
    return normalise(word).lower()


def word_run(text: str) -> list[str]:
    """The words of `text` in order, lower-case with apostrophes straight."""
    return [lower(w) for w in WORD.findall(text)]


def letters(text: str) -> str:
    """Lower-case words only, apostrophes kept: "I'm fine!!" -> "i'm fine"."""
    return " ".join(w.lower() for w in WORD.findall(normalise(text)))
