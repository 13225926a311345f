"""A balanced thought, the end point of a thought record, is not read as the trap it answers.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from bot.nlp.distortions import detect

BALANCED = [
    "The presentation had a shaky start, but I can learn the slides better for next week.",
    "I snapped at my brother. It's a normal feeling when I'm tired and I'll ring him tomorrow.",
    "My essay got a low mark, which stings, but I know what to change and I'll keep practising.",
    "I'm not where I hoped to be at work, but I'm proud of getting through a hard year.",
]
TRAPS = [
    ("I always ruin everything, so I can never relax.", "overgeneralization"),
    ("Everyone at the party must have thought I was boring.", "mind_reading"),
]


@pytest.mark.parametrize("text", BALANCED)
def test_a_balanced_thought_gets_no_suggestion(text: str) -> None:
    assert detect(text) == []


@pytest.mark.parametrize(("text", "label"), TRAPS)
def test_the_traps_themselves_are_still_suggested(text: str, label: str) -> None:
    assert label in [s.label for s in detect(text)[:3]]
