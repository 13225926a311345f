"""The thought record's answers and prompts, independent of Rasa.

`prompt(step, state)` names the domain response that asks a step
(`utter_ask_<slot>`) with the values it needs; `answer(step, turn, state)`
reads a person's answer and decides what happens: the value for the step, a
kind re-ask, a jump back, a pause, an abandon (after confirming) or a switch to
the exploratory mode. The Rasa form `thought_record_form` only adapts these
to slots (see `actions/thought_record.py`).

The steps and the record's `state` (the form's slots, plus `tr_notes`) are in
`bot.cbt.steps`, a message and what it changes (`Turn`, `Outcome`) in
`bot.cbt.turns`, and the thinking-traps step in `bot.cbt.trap_step`; their
public names are importable from here too, as callers always have.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from bot.cbt import control, correction, record, side_questions
from bot.cbt import traps as trap_texts
from bot.cbt.emotions import Emotion, only_feelings, parse_emotions, parse_rerating, with_earlier_feelings
from bot.cbt.messages import Message, say
from bot.cbt.ratings import parse_rating
from bot.cbt.refusal import refuses_the_record
from bot.cbt.scaffold import alternative_scaffold, scaffold_sentence
from bot.cbt.steps import (
    ASK,
    KEPT_AS_WRITTEN,
    RECORD_STEP_SLOTS,
    SKIPPED,
    SLOTS,
    STEP_HELP,
    TITLES,
    next_step,
    notes,
    record_from_state,
    state_from_record,
    step_heading,
    value,
)
from bot.cbt.trap_step import (
    all_traps_message, asks_what_a_trap_is, asks_what_traps_are, confirm_traps, names, read_traps, suggestions_for, traps_prompt,
)
from bot.cbt.turns import ACCEPT_WORDS, CONTROL_MAX_WORDS, Outcome, Turn, says_stuck

# What callers use from here: the flow's own functions and the steps' and turns' names.
__all__ = [
    "ASK", "RECORD_STEP_SLOTS", "SKIPPED", "SLOTS", "STEP_HELP", "TITLES", "Outcome", "Turn",
    "all_traps_message", "answer", "asks_what_a_trap_is", "next_step", "notes", "prompt",
    "record_from_state", "state_from_record", "step_heading", "suggestions_for", "value", "wants_to_go_back",
]

MAX_TEXT = 5000  # characters kept per step; longer answers are cut, with a note
# The step a person may skip only after one word on why it matters.
HEART_OF_THE_RECORD = "tr_evidence_against"


# --- prompts -------------------------------------------------------------


def _quote(text: Optional[str], limit: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def prompt(slot: str, state: dict[str, Any]) -> Message:
    """The response that asks `slot` (`utter_ask_<slot>`), with the person's own words where it quotes them."""
    if slot not in SLOTS:
        raise ValueError(f"unknown step {slot}")
    thought = _quote(value(state, "tr_thought"))
    if slot == "tr_belief":
        return say(ASK[slot], thought=f"“{thought}”" if thought else "the thought")
    if slot == "tr_traps":
        return traps_prompt(state)
    if slot == "tr_evidence_against":
        questions = trap_texts.socratic_questions(list(value(state, "tr_traps") or []))[:2]
        return say(ASK[slot], questions=" ".join(questions))
    if slot == "tr_rerate":
        emotions = value(state, "tr_emotions") or []
        listed = ", ".join(
            f"{e['name']} (was {e['before']})" if e.get("before") is not None else e["name"] for e in emotions
        )
        example = ", ".join(f"{e['name']} 40" for e in emotions[:2])
        return say(ASK[slot], feelings=listed, example=example)
    if slot == "tr_belief_after":
        return say(ASK[slot], thought=f"“{thought}”" if thought else "the original thought")
    return say(ASK[slot])


# --- answers -------------------------------------------------------------


def _back_target(turn: Turn, current: str) -> str:
    """The step a person asked to go back to: the one they named, else the previous one."""
    named = RECORD_STEP_SLOTS.get(record.detect_back_target(turn.text) or "")
    if named and named != current:
        return named
    position = SLOTS.index(current)
    return SLOTS[max(position - 1, 0)]


