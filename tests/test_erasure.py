"""Erasure that is physical, and retention: `reflect forget`, `reflect purge`, `reflect rotate-key`."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.store import db
from bot.store.repository import Repository
from tests.conftest import PROJECT

DAY = 24 * 3600


def save_events(url: str, sender: str, moments: list[float]) -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.store.tracker import ReflectTrackerStore

    events = []
    for moment in moments:
        events += [UserUttered("words", timestamp=moment), BotUttered("reply", timestamp=moment + 1)]
    asyncio.run(ReflectTrackerStore(domain=Domain.empty(), host=url).save(
        DialogueStateTracker.from_events(sender, events)))


def fill(repo: Repository, url: str, sender: str, moments: list[float] | None = None) -> None:
    repo.save_thought_record(sender, {"situation": "s", "emotions": [{"name": "sad", "before": 50}]})
    repo.save_journal_entry(sender, "entry", ["t"])
    repo.save_practice(sender, "d1", "t", "a", [], [], False)
    save_events(url, sender, moments or [datetime.now(timezone.utc).timestamp()])


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REFLECT_DATABASE_URL", raising=False)
    monkeypatch.delenv("REFLECT_SECRET_KEY", raising=False)
    monkeypatch.delenv("REFLECT_RETENTION_DAYS", raising=False)
    return dict(os.environ)


def reflect(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_forget_leaves_no_trace_of_the_person_in_the_sqlite_file(tmp_path, env):
    url = f"sqlite:///{tmp_path / 'reflect.db'}"
    repo = Repository(url)
    gone, kept = "person-to-forget-3f9a", "person-who-stays-81cc"
    for sender in (gone, kept):
        fill(repo, url, sender)
    files = lambda: b"".join(p.read_bytes() for p in tmp_path.glob("reflect.db*"))  # noqa: E731
    assert gone.encode() in files()

    done = reflect("forget", "--sender", gone, "--yes", env=env)

    assert done.returncode == 0, done.stderr
    assert "2 conversation events" in done.stdout and "1 journal entries" in done.stdout
    assert "VACUUM" in done.stdout
    assert gone.encode() not in files()  # not in the file, its free pages or the WAL
    assert kept.encode() in files() and repo.export(kept)["journal_entries"]


def test_erase_reports_what_went_and_what_was_done(db_url, env):
    repo = Repository(db_url)
    fill(repo, db_url, "ana")
    report = repo.erase("ana")
    assert report["deleted"] == {"emotions": 1, "thought_records": 1, "journal_entries": 1, "practice": 1,
                                 "events": 2}
    assert any("VACUUM" in step for step in report["compacted"])
    assert repo.erase("ana")["deleted"] == dict.fromkeys(report["deleted"], 0)


def test_purge_deletes_only_what_is_older_than_the_retention(db_url, env):
    repo = Repository(db_url)
    now = datetime.now(timezone.utc)
    old = now - timedelta(days=40)
    fill(repo, db_url, "ana", [old.timestamp(), now.timestamp()])
    repo.save_draft("ben", {"situation": "still being written"}, "situation")
    with db.engine_for(db_url).begin() as connection:  # made 40 days ago
        for table, column in (("journal_entries", "created_at"), ("practice_results", "at"),
                              ("thought_records", "created_at")):
            connection.execute(sa.text(f"UPDATE {table} SET {column} = :old WHERE sender = 'ana'"),
                               {"old": old.replace(tzinfo=None) if db_url.startswith("sqlite") else old})
    fresh = repo.save_journal_entry("ana", "written today", [])

    report = repo.purge(30)

    assert report["deleted"] == {"emotions": 1, "thought_records": 1, "journal_entries": 1, "practice": 1,
                                 "events": 2}
    assert [e["id"] for e in repo.journal_entries_for("ana")] == [fresh]
    assert len(repo.transcript_for("ana")) == 2  # today's two events
    assert repo.draft_for("ben") is not None  # changed today: kept


def test_purge_command_needs_a_retention_and_a_yes(tmp_path, env):
    refused = reflect("purge", env=env)
    assert refused.returncode == 2 and "REFLECT_RETENTION_DAYS" in refused.stderr
    bad = reflect("purge", env=dict(env, REFLECT_RETENTION_DAYS="ninety"))
    assert bad.returncode == 2 and "whole number of days" in bad.stderr
    unconfirmed = reflect("purge", env=dict(env, REFLECT_RETENTION_DAYS="90"))
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    done = reflect("purge", "--yes", env=dict(env, REFLECT_RETENTION_DAYS="90"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Purged 0 stored items from before")


def test_rotate_key_command(tmp_path, env):
    repo = Repository(f"sqlite:///{tmp_path / 'reflect.db'}")
    repo.save_journal_entry("ana", "under the first key", [])
    first = (tmp_path / "secret.key").read_text()
    done = reflect("rotate-key", env=env)
    assert done.returncode == 0, done.stderr
    assert "Re-encrypted 2 stored values" in done.stdout  # the text and the themes
    assert (tmp_path / "secret.key").read_text() != first
    assert repo.journal_entries_for("ana")[0]["text"] == "under the first key"

    wrong = reflect("export", "--sender", "ana", env=dict(env, REFLECT_SECRET_KEY="not the key"))
    assert wrong.returncode == 1 and "cannot be decrypted" in wrong.stderr
