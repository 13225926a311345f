"""Where "continue where I left off" leads, and when both ways are explained side by side."""
from __future__ import annotations

import pytest

from actions import routing
from bot import session
from bot.cbt import control
from tests.trackers import run, tracker


def test_someone_new_has_nothing_to_continue(repo):
    assert session.last_activity(repo, "tester").kind is None


def test_a_journaler_continues_their_journal(repo):
    repo.save_journal_entry("tester", "My brother's wedding is coming up", [])
    assert session.last_activity(repo, "tester").kind == session.JOURNAL
    messages, events = run(routing.ActionContinue(), tracker(text="continue where I left off", intent="continue_draft"))
    assert messages[0]["response"] == "utter_continue_journal"
    assert "wedding" in messages[0]["last_words"]
    assert {"event": "slot", "name": "mode", "value": "explore"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


def test_a_recorder_continues_the_paused_record(repo):
    repo.save_draft("tester", {"situation": "At work", "automatic_thought": "I'll get fired"}, "tr_emotions")
    assert session.last_activity(repo, "tester").kind == session.RECORD
    messages, events = run(routing.ActionContinue(), tracker(text="continue", intent="continue_draft"))
    assert messages[0]["response"] == "utter_continue_record"
    assert any(e.get("event") == "followup" and e.get("name") == "thought_record_form" for e in events)


def test_the_latest_activity_wins_over_an_older_paused_record(repo):
    repo.save_draft("tester", {"situation": "At work"}, "tr_thought")
    repo.save_journal_entry("tester", "Later I just wrote about my day", [])
    assert session.last_activity(repo, "tester").kind == session.JOURNAL


def test_someone_who_practised_last_gets_a_new_round(repo):
    repo.save_practice("tester", drill_id="d1", thought="x", answer="labeling", correct_labels=["labeling"],
                       chosen_labels=["labeling"], correct=True)
    assert session.last_activity(repo, "tester").kind == session.PRACTICE


@pytest.mark.parametrize(
    ("text", "compares"),
    [("what's the difference between the two ways?", True), ("cbt or journaling, which should i pick", True),
     ("how is explore mode different", True), ("what is cbt?", False), ("what can you do", False)],
)
def test_asking_how_the_two_ways_differ(text, compares):
    assert control.asks_for_comparison(text) is compares


def test_the_difference_question_explains_both(repo):
    messages, _ = run(routing.ActionExplainModes(), tracker(text="whats the difference between the two ways", intent="help"))
    assert messages[0]["response"] == "utter_modes_difference"
    messages, _ = run(routing.ActionExplainModes(), tracker(text="what is cbt", intent="ask_what_cbt"))
    assert messages[0]["response"] == "utter_what_is_cbt"


# --- the mode while a flow is running ----------------------------------------


def test_an_answer_taken_for_choosing_the_journal_leaves_the_record_in_cbt_mode(repo):
    from actions.thought_record import ValidateThoughtRecordForm
    from tests.trackers import slot_events

    # The classifier read the evidence as choosing the journal, and its slot mapping set the mode.
    text = "I wrote in my diary every night that week and felt calmer"
    answered = tracker(text=text, intent="choose_explore", slots={
        "requested_slot": "tr_evidence_against", "mode": "explore", "tr_situation": "At work", "tr_thought": "I'm failing",
    }, active_loop="thought_record_form")
    _, events = run(ValidateThoughtRecordForm(), answered)
    slots = slot_events(events)
    assert slots["tr_evidence_against"] == text and slots["mode"] == "cbt"

    switched = tracker(text="can I just write about it instead", intent="choose_explore", slots={
        "requested_slot": "tr_evidence_against", "mode": "explore", "tr_situation": "At work",
    }, active_loop="thought_record_form")
    _, events = run(ValidateThoughtRecordForm(), switched)
    assert slot_events(events)["tr_status"] == "switch_explore" and "mode" not in slot_events(events)


def test_a_practice_answer_taken_for_choosing_a_mode_keeps_the_mode_it_had(repo):
    from actions.practice import ValidatePracticeForm
    from bot.cbt import drills, practice
    from tests.trackers import slot_events

    drill = drills.bank()[0]
    events_before = [{"event": "slot", "name": "mode", "value": "cbt"}, {"event": "user", "text": "mind reading"}]
    answered = tracker(text="mind reading", intent="choose_explore", events=events_before, slots={
        "requested_slot": "practice_answer", "mode": "explore",
        "practice_state": {**practice.new_state(), "drill_id": drill.id},
    }, active_loop="practice_form")
    _, events = run(ValidatePracticeForm(), answered)
    assert slot_events(events)["mode"] == "cbt"


# --- a paused record offered, pressed or named wins over a later journal line ----


def _journaled_after_pausing(repo):
    repo.save_draft("tester", {"situation": "At the bus stop", "automatic_thought": "Nobody ever waits for me"},
                    "tr_balanced")
    repo.save_journal_entry("tester", "sure, go on. work was calmer this afternoon", [])
    assert session.last_activity(repo, "tester").kind == session.JOURNAL


OFFERED = [{"event": "action", "name": "action_session_start"}, {"event": "session_started"},
           {"event": "slot", "name": "has_draft", "value": True}, {"event": "action", "name": "action_listen"},
           {"event": "user", "text": "sure, go on. work was calmer this afternoon"}]


@pytest.mark.parametrize("text", ["/continue_draft", "can we go back to the worksheet", "continue my thought record"])
def test_the_button_or_the_record_by_name_continues_the_paused_record(repo, text):
    _journaled_after_pausing(repo)
    messages, events = run(routing.ActionContinue(), tracker(text=text, intent="continue_draft"))
    assert messages[0]["response"] == "utter_continue_record"
    assert any(e.get("event") == "followup" and e.get("name") == "thought_record_form" for e in events)


def test_a_plain_continue_after_the_offer_this_session_continues_the_record(repo):
    _journaled_after_pausing(repo)
    answered = tracker(text="carry on", intent="continue_draft", slots={"has_draft": True}, events=OFFERED[1:])
    messages, _ = run(routing.ActionContinue(), answered)
    assert messages[0]["response"] == "utter_continue_record"


def test_a_plain_continue_after_working_on_the_record_this_session_continues_it(repo):
    _journaled_after_pausing(repo)
    worked = [{"event": "session_started"}, {"event": "active_loop", "name": "thought_record_form"},
              {"event": "active_loop", "name": None}, {"event": "user", "text": "the bus was late"}]
    messages, _ = run(routing.ActionContinue(), tracker(text="continue", intent="continue_draft", events=worked))
    assert messages[0]["response"] == "utter_continue_record"


def test_a_plain_continue_in_a_later_session_still_goes_to_the_journal(repo):
    _journaled_after_pausing(repo)
    later = [{"event": "session_started"}, {"event": "user", "text": "continue"}]
    messages, _ = run(routing.ActionContinue(), tracker(text="continue", intent="continue_draft", events=later))
    assert messages[0]["response"] == "utter_continue_journal"


@pytest.mark.parametrize(
    ("text", "accepts"),
    [("sure, go on. work was calmer this afternoon", True), ("yep lets do it, had a decent sleep", True),
     ("ok continue it pls", True), ("continue", True), ("I'd like to, yes", True),
     ("nope, something happened at work", False), ("not now. my sister called", False),
     ("something else please", False), ("my sister called last night", False)],
)
def test_a_yes_to_the_offer_with_news_is_still_a_yes(text, accepts):
    from bot.cbt import resume

    assert resume.accepts_offer(text) is accepts


def _offer_tracker(text: str, intent: str = "share", offered: bool = True, from_store: bool = False):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    events = [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("has_draft", offered),
              ActionExecuted("action_listen"), UserUttered(text, intent={"name": intent, "confidence": 0.8})]
    if from_store:  # a tracker store hands the session over from its `session_started` event
        events = events[1:]
    return DialogueStateTracker.from_events("someone", events, slots=domain.slots)


@pytest.mark.parametrize(
    ("text", "offered", "continues"),
    [("yep lets do it, had a decent sleep", True, True), ("ok continue it pls", True, True),
     ("nope, something happened at work", True, False), ("yep lets do it", False, False),
     ("/continue_draft", True, False)],  # the button has its own rule
)
@pytest.mark.parametrize("from_store", [False, True])
def test_a_typed_yes_to_the_offer_continues_the_record(text, offered, continues, from_store):
    from bot.nlu.offer_policy import OfferPolicy

    assert OfferPolicy._accepts(_offer_tracker(text, offered=offered, from_store=from_store)) is continues


def test_a_yes_later_in_the_session_is_not_an_answer_to_the_offer():
    from rasa.shared.core.events import ActionExecuted, UserUttered

    from bot.nlu.offer_policy import OfferPolicy

    tracker = _offer_tracker("my boss was in a mood today")
    for event in [ActionExecuted("action_reflect"), ActionExecuted("action_listen"),
                  UserUttered("yep lets go on", intent={"name": "affirm", "confidence": 0.9})]:
        tracker.update(event)
    assert not OfferPolicy._accepts(tracker)
