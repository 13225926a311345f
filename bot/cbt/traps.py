"""What each thinking trap is, in plain words (data: `bot/cbt/data/traps.yml`).

Used for "what is catastrophizing?", for the one-line explanations beside
suggested traps, for reading trap names out of a typed answer, and for choosing
Socratic questions for the evidence steps of a thought record. The texts live in
the YAML file so they can be reviewed and translated without touching code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.nlp.distortions import LABELS

DATA_FILE = Path(__file__).resolve().parent / "data" / "traps.yml"

_FIELDS = ("name", "short", "definition", "example", "question", "socratic")


@dataclass(frozen=True)
class Trap:
    """Psychoeducation for one thinking trap."""

    label: str  # the detector's label, e.g. "mind_reading"
    name: str  # "Mind reading"
    short: str  # one line for a button list
    definition: str  # plain, one or two sentences
    example: str  # an everyday example thought
    question: str  # one question that helps
    socratic: tuple[str, ...]  # 2-4 questions for the evidence steps
    aliases: tuple[str, ...]  # ways people name it, normalised (see _normalise)


def _normalise(text: str) -> str:
    """Lower-case; hyphens, underscores and slashes as spaces; single spaces."""
    text = (text or "").lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[-_/]", " ", text).split())


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _traps() -> dict[str, Trap]:
    """Every label's Trap, checked so that a missing text fails loudly at start."""
    raw = _data()["traps"]
    traps: dict[str, Trap] = {}
    for label in LABELS:
        entry = raw.get(label) or {}
        missing = [f for f in _FIELDS if not entry.get(f)]
        if missing:
            raise ValueError(f"{DATA_FILE.name}: {label} lacks {', '.join(missing)}")
        names = [label, entry["name"], *(str(a) for a in entry.get("aliases") or [])]
        traps[label] = Trap(
            label=label,
            name=entry["name"],
            short=entry["short"],
            definition=entry["definition"],
            example=entry["example"],
            question=entry["question"],
            socratic=tuple(entry["socratic"]),
            aliases=tuple(dict.fromkeys(_normalise(n) for n in names)),
        )
    return traps


def trap(label: str) -> Trap:
    """The Trap for a detector label; KeyError names the label when it is unknown."""
    try:
        return _traps()[label]
    except KeyError:
        raise KeyError(f"no thinking trap called {label!r}") from None


def all_traps() -> list[Trap]:
    """Every trap, in the detector's label order."""
    return [trap(label) for label in LABELS]


GENERAL_QUESTIONS: tuple[str, ...] = tuple(_data()["general_questions"])
THOUGHT_RECORD_TEXT: str = _data()["thought_record"]


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias, longest first, so "blaming myself" (personalization)
    wins over "blaming", and "comparing and despairing" over "comparing"."""
    owner = {alias: t.label for t in all_traps() for alias in t.aliases}
    ordered = sorted(owner, key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z])(" + "|".join(re.escape(a) for a in ordered) + r")(?![a-z])")
    return pattern, owner


# A name said in order to rule it out: "not the all or nothing one",
# "definitely not mind reading", "it isn't labelling". "Not sure about
# labelling" is a hedge, not a negation: only these words may come between.
_NEGATION = re.compile(
    r"(?<![a-z])(?:not|no|never|isn't|isnt|wasn't|wasnt|nothing like|rather than|instead of|except|but not|"
    r"(?:don't|dont|do not) (?:think (?:it'?s|its|it is)|mean|want))"
    r"(?: (?:the|a|an|really|exactly|quite|so much|that|it'?s|its|it is|just|definitely|sure it'?s))*\s*$"
)


def _named(text: str) -> list[tuple[str, bool]]:
    """(label, ruled out) for every trap name in `text`, in order."""
    pattern, owner = _alias_pattern()
    said = _normalise(text)
    return [(owner[m.group(1)], bool(_NEGATION.search(said[: m.start()]))) for m in pattern.finditer(said)]


def labels_from_text(text: str) -> list[str]:
    """Every trap a person named in `text` ("mind reading and fortune telling"),
    in the order named, without repeats; [] when none is named. A trap named
    only to rule it out ("not the all or nothing one") is left out."""
    named = _named(text)
    ruled_out = {label for label, negated in named if negated}
    return list(dict.fromkeys(label for label, _ in named if label not in ruled_out))


def ruled_out_labels(text: str) -> list[str]:
    """Traps named only to rule them out ("not labelling"), in order, without repeats."""
    return list(dict.fromkeys(label for label, negated in _named(text) if negated))


def label_from_text(text: str) -> str | None:
    """The first trap named in `text` ("What is catastrophising?"), or None."""
    found = labels_from_text(text)
    return found[0] if found else None


def socratic_questions(labels: list[str]) -> list[str]:
    """Questions for the confirmed traps first, then the general ones; no repeats.

    Unknown labels are ignored, so a stale slot value cannot break the step.
    """
    questions = [q for label in labels if label in LABELS for q in trap(label).socratic]
    return list(dict.fromkeys([*questions, *GENERAL_QUESTIONS]))


def explain(label: str) -> str:
    """A chat-sized explanation: what it is, an example, and a question that helps."""
    t = trap(label)
    return f"{t.name}: {t.definition}\nFor example: {t.example}\nA question that helps: {t.question}"
