"""A long conversation costs a turn what a short one does, and loses nothing.

The tracker store hands Rasa the state so far plus the recent events
(`bot.store.recent`). Driven here as Rasa drives it (retrieve, add a turn's
events, save) on a real SQLite file and the real PostgreSQL, against a
reference tracker holding every event.
"""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store import recent
from bot.store.tracker import ReflectTrackerStore

PROJECT = Path(__file__).resolve().parent.parent
TURNS = 3 * recent.FOLD_AFTER_TURNS + 5


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT / "domain.yml"))


@pytest.fixture
def store(db_url, tmp_path, monkeypatch, domain) -> ReflectTrackerStore:
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REFLECT_SECRET_KEY", raising=False)
    return ReflectTrackerStore(domain=domain, host=db_url)


def session_start() -> list[Event]:
    return [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]


def turn(number: int) -> list[Event]:
    """One exchange; a thought record opens at turn 5 and stays open, so state must survive folding."""
    events: list[Event] = [UserUttered(f"message {number}", {"name": "share", "confidence": 0.9})]
    if number == 1:
        events.append(SlotSet("mode", "cbt"))
    if number == 5:
        events += [ActionExecuted("thought_record_form"), ActiveLoop("thought_record_form"),
                   SlotSet("requested_slot", "tr_situation")]
    if number == 6:
        events.append(SlotSet("tr_situation", "the meeting"))
    events += [ActionExecuted("action_reflect"), BotUttered(f"reply {number}"), ActionExecuted("action_listen")]
    return events


def play(store: ReflectTrackerStore, sender: str, turns: range, reference: list[Event]) -> DialogueStateTracker:
    """Each turn as Rasa plays it: retrieve, add the turn's events, save."""
    tracker = None
    for number in turns:
        tracker = asyncio.run(store.retrieve(sender))
        new = (session_start() if tracker is None else []) + turn(number)
        if tracker is None:
            tracker = DialogueStateTracker(sender, store.domain.slots)
        for event in new:
            tracker.update(event)
        reference.extend(new)
        asyncio.run(store.save(tracker))
    return tracker


def stored_texts(store: ReflectTrackerStore, sender: str) -> list[tuple[str, str]]:
    full = asyncio.run(store.retrieve_full_tracker(sender))
    return [(e.type_name, getattr(e, "text", None) or getattr(e, "action_name", None) or "") for e in full.events]


def texts(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.type_name, getattr(e, "text", None) or getattr(e, "action_name", None) or "") for e in events]


def test_a_long_conversation_is_stored_whole_and_handed_out_short(store, domain) -> None:
    reference: list[Event] = []
    play(store, "ana", range(1, TURNS + 1), reference)

    assert stored_texts(store, "ana") == texts(reference), "an event was lost, repeated or reordered"
    handed = asyncio.run(store.retrieve("ana"))
    assert len(handed.events) < len(reference) / 2
    assert sum(isinstance(e, UserUttered) for e in handed.events) >= recent.KEEP_TURNS


def test_the_short_tracker_has_the_state_and_the_policy_states_of_the_whole_one(store, domain) -> None:
    reference: list[Event] = []
    play(store, "ben", range(1, TURNS + 1), reference)
    whole = DialogueStateTracker.from_events("ben", reference, domain.slots)
    handed = asyncio.run(store.retrieve("ben"))

    assert handed.current_slot_values() == whole.current_slot_values()
    assert handed.active_loop_name == whole.active_loop_name == "thought_record_form"
    assert handed.latest_message.text == whole.latest_message.text
    window = 2 * recent.KEEP_TURNS
    assert handed.past_states(domain)[-window:] == whole.past_states(domain)[-window:]


def test_events_another_server_adds_are_seen_and_an_erased_conversation_is_gone(store, db_url, domain) -> None:
    reference: list[Event] = []
    play(store, "cai", range(1, 40), reference)
    other_server = ReflectTrackerStore(domain=domain, host=db_url)
    play(other_server, "cai", range(40, 43), reference)

    handed = asyncio.run(store.retrieve("cai"))
    assert handed.latest_message.text == "message 42"
    play(store, "cai", range(43, 45), reference)
    assert stored_texts(store, "cai") == texts(reference)

    with store.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM events WHERE sender_id = 'cai'"))
    assert asyncio.run(store.retrieve("cai")) is None


def test_a_new_session_starts_from_its_own_events(store, domain) -> None:
    reference: list[Event] = []
    play(store, "dee", range(1, TURNS + 1), reference)
    tracker = asyncio.run(store.retrieve("dee"))
    for event in session_start():
        tracker.update(event)
    asyncio.run(store.save(tracker))

    handed = asyncio.run(store.retrieve("dee"))
    assert [e.type_name for e in handed.events] == ["session_started", "action"]
    assert handed.active_loop_name is None and handed.get_slot("mode") is None
