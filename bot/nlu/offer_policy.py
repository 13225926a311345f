"""A yes to the welcome back's "would you like to continue it?" continues the paused record.

The welcome back offers a paused thought record with buttons, but people type
their answer, often with news: "yes continue pls. I feel a bit better today".
The classifier reads such a message as sharing, and the journal would answer
it. This policy answers a yes to the offer with `action_continue`, which picks
the record up where it stopped. A no, or anything else, is left to the other
policies.
"""
from __future__ import annotations

from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.cbt import resume
from bot.nlu.rules_in_code import RulesInCode, action_since_last_message, last_bot_action
from bot.nlu.journal_policy import CRISIS_INTENTS

CONTINUE_ACTION = "action_continue"
OFFER_POLICY_PRIORITY = 8  # below CrisisPolicy (10), above JournalPolicy (6) and RulePolicy (4)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class OfferPolicy(RulesInCode):
    """Predicts `action_continue` for a typed yes to the offer of a paused record."""

    PRIORITY = OFFER_POLICY_PRIORITY

    def choose(self, tracker: DialogueStateTracker) -> Optional[Text]:
        return CONTINUE_ACTION if self._accepts(tracker) else None

    @staticmethod
    def _accepts(tracker: DialogueStateTracker) -> bool:
        message = tracker.latest_message
        if tracker.active_loop_name or not message or action_since_last_message(tracker) is not None:
            return False
        if (message.intent or {}).get("name") in CRISIS_INTENTS or (message.text or "").startswith("/"):
            return False
        offered = _first_answer_of_session(tracker) and bool(tracker.get_slot("has_draft"))
        return offered and resume.accepts_offer(message.text or "")


def _first_answer_of_session(tracker: DialogueStateTracker) -> bool:
    """True when the latest message answers the welcome back: the first message since the session started.

    (A tracker store returns a session from its `session_started` event, so the
    welcome's own action may not be among the events.)
    """
    if last_bot_action(tracker) in resume.OFFERS:
        return True
    seen_message = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_message:
                return False
            seen_message = True
        elif isinstance(event, SessionStarted):
            return seen_message
        elif seen_message and isinstance(event, ActionExecuted) and event.action_name not in (
            ACTION_LISTEN_NAME, ACTION_EXTRACT_SLOTS, *resume.OFFERS
        ):
            return False
    return False
