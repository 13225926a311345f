"""The conversation skeleton against the trained model and the real action server."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

OPTIONS = {"Work through a thought (CBT)", "Just explore (journal)", "Practise spotting thinking traps", "Review my progress"}


def test_first_greeting_says_what_reflect_is_and_offers_the_two_ways(running_bot):
    chat = running_bot.chat()
    chat.say("hi")
    text = chat.text.lower()
    assert "not a therapist" in text
    assert "emergency" in text
    assert "step by step" in text and "journaling" in text
    assert OPTIONS <= set(chat.buttons)


def test_choosing_and_switching_mode_sets_the_mode_slot(running_bot):
    chat = running_bot.chat()
    chat.say("hello")
    chat.say("/choose_explore")
    assert "what's on your mind" in chat.text.lower()
    assert chat.tracker(running_bot.token)["slots"]["mode"] == "explore"

    chat.say("let's do the structured thing")
    tracker = chat.tracker(running_bot.token)
    assert tracker["slots"]["mode"] == "cbt"
    assert tracker["active_loop"]["name"] == "thought_record_form"
    assert "Step 1 of 11" in chat.text

    chat.say("can we just talk instead?")
    tracker = chat.tracker(running_bot.token)
    assert tracker["slots"]["mode"] == "explore"
    assert not tracker["active_loop"]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("what can you do?", "four ways"),
        ("what is CBT?", "cognitive behavioural therapy"),
        ("what is the exploratory mode?", "dynamic therapy"),
        ("are you a real person?", "not a person"),
        ("thanks", "welcome"),
        ("what's the weather in paris tomorrow", "outside what i can help with"),
    ],
)
def test_help_and_questions_about_the_bot(running_bot, message, expected):
    chat = running_bot.chat()
    chat.say(message)
    assert expected in chat.text.lower()


def test_gibberish_gets_the_options_again(running_bot):
    chat = running_bot.chat()
    chat.say("qwpoe zzkx vvbn")
    assert OPTIONS <= set(chat.buttons)


def test_a_returning_person_is_welcomed_back_with_an_offer_to_continue(running_bot):
    from bot.store.repository import Repository

    chat = running_bot.chat()
    Repository(running_bot.database_url).save_draft(
        chat.sender, {"situation": "At work", "automatic_thought": "I'll get fired"}, "tr_emotions"
    )
    chat.say("hi")
    assert "welcome back" in chat.text.lower()
    assert "I'll get fired" in chat.text
    assert "Continue it" in chat.buttons
