"""A practice round: ten drills in a row, scored, with missed traps coming back.

`practice_state` (a Rasa slot) is a small dict: the drill on screen, how many
were answered this round and how many were right.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from bot.cbt import control, drills
from bot.cbt import traps as trap_texts

ROUND_LENGTH = 10
# Any way of saying stop ends a round: nothing half-done is lost by stopping.
STOPS = (control.STOP, control.PAUSE, control.ABANDON)
ALL_WORDS = {"show all", "show all traps", "all traps", "full list", "list them", "show the list", "the list"}
UNSURE_WORDS = {"idk", "i don't know", "i dont know", "no idea", "not sure", "pass", "skip", "dunno", "no clue", "next"}


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


def reask(state: dict[str, Any]) -> Optional[tuple[str, list[dict[str, str]]]]:
    """The drill on screen again, after a question about it was answered; else None."""
    drill = drills.get(state.get("drill_id") or "")
    if drill is None or not state.get("reshow"):
        return None
    return question(drill, state)


def question(drill: drills.Drill, state: dict[str, Any]) -> tuple[str, list[dict[str, str]]]:
    number = state["answered"] + 1
    text = (
        f"Practice {number} of {state['total']}\n"
        f"“{drill.thought}”\n"
        "Which thinking trap, or traps, do you see? Pick one or type several."
    )
    buttons = [{"title": trap_texts.trap(label).name, "payload": trap_texts.trap(label).name} for label in options(drill)]
    buttons += [{"title": "Show all traps", "payload": "show all traps"}, {"title": "Stop practising", "payload": "/pause"}]
    return text, buttons


@dataclass
class Reply:
    """What one answer in a round leads to."""

    messages: list[tuple[str, list[dict[str, str]]]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    response: Optional[str] = None  # a domain response to send before `messages`
    result: Optional[dict[str, Any]] = None  # to store: drill_id, thought, answer, labels, correct
    finished: bool = False
    answered: bool = False  # False when the same drill should be asked again


def answer(text: str, intent: Optional[str], confidence: float, state: dict[str, Any]) -> Reply:
    """Score `text` as the answer to the drill in `state`.

    A stop in any words ends the round; a question ("what is mind reading?",
    "what do you mean?") is answered and the same drill stays on screen.
    """
    said = " ".join(text.lower().split()).strip(" .!")
    drill = drills.get(state.get("drill_id") or "")
    stop = control.read(text, intent, confidence, STOPS) or control.read(text, intent, confidence, (control.SKIP,))
    if drill is None or (stop and stop != control.SKIP):
        return Reply(state=state, finished=True)
    if said in ALL_WORDS or "full list" in said or "all traps" in said or "show all" in said:
        return Reply(messages=[_all_traps()], state=state)
    question = _question(text, intent, confidence)
    if question is not None:
        question.state = {**state, "reshow": True}  # then the same drill again
        return question
    if control.says_all(text):
        return Reply(
            messages=[("Each example has one or two clear traps. Which ones stand out most to you? "
                       "Name them, or say “not sure” to see the answer.", [])],
            state=state,
        )
    unsure = stop == control.SKIP or said in UNSURE_WORDS or control.says_none(text)
    chosen = [] if unsure else drills.labels_from_answer(text)
    if not chosen and not unsure:
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


def _all_traps() -> tuple[str, list[dict[str, str]]]:
    lines = "\n".join(f"• {t.name}: {t.short}" for t in trap_texts.all_traps())
    buttons = [{"title": t.name, "payload": t.name} for t in trap_texts.all_traps()]
    return f"All the thinking traps:\n{lines}", buttons


_DEFINITION_START = ("what", "whats", "what's", "wat", "explain", "define", "definition", "meaning", "tell me", "how is", "how does", "remind me")


def _question(text: str, intent: Optional[str], confidence: float) -> Optional[Reply]:
    """A question in the middle of a drill, answered without scoring it."""
    said = control.core(text, trailing=False)
    label = trap_texts.label_from_text(text)
    if label and (said.startswith(_DEFINITION_START) or (intent == "ask_trap" and confidence >= control.CONFIDENCE
                                                        and "?" in text and not said.startswith(("is ", "maybe", "could")))):
        return Reply(messages=[(trap_texts.explain(label), [])])
    if label is None and intent == "ask_trap" and confidence >= control.CONFIDENCE and control.is_question(text):
        return Reply(messages=[_all_traps()])
    if control.asks_about_the_step(text) or (intent == "help" and confidence >= control.CONFIDENCE):
        return Reply(response="utter_practice_help")
    aside = control.aside(text, intent, confidence)
    if aside is not None:
        return Reply(response=aside.response)
    return None


def round_summary(state: dict[str, Any]) -> str:
    answered, right = state.get("answered", 0), state.get("right", 0)
    if not answered:
        return "No drills answered this time, and that's fine. Come back whenever you like."
    return (
        f"That's the end of this round: {right} out of {answered} right. "
        "The traps you missed will come up more often next time, so practice goes where it helps most."
    )
