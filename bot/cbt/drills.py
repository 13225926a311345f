"""Practice drills: spot the thinking trap in an example thought.

The bank lives in `data/drills.yml` (example thoughts written for Reflect, each
with 1-2 trap labels and a one-line "why"). `pick_next` chooses the next drill
with simple spaced repetition: traps the person has missed come back more
often, and nothing shown in the last `RECENT_WINDOW` drills repeats.

Decisions:
- An answer is *correct* when every correct label is named. Extra labels do
  not make it wrong (several traps often overlap); the feedback mentions them
  as "also worth considering" and says which trap is the clearest here.
- Balance: in any ten drills in a row, the same trap is the answer at most
  twice; drills that would break this are left out while others remain.
- Weight of a drill = the highest weight among its labels, where a label's
  weight is 1 + 4 * misses / (times shown + 1); never-shown drills get a small
  novelty bonus. So a trap missed every time comes back about four times as
  often as one always spotted, yet every drill stays possible.
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot import datafiles
from bot.cbt.traps import labels_from_text, loosely_named, plain_name, ruled_out_labels, trap
from bot.nlp.distortions import LABELS

DATA_DIR = Path(__file__).resolve().parent / "data"
RECENT_WINDOW = 10
# In any RECENT_WINDOW drills in a row, one trap is the answer at most this
# often, so a trap someone keeps missing comes back without crowding out the rest.
MAX_SAME_TRAP = 2
MISS_BOOST = 4.0
NOVELTY_BONUS = 1.25

def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class Drill:
    """One example thought and the traps in it."""

    id: str
    thought: str
    labels: tuple[str, ...]
    why: str
    area: str = ""


@dataclass(frozen=True)
class DrillFeedback:
    """The result of one answer, ready to show and to store."""

    correct: bool
    right: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    message: str = ""


@lru_cache(maxsize=1)
def _bank() -> tuple[Drill, ...]:
    raw = datafiles.load(DATA_DIR / "drills.yml")
    return tuple(
        Drill(
            id=str(d["id"]),
            thought=str(d["thought"]),
            labels=tuple(d["labels"]),
            why=str(d["why"]),
            area=str(d.get("area", "")),
        )
        for d in raw["drills"]
    )


def bank() -> list[Drill]:
    """All drills, in file order."""
    return list(_bank())


def get(drill_id: str) -> Drill | None:
    """The drill with this id, or None."""
    return next((d for d in _bank() if d.id == drill_id), None)


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def _drill_id(item: Any) -> str | None:
    """History rows may carry a drill id, or only the thought (as exported)."""
    drill_id = _field(item, "drill_id")
    if drill_id:
        return str(drill_id)
    thought = _field(item, "thought")
    found = next((d for d in _bank() if d.thought == thought), None) if thought else None
    return found.id if found else None


def label_weights(history: Iterable[Any]) -> dict[str, float]:
    """How strongly each trap should come back: 1 + boost * misses / (shown + 1)."""
    shown: dict[str, int] = {}
    missed: dict[str, int] = {}
    for item in history:
        correct = list(_field(item, "correct_labels", []) or [])
        chosen = set(_field(item, "chosen_labels", []) or [])
        for label in correct:
            shown[label] = shown.get(label, 0) + 1
            if label not in chosen:
                missed[label] = missed.get(label, 0) + 1
    return {
        label: 1.0 + MISS_BOOST * missed.get(label, 0) / (shown.get(label, 0) + 1)
        for label in LABELS
    }


def pick_next(history: Sequence[Any], rng: random.Random | None = None) -> Drill:
    """Choose the next drill: missed traps more often, nothing from the last 10.

    `history` is oldest first; each item has "drill_id" (or "thought"),
    "correct_labels", "chosen_labels" and "correct". The same history and a
    seeded `rng` always give the same drill.
    """
    rng = rng or random.Random()
    drills = _bank()
    ids = [_drill_id(item) for item in history]
    recent = {i for i in ids[-RECENT_WINDOW:] if i}
    ever = {i for i in ids if i}
    candidates = [d for d in drills if d.id not in recent]
    if not candidates:  # only possible with a tiny bank: fall back to the oldest
        last_seen = {i: n for n, i in enumerate(ids)}
        candidates = sorted(drills, key=lambda d: last_seen.get(d.id, -1))[:1]
    balanced = _balanced(candidates, history)
    candidates = balanced or candidates
    weights = label_weights(history)
    scores = [
        max(weights.get(label, 1.0) for label in d.labels)
        * (NOVELTY_BONUS if d.id not in ever else 1.0)
        for d in candidates
    ]
    return rng.choices(candidates, weights=scores, k=1)[0]


def _balanced(candidates: list[Drill], history: Sequence[Any]) -> list[Drill]:
    """Candidates that keep every trap to MAX_SAME_TRAP answers in the last RECENT_WINDOW drills."""
    counts: dict[str, int] = {}
    for item in list(history)[-(RECENT_WINDOW - 1):]:
        labels = list(_field(item, "correct_labels", []) or [])
        if not labels:
            found = get(_drill_id(item) or "")
            labels = list(found.labels) if found else []
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
    return [d for d in candidates if all(counts.get(label, 0) < MAX_SAME_TRAP for label in d.labels)]


def score_answer(drill: Drill, chosen: Iterable[str]) -> DrillFeedback:
    """Compare the labels a person chose with the drill's, and explain kindly."""
    chosen_list = list(dict.fromkeys(chosen))
    right = [label for label in drill.labels if label in chosen_list]
    missed = [label for label in drill.labels if label not in chosen_list]
    extra = [label for label in chosen_list if label not in drill.labels]
    correct = not missed

    main = _join([plain_name(label) for label in drill.labels])
    if correct:
        message = f"Yes, that's {main}. {drill.why}"
        if extra:
            message += (
                f" You also named {_join([plain_name(x) for x in extra])}: worth "
                f"considering too, though {main} is the clearest trap here."
            )
    else:
        missed_text = _join([f"{plain_name(m)} ({trap(m).short})" if m in LABELS else plain_name(m) for m in missed])
        if right:
            message = (
                f"You spotted {_join([plain_name(r) for r in right])}, well seen. "
                f"There's also {missed_text}. {drill.why}"
            )
        elif extra:
            here = "the clearest trap here is" if len(missed) == 1 else "the traps here are"
            message = f"Not quite: {here} {missed_text}. {drill.why}"
        else:
            message = f"This one is {missed_text}. {drill.why}"
    return DrillFeedback(correct, right, missed, extra, message)


def labels_from_answer(text: str) -> list[str]:
    """The trap labels a person named in a free-text answer, in order of mention.

    Names and aliases first (`bot.cbt.traps.labels_from_text`); when none is
    named, and none is ruled out, the looser cues ("the positive one").
    """
    labels = labels_from_text(text)
    if labels or ruled_out_labels(text):
        # A trap named only to rule it out ("not mind reading") is no answer.
        return labels
    return loosely_named(text)


def session_score(results: Iterable[Any]) -> str:
    """A short tally of a practice session, e.g. "7 out of 10 right"."""
    outcomes = [bool(_field(r, "correct", False)) for r in results]
    if not outcomes:
        return "No drills answered yet"
    return f"{sum(outcomes)} out of {len(outcomes)} right"
