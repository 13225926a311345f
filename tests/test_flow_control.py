"""Inside a flow, answers stay answers, commands in plain words work, questions are answered.

The classifier's reading is given as it might come (often wrong for content
sentences), so these tests pin what the flow does with it.
"""
from __future__ import annotations

import pytest

from bot.cbt import control, flow, practice
from bot.cbt.flow import Turn
from tests.responses import text as said

STATE = {"tr_situation": "At work", "tr_thought": "They think I'm useless", "tr_notes": {}}


def answer(slot, text, intent="share", confidence=0.95, **state):
    return flow.answer(slot, Turn(text, intent, confidence), {**STATE, **state})


@pytest.mark.parametrize(
    ("slot", "text", "intent"),
    [
        ("tr_evidence_for", "she cancelled", "abandon"),
        ("tr_evidence_for", "She cancelled on me again last minute", "abandon"),
        ("tr_situation", "I couldn't stop crying after the call", "pause"),
        ("tr_situation", "he told me to go back home", "go_back"),
        ("tr_evidence_against", "my boss skipped the meeting too", "skip"),
        ("tr_thought", "I can't do this", "pause"),
        ("tr_evidence_for", "she stopped replying to me", "pause"),
        ("tr_situation", "my friend dropped the plans we made", "abandon"),
    ],
)
def test_a_content_sentence_with_a_control_word_is_an_answer(slot, text, intent):
    outcome = answer(slot, text, intent=intent)
    assert outcome.end is None
    assert outcome.slots[slot] == text
    assert "confirm" not in flow.notes(outcome.slots)


@pytest.mark.parametrize(
    "text",
    ["stop", "I want to stop the record", "ugh. let me out of this", "honestly i dont want to do this today",
     "let's stop here", "can we pause?", "i need to go", "not today", "I'm done for today"],
)
def test_plain_words_pause_the_record_whatever_the_classifier_said(text):
    outcome = answer("tr_belief", text, intent="share", confidence=0.3)
    assert outcome.end == "paused"


@pytest.mark.parametrize("text", ["cancel", "scrap this", "throw it away", "delete this record", "start over"])
def test_abandon_in_plain_words_always_asks_first(text):
    outcome = answer("tr_evidence_for", text, intent="share", confidence=0.2)
    assert outcome.end is None
    assert flow.notes(outcome.slots)["confirm"] == "abandon"
    assert "throw this thought record away?" in said(outcome.messages[0])


def test_a_reply_to_the_abandon_question_that_is_neither_yes_nor_no_is_the_answer():
    asked = answer("tr_evidence_for", "cancel it", intent="abandon")
    notes = asked.slots["tr_notes"]
    outcome = answer("tr_evidence_for", "she cancelled", intent="abandon", tr_notes=notes)
    assert outcome.end is None and outcome.slots["tr_evidence_for"] == "she cancelled"
    assert "confirm" not in outcome.slots["tr_notes"]
    kept = answer("tr_evidence_for", "no", intent="deny", tr_notes=notes)
    assert kept.end is None and "keep going" in said(kept.messages[0])
    gone = answer("tr_evidence_for", "yes", intent="affirm", tr_notes=notes)
    assert gone.end == "abandoned"


def test_a_long_message_is_never_a_command_from_the_classifier_alone():
    text = "I was going to cancel the trip but then my sister said she would come with me after all"
    assert answer("tr_situation", text, intent="abandon", confidence=0.99).slots["tr_situation"] == text


@pytest.mark.parametrize("text", ["what do you mean?", "why do you ask", "huh?", "can you give me an example", "i dont understand"])
def test_what_do_you_mean_explains_the_step_and_asks_it_again(text):
    outcome = answer("tr_evidence_for", text, intent="stuck")
    assert outcome.slots["tr_evidence_for"] is None and not outcome.reasked
    assert outcome.messages[0].response == "utter_step_help_tr_evidence_for"


def test_a_question_about_a_trap_is_answered_not_recorded():
    outcome = answer("tr_traps", "what is mind reading?", intent="ask_trap")
    assert outcome.slots["tr_traps"] is None
    assert "Mind reading" in said(outcome.messages[0]) and "For example" in said(outcome.messages[0])


