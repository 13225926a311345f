"""Exploratory-mode actions with real trackers and a real SQLite file."""
from __future__ import annotations

from actions import explore
from actions import session as session_actions
from tests.trackers import run, slot_events, tracker


def say(text, state=None, intent="share"):
    messages, events = run(explore.ActionReflect(), tracker(text=text, intent=intent, slots={"explore_state": state}))
    return messages, slot_events(events)


def test_each_message_is_saved_into_one_entry_with_themes(repo):
    _, slots = say("My sister didn't call me back and I feel really hurt.")
    _, slots = say("At work I kept thinking about it.", slots["explore_state"])
    entries = repo.journal_entries_for("tester")
    assert len(entries) == 1
    assert "sister" in entries[0]["text"] and "At work" in entries[0]["text"]
    assert "person:sister" in entries[0]["themes"] and "context:work" in entries[0]["themes"]
    assert slots["mode"] == "explore"


def test_reflection_picks_up_the_persons_words_with_pronouns_turned(repo):
    messages, _ = say("I'm worried my boss thinks my work is sloppy.")
    text = messages[0]["text"].lower()
    assert "your boss" in text or "your work" in text or "worried" in text
    assert " my " not in f" {text} "


def test_a_recurring_person_is_noticed_once(repo):
    for _ in range(2):
        repo.save_journal_entry("tester", "My sister and I argued.", ["person:sister"])
    messages, slots = say("I talked to my sister again today and it felt tense.")
    joined = " ".join(m["text"] for m in messages)
    assert "sister has come up in three entries" in joined
    messages, _ = say("My sister said she was busy.", slots["explore_state"])
    assert "come up in" not in " ".join(m["text"] for m in messages)


def test_someone_who_died_is_not_said_to_keep_coming_back(repo):
    for _ in range(2):
        repo.save_journal_entry("tester", "I miss my mum.", ["person:mum"])
    earlier = {"deceased": ["mum"], "acknowledged": ["mum"], "loaded": True, "session": 1}  # told last session
    messages, _ = say("I saw the bread my mum used to buy and had to leave the shop.", earlier)
    joined = " ".join(m["text"] for m in messages)
    assert "keep coming back" not in joined
    assert "Your mum has been in" in joined and "Missing someone" in joined


def test_a_distressing_thought_is_offered_to_the_thought_record_once_and_never_early(repo):
    slots = {"explore_state": None}
    for text in ("I always mess everything up.", "Work was a long slog today.", "My boss moved the deadline again."):
        messages, slots = say(text, slots["explore_state"])
        assert not any("work through it" in m["text"] for m in messages), text  # not in the first three turns
    messages, slots = say("Work was awful. I always mess everything up.", slots["explore_state"])
    assert any("work through it" in m["text"] for m in messages)
    messages, events = run(explore.ActionReflect(), tracker(text="/affirm", intent="affirm",
                                                           slots={"explore_state": slots["explore_state"]}))
    slots = slot_events(events)
    assert slots["tr_thought"] == "I always mess everything up."
    assert slots["mode"] == "cbt"
    assert events[-1]["event"] == "followup" and events[-1]["name"] == "thought_record_form"


def test_closing_summarises_and_stores_the_takeaway(repo):
    _, slots = say("I felt lonely at home this weekend, my partner was away.")
    messages, events = run(explore.ActionCloseEntry(), tracker(slots={"explore_state": slots["explore_state"]}))
    assert "take away" in messages[-1]["text"]
    state = slot_events(events)["explore_state"]
    messages, _ = say("Call a friend when the house is empty", state)
    assert "saved that" in messages[0]["text"]
    assert repo.journal_entries_for("tester")[0]["takeaway"] == "Call a friend when the house is empty"


def test_journal_and_patterns_overviews(repo):
    for _ in range(3):
        repo.save_journal_entry("tester", "Mum called again.", ["person:mum", "feeling:anxious"])
    messages, _ = run(explore.ActionShowJournal(), tracker())
    assert "Mum called again" in messages[0]["text"]
    messages, _ = run(explore.ActionShowPatterns(), tracker())
    text = messages[0]["text"].lower()
    assert "mum" in text and ("3" in text or "three" in text)


def test_session_start_welcomes_back_only_returning_people(repo):
    messages, events = run(session_actions.ActionSessionStart(), tracker(sender="new-person"))
    assert messages == []
    assert events[0]["event"] == "session_started" and events[-1]["name"] == "action_listen"
    repo.save_journal_entry("old-friend", "Hello", [])
    messages, events = run(session_actions.ActionSessionStart(), tracker(sender="old-friend"))
    assert "Welcome back" in messages[0]["text"]
    assert slot_events(events)["returning"] is True


def test_a_returning_journaler_is_welcomed_back_to_what_they_wrote(repo):
    repo.save_journal_entry("journaler", "My dad died in March and Pete and I barely talk.", ["person:Pete", "theme:grief"])
    messages, events = run(session_actions.ActionSessionStart(), tracker(sender="journaler"))
    text = messages[0]["text"]
    assert text.startswith("Welcome back.") and "Pete" in text and "grief" in text
    assert [b["payload"] for b in messages[0]["buttons"]][0] == "/continue_draft"


def test_hello_after_the_welcome_back_is_not_welcomed_back_again(repo):
    repo.save_journal_entry("tester", "Work was heavy and my sister rang.", ["person:sister"])
    messages, slots = say("hiya", {"welcomed": True})
    assert not messages[0]["text"].startswith("Welcome back")
    messages, _ = say("hello", None)
    assert messages[0]["text"].startswith("Welcome back")


def test_a_loss_is_not_followed_by_a_lone_word_of_theirs(repo):
    messages, _ = say("hi. dunno how this works. my nan died last week")
    text = " ".join(m["text"] for m in messages)
    assert "sorry" in text.lower()
    assert "dunno" not in text and "stays with me" not in text


def test_a_feeling_coming_back_is_named_by_its_family_not_by_todays_word(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "family-word")
    state = ExploreState()
    said = []
    for text in ("The garage rang to say the car needs a new clutch and I was furious about the price.",
                 "Then my flatmate ate my leftovers again. Honestly the resentment is building up."):
        reply = session.turn(text, "share", state)
        state = reply.state
        said.append(" ".join(t for t, _ in reply.messages))
    assert "Feeling angry came up earlier today" in said[-1]


def test_declining_the_takeaway_keeps_nothing_and_says_nothing_back(repo):
    _, slots = say("Work was a lot today and my manager snapped at me in front of everyone.")
    _, events = run(explore.ActionCloseEntry(), tracker(slots={"explore_state": slots["explore_state"]}))
    messages, _ = say("nah not really. bye", slot_events(events)["explore_state"])
    assert "saved that" not in messages[0]["text"] and "nah" not in messages[0]["text"]
    assert not repo.journal_entries_for("tester")[0]["takeaway"]
