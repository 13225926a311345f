"""Actions of a practice round (`practice_form`): adapters to `bot.cbt.practice`."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository, send
from bot.cbt import practice


class ActionStartPractice(Action):
    def name(self) -> Text:
        return "action_start_practice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_practice_start")
        return [SlotSet("practice_state", practice.new_state()), SlotSet("practice_answer", None)]


class ActionAskPracticeAnswer(Action):
    def name(self) -> Text:
        return "action_ask_practice_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        state = dict(tracker.get_slot("practice_state") or practice.new_state())
        if state.get("drill_id"):  # the same drill again, after an unclear answer or a question
            again = practice.reask(state)
            if again is None:
                return []
            send(dispatcher, [again])
            return [SlotSet("practice_state", {k: v for k, v in state.items() if k != "reshow"})]
        try:
            history = repository().practice_for(tracker.sender_id)
        except StoreUnavailable:
            history = []
        drill = practice.choose(history)
        state["drill_id"] = drill.id
        send(dispatcher, [practice.question(drill, state)])
        return [SlotSet("practice_state", state)]


class ValidatePracticeForm(Action):
    def name(self) -> Text:
        return "validate_practice_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        if tracker.get_slot("requested_slot") != "practice_answer":
            return []
        latest = tracker.latest_message or {}
        intent = latest.get("intent") or {}
        state = dict(tracker.get_slot("practice_state") or practice.new_state())
        reply = practice.answer(latest.get("text") or "", intent.get("name"), float(intent.get("confidence") or 0), state,
                                history=lambda: _history(tracker.sender_id))
        send(dispatcher, reply.messages)
        if reply.result:
            try:
                repository().save_practice(tracker.sender_id, **reply.result)
            except StoreUnavailable:
                dispatcher.utter_message(response="utter_practice_answer_not_saved")
        events: List[EventType] = [SlotSet("practice_state", reply.state), SlotSet("practice_answer", None)]
        if reply.finished:
            events.append(SlotSet("requested_slot", None))
        if tracker.get_slot("mode") != mode_before_message(tracker):
            # An answer the classifier took for choosing a mode must not have switched it.
            events.append(SlotSet("mode", mode_before_message(tracker)))
        return events


class ActionEndPractice(Action):
    def name(self) -> Text:
        return "action_end_practice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        state = tracker.get_slot("practice_state") or practice.new_state()
        send(dispatcher, [practice.round_summary(state)])
        events: List[EventType] = [SlotSet("practice_state", None), SlotSet("practice_answer", None)]
        if state.get("then") == "explore":
            events.append(SlotSet("mode", "explore"))
        return events


def _history(sender: str) -> list:
    """The person's stored practice, or nothing when the store is down."""
    try:
        return repository().practice_for(sender)
    except StoreUnavailable:
        return []


def mode_before_message(tracker: Tracker) -> Any:
    """The `mode` slot as it was before the latest message set it from its intent."""
    seen_message = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_message = True
        elif seen_message and event.get("event") == "slot" and event.get("name") == "mode":
            return event.get("value")
    return None
