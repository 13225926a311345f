"""Three journaling sessions about a loss and a brother, through the real action and a real SQLite file.

The examples are the ones the issue reported as wrong: each reply is checked
with the fragment check, questions are never asked twice to this person, the
loss is acknowledged first, leaving works in plain words, and only journal
text is saved.
"""
from __future__ import annotations

import re

from actions import explore
from bot.explore.journal import ExploreState, JournalSession
from bot.nlp.wellformed import problems
from tests.trackers import run, slot_events, tracker

SESSIONS = [
    [
        "My dad died in March. It was a stroke, very sudden, and my brother Pete and I haven't really talked "
        "since the funeral. I keep going over the last phone call.",
        "What comes up is that Dad always kept the peace between me and Pete.",
        "Pete sorted the will without asking me. I was furious but I didn't say anything.",
        "I think I'm scared he'll laugh at me if I tell him how I feel.",
        "ok. thats enough for now. bye",
        "Ring Pete",
    ],
    [
        "Went for a walk on Saturdays up Primrose Hill like Dad used to. Pete wasn't there.",
        "I haven't rung him yet, that's the point.",
        "you asked me that last time",
        "I'm fine honestly. I just cried all weekend.",
        "It's been a lot, writing about Pete and Dad. anyway. I'm done for today",
        "bye",
    ],
    [
        "Pete rang me on Sunday. We talked about football mostly, but he did ring.",
        "It reminds me of when we were kids and Dad made us shake hands after a fight.",
        "whats the weather like tomorrow btw",
        "what patterns do you see?",
    ],
]


def say(text, state):
    messages, events = run(explore.ActionReflect(), tracker(text=text, intent="share", slots={"explore_state": state}))
    return " ".join(m["text"] for m in messages), slot_events(events).get("explore_state", state), messages


def test_three_sessions_about_a_loss_and_a_brother(repo):
    state = None
    replies: list[list[tuple[str, str]]] = []
    for session in SESSIONS:
        pairs = []
        for text in session:
            reply, state, _ = say(text, state)
            pairs.append((text, reply))
        replies.append(pairs)

    every = [reply for pairs in replies for _, reply in pairs]
    assert all(problems(reply) == [] for reply in every), [(r, problems(r)) for r in every if problems(r)]

    first = replies[0][0][1]
    assert first.startswith("I'm so sorry about your dad.")  # before anything else
    assert "thought record" not in " ".join(every[:4]) and "?" not in first

    questions = [q.strip() for r in every for q in re.findall(r"[^.?!]*\?", r) if "take away" not in q]
    assert len(questions) == len(set(questions)), questions  # never asked twice, within or across sessions
    assert not any("between you and your dad" in r.lower() for r in every)  # he died
    scared = dict(replies[0])["I think I'm scared he'll laugh at me if I tell him how I feel."]
    assert "how did he respond" not in scared.lower()
    not_yet = dict(replies[1])["I haven't rung him yet, that's the point."]
    assert "how did you respond" not in not_yet.lower() and "what did you do" not in not_yet.lower()
    assert "miss most about him" not in not_yet  # "him" here is Pete, who is alive

    apology = dict(replies[1])["you asked me that last time"]
    assert apology.startswith(("Sorry", "You're right")) and "?" in apology
    assert "take away" in dict(replies[0])["ok. thats enough for now. bye"]
    assert "take away" in dict(replies[1])["It's been a lot, writing about Pete and Dad. anyway. I'm done for today"]
    assert "weather" in dict(replies[2])["whats the weather like tomorrow btw"]
    assert "It sounds like whats" not in " ".join(every)

    patterns = dict(replies[2])["what patterns do you see?"]
    assert "Pete: 3 entries" in patterns and "grief" in patterns

    entries = repo.journal_entries_for("tester")
    assert len(entries) == 3
    texts = " ".join(e["text"] for e in entries)
    for control in ("asked me that", "bye", "enough for now", "done for today", "weather", "patterns"):
        assert control not in texts.lower()
    assert entries[-1]["takeaway"] == "Ring Pete"
    assert entries[-2]["takeaway"] is None  # "bye" at the takeaway is no takeaway
    people = {t for e in entries for t in e["themes"] if t.startswith("person:")}
    assert "person:Pete" in people and "person:Saturdays" not in people and "person:Hill" not in people
    assert "person:brother" not in people  # "my brother Pete" is Pete
    assert any("theme:grief" in e["themes"] for e in entries)


def test_no_thought_record_offer_in_a_grief_turn_or_twice_a_session(repo):
    state = None
    offers = 0
    for text in ("Work was grim.", "My boss moved the deadline.", "I stayed late again.",
                 "My grandad died on Monday. I always mess everything up.", "I always mess everything up.",
                 "I'm useless at everything, I always mess everything up."):
        reply, state, _ = say(text, state)
        offers += "thought record" in reply
        if "grandad died" in text:
            assert reply.startswith("I'm so sorry") and "your grandad" in reply and "thought record" not in reply
    assert offers == 0  # a loss this session: no offers at all


class _Remembering:
    """A repository whose conversation store holds an earlier session's question."""

    def __init__(self, repo):
        self._repo = repo

    def __getattr__(self, name):
        return getattr(self._repo, name)

    def transcript_for(self, sender):
        return [{"who": "bot", "text": "It sounds like you miss him. What did you wish your dad would do?",
                 "mode": "explore", "at": None}]


def test_questions_from_sessions_before_a_restart_are_remembered(repo):
    session = JournalSession(_Remembering(repo), "tester")
    state = ExploreState()
    session.turn("I argued with my sister last week and she shouted at me.", None, state)
    assert "wish.do" in state.history["earlier"]


def test_a_feeling_that_comes_back_is_noticed_once_and_reflections_outnumber_questions(repo):
    session = JournalSession(repo, "feels-it-again")
    state = ExploreState()
    said = []
    for text in ("Work was awful and I felt so anxious in the meeting.",
                 "My manager ignored my email again.",
                 "Driving home I felt anxious again, my chest was tight.",
                 "Now I'm anxious about tomorrow too.",
                 "I cooked dinner and watched something on TV."):
        reply = session.turn(text, "share", state)
        state = reply.state
        said.append(" ".join(t for t, _ in reply.messages))
    assert sum("Feeling anxious came up earlier today" in s for s in said) == 1
    questions = sum(s.count("?") for s in said)
    assert questions <= 2  # at most one question every three turns
    assert all(not problems(s) for s in said)


def test_a_feeling_tied_to_him_means_the_named_brother_of_this_session(repo):
    session = JournalSession(repo, "brother-pronoun")
    state = ExploreState()
    for text in ("My brother Viktor moved back to Riga and never calls our mum.",
                 "Viktor sent one message at New Year and nothing since.",
                 "I'm worried he thinks I blame him for everything."):
        reply = session.turn(text, None, state)
        state = reply.state
    assert "Viktor" in reply.messages[0][0]


def test_a_line_on_both_feelings_is_not_said_beside_the_same_reflection(repo):
    reply = JournalSession(repo, "said-once").turn(
        "The new flat is bright and quiet but I miss the old street and the neighbours.", None, ExploreState())
    text = reply.messages[0][0]
    assert text.count("bright and quiet") <= 1, text
