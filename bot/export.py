"""A readable Markdown version of an export, for a person to share with their therapist.

Takes the dict `Repository.export()` returns (the export JSON contract) and needs
no storage, so a saved JSON export can be turned into Markdown later too. Traps
are named as everywhere else in the bot, by `bot.cbt.traps`.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

from bot.cbt import traps

_WHO = {"user": "You", "bot": "Reflect"}
_MODE = {"cbt": "working through a thought", "explore": "exploring"}
# A button press is stored as its payload ("/choose_explore"); the reader sees what the button meant.
_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z_]+)(?:\{.*\})?$", re.DOTALL)
_BUTTON_WORDS = {
    "greet": "Hello", "goodbye": "Bye", "affirm": "Yes", "deny": "No", "help": "Something else",
    "choose_cbt": "Work through a thought", "choose_explore": "Just explore", "choose_practice": "Practise spotting thinking traps",
    "review_progress": "Review my progress", "show_journal": "Show my journal", "show_records": "Show my thought records",
    "ask_patterns": "What patterns do you see?", "continue_draft": "Continue where I left off", "pause": "Stop for now",
    "ask_what_explore": "Tell me about exploring", "ask_what_cbt": "Tell me about the structured mode",
    "safe_now": "I'm safe for now", "not_safe": "I'm not safe",
}
# How stored themes read: "person:dad" -> "dad", "feeling:angry" -> "feeling angry", "theme:grief" -> "grief".
_THEME_KINDS = {"person": "{}", "feeling": "feeling {}", "context": "{}", "theme": "{}"}


def _when(value: Optional[str]) -> str:
    """'2024-05-01 14:03 UTC' from an ISO 8601 string (the string itself if unparsable)."""
    if not value:
        return "unknown time"
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _safe(text: Any) -> str:
    """The person's words, kept as written but unable to inject HTML into a rendered page."""
    return str(text).replace("<", "&lt;")


def _quote(text: Any) -> list[str]:
    lines = _safe(text).strip().splitlines() or [""]
    return [f"> {line}".rstrip() for line in lines]


def _rating(value: Any) -> str:
    return "–" if value is None else f"{value}"


def _field(title: str, value: Any) -> list[str]:
    if value is None or str(value).strip() == "":
        return []
    return [f"**{title}**", "", *_quote(value), ""]


def _thought_records(records: Iterable[dict]) -> list[str]:
    out = ["## Thought records", ""]
    records = list(records)
    if not records:
        return out + ["No thought records yet.", ""]
    for number, record in enumerate(records, start=1):
        out += [f"### {number}. {_when(record.get('created_at'))}", ""]
        out += _field("Situation", record.get("situation"))
        out += _field("Automatic thought", record.get("automatic_thought"))
        emotions = record.get("emotions") or []
        if emotions:
            out += ["| Feeling | Before | After |", "|---|---|---|"]
            for emotion in emotions:
                name = _safe(emotion.get("name", "")).replace("|", "\\|")
                out.append(f"| {name} | {_rating(emotion.get('before'))} | {_rating(emotion.get('after'))} |")
            out.append("")
        if record.get("belief_before") is not None or record.get("belief_after") is not None:
            out += [
                f"**Belief in the thought:** {_rating(record.get('belief_before'))} before, "
                f"{_rating(record.get('belief_after'))} after (0-100)",
                "",
            ]
        distortions = record.get("distortions") or []
        if distortions:
            out += ["**Thinking traps:** " + ", ".join(traps.plain_name(d) for d in distortions), ""]
        out += _field("Evidence for", record.get("evidence_for"))
        out += _field("Evidence against", record.get("evidence_against"))
        out += _field("Balanced thought", record.get("alternative_thought"))
        out += _field("Next step", record.get("next_step"))
    return out


def _said(text: str) -> str:
    """What the person said, with a button press shown in words ("/choose_explore" -> "[Just explore]")."""
    match = _PAYLOAD.match(text.strip())
    if not match:
        return text
    intent = match.group("intent")
    return f"[{_BUTTON_WORDS.get(intent, intent.replace('_', ' ').capitalize())}]"


def _theme(theme: str) -> str:
    """A stored theme in plain words."""
    kind, _, value = str(theme).partition(":")
    if kind == "past" and not value:
        return "the past"
    if kind in _THEME_KINDS and value:
        return _THEME_KINDS[kind].format(value.replace("_", " "))
    return str(theme).replace("_", " ")


def _journal(entries: Iterable[dict]) -> list[str]:
    out = ["## Journal entries", ""]
    entries = list(entries)
    if not entries:
        return out + ["No journal entries yet.", ""]
    for entry in entries:
        out += [f"### {_when(entry.get('created_at'))}", ""]
        themes = entry.get("themes") or []
        if themes:
            words = list(dict.fromkeys(_theme(t) for t in themes))
            out += ["*Themes:* " + ", ".join(_safe(w) for w in words), ""]
        out += _quote(entry.get("text", "")) + [""]
        if entry.get("takeaway"):
            out += _field("Takeaway", entry["takeaway"])
    return out


def _practice(results: Iterable[dict]) -> list[str]:
    out = ["## Thinking-trap practice", ""]
    results = list(results)
    if not results:
        return out + ["No practice yet.", ""]
    right = sum(1 for r in results if r.get("correct"))
    out += [f"**Score:** {right} of {len(results)} correct ({round(100 * right / len(results))}%)", ""]
    for result in results:
        mark = "correct" if result.get("correct") else "not quite"
        labels = ", ".join(traps.plain_name(x) for x in result.get("correct_labels") or []) or "none"
        out.append(
            f"- {_when(result.get('at'))}: “{_safe(result.get('thought', ''))}” — "
            f"answered “{_safe(result.get('answer', ''))}” ({mark}; traps: {labels})"
        )
    return out + [""]


def _transcript(lines: Iterable[dict]) -> list[str]:
    out = ["## Conversation", ""]
    lines = list(lines)
    if not lines:
        return out + ["No conversation stored.", ""]
    mode: Optional[str] = "unset"
    for line in lines:
        if line.get("mode") != mode:
            mode = line.get("mode")
            if mode:
                out += [f"*— {_MODE.get(mode, mode)} —*", ""]
        who = _WHO.get(line.get("who", ""), line.get("who", ""))
        said = line.get("text", "") or ""
        said = _said(said) if line.get("who") == "user" else said
        text = _safe(said).strip().replace("\n", "  \n")
        out += [f"**{who}** ({_when(line.get('at'))}): {text}", ""]
    return out


def to_markdown(export: dict) -> str:
    """The export as a Markdown document: records, journal, practice, then the conversation."""
    parts = [
        f"# Reflect export for {_safe(export.get('sender', ''))}",
        "",
        f"Exported {_when(export.get('exported_at'))}. These are self-help notes written "
        "between sessions, not a clinical record.",
        "",
        *_thought_records(export.get("thought_records") or []),
        *_journal(export.get("journal_entries") or []),
        *_practice(export.get("practice") or []),
        *_transcript(export.get("transcript") or []),
    ]
    return "\n".join(parts).rstrip() + "\n"
