"""The exploratory mode end to end: trained model, real action server, real SQLite file."""
from __future__ import annotations

import re

import pytest

from bot.store.repository import Repository

pytestmark = pytest.mark.slow

SESSION = [
    "My sister didn't call me back again and I feel really hurt",
    "It reminds me of when I was a kid and she always got the attention",
    "I wanted her to just ask how I was doing",
    "She said she was busy, like always",
    "I just hung up and cried in the car",
    "Work has been stressful too, my boss keeps moving the deadline",
    "I'm exhausted and I can't sleep properly",
    "My partner tries to help but I push him away",
    "I think I'm scared that people will leave me",
    "Writing this down feels strange but good",
]
STOP = {"the", "and", "but", "that", "was", "were", "just", "like", "too", "has", "been", "this", "keeps", "feels",
        "think", "when", "she", "her", "him", "i'm", "can't", "didn't", "again", "really", "always", "will"}


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 3 and w not in STOP}


def test_a_ten_turn_session_listens_without_repeating(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    replies = []
    for message in SESSION:
        chat.say(message)
        reply = chat.text
        stems = {w[:5] for w in content_words(message)}
        assert any(w[:5] in stems for w in content_words(reply)), f"{message!r} -> {reply!r}"
        for owned in re.findall(r"\bmy \w+", message, flags=re.IGNORECASE):  # "my sister" comes back as "your sister"
            assert owned.lower() not in reply.lower(), reply
        replies.append(reply)
    assert len(set(replies)) == len(replies)
    questions = [q.strip() for r in replies for q in re.findall(r"[^.?!]*\?", r)]
    assert len(set(questions)) == len(questions)


def test_a_person_from_earlier_entries_is_noticed_and_patterns_are_listed(running_bot):
    chat = running_bot.chat()
    repo = Repository(running_bot.database_url)
    for text in ("Argued with my sister about mum.", "My sister cancelled our plans."):
        repo.save_journal_entry(chat.sender, text, ["person:sister"])
    chat.say("/choose_explore")
    chat.say("My sister texted me today and I felt tense all afternoon")
    assert "sister has come up in three entries" in chat.text
    chat.say("what patterns do you see?")
    assert "sister" in chat.text and ("3" in chat.text or "three" in chat.text)


def test_closing_summary_and_takeaway_are_stored(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("I felt lonely at home this weekend because my partner was away")
    chat.say("I'm done for today")
    assert "lonely" in chat.text and "take away" in chat.text
    chat.say("Call a friend when the house feels empty")
    assert "saved that" in chat.text
    [entry] = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert entry["takeaway"] == "Call a friend when the house feels empty"
    assert "feeling:lonely" in entry["themes"] and "person:partner" in entry["themes"]
    export = Repository(running_bot.database_url).export(chat.sender)
    assert export["journal_entries"][0]["themes"] == entry["themes"]


def test_a_takeaway_that_sounds_like_a_request_is_kept_as_the_takeaway(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("I snapped at my brother again and felt awful about it all evening")
    chat.say("That is enough for today, thank you for listening")
    assert "take away" in chat.text
    takeaway = "work through a thought next time instead of stewing"  # reads as a request for a thought record
    chat.say(takeaway)
    assert "Step 1 of 11" not in chat.text and "saved that" in chat.text
    [entry] = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert entry["takeaway"] == takeaway
    assert Repository(running_bot.database_url).draft_for(chat.sender) is None


def test_the_bridge_to_cbt_starts_a_record_with_the_thought_filled_in(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    for text in ("Work has been a slog this week.", "My boss keeps moving the deadline.", "I stayed late again."):
        chat.say(text)
        assert "work through it" not in chat.text  # never in the first three turns of a session
    chat.say("The meeting went badly. I always mess everything up.")
    assert "work through it step by step" in chat.text
    chat.say("/affirm")
    assert "I always mess everything up." in chat.text and "Step 1 of 11" in chat.text
    tracker = chat.tracker(running_bot.token)
    assert tracker["slots"]["tr_thought"] == "I always mess everything up."
    assert tracker["active_loop"]["name"] == "thought_record_form"
    chat.say("In a meeting with the whole team")
    assert "Step 3 of 11" in chat.text  # the thought step is already done


def test_a_loss_is_acknowledged_first_and_leaving_in_plain_words_closes(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("My dad died in March. It was a stroke, very sudden, and my brother Pete and I haven't really "
             "talked since the funeral.")
    assert chat.text.startswith("I'm so sorry about your dad.")
    assert "thought record" not in chat.text and not chat.buttons
    chat.say("What comes up is that Dad always made the peace between me and Pete.")
    assert "between you and your dad" not in chat.text.lower()
    assert "What I'm hearing is that what comes up" not in chat.text
    chat.say("you asked me that last time")
    assert chat.text.startswith(("Sorry", "You're right"))
    chat.say("whats the weather like tomorrow btw")
    assert "weather" in chat.text and "It sounds like whats" not in chat.text
    chat.say("ok. thats enough for now. bye")
    assert "take away" in chat.text
    chat.say("bye")
    [entry] = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert "Dad always made the peace" in entry["text"]
    for control in ("asked me that", "weather", "bye", "enough for now"):
        assert control not in entry["text"].lower()
    assert entry["takeaway"] is None


def test_a_paragraph_ending_in_done_for_today_closes_and_keeps_the_paragraph(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("Work was long and Pete texted about the match, which was nice of him. I made soup and watched "
             "a film with my flatmate. I'm done for today")
    assert "take away" in chat.text
    [entry] = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert entry["text"].endswith("watched a film with my flatmate.")


def test_over_three_sessions_the_dead_stay_in_the_past_and_a_returning_person_is_welcomed(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("My dad died in March. It was a stroke, very sudden, and my brother Pete and I haven't really "
             "talked since the funeral.")
    assert chat.text.startswith("I'm so sorry about your dad.")
    chat.say("Pete sorted the will and the house without asking me. I was furious but I didn't say anything.")
    chat.say("ok I'm done for today, thanks. will come back on sunday maybe")
    assert "take away" in chat.text
    chat.say("bye")
    chat.say("/session_start")  # days later
    assert "Welcome back" in chat.text and ("Pete" in chat.text or "dad" in chat.text)
    chat.say("/choose_explore")
    chat.say("Hello again.")  # welcomed back once already: a plain hello, not a second welcome
    assert "Welcome back" not in chat.text and "sorry" not in chat.text.lower() and "?" in chat.text
    replies = []
    for text in ("I went up the hill Dad used to take us to. It was nice and also awful.",
                 "I miss Dad so much but I'm also angry at him for leaving everything in a mess.",
                 "Out of interest, will it rain tomorrow? Pete still hasn't rung."):
        chat.say(text)
        replies.append(chat.text)
        assert not re.search(r"between you and your dad|is your dad|does your dad", chat.text, re.IGNORECASE)
        assert "thought record" not in chat.text
    assert "weather" in replies[-1]
    entries = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert len(entries) == 2
    assert not any(w in e["text"].lower() for e in entries for w in ("hello again", "rain tomorrow", "sunday maybe"))
    chat.say("what patterns do you see?")
    assert re.search(r"Pete: 2 entries", chat.text) and "grief" in chat.text


def test_a_returning_journaler_can_just_start_writing(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("Work was a lot this week and I barely saw my partner.")
    chat.say("ok thats enough for today")
    chat.say("bye")
    chat.say("/session_start")  # days later
    assert "Welcome back" in chat.text
    chat.say("back. calmer this week, slept better and went for a long walk with my partner")
    assert "nothing in progress" not in chat.text and "What would you like to do" not in chat.text
    assert "partner" in chat.text or "walk" in chat.text or "calmer" in chat.text
    entries = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert len(entries) == 2 and "long walk" in entries[0]["text"]


FALLBACK = "I'm not sure I understood that"


@pytest.mark.parametrize(
    "message",
    [
        "embarassed mostly. and like jealous?? which is pathetic",  # once taken for a medical emergency
        "yes. ok the kids are home now, I finish here. thank you",  # once taken for "I'm safe"
        "hmm the diary one i guess, whatever",  # once taken for opening a thought record
    ],
)
def test_while_journaling_a_message_the_classifier_misreads_is_journal_text(running_bot, message):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("Work was awful today and my manager shouted at me in front of everyone.")
    chat.say(message)
    for wrong in ("emergency number", FALLBACK, "nothing in progress", "thought record"):
        assert wrong not in chat.text, (message, chat.text)
    assert chat.text.strip()


def test_a_medical_emergency_named_while_journaling_still_gets_the_emergency_reply(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("my dad just collapsed in the kitchen and he isn't breathing, what do i do")
    assert "emergency number" in chat.text


@pytest.mark.parametrize("leaving", ["ok I stop now, I am tired. goodbye", "ok i need to go, were getting pizza. bye"])
def test_leaving_right_after_asking_for_patterns_closes_the_session(running_bot, leaving):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("My brother never calls me back and I feel like I don't matter to him.")
    chat.say("what patterns do you see?")
    chat.say(leaving)
    assert "what is one thing you'd like to take away" in chat.text.lower()


def test_no_to_the_check_in_while_journaling_listens_without_a_menu(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("my dad died in march and honestly nothing matters anymore and i am done trying")
    chat.say("no. i said no already, im sad not dangerous")
    assert "carry on" in chat.text and FALLBACK not in chat.text and "findahelpline" not in chat.text
    chat.say("I keep thinking about his garden and how nobody waters it now.")
    [entry] = Repository(running_bot.database_url).journal_entries_for(chat.sender)
    assert "his garden" in entry["text"] and "nothing matters" in entry["text"], chat.text  # one entry, both messages


def test_one_check_in_a_session_while_journaling_however_it_was_answered(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("my dad died in march and honestly nothing matters anymore and i am done trying")
    assert "Are you having thoughts of ending your life" in chat.text
    chat.say("what patterns do you see?")  # not a yes or a no
    chat.say("honestly nothing matters anymore and i am done trying, everything is pointless")
    assert "Are you having thoughts of ending your life" not in chat.text
    assert "findahelpline" not in chat.text


def test_saying_you_are_not_suicidal_while_journaling_gets_no_helplines(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    chat.say("My dad died in August and my brother wants to sell the house already.")
    chat.say("you asked me that already. no im not suicidal. im grieving")
    assert "findahelpline" not in chat.text
