"""What the journal policy does with a message while journaling, on real Rasa trackers."""
from __future__ import annotations

from functools import lru_cache

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.journal_policy import JOURNAL_ACTION, JournalPolicy


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load("domain.yml")


def tracker(text: str, intent: str, confidence: float = 0.9, awaiting: str | None = None) -> DialogueStateTracker:
    state = {"awaiting": awaiting} if awaiting else {}
    events = [
        ActionExecuted("action_listen"),
        SlotSet("mode", "explore"),
        SlotSet("explore_state", state),
        UserUttered(text, intent={"name": intent, "confidence": confidence}),
    ]
    return DialogueStateTracker.from_events("someone", events, slots=domain().slots)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("I would prefer to simply write", "ask_medication"),
        ("honestly I just want to get this down", "ask_therapist"),
        ("I keep going over what she said", "ask_diagnosis"),
        ("right, off to the shops now, got to post the parcel. ta", "ask_thought_record"),
        ("anyway we are heading out for dinner. thanks, that helped a bit", "ask_what_cbt"),
    ],
)
def test_a_boundary_question_that_names_nothing_is_journal_text(text, intent):
    assert JournalPolicy._action(tracker(text, intent)) == JOURNAL_ACTION


@pytest.mark.parametrize(
    "text, intent",
    [
        ("should I come off my sertraline?", "ask_medication"),
        ("do you think I have ADHD", "ask_diagnosis"),
        ("would it be better to see a therapist", "ask_therapist"),
        ("how does the thought record work?", "ask_thought_record"),
        ("what's the difference between the two ways", "ask_what_cbt"),
    ],
)
def test_a_boundary_question_that_names_its_subject_is_answered_by_its_rule(text, intent):
    assert JournalPolicy._action(tracker(text, intent)) is None


def test_the_answer_to_the_takeaway_question_is_always_theirs():
    text = "that I can be honest with her and still want her as a friend"
    asked = tracker(text, "choose_cbt", 0.95, awaiting="takeaway")
    # the intent's slot mapping has already switched `mode` to cbt when the policies run
    asked.update(ActionExecuted("action_extract_slots"))
    asked.update(SlotSet("mode", "cbt"))
    assert JournalPolicy._action(asked) == JOURNAL_ACTION
    assert JournalPolicy._action(tracker(text, "choose_cbt", 0.95)) is None


def test_asking_to_explore_while_exploring_is_journal_text():
    text = "right. im going to head off now, need to get the dinner on"
    assert JournalPolicy._action(tracker(text, "choose_explore", 0.9)) == JOURNAL_ACTION


def test_choosing_the_journal_for_the_first_time_is_left_to_its_rule():
    events = [
        ActionExecuted("action_listen"),
        UserUttered("can we just talk instead?", intent={"name": "choose_explore", "confidence": 0.99}),
        ActionExecuted("action_extract_slots"),
        SlotSet("mode", "explore"),  # set by the intent's own slot mapping
    ]
    first = DialogueStateTracker.from_events("someone", events, slots=domain().slots)
    assert JournalPolicy._action(first) is None


def test_its_prediction_competes_on_priority_and_names_one_action(tmp_path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    policy = JournalPolicy.create(
        JournalPolicy.get_default_config(), LocalModelStorage(tmp_path), Resource("journal"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    prediction = policy.predict_action_probabilities(tracker("my sister never rings me back", "share"), domain())
    chosen = [domain().action_names_or_texts[i] for i, p in enumerate(prediction.probabilities) if p > 0]
    assert chosen == [JOURNAL_ACTION]
    assert prediction.is_no_user_prediction is False
    nothing = policy.predict_action_probabilities(tracker("/choose_cbt", "choose_cbt"), domain())
    assert max(nothing.probabilities) == 0
