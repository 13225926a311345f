"""Looking back: lists of thought records, one record in full, overall progress."""
from __future__ import annotations

import re
from typing import Any, Optional

from bot.cbt import record as record_text
from bot.session import quote


def _date(moment: Any) -> str:
    return moment.strftime("%-d %b %Y") if moment else "?"


def _feeling_line(rec: dict[str, Any]) -> str:
    emotions = rec.get("emotions") or []
    if not emotions:
        return ""
    first = emotions[0]
    before = first.get("before")
    after = first.get("after")
    if before is None:
        return f" · {first['name']}"
    return f" · {first['name']} {before} → {after if after is not None else '?'}"


def records_list(records: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]]]:
    """Recent records, one line each, with a button to open each in full."""
    if not records:
        return (
            "You haven't finished a thought record yet. Would you like to work through a thought now?",
            [{"title": "Work through a thought", "payload": "/choose_cbt"}],
        )
    lines = []
    buttons = []
    for number, rec in enumerate(records, start=1):
        thought = quote(rec.get("automatic_thought") or rec.get("situation") or "(no thought written)", 70)
        lines.append(f"{number}. {_date(rec.get('created_at'))}: “{thought}”{_feeling_line(rec)}")
        buttons.append({"title": f"Open {number}", "payload": f'/open_record{{"record_id": "{rec["id"]}"}}'})
    return "Your recent thought records:\n" + "\n".join(lines), buttons


def requested_record_number(text: str) -> Optional[int]:
    """'open record 3' / 'the second one' -> 3 / 2 (a position in the list)."""
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": 1, "latest": 1}
    digits = re.search(r"\d+", text or "")
    if digits:
        return int(digits.group())
    for word, number in words.items():
        if word in (text or "").lower():
            return number
    return None


def record_detail(rec: dict[str, Any]) -> str:
    lines = [record_text.summary_card(rec, title=f"Thought record from {_date(rec.get('created_at'))}")]
    for label, key in (("Evidence for", "evidence_for"), ("Evidence against", "evidence_against")):
        if rec.get(key):
            lines.append(f"{label}: {rec[key]}")
    return "\n\n".join(lines)


def progress(records: list[dict[str, Any]], entries: list[dict[str, Any]], practice: list[dict[str, Any]]) -> str:
    """A short overview of what a person has done, with measurable change."""
    if not (records or entries or practice):
        return "There's nothing to review yet. Once you've done a thought record, a journal entry or a practice round, your progress shows up here."
    parts = []
    if records:
        parts.append(f"Thought records finished: {len(records)}.")
        changes = []
        for rec in records:
            for emotion in rec.get("emotions") or []:
                if emotion.get("before") is not None and emotion.get("after") is not None:
                    changes.append(emotion["before"] - emotion["after"])
        if changes:
            average = sum(changes) / len(changes)
            direction = "eased by" if average >= 0 else "rose by"
            parts.append(f"On average, the feelings you rated {direction} {abs(average):.0f} points from the start to the end of a record.")
        latest = records[0]
        summary = record_text.change_summary(latest)
        if summary:
            parts.append(f"Latest ({_date(latest.get('created_at'))}): {summary}")
    if entries:
        parts.append(f"Journal entries: {len(entries)}, the latest on {_date(entries[0].get('created_at'))}.")
    if practice:
        right = sum(1 for p in practice if p.get("correct"))
        recent = practice[-10:]
        recent_right = sum(1 for p in recent if p.get("correct"))
        parts.append(
            f"Practice: {right} of {len(practice)} drills right overall, {recent_right} of the last {len(recent)}."
        )
    return "Here's your progress so far:\n" + "\n".join(parts)
