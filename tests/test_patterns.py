"""Recurring themes across entries, and tentative words about them."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.explore.patterns import Pattern, describe_patterns, notice, recurring

NOW = datetime(2025, 11, 25, 20, 0)
ENTRIES = [
    (datetime(2025, 9, 1), ["person:sister", "feeling:anxious"]),  # outside the 30 days
    (datetime(2025, 11, 2), ["person:sister", "feeling:anxious"]),
    (datetime(2025, 11, 9), ["person:sister", "context:work", "person:sister"]),
    (datetime(2025, 11, 15), ["person:sister", "feeling:anxious", "past"]),
    (datetime(2025, 11, 23), ["person:sister", "feeling:anxious", "past"]),
    (datetime(2025, 11, 26), ["context:work"]),  # after now
]


def test_recurring_counts_entries_in_the_window():
    patterns = recurring(ENTRIES, NOW)
    assert [(p.theme, p.count) for p in patterns] == [("person:sister", 4), ("feeling:anxious", 3)]
    assert patterns[0].first == datetime(2025, 11, 2) and patterns[0].last == datetime(2025, 11, 23)


def test_min_count_and_window_are_parameters():
    themes = {p.theme for p in recurring(ENTRIES, NOW, window_days=100, min_count=2)}
    assert themes == {"person:sister", "feeling:anxious", "past"}
    assert recurring(ENTRIES, NOW, min_count=5) == []


def test_aware_and_naive_times_mix():
    aware_now = NOW.replace(tzinfo=timezone.utc)
    assert recurring(ENTRIES, aware_now)[0].count == 4


def test_notice_is_tentative_with_numbers_in_words():
    person = Pattern("person:sister", 3, datetime(2025, 11, 2), datetime(2025, 11, 23))
    assert notice(person) == (
        "I notice your sister has come up in three entries this month; it seems to keep coming back."
    )
    assert "?" not in notice(person)  # an observation the person may take up, not one more question
    feeling = Pattern("feeling:anxious", 10, datetime(2025, 11, 2), datetime(2025, 11, 23))
    text = notice(feeling)
    assert text.startswith("Feeling anxious has come up again and again lately") and "ten entries" in text
    assert "12 entries" in notice(Pattern("context:work", 12, datetime(2025, 11, 2), datetime(2025, 11, 5)))
    assert "Sam has come up in four entries this week" in notice(
        Pattern("person:Sam", 4, datetime(2025, 11, 2), datetime(2025, 11, 5))
    )


def test_describe_lists_counts_and_date_ranges():
    text = describe_patterns(ENTRIES, NOW)
    assert "your sister: 4 entries, 2 Nov to 23 Nov" in text
    assert "feeling anxious: 3 entries, 2 Nov to 23 Nov" in text
    assert "the past: 2 entries, 15 Nov to 23 Nov" in text
    assert "work" not in text  # once in the window only


def test_describe_is_kind_when_there_are_too_few_entries():
    text = describe_patterns(ENTRIES[1:2], NOW)
    assert "one entry" in text and "not enough" in text
    assert "not enough" in describe_patterns([], NOW)


def test_two_entries_naming_the_same_person_are_a_pattern_already():
    text = describe_patterns(ENTRIES[1:3], NOW)
    assert "your sister: 2 entries, 2 Nov to 9 Nov" in text


def test_describe_when_nothing_repeats():
    entries = [(datetime(2025, 11, d), [f"context:{c}"]) for d, c in [(1, "work"), (2, "money"), (3, "home")]]
    assert "nothing has come up more than once" in describe_patterns(entries, NOW)


def test_dad_and_father_are_one_person_counted_once_per_entry():
    found = recurring(
        [(NOW - timedelta(days=3), ["person:dad"]), (NOW - timedelta(days=2), ["person:father", "person:dad"]),
         (NOW - timedelta(days=1), ["person:dad", "theme:grief"])],
        NOW, min_count=2,
    )
    dads = [p for p in found if p.theme in ("person:dad", "person:father")]
    assert len(dads) == 1 and dads[0].count == 3 and dads[0].theme == "person:dad"
