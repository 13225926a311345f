"""Losses are found on first mention and acknowledged warmly, specifically, without a question."""
from __future__ import annotations

import re

import pytest

from bot.explore.loss import acknowledge, deceased, losses_in, without_loss_sentences


@pytest.mark.parametrize(
    "text, kind, who",
    [
        ("My dad died in March. It was a stroke, very sudden.", "death", "dad"),
        ("Since Dad died nothing feels right", "death", "dad"),
        ("My grandad passed away last week", "death", "grandad"),
        ("Dad's funeral was on Friday", "death", "dad"),
        ("Pete died last year and I still can't believe it", "death", "Pete"),
        ("Our cat Biscuit had to be put down on Tuesday.", "pet", "Biscuit"),
        ("My wife, Margaret, died in April.", "death", "wife"),
        ("we had to put my dog down today. he was 14", "pet", "dog"),
        ("my dog died this morning", "pet", "dog"),
        ("I had a miscarriage in June", "miscarriage", None),
        ("me and Karim broke up on friday", "breakup", None),
        ("I was made redundant yesterday after 22 years", "job", None),
        ("I got fired today", "job", None),
        ("My mum was diagnosed with cancer", "diagnosis", "mum"),
        ("She passed away last week and I keep seeing her chair.", "death", None),
        ("The funeral was on Thursday.", "death", None),
        ("We finalised the divorce today.", "breakup", None),
        ("I got diagnosed with MS last month.", "diagnosis", None),
    ],
)
def test_losses_are_found(text, kind, who):
    [loss] = losses_in(text)[:1]
    assert (loss.kind, loss.who) == (kind, who)


@pytest.mark.parametrize(
    "text",
    [
        "I nearly died of embarrassment in the meeting",
        "He put my mum down in front of everyone again.",
        "my phone died halfway through the call",
        "I'm scared my mum will die",
        "What if my dad dies?",
        "I died laughing at that video",
        "I lost my keys again",
        "he died inside when she left lol",
    ],
)
def test_figures_of_speech_and_fears_are_no_loss(text):
    assert losses_in(text) == []


@pytest.mark.parametrize(
    "text, who",
    [
        ("I might be overreacting but my dog died on friday", "dog"),
        ("I'm worried about my brother because our grandad died last month", "grandad"),
        ("honestly im terrified of being alone now that my wife passed", "wife"),
    ],
)
def test_a_fear_in_another_clause_does_not_hide_a_loss(text, who):
    [loss] = losses_in(text)
    assert loss.who == who


@pytest.mark.parametrize(
    "text",
    ["so worried, and terrified of losing my mum", "worried I'll get laid off next week", "I dreamt my sister died"],
)
def test_a_fear_in_the_loss_clause_is_still_no_loss(text):
    assert losses_in(text) == []


def test_a_loss_told_while_leaving_is_acknowledged_before_the_summary(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "leaving-person")
    state = session.turn("Work has been a lot lately and I'm tired all the time.", "share", ExploreState()).state
    reply = session.turn("My nan passed away on Sunday. Anyway, I'm done for today.", "share", state)
    first, summary = (text for text, _ in reply.messages)
    assert first.startswith("I'm so sorry") and "your nan" in first
    assert "?" not in first
    assert "nan passed away" in repo.journal_entry("leaving-person", reply.state.entry_id)["text"]
    again = session.turn("my nan died and i miss her", "share", ExploreState.from_dict(reply.state.to_dict()))
    assert "sorry" not in " ".join(text for text, _ in again.messages).lower()  # once is enough


def test_a_loss_told_in_the_takeaway_is_acknowledged(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "takeaway-person")
    state = session.turn("I keep arguing with my sister about money.", "share", ExploreState()).state
    state = session.turn("that's enough for now", "goodbye", state).state
    assert state.awaiting == "takeaway"
    reply = session.turn("that i miss my dad. he died two years ago today", "share", state)
    [(text, _)] = reply.messages
    assert text.startswith("I'm so sorry") and "your dad" in text
    assert reply.closed


def test_the_acknowledgement_names_who_and_picks_up_how_it_came():
    text = "My dad died in March. It was a stroke, very sudden."
    [loss] = losses_in(text)
    said = acknowledge(loss, text)
    assert said.startswith("I'm so sorry about your dad.")
    assert "suddenly" in said and "?" not in said
    assert deceased([loss]) == ["dad"]
    assert "sorry about Biscuit" in acknowledge(losses_in("Our cat Biscuit had to be put down.")[0], "")
    assert "your mum's diagnosis" in acknowledge(losses_in("My mum was diagnosed with cancer.")[0], "")


def test_the_rest_of_the_message_is_kept_for_a_reflection():
    text = "My dad died in March. Pete and I haven't talked since."
    assert without_loss_sentences(text) == "Pete and I haven't talked since."
    assert without_loss_sentences("My dad died.") == ""


def test_a_name_told_beside_the_word_is_remembered_as_who_died():
    from bot.explore.loss import deceased

    [loss] = losses_in("My wife, Margaret, died in April.")
    assert loss.who == "wife" and loss.name == "Margaret"
    assert deceased([loss]) == ["wife", "Margaret"]


def test_someone_named_who_died_is_never_asked_about_in_the_present(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "widower")
    state = ExploreState()
    said = []
    for text in ("My wife, Margaret, died in April. We had been married forty-six years.",
                 "I still set out two cups in the morning.", "Margaret always did the crossword with me.",
                 "Margaret would have laughed at all this fuss."):
        reply = session.turn(text, "share", state)
        state = reply.state
        said.append(" ".join(t for t, _ in reply.messages))
    assert said[0].startswith("I'm so sorry")
    assert not any(re.search(r"between you and Margaret|is Margaret|does Margaret", s) for s in said)


def test_a_second_loss_of_another_kind_is_named_too():
    from bot.explore.loss import acknowledge_all

    text = "Two months ago I was diagnosed with MS. Then three weeks later the company let me go."
    losses = losses_in(text)
    assert [loss.kind for loss in losses] == ["diagnosis", "job"]
    said = acknowledge_all(losses, text)
    assert said.startswith("I'm so sorry about the diagnosis.") and "losing your job" in said


@pytest.mark.parametrize("text", ["my contract wasnt renewed", "my job was cut in the restructure"])
def test_work_ending_in_other_words_is_a_job_loss(text):
    assert [loss.kind for loss in losses_in(text)] == ["job"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("they found a lump in my breast", "diagnosis"),
        ("the doctor told me I have diabetes", "diagnosis"),
        ("turns out I have endometriosis", "diagnosis"),
        ("I got the diagnosis today", "diagnosis"),
        ("my partner and i split", "breakup"),
    ],
)
def test_losses_told_in_everyday_words_are_found(text, kind):
    assert [loss.kind for loss in losses_in(text)] == [kind]


@pytest.mark.parametrize(
    "text", ["I was diagnosed with ADHD last year and it explains a lot", "my son was diagnosed with autism",
             "I found a lump of chocolate in the cereal", "we split the bill"],
)
def test_a_neurodivergence_diagnosis_and_lookalikes_are_not_losses(text):
    assert losses_in(text) == []


def test_the_end_of_a_marriage_is_acknowledged_as_a_divorce_not_a_break_up():
    text = "lena and i are getting divorced, the papers went in three weeks ago, after 17 years"
    [loss] = losses_in(text)
    assert acknowledge(loss, text).startswith("I'm so sorry about the divorce.")
    text = "me and jake broke up last week"
    assert "break-up" in acknowledge(losses_in(text)[0], text)
