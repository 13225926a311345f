"""The end of an exploratory session: a short summary in the person's own words.

It names what they wrote about and the feelings they named, gives back one or
two of their own phrases (pronouns turned), and asks for one thing to take
away. No interpretation, no advice.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from bot import datafiles
from bot.nlp.feelings import feelings_in
from bot.explore.theme_words import say_theme
from bot.nlp.reflection import after_correction, join_words, mirror_clause, ranked_clauses
from bot.nlp.text import any_of
from bot.nlp.wellformed import is_well_formed

MIN_PHRASE_WORDS = 5  # a phrase given back without a feeling in it says at least this much
TAKE_AWAY = "Before you go, what is one thing you'd like to take away from today?"
DATA_FILE = datafiles.data_path(__file__, "data/closing.yml")


@lru_cache(maxsize=1)
def _not_said_back() -> re.Pattern[str]:
    return any_of(datafiles.load(DATA_FILE)["not_said_back"])


def closing_summary(texts: Sequence[str], themes: Sequence[str]) -> str:
    """A few sentences summing up the session, ending with a question about what to take away."""
    texts = [t for t in texts if t and t.strip()]
    about = [say_theme(t) for t in topics(texts, themes)][:4]
    feelings = _feelings(texts) or [t.partition(":")[2] for t in _unique(themes) if t.startswith("feeling:")]
    names = [t.partition(":")[2] for t in themes if t.startswith("person:") and t[7:8].isupper()]
    phrases = _phrases(texts, names)
    parts = ["Thank you for taking this time for yourself."]
    if about:
        parts.append(f"You wrote about {join_words(about)}.")
    if feelings:  # their words, whatever part of speech: "grieving", "a mess", "ashamed"
        named = feelings[:3]
        parts.append(f"The feeling{'s' if len(named) > 1 else ''} you named: {join_words(named)}.")
    if phrases:
        parts.append(f"At one point you wrote that {phrases[0]}.")
    if len(phrases) > 1:
        parts.append(f"You also wrote that {phrases[1]}.")
    parts.append(TAKE_AWAY)
    return " ".join(parts)


def topics(texts: Sequence[str], themes: Sequence[str]) -> list[str]:
    """What the session was about: people first, the most written about first, each once (the relation
    of a named person, "my wife Kasia", is said as the name), then the rest in stored order."""
    items = [t for t in _unique(themes) if not t.startswith("feeling:")]
    joined = " ".join(texts)
    people = [t for t in items if t.startswith("person:")]
    names = [t[7:] for t in people if t[7:8].isupper()]
    people = [t for t in people if t[7:8].isupper() or not any(_same_one(t[7:], name, joined) for name in names)]
    people.sort(key=lambda t: -_mentions(t[7:], joined))
    return people + [t for t in items if not t.startswith("person:")]


def _mentions(word: str, text: str) -> int:
    return len(re.findall(rf"(?<![\w']){re.escape(word)}(?![\w'])", text, re.IGNORECASE))


def _same_one(relation: str, name: str, text: str) -> bool:
    """True when `text` says the name is that relation: "my wife Kasia", "Kasia, my wife", "Kasia ... she is my wife"."""
    r, n = re.escape(relation), re.escape(name)
    return bool(re.search(rf"\b(?:my|our) {r},? {n}\b|\b{n}\W+(?:[\w']+\W+){{0,5}}?(?:my|our) {r}\b", text, re.IGNORECASE))


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _feelings(texts: Sequence[str]) -> list[str]:
    """The feelings they named, in their words ("hurt", "really anxious" -> "anxious")."""
    found: list[str] = []
    for text in texts:
        for feeling in feelings_in(after_correction(text[-4000:])):  # "I felt proud. Actually, no, ..."
            if not feeling.negated and feeling.adjective not in found and feeling.word.isascii():
                found.append(feeling.adjective)
    return found


def _phrases(texts: Sequence[str], names: Sequence[str]) -> list[str]:
    """One or two of their own clauses (not bare feelings, already named; nothing said in anger or
    pain, `data/closing.yml`), in the order written."""
    scored: list[tuple[int, int, str]] = []
    for position, text in enumerate(texts):
        for clause in ranked_clauses(text, names)[:3]:
            if len(clause.split()) < 3 or _bare_feeling(clause) or _not_said_back().search(clause):
                continue
            if len(clause.split()) < MIN_PHRASE_WORDS and not feelings_in(clause):
                continue  # "my mum is fine", "I work there": too slight to be what the session held
            phrase = mirror_clause(clause, names).rstrip(".!?,;: ")
            if not is_well_formed(f"You also wrote that {phrase}."):
                continue  # "that your brother Pete", "that mostly at yourself": not a clause
            weight = 2 if feelings_in(clause) else 0
            weight += 1 if any(n in clause for n in names) or " my " in f" {clause.lower()} " else 0
            scored.append((weight, position, phrase))
            break
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:2]
    chosen = [phrase for _, _, phrase in sorted(best, key=lambda item: item[1])]
    return list(dict.fromkeys(chosen))


def _bare_feeling(clause: str) -> bool:
    """True for "I feel really hurt": a feeling and nothing else to give back."""
    feelings = feelings_in(clause)
    return bool(feelings) and len(clause.split()) <= 4
