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


# --- other steps, outside a record, and in practice ----------------------------------------------

from actions import practice as practice_actions  # noqa: E402
from actions import routing  # noqa: E402
from bot.cbt import control, practice  # noqa: E402


@pytest.mark.parametrize("slot", ["tr_situation", "tr_thought", "tr_emotions", "tr_belief", "tr_traps", "tr_rerate",
                                  "tr_belief_after", "tr_next_step"])
@pytest.mark.parametrize("text", ["is this private?", "thanks. who can read this? i dont want my mum seeing it"])
def test_who_can_read_this_gets_a_privacy_answer_at_every_step(slot, text):
    outcome = answer(slot, text, "help", 0.7)
    assert outcome.slots[slot] is None and outcome.saved_step is None
    assert "encrypted" in texts(outcome)


def _tracker(text, intent, events=(), mode="cbt", loop=None):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    history = [SlotSet("mode", mode), *events, ActionExecuted("action_listen"),
               UserUttered(text, intent={"name": intent, "confidence": 0.8})]
    t = DialogueStateTracker.from_events("someone", history, slots=domain.slots)
    if loop:
        t.change_loop_to(loop)
    return t


@pytest.mark.parametrize(
    "text, intent",
    [("thanks. who can read this? i dont want my mum seeing it", "continue_draft"),
     ("is what i write here private?", "help"), ("who can read this?", "thanks"),
     ("ouch. which traps do i keep getting wrong?", "review_progress")],
)
def test_outside_a_flow_the_question_policy_answers(text, intent):
    from rasa.shared.core.events import ActionExecuted

    from bot.nlu.question_policy import QUESTION_ACTION, QuestionPolicy

    policy = QuestionPolicy.__new__(QuestionPolicy)
    assert policy.choose(_tracker(text, intent)) == QUESTION_ACTION
    answered = _tracker(text, intent)
    answered.update(ActionExecuted(QUESTION_ACTION))
    assert policy.choose(answered) == "action_listen"
    assert policy.choose(_tracker(text, intent, loop="thought_record_form")) is None  # the flow answers it
    assert policy.choose(_tracker(text, intent, mode="explore")) is None  # the journal answers it


@pytest.mark.parametrize("text", ["i want to work through a thought", "show my progress", "/help", "my mum reads my texts"])
def test_the_question_policy_leaves_other_messages(text):
    from bot.nlu.question_policy import QuestionPolicy

    assert QuestionPolicy.__new__(QuestionPolicy).choose(_tracker(text, "share")) is None


def test_which_ones_just_after_the_progress_overview_names_the_missed_traps():
    from rasa.shared.core.events import ActionExecuted

    from bot.nlu.question_policy import QUESTION_ACTION, QuestionPolicy

    after_progress = _tracker("but which ones tho", "out_of_scope", events=[ActionExecuted("action_show_progress")])
    assert QuestionPolicy.__new__(QuestionPolicy).choose(after_progress) == QUESTION_ACTION
    assert QuestionPolicy.__new__(QuestionPolicy).choose(_tracker("but which ones tho", "out_of_scope")) is None


HISTORY = [
    {"drill_id": "d1", "correct_labels": ["catastrophizing"], "chosen_labels": ["labeling"], "correct": False},
    {"drill_id": "d2", "correct_labels": ["labeling"], "chosen_labels": ["mind_reading"], "correct": False},
    {"drill_id": "d3", "correct_labels": ["comparing", "fortune_telling"], "chosen_labels": ["blaming"], "correct": False},
    {"drill_id": "d4", "correct_labels": ["labeling"], "chosen_labels": ["labeling"], "correct": True},
    {"drill_id": "d5", "correct_labels": ["catastrophizing"], "chosen_labels": ["catastrophizing"], "correct": True},
]


def _save_history(repo, sender="tester"):
    for result in HISTORY:
        repo.save_practice(sender, drill_id=result["drill_id"], thought="an example", answer="x",
                           correct_labels=result["correct_labels"], chosen_labels=result["chosen_labels"],
                           correct=result["correct"])


def test_the_answer_outside_a_flow_names_the_missed_traps_from_the_history(repo):
    _save_history(repo)
    messages, _ = run(routing.ActionAnswerQuestion(), tracker(text="ouch. which traps do i keep getting wrong?",
                                                              intent="review_progress"))
    reply = said(messages[0])
    assert "comparing" in reply and "fortune telling" in reply and "missed" in reply
    messages, _ = run(routing.ActionAnswerQuestion(), tracker(text="who can read this?", intent="help"))
    assert "encrypted" in said(messages[0])


