"""The loss table: `data/loss.yml` compiled once, and what one loss found in a message is.

`bot.explore.loss` finds losses with it, `bot.explore.loss_people` works out
who a loss is about, and `bot.explore.loss_words` says it back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from bot import datafiles
from bot.nlp.reflection import say_person

DATA_FILE = datafiles.data_path(__file__, "data/loss.yml")
THEMES_FILE = datafiles.data_path(__file__, "data/themes.yml")
QUESTIONS_FILE = datafiles.data_path(__file__, "data/questions.yml")
# Words that may stand between "my" and who ("my lovely old dad").
MODIFIERS = (
    "little|old|older|oldest|younger|best|dear|dearest|lovely|beloved|late|baby|big|step|own|eldest|youngest|twin|"
    "poor|sweet|family|closest|good|close|childhood|lifelong|darling|wonderful|amazing|beautiful|gorgeous"
)


@dataclass(frozen=True)
class Loss:
    """One loss in a message: its kind, who (their word: "dad", "cat", "Pete"), and its theme."""

    kind: str  # death | pet | miscarriage | breakup | job | diagnosis | hurt | estrangement | home | failure
    who: Optional[str]
    theme: str  # grief | loss | hurt
    name: Optional[str] = None  # their name, when told beside the word ("My wife, Margaret, died")
    owner: Optional[str] = None  # whose relative, when not the writer's own ("my friend's dad": "friend")
    what: Optional[str] = None  # what was lost or failed, in their words ("my driving test")

    @property
    def key(self) -> str:
        """What makes it the same loss on a later mention ("death:dad")."""
        return f"{self.kind}:{(self.owner or '').lower() + '/' if self.owner else ''}{(self.who or '').lower()}"

    @property
    def person(self) -> str:
        """Who, said back: "your dad", "your friend's dad", "Sarah's mum", "Biscuit"."""
        if not self.who:
            return ""
        if self.owner:
            return f"{say_person(self.owner)}'s {self.who}"
        return say_person(self.who)


@dataclass(frozen=True)
class _Data:
    # (kind, theme, (pattern, says "not" itself, what else in the message it needs to count or None))
    kinds: tuple[tuple[str, str, tuple[tuple[re.Pattern[str], bool, Optional[re.Pattern[str]]], ...]], ...]
    pets: frozenset[str]
    words: frozenset[str]
    pet_cues: re.Pattern[str]
    acknowledge: dict[str, list[str]]
    also: dict[str, str]
    followups: dict[str, Any]
    pronoun_of: dict[str, tuple[str, str]]


@lru_cache(maxsize=1)
def table() -> _Data:
    raw: dict[str, Any] = datafiles.load(DATA_FILE)
    relations = [str(r) for r in datafiles.load(THEMES_FILE)["people"]["relations"]] + [str(r) for r in raw["relations"]]
    pets = [str(p) for p in raw["pets"]]
    standalone = [str(s) for s in raw["standalone"]]
    words = sorted(set(relations + pets), key=len, reverse=True)
    word = "|".join(map(re.escape, words))
    pet_word = "|".join(map(re.escape, sorted(pets, key=len, reverse=True)))
    kin_word = "|".join(map(re.escape, sorted(set(relations), key=len, reverse=True)))
    names = r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?[A-Z][a-z]+"
    owner = rf"(?:(?P<owner>{kin_word})(?:'s|s'|s) )"
    owned = rf"(?:my|our)(?: (?:{MODIFIERS}))* {owner}?(?P<word>{word})"
    others = rf"(?P<ownername>{names})(?:'s|s) (?P<theirs>{word})"
    some = rf"(?:a|an|one of my|one of our)(?: (?:{MODIFIERS}))* (?P<some>{word})(?: of (?:mine|ours))?"
    alone = rf"(?P<alone>{'|'.join(map(re.escape, sorted(standalone, key=len, reverse=True)))})"
    the_pet = rf"(?:the|our family) (?P<thepet>{pet_word})"
    dear = rf"(?:my|our)(?: (?:{MODIFIERS}))* (?:boy|girl|lad|buddy|baby|angel|friend|companion|shadow) (?P<called>{names})"
    people = rf"(?:{dear}|{owned}|{others}|{some}|{alone}|{the_pet}|(?P<name>{names})"
    placeholders = {
        "{who}": rf"\b{people}|(?P<pron>[Hh]e|[Ss]he|[Tt]hey))\b",
        "{whose}": rf"\b{people})(?:'s|s'|s)\b",  # "dad's", "dads", "my grandfathers"
        "{kin}": rf"\b(?:{owned}|{others}|{some}|{alone})\b",  # a relation, never a bare name ("my ammi expired")
        "{them}": r"\b(?P<pron>him|her|them)\b",
    }
    macros = {
        "{illness}": "(?i:" + "|".join(str(i) for i in raw["illnesses"]) + ")(?! (?i:" + "|".join(raw["not_ill"]) + r")\b)",
        "{pets}": f"(?:{pet_word})",
        "{alive}": "(?! (?:" + "|".join(str(w) for w in raw["not_dead"]) + r")\b)",
    }
    kinds = []
    for kind, spec in raw["kinds"].items():
        patterns = []
        context_words = "|".join(str(word) for word in spec.get("context") or [])
        for macro, expansion in macros.items():
            context_words = context_words.replace(macro, expansion)
        context = re.compile(r"\b(?:" + context_words + r")\b") if context_words else None
        for pattern, needs in [*((p, None) for p in spec["patterns"]), *((p, context) for p in spec.get("in_context", []))]:
            for macro, expansion in macros.items():
                pattern = pattern.replace(macro, expansion)
            pieces = re.split(r"(\{who\}|\{whose\}|\{kin\}|\{them\})", pattern)
            if len(pieces) > 1:
                compiled = re.compile("".join(
                    re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{n}>", placeholders[piece]) if piece in placeholders else piece
                    for n, piece in enumerate(pieces)
                ))
            else:
                compiled = re.compile(pattern, re.IGNORECASE)
            patterns.append((compiled, bool(re.search(r"\bnot\b|n''?t\b|\bnever\b|\bno\b", pattern)), needs))
        kinds.append((str(kind), str(spec["theme"]), tuple(patterns)))
    pronouns = datafiles.load(QUESTIONS_FILE)["pronouns"]
    he = [*pronouns["he"], *raw["pronouns"]["he"]]
    she = [*pronouns["she"], *raw["pronouns"]["she"]]
    pronoun_of = {w: ("he", "him") for w in he} | {w: ("she", "her") for w in she}
    return _Data(
        kinds=tuple(kinds),
        pets=frozenset(pets),
        words=frozenset(words),
        pet_cues=re.compile(rf"\b(?:(?:my|our|the|family|a|old) (?:{pet_word})|{'|'.join(raw['pet_cues'])})\b"),
        acknowledge={k: list(v) for k, v in raw["acknowledge"].items()},
        also={str(k): str(v) for k, v in raw["also"].items()},
        followups=dict(raw["death_followups"]),
        pronoun_of=pronoun_of,
    )


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that are never the name of who was lost ("Sunday", "Got" opening a sentence)."""
    return frozenset(str(w) for w in datafiles.load(DATA_FILE)["not_names"])
