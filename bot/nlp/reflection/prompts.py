"""Template rotation and the fixed lines: lists, generic lines, prompts for short answers and other languages.

A candidate is (kind, reply, template id, echo check). The check says how it is
compared with the message before it is said: "content" rejects a reply holding
every content word of the message (a parrot); "verbatim" rejects one holding the
whole message, pronouns turned, word for word (a trimmed or rephrased paraphrase
passes); None: not checked.
"""
from __future__ import annotations

import zlib
from typing import Iterable, Iterator, Optional, Sequence

from bot.nlp.reflection.data import data
from bot.nlp.reflection.history import ReflectionHistory
from bot.nlp.reflection.pronouns import turn_pronouns

Candidate = tuple[str, str, Optional[str], Optional[str]]


def rotation(section: str, history: ReflectionHistory, seed: str) -> list[tuple[str, str]]:
    """Templates of a section, never-used first, then least recently used."""
    items = list(data().templates[section].items())
    offset = zlib.crc32(seed.encode("utf-8")) % len(items)
    items = items[offset:] + items[:offset]
    recency = {tid: i for i, tid in enumerate(history.templates)}
    return sorted(items, key=lambda item: recency.get(item[0], -1))


def pool(*lists: Iterable[Candidate]) -> Iterator[Candidate]:
    """The candidates of each list in turn."""
    for items in lists:
        yield from items


def list_candidates(items: list[str], history: ReflectionHistory) -> Iterator[Candidate]:
    """A list's items named back ("So there are three things on your mind: work, your mum and money.")."""
    shown = [turn_pronouns(" ".join(item.split()[:6])).strip() for item in items[:4]]
    shown = [s[:1].lower() + s[1:] if s.split()[0] not in ("I",) and not s[:2].isupper() else s for s in shown]
    said = ", ".join(shown) + " and more" if len(items) > 4 else join_words(shown)
    count = number_word(len(items))
    seed = "|".join(items)
    for tid, template in rotation("list", history, seed):
        yield "list", template.format(count=count, items=said), tid, None


def generic(history: ReflectionHistory) -> Iterator[Candidate]:
    """The generic lines, the last resort: an opener and a follow-up, starting at a different opener each turn."""
    tables = data()
    start = history.turn % len(tables.generic_openers)
    openers = tables.generic_openers[start:] + tables.generic_openers[:start]
    for follow in tables.generic_follow_ups:
        for opener in openers:
            yield "generic", opener + follow, None, None


def short_prompts(history: ReflectionHistory) -> Iterator[Candidate]:
    """Gentle prompts for "idk", "fine" and the like."""
    tables = data()
    for reply in tables.short_prompts:
        yield "prompt", reply, None, None
    for question in tables.short_questions:
        for opener in tables.short_openers:
            yield "prompt", f"{opener} {question}", None, None
    for opener in tables.generic_openers:
        for question in tables.short_questions:
            yield "prompt", f"{opener} {question}", None, None


def foreign_prompts(history: ReflectionHistory) -> Iterator[Candidate]:
    """Generic reflections for a message in another language, then the short prompts."""
    tables = data()
    for reply in tables.foreign_prompts:
        yield "foreign", reply, None, None
    for opener in tables.generic_openers:
        yield "foreign", f"{opener} {tables.foreign_follow_up}", None, None
    yield from short_prompts(history)


def join_words(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def number_word(n: int) -> str:
    """Numbers up to ten in words ("three"), larger ones as digits."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[n] if 0 <= n <= 10 else str(n)