@pytest.mark.parametrize("text", ["not sure about labelling", "maybe labelling?", "could be labelling, idk"])
def test_a_hedged_trap_choice_asks_before_recording(text):
    asked = answer("tr_traps", text)
    assert asked.slots["tr_traps"] is None
    assert "labeling" in flow.notes(asked.slots)["offered_traps"]
    yes = answer("tr_traps", "yes", intent="affirm", tr_notes=asked.slots["tr_notes"])
    assert yes.slots["tr_traps"] == ["labeling"]
    no = answer("tr_traps", "no", intent="deny", tr_notes=asked.slots["tr_notes"])
    assert no.slots["tr_traps"] is None


@pytest.mark.parametrize(
    ("text", "ruled_out"),
    [("not the all or nothing one", "all-or-nothing"), ("definitely not mind reading", "mind reading"),
     ("it isnt catastrophising", "catastroph")],
)
def test_a_trap_named_to_rule_it_out_is_not_recorded(text, ruled_out):
    outcome = answer("tr_traps", text, intent="deny", confidence=0.7)
    assert outcome.slots["tr_traps"] is None
    assert said(outcome.messages[0]).startswith("Alright, not") and ruled_out in said(outcome.messages[0]).lower()


def test_a_trap_chosen_beside_one_ruled_out_records_only_the_chosen_one():
    outcome = answer("tr_traps", "mind reading, not labelling")
    assert outcome.slots["tr_traps"] == ["mind_reading"]


def test_a_mode_button_pressed_at_the_trap_step_switches_mode_not_a_trap_answer():
    switched = answer("tr_traps", "/choose_explore", intent="choose_explore", confidence=1.0)
    assert switched.end == "switch_explore" and switched.slots["tr_traps"] is None
    same_mode = answer("tr_traps", "/choose_cbt", intent="choose_cbt", confidence=1.0)
    assert same_mode.end is None and same_mode.slots["tr_traps"] is None
    assert "thinking trap" not in said(same_mode.messages[0])


def test_all_of_them_and_none_at_the_trap_step():
    thought = {"tr_thought": "She thinks I'm an idiot and I'll never get promoted"}
    suggested = [s.label for s in flow.suggestions_for(thought["tr_thought"])]
    assert suggested
    assert answer("tr_traps", "all of them", **thought).slots["tr_traps"] == suggested
    assert answer("tr_traps", "nope, none of these", intent="share", **thought).slots["tr_traps"] == []


def test_skipping_the_evidence_against_gets_one_word_on_why_then_skips():
    first = answer("tr_evidence_against", "skip", intent="skip")
    assert first.slots["tr_evidence_against"] is None
    assert first.messages[0].response == "utter_evidence_against_matters"
    notes = first.slots["tr_notes"]
    second = answer("tr_evidence_against", "skip anyway", intent="skip", tr_notes=notes)
    assert second.slots["tr_evidence_against"] == flow.SKIPPED
    had_a_go = answer("tr_evidence_against", "she did say hi to me on Tuesday", tr_notes=notes)
    assert had_a_go.slots["tr_evidence_against"] == "she did say hi to me on Tuesday"
    # Only once per record: a later skip is a skip.
    later = answer("tr_evidence_against", "skip", intent="skip", tr_notes={"nudged": True})
    assert later.slots["tr_evidence_against"] == flow.SKIPPED


def test_other_steps_skip_at_once():
    assert answer("tr_evidence_for", "skip", intent="skip").slots["tr_evidence_for"] == flow.SKIPPED


@pytest.mark.parametrize(
    ("text", "intent", "response"),
    [
        ("are you a real person?", "bot_challenge", "utter_bot_challenge"),
        ("whats the weather tomorrow", "out_of_scope", "utter_out_of_scope_brief"),
        ("what is cbt?", "ask_what_cbt", "utter_what_is_cbt_brief"),
    ],
)
def test_asides_are_answered_and_the_step_asked_again(text, intent, response):
    outcome = answer("tr_situation", text, intent=intent)
    assert outcome.slots["tr_situation"] is None
    assert outcome.messages[0].response == response and not outcome.reasked


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [("tr_belief", "about seventy", 70), ("tr_belief", "prob 45", 45), ("tr_belief", "like a 6 out of 10", 60),
     ("tr_belief_after", "45 i said lol", 45)],
)
def test_ratings_as_people_write_them(slot, text, expected):
    assert answer(slot, text).slots[slot] == expected


