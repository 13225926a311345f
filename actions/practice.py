"""Actions of a practice round (`practice_form`): adapters to `bot.cbt.practice`."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository
from bot.cbt import practice

class ActionStartPractice(Action):
    def name(self) -> Text:
        return "action_start_practice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(
            text="Let's practise spotting thinking traps: ten short example thoughts, not yours. "
            "Name the trap or traps you see; I'll say what fits and why. Say “stop” any time."
        )
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
            dispatcher.utter_message(text=again[0], buttons=again[1])
            return [SlotSet("practice_state", {k: v for k, v in state.items() if k != "reshow"})]
        try:
            history = repository().practice_for(tracker.sender_id)
        except StoreUnavailable:
            history = []
        drill = practice.choose(history)
        state["drill_id"] = drill.id
        text, buttons = practice.question(drill, state)
        dispatcher.utter_message(text=text, buttons=buttons)
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
        reply = practice.answer(latest.get("text") or "", intent.get("name"), float(intent.get("confidence") or 0), state)
        if reply.response:
            dispatcher.utter_message(response=reply.response)
        for text, buttons in reply.messages:
            dispatcher.utter_message(text=text, buttons=buttons)
        if reply.result:
            try:
                repository().save_practice(tracker.sender_id, **reply.result)
            except StoreUnavailable:
                dispatcher.utter_message(text="(I couldn't save this answer just now; your score still counts here.)")
        events: List[EventType] = [SlotSet("practice_state", reply.state), SlotSet("practice_answer", None)]
        if reply.finished:
            events.append(SlotSet("requested_slot", None))
        return events


class ActionEndPractice(Action):
    def name(self) -> Text:
        return "action_end_practice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        state = tracker.get_slot("practice_state") or practice.new_state()
        dispatcher.utter_message(
            text=practice.round_summary(state),
            buttons=[
                {"title": "Another round", "payload": "/choose_practice"},
                {"title": "Work through a thought", "payload": "/choose_cbt"},
                {"title": "Just explore", "payload": "/choose_explore"},
            ],
        )
        return [SlotSet("practice_state", None), SlotSet("practice_answer", None)]
