"""A Rasa NLU component that makes crisis language win over any classifier.

It runs last in the pipeline. When `bot.nlp.crisis.is_crisis` matches, the
intent becomes `crisis` with confidence 1.0. Every message carries a
`helplines` entity for the configured locale, which fills the slot that
`utter_crisis_support` prints, whatever led to it. The reply therefore comes
from a rule and a domain response alone: it needs no action server.

When tier 1 does not match but tier 2 (`bot.nlp.crisis.assess`, a small
classifier) does, the intent becomes `crisis_check`: the bot asks a gentle
check-in question (`utter_crisis_checkin`) instead of sending helplines at once.
Answers to the safety questions and questions with replies of their own
(medication, diagnosis) are never re-read by tier 2.

When the detector does not match, a classifier guess of `crisis` (or
`crisis_check`) is demoted to the next intent: the detector is the measured source of truth (see
`benchmarks/crisis_benchmark.py`), and idioms such as "this deadline is killing
me" must not send anyone a hotline.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from spacy.tokens import Doc

from bot import safety
from bot.nlp import crisis
from bot.nlp import text as _text
from bot.nlp.crisis_reading import CHUNK_CHARS
from bot.explore.control import names_a_medical_emergency

CRISIS_INTENT = "crisis"
# A medical emergency is acted on only when the message names one ("he collapsed", "can't breathe"):
# the classifier also reads loss and shock that way ("my whole team is gone").
MEDICAL_INTENT = "medical_emergency"
CHECKIN_INTENT = "crisis_check"
HELPLINES_ENTITY = "helplines"
# Tier 2 leaves alone answers to the bot's own safety questions, and questions
# with replies of their own (medication, diagnosis, a medical emergency): it
# screens what a person writes about themselves.
ANSWER_INTENTS = {
    "safe_now", "not_safe", "unsure_safe", "affirm", "deny",
    "ask_medication", "ask_diagnosis", "ask_therapist", "medical_emergency",
}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class CrisisDetector(GraphComponent):
    """Sets intent `crisis` (confidence 1.0) whenever crisis language is found."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CrisisDetector":
        # Build the spaCy matchers and train tier 2 now, not on the first message.
        crisis.is_crisis("")
        crisis.assess("warm up")
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            doc = _read_once(text)
            if intent in ANSWER_INTENTS or text.startswith("/"):
                level = "crisis" if crisis.is_crisis(doc) else "none"  # an answer is never re-read by tier 2
            else:
                level = crisis.assess(doc).level  # tier 1 first, then tier 2: each runs once
            if level == "crisis":
                _mark_crisis(message)
            elif level == "check_in":
                _mark_crisis(message, CHECKIN_INTENT)
            elif intent in (CRISIS_INTENT, CHECKIN_INTENT):
                _demote_crisis(message)
            elif intent == MEDICAL_INTENT and not names_a_medical_emergency(text):
                _demote(message, {MEDICAL_INTENT})  # "my whole team is gone" is no call for an ambulance
            _add_helplines(message)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data


def _read_once(text: str) -> Doc | str:
    """The message's shared `Doc`, which both tiers read; very long or empty
    text and button payloads stay a string (the detector reads long text in pieces)."""
    if not text.strip() or text.startswith("/") or len(text) > CHUNK_CHARS:
        return text
    return _text.doc(text)


def _mark_crisis(message: Message, intent: str = CRISIS_INTENT) -> None:
    """Set `intent` with confidence 1.0."""
    top = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [
        r for r in message.get(INTENT_RANKING_KEY) or []
        if r.get(INTENT_NAME_KEY) not in (CRISIS_INTENT, CHECKIN_INTENT)
    ]
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)


def _add_helplines(message: Message) -> None:
    """Give every message the helplines entity: any message may lead to the
    crisis reply ("I'm not safe", a "yes" to the check-in), which prints them
    from the slot it fills, and an empty slot would print "None"."""
    entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != HELPLINES_ENTITY]
    entities.append(
        {
            "entity": HELPLINES_ENTITY,
            "value": safety.helplines(safety.locale_from_env()),
            "start": 0,
            "end": 0,
            "extractor": "CrisisDetector",
        }
    )
    message.set(ENTITIES, entities, add_to_output=True)


def _demote_crisis(message: Message) -> None:
    _demote(message, {CRISIS_INTENT, CHECKIN_INTENT})


def _demote(message: Message, intents: set[str]) -> None:
    """The next intent in the ranking takes the place of `intents`."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) not in intents]
    if not ranking:
        ranking = [{INTENT_NAME_KEY: "nlu_fallback", PREDICTED_CONFIDENCE_KEY: 1.0}]
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
