"""What each thinking trap is, in plain words (data: `bot/cbt/data/traps.yml`).

Used for "what is catastrophizing?", for the one-line explanations beside
suggested traps, for reading trap names out of an answer, and for choosing
Socratic questions for the evidence steps of a thought record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.nlp.distortions import LABELS

DATA_FILE = Path(__file__).resolve().parent / "data" / "traps.yml"


@dataclass(frozen=True)
class Trap:
    label: str
    name: str
    short: str
    definition: str
    example: str
    question: str
    socratic: tuple[str, ...]
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _traps() -> dict[str, Trap]:
    raw = _data()["traps"]
    return {
        label: Trap(
            label=label,
            name=raw[label]["name"],
            short=raw[label]["short"],
            definition=raw[label]["definition"],
            example=raw[label]["example"],
            question=raw[label]["question"],
            socratic=tuple(raw[label]["socratic"]),
            aliases=tuple(str(a).lower() for a in raw[label]["aliases"]) + (raw[label]["name"].lower(),),
        )
        for label in LABELS
    }


def trap(label: str) -> Trap:
    return _traps()[label]


def all_traps() -> list[Trap]:
    return [trap(label) for label in LABELS]


GENERAL_QUESTIONS: tuple[str, ...] = tuple(_data()["general_questions"])
THOUGHT_RECORD_TEXT: str = _data()["thought_record"]


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias, longest first, so "comparing and despairing" beats "comparing"."""
    owner = {alias: t.label for t in all_traps() for alias in t.aliases}
    ordered = sorted(owner, key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z])(" + "|".join(re.escape(a) for a in ordered) + r")(?![a-z])")
    return pattern, owner


def labels_from_text(text: str) -> list[str]:
    """Every trap a person named in `text`, in the order named, without repeats."""
    pattern, owner = _alias_pattern()
    lowered = " ".join((text or "").lower().replace("’", "'").split())
    return list(dict.fromkeys(owner[m.group(1)] for m in pattern.finditer(lowered)))


def label_from_text(text: str) -> str | None:
    """The first trap named in `text`, or None."""
    found = labels_from_text(text)
    return found[0] if found else None


def socratic_questions(labels: list[str]) -> list[str]:
    """Questions for the confirmed traps first, then the general ones; no repeats."""
    questions = [q for label in labels if label in LABELS for q in trap(label).socratic]
    return list(dict.fromkeys([*questions, *GENERAL_QUESTIONS]))


def explain(label: str) -> str:
    """A chat-sized explanation: what it is, an example, and a question that helps."""
    t = trap(label)
    return f"{t.name}: {t.definition}\nFor example: {t.example}\nA question that helps: {t.question}"
