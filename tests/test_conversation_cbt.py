"""CBT mode end to end: the trained model, the real action server, a real SQLite file."""
from __future__ import annotations

import re

import pytest

from bot.store.repository import Repository

pytestmark = pytest.mark.slow


def stored(running_bot, sender):
    return Repository(running_bot.database_url).thought_records_for(sender)


def test_a_full_thought_record_from_the_greeting_to_the_saved_summary(running_bot):
    chat = running_bot.chat()
    chat.say("hi")
    chat.say("/choose_cbt")
    assert "Step 1 of 11" in chat.text
    chat.say("My manager sent my report back with lots of comments on Monday")
    assert "Step 2 of 11" in chat.text
    chat.say("She thinks I'm useless and I'll never get promoted")
    assert "Step 3 of 11" in chat.text
    chat.say("really anxious, maybe 90, and ashamed 6/10")
    assert "Step 4 of 11" in chat.text
    chat.say("eight out of ten")
    assert "Step 5 of 11" in chat.text and "Mind reading" in chat.buttons
    chat.say("mind reading and fortune telling")
    assert "Step 6 of 11" in chat.text
    chat.say("She wrote twenty comments and asked for a rewrite")
    assert "What do you actually know about what they think" in chat.text
    chat.say("She said the analysis was strong and she picked me for this project")
    assert "Step 8 of 11" in chat.text
    chat.say("I'm stuck")
    assert "Use this thought" in chat.buttons
    chat.say("She wants the report better, and she trusts me with the project.")
    assert "anxious (was 90)" in chat.text
    chat.say("anxious 50, ashamed 30")
    assert "(It was 80.)" in chat.text
    chat.say("45%")
    assert "Step 11 of 11" in chat.text
    chat.say("Ask her which two comments matter most")
    assert "90 ->" in chat.text and "Saved" in chat.text

    [record] = stored(running_bot, chat.sender)
    assert record["emotions"] == [
        {"name": "anxious", "before": 90, "after": 50},
        {"name": "ashamed", "before": 60, "after": 30},
    ]
    assert record["belief_before"] == 80 and record["belief_after"] == 45
    assert record["distortions"] == ["mind_reading", "fortune_telling"]
    assert record["next_step"] == "Ask her which two comments matter most"


