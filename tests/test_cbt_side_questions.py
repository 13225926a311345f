"""Questions and commands to Reflect in the middle of a thought record are answered or obeyed, never kept.

The messages are a playtester's, as typed; the classifier's reading is given
several ways (it is often wrong for such messages), and the flow must do the
same with each.
"""
from __future__ import annotations

import pytest

from actions import thought_record as tr
from bot.cbt import flow, side_questions
from bot.cbt.flow import Turn
from tests.responses import text as said
from tests.trackers import run, slot_events, tracker

STATE = {
    "tr_situation": "last night at my desk, i couldnt do question 4",
    "tr_thought": "im going to fail chem and everyone will know im thick",
    "tr_emotions": [{"name": "anxious", "before": 70, "after": None}],
    "tr_belief": 85,
    "tr_traps": ["fortune_telling", "mind_reading"],
    "tr_evidence_for": "i couldnt do q4, i got 48% on the mock",
    "tr_evidence_against": "i passed chem last year with a B",
    "tr_notes": {},
}
READINGS = [("share", 0.9), ("ask_thought_record", 0.7), ("out_of_scope", 0.5), ("stuck", 0.4), ("go_back", 0.3)]
FREE_TEXT = ("tr_evidence_for", "tr_evidence_against", "tr_alternative")


def answer(slot, text, intent="share", confidence=0.9, **state):
    current = {**STATE, **state, slot: None}
    later = flow.SLOTS[flow.SLOTS.index(slot):]
    current.update({name: None for name in later})
    return flow.answer(slot, Turn(text, intent, confidence), current)


def texts(outcome):
    return " ".join(said(m) for m in outcome.messages)


@pytest.mark.parametrize("intent, confidence", READINGS)
@pytest.mark.parametrize("slot", FREE_TEXT)
@pytest.mark.parametrize(
    "text, kind",
    [
        ("should I tell my parents?", side_questions.ADVICE),
        ("ok but first, is this normal? like do other people freak out this much before exams", side_questions.NORMAL),
        ("who can read this?", side_questions.PRIVACY),
        ("is what i write here private?", side_questions.PRIVACY),
        ("and is it normal to get this worked up about exams?", side_questions.NORMAL),
    ],
)
def test_a_question_to_reflect_in_a_free_text_step_is_answered_and_the_step_asked_again(slot, text, kind, intent, confidence):
    outcome = answer(slot, text, intent, confidence)
    assert outcome.slots[slot] is None and outcome.saved_step is None and outcome.end is None
    assert not outcome.reasked  # the step's own question follows
    reply = texts(outcome)
    if kind == side_questions.PRIVACY:
        assert "encrypted" in reply and "this machine" in reply and "link" in reply and "erase" in reply
    else:
        assert reply.startswith("I can't") and "record can help" in reply


@pytest.mark.parametrize("intent, confidence", READINGS)
@pytest.mark.parametrize(
    "slot, text, explains",
    [
        ("tr_evidence_for", "what do you mean by evidence?", "utter_step_help_tr_evidence_for"),
        ("tr_evidence_against", "what do you mean by evidence?", "utter_step_help_tr_evidence_against"),
        ("tr_alternative", "what's a balanced thought?", "utter_step_help_tr_alternative"),
        ("tr_situation", "what counts as a situation? is it the whole week or one moment", "utter_step_help_tr_situation"),
        ("tr_evidence_for", "wdym by evidence", "utter_step_help_tr_evidence_for"),
    ],
)
def test_a_question_about_a_term_gets_its_short_explanation(slot, text, explains, intent, confidence):
    outcome = answer(slot, text, intent, confidence)
    assert outcome.slots[slot] is None and outcome.saved_step is None
    assert [m.response for m in outcome.messages] == [explains]


