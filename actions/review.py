"""Review actions: thought records, one record in full, progress, trap explanations."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository, say_store_down, send
from bot import review
from bot.cbt import traps as trap_texts

LIST_LENGTH = 5


class ActionShowRecords(Action):
    def name(self) -> Text:
        return "action_show_records"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            records = repository().thought_records_for(tracker.sender_id, limit=LIST_LENGTH)
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        text, buttons = review.records_list(records)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ActionOpenRecord(Action):
    def name(self) -> Text:
        return "action_open_record"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            record_id = tracker.get_slot("record_id")
            found = None
            if record_id and str(record_id).isdigit():
                found = repository().thought_record(tracker.sender_id, int(record_id))
            else:
                number = review.requested_record_number(tracker.latest_message.get("text") or "") or 1
                records = repository().thought_records_for(tracker.sender_id, limit=max(number, LIST_LENGTH))
                found = records[number - 1] if 0 < number <= len(records) else None
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        if not found:
            dispatcher.utter_message(response="utter_record_not_found")
            return await ActionShowRecords().run(dispatcher, tracker, domain) + [SlotSet("record_id", None)]
        dispatcher.utter_message(text=review.record_detail(found))
        return [SlotSet("record_id", None)]


class ActionShowProgress(Action):
    def name(self) -> Text:
        return "action_show_progress"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        repo = repository()
        try:
            records = repo.thought_records_for(tracker.sender_id, limit=None)
            entries = repo.journal_entries_for(tracker.sender_id)
            practice = repo.practice_for(tracker.sender_id)
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        dispatcher.utter_message(
            text=review.progress(records, entries, practice),
            buttons=[
                {"title": "Show my thought records", "payload": "/show_records"},
                {"title": "Show my journal", "payload": "/show_journal"},
                {"title": "What patterns do you see?", "payload": "/ask_patterns"},
            ],
        )
        return []


class ActionExplainTrap(Action):
    def name(self) -> Text:
        return "action_explain_trap"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        label = trap_texts.label_from_text(tracker.latest_message.get("text") or "")
        if label:
            send(dispatcher, [trap_texts.explanation(label)])
            return []
        lines = "\n".join(f"• {t.name}: {t.short}" for t in trap_texts.all_traps())
        dispatcher.utter_message(response="utter_thinking_traps", traps=lines)
        return []
