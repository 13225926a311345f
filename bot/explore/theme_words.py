"""Theme strings as words: how "person:sister" or "context:work" is said back in a sentence.

Themes are stored as short strings (see `bot.explore.themes`); the reflection
code in `bot.nlp` knows nothing of them and takes plain people and topics,
which `people_in` and `topics_in` read from a message's theme strings.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

from bot.datafiles import data_path, load
from bot.nlp.reflection import say_person

DATA_FILE = data_path(__file__, "data/theme_words.yml")


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, str], str]:
    raw: dict[str, Any] = load(DATA_FILE)
    return dict(raw["topic_labels"]), str(raw["past_label"])


def say_theme(theme: str) -> str:
    """A theme string as words: "person:sister" -> "your sister", "feeling:anxious" -> "feeling anxious"."""
    kind, _, value = theme.partition(":")
    if kind == "person":
        return say_person(value)
    if kind == "feeling":
        return f"feeling {value}"
    if kind == "context":
        return _labels()[0].get(value, value)
    if kind == "past":
        return _labels()[1]
    return value or kind


def people_in(themes: Iterable[str]) -> list[str]:
    """The people of theme strings, in their order: ["person:Sam", "person:sister"] -> ["Sam", "sister"]."""
    return [t.partition(":")[2] for t in themes if t.startswith("person:")]


def topics_in(themes: Iterable[str]) -> list[str]:
    """The life areas of theme strings as said in a sentence: "context:relationship" -> "your relationship"."""
    return [say_theme(t) for t in themes if t.startswith("context:")]
