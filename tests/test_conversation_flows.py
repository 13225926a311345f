"""People as they really write, against the trained model and the real action server.

Free text inside a flow is an answer unless it clearly is a command; commands
in plain words work; questions are answered and the step is asked again.
"""
from __future__ import annotations

import re

import pytest

from bot.store.repository import Repository

pytestmark = pytest.mark.slow


def to_evidence_for(chat):
    chat.say("/choose_cbt")
    chat.say("At lunch on Saturday")
    chat.say("Nobody actually wants to spend time with me")
    chat.say("lonely 80")
    chat.say("70")
    chat.say("none of these")
    assert "Step 6 of 11" in chat.text


def test_content_sentences_with_control_words_stay_answers(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("I couldn't stop crying after the phone call")
    assert "Step 2 of 11" in chat.text
    chat.say("My sister will probably cancel on me")
    assert "Step 3 of 11" in chat.text
    chat.say("anxous prob 45")  # a misspelt feeling with a hedged number
    assert "Step 4 of 11" in chat.text
    chat.say("like a 6 out of 10")
    assert "Step 5 of 11" in chat.text
    chat.say("none of these")
    chat.say("she cancelled")
    assert "throw" not in chat.text.lower() and "Step 7 of 11" in chat.text
    draft = Repository(running_bot.database_url).draft_for(chat.sender)
    assert draft["evidence_for"] == "she cancelled"
    assert draft["situation"] == "I couldn't stop crying after the phone call"
    assert draft["emotions"] == [{"name": "anxious", "before": 45, "after": None}]
    assert draft["belief_before"] == 60


@pytest.mark.parametrize(
    "message", ["stop", "I want to stop the record", "ugh. let me out of this", "honestly i dont want to do this today"]
)
def test_stopping_in_plain_words_keeps_the_draft(running_bot, message):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("At the bus stop this morning")
    chat.say(message)
    assert "draft" in chat.text
    assert not chat.tracker(running_bot.token)["active_loop"]
    assert Repository(running_bot.database_url).draft_for(chat.sender)["situation"] == "At the bus stop this morning"


def test_throwing_away_always_asks_and_a_content_reply_does_not_loop(running_bot):
    chat = running_bot.chat()
    to_evidence_for(chat)
    chat.say("cancel it")
    assert "throw this thought record away?" in chat.text.lower()
    chat.say("my friend cancelled our plans twice this month")
    assert "Step 7 of 11" in chat.text  # taken as the answer, not asked again
    draft = Repository(running_bot.database_url).draft_for(chat.sender)
    assert draft["evidence_for"] == "my friend cancelled our plans twice this month"


def test_questions_inside_a_record_are_answered_and_the_step_asked_again(running_bot):
    chat = running_bot.chat()
    to_evidence_for(chat)
    chat.say("what do you mean?")
    assert "what makes the thought seem true" in chat.text and "Step 6 of 11" in chat.text
    chat.say("what's the weather tomorrow?")
    assert "outside what i can help with" in chat.text.lower() and "Step 6 of 11" in chat.text
    chat.say("are you a real person?")
    assert "not a person" in chat.text and "Step 6 of 11" in chat.text
    assert Repository(running_bot.database_url).draft_for(chat.sender)["evidence_for"] is None


def test_a_hedged_trap_choice_is_asked_about_not_recorded(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("skip")
    chat.say("I'm such a loser")
    chat.say("ashamed 70")
    chat.say("80")
    assert "Step 5 of 11" in chat.text
    chat.say("not sure about labelling")
    assert "Step 6 of 11" not in chat.text and "Yes, note it" in chat.buttons
    chat.say("/affirm")
    assert "Step 6 of 11" in chat.text
    assert Repository(running_bot.database_url).draft_for(chat.sender)["distortions"] == ["labeling"]


def test_skipping_the_evidence_against_gets_one_gentle_word_then_skips(running_bot):
    chat = running_bot.chat()
    to_evidence_for(chat)
    chat.say("They didn't reply in the group chat")
    assert "Step 7 of 11" in chat.text
    chat.say("skip")
    assert "heart of a thought record" in chat.text and "Skip it anyway" in chat.buttons
    chat.say("skip anyway")
    assert "Step 8 of 11" in chat.text


def test_questions_and_stop_inside_a_practice_round(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_practice")
    assert "Practice 1 of 10" in chat.text
    thought = re.search(r"Practice 1 of 10\n“(.+?)”\n", chat.text).group(1)
    chat.say("what is mind reading?")
    assert "Mind reading" in chat.text and "For example" in chat.text
    assert f"Practice 1 of 10\n“{thought}”" in chat.text  # the same drill again, not scored
    assert Repository(running_bot.database_url).practice_for(chat.sender) == []
    chat.say("ugh let me out of this")
    assert "No drills answered" in chat.text
    assert not chat.tracker(running_bot.token)["active_loop"]


def test_continue_returns_a_journaler_to_their_journal(running_bot):
    chat = running_bot.chat()
    Repository(running_bot.database_url).save_journal_entry(chat.sender, "I keep thinking about my brother's wedding", [])
    chat.say("continue where I left off")
    assert "journal" in chat.text.lower() and "brother's wedding" in chat.text
    tracker = chat.tracker(running_bot.token)
    assert tracker["slots"]["mode"] == "explore" and not tracker["active_loop"]


def test_continue_returns_a_recorder_to_the_paused_record(running_bot):
    chat = running_bot.chat()
    Repository(running_bot.database_url).save_draft(
        chat.sender, {"situation": "At work", "automatic_thought": "I'll get fired"}, "tr_emotions"
    )
    chat.say("continue where I left off")
    assert "Step 3 of 11" in chat.text


def test_the_difference_between_the_two_ways_explains_both(running_bot):
    chat = running_bot.chat()
    chat.say("what's the difference between the two ways?")
    assert "Work through a thought" in chat.text and "Just explore" in chat.text
    assert "step by step" in chat.text and "no steps" in chat.text


@pytest.mark.parametrize(
    "message",
    ["the cbt one please, i have an exam on friday", "can we look at the evidence for a worry i have"],
)
def test_choosing_the_structured_way_in_free_text(running_bot, message):
    chat = running_bot.chat()
    chat.say(message)
    assert "Step 1 of 11" in chat.text


def to_traps(chat):
    chat.say("/choose_cbt")
    chat.say("My manager emailed me at ten at night")
    chat.say("I always get everything wrong and I'm going to be fired")
    chat.say("scared prob 70")
    chat.say("80 i said lol")
    assert "Step 5 of 11" in chat.text


def test_a_trap_named_to_rule_it_out_is_not_recorded(running_bot):
    chat = running_bot.chat()
    to_traps(chat)
    chat.say("not the all or nothing one")
    assert "Alright, not all-or-nothing" in chat.text and "Step 6 of 11" not in chat.text
    chat.say("fortune telling, not catastrophising")
    assert "Step 6 of 11" in chat.text
    draft = Repository(running_bot.database_url).draft_for(chat.sender)
    assert draft["distortions"] == ["fortune_telling"]
    assert draft["belief_before"] == 80


def test_the_explore_button_at_the_traps_step_switches_mode(running_bot):
    chat = running_bot.chat()
    to_traps(chat)
    chat.say("/choose_explore")
    assert "thinking trap" not in chat.text.lower()
    tracker = chat.tracker(running_bot.token)
    assert tracker["slots"]["mode"] == "explore" and not tracker["active_loop"]
    assert Repository(running_bot.database_url).draft_for(chat.sender)["situation"] == "My manager emailed me at ten at night"


def test_the_stuck_draft_is_built_from_the_evidence_not_the_fillers(running_bot):
    chat = running_bot.chat()
    to_traps(chat)
    chat.say("none of these")
    chat.say("um well i guess the project is late lol")
    chat.say("ok so basically my manager thanked me last week haha")
    assert "Step 8 of 11" in chat.text
    chat.say("I'm stuck")
    assert "Although the project is late, my manager thanked me last week." in chat.text
    assert not re.search(r"\b(?:um|lol|haha|basically)\b", chat.text)


def test_wanting_to_stop_a_feeling_is_the_thought_not_a_pause(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("After my sister's wedding")
    chat.say("I want to stop feeling like this")
    assert "Step 3 of 11" in chat.text and "draft" not in chat.text
    assert chat.tracker(running_bot.token)["active_loop"]
    assert Repository(running_bot.database_url).draft_for(chat.sender)["automatic_thought"] == "I want to stop feeling like this"
