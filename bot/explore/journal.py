"""One exploratory session as a journal entry: listen, save, notice, close.

`ExploreState` lives in a Rasa slot between turns (plain data): the entry
being written, what has been said and asked this session, which patterns were
already pointed out, and whether the bot is waiting for a takeaway or for an
answer to its offer to work through a thought.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from bot.explore import patterns
from bot.explore.bridge import cbt_bridge_candidate
from bot.explore.closing import closing_summary
from bot.explore.questions import respond
from bot.explore.themes import extract_themes
from bot.nlp.reflection import ReflectionHistory
from bot.session import quote
from bot.store.repository import Repository

PATTERN_WINDOW_DAYS = 30
PATTERN_MIN_ENTRIES = 3
JOURNAL_PREFIX = re.compile(r"^\s*journal\s*:\s*", re.IGNORECASE)
YES = {"yes", "yeah", "yep", "sure", "ok", "okay", "yes please", "let's do it", "lets do it"}


@dataclass
class ExploreState:
    entry_id: Optional[int] = None
    history: dict[str, Any] = field(default_factory=dict)
    noticed: list[str] = field(default_factory=list)
    bridge_offered: bool = False
    bridge_thought: Optional[str] = None
    awaiting: Optional[str] = None  # "takeaway" | "bridge" | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> "ExploreState":
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Reply:
    messages: list[tuple[str, list[dict[str, str]]]] = field(default_factory=list)
    state: ExploreState = field(default_factory=ExploreState)
    start_record_with: Optional[str] = None  # accepted bridge: the thought to work through

    def say(self, text: str, buttons: Optional[list[dict[str, str]]] = None) -> "Reply":
        self.messages.append((text, buttons or []))
        return self


def _now() -> datetime:
    return datetime.now(timezone.utc)


class JournalSession:
    """The exploratory mode for one person, over a repository."""

    def __init__(self, repo: Repository, sender: str) -> None:
        self.repo = repo
        self.sender = sender

    def turn(self, text: str, intent: Optional[str], state: ExploreState) -> Reply:
        """Answer one message written while exploring."""
        if state.awaiting == "takeaway":
            return self._keep_takeaway(text, state)
        if state.awaiting == "bridge":
            state.awaiting = None
            said = " ".join(text.lower().split()).strip(" .!")
            if intent == "affirm" or said in YES:
                thought, state.bridge_thought = state.bridge_thought, None
                return Reply(state=state, start_record_with=thought)
            state.bridge_thought = None
            if intent == "deny" or len(said.split()) <= 3:
                return Reply(state=state).say("Of course. Let's keep exploring. What else comes up for you?")
        return self._listen(JOURNAL_PREFIX.sub("", text, count=1), state)

    def _listen(self, text: str, state: ExploreState) -> Reply:
        reply = Reply(state=state)
        themes = extract_themes(text).as_list()
        self._save(text, themes, state)

        history = ReflectionHistory.from_dict(state.history)
        reflection = respond(text, history)
        state.history = history.to_dict()

        remark = self._noticed_pattern(themes, state)
        thought = None if state.bridge_offered else cbt_bridge_candidate(text)
        if thought:
            state.bridge_offered, state.bridge_thought, state.awaiting = True, thought, "bridge"
            reply.say(reflection.text)
            reply.say(
                f"One thought stands out: “{quote(thought, 160)}”. If you'd like, we could work through it "
                "step by step, as a thought record. Would you like that?",
                [{"title": "Yes, let's work through it", "payload": "/affirm"},
                 {"title": "No, keep exploring", "payload": "/deny"}],
            )
        elif remark:
            reply.say(f"{reflection.text} {remark}")
        else:
            reply.say(reflection.reply)
        return reply

    def _save(self, text: str, themes: list[str], state: ExploreState) -> None:
        entry = self.repo.journal_entry(self.sender, state.entry_id) if state.entry_id else None
        if entry is None:
            state.entry_id = self.repo.save_journal_entry(self.sender, text, themes)
            return
        merged = list(dict.fromkeys([*entry["themes"], *themes]))
        self.repo.update_journal_entry(self.sender, entry["id"], text=f"{entry['text']}\n\n{text}", themes=merged)

    def _noticed_pattern(self, themes: list[str], state: ExploreState) -> Optional[str]:
        """A tentative remark the first time a theme of this message recurs across entries."""
        now = _now()
        entries = self.repo.journal_entries_for(self.sender, since=now - timedelta(days=PATTERN_WINDOW_DAYS))
        found = patterns.recurring(
            [(e["created_at"], e["themes"]) for e in entries], now,
            window_days=PATTERN_WINDOW_DAYS, min_count=PATTERN_MIN_ENTRIES,
        )
        for pattern in found:
            if pattern.theme in themes and pattern.theme not in state.noticed:
                state.noticed.append(pattern.theme)
                return patterns.notice(pattern)
        return None

    def close(self, state: ExploreState) -> Reply:
        """"I'm done for today": a summary in the person's words, then ask for a takeaway."""
        entry = self.repo.journal_entry(self.sender, state.entry_id) if state.entry_id else None
        if entry is None:
            return Reply(state=ExploreState()).say(
                "We haven't written anything together today, and that's fine. Come back whenever you like."
            )
        texts = entry["text"].split("\n\n")
        state.awaiting = "takeaway"
        return Reply(state=state).say(closing_summary(texts, entry["themes"]))

    def _keep_takeaway(self, text: str, state: ExploreState) -> Reply:
        takeaway = JOURNAL_PREFIX.sub("", text).strip()
        if state.entry_id and takeaway:
            self.repo.update_journal_entry(self.sender, state.entry_id, takeaway=takeaway[:2000])
        return Reply(state=ExploreState()).say(
            f"Thank you. I've saved that with today's entry: “{quote(takeaway, 160)}”. "
            "Take care of yourself, and come back whenever you want to write.",
            [{"title": "Show my journal", "payload": "/show_journal"},
             {"title": "What patterns do you see?", "payload": "/ask_patterns"}],
        )

    def journal_overview(self, limit: int = 5) -> str:
        entries = self.repo.journal_entries_for(self.sender, limit=limit)
        if not entries:
            return "Your journal is empty so far. Whenever you like, choose “Just explore” and write about what's on your mind."
        lines = []
        for entry in entries:
            themes = ", ".join(t.partition(":")[2] or t for t in entry["themes"][:5]) or "no themes yet"
            line = f"• {entry['created_at']:%-d %b %Y}: “{quote(entry['text'], 70)}” ({themes})"
            if entry.get("takeaway"):
                line += f"\n  Takeaway: “{quote(entry['takeaway'], 80)}”"
            lines.append(line)
        return "Your recent journal entries:\n" + "\n".join(lines)

    def patterns_overview(self) -> str:
        entries = self.repo.journal_entries_for(self.sender)
        return patterns.describe_patterns([(e["created_at"], e["themes"]) for e in entries], _now())
