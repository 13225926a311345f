"""What to say when a person comes back."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from bot.store.repository import Repository

MAX_QUOTE = 60


@dataclass(frozen=True)
class Welcome:
    text: str
    has_draft: bool
    buttons: list[dict] = field(default_factory=list)


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    """A short quotation of the person's words for a reminder."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def draft_subject(draft: dict) -> str:
    """' about “<the thought>”' for naming a paused record, or '' when it has no words yet."""
    about = draft.get("automatic_thought") or draft.get("situation")
    return f" about “{quote(about)}”" if about else ""


def welcome(repo: Repository, sender: str) -> Optional[Welcome]:
    """A welcome-back message, or None for someone new."""
    draft = repo.draft_for(sender)
    if draft:
        return Welcome(
            text=f"Welcome back. Last time you paused a thought record{draft_subject(draft)}. "
            "Would you like to continue it?",
            has_draft=True,
            buttons=[
                {"title": "Continue it", "payload": "/continue_draft"},
                {"title": "Something else", "payload": "/help"},
            ],
        )
    last = last_activity(repo, sender)
    if last.kind in (JOURNAL, PRACTICE):
        # Something to go on with: the journal, or more practice.
        return Welcome(
            text="Welcome back. It's good to see you again.",
            has_draft=False,
            buttons=[
                {"title": "Continue where I left off", "payload": "/continue_draft"},
                {"title": "Start something new", "payload": "/help"},
            ],
        )
    if last.kind is not None:
        # Only finished records: nothing is left to continue, so the ways to start are offered.
        return Welcome(text="Welcome back. It's good to see you again. What would you like to do?",
                       has_draft=False, buttons=list(START_BUTTONS))
    return None


START_BUTTONS = (
    {"title": "Work through a thought (CBT)", "payload": "/choose_cbt"},
    {"title": "Just explore (journal)", "payload": "/choose_explore"},
    {"title": "Practise spotting thinking traps", "payload": "/choose_practice"},
    {"title": "Review my progress", "payload": "/review_progress"},
)


# What a person was last doing, for "continue where I left off".
RECORD = "record"  # a paused thought record
JOURNAL = "journal"
PRACTICE = "practice"
FINISHED_RECORD = "finished_record"


@dataclass(frozen=True)
class LastActivity:
    kind: Optional[str]  # one of the names above, or None for someone new
    detail: dict = field(default_factory=dict)  # the draft, entry, record or practice row


def _stamp(row: Optional[dict], *keys: str):
    for key in keys:
        if row and row.get(key) is not None:
            return row[key]
    return None


def last_activity(repo: Repository, sender: str) -> LastActivity:
    """The most recent thing this person did: a paused record, journaling, practice or a finished record.

    Timestamps decide, so someone who paused a record and then journaled is
    returned to their journal, and the record stays waiting.
    """
    draft = repo.draft_for(sender)
    entries = repo.journal_entries_for(sender, limit=1)
    practice = repo.practice_for(sender, limit=1)
    records = repo.thought_records_for(sender, limit=1)
    candidates = [
        (RECORD, draft, _stamp(draft, "updated_at", "created_at")),
        (JOURNAL, entries[0] if entries else None, _stamp(entries[0] if entries else None, "updated_at", "created_at")),
        (PRACTICE, practice[0] if practice else None, _stamp(practice[0] if practice else None, "at")),
        (FINISHED_RECORD, records[0] if records else None, _stamp(records[0] if records else None, "created_at")),
    ]
    present = [(kind, row, at) for kind, row, at in candidates if row is not None]
    if not present:
        return LastActivity(None)
    dated = [c for c in present if c[2] is not None]
    kind, row, _ = max(dated, key=lambda c: _aware(c[2])) if dated else present[0]
    return LastActivity(kind, row)


def _aware(moment):
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
