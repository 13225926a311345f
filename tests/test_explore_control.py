"""Leaving, side-steps and remarks about the questions are told apart from journal text."""
from __future__ import annotations

import pytest

from bot.explore.control import take_apart


@pytest.mark.parametrize(
    "text, journal",
    [
        ("ok. thats enough for now. bye", ""),
        ("bye", ""),
        ("Thanks, bye!", ""),
        ("See you tomorrow", ""),
        ("Okay I think that's enough for today x", ""),
        ("I have to go now, bye", ""),
        ("Pete rang and I froze. anyway. I'm done for today", "Pete rang and I froze."),
        ("I wrote a lot today.\nDone for now.", "I wrote a lot today."),
    ],
)
def test_leaving_anywhere_at_the_end_closes(text, journal):
    parts = take_apart(text)
    assert parts.closing
    assert parts.journal == journal


@pytest.mark.parametrize(
    "text",
    [
        "I never got to say goodbye to him.",
        "I'm done with him. He never listens.",
        "That's enough! I said to her, and walked out.",
        "He said bye and hung up on me.",
    ],
)
def test_goodbye_words_inside_journal_text_do_not_close(text):
    parts = take_apart(text)
    assert not parts.closing
    assert parts.journal == text


def test_you_asked_me_that_is_not_journal_text():
    assert take_apart("you asked me that last time") == take_apart("You already asked that.")
    parts = take_apart("you asked me that last time")
    assert parts.repeated_question and parts.journal == ""
    parts = take_apart("You asked me that last time, but I still don't know what I wished.")
    assert parts.repeated_question and "asked" not in parts.journal and "still don't know" in parts.journal


def test_a_question_about_the_world_gets_a_brief_answer_and_the_rest_is_journal():
    parts = take_apart("Dad would have hated this. whats the weather like tomorrow btw")
    assert parts.journal == "Dad would have hated this."
    assert "weather" in parts.side_step
    assert take_apart("can you tell me a joke").side_step
    assert take_apart("The weather was grey and so was I.").side_step is None


def test_asking_for_patterns_is_recognised():
    assert take_apart("what patterns do you see?").patterns
    assert not take_apart("I keep falling into the same patterns with my mum.").patterns


def test_a_short_reply_with_nothing_to_reflect_is_never_met_with_silence(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "quiet-person")
    state = session.turn("My wife died last spring and the house is so quiet now.", "share", ExploreState()).state
    said = []
    for text, intent in (("ok", "affirm"), ("hmm", "share"), ("yes", "affirm")):
        reply = session.turn(text, intent, state)
        state = reply.state
        assert reply.messages and reply.messages[0][0].strip()
        said.append(reply.messages[0][0])
    assert len(set(said)) == 3  # not the same words three times


@pytest.mark.parametrize(
    "text, journal",
    [
        ("ok I'm done for today, thanks. will come back on sunday maybe", ""),
        ("Amma wants to go home. Anyway, enough for tonight. Bye and thanks", "Amma wants to go home."),
        ("I shall stop there. I have a crossword waiting, and I hear her voice reading the clues. Goodbye for now.",
         "I have a crossword waiting, and I hear her voice reading the clues."),
    ],
)
def test_leaving_in_the_middle_of_a_message_closes_and_keeps_only_journal_text(text, journal):
    parts = take_apart(text)
    assert parts.closing
    assert parts.journal == journal


def test_later_at_the_start_of_a_sentence_is_not_leaving():
    assert not take_apart("Later, we went to the park. It was nice.").closing


@pytest.mark.parametrize(
    "text, journal",
    [
        ("Hello again.", ""),
        ("hey", ""),
        ("Good evening", ""),
        ("hi its jess again. its been like a week since biscuit died", "its been like a week since biscuit died"),
        ("Hey, my dad died.", "my dad died."),
        ("hey so me and Karim broke up on friday", "hey so me and Karim broke up on friday"),
    ],
)
def test_a_greeting_at_the_start_is_not_journal_text(text, journal):
    parts = take_apart(text)
    assert parts.greeting == (text != journal)
    assert parts.journal == journal