def test_a_misspelt_feeling_with_a_hedged_number():
    outcome = answer("tr_emotions", "anxous prob 45")
    assert outcome.slots["tr_emotions"] == [{"name": "anxious", "before": 45, "after": None}]


# --- practice drills ---------------------------------------------------------


def drill_state():
    from bot.cbt import drills

    drill = next(d for d in drills.bank() if "mind_reading" not in d.labels)
    return drill, {**practice.new_state(), "drill_id": drill.id}


def test_a_question_in_a_drill_is_answered_not_scored():
    drill, state = drill_state()
    reply = practice.answer("what is mind reading?", "ask_trap", 0.9, state)
    assert reply.result is None and not reply.finished
    assert "Mind reading" in said(reply.messages[0])
    assert reply.state["drill_id"] == drill.id and reply.state["answered"] == 0
    assert said(practice.reask(reply.state)).startswith("Practice 1 of 10")


@pytest.mark.parametrize("text", ["stop", "ugh let me out of this", "i'm done", "i dont want to do this anymore"])
def test_stop_in_plain_words_ends_a_round(text):
    _, state = drill_state()
    assert practice.answer(text, "share", 0.2, state).finished


def test_what_do_you_mean_in_a_drill_explains_the_drill():
    _, state = drill_state()
    reply = practice.answer("what do you mean?", "help", 0.5, state)
    assert reply.messages[0].response == "utter_practice_help" and reply.result is None


def test_control_reads_the_whole_message():
    assert control.read("she cancelled", "abandon", 0.99, {control.ABANDON}) is None
    assert control.read("cancel it", "abandon", 0.99, {control.ABANDON}) == control.ABANDON
    assert control.read("bye", "goodbye", 0.9, {control.PAUSE}) == control.PAUSE
    assert control.read("stop", "share", 0.1, {control.SKIP}) is None  # not allowed here


@pytest.mark.parametrize("text", ["I want to stop feeling like this", "i just want to stop overthinking everything",
                                  "can i quit worrying about it"])
def test_wanting_to_stop_a_feeling_is_an_answer_not_a_pause(text):
    outcome = answer("tr_thought", text, intent="pause", confidence=0.9)
    assert outcome.end is None and outcome.slots["tr_thought"] == text


@pytest.mark.parametrize("text", ["can we stop doing this", "i want to stop writing for now"])
def test_stopping_the_flow_itself_still_pauses(text):
    assert answer("tr_thought", text, intent="pause", confidence=0.9).end == "paused"


# --- a command after a first clause, switching to the journal, corrections -----


@pytest.mark.parametrize(
    ("slot", "text", "intent", "end"),
    [
        ("tr_evidence_for", "she left early again. honestly can we stop here", "share", "paused"),
        ("tr_situation", "this feels like filling in a form. lets just stop for now", "share", "paused"),
        ("tr_belief", "can we stop? I'm wiped out", "share", "paused"),
        ("tr_traps", "mind reading i guess. actually, could we just talk instead", "share", "switch_explore"),
        ("tr_belief", "70 i guess. wait no, id rather just write about it", "share", "switch_explore"),
        ("tr_alternative", "I don't know what to put. I want to stop this and write freely", "help", "switch_explore"),
        ("tr_evidence_for", "i am not feeling these questions. can i write about what happened instead?", "share", "switch_explore"),
        ("tr_situation", "can I just journal?", "choose_explore", "switch_explore"),
        ("tr_evidence_against", "i dont want to do the steps, i want to just write", "share", "switch_explore"),
        ("tr_thought", "switch to journaling please", "choose_explore", "switch_explore"),
    ],
)
def test_a_command_in_plain_words_works_also_after_a_first_clause(slot, text, intent, end):
    outcome = answer(slot, text, intent=intent, confidence=0.5)
    assert outcome.end == end and outcome.slots[slot] is None


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        ("tr_evidence_for", "He stopped texting back. Then he cancelled dinner."),
        ("tr_situation", "My sister said, let's stop here for coffee, and I froze"),
        ("tr_situation", "We were arguing. Then she went, can we just stop talking about this"),
        ("tr_evidence_against", "I wanted to quit. I didn't, I finished the shift."),
        ("tr_evidence_for", "Mum kept telling me to stop. I couldn't stop shaking."),
        ("tr_evidence_for", "She yelled at me again. I'm done."),
        ("tr_next_step", "try journaling before bed"),
        ("tr_next_step", "I want to write to my brother"),
        ("tr_evidence_against", "Actually she did text me on Sunday"),
        ("tr_thought", "I will never get out of this"),
        ("tr_evidence_for", "I quit ringing my mum after Easter"),
        ("tr_situation", "He came home late. Can we talk about it, I asked."),
        ("tr_evidence_for", "The baby was up all night and I'm shattered, I need a break"),
    ],
)
def test_content_with_a_control_word_stays_an_answer_after_a_first_clause(slot, text):
    for intent in ("pause", "choose_explore", "abandon", "share"):
        outcome = answer(slot, text, intent=intent, confidence=0.7)
        assert outcome.end is None and outcome.slots[slot] == text, intent


