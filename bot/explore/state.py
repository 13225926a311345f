"""What the exploratory mode keeps between turns and sends back in one turn.

`ExploreState` lives in a Rasa slot between turns (plain data): the entry
being written, what has been said and asked this session, which patterns were
already pointed out, whether the bot is waiting for a takeaway or for an answer
to its offer to work through a thought, and the memory carried into the next
session. `Reply` is one turn's answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from bot.nlp.reflection import ReflectionHistory


@dataclass
class ExploreState:
    entry_id: Optional[int] = None
    history: dict[str, Any] = field(default_factory=dict)
    noticed: list[str] = field(default_factory=list)
    bridge_offered: bool = False
    bridge_thought: Optional[str] = None
    awaiting: Optional[str] = None  # "takeaway" | "bridge" | "discard" (throw away the paused record?) | None
    # Memory across sessions: what was said and asked before (a history to start
    # the next session from), who has died, which losses were acknowledged.
    carry: dict[str, Any] = field(default_factory=dict)
    deceased: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    known_people: list[str] = field(default_factory=list)  # names written about before
    absent: list[str] = field(default_factory=list)  # people no longer in their life ("my dad left", "my ex")
    last_person: Optional[str] = None  # the person written about last ("he" in the next message may be them)
    loss_this_session: bool = False
    loaded: bool = False
    session: int = 0  # how many sessions came before this one (in this conversation)
    said_about: dict[str, list[Any]] = field(default_factory=dict)  # person -> [their words about them, session]
    linked: list[str] = field(default_factory=list)  # people whose earlier words were brought back this session
    quiet_replies: int = 0  # short replies with nothing to reflect, this session
    felt: list[str] = field(default_factory=list)  # feeling families named this session
    felt_noted: list[str] = field(default_factory=list)  # feelings pointed out as coming back, this session
    welcomed: bool = False  # "Welcome back" was said this session (by the session start or a hello)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> "ExploreState":
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def next_session(self) -> "ExploreState":
        """A fresh state for the next session that keeps the memory of this one."""
        history = ReflectionHistory.from_dict(self.history or self.carry)
        return ExploreState(
            carry=history.next_session().to_dict(),
            deceased=list(self.deceased),
            acknowledged=list(self.acknowledged),
            known_people=list(self.known_people),
            absent=list(self.absent),
            last_person=self.last_person,
            said_about=dict(self.said_about),
            session=self.session + 1,
            loaded=True,
        )


@dataclass
class Reply:
    messages: list[tuple[str, list[dict[str, str]]]] = field(default_factory=list)
    state: ExploreState = field(default_factory=ExploreState)
    start_record_with: Optional[str] = None  # accepted bridge: the thought to work through
    closed: bool = False  # the session ended with this reply

    def say(self, text: str, buttons: Optional[list[dict[str, str]]] = None) -> "Reply":
        self.messages.append((text, buttons or []))
        return self
