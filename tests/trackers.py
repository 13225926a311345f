"""Real rasa-sdk trackers for action tests, built like Rasa sends them."""
from __future__ import annotations

import asyncio
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.cbt import flow


def tracker(
    sender: str = "tester",
    text: str = "",
    intent: Optional[str] = None,
    confidence: float = 0.95,
    slots: Optional[dict[str, Any]] = None,
    active_loop: Optional[str] = None,
    events: Optional[list[dict]] = None,
) -> Tracker:
    all_slots: dict[str, Any] = {name: None for name in (*flow.SLOTS, "tr_notes", "tr_status")}
    all_slots.update({"mode": None, "requested_slot": None, "practice_state": None, "practice_answer": None,
                      "explore_state": None, "record_id": None, "returning": None, "has_draft": None})
    all_slots.update(slots or {})
    return Tracker.from_dict(
        {
            "sender_id": sender,
            "slots": all_slots,
            "latest_message": {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []},
            "events": events or [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
        }
    )


def slot_events(events: list[dict]) -> dict[str, Any]:
    """The slot values set by a list of returned events (last one wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def run(action: Action, t: Tracker) -> tuple[list[dict], list[dict]]:
    """Run an action as the action server would: (messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return dispatcher.messages, events