def test_a_switch_request_beats_going_back():
    outcome = answer("tr_evidence_for", "can I go back to just writing instead", intent="go_back", confidence=0.9)
    assert outcome.end == "switch_explore"


def test_leaving_is_not_read_as_the_answer_to_a_pending_question():
    asked = answer("tr_traps", "not sure about labelling")
    outcome = answer("tr_traps", "no. actually lets just stop here", intent="deny", tr_notes=asked.slots["tr_notes"])
    assert outcome.end == "paused"
    assert "confirm" not in flow.notes(outcome.slots)


@pytest.mark.parametrize("text", ["furious and a bit embarrassed", "anxious", "im so lonely", "hurt. angry too"])
def test_feelings_given_as_the_thought_get_one_gentle_word(text):
    first = answer("tr_thought", text, tr_thought=None)
    assert first.slots["tr_thought"] is None and first.reasked
    assert said(first.messages[0]).startswith("Those sound like feelings")
    # Only once: given again, they are kept as the thought.
    again = answer("tr_thought", text, tr_thought=None, tr_notes=first.slots["tr_notes"])
    assert again.slots["tr_thought"] == text


@pytest.mark.parametrize(
    "text", ["I'm worthless", "everyone was laughing at me and I felt sick", "I'll end up alone", "they think I'm boring"]
)
def test_a_thought_that_names_a_feeling_is_kept(text):
    assert answer("tr_thought", text, tr_thought=None).slots["tr_thought"] == text


def test_a_correction_of_the_last_answer_replaces_it_and_answers_the_step_on_screen():
    text = "angry 70, hurt 40 - oops, I typed the feelings in the previous box. the thought was he doesn't respect me"
    outcome = answer("tr_emotions", text, tr_thought="angry and hurt")
    assert outcome.slots["tr_thought"] == "he doesn't respect me"
    assert [e["name"] for e in outcome.slots["tr_emotions"]] == ["angry", "hurt"]
    assert "he doesn't respect me" in said(outcome.messages[0])


def test_a_correction_alone_replaces_the_named_step_and_asks_the_step_on_screen_again():
    text = "sorry wrong one. my situation should have been the queue at the pharmacy"
    outcome = answer("tr_belief", text, tr_emotions=[{"name": "sad", "before": 50, "after": None}])
    assert outcome.slots["tr_situation"] == "the queue at the pharmacy"
    assert outcome.slots["tr_belief"] is None and outcome.end is None


def test_a_correction_for_the_last_step_by_position():
    outcome = answer("tr_belief", "for the last one I meant nervous 60", tr_emotions=[{"name": "sad", "before": 50, "after": None}])
    assert outcome.slots["tr_emotions"] == [{"name": "nervous", "before": 60, "after": None}]


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        ("tr_evidence_for", "She said I meant nothing to her"),
        ("tr_evidence_for", "oops I dropped my phone and the situation was chaos"),
        ("tr_evidence_for", "I made a mistake on the invoice and the thought stayed with me all day"),
        ("tr_situation", "oops, the thought was that I'd be late"),  # a later step: nothing to correct yet
    ],
)
def test_a_sentence_about_mistakes_is_an_answer_not_a_correction(slot, text):
    outcome = answer(slot, text)
    assert outcome.slots[slot] == text
    assert outcome.slots.get("tr_thought", STATE["tr_thought"]) == STATE["tr_thought"]


