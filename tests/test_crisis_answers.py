"""Answers to the crisis reply and to the check-in, read by the crisis policy on real Rasa trackers."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.crisis_policy import CHECKIN_NO_RESPONSE, CHECKIN_RESPONSE, CRISIS_RESPONSE, CrisisPolicy


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load("domain.yml")


def after(bot_action: str, answer: str, intent: str, tmp: Path) -> str | None:
    """The action the crisis policy picks for `answer` right after `bot_action`."""
    events = [
        ActionExecuted("action_listen"),
        SlotSet("mode", "explore"),
        UserUttered("the message before", intent={"name": "share", "confidence": 0.9}),
        ActionExecuted(bot_action),
        ActionExecuted("action_listen"),
        UserUttered(answer, intent={"name": intent, "confidence": 0.7}),
    ]
    tracker = DialogueStateTracker.from_events("someone", events, slots=domain().slots)
    policy = CrisisPolicy.create(
        CrisisPolicy.get_default_config(), LocalModelStorage(tmp), Resource("crisis"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    prediction = policy.predict_action_probabilities(tracker, domain())
    best = max(range(len(prediction.probabilities)), key=prediction.probabilities.__getitem__)
    return domain().action_names_or_texts[best] if prediction.probabilities[best] > 0 else None


@pytest.mark.parametrize(
    "answer, intent",
    [
        ("maybe. i dunno. i keep thinking about getting another dog", "share"),
        ("idk honestly", "deny"),
        ("sometimes, at night", "chitchat"),
        ("kind of? not in a plan way", "deny"),
    ],
)
def test_an_unsure_answer_to_the_check_in_is_not_taken_for_no(answer, intent, tmp_path):
    assert after(CHECKIN_RESPONSE, answer, intent, tmp_path) == CRISIS_RESPONSE


def test_a_plain_no_to_the_check_in_goes_on_where_they_were(tmp_path):
    assert after(CHECKIN_RESPONSE, "no, i just miss him", "deny", tmp_path) == CHECKIN_NO_RESPONSE


def test_saying_safe_in_capitals_after_the_crisis_reply_gets_the_safe_follow_up(tmp_path):
    assert after(CRISIS_RESPONSE, "im SAFE. i said i DIDNT say that", "deny", tmp_path) == "utter_crisis_followup_safe"
    assert after(CRISIS_RESPONSE, "no", "deny", tmp_path) == "utter_crisis_followup_unsafe"
