"""Spotting one distressing first-person thought worth a thought record."""
from __future__ import annotations

import pytest

from bot.explore import bridge
from bot.explore.bridge import cbt_bridge_candidate

THOUGHTS = [
    "I always mess everything up.",
    "I'm such a failure",
    "nobody will ever love me",
    "I feel like a failure",
    "I’m a terrible friend",
    "I'm not good enough for her",
    "Everyone thinks I'm stupid",
    "It's all my fault.",
    "I'll never find anyone",
    "I can't do anything right",
    "I hate myself",
]


@pytest.mark.parametrize("thought", THOUGHTS)
def test_thoughts_are_found_as_written(thought):
    assert cbt_bridge_candidate(thought) == thought.strip()


def test_the_sentence_is_picked_out_of_an_entry():
    text = "Work was long today. My boss moved the deadline again. Honestly I always mess everything up. Anyway."
    assert cbt_bridge_candidate(text) == "Honestly I always mess everything up."


@pytest.mark.parametrize(
    "text",
    [
        "My sister didn't call me back.",
        "I went to the shop and bought milk.",
        "I feel sad",
        "I feel awful and so tired.",
        "Why do I always mess up?",
        "He always messes everything up",
        "My boss is an idiot",
        "I had a nice walk with my dog today.",
        "",
    ],
)
def test_events_questions_feelings_and_others_are_not(text):
    assert cbt_bridge_candidate(text) is None


def test_works_without_the_detector(monkeypatch):
    monkeypatch.setattr(bridge, "_detector", lambda: None)
    assert cbt_bridge_candidate("Ugh. I'm such a failure.") == "I'm such a failure."
    assert cbt_bridge_candidate("My sister didn't call me back.") is None


def test_a_broken_detector_does_not_break_exploring(monkeypatch):
    def broken(text):
        raise RuntimeError("detector bug")

    monkeypatch.setattr(bridge, "_detector", lambda: broken)
    assert cbt_bridge_candidate("nobody will ever love me") == "nobody will ever love me"
