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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
RECENT_WINDOW = 10
# In any RECENT_WINDOW drills in a row, one trap is the answer at most this
# often, so a trap someone keeps missing comes back without crowding out the rest.
MAX_SAME_TRAP = 2
MISS_BOOST = 4.0
NOVELTY_BONUS = 1.25

# Plain names and one-phrase meanings, used in feedback and summaries.
TRAP_NAMES: dict[str, tuple[str, str]] = {
    "all_or_nothing": ("all-or-nothing thinking", "seeing things in only two boxes, total success or total failure"),
    "overgeneralization": ("overgeneralising", "treating one event as a pattern that always happens"),
    "mental_filter": ("mental filter", "letting one negative detail colour the whole picture"),
    "disqualifying_positive": ("discounting the positive", "explaining good things away so they don't count"),
    "mind_reading": ("mind reading", "assuming you know what someone else is thinking"),
    "fortune_telling": ("fortune telling", "predicting that things will go badly as if it were certain"),
    "catastrophizing": ("catastrophising", "jumping to the worst possible outcome"),
    "emotional_reasoning": ("emotional reasoning", "taking a feeling as proof of a fact"),
    "should_statements": ('"should" statements', "holding rigid rules about how you or others must be"),
    "labeling": ("labelling", "summing up a whole person with one harsh word"),
    "personalization": ("personalising", "taking the blame for things that aren't only yours"),
    "blaming": ("blaming", "putting all the responsibility on someone else"),
    "comparing": ("comparing", "measuring yourself against others in a way that leaves you short"),
}


def plain_name(label: str) -> str:
    """The everyday name of a trap label ("mind_reading" -> "mind reading")."""
    return TRAP_NAMES.get(label, (label.replace("_", " "), ""))[0]


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
    raw = yaml.safe_load((DATA_DIR / "drills.yml").read_text(encoding="utf-8"))
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
        for label in TRAP_NAMES
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
        missed_text = "; ".join(
            f"{plain_name(m)} ({TRAP_NAMES.get(m, ('', ''))[1]})" if m in TRAP_NAMES else plain_name(m)
            for m in missed
        )
        if right:
            message = (
                f"You spotted {_join([plain_name(r) for r in right])}, well seen. "
                f"There's also {missed_text}. {drill.why}"
            )
        elif extra:
            message = (
                f"{_join([plain_name(x) for x in extra]).capitalize()} is an understandable "
                f"guess, but the clearest trap here is {missed_text}. {drill.why}"
            )
        else:
            message = f"This one is {missed_text}. {drill.why}"
    return DrillFeedback(correct, right, missed, extra, message)


# Fallback used only when bot.cbt.traps is unavailable: everyday ways of
# naming each trap. Kept as data, one engine reads it.
_LOCAL_CUES: dict[str, tuple[str, ...]] = {
    "all_or_nothing": (r"all[\s-]*or[\s-]*nothing", r"black[\s-]*(?:and|&|or)[\s-]*white", r"polari[sz]"),
    "overgeneralization": (r"over[\s-]*generali[sz]", r"generali[sz]"),
    "mental_filter": (r"mental[\s-]*filter", r"filter", r"focus(?:ing|sing)?\s+on\s+the\s+negative"),
    "disqualifying_positive": (r"disqualif", r"discount", r"dismiss\w*\s+(?:the\s+)?(?:positive|good)", r"positive"),
    "mind_reading": (r"mind[\s-]*read", r"read\w*\s+(?:their|his|her|people'?s)?\s*minds?"),
    "fortune_telling": (r"fortune[\s-]*tell", r"predict", r"future"),
    "catastrophizing": (r"catastroph", r"worst[\s-]*case", r"disaster"),
    "emotional_reasoning": (r"emotional[\s-]*reason", r"feelings?\s+(?:as|are)\s+facts?", r"\bemotional\b"),
    "should_statements": (r"\bshoulds?\b", r"\bmusts?\b", r"ought"),
    "labeling": (r"label", r"name[\s-]*calling"),
    "personalization": (r"personali[sz]", r"self[\s-]*blam", r"my\s+fault"),
    "blaming": (r"\bblam(?:e|ing)\b(?!\s+(?:my)?self)", r"(?:their|his|her|other'?s?)\s+fault"),
    "comparing": (r"compar", r"comparison"),
}


def _local_labels(text: str) -> list[str]:
    """Labels named in `text` by the local cue list, in order of mention."""
    lowered = re.sub(r"self[\s-]*blam\w*|blam\w*\s+(?:my)?self", " personalising ", text.lower())
    found: list[tuple[int, str]] = []
    for label, cues in _LOCAL_CUES.items():
        patterns = (re.escape(label), re.escape(label.replace("_", " ")), *cues)
        starts = [m.start() for p in patterns for m in [re.search(p, lowered)] if m]
        if starts:
            found.append((min(starts), label))
    return [label for _, label in sorted(found)]


def labels_from_answer(text: str) -> list[str]:
    """The trap labels a person named in a free-text answer, in order of mention.

    Uses `bot.cbt.traps.labels_from_text` (the shared trap vocabulary) when it
    is available and finds something; otherwise a small local cue list.
    """
    from bot.cbt.traps import labels_from_text, ruled_out_labels

    labels = [label for label in labels_from_text(text) if label in TRAP_NAMES]
    if labels or ruled_out_labels(text):
        # A trap named only to rule it out ("not mind reading") is no answer.
        return list(dict.fromkeys(labels))
    return _local_labels(text)


def session_score(results: Iterable[Any]) -> str:
    """A short tally of a practice session, e.g. "7 out of 10 right"."""
    outcomes = [bool(_field(r, "correct", False)) for r in results]
    if not outcomes:
        return "No drills answered yet"
    return f"{sum(outcomes)} out of {len(outcomes)} right"
