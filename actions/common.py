"""What every action needs: the repository, a kind word when storage fails, and sending messages."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import settings
from bot.cbt.messages import Message
from bot.store.repository import Repository, StoreUnavailable


@lru_cache(maxsize=4)
def _repository(url: str) -> Repository:
    return Repository(url)


def repository() -> Repository:
    """The repository for the configured database (one per URL per process)."""
    return _repository(settings.load().database_url)


def sender(tracker: Tracker) -> str:
    return tracker.sender_id


def say_store_down(dispatcher: CollectingDispatcher) -> None:
    """Storage failed: say so kindly (`utter_store_down`)."""
    dispatcher.utter_message(response="utter_store_down")


def send(dispatcher: CollectingDispatcher, messages: Iterable[Message]) -> None:
    """Fixed texts by their domain response's name, filled by Rasa; composed texts as they are."""
    for message in messages:
        if message.response:
            dispatcher.utter_message(response=message.response, buttons=message.buttons, **message.values)
        else:
            dispatcher.utter_message(text=message.text, buttons=message.buttons)


__all__ = ["repository", "sender", "say_store_down", "send", "StoreUnavailable"]
