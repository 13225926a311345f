"""Sentences composed from parts, for part of tier 2's training data.

A `compose:` block of a file in `bot/nlp/data/` names slots (lists of phrases
written for the project: means, places, times, openers in many voices) and
templates by warning-sign category, e.g.

    slots:
      means: [the pills, a razor, ...]
      now: [right now, tonight, ...]
    risk:
      means_with_time: ["{opener}ive got {means} here and im doing it {now}"]

Each template yields up to `per_template` different sentences, with slot
values drawn by a seeded random generator, so the training set is the same on
every machine. A slot value may itself name slots ("{means} in {place}").
"""
from __future__ import annotations

import random
import re
from typing import Any

_SLOT = re.compile(r"\{(\w+)\}")
MAX_DEPTH = 4


def _fill(template: str, slots: dict[str, list[str]], rng: random.Random, depth: int = 0) -> str:
    def choose(match: re.Match[str]) -> str:
        value = rng.choice(slots[match.group(1)])
        return _fill(str(value), slots, rng, depth + 1) if depth < MAX_DEPTH else str(value)

    return _SLOT.sub(choose, template)


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,")


def _expand(templates: Any, slots: dict[str, list[str]], rng: random.Random, per_template: int) -> list[str]:
    if isinstance(templates, dict):
        return [text for group in templates.values() for text in _expand(group, slots, rng, per_template)]
    found: list[str] = []
    for template in templates or []:
        seen: set[str] = set()
        for _ in range(per_template * 3):
            seen.add(_tidy(_fill(str(template), slots, rng)))
            if len(seen) >= per_template:
                break
        found += sorted(seen)
    return found


def compose(block: dict[str, Any]) -> dict[str, list[str]]:
    """{"risk": [...], "everyday": [...]} composed from one `compose:` block."""
    rng = random.Random(int(block.get("seed", 7)))
    slots = {name: [str(v) for v in values] for name, values in (block.get("slots") or {}).items()}
    per_template = int(block.get("per_template", 20))
    return {
        "risk": _expand(block.get("risk"), slots, rng, per_template),
        "everyday": _expand(block.get("everyday"), slots, rng, per_template),
    }