def test_a_record_with_skipped_steps_and_a_mistyped_rating(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("skip")
    assert "Step 2 of 11" in chat.text
    chat.say("Nobody at the party wanted to talk to me")
    chat.say("lonley 70")  # a typo in the feeling still gets its rating
    chat.say("lots")
    assert "couldn't read a number" in chat.text.lower() or "number from 0 to 100" in chat.text
    chat.say("150")
    assert "above 100" in chat.text
    chat.say("70")
    assert "Step 5 of 11" in chat.text
    chat.say("skip")
    chat.say("skip")
    assert "Step 7 of 11" in chat.text
    chat.say("skip")  # the evidence against: one word on why it matters first
    assert "heart of a thought record" in chat.text
    chat.say("skip")
    for _ in range(3):
        chat.say("skip")
    assert "Step 11 of 11" in chat.text
    chat.say("skip")
    assert "Saved" in chat.text
    [record] = stored(running_bot, chat.sender)
    assert record["situation"] is None and record["belief_before"] == 70
    assert record["automatic_thought"] == "Nobody at the party wanted to talk to me"


def test_a_paused_record_is_offered_and_resumed_the_next_day(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("In the kitchen after dinner")
    chat.say("I'm a terrible parent")
    chat.say("let's stop here")
    assert "draft" in chat.text
    assert not chat.tracker(running_bot.token)["active_loop"]

    chat.say("/session_start")  # a new session, as after a night's sleep
    assert "paused a thought record" in chat.text and "terrible parent" in chat.text
    chat.say("/continue_draft")
    assert "Step 3 of 11" in chat.text
    chat.say("guilty 85")
    assert "Step 4 of 11" in chat.text
    draft = Repository(running_bot.database_url).draft_for(chat.sender)
    assert draft["situation"] == "In the kitchen after dinner"
    assert draft["emotions"][0]["before"] == 85


def test_a_typed_yes_with_news_to_the_offer_and_a_later_continue_both_resume_the_record(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("On the train home from work")
    chat.say("I always mess everything up")
    chat.say("let's stop here")
    chat.say("/session_start")
    assert "paused a thought record" in chat.text
    chat.say("sure lets go on. slept much better last night, my sister visited")
    assert "Step 3 of 11" in chat.text
    chat.say("let's stop here")
    chat.say("continue")
    assert "Step 3 of 11" in chat.text


def test_going_back_and_abandoning(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("At the gym")
    chat.say("Everyone is staring at me")
    chat.say("wait, change the situation")
    assert "Step 1 of 11" in chat.text
    chat.say("At the gym on Friday evening")
    assert "Step 3 of 11" in chat.text
    chat.say("throw this thought record away")
    assert "throw this thought record away?" in chat.text.lower()
    chat.say("/affirm")
    assert "gone" in chat.text
    assert Repository(running_bot.database_url).draft_for(chat.sender) is None


def test_switching_to_explore_mid_record_keeps_the_draft(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("On the phone with my dad")
    chat.say("can we just talk instead?")
    assert "draft" in chat.text and "on your mind" in chat.text.lower()
    assert chat.tracker(running_bot.token)["slots"]["mode"] == "explore"
    assert Repository(running_bot.database_url).draft_for(chat.sender)["situation"] == "On the phone with my dad"


def test_plain_requests_mid_record_then_writing_freely(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("In the car park after the parents' evening")
    chat.say("embarrassed and a bit angry")
    assert "sound like feelings" in chat.text and "Step 3 of 11" not in chat.text
    chat.say("The teacher thinks I'm a useless mum")
    assert "Step 3 of 11" in chat.text
    chat.say("embarrassed 70, angry 40")
    chat.say("that is a lot of questions. lets stop here")
    assert "draft" in chat.text
    assert Repository(running_bot.database_url).draft_for(chat.sender)["automatic_thought"] == (
        "The teacher thinks I'm a useless mum"
    )
    chat.say("ok. could I just write about it without the steps?")
    assert "on your mind" in chat.text.lower() and "stands out" not in chat.text
    assert chat.tracker(running_bot.token)["slots"]["mode"] == "explore"


def test_a_switch_after_a_first_clause_and_a_correction_of_the_last_answer(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("On the bus home from my sister's")
    chat.say("she was fine")
    chat.say("guilty 60, tense 30. oops I put the wrong thing in the last one, the thought was she only puts up with me")
    assert "she only puts up with me" in chat.text and "Step 4 of 11" in chat.text
    chat.say("about 75")
    chat.say("labelling maybe. actually, could we just talk instead")
    assert "draft" in chat.text and "on your mind" in chat.text.lower()
    draft = Repository(running_bot.database_url).draft_for(chat.sender)
    assert draft["automatic_thought"] == "she only puts up with me" and draft["belief_before"] == 75
    assert chat.tracker(running_bot.token)["slots"]["mode"] == "explore"


def test_a_practice_round_of_ten_is_scored_and_stored(running_bot):
    from bot.cbt import drills, traps

    chat = running_bot.chat()
    chat.say("let's practise spotting thinking traps")
    for number in range(1, 11):
        assert f"Practice {number} of 10" in chat.text
        thought = re.search(r"Practice \d+ of 10\n“(.+?)”\n", chat.text).group(1)
        drill = next(d for d in drills.bank() if d.thought == thought)
        if number % 2:  # every trap in the drill, by name
            answer = " and ".join(traps.trap(label).name for label in drill.labels)
        else:  # a wrong answer
            answer = "comparing" if "labeling" in drill.labels else "labeling"
        chat.say(answer)
    assert "end of this round" in chat.text and "out of 10 right" in chat.text
    results = Repository(running_bot.database_url).practice_for(chat.sender)
    assert len(results) == 10
    assert [r["correct"] for r in results] == [True, False] * 5


def test_review_lists_records_and_opens_one(running_bot):
    chat = running_bot.chat()
    repo = Repository(running_bot.database_url)
    repo.save_thought_record(chat.sender, {"automatic_thought": "I'll fail the exam",
                                           "emotions": [{"name": "anxious", "before": 80, "after": 40}]})
    chat.say("show my thought records")
    assert "I'll fail the exam" in chat.text and "anxious 80 → 40" in chat.text
    chat.say("open record 1")
    assert "Thought record from" in chat.text and "80 ->" in chat.text


@pytest.mark.parametrize("label", ["catastrophizing", "mind reading", "should statements", "labeling"])
def test_psychoeducation_for_thinking_traps(running_bot, label):
    chat = running_bot.chat()
    chat.say(f"what is {label}?")
    assert "For example" in chat.text and "A question that helps" in chat.text


def _drill_on_screen(chat):
    from bot.cbt import drills

    thought = re.search(r"Practice \d+ of 10\n“(.+?)”\n", chat.text).group(1)
    return next(d for d in drills.bank() if d.thought == thought)


def test_questions_and_commands_mid_record_are_answered_and_never_kept(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("My manager sent my report back with lots of comments on Monday")
    chat.say("She thinks I'm useless and I'll never get promoted")
    chat.say("anxious 70")
    assert "Step 4 of 11" in chat.text
    chat.say("what do you mean by believe it? like i know its probably not true but it feels true. maybe eighty five")
    assert "how true the thought feels" in chat.text and "Step 5 of 11" in chat.text
    chat.say("mind reading")
    assert "Step 6 of 11" in chat.text
    chat.say("what do you mean by evidence?")
    assert "what makes the thought seem true" in chat.text and "Step 6 of 11" in chat.text
    chat.say("She wrote twenty comments and asked for a rewrite")
    assert "Step 7 of 11" in chat.text
    chat.say("should I tell my parents?")
    assert "can't advise" in chat.text and "Step 7 of 11" in chat.text
    chat.say("ok but first, is this normal? like do other people freak out this much before exams")
    assert "very common" in chat.text and "Step 7 of 11" in chat.text
    against = "She said the analysis was strong. she cancelled on me again but thats about her, and i went back and fixed it"
    chat.say(against)
    assert "Step 8 of 11" in chat.text
    chat.say("who can read this?")
    assert "encrypted" in chat.text and "Step 8 of 11" in chat.text
    chat.say("hang on i was asking you something. go back")
    assert "Evidence against" in chat.text and "Step 7 of 11" in chat.text
    chat.say(against)
    chat.say("actually i dont think this is helping tonight, throw this away")
    assert "throw this thought record away?" in chat.text.lower()
    chat.say("/deny")
    chat.say("let's stop here")
    draft = Repository(running_bot.database_url).draft_for(chat.sender)
    assert draft["belief_before"] == 85 and draft["distortions"] == ["mind_reading"]
    assert draft["evidence_for"] == "She wrote twenty comments and asked for a rewrite"
    assert draft["evidence_against"] == against and draft["alternative_thought"] is None


def test_privacy_and_missed_traps_are_answered_outside_a_record_and_mid_drill(running_bot):
    chat = running_bot.chat()
    chat.say("hi")
    chat.say("is what i write here private?")
    assert "encrypted" in chat.text
    chat.say("thanks. who can read this? i dont want my mum seeing it")
    assert "encrypted" in chat.text and "nothing in progress" not in chat.text
    chat.say("let's practise spotting thinking traps")
    for _ in range(2):  # two wrong answers
        drill = _drill_on_screen(chat)
        chat.say("comparing" if "labeling" in drill.labels else "labeling")
    on_screen = _drill_on_screen(chat)
    chat.say("which traps do i keep getting wrong?")
    assert "miss most" in chat.text and on_screen.thought in chat.text
    chat.say("whats the difference between the two ways?")
    assert "Work through a thought" in chat.text and "Just explore" in chat.text and on_screen.thought in chat.text
    chat.say("stop")
    chat.say("ouch. which traps do i keep getting wrong?")
    assert "miss most" in chat.text
    assert len(Repository(running_bot.database_url).practice_for(chat.sender)) == 2


def test_the_welcome_back_after_a_finished_record_offers_no_continue(running_bot):
    chat = running_bot.chat()
    Repository(running_bot.database_url).save_thought_record(
        chat.sender, {"automatic_thought": "I'll fail the exam", "emotions": [{"name": "anxious", "before": 80, "after": 40}]}
    )
    chat.say("/session_start")
    assert "Welcome back" in chat.text
    assert "Continue where I left off" not in chat.buttons and "Work through a thought (CBT)" in chat.buttons
