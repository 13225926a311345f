"""The thought record as a sequence of steps, independent of Rasa.

`prompt(step, state)` names the domain response that asks a step
(`utter_ask_<slot>`) with the values it needs; `answer(step, turn, state)`
reads a person's answer and decides what happens: the value for the step, a
kind re-ask, a jump back, a pause, an abandon (after confirming) or a switch to
the exploratory mode. The Rasa form `thought_record_form` only adapts these
to slots (see `actions/thought_record.py`).

`state` is the record so far as the form's slots: a dict from slot name to
value, plus `tr_notes` (suggested traps, a pending confirmation, a scaffold).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from bot.cbt import control, record
from bot.cbt import traps as trap_texts
from bot.cbt.emotions import parse_emotions, parse_rerating
from bot.cbt.messages import Message, say
from bot.cbt.ratings import parse_rating
from bot.cbt.scaffold import alternative_scaffold, scaffold_sentence
from bot.nlp import distortions

SKIPPED = "__skipped__"
MAX_TEXT = 5000  # characters kept per step; longer answers are cut, with a note


@dataclass(frozen=True)
class Step:
    slot: str
    title: str


STEPS: tuple[Step, ...] = (
    Step("tr_situation", "Situation"),
    Step("tr_thought", "Automatic thought"),
    Step("tr_emotions", "Feelings"),
    Step("tr_belief", "Belief"),
    Step("tr_traps", "Thinking traps"),
    Step("tr_evidence_for", "Evidence for"),
    Step("tr_evidence_against", "Evidence against"),
    Step("tr_alternative", "Balanced thought"),
    Step("tr_rerate", "Feelings now"),
    Step("tr_belief_after", "Belief now"),
    Step("tr_next_step", "Next step"),
)
SLOTS: tuple[str, ...] = tuple(step.slot for step in STEPS)
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

# Whether a message is an answer or a command is read by `bot.cbt.control`:
# control words inside a content sentence ("she cancelled") stay answers.
CONTROLS = (control.PAUSE, control.ABANDON, control.SKIP, control.BACK, control.SWITCH_EXPLORE)
CONTROL_MAX_WORDS = 10
ALL_WORDS = {"show all", "show all traps", "all traps", "show me all", "full list", "show the full list", "other", "others"}
ACCEPT_WORDS = {"yes", "yeah", "yep", "those fit", "yes these fit", "yes, these fit", "they fit", "both", "all of them", "all of these"}
STUCK_WORDS = {"i'm stuck", "im stuck", "stuck", "i don't know", "i dont know", "idk", "no idea", "help", "help me", "dunno", "not sure"}
# The step a person may skip only after one word on why it matters.
HEART_OF_THE_RECORD = "tr_evidence_against"


@dataclass(frozen=True)
class Turn:
    """One message from the person, with the classifier's reading of it."""

    text: str
    intent: Optional[str] = None
    confidence: float = 0.0

    @property
    def normalised(self) -> str:
        return re.sub(r"[\s.!?]+$", "", " ".join(self.text.lower().split()))

    def is_control(self, intent: str) -> bool:
        """A short message the classifier is sure is `intent` (for intents without a control)."""
        short = len(self.text.split()) <= CONTROL_MAX_WORDS
        return short and self.intent == intent and self.confidence >= control.CONFIDENCE

    def control(self) -> Optional[str]:
        """The command this message gives the record, or None when it is an answer."""
        return control.read(self.text, self.intent, self.confidence, CONTROLS)


@dataclass
class Outcome:
    """What an answer changes: slot values, messages, and whether the record ends.

    `end` is None while the record goes on, else one of "paused",
    "abandoned" or "switch_explore" ("done" is decided by the form itself).
    """

    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    end: Optional[str] = None
    saved_step: Optional[str] = None  # the step just completed: save a draft
    reasked: bool = False  # the messages already ask the same step again

    def say(self, text: str, buttons: Optional[list[dict[str, str]]] = None) -> "Outcome":
        self.messages.append(Message(text, buttons or []))
        return self

    def respond(self, response: str, buttons: Optional[list[dict[str, str]]] = None, **values: Any) -> "Outcome":
        """Send a domain response by name, filled with `values`."""
        self.messages.append(say(response, buttons, **values))
        return self


# --- reading the state ---------------------------------------------------


