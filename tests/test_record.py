"""Thought-record steps, the summary card and going back."""
import pytest

from bot.cbt.record import change_summary, detect_back_target, summary_card

RECORD = {
    "situation": "Presentation at work",
    "automatic_thought": "Everyone thinks I'm useless",
    "emotions": [
        {"name": "anxious", "before": 80, "after": 40},
        {"name": "embarrassed", "before": 70, "after": 70},
    ],
    "belief_before": 90,
    "belief_after": 50,
    "distortions": ["mind_reading", "labeling"],
    "evidence_for": "I stumbled over the numbers",
    "evidence_against": "Two people said it was clear",
    "alternative_thought": "Although I stumbled, two people said it was clear.",
    "next_step": "Ask Sam for feedback on Friday",
}


def test_summary_card_shows_before_and_after_side_by_side() -> None:
    card = summary_card(RECORD)
    assert 'Thought: "Everyone thinks I\'m useless"' in card
    assert 'Balanced thought: "Although I stumbled, two people said it was clear."' in card
    assert "Thinking traps: mind reading, labeling" in card
    assert "Next step: Ask Sam for feedback on Friday" in card
    lines = card.splitlines()
    anxious = next(line for line in lines if line.startswith("Anxious"))
    assert anxious.split() == ["Anxious", "80", "->", "40"]
    belief = next(line for line in lines if line.startswith("Belief"))
    assert belief.split()[-3:] == ["90", "->", "50"]
    header = next(line for line in lines if "before" in line)
    assert header.index("before") < header.index("after")
    # columns line up: every "->" in the same place
    arrows = {line.index("->") for line in lines if "->" in line}
    assert len(arrows) == 1


def test_summary_card_with_missing_after() -> None:
    card = summary_card({"automatic_thought": "x", "emotions": [{"name": "sad", "before": 60, "after": None}]})
    assert next(line for line in card.splitlines() if line.startswith("Sad")).split() == ["Sad", "60", "->", "-"]


def test_change_summary() -> None:
    assert change_summary({"emotions": [{"name": "anxious", "before": 80, "after": 40}]}) == (
        "Anxious went from 80 to 40."
    )
    assert change_summary(RECORD) == (
        "Anxious went from 80 to 40 and embarrassed stayed at 70. "
        "Your belief in the thought went from 90 to 50."
    )
    assert change_summary({"emotions": [{"name": "sad", "before": 60, "after": None}]}) == (
        "Nothing was re-rated this time."
    )


@pytest.mark.parametrize(
    "text, target",
    [
        ("wait, change the situation", "situation"),
        ("go back", "previous"),
        ("Oops, go back please", "previous"),
        ("can we go back?", "previous"),
        ("back", "previous"),
        ("change my last answer", "previous"),
        ("change my thought", "automatic_thought"),
        ("change the feelings", "emotions"),
        ("change the emotions", "emotions"),
        ("change the balanced thought", "alternative_thought"),
        ("actually can I change what I said about the situation", "situation"),
        ("edit my evidence for", "evidence_for"),
        ("go back to the traps", "distortions"),
        ("I want to go back to school", None),
        ("the situation was tense", None),
        ("try to change my thoughts about it", None),
        ("I went back home", None),
        ("", None),
    ],
)
def test_detect_back_target(text: str, target: str | None) -> None:
    assert detect_back_target(text) == target


def test_summary_card_title_can_be_left_to_the_caller() -> None:
    assert summary_card(RECORD).startswith("Your thought record")
    assert summary_card(RECORD, title=None).startswith("Situation: Presentation at work")


def test_a_rating_left_as_text_is_read_or_left_out_when_the_record_is_stored():
    from bot.cbt.steps import record_from_state

    assert record_from_state({"tr_belief": "80. and the thought is the worst bit"})["belief_before"] == 80
    assert record_from_state({"tr_belief": "no idea honestly"})["belief_before"] is None


def test_feelings_added_at_re_rating_join_the_record_without_a_before():
    from bot.cbt import flow
    from bot.cbt.flow import Turn
    from bot.cbt.steps import record_from_state

    state = {"tr_situation": "At the bus stop", "tr_thought": "Nobody waits for me",
             "tr_emotions": [{"name": "sad", "before": 70, "after": None}], "tr_notes": {}}
    outcome = flow.answer("tr_rerate", Turn("sad 20. and you forgot my guilt, guilt 50 now", "share", 0.5), state)
    state.update(outcome.slots)
    emotions = record_from_state(state)["emotions"]
    assert emotions == [{"name": "sad", "before": 70, "after": 20}, {"name": "guilt", "before": None, "after": 50}]

    asked = flow.answer("tr_rerate", Turn("you forgot my guilt, guilt 50 now", "share", 0.5),
                        {**state, "tr_emotions": [{"name": "sad", "before": 70, "after": None}], "tr_rerate": None})
    assert asked.reasked and asked.slots["tr_rerate"] is None
    state = {**state, **asked.slots}
    done = flow.answer("tr_rerate", Turn("sad 20", "share", 0.5), state)
    assert done.slots["tr_rerate"] == {"guilt": 50, "sad": 20}


def test_a_bare_number_after_being_asked_about_one_feeling_rates_it_and_keeps_the_others():
    from bot.cbt import flow
    from bot.cbt.flow import Turn

    state = {"tr_situation": "At the bus stop", "tr_thought": "Nobody waits for me", "tr_notes": {}}
    asked = flow.answer("tr_emotions", Turn("lonely like 80, and also kind of jealous", "share", 0.5), state)
    assert asked.reasked and "jealous" in asked.messages[0].text
    state = {**state, **asked.slots}
    done = flow.answer("tr_emotions", Turn("hmm not much. around twenty?", "share", 0.5), state)
    assert done.slots["tr_emotions"] == [{"name": "lonely", "before": 80, "after": None},
                                         {"name": "jealous", "before": 20, "after": None}]
    more = flow.answer("tr_emotions", Turn("jealous 20, tired 50", "share", 0.5), state)
    assert [e["name"] for e in more.slots["tr_emotions"]] == ["lonely", "jealous", "tired"]
