"""What a turn needs of a conversation, kept in memory: the same cost at turn 10 and turn 1,000.

Rasa rebuilds the whole conversation on every message: it reads every event
of the session from the database, decrypts and decodes each, replays them
into a tracker, computes the policies' states over all of them and sends them
all to the action server. A turn therefore costs more the longer a person
writes.

`RecentTurns` keeps, per conversation, the state of the conversation up to a
cut-off (slot values and the active form, as a small tracker) and the decoded
events after it. A retrieved tracker is the state at the cut-off, given as
`SlotSet` / `ActiveLoop` events, followed by the recent events, at least
`KEEP_TURNS` of the person's messages. Everything Reflect's policies and
actions look at lies well inside that window: memoised stories look back four
turns, rules a few, the crisis policy to the last check-in. The stored
conversation is never changed: only what Rasa is handed is shorter.

The memory is checked against the database on every retrieval (number of
events and the newest id, one indexed query), so events added by another
server, an erasure or a purge are seen at once; events added elsewhere are
read incrementally, anything else reloads the conversation.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

KEEP_TURNS = 12  # person's messages always handed to Rasa in full
FOLD_AFTER_TURNS = 24  # fold the oldest into the state once this many are held
MAX_CONVERSATIONS = 512  # conversations remembered per process (least recently used go first)

STORED_MARK = "_reflect_stored_events"  # attribute on a handed-out tracker: events already in the database


@dataclass
class Snapshot:
    """Where the database stood when the memory was last brought up to date."""

    count: int  # events of this sender in the database
    newest_id: int  # highest event id of this sender


@dataclass
class Conversation:
    """One conversation's latest session: the state at a cut-off, and the events after it."""

    sender_id: str
    snapshot: Snapshot
    head: DialogueStateTracker  # the session's state up to the cut-off
    session_start: Optional[SessionStarted]
    folded: bool = False  # True once events have been folded into the head
    tail: list[Event] = field(default_factory=list)

    def add(self, events: Iterable[Event]) -> None:
        for event in events:
            if isinstance(event, SessionStarted):  # a new session: nothing before it matters any more
                self.head = DialogueStateTracker(self.sender_id, self.head.slots.values())
                self.head._reset_slots()
                self.session_start, self.tail, self.folded = event, [], False
            else:
                self.tail.append(event)
        self._fold()

    def _fold(self) -> None:
        """Move the oldest events into the head once the tail holds FOLD_AFTER_TURNS messages."""
        messages = [i for i, event in enumerate(self.tail) if isinstance(event, UserUttered)]
        if len(messages) < FOLD_AFTER_TURNS:
            return
        cut = _listen_before(self.tail, messages[-KEEP_TURNS])
        if cut <= 0:
            return
        for event in self.tail[:cut]:
            self.head.update(event)
        del self.tail[:cut]
        self.folded = True

    def tracker(self, slots: Iterable[Slot]) -> DialogueStateTracker:
        """A fresh tracker for Rasa: the session start, the head's state, then the recent events."""
        events: list[Event] = [self.session_start] if self.session_start else []
        if self.folded:
            events += [SlotSet(name, slot.value) for name, slot in self.head.slots.items()
                       if slot.value != slot.initial_value]
            if self.head.active_loop_name:
                events.append(ActiveLoop(self.head.active_loop_name))
        events += self.tail
        tracker = DialogueStateTracker.from_events(self.sender_id, events, slots)
        setattr(tracker, STORED_MARK, len(tracker.events))
        return tracker


def _listen_before(events: list[Event], index: int) -> int:
    """The index of the `action_listen` that precedes the message at `index` (0 if none)."""
    for i in range(index - 1, -1, -1):
        if isinstance(events[i], ActionExecuted) and events[i].action_name == ACTION_LISTEN_NAME:
            return i
    return 0


def latest_session(events: list[Event]) -> tuple[Optional[SessionStarted], list[Event]]:
    """The latest `SessionStarted` and the events after it (all events when there is none)."""
    for i in range(len(events) - 1, -1, -1):
        if isinstance(events[i], SessionStarted):
            return events[i], events[i + 1:]
    return None, events


class RecentTurns:
    """A bounded, thread-safe map from sender to `Conversation`."""

    def __init__(self, capacity: int = MAX_CONVERSATIONS) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, sender_id: str) -> Optional[Conversation]:
        with self._lock:
            conversation = self._items.get(sender_id)
            if conversation is not None:
                self._items.move_to_end(sender_id)
            return conversation

    def put(self, conversation: Conversation) -> None:
        with self._lock:
            self._items[conversation.sender_id] = conversation
            self._items.move_to_end(conversation.sender_id)
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)

    def forget(self, sender_id: str) -> None:
        with self._lock:
            self._items.pop(sender_id, None)

    def load(self, sender_id: str, events: list[Event], slots: Iterable[Slot], snapshot: Snapshot) -> Conversation:
        """A conversation from all its stored events (the cold path, once per process)."""
        start, session = latest_session(events)
        head = DialogueStateTracker(sender_id, slots)
        conversation = Conversation(sender_id, snapshot, head, start)
        conversation.add(session)
        self.put(conversation)
        return conversation
