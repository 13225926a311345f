"""A practice round: ten drills in a row, scored, with missed traps coming back.

`practice_state` (a Rasa slot) is a small dict: the drill on screen, how many
were answered this round and how many were right.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from bot.cbt import drills
from bot.cbt import traps as trap_texts

ROUND_LENGTH = 10
STOP_WORDS = {"stop", "quit", "enough", "end", "stop practising", "stop practicing", "that's enough", "im done", "i'm done"}
ALL_WORDS = {"show all", "show all traps", "all traps", "full list"}
UNSURE_WORDS = {"idk", "i don't know", "i dont know", "no idea", "not sure", "pass", "skip"}


def new_state(total: int = ROUND_LENGTH) -> dict[str, Any]:
    return {"drill_id": None, "answered": 0, "right": 0, "total": total}


def choose(history: Sequence[Any], seed: Optional[int] = None) -> drills.Drill:
    """The next drill for someone with this stored practice history (oldest first)."""
    return drills.pick_next(list(history), random.Random(seed))


def options(drill: drills.Drill, count: int = 4) -> list[str]:
    """Buttons for a drill: its own labels among a few others, in a stable order."""
    rng = random.Random(drill.id)
    others = [t.label for t in trap_texts.all_traps() if t.label not in drill.labels]
    picked = list(drill.labels) + rng.sample(others, max(0, count - len(drill.labels)))
    rng.shuffle(picked)
    return picked


def question(drill: drills.Drill, state: dict[str, Any]) -> tuple[str, list[dict[str, str]]]:
    number = state["answered"] + 1
    text = (
        f"Practice {number} of {state['total']}\n"
        f"“{drill.thought}”\n"
        "Which thinking trap, or traps, do you see? Pick one or type several."
    )
    buttons = [{"title": trap_texts.trap(label).name, "payload": trap_texts.trap(label).name} for label in options(drill)]
    buttons += [{"title": "Show all traps", "payload": "show all traps"}, {"title": "Stop practising", "payload": "/stop_practice"}]
    return text, buttons


@dataclass
class Reply:
    """What one answer in a round leads to."""

    messages: list[tuple[str, list[dict[str, str]]]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    result: Optional[dict[str, Any]] = None  # to store: drill_id, thought, answer, labels, correct
    finished: bool = False
    answered: bool = False  # False when the same drill should be asked again


def answer(text: str, intent: Optional[str], confidence: float, state: dict[str, Any]) -> Reply:
    """Score `text` as the answer to the drill in `state`."""
    said = " ".join(text.lower().split()).strip(" .!")
    drill = drills.get(state.get("drill_id") or "")
    if (intent == "stop_practice" and confidence >= 0.6) or said in STOP_WORDS or drill is None:
        return Reply(state=state, finished=True)
    if said in ALL_WORDS:
        lines = "\n".join(f"• {t.name}: {t.short}" for t in trap_texts.all_traps())
        buttons = [{"title": t.name, "payload": t.name} for t in trap_texts.all_traps()]
        return Reply(messages=[(f"All the thinking traps:\n{lines}", buttons)], state=state)
    chosen = [] if said in UNSURE_WORDS else drills.labels_from_answer(text)
    if not chosen and said not in UNSURE_WORDS:
        return Reply(
            messages=[("I couldn't match that to a thinking trap. Pick one of the buttons, "
                       "type a name like “mind reading”, or say “not sure”.", [])],
            state=state,
        )
    feedback = drills.score_answer(drill, chosen)
    new_state = {
        **state,
        "drill_id": None,
        "answered": state["answered"] + 1,
        "right": state["right"] + int(feedback.correct),
    }
    result = {
        "drill_id": drill.id,
        "thought": drill.thought,
        "answer": text[:1000],
        "correct_labels": list(drill.labels),
        "chosen_labels": chosen,
        "correct": feedback.correct,
    }
    finished = new_state["answered"] >= new_state["total"]
    return Reply(messages=[(feedback.message, [])], state=new_state, result=result, finished=finished, answered=True)


def round_summary(state: dict[str, Any]) -> str:
    answered, right = state.get("answered", 0), state.get("right", 0)
    if not answered:
        return "No drills answered this time, and that's fine. Come back whenever you like."
    return (
        f"That's the end of this round: {right} out of {answered} right. "
        "The traps you missed will come up more often next time, so practice goes where it helps most."
    )
