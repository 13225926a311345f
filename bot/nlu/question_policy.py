"""Questions to Reflect itself, answered wherever they come outside a flow.

"Who can read this?", "is what I write here private?", "is it normal to get this
worked up about exams?" and, after practising,
"which traps do I keep getting wrong?" (or "but which ones tho" just after the
progress overview) are read from the words, not from the classifier, which
takes them for help, continuing or reviewing progress. This policy answers
them with `action_answer_question`, then listens. Inside the thought record
and a practice round the flows answer them themselves (`bot.cbt.flow`,
`bot.cbt.practice`); while journaling the journal does; a crisis is the
crisis policy's (higher priority).
"""
from __future__ import annotations

import re
from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from bot.cbt import practice, side_questions
from bot.nlu.journal_policy import CRISIS_INTENTS
from bot.nlu.rules_in_code import RulesInCode, action_since_last_message, last_bot_action

QUESTION_ACTION = "action_answer_question"
QUESTION_POLICY_PRIORITY = 7  # below CrisisPolicy (10) and OfferPolicy (8), above JournalPolicy (6)
PROGRESS_ACTIONS = frozenset({"action_show_progress", "action_end_practice", QUESTION_ACTION})
# "but which ones tho", "which ones?": a follow-up to the progress overview.
_WHICH_ONES = re.compile(r"^(?:\W*(?:but|and|so|ok|okay|um+|hmm+))*\W*which (?:ones?|traps?)\b", re.I)


def asks_a_question(text: str, after: Optional[Text]) -> bool:
    """True when `text` is a question this policy answers, `after` being the bot's last action."""
    if (text or "").startswith("/"):
        return False
    if side_questions.asks_about_privacy(text) or practice.asks_about_missed_traps(text):
        return True
    if side_questions.asks_if_normal(text):
        return True
    return after in PROGRESS_ACTIONS and bool(_WHICH_ONES.match(text or ""))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class QuestionPolicy(RulesInCode):
    """Predicts `action_answer_question` for a question about privacy or missed traps, then listening."""

    PRIORITY = QUESTION_POLICY_PRIORITY

    def choose(self, tracker: DialogueStateTracker) -> Optional[Text]:
        message = tracker.latest_message
        if tracker.active_loop_name or not message or tracker.get_slot("mode") == "explore":
            return None
        answered_by = action_since_last_message(tracker)
        if answered_by == QUESTION_ACTION:
            return ACTION_LISTEN_NAME
        if answered_by is not None or (message.intent or {}).get("name") in CRISIS_INTENTS:
            return None
        return QUESTION_ACTION if asks_a_question(message.text or "", last_bot_action(tracker)) else None
