"""The thought record's thinking-traps step (`tr_traps`).

Offers the detector's suggestions for the person's thought, reads which traps
they say fit ("mind reading and labeling", "all of these", "none", "not sure
about labelling"), and tells a question about a trap ("what is mind reading?")
from naming one. Trap names and meanings come from `bot.cbt.traps`, the
wording around them from the domain's `utter_*` responses.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from bot.cbt import control
from bot.cbt import traps as trap_texts
from bot.cbt.messages import Message, say
from bot.cbt.steps import ASK, notes, value
from bot.cbt.turns import ACCEPT_WORDS, Outcome, Turn, says_stuck
from bot.nlp import distortions

ALL_WORDS = {"show all", "show all traps", "all traps", "show me all", "full list", "show the full list", "other", "others"}

_DEFINITION = re.compile(
    r"^(?:what|whats|what's|wat|explain|define|definition|meaning|tell me (?:about|what)|remind me what|"
    r"how (?:is|does|do)|what do you mean by|i don'?t know what|idk what|dont know what)\b"
)


def suggestions_for(thought: Optional[str], limit: int = 3) -> list[distortions.Suggestion]:
    """The detector's best few traps for the thought (none for an empty one)."""
    return distortions.detect(thought or "")[:limit]


def _trap_buttons(labels: list[str]) -> list[dict[str, str]]:
    return [{"title": trap_texts.trap(label).name, "payload": trap_texts.trap(label).name} for label in labels]


def names(labels: list[str], joiner: str = ", ") -> str:
    """Trap names as they read inside a sentence: "mind reading, labeling"."""
    return joiner.join(trap_texts.plain_name(label) for label in labels)


def traps_prompt(state: dict[str, Any]) -> Message:
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


_TRAP_WORD = re.compile(r"\b(?:thinking traps?|traps?|cognitive distortions?|distortions?)\b")
_NOT_UNDERSTOOD = re.compile(
    r"\b(?:what (?:mean|means|meaning|is|are|does|do (?:you|u) mean)|wat (?:is|are|mean|means)|whats|what's|meaning of|"
    r"(?:not|no|dont|don't|do not|didn'?t|did not) (?:understand|know|get)|explain|confus\w*|never heard)\b"
)


def asks_what_traps_are(text: str) -> bool:
    """"What is a thinking trap?", "sorry what mean trap? I not understand this word": the idea, not one trap."""
    said = " ".join((text or "").lower().replace("\u2019", "'").split())
    return (
        trap_texts.label_from_text(said) is None
        and bool(_TRAP_WORD.search(said))
        and bool(_NOT_UNDERSTOOD.search(said))
    )


def asks_what_a_trap_is(turn: Turn) -> Optional[str]:
    """The trap in "what is mind reading?" (a question), not in "mind reading" (an answer)."""
    label = trap_texts.label_from_text(turn.text)
    if label is None:
        return None
    said = control.core(turn.text, trailing=False)
    if _DEFINITION.match(said):
        return label
    if len(trap_texts.labels_from_text(turn.text)) > 1:
        return None  # "fortune telling def. ... calling myself thick is that labelling?": several named, an answer
    confident = turn.intent == "ask_trap" and turn.confidence >= control.CONFIDENCE
    tentative = said.split()[:1] in (["is"], ["maybe"], ["could"], ["might"], ["probably"])
    return label if confident and "?" in turn.text and not tentative else None


def confirm_traps(slot: str, turn: Turn, state: dict[str, Any], rest: dict[str, Any]) -> Optional[Outcome]:
    """After "not sure about labelling": yes notes it, no asks again, a name notes that."""
    offered = list(notes(state).get("offered_traps") or [])
    kept = list(notes(state).get("kept_traps") or [])  # named without a doubt beside the tentative ones
    rest = {k: v for k, v in rest.items() if k not in ("offered_traps", "kept_traps")}
    if slot != "tr_traps":
        return None
    # The words decide before the classifier: "yeah note it" is a yes whatever intent it was given.
    if set(trap_texts.labels_from_text(turn.text)) - set(offered + kept):
        return None  # "ok, mind reading then": another trap named is the answer
    words = _yes_or_no(turn.text)
    if words == "no":
        turn = Turn(turn.text, "deny", 1.0)
    if words == "yes" or (words is None and turn.intent == "affirm") or turn.normalised in ACCEPT_WORDS:
        both = list(dict.fromkeys(kept + offered))
        return Outcome(slots={slot: both, "tr_notes": rest}, saved_step=slot).respond("utter_traps_noted", traps=names(both))
    if (turn.intent == "deny" or control.says_none(turn.text)) and kept:
        return Outcome(slots={slot: kept, "tr_notes": rest}, saved_step=slot).respond("utter_traps_noted", traps=names(kept))
    if turn.intent == "deny" or control.says_none(turn.text):
        message = all_traps_message("utter_all_traps_left_out")
        return Outcome(slots={slot: None, "tr_notes": rest}, reasked=True, messages=[message])
    return None


