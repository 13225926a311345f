"""CBT actions with real trackers, a CollectingDispatcher and a real SQLite file."""
from __future__ import annotations

import pytest

from actions import practice as practice_actions
from actions import review as review_actions
from actions import thought_record as tr
from bot.cbt import flow
from tests.responses import rendered
from tests.responses import text as said
from tests.trackers import run, slot_events, tracker


def validate(slot, text, intent="share", confidence=0.9, **slots):
    t = tracker(text=text, intent=intent, confidence=confidence, slots={"requested_slot": slot, slot: text, **slots},
                active_loop="thought_record_form")
    return run(tr.ValidateThoughtRecordForm(), t)


def test_rating_is_read_from_a_natural_answer_and_a_draft_is_saved(repo):
    messages, events = validate("tr_belief", "really, maybe 8/10", tr_situation="At work", tr_thought="I'll fail",
                                tr_emotions=[{"name": "anxious", "before": 80, "after": None}])
    assert slot_events(events)["tr_belief"] == 80
    draft = repo.draft_for("tester")
    assert draft["belief_before"] == 80 and draft["automatic_thought"] == "I'll fail"


def test_out_of_range_rating_is_reasked_kindly_and_nothing_else_is_lost(repo):
    messages, events = validate("tr_belief", "150%", tr_situation="At work", tr_thought="I'll fail")
    slots = slot_events(events)
    assert slots["tr_belief"] is None
    assert "tr_thought" not in slots and "tr_situation" not in slots
    assert "100" in said(messages[0])


def test_skip_marks_the_step_and_its_rerating_skipped(repo):
    _, events = validate("tr_emotions", "skip", intent="skip")
    slots = slot_events(events)
    assert slots["tr_emotions"] == flow.SKIPPED and slots["tr_rerate"] == flow.SKIPPED


def test_go_back_clears_the_named_step(repo):
    messages, events = validate("tr_belief", "wait, change the situation", intent="go_back",
                                tr_situation="At work", tr_thought="I'll fail")
    slots = slot_events(events)
    assert slots["tr_situation"] is None and slots["tr_belief"] is None
    assert said(messages[0]) == "Sure, let's go back to “Situation”."


def test_pause_ends_the_form_and_keeps_the_draft(repo):
    _, events = validate("tr_evidence_for", "let's stop here", intent="pause", tr_situation="At work",
                         tr_thought="I'll fail")
    slots = slot_events(events)
    assert slots["tr_status"] == "paused" and slots["requested_slot"] is None
    assert repo.draft_for("tester")["situation"] == "At work"


def test_abandon_asks_first_then_discards(repo):
    messages, events = validate("tr_evidence_for", "scrap this", intent="abandon", tr_situation="At work")
    assert "throw this thought record away" in said(messages[0])
    notes = slot_events(events)["tr_notes"]
    _, events = validate("tr_evidence_for", "/affirm", intent="affirm", tr_situation="At work", tr_notes=notes)
    assert slot_events(events)["tr_status"] == "abandoned"


def test_stuck_on_the_alternative_offers_a_scaffold_from_own_words(repo):
    messages, _ = validate(
        "tr_alternative", "I'm stuck", intent="stuck", tr_thought="I always mess up",
        tr_evidence_for="I missed the deadline", tr_evidence_against="my manager praised the report",
    )
    text = messages[0]["text"]
    assert "missed the deadline" in text and "praised the report" in text
    assert messages[0]["buttons"][0]["payload"].startswith("Although")


def test_trap_step_offers_the_detectors_suggestions_as_buttons():
    t = tracker(slots={"tr_thought": "Everyone at work thinks I'm an idiot and I'll never get promoted"})
    messages, _ = run(tr.ASK_ACTIONS[flow.SLOTS.index("tr_traps")](), t)
    shown = rendered(messages[0])
    assert shown["text"].startswith("Step 5 of 11 · Thinking traps\n") and "(you wrote “" in shown["text"]
    titles = [b["title"] for b in shown["buttons"]]
    assert "None fit" in titles and "Show all traps" in titles
    assert len(titles) >= 3


