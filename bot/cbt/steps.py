"""The thought record's steps, and the record so far as the form's slots.

The steps, their order and titles, the domain responses that ask and explain
each one, and the functions that read a record's `state` (a dict from slot
name to value, plus `tr_notes`), turn it into the export contract's record and
back, and find the next step. What happens at a step is `bot.cbt.flow`'s job.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

SKIPPED = "__skipped__"


@dataclass(frozen=True)
class Step:
    slot: str
    title: str
    read: bool = False  # the answer is read into a value (ratings, feelings, traps), not kept as written


STEPS: tuple[Step, ...] = (
    Step("tr_situation", "Situation"),
    Step("tr_thought", "Automatic thought"),
    Step("tr_emotions", "Feelings", read=True),
    Step("tr_belief", "Belief", read=True),
    Step("tr_traps", "Thinking traps", read=True),
    Step("tr_evidence_for", "Evidence for"),
    Step("tr_evidence_against", "Evidence against"),
    Step("tr_alternative", "Balanced thought"),
    Step("tr_rerate", "Feelings now", read=True),
    Step("tr_belief_after", "Belief now", read=True),
    Step("tr_next_step", "Next step"),
)
SLOTS: tuple[str, ...] = tuple(step.slot for step in STEPS)
KEPT_AS_WRITTEN: frozenset[str] = frozenset(step.slot for step in STEPS if not step.read)
TITLES = {step.slot: step.title for step in STEPS}

# The thought record's step names (bot.cbt.record) as the form's slots.
RECORD_STEP_SLOTS = {
    "situation": "tr_situation",
    "automatic_thought": "tr_thought",
    "emotions": "tr_emotions",
    "belief": "tr_belief",
    "distortions": "tr_traps",
    "evidence_for": "tr_evidence_for",
    "evidence_against": "tr_evidence_against",
    "alternative_thought": "tr_alternative",
    "rerate": "tr_rerate",
    "next_step": "tr_next_step",
}

# The domain response that asks each step, and the one that explains it ("what do you mean?").
ASK = {slot: f"utter_ask_{slot}" for slot in SLOTS}
STEP_HELP = {slot: f"utter_step_help_{slot}" for slot in SLOTS}


def value(state: dict[str, Any], slot: str) -> Any:
    """A step's value, with skipped steps as None."""
    current = state.get(slot)
    return None if current == SKIPPED else current


def notes(state: dict[str, Any]) -> dict[str, Any]:
    """A copy of the record's side notes (suggested traps, a pending confirmation, a scaffold)."""
    return dict(state.get("tr_notes") or {})


def record_from_state(state: dict[str, Any]) -> dict[str, Any]:
    """The record in the export contract's shape, from the form's slots."""
    emotions = [dict(e) for e in value(state, "tr_emotions") or []]
    after = value(state, "tr_rerate") or {}
    for emotion in emotions:
        emotion["after"] = after.get(emotion["name"])
    return {
        "situation": value(state, "tr_situation"),
        "automatic_thought": value(state, "tr_thought"),
        "emotions": emotions,
        "belief_before": _rating(value(state, "tr_belief")),
        "belief_after": _rating(value(state, "tr_belief_after")),
        "distortions": list(value(state, "tr_traps") or []),
        "evidence_for": value(state, "tr_evidence_for"),
        "evidence_against": value(state, "tr_evidence_against"),
        "alternative_thought": value(state, "tr_alternative"),
        "next_step": value(state, "tr_next_step"),
    }


def _rating(raw: Any) -> Any:
    """A belief rating as stored: a number is kept; text that never went through the step's
    reading (it cannot be stored as a rating) is read now, or left out."""
    if not isinstance(raw, str):
        return raw
    from bot.cbt.ratings import parse_rating

    return parse_rating(raw).value


def state_from_record(record: dict[str, Any]) -> dict[str, Any]:
    """Slot values that resume a stored draft at its `current_step`.

    Steps before it were answered or skipped; empty ones there count as skipped.
    """
    emotions = record.get("emotions") or []
    rerate = {e["name"]: e["after"] for e in emotions if e.get("after") is not None}
    state: dict[str, Any] = {
        "tr_situation": record.get("situation"),
        "tr_thought": record.get("automatic_thought"),
        "tr_emotions": [{"name": e["name"], "before": e.get("before"), "after": None} for e in emotions] or None,
        "tr_belief": record.get("belief_before"),
        "tr_traps": record.get("distortions") or None,
        "tr_evidence_for": record.get("evidence_for"),
        "tr_evidence_against": record.get("evidence_against"),
        "tr_alternative": record.get("alternative_thought"),
        "tr_rerate": rerate or None,
        "tr_belief_after": record.get("belief_after"),
        "tr_next_step": record.get("next_step"),
    }
    resume_at = record.get("current_step")
    answered = SLOTS[: SLOTS.index(resume_at)] if resume_at in SLOTS else ()
    for slot in answered:
        if state[slot] is None:
            state[slot] = [] if slot == "tr_traps" else SKIPPED
    return state


def next_step(state: dict[str, Any]) -> Optional[str]:
    """The first step not yet answered (or skipped)."""
    return next((slot for slot in SLOTS if state.get(slot) is None), None)


def step_heading(slot: str) -> str:
    """"Step 4 of 11 · Belief": how each `utter_ask_<slot>` response opens."""
    return f"Step {SLOTS.index(slot) + 1} of {len(SLOTS)} · {TITLES[slot]}"