_YES = re.compile(
    r"^(?:yes|yeah|yea|ye|yep|yup|ya|yh|sure|ok|okay|fine|alright|go on|i think so|i guess so|i suppose so|probably|"
    r"it does|it fits|that fits|does|definitely|def|for sure|true|note it|add it|put it in|keep it)\b"
    r"(?!\W*(?:not|no)\b)"
)
_NO = re.compile(
    r"^(?:no|nope|nah|not really|not at all|i don'?t think so|dont think so|it doesn'?t|doesn'?t fit|leave it(?: out)?|"
    r"drop it|skip it|not that one)\b"
)


def _yes_or_no(text: str) -> Optional[str]:
    """"yes" or "no" when the reply to "does it fit?" opens with one in words, else None."""
    said = control.core(text, trailing=False) if not re.match(r"^\W*(?:yes|yeah|yea|ye|yep|ok|okay)\b", text.lower()) else (
        " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())
    )
    if _NO.match(said):
        return "no"
    if _YES.match(said):
        return "yes"
    return None


# "both" when three traps were suggested: which two?
_BOTH = re.compile(r"^(?:(?:i think |i guess |probably |prob |maybe |yeah |yes |ok )?(?:both|both of (?:them|these|those|em)|the two(?: of them)?))(?: (?:i think|i guess|probably|maybe|fit|apply))*$")


def read_traps(slot: str, turn: Turn, state: dict[str, Any]) -> Outcome:
    """The traps a person says fit: named, all suggested, none, or unsure (asked again)."""
    said = turn.normalised
    if said in ALL_WORDS or "full list" in said or "all traps" in said or "show all" in said:
        return Outcome(slots={slot: None}, reasked=True, messages=[all_traps_message()])
    named = trap_texts.labels_from_text(turn.text)
    chosen, tentative = trap_texts.chosen_and_hedged(turn.text)
    if named and not tentative and control.hedged(turn.text):
        chosen, tentative = [], named  # "not sure, labelling?": the whole choice is tentative
    if tentative:
        # "not sure about labelling", "labeling yes, also maybe comparing": ask about the tentative ones.
        new_notes = {**notes(state), "confirm": "traps", "offered_traps": tentative, "kept_traps": chosen}
        first = trap_texts.plain_name(tentative[0])
        outcome = Outcome(slots={slot: None, "tr_notes": new_notes}, reasked=True)
        if chosen:
            outcome.respond("utter_traps_noted", traps=names(chosen))
        return outcome.respond(
            "utter_confirm_unsure_traps",
            [{"title": f"What is {first}?", "payload": f"what is {first}?"}],
            traps=trap_texts.listed(tentative),
        )
    if named:
        named = chosen or named
        return Outcome(slots={slot: named}, saved_step=slot).respond("utter_traps_noted", traps=names(named))
    ruled_out = trap_texts.ruled_out_labels(turn.text)
    if ruled_out:
        # "not the all or nothing one": leave it out and ask which fits instead.
        message = all_traps_message("utter_all_traps_not", ruled_out=names(ruled_out, " or "))
        return Outcome(slots={slot: None}, reasked=True, messages=[message])
    suggested = [s.label for s in suggestions_for(value(state, "tr_thought"))]
    if len(suggested) > 2 and _BOTH.match(control.core(turn.text, trailing=False)):
        # "maybe both" with three suggested: ask which two rather than note all three.
        buttons = _trap_buttons(suggested) + [{"title": "All of these fit", "payload": "yes these fit"}]
        text = f"Which two fit: {trap_texts.listed(suggested).replace(' and ', ' or ')}? Name them, or say all of them."
        return Outcome(slots={slot: None}, reasked=True).say(text, buttons)
    if said in ACCEPT_WORDS or control.says_all(turn.text) or turn.intent == "affirm":
        if suggested:
            return Outcome(slots={slot: suggested}, saved_step=slot).respond("utter_traps_noted", traps=names(suggested))
    if control.says_none(turn.text) or turn.intent == "deny":
        return Outcome(slots={slot: []}, saved_step=slot).respond("utter_no_trap_fits")
    if says_stuck(turn.text) or turn.is_control("stuck") or control.hedged(turn.text):
        return Outcome(slots={slot: None}, reasked=True, messages=[all_traps_message("utter_all_traps_hard_to_tell")])
    return Outcome(slots={slot: None}, reasked=True, messages=[all_traps_message("utter_all_traps_no_match")])