def test_ending_a_complete_record_saves_it_and_shows_before_and_after(repo):
    state = {
        "tr_situation": "Presentation at work", "tr_thought": "Everyone will laugh at me",
        "tr_emotions": [{"name": "anxious", "before": 80, "after": None}], "tr_belief": 90,
        "tr_traps": ["mind_reading", "fortune_telling"], "tr_evidence_for": "My voice shook",
        "tr_evidence_against": "People nodded", "tr_alternative": "Some people may notice, most won't care",
        "tr_rerate": {"anxious": 40}, "tr_belief_after": 30, "tr_next_step": flow.SKIPPED,
    }
    messages, events = run(tr.ActionEndThoughtRecord(), tracker(slots=state))
    saved = repo.thought_records_for("tester")
    assert len(saved) == 1
    assert saved[0]["emotions"][0] == {"name": "anxious", "before": 80, "after": 40}
    assert saved[0]["belief_after"] == 30 and saved[0]["next_step"] is None
    assert "80" in messages[0]["text"] and "40" in messages[0]["text"]
    assert all(value is None for key, value in slot_events(events).items() if key.startswith("tr_"))


def test_resume_loads_the_draft_into_the_form(repo):
    repo.save_draft("tester", {"situation": "At work", "automatic_thought": "I'll fail", "emotions": []}, "tr_emotions")
    _, events = run(tr.ActionResumeThoughtRecord(), tracker())
    slots = slot_events(events)
    assert slots["tr_situation"] == "At work" and slots["tr_thought"] == "I'll fail"
    assert "tr_emotions" not in slots or slots["tr_emotions"] is None
    assert not any(e["event"] == "followup" for e in events)  # the rule runs the form next


def test_practice_answer_is_scored_and_stored(repo):
    from bot.cbt import drills

    drill = next(d for d in drills.bank() if d.labels == ("mind_reading",))
    state = {"drill_id": drill.id, "answered": 0, "right": 0, "total": 10}
    t = tracker(text="mind reading", intent="ask_trap", slots={"requested_slot": "practice_answer",
                                                                 "practice_state": state}, active_loop="practice_form")
    messages, events = run(practice_actions.ValidatePracticeForm(), t)
    new_state = slot_events(events)["practice_state"]
    assert new_state["right"] == 1 and new_state["answered"] == 1
    stored = repo.practice_for("tester")
    assert stored[0]["correct"] is True and stored[0]["correct_labels"] == ["mind_reading"]


def test_progress_shows_measurable_change(repo):
    repo.save_thought_record("tester", {"automatic_thought": "I'll fail",
                                        "emotions": [{"name": "anxious", "before": 80, "after": 30}]})
    messages, _ = run(review_actions.ActionShowProgress(), tracker())
    assert "eased by 50 points" in messages[0]["text"]


@pytest.mark.parametrize("slot", flow.SLOTS)
def test_each_step_is_asked_by_its_domain_response_under_its_heading(slot):
    state = {"tr_thought": "I'll fail", "tr_belief": 70, "tr_emotions": [{"name": "anxious", "before": 80, "after": None}]}
    messages, _ = run(tr.ASK_ACTIONS[flow.SLOTS.index(slot)](), tracker(slots=state))
    assert messages[0]["response"].startswith(flow.ASK[slot])
    assert said(messages[0], state).startswith(flow.step_heading(slot))


def test_the_belief_prompts_quote_the_thought_and_the_first_rating():
    state = {"tr_thought": "I'll fail", "tr_belief": 70}
    after = said(flow.prompt("tr_belief_after", state), state)
    assert after.endswith("believe “I'll fail” now, from 0 to 100? (It was 70.)")
    skipped = {"tr_thought": flow.SKIPPED, "tr_belief": flow.SKIPPED}
    assert said(flow.prompt("tr_belief_after", skipped), skipped).endswith("believe the original thought now, from 0 to 100?")
    assert "believe “I'll fail” right now" in said(flow.prompt("tr_belief", state), state)
