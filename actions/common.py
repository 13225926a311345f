"""What every action needs: the repository, and a kind word when storage fails."""
from __future__ import annotations

from functools import lru_cache

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import settings
from bot.store.repository import Repository, StoreUnavailable

STORE_DOWN = (
    "I can't reach my storage right now, so I couldn't save or load that. "
    "Nothing you saved before is lost. Please try again in a little while."
)


@lru_cache(maxsize=4)
def _repository(url: str) -> Repository:
    return Repository(url)


def repository() -> Repository:
    """The repository for the configured database (one per URL per process)."""
    return _repository(settings.load().database_url)


def sender(tracker: Tracker) -> str:
    return tracker.sender_id


def say_store_down(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(text=STORE_DOWN)


__all__ = ["repository", "sender", "say_store_down", "StoreUnavailable"]