def wants_to_go_back(turn: Turn) -> bool:
    """A short request to revisit a step ("wait, change the situation", "go back")."""
    short = len(turn.text.split()) <= CONTROL_MAX_WORDS
    if turn.control() == control.BACK or (short and record.detect_back_target(turn.text) is not None):
        return True
    if len(turn.text.split()) <= 14 and _DISOWNS_LAST_ANSWER.search(turn.text):
        return True  # "wait that was a question, not my answer"
    # "... it is not evidence. can I go back and write the evidence against again": a later clause asks.
    parts = control.clauses(turn.text)
    later = [clause for clause, _ in parts[1:]]
    if later and record.detect_back_target(later[-1]) == record.PREVIOUS and not _REPORTED_BEFORE.search(
        turn.text[: turn.text.lower().rfind(later[-1].lower())]
    ):
        return True  # "hang on i was asking you something. go back": a bare "go back" closing the message
    return any(
        control.request_shaped(clause) and record.detect_back_target(clause) not in (None, record.PREVIOUS)
        for clause in later
    )


# The last answer taken was not meant as one: "that was a question not my answer", "that wasn't my balanced thought".
_DISOWNS_LAST_ANSWER = re.compile(
    r"\b(?:that|it|this)(?:'?s| was| is|s)(?:n'?t| not)? (?:a question|me asking(?: you)?(?: something)?)(?:,? not (?:an?|my) (?:answer|\w+(?: \w+)?))?\W*$|"
    r"\b(?:that|it|this) (?:was ?n'?t|wasnt|was not|isn'?t|is not) (?:meant as )?(?:my|an|the) (?:answer|balanced thought|evidence(?: for| against)?|situation|thought)\b|"
    r"\bi was (?:asking|trying to ask) you (?:something|a question)\W*$",
    re.I,
)
_REPORTED_BEFORE = re.compile(r"\b(?:said|says|told (?:me|him|her|them|us)|asked|kept saying|shouted|yelled|goes|went)\W*$", re.I)


