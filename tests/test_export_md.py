"""The Markdown export a person hands to their therapist."""
from __future__ import annotations

from bot.export import to_markdown

EXPORT = {
    "sender": "ana",
    "exported_at": "2024-05-02T09:30:00+00:00",
    "transcript": [
        {"at": "2024-05-01T14:00:00+00:00", "who": "user", "text": "hi", "mode": None},
        {"at": "2024-05-01T14:00:01+00:00", "who": "bot", "text": "Hello. How would you like to work?", "mode": None},
        {"at": "2024-05-01T14:01:00+00:00", "who": "user", "text": "I failed again 😞", "mode": "cbt"},
        {"at": "2024-05-01T14:05:00+00:00", "who": "user", "text": "My father never listened.", "mode": "explore"},
    ],
    "thought_records": [
        {
            "id": 7,
            "created_at": "2024-05-01T14:03:00+00:00",
            "situation": "My manager didn't reply.",
            "automatic_thought": "She thinks my work is useless.",
            "emotions": [{"name": "anxious", "before": 80, "after": 35}, {"name": "sad", "before": 60, "after": None}],
            "belief_before": 90,
            "belief_after": 40,
            "distortions": ["mind_reading", "all_or_nothing"],
            "evidence_for": "She was short with me.",
            "evidence_against": "She praised the last report.\nTwice.",
            "alternative_thought": "She is probably busy.",
            "next_step": "Ask her on Monday.",
        }
    ],
    "journal_entries": [
        {"id": 3, "created_at": "2024-04-30T20:00:00+00:00", "text": "Dreamt of the old house.\n\nIt felt safe.", "themes": ["home", "father"]}
    ],
    "practice": [
        {"at": "2024-05-01T15:00:00+00:00", "thought": "I always fail.", "answer": "all_or_nothing", "correct_labels": ["all_or_nothing"], "correct": True},
        {"at": "2024-05-01T15:01:00+00:00", "thought": "They hate me.", "answer": "labeling", "correct_labels": ["mind_reading"], "correct": False},
    ],
}


def test_sections_in_reading_order():
    md = to_markdown(EXPORT)
    assert md.startswith("# Reflect export for ana\n")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Thought records", "## Journal entries", "## Thinking-trap practice", "## Conversation"]
    assert "Exported 2024-05-02 09:30 UTC" in md
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_thought_record_shows_before_and_after():
    md = to_markdown(EXPORT)
    assert "### 1. 2024-05-01 14:03 UTC" in md
    assert "> My manager didn't reply." in md
    assert "| Feeling | Before | After |" in md
    assert "| anxious | 80 | 35 |" in md
    assert "| sad | 60 | – |" in md  # not re-rated yet
    assert "**Belief in the thought:** 90 before, 40 after (0-100)" in md
    assert "**Thinking traps:** mind reading, all-or-nothing thinking" in md  # the names bot.cbt.traps gives
    assert "> She praised the last report.\n> Twice." in md  # multi-line text stays quoted
    assert "**Balanced thought**" in md and "> Ask her on Monday." in md


def test_journal_practice_and_transcript():
    md = to_markdown(EXPORT)
    assert "### 2024-04-30 20:00 UTC" in md
    assert "*Themes:* home, father" in md
    assert "> Dreamt of the old house.\n>\n> It felt safe." in md
    assert "**Score:** 1 of 2 correct (50%)" in md
    assert "(not quite; traps: mind reading)" in md
    assert "**You** (2024-05-01 14:00 UTC): hi" in md
    assert "**Reflect** (2024-05-01 14:00 UTC): Hello. How would you like to work?" in md
    assert md.index("*— working through a thought —*") < md.index("I failed again 😞")
    assert md.index("*— exploring —*") < md.index("My father never listened.")


def test_empty_export_says_so():
    md = to_markdown(
        {"sender": "nobody", "exported_at": "2024-05-02T09:30:00+00:00",
         "transcript": [], "thought_records": [], "journal_entries": [], "practice": []}
    )
    for line in ("No thought records yet.", "No journal entries yet.", "No practice yet.", "No conversation stored."):
        assert line in md


def test_person_text_cannot_inject_html_or_break_tables():
    export = dict(EXPORT)
    export["thought_records"] = [
        {**EXPORT["thought_records"][0], "situation": "<script>alert(1)</script>",
         "emotions": [{"name": "angry|hurt", "before": 50, "after": 20}]}
    ]
    md = to_markdown(export)
    assert "<script>" not in md
    assert "| angry\\|hurt | 50 | 20 |" in md


def test_optional_fields_missing_are_left_out():
    record = {"id": 1, "created_at": "2024-05-01T14:03:00Z", "situation": "Only this.", "emotions": [],
              "distortions": [], "belief_before": None, "belief_after": None}
    md = to_markdown({**EXPORT, "thought_records": [record]})
    assert "> Only this." in md
    assert "Belief in the thought" not in md and "Thinking traps" not in md and "Evidence for" not in md


def test_stored_theme_labels_and_button_payloads_read_as_words():
    export = {
        "sender": "s", "exported_at": "2024-05-01T15:00:00+00:00", "thought_records": [], "practice": [],
        "journal_entries": [{"id": 1, "created_at": "2024-04-30T20:00:00+00:00", "text": "Dad died in March.",
                             "themes": ["person:dad", "feeling:angry", "theme:grief", "past"]}],
        "transcript": [
            {"at": "2024-05-01T14:00:00+00:00", "who": "user", "text": "/greet", "mode": None},
            {"at": "2024-05-01T14:00:05+00:00", "who": "user", "text": "/choose_explore", "mode": None},
            {"at": "2024-05-01T14:00:09+00:00", "who": "user", "text": "/some_new_button", "mode": None},
            {"at": "2024-05-01T14:01:00+00:00", "who": "user", "text": "/ a path /tmp is not a button", "mode": None},
        ],
    }
    md = to_markdown(export)
    assert "*Themes:* dad, feeling angry, grief, the past" in md
    assert "person:" not in md and "theme:" not in md
    assert "/greet" not in md and "): [Hello]" in md and "): [Just explore]" in md and "): [Some new button]" in md
    assert "/ a path /tmp is not a button" in md
