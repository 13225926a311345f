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
    if repo.thought_records_for(sender, limit=1) or repo.journal_entries_for(sender, limit=1) or repo.practice_for(sender, limit=1):
        return Welcome(
            text="Welcome back. It's good to see you again.",
            has_draft=False,
            buttons=[
                {"title": "Continue where I left off", "payload": "/review_progress"},
                {"title": "Start something new", "payload": "/help"},
            ],
        )
    return None