def test_a_request_to_write_freely_ends_a_practice_round_and_opens_the_journal():
    _, state = drill_state()
    reply = practice.answer("this is a lot. could we just write instead", "choose_explore", 0.9, state)
    assert reply.finished and reply.state["then"] == "explore"
    assert practice.round_summary(reply.state).response == "utter_start_explore"


@pytest.mark.parametrize(
    "text",
    ["can we call it a day", "im gonna stop now", "enough questions for tonight", "not up for this right now",
     "hold on can we stop for a sec", "I need a break", "lets wrap up", "this is dragging. can we leave it there"],
)
def test_more_ways_of_asking_to_stop_pause_the_record(text):
    assert answer("tr_evidence_for", text, intent="share", confidence=0.3).end == "paused"


@pytest.mark.parametrize(
    "text", ["I need a break from him", "she wanted out", "we called it a day at 3", "no more lies", "I just want to talk to my dad"]
)
def test_the_same_words_about_life_stay_answers(text):
    outcome = answer("tr_evidence_for", text, intent="share", confidence=0.3)
    assert outcome.end is None and outcome.slots["tr_evidence_for"] == text


def test_a_correction_at_the_thought_keeps_the_feelings_written_before_it_for_the_next_step():
    text = "worried 65, flat 30. sorry I mixed them up, the thought was I'm letting everyone down"
    outcome = answer("tr_thought", text, tr_thought=None, tr_notes={"feelings_for_thought": True})
    assert outcome.slots["tr_thought"] == "I'm letting everyone down"
    assert [e["name"] for e in outcome.slots["tr_emotions"]] == ["worried", "flat"]


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("the bus was late twice. ugh actually im worn out, could we pause here and i finish the rest tomorrow?", "paused"),
        ("i said i want pause now. i do it next time", "paused"),
        ("i told you already i want stop. we continue another day", "paused"),
        ("my boss frowned at me. so sleepy now, can we stop and we do the rest later", "paused"),
        ("ok sure. but i want to quit the worksheet n just chat normal", "switch_explore"),
        ("ya whatever. but can we leave this worksheet and talk like normal", "switch_explore"),
    ],
)
def test_pausing_or_leaving_in_learners_and_teens_words(text, end):
    assert answer("tr_evidence_for", text, intent="share").end == end


@pytest.mark.parametrize("text", ["she said i want to stop", "and then my coach said stop", "we finish next time he said"])
def test_someone_elses_stop_stays_an_answer(text):
    assert answer("tr_evidence_for", text, intent="share").end is None


def test_a_yes_to_the_pending_trap_question_is_noted_before_leaving():
    pending = {"confirm": "traps", "offered_traps": ["labeling"]}
    outcome = answer("tr_traps", "yep ok add it. but i want to stop the worksheet n just talk", tr_notes=pending)
    assert outcome.end == "switch_explore"
    assert outcome.slots["tr_traps"] == ["labeling"]
    assert "confirm" not in flow.notes(outcome.slots)
    no = answer("tr_traps", "no. i want to stop the worksheet n just talk", tr_notes=pending)
    assert no.end == "switch_explore" and not no.slots.get("tr_traps")


# --- each trap read with the words around it ---------------------------------


def test_traps_ruled_out_after_their_name_or_with_no_to_are_left_out_and_maybe_is_asked_about():
    text = "all or nothing yes, and should statements. catastrophizing i dont think so. plus maybe blaming"
    asked = answer("tr_traps", text)
    assert asked.slots["tr_traps"] is None
    assert said(asked.messages[0]) == "Noted: all-or-nothing thinking, should statements."
    confirm = said(asked.messages[1])
    assert "blaming" in confirm and "catastroph" not in confirm.lower()
    yes = answer("tr_traps", "yes", intent="affirm", tr_notes=asked.slots["tr_notes"])
    assert yes.slots["tr_traps"] == ["all_or_nothing", "should_statements", "blaming"]
    no = answer("tr_traps", "no", intent="deny", tr_notes=asked.slots["tr_notes"])
    assert no.slots["tr_traps"] == ["all_or_nothing", "should_statements"]


