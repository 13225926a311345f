"""`action_continue`: "continue where I left off" goes back to what the person was last doing."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository, say_store_down
from actions.thought_record import start_events
from bot import session
from bot.cbt import control, flow, practice


class ActionContinue(Action):
    """A paused record for a recorder, the journal for a journaler, a round for someone practising."""

    def name(self) -> Text:
        return "action_continue"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            last = session.last_activity(repository(), tracker.sender_id)
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        if last.kind == session.RECORD:
            dispatcher.utter_message(response="utter_continue_record")
            return start_events(flow.state_from_record(last.detail), hand_over=True)
        if last.kind == session.JOURNAL:
            dispatcher.utter_message(
                response="utter_continue_journal", last_words=session.quote(last.detail.get("text") or "", 80)
            )
            return [SlotSet("mode", "explore")]
        if last.kind == session.PRACTICE:
            dispatcher.utter_message(response="utter_continue_practice")
            return [SlotSet("practice_state", practice.new_state()), SlotSet("practice_answer", None),
                    FollowupAction("practice_form")]
        if last.kind == session.FINISHED_RECORD:
            dispatcher.utter_message(response="utter_continue_after_record")
            return []
        dispatcher.utter_message(response="utter_nothing_to_continue")
        return []


class ActionExplainModes(Action):
    """What a way of working is; both side by side when the person asks how they differ."""

    def name(self) -> Text:
        return "action_explain_modes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        latest = tracker.latest_message or {}
        intent = (latest.get("intent") or {}).get("name")
        if control.asks_for_comparison(latest.get("text") or ""):
            dispatcher.utter_message(response="utter_modes_difference")
        else:
            dispatcher.utter_message(response=EXPLANATIONS.get(intent, "utter_help"))
        return []


EXPLANATIONS = {"ask_what_cbt": "utter_what_is_cbt", "ask_what_explore": "utter_what_is_explore", "help": "utter_help"}