@pytest.mark.parametrize("text", ["which traps do i keep getting wrong?", "i mean my score. which ones am i bad at"])
@pytest.mark.parametrize("intent", ["share", "ask_trap", "review_progress"])
def test_mid_round_which_traps_do_i_miss_names_them_and_keeps_the_drill(repo, text, intent):
    _save_history(repo)
    state = {**practice.new_state(), "drill_id": "work-07", "answered": 5, "right": 1}
    t = tracker(text=text, intent=intent, slots={"requested_slot": "practice_answer", "practice_state": state,
                                                 "practice_answer": text}, active_loop="practice_form")
    messages, events = run(practice_actions.ValidatePracticeForm(), t)
    reply = said(messages[0])
    assert "comparing" in reply and "fortune telling" in reply and "couldn't match" not in reply
    new_state = slot_events(events)["practice_state"]
    assert new_state["answered"] == 5 and new_state["reshow"]
    assert len(repo.practice_for("tester")) == len(HISTORY)  # nothing scored


@pytest.mark.parametrize("intent, confidence", [("ask_what_explore", 0.8), ("ask_what_cbt", 0.7), ("share", 0.5)])
def test_the_difference_between_the_two_ways_mid_drill_explains_both(intent, confidence):
    state = {**practice.new_state(), "drill_id": "work-07"}
    reply = practice.answer("whats the difference between the two ways?", intent, confidence, state)
    assert [m.response for m in reply.messages] == ["utter_modes_difference"] and not reply.answered


def test_the_difference_between_the_two_ways_in_a_record_explains_both():
    outcome = answer("tr_evidence_for", "whats the difference between the two ways?", "ask_what_explore", 0.8)
    assert [m.response for m in outcome.messages] == ["utter_modes_difference"]
    assert control.aside("whats the difference between labelling and mind reading?", "share", 0.9) is None


# --- the thinking-traps step: what is confirmed is saved; "both" of three asks which --------------

THOUGHT_STATE = {"tr_thought": "im going to fail chem and everyone will know im thick"}


@pytest.mark.parametrize("intent", ["affirm", "deny", "share", "pause", "choose_cbt"])
@pytest.mark.parametrize("yes", ["yeah note it", "yes", "yep add it", "i think so", "yeah it fits"])
def test_a_trap_confirmed_after_i_guess_is_saved_with_the_others(intent, yes):
    asked = answer("tr_traps", "ugh ok. fortune telling and mind reading and labelling i guess", **THOUGHT_STATE)
    assert flow.notes(asked.slots)["offered_traps"] == ["labeling"]
    outcome = answer("tr_traps", yes, intent, 0.9, tr_notes=asked.slots["tr_notes"], **THOUGHT_STATE)
    assert outcome.slots["tr_traps"] == ["fortune_telling", "mind_reading", "labeling"]
    assert "labeling" in texts(outcome)


@pytest.mark.parametrize("intent", ["affirm", "share"])
@pytest.mark.parametrize("no", ["no leave it out", "nah", "not really"])
def test_a_trap_turned_down_is_left_out_and_the_sure_ones_kept(intent, no):
    asked = answer("tr_traps", "fortune telling and mind reading and labelling i guess", **THOUGHT_STATE)
    outcome = answer("tr_traps", no, intent, 0.9, tr_notes=asked.slots["tr_notes"], **THOUGHT_STATE)
    assert outcome.slots["tr_traps"] == ["fortune_telling", "mind_reading"]


def test_another_trap_named_after_ok_is_the_answer_not_a_yes():
    asked = answer("tr_traps", "not sure about labelling", **THOUGHT_STATE)
    outcome = answer("tr_traps", "ok mind reading then", "affirm", 0.8, tr_notes=asked.slots["tr_notes"], **THOUGHT_STATE)
    assert outcome.slots["tr_traps"] == ["mind_reading"]


@pytest.mark.parametrize("text", ["maybe both", "both", "both of them i think"])
def test_both_with_three_suggestions_asks_which_two(text):
    state = {"tr_thought": "everyone is more prepared than me, ive left it too late, i always do this"}
    assert len(flow.suggestions_for(state["tr_thought"])) == 3
    outcome = answer("tr_traps", text, "affirm", 0.8, **state)
    assert outcome.slots["tr_traps"] is None and outcome.reasked
    assert "Which two" in texts(outcome) and len(outcome.messages[0].buttons) >= 3
    picked = answer("tr_traps", "comparing and overgeneralisation", **state)
    assert picked.slots["tr_traps"] == ["comparing", "overgeneralization"]


# --- misspelt trap names ------------------------------------------------------------------------

from bot.cbt import traps as trap_texts  # noqa: E402


