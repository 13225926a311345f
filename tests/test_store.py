"""The storage layer against real databases: a SQLite file, and PostgreSQL when reachable."""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.store import db
from bot.store.repository import Repository, StoreUnavailable

RECORD = {
    "situation": "My manager didn't reply to my email.",
    "automatic_thought": "She thinks my work is useless.",
    "emotions": [{"name": "anxious", "before": 80, "after": None}, {"name": "sad", "before": 60, "after": None}],
    "belief_before": 90,
    "belief_after": None,
    "distortions": ["mind_reading", "catastrophizing"],
    "evidence_for": "She was short with me last week.",
    "evidence_against": "She praised the last report.",
    "alternative_thought": "She is probably busy; silence is not a verdict.",
    "next_step": "Ask her on Monday.",
}
CONTRACT_RECORD_KEYS = {
    "id", "created_at", "situation", "automatic_thought", "emotions", "belief_before",
    "belief_after", "distortions", "evidence_for", "evidence_against", "alternative_thought", "next_step",
}


def finished(**changes) -> dict:
    record = json.loads(json.dumps(RECORD))
    record["emotions"] = [{"name": "anxious", "before": 80, "after": 35}, {"name": "sad", "before": 60, "after": 40}]
    record["belief_after"] = 40
    record.update(changes)
    return record


def aware(moment) -> bool:
    return isinstance(moment, datetime) and moment.utcoffset() == timedelta(0)


@pytest.fixture
def repo(db_url) -> Repository:
    return Repository(db_url)


# --- Rasa's own tracker store writes the `events` table ---------------------------------


def rasa_store(url: str):
    """The tracker store the Rasa server uses (Rasa's SQL store with encrypted events)."""
    from rasa.shared.core.domain import Domain

    from bot.store.tracker import ReflectTrackerStore

    return ReflectTrackerStore(domain=Domain.empty(), host=url)


def save_conversation(url: str, sender: str, events: list) -> None:
    from rasa.shared.core.slots import CategoricalSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    store = rasa_store(url)
    try:
        slot = CategoricalSlot("mode", mappings=[{"type": "custom"}], values=["cbt", "explore"])
        tracker = DialogueStateTracker.from_events(sender, events, slots=[slot])
        asyncio.run(store.save(tracker))
    finally:
        store.engine.dispose()


def conversation(t0: float) -> list:
    from rasa.shared.core.events import (
        ActionExecuted, BotUttered, Restarted, SessionStarted, SlotSet, UserUttered,
    )

    return [
        ActionExecuted("action_session_start", timestamp=t0),
        SessionStarted(timestamp=t0),
        ActionExecuted("action_listen", timestamp=t0),
        UserUttered("hi", timestamp=t0 + 1),
        BotUttered("Hello. Work through a thought, or just explore?", timestamp=t0 + 2),
        UserUttered("/choose_mode", timestamp=t0 + 3),
        SlotSet("mode", "cbt", timestamp=t0 + 3.5),
        BotUttered("What happened?", timestamp=t0 + 4),
        UserUttered("I failed again 😞 — «naïve» 日本語", timestamp=t0 + 5),
        BotUttered(None, data={"custom": {"chart": 1}}, timestamp=t0 + 5.5),  # no text: not in transcript
        SlotSet("mode", "explore", timestamp=t0 + 6),
        UserUttered("I keep thinking about my father.", timestamp=t0 + 7),
        BotUttered("What comes up when you think of him?", timestamp=t0 + 8),
        Restarted(timestamp=t0 + 9),
        UserUttered("hello again", timestamp=t0 + 10),
    ]


# --- engine and schema ------------------------------------------------------------------


