"""`action_session_start`: welcome a returning person back."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository
from bot.explore.journal import JournalSession
from bot.session import JOURNAL, last_activity, welcome


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        events: List[EventType] = [SessionStarted()]
        try:
            greeting = welcome(repository(), tracker.sender_id)
            text = greeting.text if greeting else ""
            journaler = bool(greeting) and not greeting.has_draft and last_activity(repository(), tracker.sender_id).kind == JOURNAL
            if journaler:
                text = JournalSession(repository(), tracker.sender_id).welcome_back()  # back to what they wrote
        except StoreUnavailable:
            greeting, journaler = None, False
        if greeting is not None:
            dispatcher.utter_message(text=text, buttons=greeting.buttons)
            events.append(SlotSet("returning", True))
            events.append(SlotSet("has_draft", greeting.has_draft))
            if journaler:  # "Where would you like to begin?": what they write next is journal text
                events += [SlotSet("mode", "explore"), SlotSet("explore_state", {"welcomed": True})]
        events.append(ActionExecuted("action_listen"))
        return events
