"""Crisis language always gets helplines: at the greeting, inside a form, inside a
long journal entry, and with the action server stopped."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

CRISIS = "utter_crisis_support"


def crisis_replied(chat, token) -> bool:
    events = chat.tracker(token)["events"]
    last_user = max(i for i, e in enumerate(events) if e.get("event") == "user")
    return any(e.get("event") == "action" and e.get("name") == CRISIS for e in events[last_user:])


def test_crisis_at_the_greeting_gets_helplines_at_once(running_bot):
    chat = running_bot.chat()
    chat.say("i dont want to be here anymore")
    assert "findahelpline.com" in chat.text
    assert "Are you safe right now?" in chat.text
    assert crisis_replied(chat, running_bot.token)
    chat.say("/affirm")
    assert "keep talking" in chat.text


def test_crisis_in_the_middle_of_a_thought_record_pauses_it_and_it_can_be_resumed(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("At my desk this morning")
    assert "Step 2 of 11" in chat.text
    chat.say("everyone would be better off without me")
    assert "findahelpline.com" in chat.text
    tracker = chat.tracker(running_bot.token)
    assert not tracker["active_loop"]
    assert tracker["slots"]["tr_thought"] is None
    assert tracker["slots"]["tr_situation"] == "At my desk this morning"
    chat.say("/continue_draft")
    assert "Step 2 of 11" in chat.text


def test_crisis_inside_a_long_journal_entry(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    entry = ("Today was long. I went to work, had a meeting about the budget, then picked up groceries. " * 20
             + "Honestly I have been saving up my pills and I think tonight is the night. "
             + "Then I watched some TV and went to bed early. " * 10)
    chat.say(entry)
    assert "findahelpline.com" in chat.text


SAFE = "keep talking"  # utter_crisis_followup_safe
UNSAFE = "call your local emergency number now"  # utter_crisis_followup_unsafe
UNSURE = "hard to tell"  # utter_crisis_followup_unsure


@pytest.mark.parametrize(
    ("mode", "answer", "expected"),
    [
        (None, "I'm safe for now", SAFE),
        ("/choose_explore", "yeah I'm ok", SAFE),
        ("/choose_cbt", "no I'm not safe", UNSAFE),
        ("/choose_practice", "I don't know", UNSURE),
        ("/choose_explore", "im not safe", UNSAFE),
        (None, "/not_safe", UNSAFE),
    ],
)
def test_typed_answers_to_are_you_safe_work_in_every_mode(running_bot, mode, answer, expected):
    chat = running_bot.chat()
    if mode:
        chat.say(mode)
    chat.say("i want to kill myself")
    assert "Are you safe right now?" in chat.text
    chat.say(answer)
    assert expected in chat.text, chat.text


def test_unsure_is_asked_again_and_a_later_answer_is_understood(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("I've been saving my pills to take them all tonight")
    chat.say("idk")
    assert UNSURE in chat.text
    chat.say("im safe for now")
    assert SAFE in chat.text


def test_after_the_safe_answer_a_paused_record_can_be_resumed(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("In the kitchen after dinner")
    assert "Step 2 of 11" in chat.text
    chat.say("i want to end my life")
    chat.say("I'm safe for now")
    assert SAFE in chat.text
    chat.say("/continue_draft")
    assert "Step 2 of 11" in chat.text


def test_no_and_dont_know_keep_their_meaning_away_from_the_crisis_reply(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("I don't know")
    assert UNSURE not in chat.text and UNSAFE not in chat.text


CHECKIN = "utter_crisis_checkin"
CHECKIN_QUESTION = "Are you having thoughts of ending your life or hurting yourself?"
HEAVY = "honestly nothing matters anymore and i am done trying"  # tier 2, not tier 1


def ran(chat, token, action) -> bool:
    events = chat.tracker(token)["events"]
    last_user = max(i for i, e in enumerate(events) if e.get("event") == "user")
    return any(e.get("event") == "action" and e.get("name") == action for e in events[last_user:])


@pytest.mark.parametrize(("mode", "yes"), [(None, "yes"), ("/choose_explore", "/affirm"), ("/choose_practice", "im not safe")])
def test_a_heavy_message_gets_the_check_in_and_yes_gets_helplines(running_bot, mode, yes):
    chat = running_bot.chat()
    if mode:
        chat.say(mode)
    chat.say(HEAVY)
    assert CHECKIN_QUESTION in chat.text
    assert ran(chat, running_bot.token, CHECKIN) and not crisis_replied(chat, running_bot.token)
    chat.say(yes)
    assert "findahelpline.com" in chat.text
    assert crisis_replied(chat, running_bot.token)


def test_no_to_the_check_in_carries_on(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say(HEAVY)
    assert CHECKIN_QUESTION in chat.text
    chat.say("no")
    assert "carry on" in chat.text
    assert "findahelpline.com" not in chat.text


def test_no_to_the_check_in_while_journaling_keeps_the_message_and_answers_it(running_bot):
    from bot.store.repository import Repository

    chat = running_bot.chat()
    chat.say("/choose_explore")
    heavy = "my dad died in march and honestly nothing matters anymore and i am done trying"
    chat.say(heavy)
    assert CHECKIN_QUESTION in chat.text
    chat.say("no")
    assert "carry on" in chat.text
    assert "sorry" in chat.text and "your dad" in chat.text  # the loss is acknowledged, not dropped
    [entry] = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert entry["text"] == heavy  # saved as journal text; the "no" is not


def test_no_to_the_check_in_during_a_thought_record_returns_to_the_same_step(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("On the sofa after work")
    assert "Step 2 of 11" in chat.text
    chat.say(HEAVY)
    assert CHECKIN_QUESTION in chat.text
    tracker = chat.tracker(running_bot.token)
    assert tracker["slots"]["tr_thought"] is None  # the heavy message is not taken as the answer
    chat.say("/deny")
    assert "carry on" in chat.text
    # the message that set off the check-in was the answer to step 2: it is kept
    assert "Step 3 of 11" in chat.text
    assert chat.tracker(running_bot.token)["slots"]["tr_thought"] == HEAVY
    chat.say("sad 70")
    assert "Step 4 of 11" in chat.text


def test_a_typed_no_to_the_check_in_during_a_thought_record_keeps_the_answer_in_its_step(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("On the train home")
    thought = "I keep thinking everyone would be fine without me around"  # tier 2, not tier 1
    chat.say(thought)
    assert CHECKIN_QUESTION in chat.text
    chat.say("no, nothing like that, just a rough day")
    slots = chat.tracker(running_bot.token)["slots"]
    assert slots["tr_situation"] == "On the train home"
    assert slots["tr_thought"] == thought
    assert "Step 3 of 11" in chat.text


@pytest.mark.parametrize("answer", ["no estoy bien", "ja, ich kann nicht mehr", "non, je suis pas bien"])
def test_an_answer_in_another_language_is_not_read_as_yes_or_no(running_bot, answer):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say(HEAVY)
    assert CHECKIN_QUESTION in chat.text
    chat.say(answer)
    assert "carry on" not in chat.text
    assert "findahelpline.com" in chat.text


def test_no_quiero_vivir_is_a_crisis_not_a_no(running_bot):
    chat = running_bot.chat()
    chat.say(HEAVY)
    assert CHECKIN_QUESTION in chat.text
    chat.say("no quiero vivir")
    assert "carry on" not in chat.text
    assert crisis_replied(chat, running_bot.token)


def test_not_safe_typed_at_the_thinking_traps_step_gets_the_crisis_reply(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("At home on Sunday night")
    chat.say("i want to kill myself")
    assert "findahelpline.com" in chat.text
    chat.say("/continue_draft")
    chat.say("I always mess things up at work")
    chat.say("sad 80")
    chat.say("ninety")
    assert "Step 5 of 11" in chat.text
    chat.say("not safe")
    assert crisis_replied(chat, running_bot.token)
    assert chat.tracker(running_bot.token)["slots"]["tr_traps"] is None


def test_safe_for_now_after_a_pills_plan_gets_a_gentle_safety_step_and_the_helplines_stay_a_tap_away(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("I've been saving my pills to take them all tonight")
    assert "findahelpline.com" in chat.text
    chat.say("I'm safe for now")
    assert "hard to reach" in chat.text
    assert "Show the helplines again" in chat.buttons
    chat.say("/crisis")
    assert "findahelpline.com" in chat.text


def test_everyday_venting_gets_no_check_in(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("work was long and my boss was grumpy but I had a nice dinner with my sister")
    assert CHECKIN_QUESTION not in chat.text
    assert not ran(chat, running_bot.token, CHECKIN)


@pytest.mark.parametrize(
    "message",
    ["this deadline is killing me", "I'd kill for a coffee", "I died laughing at that video", "my battery is dead"],
)
def test_idioms_do_not_get_a_hotline(running_bot, message):
    chat = running_bot.chat()
    chat.say(message)
    assert not crisis_replied(chat, running_bot.token)
    assert "helpline" not in chat.text.lower()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("are you a therapist?", "not a therapist"),
        ("can you diagnose me with depression?", "can't diagnose"),
        ("should I stop taking my antidepressants?", "medication"),
        ("I think I'm having a heart attack", "emergency number"),
    ],
)
def test_boundaries_are_kind_and_point_to_a_professional(running_bot, message, expected):
    chat = running_bot.chat()
    chat.say(message)
    assert expected in chat.text


def test_crisis_reply_does_not_need_the_action_server(running_bot):
    in_form = running_bot.chat()
    in_form.say("/choose_cbt")
    in_form.say("On the bus home")
    assert "Step 2 of 11" in in_form.text
    with running_bot.action_server_down():
        chat = running_bot.chat()
        chat.say("I want to kill myself")
        assert "findahelpline.com" in chat.text
        assert crisis_replied(chat, running_bot.token)

        in_form.say("I've written my goodbye letters")
        assert "findahelpline.com" in in_form.text
        assert crisis_replied(in_form, running_bot.token)
        in_form.say("no I'm not safe")
        assert UNSAFE in in_form.text
        chat.say("I'm safe for now")
        assert SAFE in chat.text

        heavy = running_bot.chat()
        heavy.say(HEAVY)
        assert CHECKIN_QUESTION in heavy.text
        heavy.say("yes")
        assert "findahelpline.com" in heavy.text


def test_no_to_the_check_in_does_not_need_the_action_server(running_bot):
    with running_bot.action_server_down():
        chat = running_bot.chat()
        chat.say(HEAVY)
        assert CHECKIN_QUESTION in chat.text
        chat.say("no")
        assert "carry on" in chat.text
        assert not crisis_replied(chat, running_bot.token)
