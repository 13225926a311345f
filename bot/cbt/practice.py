"""A practice round: ten drills in a row, scored, with missed traps coming back.

`practice_state` (a Rasa slot) is a small dict: the drill on screen, how many
were answered this round and how many were right.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from bot.cbt import control, drills, side_questions
from bot.cbt import traps as trap_texts
from bot.cbt.messages import Message, say

ROUND_LENGTH = 10
# Any way of saying stop ends a round: nothing half-done is lost by stopping.
STOPS = (control.STOP, control.PAUSE, control.ABANDON)
ALL_WORDS = {"show all", "show all traps", "all traps", "full list", "list them", "show the list", "the list"}
UNSURE_WORDS = {"idk", "i don't know", "i dont know", "no idea", "not sure", "pass", "skip", "dunno", "no clue", "next"}


def new_state(total: int = ROUND_LENGTH) -> dict[str, Any]:
    """A fresh round: no drill on screen yet, nothing answered."""
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


def reask(state: dict[str, Any]) -> Optional[Message]:
    """The drill on screen again, after a question about it was answered; else None."""
    drill = drills.get(state.get("drill_id") or "")
    if drill is None or not state.get("reshow"):
        return None
    return question(drill, state)


def question(drill: drills.Drill, state: dict[str, Any]) -> Message:
    """`utter_ask_practice_answer` for this drill, with a few traps as buttons."""
    buttons = [{"title": trap_texts.trap(label).name, "payload": trap_texts.trap(label).name} for label in options(drill)]
    buttons += [{"title": "Show all traps", "payload": "show all traps"}, {"title": "Stop practising", "payload": "/pause"}]
    return say("utter_ask_practice_answer", buttons, number=state["answered"] + 1, total=state["total"], thought=drill.thought)


@dataclass
class Reply:
    """What one answer in a round leads to."""

    messages: list[Message] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    result: Optional[dict[str, Any]] = None  # to store: drill_id, thought, answer, labels, correct
    finished: bool = False
    answered: bool = False  # False when the same drill should be asked again


def answer(
    text: str, intent: Optional[str], confidence: float, state: dict[str, Any],
    history: Optional[Callable[[], Sequence[dict[str, Any]]]] = None,
) -> Reply:
    """Score `text` as the answer to the drill in `state`.

    A stop in any words ends the round; a question ("what is mind reading?",
    "what do you mean?", "which traps do I keep getting wrong?", answered from
    the stored practice `history`) is answered and the same drill stays on screen.
    """
    said = " ".join(text.lower().split()).strip(" .!")
    drill = drills.get(state.get("drill_id") or "")
    stop = control.read(text, intent, confidence, (*STOPS, control.SWITCH_EXPLORE)) or control.read(
        text, intent, confidence, (control.SKIP,)
    )
    if stop == control.SWITCH_EXPLORE:
        # "Can I just write instead?": the round ends and the journal opens.
        return Reply(state={**state, "then": "explore"}, finished=True)
    if drill is None or (stop and stop != control.SKIP):
        return Reply(state=state, finished=True)
    if said in ALL_WORDS or "full list" in said or "all traps" in said or "show all" in said:
        return Reply(messages=[_all_traps()], state=state)
    question = None
    if asks_about_missed_traps(text):
        question = Reply(messages=[missed_traps_message(list(history()) if history else [])])
    elif side_questions.asks_about_privacy(text):
        question = Reply(messages=[side_questions.answer(side_questions.PRIVACY)])
    question = question or _question(text, intent, confidence)
    if question is not None:
        question.state = {**state, "reshow": True}  # then the same drill again
        return question
    if control.says_all(text):
        return Reply(messages=[say("utter_practice_pick_some")], state=state)
    unsure = stop == control.SKIP or said in UNSURE_WORDS or control.says_none(text)
    chosen = [] if unsure else drills.labels_from_answer(text)
    if not chosen and not unsure:
        return Reply(messages=[say("utter_practice_no_match")], state=state)
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
    return Reply(messages=[Message(feedback.message)], state=new_state, result=result, finished=finished, answered=True)


def _all_traps() -> Message:
    """Every trap with its one-line meaning, and a button for each."""
    lines = "\n".join(f"• {t.name}: {t.short}" for t in trap_texts.all_traps())
    buttons = [{"title": t.name, "payload": t.name} for t in trap_texts.all_traps()]
    return say("utter_practice_all_traps", buttons, traps=lines)


_DEFINITION_START = ("what", "whats", "what's", "wat", "explain", "define", "definition", "meaning", "tell me", "how is", "how does", "remind me")


def _question(text: str, intent: Optional[str], confidence: float) -> Optional[Reply]:
    """A question in the middle of a drill, answered without scoring it."""
    said = control.core(text, trailing=False)
    named = trap_texts.labels_from_text(text)
    label = named[0] if named else None
    guessing = len(named) > 1 or said.startswith(("is ", "maybe", "could")) or control.hedged(text) and not text.rstrip().endswith("?")
    if label and (said.startswith(_DEFINITION_START) or (intent == "ask_trap" and confidence >= control.CONFIDENCE
                                                        and "?" in text and not guessing)):
        return Reply(messages=[trap_texts.explanation(label)])
    if label is None and intent == "ask_trap" and confidence >= control.CONFIDENCE and control.is_question(text):
        return Reply(messages=[_all_traps()])
    if control.asks_about_the_step(text) or (intent == "help" and confidence >= control.CONFIDENCE):
        return Reply(messages=[say("utter_practice_help")])
    aside = control.aside(text, intent, confidence)
    if aside is not None:
        return Reply(messages=[say(aside.response)])
    return None


def round_summary(state: dict[str, Any]) -> Message:
    """The score of the round that just ended, with what to do next."""
    answered, right = state.get("answered", 0), state.get("right", 0)
    if state.get("then") == "explore":
        return say("utter_practice_round_end_explore", right=right, answered=answered) if answered else say(
            "utter_start_explore"
        )
    if not answered:
        return say("utter_practice_round_empty")
    return say("utter_practice_round_end", right=right, answered=answered)


# "Which traps do I keep getting wrong?", "which ones am I bad at", "what are my weak spots?".
_MISSED = re.compile(
    r"\b(?:which|what)(?: (?:traps?|ones?|ones do|kinds?))?(?: (?:do|am|have|did))? i (?:keep |always |usually |often |still )?"
    r"(?:get(?:ting)?|got) (?:wrong|mixed up)|"
    r"\b(?:which|what)(?: (?:traps?|ones?))?(?: (?:do|did|have))? i (?:keep |always |usually |often |still )?(?:miss|missed|missing|mix up|struggle with)|"
    r"\b(?:which|what)(?: (?:traps?|ones?))?(?: (?:am|was))? i (?:bad|worst|weak|weakest|not good|rubbish|terrible|worse) (?:at|on|with)|"
    r"\bmy (?:weak|weakest|worst|problem) (?:spots?|traps?|ones?|areas?)|\bwhere (?:am i|do i) go(?:ing)? wrong|"
    r"\b(?:which|what) (?:traps?|ones?) (?:trip|trips) me up",
    re.I,
)


def asks_about_missed_traps(text: str) -> bool:
    """True when someone asks which thinking traps they keep missing in practice."""
    return bool(_MISSED.search(" ".join((text or "").lower().replace("\u2019", "'").split())))


def missed_traps(history: Sequence[dict[str, Any]], count: int = 3) -> list[tuple[str, int, int]]:
    """The traps missed most often in stored practice: (label, missed, seen), most missed first."""
    seen: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for result in history:
        chosen = set(result.get("chosen_labels") or [])
        for label in result.get("correct_labels") or []:
            seen[label] += 1
            missed[label] += int(label not in chosen)
    ranked = sorted((label for label in missed if missed[label]), key=lambda l: (-missed[l] / seen[l], -missed[l], l))
    return [(label, missed[label], seen[label]) for label in ranked[:count]]


def missed_traps_message(history: Sequence[dict[str, Any]]) -> Message:
    """The person's most-missed traps, by name, from their practice history."""
    if not history:
        return Message("There's no practice to go on yet: once you've answered a few drills, I can tell you which traps you miss most.")
    found = missed_traps(history)
    if not found:
        return Message(f"So far you've spotted every trap in your {len(history)} practice drills. Nice work.")
    listed = [f"{trap_texts.plain_name(label)} (missed {missed} of {seen})" for label, missed, seen in found]
    names = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return Message(
        f"From your practice so far, the traps you miss most are {names}. "
        "They come up more often in your rounds, so practice goes where it helps most."
        if len(listed) > 1 else
        f"From your practice so far, the trap you miss most is {names}. "
        "It comes up more often in your rounds, so practice goes where it helps most."
    )