def value(state: dict[str, Any], slot: str) -> Any:
    """A step's value, with skipped steps as None."""
    current = state.get(slot)
    return None if current == SKIPPED else current


def notes(state: dict[str, Any]) -> dict[str, Any]:
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
        "belief_before": value(state, "tr_belief"),
        "belief_after": value(state, "tr_belief_after"),
        "distortions": list(value(state, "tr_traps") or []),
        "evidence_for": value(state, "tr_evidence_for"),
        "evidence_against": value(state, "tr_evidence_against"),
        "alternative_thought": value(state, "tr_alternative"),
        "next_step": value(state, "tr_next_step"),
    }


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


# --- prompts -------------------------------------------------------------


def step_heading(slot: str) -> str:
    """"Step 4 of 11 · Belief": how each `utter_ask_<slot>` response opens."""
    return f"Step {SLOTS.index(slot) + 1} of {len(SLOTS)} · {TITLES[slot]}"


def _quote(text: Optional[str], limit: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _trap_buttons(labels: list[str]) -> list[dict[str, str]]:
    return [{"title": trap_texts.trap(label).name, "payload": trap_texts.trap(label).name} for label in labels]


def prompt(slot: str, state: dict[str, Any]) -> Message:
    """The response that asks `slot` (`utter_ask_<slot>`), with the person's own words where it quotes them."""
    if slot not in SLOTS:
        raise ValueError(f"unknown step {slot}")
    thought = _quote(value(state, "tr_thought"))
    if slot == "tr_belief":
        return say(ASK[slot], thought=f"“{thought}”" if thought else "the thought")
    if slot == "tr_traps":
        return _traps_prompt(state)
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


def suggestions_for(thought: Optional[str], limit: int = 3) -> list[distortions.Suggestion]:
    return distortions.detect(thought or "")[:limit]


def _traps_prompt(state: dict[str, Any]) -> Message:
    """The detector's suggestions as a list and buttons, or the general question when it finds none."""
    found = suggestions_for(value(state, "tr_thought"))
    if not found:
        return say(ASK["tr_traps"])
    lines = [f"• {trap_texts.trap(s.label).name}: {trap_texts.trap(s.label).short} (you wrote “{s.cue}”)" for s in found]
    buttons = [{"title": "All of these fit", "payload": "yes these fit"}] if len(found) > 1 else []
    buttons += _trap_buttons([s.label for s in found])
    buttons += [{"title": "Show all traps", "payload": "show all traps"}, {"title": "None fit", "payload": "none of these"}]
    return say("utter_ask_tr_traps_suggested", buttons, suggestions="\n".join(lines))


def all_traps_message(response: str = "utter_all_traps", with_buttons: bool = True, **values: Any) -> Message:
    """Every trap with its one-line meaning, in `response` (which may open with a word on the answer)."""
    lines = [f"• {t.name}: {t.short}" for t in trap_texts.all_traps()]
    buttons = _trap_buttons([t.label for t in trap_texts.all_traps()]) + [{"title": "None fit", "payload": "none of these"}]
    return say(response, buttons if with_buttons else [], traps="\n".join(lines), **values)


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
    return turn.control() == control.BACK or (short and record.detect_back_target(turn.text) is not None)


def answer(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    """Read the person's answer at step `slot`.

    Commands, questions and answers are told apart by what the whole message
    means (see `bot.cbt.control`); anything that is not clearly a command or
    a question is the answer to the step.
    """
    pending = notes(state).get("confirm")
    if pending:
        rest = {k: v for k, v in notes(state).items() if k != "confirm"}
        handled = _PENDING.get(pending, lambda *_: None)(slot, turn, state, rest)
        if handled is not None:
            return handled
        # Neither yes nor no: the message is an answer to the step after all.
        state = {**state, "tr_notes": rest}
        outcome = _answer(slot, turn, state)
        outcome.slots.setdefault("tr_notes", {**rest, **notes(outcome.slots)})
        return outcome
    return _answer(slot, turn, state)


def _answer(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    command = turn.control()
    if command == control.PAUSE:
        return Outcome(slots={slot: None}, end="paused")
    if command == control.ABANDON:
        new_notes = {**notes(state), "confirm": "abandon"}
        return Outcome(slots={slot: None, "tr_notes": new_notes}, reasked=True).respond("utter_confirm_abandon")
    if command == control.SWITCH_EXPLORE:
        return Outcome(slots={slot: None}, end="switch_explore")
    if wants_to_go_back(turn):
        target = _back_target(turn, slot)
        return Outcome(slots={slot: None, target: None}).respond("utter_going_back", step=TITLES[target])
    if command == control.SKIP:
        return _skip(slot, state)

    question = _question(slot, turn)
    if question is not None:
        return question
    if control.pressed(turn.text) == "choose_cbt":
        return Outcome(slots={slot: None}).respond("utter_already_in_record")

    text = turn.text.strip()
    if not text:
        return Outcome(slots={slot: None}, reasked=True).respond("utter_empty_answer")
    reader = _READERS.get(slot, _read_text)
    return reader(slot, turn, state)


_DEFINITION = re.compile(
    r"^(?:what|whats|what's|wat|explain|define|definition|meaning|tell me (?:about|what)|remind me what|"
    r"how (?:is|does|do)|what do you mean by|i don'?t know what|idk what|dont know what)\b"
)


def asks_what_a_trap_is(turn: Turn) -> Optional[str]:
    """The trap in "what is mind reading?" (a question), not in "mind reading" (an answer)."""
    label = trap_texts.label_from_text(turn.text)
    if label is None:
        return None
    said = control.core(turn.text, trailing=False)
    if _DEFINITION.match(said):
        return label
    confident = turn.intent == "ask_trap" and turn.confidence >= control.CONFIDENCE
    tentative = said.split()[:1] in (["is"], ["maybe"], ["could"], ["might"], ["probably"])
    return label if confident and "?" in turn.text and not tentative else None


def _question(slot: str, turn: Turn) -> Optional[Outcome]:
    """A question about a trap, the step or anything else: answered, then the step is asked again."""
    label = asks_what_a_trap_is(turn)
    if label:
        return Outcome(slots={slot: None}, messages=[trap_texts.explanation(label)])
    if turn.intent == "ask_trap" and turn.confidence >= control.CONFIDENCE and control.is_question(turn.text):
        message = all_traps_message(with_buttons=slot == "tr_traps")
        return Outcome(slots={slot: None}, reasked=slot == "tr_traps", messages=[message])
    if control.asks_about_the_step(turn.text):
        return Outcome(slots={slot: None}).respond(STEP_HELP[slot])
    stuck = turn.normalised in STUCK_WORDS or turn.is_control("stuck")
    if stuck and slot not in ("tr_alternative", "tr_traps"):
        return Outcome(slots={slot: None}).respond(STEP_HELP[slot])
    aside = control.aside(turn.text, turn.intent, turn.confidence)
    if aside is not None and not (aside.intent == "help" and slot == "tr_alternative"):
        return Outcome(slots={slot: None}).respond(aside.response)
    return None


def _confirm_abandon(slot: str, turn: Turn, state: dict[str, Any], rest: dict[str, Any]) -> Optional[Outcome]:
    """Yes throws the record away, no keeps it; anything else is an answer to the step."""
    said = control.core(turn.text, trailing=False)
    if turn.intent == "affirm" or turn.normalised in ACCEPT_WORDS or turn.control() == control.ABANDON:
        return Outcome(slots={slot: None, "tr_notes": rest}, end="abandoned")
    if turn.intent == "deny" or said in ("no", "nope", "nah", "no thanks", "keep going", "no keep going", "keep it"):
        return Outcome(slots={slot: None, "tr_notes": rest}).respond("utter_keep_going")
    return None


def _confirm_traps(slot: str, turn: Turn, state: dict[str, Any], rest: dict[str, Any]) -> Optional[Outcome]:
    """After "not sure about labelling": yes notes it, no asks again, a name notes that."""
    offered = list(notes(state).get("offered_traps") or [])
    rest = {k: v for k, v in rest.items() if k != "offered_traps"}
    if slot != "tr_traps":
        return None
    if turn.intent == "affirm" or turn.normalised in ACCEPT_WORDS:
        return Outcome(slots={slot: offered, "tr_notes": rest}, saved_step=slot).respond("utter_traps_noted", traps=_names(offered))
    if turn.intent == "deny" or control.says_none(turn.text):
        message = all_traps_message("utter_all_traps_left_out")
        return Outcome(slots={slot: None, "tr_notes": rest}, reasked=True, messages=[message])
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


_PENDING = {"abandon": _confirm_abandon, "traps": _confirm_traps, "skip": _confirm_skip}


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


def _read_emotions(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    result = parse_emotions(turn.text)
    if not result.complete:
        outcome = Outcome(slots={slot: None}, reasked=True)
        return outcome.say(result.problem) if result.problem else outcome.respond("utter_ask_feeling_again")
    return Outcome(slots={slot: result.as_records()}, saved_step=slot)


def _read_rating(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    result = parse_rating(turn.text)
    if result.value is None:
        outcome = Outcome(slots={slot: None}, reasked=True)
        return outcome.say(result.problem) if result.problem else outcome.respond("utter_ask_rating_again")
    outcome = Outcome(slots={slot: result.value}, saved_step=slot)
    if result.note:
        outcome.say(result.note)
    return outcome


def _names(labels: list[str], joiner: str = ", ") -> str:
    """Trap names as they read inside a sentence: "mind reading, labeling"."""
    return joiner.join(trap_texts.plain_name(label) for label in labels)


def _read_traps(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    said = turn.normalised
    if said in ALL_WORDS or "full list" in said or "all traps" in said or "show all" in said:
        return Outcome(slots={slot: None}, reasked=True, messages=[all_traps_message()])
    named = trap_texts.labels_from_text(turn.text)
    if named and control.hedged(turn.text):
        # "not sure about labelling": ask, don't record.
        new_notes = {**notes(state), "confirm": "traps", "offered_traps": named}
        first = trap_texts.plain_name(named[0])
        return Outcome(slots={slot: None, "tr_notes": new_notes}, reasked=True).respond(
            "utter_confirm_unsure_traps",
            [{"title": f"What is {first}?", "payload": f"what is {first}?"}],
            traps=_names(named, " and "),
        )
    if named:
        return Outcome(slots={slot: named}, saved_step=slot).respond("utter_traps_noted", traps=_names(named))
    ruled_out = trap_texts.ruled_out_labels(turn.text)
    if ruled_out:
        # "not the all or nothing one": leave it out and ask which fits instead.
        message = all_traps_message("utter_all_traps_not", ruled_out=_names(ruled_out, " or "))
        return Outcome(slots={slot: None}, reasked=True, messages=[message])
    suggested = [s.label for s in suggestions_for(value(state, "tr_thought"))]
    if said in ACCEPT_WORDS or control.says_all(turn.text) or turn.intent == "affirm":
        if suggested:
            return Outcome(slots={slot: suggested}, saved_step=slot).respond("utter_traps_noted", traps=_names(suggested))
    if control.says_none(turn.text) or turn.intent == "deny":
        return Outcome(slots={slot: []}, saved_step=slot).respond("utter_no_trap_fits")
    if said in STUCK_WORDS or turn.is_control("stuck") or control.hedged(turn.text):
        return Outcome(slots={slot: None}, reasked=True, messages=[all_traps_message("utter_all_traps_hard_to_tell")])
    return Outcome(slots={slot: None}, reasked=True, messages=[all_traps_message("utter_all_traps_no_match")])


def _read_alternative(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    if turn.normalised in STUCK_WORDS or turn.is_control("stuck") or turn.is_control("help"):
        evidence = (value(state, "tr_thought") or "", value(state, "tr_evidence_for"), value(state, "tr_evidence_against"))
        sentence = scaffold_sentence(*evidence)
        buttons = [{"title": "Use this thought", "payload": sentence}] if sentence else []
        return Outcome(slots={slot: None}, reasked=True).say(alternative_scaffold(*evidence), buttons)
    return _read_text(slot, turn, state)


def _read_rerate(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    names = [e["name"] for e in value(state, "tr_emotions") or []]
    if not names:
        return Outcome(slots={slot: SKIPPED}, saved_step=slot)
    result = parse_rerating(turn.text, names)
    if not result.complete:
        outcome = Outcome(slots={slot: None}, reasked=True)
        return outcome.say(result.problem) if result.problem else outcome.respond("utter_ask_rerate_again")
    return Outcome(slots={slot: result.as_dict()}, saved_step=slot)


_READERS = {
    "tr_emotions": _read_emotions,
    "tr_belief": _read_rating,
    "tr_traps": _read_traps,
    "tr_alternative": _read_alternative,
    "tr_rerate": _read_rerate,
    "tr_belief_after": _read_rating,
}
