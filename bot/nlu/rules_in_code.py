"""The base of the policies whose rules are written in code, and what they read of a tracker.

The crisis policy, the offer policy and the journal policy train nothing: each
reads the latest events and names one action, or none.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker


class RulesInCode(Policy):
    """A policy whose rules are written in code: nothing to train, one certain action when a rule applies.

    Subclasses set `PRIORITY` and either name the action in `choose` or
    predict with `_certain` themselves. `OVERRIDES` says whether the choice
    wins over every policy that does not override (Rasa's "no user
    prediction"), rather than competing on confidence and priority.
    """

    PRIORITY = 1
    OVERRIDES = True

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = self.choose(tracker)
        probabilities = self._default_predictions(domain)
        if not action or action not in domain.action_names_or_texts:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=self.OVERRIDES)

    def choose(self, tracker: DialogueStateTracker) -> Optional[Text]:
        """The action this policy's rules pick after the latest events, or None."""
        return None

    @classmethod
    def get_default_config(cls) -> Dict[Text, Any]:
        return {"priority": cls.PRIORITY}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def _certain(self, action: Text, domain: Domain, events: List[Event] = ()) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, optional_events=list(events), is_no_user_prediction=True)


def action_since_last_message(tracker: DialogueStateTracker) -> Optional[Text]:
    """The latest action run after the latest user message, None if none yet.

    Looking at events rather than at `latest_action_name` keeps this working
    when something before the message failed, e.g. a custom
    `action_session_start` while the action server is down.
    """
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return None
        if isinstance(event, ActionExecuted) and event.action_name != ACTION_EXTRACT_SLOTS:
            return event.action_name
    return None


def last_bot_action(tracker: DialogueStateTracker) -> Optional[Text]:
    """The bot's last action before the latest user message (listening aside)."""
    seen_message = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_message:
                return None
            seen_message = True
            continue
        if seen_message and isinstance(event, ActionExecuted):
            if event.action_name in (ACTION_LISTEN_NAME, ACTION_EXTRACT_SLOTS):
                continue
            return event.action_name
    return None


def ran_this_session(tracker: DialogueStateTracker, actions: set[Text]) -> bool:
    """True when one of `actions` ran since the session started."""
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, ActionExecuted) and event.action_name in actions:
            return True
    return False