def test_hello_again_after_days_away_is_welcomed_back_and_saves_nothing(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "returning-person")
    state = session.turn("My brother Pete and I argued about the house again.", "share", ExploreState()).state
    state = session.turn("bye", "goodbye", state).state
    state = session.turn("nothing really", "share", state).state  # the takeaway ends the session
    reply = session.turn("Hello again.", "greet", state)
    said = reply.messages[0][0]
    assert said.startswith("Welcome back.") and "Pete" in said and said.endswith("?")
    assert len(repo.journal_entries_for("returning-person")) == 1
    assert "Hello" not in repo.journal_entries_for("returning-person")[0]["text"]


@pytest.mark.parametrize(
    "text, journal, answer",
    [
        ("Out of interest, will it rain tomorrow? I had intended to mow the lawn.", "I had intended to mow the lawn.",
         "weather"),
        ("btw is there any way to export what I write here? Madrid plays.", "", "saved"),
        ("By the way, will it rain tomorrow? Pete still hasn't rung.", "Pete still hasn't rung.", "weather"),
        ("Do you actually understand any of this, or are you simply arranging sentences? I keep wondering.", "",
         "computer program"),
        ("Claire rang on Sunday and we argued about the house again. What time is the football tonight?",
         "Claire rang on Sunday and we argued about the house again.", "look things up"),
    ],
)
def test_an_aside_anywhere_in_the_message_gets_a_brief_answer_and_stays_out_of_the_journal(text, journal, answer):
    parts = take_apart(text)
    assert parts.journal == journal
    assert answer in parts.side_step


@pytest.mark.parametrize(
    "text, journal",
    [
        ("what do you think, should i block him?", "should i block him?"),
        ("should I tell them about the MS? what do you think", "should I tell them about the MS?"),
    ],
)
def test_asking_for_advice_gets_a_kind_no_and_the_dilemma_stays_journal_text(text, journal):
    parts = take_apart(text)
    assert parts.side_step and "won't tell you what to do" in parts.side_step
    assert parts.journal == journal


def test_what_you_think_about_is_not_asking_for_advice():
    assert take_apart("what do you think about when you cant sleep").side_step is None


def test_a_side_question_is_answered_before_the_reflection(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "roses-person")
    reply = session.turn(
        "do you know if it will rain tomorrow? i need to cut back the roses before the frost", "share", ExploreState()
    )
    first, second = (text for text, _ in reply.messages)
    assert "weather" in first and "roses" in second


def test_a_short_reply_mid_session_stays_with_the_person_and_is_not_saved(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "hm-person")
    state = session.turn("I rang my sister and it went badly again, she hung up on me.", "share", ExploreState()).state
    reply = session.turn("hm", "share", state)
    [(text, _)] = reply.messages
    assert "today" not in text.lower()  # not "what's been on your mind today?", as if nothing had been said
    entry = repo.journal_entry("hm-person", reply.state.entry_id)
    assert entry["text"] == "I rang my sister and it went badly again, she hung up on me."


@pytest.mark.parametrize(
    "text, journal",
    [
        ("ok im going to stop now, need to pick up the kids. thanks i guess", ""),
        ("right. im knackered, gonna stop here and try and sleep, night", "right. im knackered"),
        ("ha. ok. actually im going to go, zoe is coming over at 6 and i want to clear the sofa first", ""),
        ("dad would think thats soppy. ok im going to leave it there for today, ive got to ring dev", "dad would think thats soppy."),
    ],
)
def test_leaving_with_a_reason_after_it_closes(text, journal):
    parts = take_apart(text)
    assert parts.closing
    assert parts.journal == journal


@pytest.mark.parametrize(
    "text", ["im going to stop seeing him, i decided", "i have to go to work tomorrow and im dreading it",
             "I dont know if im going to go to the wedding"],
)
def test_going_and_stopping_in_journal_text_is_not_leaving(text):
    assert not take_apart(text).closing


@pytest.mark.parametrize("text", ["you said that exact thing last time", "thats basically what you said last time"])
def test_saying_a_reply_was_said_before_is_a_repeated_question(text):
    assert take_apart(text).repeated_question


def test_you_said_that_to_someone_in_the_journal_is_journal_text():
    assert not take_apart("when you said that you loved me I believed you").repeated_question


