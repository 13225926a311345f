"""The tracker store never lets Rasa's fail-safe fallback pass for the stored conversation."""
from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import outage
from bot.store import db
from bot.store.db import StoreUnavailable
from bot.store.tracker import ReflectTrackerStore
from tests.conftest import PROJECT


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    return tmp_path / "data"


def stored_events(url: str) -> int:
    with db.engine_for(url).connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM events")).scalar()


def take_away(folder):
    folder.rename(folder.with_name("away"))
    folder.write_text("a file where the folder was: no database can be opened")


def bring_back(folder):
    folder.unlink()
    folder.with_name("away").rename(folder)


def test_a_failed_load_means_no_save_in_that_request_and_no_copy_in_memory(folder):
    url = f"sqlite:///{folder / 'reflect.db'}"
    inner = ReflectTrackerStore(domain=Domain.empty(), host=url)
    store = FailSafeTrackerStore(inner)
    asyncio.run(store.save(DialogueStateTracker.from_events("ana", [
        ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
        UserUttered("the situation"),
    ])))
    before = stored_events(url)

    async def one_request():
        outage.begin_request()
        take_away(folder)
        tracker = await store.get_or_create_tracker("ana")  # Rasa's path: a blank tracker comes back
        assert outage.failed_in_this_request()
        bring_back(folder)  # the database returns before the request ends
        tracker.update(UserUttered("said during the outage"))
        await store.save(tracker)

    asyncio.run(one_request())
    assert stored_events(url) == before  # the blank tracker was not written over the stored one
    assert store._fallback_tracker_store is None  # and no copy was kept in memory
    restored = asyncio.run(inner.retrieve("ana"))
    assert [e.text for e in restored.events if isinstance(e, UserUttered)] == ["the situation"]


def test_outside_a_request_a_failed_save_raises(folder):
    url = f"sqlite:///{folder / 'reflect.db'}"
    store = ReflectTrackerStore(domain=Domain.empty(), host=url)
    take_away(folder)
    with pytest.raises(StoreUnavailable):
        asyncio.run(store.save(DialogueStateTracker.from_events("ana", [UserUttered("hello")])))
    with pytest.raises(StoreUnavailable):
        asyncio.run(store.retrieve("ana"))


def test_the_outage_reply_keeps_the_crisis_reply_first():
    domain = Domain.load(str(PROJECT / "domain.yml"))
    assert outage.reply_texts("what's for lunch", domain) == [outage.STORE_DOWN]
    crisis, notice = outage.reply_texts("I want to kill myself", domain)
    assert notice == outage.STORE_DOWN
    assert "glad you told me" in crisis and "{crisis_helplines}" not in crisis
    assert "emergency" in crisis.lower()  # the helplines are filled in