@pytest.mark.parametrize(
    "text, labels",
    [("catastophising and fortune teling", ["catastrophizing", "fortune_telling"]), ("labling", ["labeling"]),
     ("overgeneralisaton", ["overgeneralization"]), ("emotinal reasoning", ["emotional_reasoning"]),
     ("should statments", ["should_statements"]), ("she was claiming i lied", []), ("i was teling him", [])],
)
def test_a_misspelt_trap_name_is_read_as_the_trap(text, labels):
    assert trap_texts.labels_from_text(text) == labels


def test_a_misspelt_answer_in_a_drill_is_scored():
    state = {**practice.new_state(), "drill_id": "work-07"}
    reply = practice.answer("catastophising and fortune teling", "share", 0.5, state)
    assert reply.answered and reply.result["chosen_labels"] == ["catastrophizing", "fortune_telling"]
    assert reply.result["correct"]


# --- the welcome back offers "continue" only when there is something to continue ----------------

from actions import session as session_actions  # noqa: E402


def _welcome_buttons():
    messages, _ = run(session_actions.ActionSessionStart(), tracker(text=""))
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def test_after_only_finished_records_the_welcome_back_offers_no_continue(repo):
    repo.save_thought_record("tester", {"automatic_thought": "im going to fail chem",
                                        "emotions": [{"name": "anxious", "before": 70, "after": 50}]})
    buttons = _welcome_buttons()
    assert "/continue_draft" not in buttons and "/choose_cbt" in buttons


def test_with_a_paused_record_or_practice_the_welcome_back_offers_to_continue(repo):
    repo.save_practice("tester", drill_id="work-07", thought="an example", answer="x",
                       correct_labels=["catastrophizing"], chosen_labels=["labeling"], correct=False)
    assert "/continue_draft" in _welcome_buttons()
    repo.save_draft("tester", {"automatic_thought": "im a terrible mother"}, "tr_emotions")
    assert "/continue_draft" in _welcome_buttons()


@pytest.mark.parametrize("intent", ["ask_trap", "share"])
def test_several_traps_named_with_a_doubt_are_an_answer_not_a_question_about_the_first(intent):
    text = ("fortune telling def. mind reading maybe both? and not sure about labelling, "
            "calling myself thick is that labelling?")
    outcome = answer("tr_traps", text, intent, 0.8, **THOUGHT_STATE)
    assert "Predicting the future" not in texts(outcome)
    asked = flow.notes(outcome.slots)
    assert asked["kept_traps"] == ["fortune_telling"] and "labeling" in asked["offered_traps"]
    yes = answer("tr_traps", "yeah note it", "deny", 0.7, tr_notes=outcome.slots["tr_notes"], **THOUGHT_STATE)
    assert "labeling" in yes.slots["tr_traps"] and "fortune_telling" in yes.slots["tr_traps"]


@pytest.mark.parametrize(
    "text, kept",
    [("thats a bit long lol. id say: i struggled with one question but ive passed chem before and ive revised",
      "i struggled with one question but ive passed chem before and ive revised"),
     ("hmm, I'd put: she is busy, not angry with me", "she is busy, not angry with me"),
     ("although he's pulling away, hes 14. im not a perfect mum but im not a terrible one",
      "although he's pulling away, hes 14. im not a perfect mum but im not a terrible one"),
     ("my mum would say: you always do fine in the end", "my mum would say: you always do fine in the end")],
)
def test_the_balanced_thought_is_kept_without_a_word_about_the_suggestion_before_it(text, kept):
    assert answer("tr_alternative", text).slots["tr_alternative"] == kept


def test_a_story_that_ends_on_a_question_it_was_is_an_answer():
    text = "my boss asked if I was coping in front of everyone and I froze, I couldnt tell if it was a question"
    assert answer("tr_evidence_for", text).slots["tr_evidence_for"] == text


@pytest.mark.parametrize("text", ["is this private?", "who can read my answers?"])
def test_a_privacy_question_mid_drill_is_answered_and_the_drill_stays(text):
    state = {**practice.new_state(), "drill_id": "work-07"}
    reply = practice.answer(text, "help", 0.7, state)
    assert not reply.answered and reply.result is None and "encrypted" in said(reply.messages[0])


@pytest.mark.parametrize("intent, confidence", [("ask_medication", 0.8), ("share", 0.5)])
def test_a_question_about_medication_mid_record_gets_the_medication_answer(intent, confidence):
    outcome = answer("tr_evidence_against", "should I stop taking my antidepressants?", intent, confidence)
    assert outcome.slots["tr_evidence_against"] is None
    assert [m.response for m in outcome.messages] == ["utter_boundary_medication"]


