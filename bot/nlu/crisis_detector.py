"""A Rasa NLU component that makes crisis language win over any classifier.

It runs last in the pipeline. When `bot.nlp.crisis.is_crisis` matches, the
intent becomes `crisis` with confidence 1.0 and the message carries a
`helplines` entity for the configured locale, which fills the slot that
`utter_crisis_support` prints. The reply therefore comes from a rule and a
domain response alone: it needs no action server.

When the detector does not match, a classifier guess of `crisis` is demoted to
the next intent: the detector is the measured source of truth (see
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

from bot import safety
from bot.nlp import crisis

CRISIS_INTENT = "crisis"
HELPLINES_ENTITY = "helplines"


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
        # Build the spaCy matchers now, not on the first message.
        crisis.is_crisis("")
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if crisis.is_crisis(text):
                _mark_crisis(message)
            elif (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == CRISIS_INTENT:
                _demote_crisis(message)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data


def _mark_crisis(message: Message) -> None:
    top = {INTENT_NAME_KEY: CRISIS_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [
        r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != CRISIS_INTENT
    ]
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)
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
    ranking = [
        r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != CRISIS_INTENT
    ]
    if not ranking:
        ranking = [{INTENT_NAME_KEY: "nlu_fallback", PREDICTED_CONFIDENCE_KEY: 1.0}]
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
