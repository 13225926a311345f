"""Speed of the per-message language work, against plain spaCy tokenising in the same run.

Every message goes through the crisis detector; CBT thoughts through the
thinking-trap detector; journaling through the reflection. The baseline is the
shared spaCy pipeline alone (tokens and lemmas of the same text), the least
any of them must do. Prints milliseconds per call (median of several runs)
and the ratio to the baseline.

    .venv/bin/python benchmarks/speed.py
"""
from __future__ import annotations

import statistics
import time
from typing import Callable

from bot.explore.questions import respond
from bot.nlp.crisis import is_crisis
from bot.nlp.distortions import detect
from bot.nlp.pipeline import parse
from bot.nlp.reflection import ReflectionHistory

MESSAGE = "My sister didn't call me back again and I feel really hurt, like I always mess things up with her."
ENTRY = (
    "Today I went to work and my boss ignored me again in the meeting. I felt so small and I kept thinking "
    "about when I was a kid and my dad used to do the same thing. My sister says I overthink it. Maybe she's "
    "right, but it still hurts, and I don't know what to do with it. "
) * 60  # about 3,500 words


def median_ms(function: Callable[[str], object], text: str, runs: int) -> float:
    function(text)  # warm caches and matchers
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function(text)
        timings.append(time.perf_counter() - start)
    return 1000 * statistics.median(timings)


def main() -> None:
    cases = [
        ("crisis detector", is_crisis),
        ("thinking-trap detector", detect),
        ("reflection (respond)", lambda text: respond(text, ReflectionHistory())),
    ]
    for label, text, runs in (("one message", MESSAGE, 50), ("3,500-word entry", ENTRY, 5)):
        baseline = median_ms(parse, text, runs)
        print(f"{label}: baseline (spaCy tokens + lemmas) {baseline:.2f} ms")
        for name, function in cases:
            ms = median_ms(function, text, runs)
            print(f"  {name:<24} {ms:8.2f} ms  ({ms / baseline:5.1f}x baseline)")


if __name__ == "__main__":
    main()