@pytest.mark.parametrize("intent, confidence", [("share", 0.9), ("go_back", 0.8), ("deny", 0.6)])
@pytest.mark.parametrize(
    "slot, text, back_to",
    [
        ("tr_evidence_against", "wait that was a question not my answer, go back", "tr_evidence_for"),
        ("tr_alternative", "hang on i was asking you something. go back", "tr_evidence_against"),
        ("tr_alternative", "wait that was a question not my answer", "tr_evidence_against"),
        ("tr_rerate", "no!! that wasnt my balanced thought. go back", "tr_alternative"),
    ],
)
def test_saying_the_last_answer_was_a_question_goes_back_to_it(slot, text, back_to, intent, confidence):
    outcome = answer(slot, text, intent, confidence)
    assert outcome.slots[slot] is None and outcome.slots[back_to] is None and outcome.saved_step is None
    assert outcome.messages[0].response == "utter_going_back"


@pytest.mark.parametrize("intent, confidence", [("share", 0.9), ("abandon", 0.4), ("pause", 0.5)])
@pytest.mark.parametrize("slot", FREE_TEXT)
def test_throw_this_away_closing_a_longer_message_asks_first(slot, intent, confidence):
    outcome = answer(slot, "actually i dont think this is helping tonight, throw this away", intent, confidence)
    assert outcome.slots[slot] is None and outcome.end is None
    assert flow.notes(outcome.slots)["confirm"] == "abandon"
    assert "throw this thought record away?" in texts(outcome)


@pytest.mark.parametrize(
    "slot, text",
    [
        ("tr_evidence_for", "i couldnt do q4, i got 48% on the mock in november, i skipped lunch to revise and still didnt get it"),
        ("tr_evidence_against", "i passed chem last year with a B. she cancelled on me again but thats about her not about "
                                "me failing. and i went back home at the weekend and actually revised a lot"),
        ("tr_evidence_for", "shes done 2x the papers i have. i couldnt stop crying when i got home"),
        ("tr_evidence_against", "what else could happen? i might pass, i got q1-3 right"),
        ("tr_evidence_against", "is it normal to fail one mock? yes, lots of people do"),
        ("tr_evidence_against", "should i really believe one bad mark means i'll fail? no"),
        ("tr_evidence_for", "my mum asked, should i tell your dad?"),
        ("tr_evidence_for", "she threw my notes away and told me to go back"),
        ("tr_alternative", "my mum said, throw this away, and i did"),
        ("tr_evidence_against", "he told me to go back. i did"),
    ],
)
def test_content_with_question_or_command_words_stays_the_answer(slot, text):
    for intent, confidence in READINGS:
        outcome = answer(slot, text, intent, confidence)
        assert outcome.slots[slot] == text and outcome.end is None, (intent, outcome.messages)
        assert "confirm" not in flow.notes(outcome.slots)


def test_the_rating_after_a_question_about_believing_is_used():
    text = "what do you mean by believe it? like i know its probably not true but it feels true. maybe eighty five"
    for intent, confidence in READINGS:
        outcome = answer("tr_belief", text, intent, confidence)
        assert outcome.slots["tr_belief"] == 85 and outcome.saved_step == "tr_belief"
        assert outcome.messages[0].response == "utter_step_help_tr_belief"


def test_is_this_normal_at_the_belief_step_is_answered_not_read_as_a_number():
    outcome = answer("tr_belief", "is this normal? to feel this panicky the night before")
    assert outcome.slots["tr_belief"] is None and "number" not in texts(outcome)
    assert "very common" in texts(outcome)


def validate(slot, text, intent="share", confidence=0.9):
    slots = {**STATE, **{name: None for name in flow.SLOTS[flow.SLOTS.index(slot):]}, "requested_slot": slot, slot: text}
    t = tracker(text=text, intent=intent, confidence=confidence, slots=slots, active_loop="thought_record_form")
    return run(tr.ValidateThoughtRecordForm(), t)


@pytest.mark.parametrize(
    "slot, text",
    [("tr_evidence_for", "what do you mean by evidence?"), ("tr_evidence_against", "should I tell my parents?"),
     ("tr_alternative", "who can read this?")],
)
def test_the_form_keeps_asking_the_same_step_and_saves_nothing(repo, slot, text):
    messages, events = validate(slot, text)
    assert slot_events(events)[slot] is None
    assert repo.draft_for("tester") is None
    assert messages and "Step" not in said(messages[-1])
