"""A thought record refused as soon as it starts: "No, I said the opposite. I do not want the step by step thing."

When a record starts on a misreading (someone asked to write freely), their
first message often protests rather than answers the step. Such a message is
no situation: it switches to the journal, and nothing of the record is kept.
Only a record with no answer yet is read this way.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from bot.cbt.steps import SLOTS

_STRUCTURE = (r"(?:the |this |a |any |these )?(?:step[- ]by[- ]step(?: thing| stuff| one)?|steps|structured(?: thing| one)?|"
              r"structure|forms?|worksheets?|thought records?|exercises?|questions)")
_REFUSALS = re.compile(
    r"^no\b\W+(?:i said|i meant|i asked|that'?s not what i|that is not what i|i did not|i didn'?t|not that)"
    r"|\b(?:i )?said the opposite\b"
    rf"|\bi (?:really |just )?(?:do not|don'?t|dont) (?:want|wanna|need)(?: to do)? {_STRUCTURE}\b"
    rf"|\b(?:no|not) {_STRUCTURE}\b(?: please)?\W*$"
    r"|\bi would (?:just |simply |much |really )?(?:like|prefer|rather)(?: to)? "
    r"(?:(?:just |simply )(?:explore|write|talk|journal)|explore|write freely|journal|talk instead)\b",
    re.IGNORECASE,
)


def answered(state: Mapping[str, Any]) -> bool:
    """True when any step of the record has an answer."""
    return any(state.get(slot) not in (None, "", []) for slot in SLOTS)


def refuses_the_record(text: str, state: Mapping[str, Any]) -> bool:
    """True for a protest against a record that has no answer yet (a sentence of it refuses the steps)."""
    if answered(state):
        return False
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", " ".join((text or "").split())) if s.strip()]
    return any(_REFUSALS.search(s.replace("\u2019", "'")) for s in sentences)
