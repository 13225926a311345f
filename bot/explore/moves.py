"""Dynamic-therapy moves, tentatively phrased: mixed feelings, and the past in the present.

Dynamic therapy listens for contradictions ("I'm fine" and "I cried all
weekend"), for feelings that pull two ways, and for the past showing up in
the present when the person links them. These add meaning to a reflection
(complex reflections, in MITI's terms) without telling anyone what anything
means: "Both might be true", "It sounds like ...". Wording in `data/moves.yml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.feelings import feeling_spans
from bot import datafiles
from bot.nlp.text import normalise
from bot.nlp.reflection import turn_pronouns
from bot.nlp.wellformed import has_clause, is_well_formed

DATA_FILE = datafiles.data_path(__file__, "data/moves.yml")
_SENTENCE = re.compile(r"[^.!?\n\u2026]+[.!?\n\u2026]*")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return datafiles.load(DATA_FILE)


def _find(lower: str, phrases: list[str]) -> Optional[re.Match[str]]:
    for phrase in phrases:
        match = re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", lower)
        if match:
            return match
    return None


def _clause_around(text: str, match: re.Match[str]) -> str:
    """The clause of `text` holding the match, from its start to the next comma or sentence end, pronouns turned."""
    start = max(text.rfind(c, 0, match.start()) for c in ".!?,;\n") + 1
    ends = [i for i in (text.find(c, match.end()) for c in ".!?,;\n") if i >= 0]
    end = min(ends) if ends else len(text)
    clause = " ".join(text[start:end].split())
    clause = re.sub(r"^(?:and|but|so|because|though|although|yet|even though)\s+", "", clause, flags=re.IGNORECASE)
    turned = turn_pronouns(clause)
    return turned[:1].lower() + turned[1:] if not turned.startswith(("I ", "I'")) else turned


def mixed_feelings(text: str) -> Optional[str]:
    """A tentative line holding both sides when a message pulls two ways; None when it does not."""
    data = _data()
    normal = normalise(text or "")
    lower = normal.lower()
    fine = _find(lower, data["fine_words"])
    if fine:
        other = _find(lower[fine.end():], data["otherwise"])
        painful = [s for s in feeling_spans(normal) if not s.feeling.negated and s.feeling.canonical in data["painful"]
                   and s.start_char > fine.end()]
        if other or painful:
            said_fine = turn_pronouns(normal[fine.start():fine.end()]).lower().replace("you're", "you're")
            if other:
                offset = fine.end()
                shifted = re.search(re.escape(other.group()), lower[offset:])
                span = re.compile(re.escape(other.group())).search(lower, offset) if shifted else None
                where = _clause_around(normal, span) if span else other.group()
            else:
                where = f"you feel {painful[0].feeling.phrase}"
            if len(where.split()) <= 14:
                return data["fine_text"].format(fine=said_fine, other=where)
    spans = [s for s in feeling_spans(normal) if not s.feeling.negated]
    nouns = data["nouns"]
    warm = [s.feeling.canonical for s in spans if s.feeling.canonical in data["warm"]]
    warm += [w for w in data["warm_words"] if re.search(rf"\bi (?:still |really |do )?{w}\b", lower)]
    painful = [s.feeling.canonical for s in spans if s.feeling.canonical in data["painful"]]
    if warm and painful and nouns.get(warm[0]) and nouns.get(painful[0]):
        options = data["mixed_text"]
        pick = options[len(lower) % len(options)]
        return pick.format(warm=nouns[warm[0]], painful=nouns[painful[0]])
    return None


BOTH_SIDES_WORDS = 14  # each side of a "but" held together is a clause of at most this many words
_BUT = re.compile(r"^(?P<x>[^,;:]+?),? but (?P<y>[^,;:]+?)$", re.IGNORECASE)
_PRONOUNS = frozenset("i i'm i've i'd i'll he he's she she's they they're we we're it it's my our".split())


def _starts_with_subject(clause: str) -> bool:
    """True when a clause opens with its subject: a pronoun, "my ...", or a name ("Mum", "Pete")."""
    first = clause.split()[0]
    lower = first.lower()
    return lower in _PRONOUNS or (first[:1].isupper() and first[1:].islower() and lower not in STOP_WORDS)


def both_sides(text: str, turn: int = 0) -> Optional[str]:
    """Both sides of their "X but Y", held together; None when no sentence has two whole clauses around a "but"."""
    for sentence in _SENTENCE.finditer(normalise(text or "")):
        said = " ".join(sentence.group().split()).rstrip(".!\u2026 ")
        if said.endswith("?"):
            continue
        match = _BUT.match(re.sub(r"^(?:and|so|but|honestly|anyway)\s+", "", said, flags=re.IGNORECASE))
        if not match:
            continue
        x, y = (match.group(k).strip() for k in ("x", "y"))
        if not all(_starts_with_subject(side) and has_clause(side) and 3 <= len(side.split()) <= BOTH_SIDES_WORDS
                   for side in (x, y)):
            continue
        x, y = (_lower_first(turn_pronouns(side)) for side in (x, y))
        options = _data()["both_sides_text"]
        line = options[turn % len(options)].format(x=x, y=y, X=x[:1].upper() + x[1:])
        if is_well_formed(line):
            return line
    return None


def _lower_first(clause: str) -> str:
    """"You were ..." -> "you were ...", names and "I" kept."""
    first = clause.split()[0]
    return clause[:1].lower() + clause[1:] if first.lower() in ("you", "you're", "you've", "you'd", "you'll", "your") else clause


def past_link(text: str, turn: int = 0) -> Optional[str]:
    """When they link the present to the past themselves, a tentative line that follows the link."""
    data = _data()
    if _find(normalise(text or "").lower(), data["past_cues"]):
        options = data["past_text"]
        return options[turn % len(options)]
    return None


@dataclass(frozen=True)
class Guess:
    """A feeling guessed from what happened, and the tentative line that names it."""

    feeling: str
    text: str


def unspoken_feeling(text: str, turn: int = 0) -> Optional[Guess]:
    """A tentatively named feeling the message implies but does not name; None when it names one or implies none."""
    data = _data()
    normal = normalise(text or "")
    named = {s.feeling.canonical for s in feeling_spans(normal) if not s.feeling.negated}
    lower = normal.lower()
    for feeling, cues in data["unspoken"].items():
        if named & set(data["unspoken_named_as"].get(feeling, [])):
            continue  # they named it: reflect their word instead
        if _find(lower, cues):
            options = data["unspoken_text"]
            return Guess(feeling=feeling, text=options[turn % len(options)].format(feeling=feeling))
    return None


def underneath(text: str, turn: int = 0) -> Optional[Guess]:
    """A softer feeling wondered about under the one they named ("some hurt underneath the anger")."""
    data = _data()
    spans = [s for s in feeling_spans(normalise(text or "")) if not s.feeling.negated]
    named = {s.feeling.canonical for s in spans}
    for span in spans:
        deeper = data["underneath"].get(span.feeling.canonical)
        if deeper and not named & set(data["unspoken_named_as"].get(deeper, [])):
            options = data["underneath_text"]
            surface = data["nouns"].get(span.feeling.canonical, span.feeling.canonical)
            return Guess(feeling=deeper, text=options[turn % len(options)].format(deeper=deeper, surface=surface))
    return None


def grief_guess(turn: int = 0) -> Guess:
    """Grief wondered about, for a message about someone who died that names no feeling."""
    options = _data()["unspoken_text"]
    return Guess(feeling="grief", text=options[turn % len(options)].format(feeling="grief"))
