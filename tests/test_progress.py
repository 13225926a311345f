"""The progress page's numbers, from what the repository stores."""
from __future__ import annotations

from datetime import datetime, timezone

from bot import progress


def at(day: int) -> datetime:
    return datetime(2026, 11, day, 9, 30, tzinfo=timezone.utc)


def test_records_are_oldest_first_with_feelings_and_beliefs():
    records = [
        {"id": 2, "created_at": at(5), "automatic_thought": "second", "belief_before": 70, "belief_after": 40,
         "emotions": [{"name": "sad", "before": 60, "after": 30}], "distortions": ["labeling"]},
        {"id": 1, "created_at": at(1), "automatic_thought": "first", "belief_before": 80, "belief_after": None,
         "emotions": [{"name": "anxious", "before": 90, "after": 50}], "distortions": ["mind_reading", "labeling"]},
    ]
    summary = progress.summary(records, [], [])
    assert [r["thought"] for r in summary["thought_records"]] == ["first", "second"]
    first = summary["thought_records"][0]
    assert first["number"] == 1 and first["created_at"].startswith("2026-11-01")
    assert first["emotions"] == [{"name": "anxious", "before": 90, "after": 50}]
    assert (first["belief_before"], first["belief_after"]) == (80, None)
    assert summary["traps"][0] == {"label": "labeling", "name": "Labeling", "count": 2}
    assert summary["traps"][1]["count"] == 1 and summary["traps"][1]["name"] == "Mind reading"


def test_practice_counts_each_trap_of_a_drill_and_puts_the_most_missed_first():
    practice = [
        {"at": at(1), "correct_labels": ["mind_reading"], "chosen_labels": ["mind_reading"], "correct": True},
        {"at": at(1), "correct_labels": ["labeling", "mind_reading"], "chosen_labels": ["labeling"], "correct": False},
        {"at": at(2), "correct_labels": ["labeling"], "chosen_labels": ["blaming"], "correct": False},
    ]
    summary = progress.summary([], practice, [])
    by_label = {p["label"]: p for p in summary["practice"]}
    assert by_label["mind_reading"]["seen"] == 2 and by_label["mind_reading"]["spotted"] == 1
    assert by_label["labeling"]["accuracy"] == 50
    assert by_label["labeling"]["by_day"] == [
        {"day": "2026-11-01", "seen": 1, "spotted": 1, "accuracy": 100},
        {"day": "2026-11-02", "seen": 1, "spotted": 0, "accuracy": 0},
    ]
    assert summary["practice_total"] == {"answered": 3, "correct": 1}


def test_themes_have_counts_and_date_ranges():
    entries = [
        {"created_at": at(3), "themes": ["work", "family"]},
        {"created_at": at(1), "themes": ["work"]},
        {"created_at": at(7), "themes": ["work", "work"]},
    ]
    summary = progress.summary([], [], entries)
    assert summary["themes"][0] == {"theme": "work", "count": 3, "first": "2026-11-01", "last": "2026-11-07"}
    assert summary["themes"][1]["theme"] == "family" and summary["themes"][1]["count"] == 1
    assert summary["journal_entries"] == 3


def test_nothing_stored_gives_empty_lists():
    summary = progress.summary([], [], [])
    assert summary["thought_records"] == [] and summary["traps"] == [] and summary["themes"] == []


def test_traps_are_named_as_the_trap_table_names_them_and_old_labels_still_read():
    assert progress.trap_name("all_or_nothing") == "All-or-nothing thinking"
    assert progress.trap_name("disqualifying_positive") == "Disqualifying the positive"
    assert progress.trap_name("old_label") == "Old label"  # a label no longer in the detector