def test_sqlite_engine_creates_folder_uses_wal_and_foreign_keys(tmp_path):
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'reflect.db'}"
    engine = db.engine_for(url)
    assert db.engine_for(url) is engine  # cached per URL
    assert (tmp_path / "deep" / "er").is_dir()
    with engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_init_db_creates_only_our_tables_and_lives_beside_rasa(db_url):
    db.init_db(db_url)
    db.init_db(db_url)  # idempotent
    names = set(sa.inspect(db.engine_for(db_url)).get_table_names())
    assert {"thought_records", "thought_record_emotions", "practice_results", "journal_entries"} <= names
    assert "events" not in names
    save_conversation(db_url, "someone", conversation(1_700_000_000.0))
    assert "events" in set(sa.inspect(db.engine_for(db_url)).get_table_names())


def test_default_url_comes_from_settings(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REFLECT_DATABASE_URL", url)
    assert Repository().database_url == url


# --- thought records ---------------------------------------------------------------------


def test_draft_upsert_and_resume(repo):
    assert repo.draft_for("ana") is None
    first = repo.save_draft("ana", {"situation": "Email unanswered."}, "automatic_thought")
    draft = repo.draft_for("ana")
    assert draft["id"] == first
    assert draft["situation"] == "Email unanswered."
    assert draft["automatic_thought"] is None and draft["emotions"] == [] and draft["distortions"] == []
    assert draft["current_step"] == "automatic_thought"
    assert aware(draft["updated_at"]) and aware(draft["created_at"])

    second = repo.save_draft("ana", RECORD, "evidence_for")
    assert second == first  # one draft per sender
    draft = repo.draft_for("ana")
    assert {k: draft[k] for k in RECORD} == RECORD
    assert draft["current_step"] == "evidence_for"
    assert draft["updated_at"] >= draft["created_at"]

    # fewer emotions on a later save replace the earlier ones
    repo.save_draft("ana", {**RECORD, "emotions": [{"name": "anxious", "before": 70}]}, "evidence_for")
    assert repo.draft_for("ana")["emotions"] == [{"name": "anxious", "before": 70, "after": None}]

    assert repo.draft_for("ben") is None
    assert repo.thought_records_for("ana") == []  # drafts are not finished records

    repo.discard_draft("ana")
    assert repo.draft_for("ana") is None
    repo.discard_draft("ana")  # nothing to discard is fine


def test_save_thought_record_finishes_the_draft(repo):
    draft_id = repo.save_draft("ana", RECORD, "alternative_thought")
    record_id = repo.save_thought_record("ana", finished())
    assert record_id == draft_id
    assert repo.draft_for("ana") is None
    stored = repo.thought_record("ana", record_id)
    assert set(stored) >= CONTRACT_RECORD_KEYS
    assert {k: stored[k] for k in RECORD} == finished()
    assert stored["emotions"][0] == {"name": "anxious", "before": 80, "after": 35}
    # a new draft afterwards is a new record
    assert repo.save_draft("ana", {"situation": "Later"}, "situation") != record_id


def test_thought_records_newest_first_done_only_and_per_sender(repo):
    ids = [repo.save_thought_record("ana", finished(situation=f"situation {n}")) for n in range(4)]
    repo.save_draft("ana", {"situation": "unfinished"}, "situation")
    other = repo.save_thought_record("ben", finished())
    listed = repo.thought_records_for("ana")
    assert [r["id"] for r in listed] == list(reversed(ids))
    assert [r["id"] for r in repo.thought_records_for("ana", limit=2)] == [ids[3], ids[2]]
    assert repo.thought_record("ana", other) is None  # not someone else's
    assert repo.thought_record("ana", 987654) is None
    assert all(aware(r["created_at"]) for r in listed)


def test_ratings_are_validated_and_a_failed_save_changes_nothing(repo):
    repo.save_draft("ana", RECORD, "evidence_for")
    with pytest.raises(ValueError):
        repo.save_thought_record("ana", finished(belief_after=140))
    with pytest.raises(ValueError):
        repo.save_draft("ana", {**RECORD, "emotions": [{"name": "x", "before": "lots"}]}, "x")
    draft = repo.draft_for("ana")
    assert draft is not None and draft["current_step"] == "evidence_for"
    assert repo.thought_records_for("ana") == []
    repo.save_draft("ana", {**RECORD, "belief_before": "72.6"}, "x")
    assert repo.draft_for("ana")["belief_before"] == 73


# --- practice and journal ----------------------------------------------------------------


def test_practice_round_trip_oldest_first(repo):
    first = repo.save_practice("ana", "d1", "I always fail.", "all or nothing", ["all_or_nothing"], ["all_or_nothing"], True)
    second = repo.save_practice("ana", "d2", "They hate me.", "labeling", ["mind_reading"], ["labeling"], False)
    repo.save_practice("ben", "d1", "x", "y", [], [], False)
    results = repo.practice_for("ana")
    assert [p["id"] for p in results] == [first, second]
    assert results[0] == {
        "id": first, "at": results[0]["at"], "drill_id": "d1", "thought": "I always fail.",
        "answer": "all or nothing", "correct_labels": ["all_or_nothing"],
        "chosen_labels": ["all_or_nothing"], "correct": True,
    }
    assert aware(results[0]["at"]) and results[1]["correct"] is False
    assert [p["id"] for p in repo.practice_for("ana", limit=1)] == [second]


def test_journal_round_trip_update_since_and_limit(repo):
    first = repo.save_journal_entry("ana", "Dreamt of the old house.", ["home", "father"])
    second = repo.save_journal_entry("ana", "Argued with my sister.", ["family"], takeaway="I wanted to be heard.")
    repo.save_journal_entry("ben", "Not Ana's.", [])
    entries = repo.journal_entries_for("ana")
    assert [e["id"] for e in entries] == [second, first]
    assert entries[0]["takeaway"] == "I wanted to be heard." and entries[1]["takeaway"] is None
    assert entries[1]["themes"] == ["home", "father"]
    assert all(aware(e["created_at"]) for e in entries)

    assert repo.update_journal_entry("ana", first, takeaway="The house means safety.", themes=["home"]) is True
    updated = {e["id"]: e for e in repo.journal_entries_for("ana")}[first]
    assert updated["text"] == "Dreamt of the old house."  # untouched
    assert updated["themes"] == ["home"] and updated["takeaway"] == "The house means safety."
    assert updated["updated_at"] >= updated["created_at"]
    assert repo.update_journal_entry("ben", first, text="hijack") is False
    assert repo.journal_entries_for("ana", limit=1)[0]["id"] == second

    future = datetime.now(timezone.utc) + timedelta(hours=1)
    assert repo.journal_entries_for("ana", since=future) == []
    assert len(repo.journal_entries_for("ana", since=datetime.utcnow() - timedelta(hours=1))) == 2  # naive = UTC


def test_unicode_emoji_and_very_long_texts_are_stored_intact(repo):
    long_text = " ".join(f"wörd{n}🙂" for n in range(5000))
    odd = "Ça va? 😶‍🌫️ «ok» — 日本語, עברית, 'quotes' \"double\" \\back\\ \n\ttabs; DROP TABLE events;--"
    record = finished(situation=long_text, automatic_thought=odd, emotions=[{"name": "😞 désespoir", "before": 90, "after": 10}])
    record_id = repo.save_thought_record("ünïcode 👤", record)
    stored = repo.thought_record("ünïcode 👤", record_id)
    assert stored["situation"] == long_text and stored["automatic_thought"] == odd
    assert stored["emotions"][0]["name"] == "😞 désespoir"
    repo.save_journal_entry("ünïcode 👤", long_text, ["père", "🏠"], takeaway=odd)
    entry = repo.journal_entries_for("ünïcode 👤")[0]
    assert entry["text"] == long_text and entry["themes"] == ["père", "🏠"] and entry["takeaway"] == odd
    repo.save_practice("ünïcode 👤", "d", odd, long_text, [], [], False)
    assert repo.practice_for("ünïcode 👤")[0]["answer"] == long_text


# --- transcript, export, forget -----------------------------------------------------------


def test_transcript_is_empty_before_rasa_created_its_table(repo):
    assert repo.transcript_for("ana") == []


def test_transcript_from_rasas_events_table_follows_the_mode_slot(repo, db_url):
    t0 = 1_700_000_000.25
    save_conversation(db_url, "ana", conversation(t0))
    save_conversation(db_url, "ben", conversation(t0 + 100))
    transcript = repo.transcript_for("ana")
    assert [(line["who"], line["text"], line["mode"]) for line in transcript] == [
        ("user", "hi", None),
        ("bot", "Hello. Work through a thought, or just explore?", None),
        ("user", "/choose_mode", None),
        ("bot", "What happened?", "cbt"),
        ("user", "I failed again 😞 — «naïve» 日本語", "cbt"),
        ("user", "I keep thinking about my father.", "explore"),
        ("bot", "What comes up when you think of him?", "explore"),
        ("user", "hello again", None),  # a restart empties every slot
    ]
    assert transcript[0]["at"] == datetime.fromtimestamp(t0 + 1, timezone.utc)
    assert all(aware(line["at"]) for line in transcript)


def test_export_has_exactly_the_contract_shape(repo, db_url):
    save_conversation(db_url, "ana", conversation(1_700_000_000.0))
    repo.save_thought_record("ana", finished())
    repo.save_draft("ana", {"situation": "unfinished"}, "situation")
    repo.save_journal_entry("ana", "Entry", ["work"], takeaway="t")
    repo.save_practice("ana", "d1", "I always fail.", "all_or_nothing", ["all_or_nothing"], ["all_or_nothing"], True)

    export = repo.export("ana")
    json.dumps(export)  # JSON-ready as it is
    assert set(export) == {"sender", "exported_at", "transcript", "thought_records", "journal_entries", "practice"}
    assert export["sender"] == "ana"

    def iso_utc(value):
        assert isinstance(value, str)
        assert datetime.fromisoformat(value).utcoffset() == timedelta(0)

    iso_utc(export["exported_at"])
    assert len(export["transcript"]) == 8
    for line in export["transcript"]:
        assert set(line) == {"at", "who", "text", "mode"}
        iso_utc(line["at"])
        assert line["who"] in ("user", "bot") and isinstance(line["text"], str)
        assert line["mode"] in ("cbt", "explore", None)

    (record,) = export["thought_records"]  # the draft is not a thought record
    assert set(record) == CONTRACT_RECORD_KEYS | {"emotions_added"}  # an added field
    assert isinstance(record["id"], int)
    iso_utc(record["created_at"])
    for emotion in record["emotions"]:
        assert set(emotion) == {"name", "before", "after"}
        assert isinstance(emotion["before"], int) and isinstance(emotion["after"], int)
    assert isinstance(record["belief_before"], int) and isinstance(record["belief_after"], int)
    assert record["distortions"] == ["mind_reading", "catastrophizing"]
    for key in ("situation", "automatic_thought", "evidence_for", "evidence_against", "alternative_thought", "next_step"):
        assert isinstance(record[key], str)

    (entry,) = export["journal_entries"]
    assert set(entry) == {"id", "created_at", "text", "themes", "takeaway"}  # the contract's fields plus the takeaway
    iso_utc(entry["created_at"])
    assert entry["themes"] == ["work"] and entry["text"] == "Entry" and entry["takeaway"] == "t"

    (practice,) = export["practice"]
    assert set(practice) == {"at", "thought", "answer", "correct_labels", "chosen_labels", "correct"}
    iso_utc(practice["at"])
    assert practice["correct"] is True and practice["correct_labels"] == ["all_or_nothing"]


def test_a_feeling_named_only_at_re_rating_is_exported_beside_the_contracts_emotions(repo):
    record = {**finished(), "emotions": [{"name": "sad", "before": 70, "after": 20},
                                         {"name": "guilt", "before": None, "after": 50}]}
    repo.save_thought_record("ana", record)

    (exported,) = repo.export("ana")["thought_records"]
    assert exported["emotions"] == [{"name": "sad", "before": 70, "after": 20}]
    assert exported["emotions_added"] == [{"name": "guilt", "after": 50}]
    (stored,) = repo.thought_records_for("ana")
    assert [e["name"] for e in stored["emotions"]] == ["sad", "guilt"]  # nothing is lost from the store


def test_export_of_someone_unknown_is_empty(repo):
    export = repo.export("nobody")
    assert export["transcript"] == export["thought_records"] == export["journal_entries"] == export["practice"] == []


def test_forget_removes_everything_for_one_person_only(repo, db_url):
    save_conversation(db_url, "ana", conversation(1_700_000_000.0))
    save_conversation(db_url, "ben", conversation(1_700_000_100.0))
    for sender in ("ana", "ben"):
        repo.save_thought_record(sender, finished())
        repo.save_draft(sender, RECORD, "evidence_for")
        repo.save_journal_entry(sender, "Entry", ["work"])
        repo.save_practice(sender, "d1", "t", "a", [], [], False)

    counts = repo.forget("ana")
    assert counts["thought_records"] == 2 and counts["emotions"] == 4
    assert counts["journal_entries"] == 1 and counts["practice"] == 1
    assert counts["events"] == len(conversation(0))

    export = repo.export("ana")
    assert export["transcript"] == export["thought_records"] == export["journal_entries"] == export["practice"] == []
    assert repo.draft_for("ana") is None
    engine = db.engine_for(db_url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM events WHERE sender_id = 'ana'")).scalar() == 0
        assert connection.execute(sa.text("SELECT count(*) FROM thought_record_emotions")).scalar() == 4  # ben's

    assert len(repo.thought_records_for("ben")) == 1 and repo.draft_for("ben") is not None
    assert len(repo.transcript_for("ben")) == 8
    assert repo.forget("ana") == {k: 0 for k in counts}


def test_forget_without_rasas_table(repo):
    repo.save_journal_entry("ana", "Entry", [])
    assert repo.forget("ana")["events"] == 0


# --- a database that goes away ------------------------------------------------------------


def test_sqlite_folder_gone_raises_store_unavailable_and_loses_nothing(tmp_path):
    folder = tmp_path / "data"
    repo = Repository(f"sqlite:///{folder / 'reflect.db'}")
    repo.save_journal_entry("ana", "kept", [])
    folder.rename(tmp_path / "away")  # e.g. an unmounted disk
    folder.write_text("a file, so no database can be opened below it")
    with pytest.raises(StoreUnavailable) as raised:
        repo.save_journal_entry("ana", "written while away", [])
    assert isinstance(raised.value.__cause__, sa.exc.OperationalError)
    with pytest.raises(StoreUnavailable):
        repo.journal_entries_for("ana")

    folder.unlink()
    (tmp_path / "away").rename(folder)  # the disk is back
    assert [e["text"] for e in repo.journal_entries_for("ana")] == ["kept"]


def test_postgres_on_a_closed_port_raises_store_unavailable():
    repo = Repository("postgresql://postgres@127.0.0.1:1/test?connect_timeout=2")
    with pytest.raises(StoreUnavailable) as raised:
        repo.thought_records_for("ana")
    assert "127.0.0.1:1" in str(raised.value)
    with pytest.raises(StoreUnavailable):
        repo.forget("ana")


def test_store_unavailable_message_hides_the_password():
    repo = Repository("postgresql://user:s3cret@127.0.0.1:1/test?connect_timeout=2")
    with pytest.raises(StoreUnavailable) as raised:
        repo.save_journal_entry("ana", "x", [])
    assert "s3cret" not in str(raised.value)