@pytest.mark.parametrize(
    ("text", "recorded"),
    [("no to labeling, mind reading yes", ["mind_reading"]), ("labeling nope. mind reading fits", ["mind_reading"]),
     ("mind reading, labeling doesnt fit", ["mind_reading"]), ("mind reading not labeling", ["mind_reading"])],
)
def test_a_trap_ruled_out_before_or_after_its_name(text, recorded):
    assert answer("tr_traps", text).slots["tr_traps"] == recorded


def test_several_tentative_traps_are_asked_about_in_a_sentence():
    asked = answer("tr_traps", "maybe labeling or mind reading or comparing, not sure")
    assert "Does labeling, mind reading and comparing seem to fit" in said(asked.messages[0])


@pytest.mark.parametrize("slot", ["tr_belief", "tr_traps", "tr_evidence_for"])
@pytest.mark.parametrize("text", ["excuse me what means thinking trap? i dont understand", "whats a trap"])
def test_what_a_thinking_trap_is_is_explained_and_the_step_asked_again(slot, text):
    outcome = answer(slot, text, intent="ask_trap")
    assert outcome.slots[slot] is None and not outcome.reasked
    assert said(outcome.messages[0]).startswith("A thinking trap is")


# --- throwing a resumed record away and starting another -------------------------


@pytest.mark.parametrize("text", ["ya bin the last one n start fresh", "ugh. delete the old record and start a new one"])
def test_throwing_the_old_one_away_and_starting_new_asks_then_starts_a_new_record(text):
    asked = answer("tr_traps", text, intent="share", confidence=0.3)
    assert flow.notes(asked.slots)["confirm"] == "abandon" and flow.notes(asked.slots)["then_new"]
    gone = answer("tr_traps", "ye", intent="share", confidence=0.3, tr_notes=asked.slots["tr_notes"])
    assert gone.end == "abandoned_new"
    plain = answer("tr_traps", "yes", intent="affirm", tr_notes={"confirm": "abandon"})
    assert plain.end == "abandoned"


def test_a_new_situation_while_the_throw_away_question_waits_asks_it_again_briefly():
    asked = answer("tr_traps", "throw this away", intent="abandon")
    text = "this morning at the gym my ex walked in and ignored me completely"
    again = answer("tr_traps", text, intent="share", tr_notes=asked.slots["tr_notes"])
    assert again.end is None and again.slots["tr_traps"] is None
    assert flow.notes(again.slots)["confirm"] == "abandon"
    assert said(again.messages[0]).startswith("First, a yes or no")
    new = answer("tr_traps", "yeah bin it and start a new one", intent="share", tr_notes=again.slots["tr_notes"])
    assert new.end == "abandoned_new"


def test_the_end_of_a_record_thrown_away_to_start_new_starts_the_new_one(repo):
    from actions.thought_record import ActionEndThoughtRecord
    from tests.trackers import run, tracker

    repo.save_draft("tester", {"situation": "At the gym"}, "tr_traps")
    messages, events = run(ActionEndThoughtRecord(), tracker(text="ye", slots={"tr_status": "abandoned_new"}))
    assert [m["response"] for m in messages] == ["utter_record_thrown_away", "utter_start_record"]
    assert any(e.get("event") == "followup" and e.get("name") == "thought_record_form" for e in events)
    assert repo.draft_for("tester") is None


def test_a_later_clause_asking_to_go_back_and_rewrite_a_named_step_goes_back_there():
    text = "no that sounds wrong, the stop was not a fact. could we go back and redo the evidence for"
    outcome = answer("tr_alternative", text)
    assert outcome.slots == {"tr_alternative": None, "tr_evidence_for": None}
    kept = answer("tr_evidence_against", "my coach said i could go back and change my grip, it helped")
    assert kept.slots["tr_evidence_against"].startswith("my coach")
