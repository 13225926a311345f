"""Actions of the thought record (`thought_record_form`): thin adapters to `bot.cbt.flow`."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository, say_store_down, send
from bot.cbt import flow, record, refusal
from bot.session import draft_subject, quote

FORM = "thought_record_form"
STATE_SLOTS = (*flow.SLOTS, "tr_notes")


def form_state(tracker: Tracker) -> dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in STATE_SLOTS}


def reset_events() -> List[EventType]:
    return [SlotSet(slot, None) for slot in (*STATE_SLOTS, "tr_status")]


def start_events(state: dict[str, Any], hand_over: bool = False) -> List[EventType]:
    """Fill the form's slots from `state`; rules run the form next, or `hand_over` does."""
    events = reset_events()
    events += [SlotSet(slot, value) for slot, value in state.items() if value is not None]
    events += [SlotSet("mode", "cbt"), SlotSet("has_draft", False)]
    return events + [FollowupAction(FORM)] if hand_over else events


def _turn(tracker: Tracker) -> flow.Turn:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    return flow.Turn(
        text=latest.get("text") or "",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
    )


def _save_draft(tracker: Tracker, state: dict[str, Any], dispatcher: CollectingDispatcher) -> None:
    try:
        repository().save_draft(tracker.sender_id, flow.record_from_state(state), flow.next_step(state))
    except StoreUnavailable:
        dispatcher.utter_message(response="utter_step_not_saved")


class ValidateThoughtRecordForm(Action):
    """Reads each answer: values, re-asks, skip, back, pause, abandon, switch."""

    def name(self) -> Text:
        return "validate_thought_record_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        slot = tracker.get_slot("requested_slot")
        if slot not in flow.SLOTS:
            return []
        state = form_state(tracker)
        state[slot] = None  # the raw text the form extracted is read below instead
        outcome = flow.answer(slot, _turn(tracker), state)
        send(dispatcher, outcome.messages)

        state.update(outcome.slots)
        events: List[EventType] = [SlotSet(name, value) for name, value in outcome.slots.items()]
        if outcome.reasked:
            events.append(SlotSet("tr_notes", {**flow.notes(state), "quiet": slot}))
        if outcome.saved_step or (outcome.end in ("paused", "switch_explore") and refusal.answered(state)):
            _save_draft(tracker, state, dispatcher)  # a record with no answer yet is no draft to keep
        if outcome.end:
            events += [SlotSet("tr_status", outcome.end), SlotSet("requested_slot", None)]
        if outcome.end != "switch_explore":
            # An answer the classifier took for choosing the journal must not have switched the mode.
            events.append(SlotSet("mode", "cbt"))
        return events


def _ask_action(slot: str) -> type:
    """The `action_ask_<slot>` action that asks one step of the record."""

    async def run(
        self: Action, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        state = form_state(tracker)
        notes = flow.notes(state)
        if notes.pop("quiet", None) == slot:  # the re-ask was just said
            return [SlotSet("tr_notes", notes)]
        send(dispatcher, [flow.prompt(slot, state)])
        return []

    class_name = "Ask" + "".join(part.title() for part in slot.split("_"))
    return type(class_name, (Action,), {"name": lambda self: f"action_ask_{slot}", "run": run})


ASK_ACTIONS = [_ask_action(slot) for slot in flow.SLOTS]


class ActionStartThoughtRecord(Action):
    """Starts a record: resumes a paused one, or begins with an optional thought."""

    def name(self) -> Text:
        return "action_start_thought_record"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            draft = repository().draft_for(tracker.sender_id)
        except StoreUnavailable:
            draft = None
            dispatcher.utter_message(response="utter_record_may_not_be_saved")
        if draft:
            dispatcher.utter_message(response="utter_resume_paused_record", subject=draft_subject(draft))
            return start_events(flow.state_from_record(draft))
        return begin_record(dispatcher, thought=None)


def begin_record(dispatcher: CollectingDispatcher, thought: Optional[str], hand_over: bool = False) -> List[EventType]:
    """The events that start a fresh record, with `thought` filled in if given.

    `hand_over` runs the form next (for callers that no rule follows).
    """
    if thought:
        dispatcher.utter_message(response="utter_start_record_with_thought", thought=quote(thought, 200))
    else:
        dispatcher.utter_message(response="utter_start_record")
    return start_events({"tr_thought": thought}, hand_over)


class ActionResumeThoughtRecord(Action):
    def name(self) -> Text:
        return "action_resume_thought_record"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            draft = repository().draft_for(tracker.sender_id)
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        if not draft:
            dispatcher.utter_message(response="utter_no_paused_record")
            return begin_record(dispatcher, thought=None)
        dispatcher.utter_message(response="utter_continue_record")
        return start_events(flow.state_from_record(draft))


class ActionEndThoughtRecord(Action):
    """Runs once the form stops: saves and summarises, or keeps or drops the draft."""

    def name(self) -> Text:
        return "action_end_thought_record"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        status = tracker.get_slot("tr_status")
        state = form_state(tracker)
        if status in ("abandoned", "abandoned_new"):
            try:
                repository().discard_draft(tracker.sender_id)
            except StoreUnavailable:
                say_store_down(dispatcher)
                return []
            dispatcher.utter_message(response="utter_record_thrown_away")
            if status == "abandoned_new":  # "throw the old one away and start new"
                return begin_record(dispatcher, thought=None, hand_over=True)
            dispatcher.utter_message(response="utter_options")
            return reset_events()
        if status == "paused":
            dispatcher.utter_message(response="utter_record_paused")
            return reset_events() + [SlotSet("has_draft", True)]
        if status == "switch_explore":
            kept = refusal.answered(state)  # nothing answered: nothing kept, and no draft to speak of
            dispatcher.utter_message(response="utter_record_kept_switch_explore" if kept else "utter_start_explore")
            return reset_events() + [SlotSet("mode", "explore"), SlotSet("has_draft", True)]
        finished = flow.record_from_state(state)
        try:
            repository().save_thought_record(tracker.sender_id, finished)
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        dispatcher.utter_message(text=record.summary_card(finished))
        dispatcher.utter_message(response="utter_record_saved")
        return reset_events()