@pytest.mark.parametrize(
    "text, kind",
    [("is it safe to stop sertraline suddenly", None), ("what should i do here", None), ("what should i write here?", None),
     ("what should i do about my son?", side_questions.ADVICE), ("is my journal saved?", side_questions.PRIVACY),
     ("is it private?", side_questions.PRIVACY)],
)
def test_what_kind_of_question_it_is(text, kind):
    found = side_questions.read(text)
    assert (found.kind if found else None) == kind


@pytest.mark.parametrize("text", ["what should i do here", "what should i write here?"])
def test_what_should_i_do_here_explains_the_step_not_advice(text):
    outcome = answer("tr_evidence_for", text, "help", 0.8)
    assert "can't advise" not in texts(outcome)


@pytest.mark.parametrize("text", ["and is it normal to get this worked up about exams?", "am i the only one who panics like this?"])
def test_is_it_normal_outside_a_record_gets_a_kind_answer_and_the_ways_to_look_at_it(text):
    from bot.nlu.question_policy import QUESTION_ACTION, QuestionPolicy

    assert QuestionPolicy.__new__(QuestionPolicy).choose(_tracker(text, "ask_thought_record")) == QUESTION_ACTION
    messages, _ = run(routing.ActionAnswerQuestion(), tracker(text=text, intent="ask_thought_record"))
    assert "very common" in said(messages[0]) and messages[0]["buttons"]


@pytest.mark.parametrize("text", ["is it ok to drink alcohol on citalopram", "is it ok to use this until my therapy starts"])
def test_questions_for_a_professional_are_left_to_their_own_answers(text):
    from bot.nlu.question_policy import QuestionPolicy

    assert QuestionPolicy.__new__(QuestionPolicy).choose(_tracker(text, "ask_medication")) is None


@pytest.mark.parametrize("text", ["hmm labelling again? or blaming idk", "labelling? or comparing?"])
def test_a_guess_between_two_traps_in_a_drill_is_scored_not_defined(text):
    state = {**practice.new_state(), "drill_id": "work-07"}
    reply = practice.answer(text, "ask_trap", 0.8, state)
    assert reply.answered and "For example" not in " ".join(said(m) for m in reply.messages)


def test_what_is_a_trap_in_a_drill_is_still_defined():
    state = {**practice.new_state(), "drill_id": "work-07"}
    reply = practice.answer("what is mind reading?", "ask_trap", 0.8, state)
    assert not reply.answered and reply.messages[0].response == "utter_explain_trap"


@pytest.mark.parametrize(
    "text",
    ["do other people get nervous before exams? everyone does, and they pass", "should i give up? it might feel easier but no",
     "is it normal to panic? most people do the night before"],
)
def test_a_question_answered_in_the_same_message_is_the_answer(text):
    assert answer("tr_evidence_against", text).slots["tr_evidence_against"] == text


@pytest.mark.parametrize("answer", ["On the train home", "at the bus stop", "the weather was awful"])
def test_a_short_situation_the_classifier_takes_for_off_topic_stays_an_answer(answer):
    from bot.cbt.control import aside

    assert aside(answer, "out_of_scope", 0.9) is None


@pytest.mark.parametrize("asked", ["whats the weather tomorrow", "tell me a joke", "can you book a table?"])
def test_an_off_topic_request_inside_a_flow_is_still_answered_briefly(asked):
    from bot.cbt.control import aside

    found = aside(asked, "out_of_scope", 0.9)
    assert found is not None and found.response == "utter_out_of_scope_brief"


@pytest.mark.parametrize("slot", ["tr_situation", "tr_evidence_against", "tr_evidence_for"])
@pytest.mark.parametrize("text", ["no clue honestly", "hmm idk tbh", "my mind is blank"])
def test_being_stuck_said_with_a_hedge_gets_the_steps_help_and_saves_nothing(slot, text):
    outcome = answer(slot, text, "share", 0.5)
    assert outcome.slots[slot] is None and outcome.saved_step is None
    assert [m.response for m in outcome.messages] == [f"utter_step_help_{slot}"]


@pytest.mark.parametrize(
    "slot, text, kept",
    [
        ("tr_belief", "70. ok lets stop here", 70),
        ("tr_belief_after", "hmm 40 i guess, can we pause here", 40),
    ],
)
def test_a_rating_before_a_closing_pause_is_kept_and_the_record_pauses(slot, text, kept):
    outcome = answer(slot, text, "pause", 0.9)
    assert outcome.end == "paused" and outcome.slots[slot] == kept and outcome.saved_step == slot


def test_a_pause_on_its_own_keeps_nothing():
    outcome = answer("tr_belief", "lets stop here", "pause", 0.9)
    assert outcome.end == "paused" and outcome.slots["tr_belief"] is None and outcome.saved_step is None