def answer(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    """Read the person's answer at step `slot`.

    Commands, questions and answers are told apart by what the whole message
    means (see `bot.cbt.control`); anything that is not clearly a command or
    a question is the answer to the step.
    """
    pending = notes(state).get("confirm")
    if pending and turn.control() in (control.PAUSE, control.SWITCH_EXPLORE):
        # "No, let's just stop here": leaving is never read as the answer to a pending question,
        # but a yes before it ("yes, note it. but I want to stop") notes the traps first.
        offered = None
        if pending == "traps" and slot == "tr_traps":
            offered = list(dict.fromkeys([*(notes(state).get("kept_traps") or []), *(notes(state).get("offered_traps") or [])]))
        state = {**state, "tr_notes": {
            k: v for k, v in notes(state).items() if k not in ("confirm", "offered_traps", "kept_traps")
        }}
        outcome = _answer(slot, turn, state)
        outcome.slots.setdefault("tr_notes", notes(state))
        if offered and _opens_with_yes(turn.text):
            outcome.slots[slot] = list(offered)
            outcome.messages.insert(0, say("utter_traps_noted", traps=names(offered)))
        return outcome
    if pending:
        asking = notes(state)
        rest = {k: v for k, v in asking.items() if k != "confirm"}
        handled = _PENDING.get(pending, lambda *_: None)(slot, turn, state, rest)
        if handled is not None:
            return handled
        # Neither yes nor no: the message is an answer to the step after all.
        rest = {k: v for k, v in rest.items() if k not in ("offered_traps", "kept_traps", "then_new")}
        state = {**state, "tr_notes": rest}
        outcome = _answer(slot, turn, state)
        if pending == "abandon" and outcome.reasked and outcome.end is None:
            # Not an answer to this step either (a new situation at the traps step): ask the question again.
            asked_again = {**rest, "confirm": "abandon"}
            if asking.get("then_new"):
                asked_again["then_new"] = True
            return Outcome(slots={slot: None, "tr_notes": asked_again}, reasked=True).respond("utter_confirm_abandon_again")
        outcome.slots.setdefault("tr_notes", {**rest, **notes(outcome.slots)})
        return outcome
    return _answer(slot, turn, state)


def _answered_then_paused(slot: str, turn: Turn, state: dict[str, Any]) -> Optional[Outcome]:
    """ "70. ok lets stop here": a rating, feelings or traps before a closing pause are kept, then the
    record pauses. Written answers are not: "this feels like filling in a form. lets stop" may be no
    answer at all, and a step read into a value says whether it is one.

    None when the pause is the whole message or what comes before it is no answer to this step."""
    if slot in KEPT_AS_WRITTEN:
        return None
    parts = control.clauses(turn.text)
    if len(parts) < 2 or control.explicit(parts[-1][0]) != control.PAUSE:
        return None
    before = turn.text[: turn.text.rfind(parts[-1][0])].strip(" ,.;:-\u2013\u2014")
    if not before:
        return None
    outcome = _answer(slot, Turn(before), state)
    if outcome.saved_step != slot or outcome.reasked or outcome.end or outcome.slots.get(slot) is None:
        return None
    outcome.end = "paused"
    return outcome


_YES_FIRST = re.compile(
    r"^(?:yes|yeah|yea|ye|yep|yup|ya|sure|ok|okay|fine|alright|right|correct|true)\b(?:\W+(?:fine|ok|okay|sure|yes|"
    r"note it|add it|put it|keep it|that one|it does|it fits|that fits))*\W*$"
)


def _opens_with_yes(text: str) -> bool:
    """True when the message's first clause is a yes ("ye fine note it. but ...")."""
    parts = control.clauses(text)
    first = " ".join(re.sub(r"[^\w\s']", " ", parts[0][0].lower()).split()) if parts else ""
    return bool(_YES_FIRST.match(first))


def _answer(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    command = turn.control()
    if command == control.PAUSE:
        return _answered_then_paused(slot, turn, state) or Outcome(slots={slot: None}, end="paused")
    if command == control.ABANDON:
        new_notes = {**notes(state), "confirm": "abandon"}
        if control.starts_new(turn.text):
            new_notes["then_new"] = True  # "throw the old one away and start new"
        return Outcome(slots={slot: None, "tr_notes": new_notes}, reasked=True).respond("utter_confirm_abandon")
    if command == control.SWITCH_EXPLORE or (command is None and refuses_the_record(turn.text, state)):
        return Outcome(slots={slot: None}, end="switch_explore")  # (refusal.py: "No, I said the opposite")
    if wants_to_go_back(turn):
        target = _back_target(turn, slot)
        return Outcome(slots={slot: None, target: None}).respond("utter_going_back", step=TITLES[target])
    if command == control.SKIP:
        return _skip(slot, state)

    question = _question(slot, turn, state)
    if question is not None:
        return question
    if control.pressed(turn.text) == "choose_cbt":
        return Outcome(slots={slot: None}).respond("utter_already_in_record")

    text = turn.text.strip()
    if not text:
        return Outcome(slots={slot: None}, reasked=True).respond("utter_empty_answer")
    fixed = correction.read(text, slot)
    if fixed is not None:
        return _correct(slot, fixed, turn, state)
    reader = _READERS.get(slot, _read_text)
    return reader(slot, turn, state)


def _correct(slot: str, fixed: correction.Correction, turn: Turn, state: dict[str, Any]) -> Outcome:
    """"I put X in the last one by mistake, the thought was Y": Y replaces that answer.

    What came before the correction answers the step on screen; if nothing
    did, or the earlier step cannot be read from Y, that step is asked next.
    """
    earlier = fixed.slot
    redone = _READERS.get(earlier, _read_text)(earlier, Turn(fixed.value, turn.intent, 0.0), state)
    value_now = redone.slots.get(earlier)
    if fixed.slot == slot:
        return _with_next_step_answered(slot, fixed.rest, turn, state, redone)
    if value_now is None:
        # Y does not read as that step's answer: go back and ask it.
        return Outcome(slots={slot: None, earlier: None}).respond("utter_going_back", step=TITLES[earlier])
    outcome = Outcome(slots={earlier: value_now}, saved_step=earlier)
    if earlier in KEPT_AS_WRITTEN:
        outcome.respond("utter_answer_corrected", step=TITLES[earlier].lower(), value=_quote(fixed.value))
    else:
        outcome.respond("utter_answer_corrected_plain", step=TITLES[earlier].lower())
    if not fixed.rest:
        outcome.slots[slot] = None
        return outcome
    here = _READERS.get(slot, _read_text)(slot, Turn(fixed.rest, turn.intent, 0.0), {**state, **outcome.slots})
    outcome.slots.update(here.slots)
    outcome.messages += here.messages
    outcome.reasked = here.reasked
    outcome.saved_step = here.saved_step or earlier
    return outcome


def _question(slot: str, turn: Turn, state: dict[str, Any]) -> Optional[Outcome]:
    """A question about a trap, the step or anything else: answered, then the step is asked again."""
    if asks_what_traps_are(turn.text):
        return Outcome(slots={slot: None}).respond("utter_what_is_a_thinking_trap")
    label = asks_what_a_trap_is(turn)
    if label:
        return Outcome(slots={slot: None}, messages=[trap_texts.explanation(label)])
    if (turn.intent == "ask_trap" and turn.confidence >= control.CONFIDENCE and control.is_question(turn.text)
            and not (slot == "tr_traps" and trap_texts.labels_from_text(turn.text))):
        message = all_traps_message(with_buttons=slot == "tr_traps")
        return Outcome(slots={slot: None}, reasked=slot == "tr_traps", messages=[message])
    asked = side_questions.read(turn.text)
    if asked is not None and asked.kind in (side_questions.ADVICE, side_questions.NORMAL):
        boundary = control.aside(turn.text, turn.intent, turn.confidence)
        if boundary is not None and boundary.intent in _BOUNDARIES:
            return Outcome(slots={slot: None}).respond(boundary.response)  # "should I stop my meds?": its own answer
        if side_questions.about_medication(turn.text):
            return Outcome(slots={slot: None}).respond(control.ASIDE_RESPONSES["ask_medication"])
    if asked is not None and not (asked.kind == side_questions.TERM and asked.term == "tr_traps"):
        return _side_question(slot, asked, turn, state)
    if control.asks_about_the_step(turn.text):
        return Outcome(slots={slot: None}).respond(STEP_HELP[slot])
    stuck = says_stuck(turn.text) or turn.is_control("stuck")
    if stuck and slot not in ("tr_alternative", "tr_traps"):
        return Outcome(slots={slot: None}).respond(STEP_HELP[slot])
    aside = control.aside(turn.text, turn.intent, turn.confidence)
    if aside is not None and slot in KEPT_AS_WRITTEN and side_questions.not_asked_of_reflect(turn.text):
        aside = None  # "what else could happen? I might pass": the question is part of the answer
    if aside is not None and not (aside.intent == "help" and slot == "tr_alternative"):
        return Outcome(slots={slot: None}).respond(aside.response)
    return None


# Questions with an answer of their own, about a professional's part: medication, a diagnosis, therapy.
_BOUNDARIES = frozenset({"ask_medication", "ask_diagnosis", "ask_therapist", "medical_emergency"})

# Ratings and feelings: an answer after a question about the step is read ("what do you mean by believe it? maybe 85").
_READ_AFTER_QUESTION = ("tr_emotions", "tr_belief", "tr_rerate", "tr_belief_after")


def _term_help(slot: str, term: Optional[str]) -> str:
    """The response that explains `term` ("evidence", "belief", "rating" or a step's slot) at step `slot`."""
    if term == "evidence":
        return STEP_HELP[slot if slot in ("tr_evidence_for", "tr_evidence_against") else "tr_evidence_for"]
    if term == "belief":
        return STEP_HELP["tr_belief_after" if slot == "tr_belief_after" else "tr_belief"]
    if term == "rating":
        return STEP_HELP[slot if slot in _READ_AFTER_QUESTION else "tr_belief"]
    return STEP_HELP.get(term or "", STEP_HELP[slot])


def _side_question(slot: str, asked: side_questions.SideQuestion, turn: Turn, state: dict[str, Any]) -> Outcome:
    """A question to Reflect at a step: answered, never kept as the answer; the step is asked again
    unless an answer to a rating step follows the question."""
    if asked.kind != side_questions.TERM:
        return Outcome(slots={slot: None}, messages=[side_questions.answer(asked.kind)])
    outcome = Outcome(slots={slot: None}).respond(_term_help(slot, asked.term))
    if slot in _READ_AFTER_QUESTION and asked.rest and _has_words(asked.rest):
        read = _READERS.get(slot, _read_text)(slot, Turn(asked.rest, turn.intent, 0.0), state)
        if not read.reasked and read.slots.get(slot) is not None:
            read.messages = outcome.messages + read.messages
            return read
    return outcome


def _confirm_abandon(slot: str, turn: Turn, state: dict[str, Any], rest: dict[str, Any]) -> Optional[Outcome]:
    """Yes throws the record away, no keeps it; anything else is an answer to the step."""
    said = control.core(turn.text, trailing=False)
    then_new = bool(rest.pop("then_new", False)) or control.starts_new(turn.text)
    yes = turn.intent == "affirm" or turn.normalised in ACCEPT_WORDS or bool(_YES_FIRST.match(turn.normalised))
    if yes or turn.control() == control.ABANDON:
        return Outcome(slots={slot: None, "tr_notes": rest}, end="abandoned_new" if then_new else "abandoned")
    if turn.intent == "deny" or said in ("no", "nope", "nah", "no thanks", "keep going", "no keep going", "keep it"):
        return Outcome(slots={slot: None, "tr_notes": rest}).respond("utter_keep_going")
    return None


def _confirm_skip(slot: str, turn: Turn, state: dict[str, Any], rest: dict[str, Any]) -> Optional[Outcome]:
    """After one word on why the evidence against matters: skip anyway, or have a go."""
    if slot != HEART_OF_THE_RECORD:
        return None
    if turn.control() == control.SKIP or "anyway" in turn.normalised or turn.intent == "deny":
        outcome = _skip(slot, state)
        outcome.slots["tr_notes"] = rest
        return outcome
    if turn.intent == "affirm" or turn.normalised in ("ok", "okay", "sure", "i'll have a go", "ill have a go", "have a go"):
        return Outcome(slots={slot: None, "tr_notes": rest})
    return None


_PENDING = {"abandon": _confirm_abandon, "traps": confirm_traps, "skip": _confirm_skip}


def _skip(slot: str, state: dict[str, Any]) -> Outcome:
    if slot == HEART_OF_THE_RECORD and not notes(state).get("nudged"):
        new_notes = {**notes(state), "confirm": "skip", "nudged": True}
        return Outcome(slots={slot: None, "tr_notes": new_notes}, reasked=True).respond("utter_evidence_against_matters")
    slots: dict[str, Any] = {slot: SKIPPED}
    if slot == "tr_emotions":
        slots["tr_rerate"] = SKIPPED
    if slot == "tr_belief":
        slots["tr_belief_after"] = SKIPPED
    return Outcome(slots=slots, saved_step=slot).respond("utter_skipped")


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _read_text(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    text = turn.text.strip()
    if not _has_words(text):
        return Outcome(slots={slot: None}, reasked=True).respond("utter_no_words")
    outcome = Outcome(slots={slot: text[:MAX_TEXT]}, saved_step=slot)
    if len(text) > MAX_TEXT:
        outcome.respond("utter_answer_shortened", limit=MAX_TEXT)
    return outcome


def _with_next_step_answered(slot: str, rest: str, turn: Turn, state: dict[str, Any], outcome: Outcome) -> Outcome:
    """"sad 70 tense 40. oops, the thought was X" at the thought: the first part answers the next step.

    It is kept only when it reads cleanly as that step's answer; otherwise the
    next step is asked as usual.
    """
    position = SLOTS.index(slot)
    if not rest or outcome.slots.get(slot) is None or position + 1 >= len(SLOTS):
        return outcome
    following = SLOTS[position + 1]
    if state.get(following) is not None:
        return outcome
    ahead = _READERS.get(following, _read_text)(following, Turn(rest, turn.intent, 0.0), {**state, **outcome.slots})
    if ahead.reasked or ahead.slots.get(following) is None or following in KEPT_AS_WRITTEN:
        return outcome
    outcome.slots[following] = ahead.slots[following]
    outcome.saved_step = following
    return outcome


def _read_thought(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    """The thought as written; a list of feelings gets one word that they come next."""
    if only_feelings(turn.text) and not notes(state).get("feelings_for_thought"):
        new_notes = {**notes(state), "feelings_for_thought": True}
        return Outcome(slots={slot: None, "tr_notes": new_notes}, reasked=True).respond("utter_thought_not_feelings")
    return _read_text(slot, turn, state)


def _read_emotions(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    waiting = [Emotion(w["name"], w["rating"]) for w in notes(state).get("feelings_waiting") or []]
    result = with_earlier_feelings(waiting, turn.text) if waiting else parse_emotions(turn.text)
    rest = {k: v for k, v in notes(state).items() if k != "feelings_waiting"}
    if not result.complete:
        # Feelings named without a number are kept: "maybe thirty?" next is their rating.
        kept = {"feelings_waiting": [{"name": e.name, "rating": e.rating} for e in result.emotions]} if result.emotions else {}
        outcome = Outcome(slots={slot: None, "tr_notes": {**rest, **kept}}, reasked=True)
        return outcome.say(result.problem) if result.problem else outcome.respond("utter_ask_feeling_again")
    slots: dict[str, Any] = {slot: result.as_records()}
    if waiting:
        slots["tr_notes"] = rest
    return Outcome(slots=slots, saved_step=slot)


def _read_rating(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    result = parse_rating(turn.text)
    if result.value is None:
        outcome = Outcome(slots={slot: None}, reasked=True)
        return outcome.say(result.problem) if result.problem else outcome.respond("utter_ask_rating_again")
    outcome = Outcome(slots={slot: result.value}, saved_step=slot)
    if result.note:
        outcome.say(result.note)
    return outcome


def _read_alternative(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    if says_stuck(turn.text) or turn.is_control("stuck") or turn.is_control("help"):
        evidence = (value(state, "tr_thought") or "", value(state, "tr_evidence_for"), value(state, "tr_evidence_against"))
        sentence = scaffold_sentence(*evidence)
        buttons = [{"title": "Use this thought", "payload": sentence}] if sentence else []
        return Outcome(slots={slot: None}, reasked=True).say(alternative_scaffold(*evidence), buttons)
    introduced = _INTRODUCED.match(turn.text.strip())
    if introduced and len(introduced.group("before").split()) <= 8:
        # "thats a bit long lol. id say: I struggled with one question...": the words after the colon.
        return _read_text(slot, Turn(introduced.group("value"), turn.intent, turn.confidence), state)
    return _read_text(slot, turn, state)


# A balanced thought introduced after a word about the suggestion: "that's a bit long lol. i'd say: ...".
_INTRODUCED = re.compile(
    r"^(?P<before>(?:.{0,80}?(?:[.!?]+\s+|,\s*))?)(?:ok |okay |so |then |hmm |um )?"
    r"(?:i'?d|id|i would|i'?ll|ill|i will|let me|lets|let's|i think i'?ll|i guess i'?ll|maybe) "
    r"(?:say|put|write|go with|try|rather say|rather put|change it to)\s*[:\-\u2013\u2014]\s*(?P<value>\S.*)$",
    re.I | re.S,
)


def _read_rerate(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    earlier = notes(state).get("added_after") or {}  # feelings added (and rated) in an earlier try
    names = [e["name"] for e in value(state, "tr_emotions") or [] if e["name"] not in earlier]
    if not names:
        return Outcome(slots={slot: dict(earlier) or SKIPPED}, saved_step=slot)
    result = parse_rerating(turn.text, names)
    slots: dict[str, Any] = {}
    if result.added:
        # Feelings missed at the start, rated now: they join the record with no "before".
        slots["tr_emotions"] = [*(value(state, "tr_emotions") or []),
                                *({"name": e.name, "before": None, "after": None} for e in result.added)]
    if not result.complete:
        if result.added:
            slots["tr_rerate"] = None
            slots["tr_notes"] = {**notes(state), "added_after": {**earlier, **{e.name: e.rating for e in result.added}}}
        outcome = Outcome(slots={**slots, slot: None}, reasked=True)
        return outcome.say(result.problem) if result.problem else outcome.respond("utter_ask_rerate_again")
    return Outcome(slots={**slots, slot: {**earlier, **result.as_dict()}}, saved_step=slot)


_READERS = {
    "tr_thought": _read_thought,
    "tr_emotions": _read_emotions,
    "tr_belief": _read_rating,
    "tr_traps": read_traps,
    "tr_alternative": _read_alternative,
    "tr_rerate": _read_rerate,
    "tr_belief_after": _read_rating,
}
