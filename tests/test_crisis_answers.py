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

from bot.nlu.crisis_policy import CHECKIN_NO_RESPONSE, CHECKIN_RESPONSE, CRISIS_RESPONSE, MISREAD_RESPONSE, CrisisPolicy


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load("domain.yml")


def predict(events: list, tmp: Path) -> str | None:
    """The action the crisis policy picks after `events`."""
    tracker = DialogueStateTracker.from_events("someone", events, slots=domain().slots)
    policy = CrisisPolicy.create(
        CrisisPolicy.get_default_config(), LocalModelStorage(tmp), Resource("crisis"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    prediction = policy.predict_action_probabilities(tracker, domain())
    best = max(range(len(prediction.probabilities)), key=prediction.probabilities.__getitem__)
    return domain().action_names_or_texts[best] if prediction.probabilities[best] > 0 else None


def after(bot_action: str, answer: str, intent: str, tmp: Path) -> str | None:
    """The action the crisis policy picks for `answer` right after `bot_action`."""
    return predict([
        ActionExecuted("action_listen"),
        SlotSet("mode", "explore"),
        UserUttered("the message before", intent={"name": "share", "confidence": 0.9}),
        ActionExecuted(bot_action),
        ActionExecuted("action_listen"),
        UserUttered(answer, intent={"name": intent, "confidence": 0.7}),
    ], tmp)


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
    assert after(CRISIS_RESPONSE, "im SAFE. i said i DIDNT say that", "deny", tmp_path) == MISREAD_RESPONSE
    assert after(CRISIS_RESPONSE, "no", "deny", tmp_path) == "utter_crisis_followup_unsafe"


def _after_no(slot: str, checked: str) -> list:
    from rasa.shared.core.events import ActionExecuted as Done, SlotSet as Set, UserUttered as Said

    from bot.nlu.crisis_policy import _keep_checked_message

    events = [
        Set("requested_slot", slot),
        Said(checked, intent={"name": "share", "confidence": 0.9}),
        Done(CHECKIN_RESPONSE),
        Done("action_listen"),
        Said("no", intent={"name": "deny", "confidence": 0.9}),
    ]
    return _keep_checked_message(DialogueStateTracker.from_events("someone", events, slots=domain().slots))


def test_after_no_a_written_answer_is_kept_and_a_rating_is_asked_again():
    [kept] = _after_no("tr_evidence_for", "she said I would never be trusted again")
    assert kept.key == "tr_evidence_for" and kept.value.startswith("she said")
    assert _after_no("tr_belief", "80. and the thought is just the worst bit") == []


def test_a_crisis_button_pressed_after_another_message_is_still_answered(tmp_path):
    assert after("utter_crisis_followup_unsafe", "/safe_now", "safe_now", tmp_path) is None  # no crisis reply yet
    events = [
        ActionExecuted("action_listen"),
        UserUttered("i want to die", intent={"name": "crisis", "confidence": 1.0}),
        ActionExecuted(CRISIS_RESPONSE),
        ActionExecuted("action_listen"),
        UserUttered("I said no. I am perfectly safe.", intent={"name": "deny", "confidence": 0.8}),
        ActionExecuted("utter_crisis_followup_safe"),
        ActionExecuted("action_listen"),
        UserUttered("/safe_now", intent={"name": "safe_now", "confidence": 1.0}),
    ]
    assert predict(events, tmp_path) == "utter_crisis_followup_safe"


def test_no_with_an_explanation_is_a_no_and_perfectly_safe_is_safe(tmp_path):
    answer = "No, I am not. I can see why you ask, but I assure you that is not where my mind is."
    assert after(CHECKIN_RESPONSE, answer, "not_safe", tmp_path) == CHECKIN_NO_RESPONSE
    assert after(CRISIS_RESPONSE, "I said no. I am perfectly safe.", "deny", tmp_path) == MISREAD_RESPONSE
    assert after(CHECKIN_RESPONSE, "no but sometimes i think about it", "deny", tmp_path) == CRISIS_RESPONSE


def test_a_message_that_only_opens_with_maybe_is_not_an_unsure_answer(tmp_path):
    text = "Maybe not so fine. The house is very quiet in the night. I put two plates on the table."
    assert after(CHECKIN_RESPONSE, text, "share", tmp_path) != CRISIS_RESPONSE
    assert after(CRISIS_RESPONSE, "No, no. I don't want to hurt myself. Why you give me this numbers?", "deny",
                 tmp_path) == MISREAD_RESPONSE


@pytest.mark.parametrize(
    "answer",
    ["No, no. Nothing like this. I only want to write about it, maybe to understand my feelings.",
     "no, just a bit stressed about work", "no im not. yeah im ok, just tired"],
)
def test_a_no_to_the_check_in_with_a_hedge_about_something_else_stays_a_no(answer, tmp_path):
    assert after(CHECKIN_RESPONSE, answer, "deny", tmp_path) == CHECKIN_NO_RESPONSE


@pytest.mark.parametrize("answer", ["no. maybe.", "no but sometimes i think about it", "no but i do wish i wasnt here"])
def test_a_no_taken_back_to_the_check_in_gets_the_crisis_reply(answer, tmp_path):
    assert after(CHECKIN_RESPONSE, answer, "deny", tmp_path) == CRISIS_RESPONSE


def test_you_asked_me_that_already_to_the_check_in_is_a_no(tmp_path):
    assert after(CHECKIN_RESPONSE, "you ask me that every time. im grieving, thats all", "share", tmp_path) == CHECKIN_NO_RESPONSE
    assert after(CHECKIN_RESPONSE, "you asked me that already", "chitchat", tmp_path) == CHECKIN_NO_RESPONSE


@pytest.mark.parametrize(
    "message, expected",
    [
        ("i'm not safe", CRISIS_RESPONSE),
        ("I do not feel safe right now", CRISIS_RESPONSE),
        # a long entry the classifier merely guessed as "not safe" gets the gentle question, not helplines
        ("I told him I am NOT okay with it, he never listens and maybe my writing is the problem", CHECKIN_RESPONSE),
        ("i dont trust myself tonight", CRISIS_RESPONSE),
        ("no, i feel really unsafe", CRISIS_RESPONSE),
        # short, but about something else: left to the step or the journal, no helplines, no check-in
        ("I am not hungry.", None),
        ("I'm not a morning person.", None),
        ("no clue honestly", None),
    ],
)
def test_an_unprompted_not_safe_is_taken_at_its_word_only_when_short_and_about_safety(message, expected, tmp_path):
    assert after("action_reflect", message, "not_safe", tmp_path) == expected


@pytest.mark.parametrize(
    "answer, intent, expected",
    [
        ("goodness, I only said I was making soup. I'm fine, thank you", "safe_now", MISREAD_RESPONSE),
        ("im safe, u got it wrong, im just tired from work", "safe_now", MISREAD_RESPONSE),
        ("yes I'm safe for now", "safe_now", "utter_crisis_followup_safe"),
        ("I'm safe now, my sister is here with me", "safe_now", "utter_crisis_followup_safe"),
    ],
)
def test_a_safe_answer_that_says_it_was_misread_gets_an_apology_not_advice_about_means(answer, intent, expected, tmp_path):
    assert after(CRISIS_RESPONSE, answer, intent, tmp_path) == expected


@pytest.mark.parametrize(
    "answer, intent",
    [
        ("wtf no?? im just stressed abt school. can we carry on", "affirm"),
        ("omg no. nothing like that, i was talking about my exams", "share"),
        ("lol nah im fine", "affirm"),
    ],
)
def test_a_no_after_an_interjection_or_a_misreading_is_a_no_to_the_check_in(answer, intent, tmp_path):
    assert after(CHECKIN_RESPONSE, answer, intent, tmp_path) == CHECKIN_NO_RESPONSE


def test_a_denial_a_turn_after_are_you_safe_gets_the_safe_follow_up(tmp_path):
    events = [
        ActionExecuted("action_listen"),
        UserUttered("yes", intent={"name": "affirm", "confidence": 0.9}),
        ActionExecuted(CRISIS_RESPONSE),
        ActionExecuted("action_listen"),
        UserUttered("worried 60, tired 50", intent={"name": "share", "confidence": 0.8}),
        ActionExecuted("action_reflect"),
        ActionExecuted("action_listen"),
        UserUttered("I said no. I'm not going to hurt myself. can we go back", intent={"name": "share", "confidence": 0.5}),
    ]
    assert predict(events, tmp_path) == MISREAD_RESPONSE
    events[-1] = UserUttered("tell me more about the steps", intent={"name": "share", "confidence": 0.5})
    assert predict(events, tmp_path) != MISREAD_RESPONSE
