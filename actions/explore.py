"""Exploratory-mode actions: thin adapters to `bot.explore.journal`."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository, say_store_down
from actions.thought_record import begin_record
from bot.explore.journal import ExploreState, JournalSession, Reply


def _send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    for text, buttons in reply.messages:
        dispatcher.utter_message(text=text, buttons=buttons)


def _checked_message(events: List[Dict[Text, Any]]) -> Optional[Dict[Text, Any]]:
    """After "no" to the check-in, the message that set it off (it is journal text); otherwise None."""
    skip = ("action_listen", "action_extract_slots", "action_reflect")
    steps = [e for e in events if e.get("event") == "user" or (e.get("event") == "action" and e.get("name") not in skip)]
    if len(steps) < 4:
        return None
    checked, checkin, answer, said_no = steps[-4:]
    if (
        said_no.get("name") != "utter_crisis_checkin_no" or answer.get("event") != "user"
        or checkin.get("name") != "utter_crisis_checkin" or checked.get("event") != "user"
    ):
        return None
    text = str(checked.get("text") or "")
    if not text.strip() or text.startswith("/"):
        return None
    return {"text": text, "intent": (checked.get("parse_data") or {}).get("intent") or {}}


class ActionReflect(Action):
    """Listens to one journaling message and answers reflectively."""

    def name(self) -> Text:
        return "action_reflect"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        latest = _checked_message(tracker.events) or tracker.latest_message or {}
        state = ExploreState.from_dict(tracker.get_slot("explore_state"))
        try:
            reply = JournalSession(repository(), tracker.sender_id).turn(
                latest.get("text") or "", (latest.get("intent") or {}).get("name"), state
            )
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        _send(dispatcher, reply)
        events: List[EventType] = [SlotSet("explore_state", reply.state.to_dict())]
        if reply.start_record_with:
            return events + begin_record(dispatcher, thought=reply.start_record_with, hand_over=True)
        return events + [SlotSet("mode", "explore")]


class ActionCloseEntry(Action):
    def name(self) -> Text:
        return "action_close_entry"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        state = ExploreState.from_dict(tracker.get_slot("explore_state"))
        try:
            reply = JournalSession(repository(), tracker.sender_id).close(state)
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        _send(dispatcher, reply)
        return [SlotSet("explore_state", reply.state.to_dict()), SlotSet("mode", "explore")]


class ActionShowJournal(Action):
    def name(self) -> Text:
        return "action_show_journal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            dispatcher.utter_message(text=JournalSession(repository(), tracker.sender_id).journal_overview())
        except StoreUnavailable:
            say_store_down(dispatcher)
        return []


class ActionShowPatterns(Action):
    def name(self) -> Text:
        return "action_show_patterns"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            dispatcher.utter_message(text=JournalSession(repository(), tracker.sender_id).patterns_overview())
        except StoreUnavailable:
            say_store_down(dispatcher)
        return []
