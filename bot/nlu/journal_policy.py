"""While journaling, what a person writes is journal text unless it clearly asks for something else.

In the exploratory mode people write long, mixed messages: "ok I stop now, I am
tired. goodbye", "yes. ok Tomas is home now, I finish here. thank you, bye",
"embarrassed mostly. and like jealous?? which is pathetic". An intent classifier
trained on short requests reads such messages as `pause`, `safe_now` or even
`medical_emergency`, and rules for those intents answer with a menu or the
wrong reply. `action_reflect` already reads leaving, "you asked me that",
patterns and side-questions from the whole message, so this policy hands it
every message while exploring, except:

- a confident request for something else (another mode, the journal, progress,
  what a term means, a boundary question: `LEAVES_JOURNAL`), which the rules
  answer as usual;
- a medical emergency that names one ("he collapsed", "can't breathe");
- a question about medication, a diagnosis or therapy only when it names
  what it asks about ("should I come off my meds?"; not "I would prefer to
  simply write");
but the answer to the closing question ("one thing to take away?") is always
theirs: "that it's ok to be angry and still love her" is not a request;
- anything the crisis policy answers: it has the higher priority. Once the
  person has said no to a check-in this session, a later tier-2 hit is
  listened to as journal text (tier 1 still answers at once).

After that reply it listens. It needs no training.
"""
from __future__ import annotations

from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.crisis_policy import checked_in_already, denies, says_unsafe
from bot.nlu.rules_in_code import RulesInCode, action_since_last_message

JOURNAL_ACTION = "action_reflect"
JOURNAL_POLICY_PRIORITY = 6  # below CrisisPolicy (10), above RulePolicy (4) and MemoizationPolicy (3)
# Intents that leave the journal for something else when the classifier is sure.
LEAVES_JOURNAL = frozenset({
    "choose_cbt", "choose_practice", "choose_explore", "review_progress", "show_records", "show_journal",
    "ask_patterns", "help", "ask_what_cbt", "ask_what_explore", "ask_thought_record", "ask_trap", "ask_therapist",
    "ask_diagnosis", "ask_medication", "bot_challenge", "continue_draft", "open_record", "thanks",
    "medical_emergency",
})
SURE = 0.6
NOT_SAFE_FLOOR = 0.25  # below this "not safe" is what is left after the detector took back a crisis guess
# The crisis policy's own intents and answers: never taken from it.
CRISIS_INTENTS = frozenset({"crisis", "crisis_check", "not_safe"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class JournalPolicy(RulesInCode):
    """Predicts `action_reflect` for journaling messages, then listening."""

    PRIORITY = JOURNAL_POLICY_PRIORITY
    OVERRIDES = False  # its choice competes with the rule and memoization policies on confidence and priority

    def choose(self, tracker: DialogueStateTracker) -> Optional[Text]:
        return self._action(tracker)

    @staticmethod
    def _action(tracker: DialogueStateTracker) -> Optional[Text]:
        if tracker.active_loop_name or not tracker.latest_message:
            return None
        if tracker.get_slot("mode") != "explore" and not (_awaiting_takeaway(tracker) and _explored_before(tracker)):
            return None  # (the message's own words may have set `mode` already: "...a thought" -> cbt)
        answered_by = action_since_last_message(tracker)
        if answered_by == JOURNAL_ACTION:
            return ACTION_LISTEN_NAME
        if answered_by is not None:
            return None
        intent = tracker.latest_message.intent or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
        text = tracker.latest_message.text or ""
        if name == "crisis_check" and checked_in_already(tracker):
            return JOURNAL_ACTION  # they were checked in with this session: listen
        if name == "not_safe" and (denies(tracker) or confidence < NOT_SAFE_FLOOR or not says_unsafe(text)):
            # "no im not suicidal. im grieving", a crisis guess the detector took back, or "I am not my
            # mother": journal text (a long one gets the check-in first, from the crisis policy)
            return JOURNAL_ACTION
        if name in CRISIS_INTENTS or text.startswith("/"):
            return None  # the crisis policy's, or a button: its rule answers it
        if _awaiting_takeaway(tracker):
            return JOURNAL_ACTION  # the answer to "what will you take away?" is theirs, whatever it sounds like
        if name in LEAVES_JOURNAL and confidence >= SURE:
            if name == "choose_explore":
                if not _explored_before(tracker):
                    return None  # choosing the journal: its rule starts it
            elif name == "medical_emergency":
                if _names_a_medical_emergency(text):
                    return None
            elif _names_what_it_asks(name, text):
                return None
        return JOURNAL_ACTION


def _explored_before(tracker: DialogueStateTracker) -> bool:
    """True when `mode` was "explore" before the latest message (its slot mappings may have changed it since)."""
    seen_message = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            seen_message = True
        elif seen_message and isinstance(event, SlotSet) and event.key == "mode":
            return event.value == "explore"
    return False


def _awaiting_takeaway(tracker: DialogueStateTracker) -> bool:
    """True when the session's closing question ("one thing to take away?") is waiting for its answer."""
    state = tracker.get_slot("explore_state")
    return isinstance(state, dict) and state.get("awaiting") == "takeaway"


def _names_what_it_asks(intent: str, text: str) -> bool:
    from bot.explore.control import names_what_it_asks

    return names_what_it_asks(intent, text)


def _names_a_medical_emergency(text: str) -> bool:
    from bot.explore.control import names_a_medical_emergency

    return names_a_medical_emergency(text)
