"""A correction of an earlier answer inside the thought record.

"sad 70, tense 40. oops I put the feelings in the last one by mistake, the
thought was nobody wants me there": the first part answers the step on screen,
the rest replaces an earlier answer. A correction needs both a word that says
something went wrong ("by mistake", "wrong one", "I meant", "oops") and the new
value, for a step the person names ("the thought was ...") or for the last one
("it should have been ..." / "I meant ... for the last one"). Everything else
is an ordinary answer; "go back" without a new value is `bot.cbt.record`'s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from bot.cbt.record import STEP_WORDS
from bot.cbt.steps import RECORD_STEP_SLOTS, SLOTS

_CUE = re.compile(
    r"\b(?:by mistake|my mistake|my bad|mistakenly|(?:accidentally|by accident) (?:put|wrote|typed|answered)|"
    r"wrong (?:one|step|box|place|bit|question|answer|way round)|"
    r"in the wrong|mixed (?:them |it |those |these )?up|mix(?:ed)? (?:them |it )?up|meant to (?:put|say|write|type)|"
    r"should(?: have|'ve|ve) (?:put|said|written|been)|i meant|oops|whoops|correction|got (?:it|them) backwards)\b",
    re.I,
)
_NAMED = "|".join(f"(?P<{name}>{words})" for name, words in STEP_WORDS)
# "the thought was X", "my situation should have been X", "the real thought is: X".
_NEW_FOR_STEP = re.compile(
    rf"(?:^|[.,;:!?\-]\s*|\b(?:so|ok|okay|wait|oops|whoops|sorry|actually|mistake|up)\s+)"
    rf"(?:the|my|that|this)\s+(?:(?:real|actual|right|correct)\s+)?(?:{_NAMED})\s+"
    r"(?:was meant to be|was actually|is actually|should have been|should've been|shouldve been|should be|"
    r"i meant was|i meant to put was|was|is)\s*[:,\-]?\s*(?P<value>.+)$",
    re.I | re.S,
)
# "for the last one I meant X", "in the last one it should have been X", "I meant X for the last one".
_LAST = r"(?:the\s+)?(?:last|previous|one before|step before)(?:\s+(?:one|step|question|answer|box))?"
_NEW_FOR_LAST = re.compile(
    rf"\b(?:(?:for|in|on)\s+{_LAST}\s*,?\s*(?:i\s+meant|it\s+should(?:\s+have|'ve|ve)\s+been|it\s+should\s+be|"
    rf"it\s+was|i\s+meant\s+to\s+(?:put|say|write))\s*[:,\-]?\s*(?P<value>.+)$|"
    rf"(?:i\s+meant|i\s+meant\s+to\s+(?:put|say|write))\s*[:,\-]?\s*(?P<value2>.+?)\s+(?:for|in|on)\s+{_LAST}\W*$)",
    re.I | re.S,
)
_SENTENCE_END = re.compile(r"[.!?\n]|[,;]\s*(?=(?:oh |ah |ugh )?(?:oops|whoops|sorry|wait|hang on|hold on|actually|my bad|damn)\b)|"
                           r"\s-+\s*(?=(?:oh |ah |ugh )?(?:oops|whoops|sorry|wait|hang on|hold on|actually|my bad|damn)\b)", re.I)


@dataclass(frozen=True)
class Correction:
    """The earlier step to change, its new answer, and the answer to the step on screen (if any)."""

    slot: str
    value: str
    rest: str


_SIGN_OFF = re.compile(r"[\s,.;:!-]*(?:(?:my mistake|my bad|sorry|oops|whoops|lol)[\s,.;:!-]*)+$", re.I)


def _tidy(text: str) -> str:
    text = _SIGN_OFF.sub("", " ".join(text.split())).strip(" \"'“”‘’")
    return re.sub(r"[\s.!,;]+$", "", text).strip(" \"'“”‘’")


def read(text: str, current: str) -> Optional[Correction]:
    """The correction a message makes at step `current`, or None when it is an ordinary answer."""
    cue = _CUE.search(text or "")
    if cue is None or current not in SLOTS:
        return None
    position = SLOTS.index(current)
    # The sentence with the cue and what follows it is the correction; what came before answers `current`.
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= cue.start()]
    start = ends[-1] if ends else 0
    tail = text[start:]
    slot, value = None, None
    named = _NEW_FOR_STEP.search(tail)
    if named:
        step = next(name for name, _ in STEP_WORDS if named.group(name))
        slot, value = {**RECORD_STEP_SLOTS, "belief": "tr_belief"}.get(step), named.group("value")
    else:
        last = _NEW_FOR_LAST.search(tail)
        if last and position > 0:
            slot, value = SLOTS[position - 1], last.group("value") or last.group("value2")
    if slot is None or value is None or SLOTS.index(slot) > position or not _tidy(value):
        return None
    return Correction(slot, _tidy(value), _tidy(text[:start]))
