"""Patterns across journal entries: themes that keep coming back.

Dynamic therapy pays attention to what recurs: the same person, the same
feeling, the same situation. Counting stored theme strings per entry over a
window of days finds them; the wording stays tentative ("Does that feel
meaningful?"), because only the person knows what a pattern means.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, Mapping, Sequence

from bot.explore.themes import same_theme
from bot.explore.theme_words import say_theme
from bot.nlp.reflection import number_word
from bot.nlp.wellformed import is_chat_shorthand

DESCRIBE_MIN_COUNT = 2  # "what patterns do you see?" lists anything that came up more than once


@dataclass(frozen=True)
class Pattern:
    """A theme found in `count` entries between `first` and `last`."""

    theme: str
    count: int
    first: datetime
    last: datetime


def _comparable(moment: datetime, now: datetime) -> datetime:
    """`moment` made comparable with `now` (naive times are taken as UTC)."""
    if now.tzinfo is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    if now.tzinfo is None and moment.tzinfo is not None:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def recurring(
    entries: Iterable[tuple[datetime, Sequence[str]]],
    now: datetime,
    window_days: int = 30,
    min_count: int = 3,
) -> list[Pattern]:
    """Themes found in at least `min_count` entries of the last `window_days`, most frequent first."""
    since = now - timedelta(days=window_days)
    seen: dict[str, list[datetime]] = defaultdict(list)
    said_as: dict[str, Counter[str]] = defaultdict(Counter)  # key -> the words they used for it
    for at, themes in entries:
        moment = _comparable(at, now)
        if not since <= moment <= now:
            continue
        keys: dict[str, str] = {}
        for theme in themes or ():
            keys.setdefault(same_theme(str(theme)), str(theme))
            said_as[same_theme(str(theme))][str(theme)] += 1
        for key in keys:
            seen[key].append(at)
    patterns = [
        Pattern(theme=said_as[key].most_common(1)[0][0], count=len(times), first=min(times), last=max(times))
        for key, times in seen.items()
        if len(times) >= min_count
    ]
    patterns.sort(key=lambda p: p.theme)
    patterns.sort(key=lambda p: _comparable(p.last, now), reverse=True)
    patterns.sort(key=lambda p: p.count, reverse=True)
    return patterns


def _period(pattern: Pattern) -> str:
    days = (pattern.last - pattern.first).days
    return "this week" if days <= 7 else "this month" if days <= 31 else "lately"


def notice(pattern: Pattern, mourned: bool = False) -> str:
    """A tentative remark about one pattern, to offer during a conversation: an observation, not a question.

    The person decides what it means; the remark only says what keeps coming back.
    Someone who has died (`mourned`) is not said to "keep coming back" as if
    that were a puzzle: missing them is why.
    """
    count = number_word(pattern.count)
    period = _period(pattern)
    kind, _, value = pattern.theme.partition(":")
    if mourned:  # someone who died, or grief itself
        who = say_theme(pattern.theme)
        return f"{who[:1].upper()}{who[1:]} has been in {count} of your entries {period}. Missing someone often works like that."
    if kind == "feeling":
        return f"Feeling {value} has come up again and again lately, in {count} entries {period}."
    if kind == "past":
        return f"I notice memories from earlier in your life have come up in {count} entries {period}."
    if kind == "theme":
        return f"I notice {value} has come up in {count} of your entries {period}; it seems to keep coming back."
    return f"I notice {say_theme(pattern.theme)} has come up in {count} entries {period}; it seems to keep coming back."


def _date(moment: datetime, now: datetime) -> str:
    text = f"{moment.day} {moment:%b}"
    return text if moment.year == now.year else f"{text} {moment.year}"


def as_named(themes: Sequence[str], relations: Mapping[str, str]) -> list[str]:
    """An entry's themes with each relation said as the name it belongs to ("person:girlfriend" is
    "person:Kayla" when Kayla is the girlfriend), chat shorthand read as a name ("person:Ppl") left out, and
    the relationship not counted apart from the partner."""
    from bot.explore.closing import is_partner

    by_relation = {same_theme(f"person:{rel.lower()}"): f"person:{name}" for name, rel in relations.items()}
    named: list[str] = []
    for theme in themes or ():
        theme = str(theme)
        if theme.startswith("person:") and is_chat_shorthand(theme[7:]):
            continue
        named.append(by_relation.get(same_theme(theme), theme) if theme[7:8].islower() else theme)
    partner = any(t.startswith("person:") and is_partner(relations.get(t[7:], t[7:]).lower()) for t in named)
    return [t for t in dict.fromkeys(named) if not (partner and t == "context:relationship")]


def describe_patterns(
    entries: Sequence[tuple[datetime, Sequence[str]]], now: datetime, window_days: int = 30,
    relations: Mapping[str, str] | None = None,
) -> str:
    """An answer to "what patterns do you see?": recurring themes with counts and dates, or a kind note.

    `relations`: who the names are ("Kayla": "girlfriend"): one person is counted once.
    """
    if relations:
        entries = [(at, as_named(themes, relations)) for at, themes in entries]
    since = now - timedelta(days=window_days)
    recent = [e for e in entries if since <= _comparable(e[0], now) <= now]
    if len(recent) < DESCRIBE_MIN_COUNT:
        written = "one entry" if len(recent) == 1 else f"{number_word(len(recent))} entries"
        return (
            f"So far there {'is' if len(recent) == 1 else 'are'} {written} in the last {window_days} days, "
            "which is not enough to see patterns yet. As you keep writing, I'll be able to show you "
            "what comes up again and again."
        )
    patterns = recurring(recent, now, window_days=window_days, min_count=DESCRIBE_MIN_COUNT)[:8]
    if not patterns:
        return (
            f"Across your {number_word(len(recent))} entries in the last {window_days} days, nothing has come up "
            "more than once yet. That can change as you keep writing."
        )
    lines = [f"Here is what has come up more than once in your entries over the last {window_days} days:"]
    for pattern in patterns:
        first, last = _date(pattern.first, now), _date(pattern.last, now)
        when = f"on {first}" if first == last else f"{first} to {last}"
        lines.append(f"- {say_theme(pattern.theme)}: {pattern.count} entries, {when}")
    lines.append("These are only words that repeat; you know best what they mean. Does any of them stand out to you?")
    return "\n".join(lines)