@pytest.mark.parametrize(
    "text, journal",
    [
        ("I think I will stop for this evening", ""),
        ("That is enough for today. Thank you.", ""),
        ("her laugh, and the sunday calls. ok thats enough for today, thanks for listening", "her laugh, and the sunday calls."),
        ("Work was grim again. Maybe we can leave it there for tonight", "Work was grim again."),
        ("i cried in the car after. im pretty much done", "i cried in the car after."),
        ("ok i think thats me done for tonight, i need to try and sleep", ""),
        ("the rota is out. ok im done for today, this is making me more wound up", "the rota is out."),
        ("I think that will do for today", ""),
        ("I should like to stop now, please.", ""),
        ("Thank you, and goodbye for now.", ""),
        ("lol ok. anyway im gonna log off, ty for this, kinda helped to type it out", ""),
        ("We talked for hours. I go now. Tchau", "We talked for hours."),
        ("I stop now. Obrigado", ""),
    ],
)
def test_leaving_said_in_words_no_list_holds_still_closes(text, journal):
    parts = take_apart(text)
    assert parts.closing and parts.journal == journal


@pytest.mark.parametrize(
    "text",
    [
        "That is enough. She said it twice and I still cried.",
        "I will stop drinking for now, the doctor said so",
        "i want to stop seeing him",
        "feeling drained and flat all week",
        "its all too much for now",
        "that will do for today she said and walked out",
        "I am going now to see her at the hospital",
    ],
)
def test_the_words_of_leaving_about_something_else_stay_journal_text(text):
    parts = take_apart(text)
    assert not parts.closing and parts.journal == text


def test_asking_what_the_bot_would_do_in_their_place_is_asking_for_advice():
    for text in ("What would you do in my place?", "honestly if you were me what would you do"):
        assert "won't tell you what to do" in (take_apart(text).side_step or ""), text


def test_saying_the_bot_repeated_itself_is_not_journal_text():
    parts = take_apart("you have said that twice")
    assert parts.repeated_question and parts.journal == ""


def test_asking_about_a_diagnosis_in_passing_gets_the_kind_no():
    parts = take_apart("honestly i sleep all day and cry. do you think i have depression?")
    assert "can't diagnose" in (parts.side_step or "") and parts.journal == "honestly i sleep all day and cry."
    assert take_apart("i think i have a cold coming").side_step is None


def test_asking_whether_the_journal_is_private_gets_a_plain_answer():
    parts = take_apart("sorry, I'm not sure why I'm telling a chatbot this. is this actually private? does anyone read these?")
    assert "private" in (parts.side_step or "") and "encrypted" in parts.side_step


def test_asking_for_local_recommendations_gets_a_brief_answer():
    parts = take_apart("quick q totally unrelated but do u know any good ways to meet ppl in leeds? like clubs or whatever")
    assert "look things up" in (parts.side_step or "")


@pytest.mark.parametrize(
    "text",
    ["could i just write for a bit", "i just want to write tonight, no exercises please",
     "I want write only. Is ok?", "honestly can i just vent"],
)
def test_asking_to_write_while_writing_gets_a_warm_yes(repo, text):
    from bot.explore.journal import ExploreState, JournalSession

    reply = JournalSession(repo, "wants-to-write").turn(text, None, ExploreState())
    assert [t for t, _ in reply.messages] == ["Of course. Write whatever is on your mind."]


def test_asking_to_write_with_more_written_answers_what_they_wrote():
    parts = take_apart("i just want to write. my landlord put the rent up again and i cant sleep")
    assert parts.side_step is None and parts.journal == "my landlord put the rent up again and i cant sleep"


@pytest.mark.parametrize(
    "text, word",
    [
        ("my sister never rings first. will you remember all this next week?", "next time"),
        ("do you keep these entries? could my flatmate ever read it", "nobody can read it"),
        ("i wish he would notice me. is that silly", "not here to judge"),
        ("my mum shouted too, and now i shout. is there a connection?", "noticing a link"),
        ("should i go to the reunion or skip it. everyone from school will be there", "won't tell you what to do"),
    ],
)
def test_side_questions_about_the_bot_or_a_verdict_get_a_brief_kind_answer(text, word):
    parts = take_apart(text)
    assert parts.side_step and word in parts.side_step


def test_a_should_inside_a_sentence_is_not_a_question_to_us():
    assert take_apart("i know what i should do but i keep putting it off").side_step is None


def test_asking_for_patterns_in_chat_spelling_or_at_length_is_recognised():
    assert take_apart("wot patterns do u see in what i wrote this week").patterns
    assert take_apart("Be honest with me: am I just going round in circles?").patterns
