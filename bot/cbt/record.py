"""How a thought record reads back, and which step a person wants to revisit.

The steps themselves and their order are in `bot.cbt.steps`. The record dict uses the export
contract's keys (situation, automatic_thought, emotions [{"name", "before",
"after"}], belief_before, belief_after, distortions, evidence_for,
evidence_against, alternative_thought, next_step).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.cbt.traps import plain_name


PREVIOUS = "previous"


def _text(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip() if value not in (None, "") else ""


def _num(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)


def _emotions(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [e for e in record.get("emotions") or [] if isinstance(e, Mapping) and e.get("name")]


def summary_card(record: Mapping[str, Any], title: str | None = "Your thought record") -> str:
    """A plain-text card: the thought beside the balanced one, ratings before -> after.

    Pass `title=None` when the caller prints its own heading (e.g. with a date).
    """
    lines = [title, ""] if title else []
    if _text(record.get("situation")):
        lines.append(f"Situation: {_text(record['situation'])}")
    if _text(record.get("automatic_thought")):
        lines.append(f'Thought: "{_text(record["automatic_thought"])}"')
    if _text(record.get("alternative_thought")):
        lines.append(f'Balanced thought: "{_text(record["alternative_thought"])}"')
    traps = [plain_name(str(label)) for label in record.get("distortions") or []]
    if traps:
        lines.append(f"Thinking traps: {', '.join(traps)}")

    rows: list[tuple[str, str, str]] = []
    for e in _emotions(record):
        rows.append((_text(e["name"]).capitalize(), _num(e.get("before")), _num(e.get("after"))))
    if record.get("belief_before") is not None or record.get("belief_after") is not None:
        rows.append(
            ("Belief in the thought", _num(record.get("belief_before")), _num(record.get("belief_after")))
        )
    if rows:
        width = max(len(r[0]) for r in rows + [("", "", "")])
        lines += ["", f"{'':<{width}}  {'before':>6}    {'after':>5}"]
        for name, before, after in rows:
            lines.append(f"{name:<{width}}  {before:>6} -> {after:>5}")
    if _text(record.get("next_step")):
        lines += ["", f"Next step: {_text(record['next_step'])}"]
    return "\n".join(lines)


def _changes(pairs: list[tuple[str, Any, Any]]) -> list[str]:
    parts = []
    for name, before, after in pairs:
        if before is None or after is None:
            continue
        if before == after:
            parts.append(f"{name} stayed at {before}")
        else:
            parts.append(f"{name} went from {before} to {after}")
    return parts


def change_summary(record: Mapping[str, Any]) -> str:
    """One line on what changed, e.g. "Anxious went from 80 to 40."."""
    parts = _changes(
        [(_text(e["name"]).capitalize(), e.get("before"), e.get("after")) for e in _emotions(record)]
    )
    belief = _changes(
        [("Your belief in the thought", record.get("belief_before"), record.get("belief_after"))]
    )
    if not parts and not belief:
        return "Nothing was re-rated this time."
    sentences = []
    if parts:
        first, rest = parts[0], [p[0].lower() + p[1:] for p in parts[1:]]
        sentences.append(", ".join([first] + rest[:-1]) + (f" and {rest[-1]}" if rest else "") + ".")
    sentences += [b + "." for b in belief]
    return " ".join(sentences)


# --- going back --------------------------------------------------------------

# Ways of naming each step, longest first within the table order that matters:
# "balanced thought" must be tried before "thought".
STEP_WORDS: tuple[tuple[str, str], ...] = (
    ("evidence_for", r"evidence\s+for(?:\s+it)?|(?:the\s+)?(?:reasons|facts)\s+for"),
    ("evidence_against", r"evidence\s+against(?:\s+it)?|(?:the\s+)?(?:reasons|facts)\s+against"),
    ("alternative_thought", r"(?:balanced|alternative|new|helpful)\s+thought|alternative"),
    ("automatic_thought", r"(?:automatic\s+|first\s+|original\s+|negative\s+)?thoughts?"),
    ("situation", r"situation|what\s+happened"),
    ("emotions", r"feelings?|emotions?"),
    ("belief", r"belief|how\s+much\s+i\s+believed?(?:\s+it)?"),
    ("distortions", r"(?:thinking\s+)?traps?|distortions?"),
    ("rerate", r"re-?ratings?|new\s+ratings?"),
    ("next_step", r"next\s+step"),
)
_EDIT = (
    r"(?:change|edit|fix|redo|re-do|rewrite|re-write|update|correct|amend|revise|redo|go\s+back\s+to|back\s+to|return\s+to|revisit|"
    r"go\s+back\s+and\s+(?:write|do|change|redo|fix|answer|add\s+to)(?:\s+again)?)"
)
_OWNER = r"(?:(?:the|my|that|this|what\s+i\s+(?:said|wrote|put)\s+(?:for|about|as)(?:\s+the|\s+my)?)\s+)?"
# "try to change my thoughts" is a plan, not a request to go back.
_NOT_A_REQUEST = re.compile(
    r"\b(?:try(?:ing)?|going|learn(?:ing)?|how|hard|able|work(?:ing)?\s+on)\s+to\s*$|"
    r"\b(?:will|could\s+try|can't|cannot|couldn't)\s*$",
    re.I,
)
_TARGETS = [
    (name, re.compile(rf"\b{_EDIT}\s+{_OWNER}(?:{words})\b", re.I)) for name, words in STEP_WORDS
]
_BACK = re.compile(
    r"^\W*(?:(?:wait|oops|sorry|hang\s+on|hold\s+on|actually|no|um+|hmm+)\W+)*"
    r"(?:(?:can|could)\s+(?:we|i)\s+|let'?s\s+|i\s+want\s+to\s+|please\s+)?"
    r"(?:go\s+back(?:\s+(?:a|one)\s+step)?|back|previous(?:\s+step|\s+question)?|undo|"
    r"(?:change|edit|fix|redo)\s+(?:my|the|that)\s+(?:last\s+)?answer)"
    r"(?:\s+please)?\W*$",
    re.I,
)


def detect_back_target(text: str) -> str | None:
    """Which step the person wants to revisit: a step name, "previous", or None.

    "wait, change the situation" -> "situation"; "go back" -> "previous";
    "change my thought" -> "automatic_thought". An ordinary answer that only
    mentions a step word ("the situation was tense", "try to change my
    thoughts") gives None. Rule-based, so the caller should confirm before
    discarding an answer ("Go back to the situation?").
    """
    if not text or not text.strip():
        return None
    for name, pattern in _TARGETS:
        match = pattern.search(text)
        if match and not _NOT_A_REQUEST.search(text[: match.start()]):
            return name
    if _BACK.match(text.strip()):
        return PREVIOUS
    return None
