"""`action_continue`: "continue where I left off" goes back to what the person was last doing."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import StoreUnavailable, repository, say_store_down, send
from actions.thought_record import start_events
from bot import session
from bot.cbt import control, flow, practice, resume, side_questions
from bot.explore.control import asks_to_discard, not_asking, take_apart


class ActionContinue(Action):
    """A paused record for a recorder, the journal for a journaler, a round for someone practising."""

    def name(self) -> Text:
        return "action_continue"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        try:
            last = session.last_activity(repository(), tracker.sender_id)
            if last.kind != session.RECORD and _draft_meant(tracker):
                draft = repository().draft_for(tracker.sender_id)
                if draft:
                    last = session.LastActivity(session.RECORD, draft)
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


def _draft_meant(tracker: Tracker) -> bool:
    """True when this "continue" means the paused record: its button, its name, or it was offered or worked on
    this session (`has_draft`, set by the welcome back and by pausing)."""
    text = (tracker.latest_message or {}).get("text") or ""
    return resume.draft_wins(text, resume.in_play(_session_events(tracker), bool(tracker.get_slot("has_draft"))))


def _session_events(tracker: Tracker) -> List[tuple]:
    """("action", name) and ("loop", name) pairs since the session started, oldest first."""
    found: List[tuple] = []
    started = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "session_started":
            started = True  # the session's own start action is logged just before it
            continue
        if started and kind != "action":
            break
        if kind == "action":
            found.append(("action", event.get("name")))
            if started:
                break
        elif kind == "active_loop":
            found.append(("loop", event.get("name")))
    found.reverse()
    return found


class ActionExplainModes(Action):
    """What a way of working is; both side by side when the person asks how they differ."""

    def name(self) -> Text:
        return "action_explain_modes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        latest = tracker.latest_message or {}
        intent = (latest.get("intent") or {}).get("name")
        text = latest.get("text") or ""
        if intent in ("ask_what_explore", "ask_what_cbt") and not text.startswith("/") and take_apart(text).patterns:
            # "Yes, explore. ... What patterns do you see?": the patterns, not what the journal is
            from actions.explore import ActionReflect

            return await ActionReflect().run(dispatcher, tracker, domain)
        if intent in ("ask_what_cbt", "ask_thought_record") and not text.startswith("/"):
            if asks_to_discard(text) and _has_draft(tracker):
                # "Please throw that away. I would like to write about my mother": the paused record, asked first
                from actions.explore import ActionReflect

                return await ActionReflect().run(dispatcher, tracker, domain)
            if not_asking(text):  # "I did not ask what a thought record is. I would like to just explore"
                dispatcher.utter_message(response="utter_start_explore")
                return [SlotSet("mode", "explore")]
        response = "utter_modes_difference" if control.asks_for_comparison(latest.get("text") or "") \
            else EXPLANATIONS.get(intent, "utter_help")
        if response != "utter_help" and _said_last(tracker, domain, response):
            # the same explanation twice in a row, word for word, answers nothing: they meant something else
            dispatcher.utter_message(text=NOT_AGAIN, buttons=NOT_AGAIN_BUTTONS)
            return []
        dispatcher.utter_message(response=response)
        return []


NOT_AGAIN = ("Sorry, I've just said that, so I won't repeat it. If you'd rather just write, we can explore "
             "at your pace; or tell me what you'd like to do.")
NOT_AGAIN_BUTTONS = [{"title": "Just explore (journal)", "payload": "/choose_explore"},
                     {"title": "Work through a thought (CBT)", "payload": "/choose_cbt"}]


def _has_draft(tracker: Tracker) -> bool:
    try:
        return repository().draft_for(tracker.sender_id) is not None
    except StoreUnavailable:
        return False


def _said_last(tracker: Tracker, domain: Dict[Text, Any], response: str) -> bool:
    """True when the bot's last message was this response's text."""
    texts = {str(v.get("text") or "") for v in (domain.get("responses") or {}).get(response, []) if isinstance(v, dict)}
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("text") or "") in texts
    return False


EXPLANATIONS = {"ask_what_cbt": "utter_what_is_cbt", "ask_what_explore": "utter_what_is_explore", "help": "utter_help"}


class ActionAnswerQuestion(Action):
    """Outside a flow: who can read what they write, whether a feeling is normal, or which traps they keep missing."""

    def name(self) -> Text:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if side_questions.asks_about_privacy(text):
            send(dispatcher, [side_questions.answer(side_questions.PRIVACY)])
            return []
        if side_questions.asks_if_normal(text):
            buttons = [{"title": "Work through a thought (CBT)", "payload": "/choose_cbt"},
                       {"title": "Just explore (journal)", "payload": "/choose_explore"}]
            send(dispatcher, [side_questions.normal_answer_outside(buttons)])
            return []
        try:
            history = repository().practice_for(tracker.sender_id)
        except StoreUnavailable:
            say_store_down(dispatcher)
            return []
        send(dispatcher, [practice.missed_traps_message(history)])
        return []
