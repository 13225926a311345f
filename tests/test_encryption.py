"""Encryption at rest, checked on the bytes: a real SQLite file and `pg_dump` of the real PostgreSQL."""
from __future__ import annotations

import asyncio
import stat
import subprocess
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from bot import settings
from bot.store import admin, db, migrations, sealing
from bot.store.crypto import UndecryptableData
from bot.store.repository import Repository


def phrases(tag: str) -> dict[str, str]:
    """One unmistakable phrase per place a person's words can end up."""
    marker = uuid.uuid4().hex[:8]
    names = [
        "situation", "automatic_thought", "evidence_for", "evidence_against", "alternative_thought",
        "next_step", "emotion", "journal", "theme", "takeaway", "drill_thought", "drill_answer",
        "user_said", "slot_value", "bot_said",
    ]
    return {name: f"{tag} {name.replace('_', ' ')} zq{marker}{i}" for i, name in enumerate(names)}


def store_everything(url: str, sender: str, said: dict[str, str]) -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.store.tracker import ReflectTrackerStore

    repo = Repository(url)
    repo.save_thought_record(sender, {
        "situation": said["situation"], "automatic_thought": said["automatic_thought"],
        "evidence_for": said["evidence_for"], "evidence_against": said["evidence_against"],
        "alternative_thought": said["alternative_thought"], "next_step": said["next_step"],
        "emotions": [{"name": said["emotion"], "before": 70, "after": 30}], "distortions": ["labeling"],
    })
    entry = repo.save_journal_entry(sender, said["journal"], [said["theme"]])
    repo.update_journal_entry(sender, entry, takeaway=said["takeaway"])
    repo.save_practice(sender, "d1", said["drill_thought"], said["drill_answer"], ["labeling"], ["labeling"], True)
    store = ReflectTrackerStore(domain=Domain.empty(), host=url)
    tracker = DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen"), UserUttered(said["user_said"]),
        SlotSet("situation", said["slot_value"]), BotUttered(said["bot_said"]),
    ])
    asyncio.run(store.save(tracker))


def assert_readable(url: str, sender: str, said: dict[str, str]) -> None:
    export = Repository(url).export(sender)
    [record] = export["thought_records"]
    assert record["situation"] == said["situation"] and record["emotions"][0]["name"] == said["emotion"]
    assert export["journal_entries"][0]["text"] == said["journal"]
    assert export["journal_entries"][0]["themes"] == [said["theme"]]
    assert export["journal_entries"][0]["takeaway"] == said["takeaway"]
    assert export["practice"][0]["answer"] == said["drill_answer"]
    assert [line["text"] for line in export["transcript"]] == [said["user_said"], said["bot_said"]]


def sqlite_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.glob("reflect.db*")))


def found_in(raw: bytes, said: dict[str, str]) -> list[str]:
    return [name for name, phrase in said.items() if phrase.encode() in raw]


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("REFLECT_DATA_DIR", str(folder))
    monkeypatch.delenv("REFLECT_SECRET_KEY", raising=False)
    monkeypatch.delenv("REFLECT_DATABASE_URL", raising=False)
    return folder


def test_no_phrase_is_in_the_sqlite_file_and_all_of_it_reads_back(data_dir):
    url = settings.load().database_url
    said = phrases("sqlite")
    store_everything(url, "ana", said)
    assert_readable(url, "ana", said)
    raw = sqlite_bytes(data_dir)
    assert b"ana" in raw  # the file really holds the rows (sender ids are not encrypted)
    assert found_in(raw, said) == []


def test_rasa_intent_and_action_names_are_not_stored_either(data_dir):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.store.tracker import ReflectTrackerStore

    url = settings.load().database_url
    store = ReflectTrackerStore(domain=Domain.empty(), host=url)
    tracker = DialogueStateTracker.from_events("ana", [
        UserUttered("I can't go on", intent={"name": "crisis", "confidence": 1.0}),
        ActionExecuted("utter_crisis_support"),
    ])
    asyncio.run(store.save(tracker))
    with db.engine_for(url).connect() as connection:
        rows = connection.execute(sa.text("SELECT intent_name, action_name FROM events")).all()
    assert rows and all(row == (None, None) for row in rows)
    assert b"utter_crisis_support" not in sqlite_bytes(data_dir)
    events = asyncio.run(store.retrieve("ana")).events
    assert [getattr(e, "action_name", None) for e in events][-1] == "utter_crisis_support"


def test_data_folder_is_0700_and_every_file_in_it_0600(data_dir):
    url = settings.load().database_url
    store_everything(url, "ana", phrases("modes"))
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    files = sorted(data_dir.glob("*"))
    assert {p.name for p in files} >= {"reflect.db", "secret.key"}
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {p.name: "0o600" for p in files}


def test_reflect_run_tightens_a_folder_an_older_version_left_open(data_dir):
    data_dir.mkdir(mode=0o755)
    (data_dir / "logs").mkdir(mode=0o755)
    (data_dir / "logs" / "rasa.log").write_text("")
    (data_dir / "logs" / "rasa.log").chmod(0o644)
    (data_dir / "run.sh").write_text("")
    (data_dir / "run.sh").chmod(0o755)
    (data_dir / "elsewhere").mkdir(mode=0o755)  # not Reflect's: left as it is
    (data_dir / "elsewhere" / "notes.txt").write_text("")
    (data_dir / "elsewhere" / "notes.txt").chmod(0o644)
    prepared = admin.prepare()
    assert prepared.migrated_from is None and migrations.current(settings.load().database_url) == migrations.head()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "logs").stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "logs" / "rasa.log").stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "run.sh").stat().st_mode) == 0o700  # still runnable, by its owner only
    assert stat.S_IMODE((data_dir / "elsewhere" / "notes.txt").stat().st_mode) == 0o644


def test_a_wrong_key_is_a_loud_error_never_an_empty_conversation(data_dir, monkeypatch):
    from rasa.shared.core.domain import Domain

    from bot.store.tracker import ReflectTrackerStore

    url = settings.load().database_url
    monkeypatch.setenv("REFLECT_SECRET_KEY", "the key it was written with")
    said = phrases("keys")
    store_everything(url, "ana", said)

    monkeypatch.setenv("REFLECT_SECRET_KEY", "some other key")
    with pytest.raises(UndecryptableData) as raised:
        Repository(url).export("ana")
    assert "REFLECT_SECRET_KEY" in str(raised.value)
    with pytest.raises(UndecryptableData):
        asyncio.run(ReflectTrackerStore(domain=Domain.empty(), host=url).retrieve("ana"))

    monkeypatch.setenv("REFLECT_SECRET_KEY", "some other key, the key it was written with")  # old one second
    assert_readable(url, "ana", said)


def test_rotate_key_with_the_key_file_replaces_the_key_and_keeps_everything(data_dir):
    url = settings.load().database_url
    said = phrases("rotate")
    store_everything(url, "ana", said)
    key_file = data_dir / "secret.key"
    old_key = key_file.read_text().strip()

    rotation = admin.rotate_key(url)

    new_key = key_file.read_text().strip()
    assert new_key and "," not in new_key and new_key != old_key
    assert rotation.resealed >= len(said)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert_readable(url, "ana", said)  # with the new key alone
    assert found_in(sqlite_bytes(data_dir), said) == []


def test_rotate_key_with_the_variable_moves_everything_to_the_first_key(data_dir, monkeypatch):
    url = settings.load().database_url
    monkeypatch.setenv("REFLECT_SECRET_KEY", "old secret")
    said = phrases("rotate-env")
    store_everything(url, "ana", said)

    monkeypatch.setenv("REFLECT_SECRET_KEY", "new secret,old secret")
    assert admin.rotate_key(url).resealed >= len(said)
    monkeypatch.setenv("REFLECT_SECRET_KEY", "new secret")
    assert_readable(url, "ana", said)
    assert admin.rotate_key(url).resealed == 0  # nothing left under another key


# --- the migration that turned encryption on ------------------------------------------------


def write_plain_database(url: str, sender: str, said: dict[str, str]) -> None:
    """A database as the version before encryption left it: schema 0001, plain text, Rasa's events."""
    from alembic import command
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    command.upgrade(migrations.config(url), "0001")
    engine = db.engine_for(url)
    now = "2026-01-01 10:00:00"
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO thought_records (sender, created_at, updated_at, status, situation, automatic_thought,"
            " distortions, evidence_for, evidence_against, alternative_thought, next_step)"
            " VALUES (:s, :t, :t, 'done', :a, :b, '[]', :c, :d, :e, :f)"),
            dict(s=sender, t=now, a=said["situation"], b=said["automatic_thought"], c=said["evidence_for"],
                 d=said["evidence_against"], e=said["alternative_thought"], f=said["next_step"]))
        connection.execute(sa.text(
            "INSERT INTO thought_record_emotions (record_id, name, before, after, position)"
            " VALUES ((SELECT max(id) FROM thought_records), :n, 70, 30, 0)"), dict(n=said["emotion"]))
        connection.execute(sa.text(
            "INSERT INTO journal_entries (sender, created_at, updated_at, text, themes, takeaway)"
            " VALUES (:s, :t, :t, :x, :th, :k)"),
            dict(s=sender, t=now, x=said["journal"], th=f'["{said["theme"]}"]', k=said["takeaway"]))
        connection.execute(sa.text(
            "INSERT INTO practice_results (sender, at, drill_id, thought, answer, correct_labels,"
            " chosen_labels, correct) VALUES (:s, :t, 'd1', :a, :b, '[]', '[]', :ok)"),
            dict(s=sender, t=now, a=said["drill_thought"], b=said["drill_answer"], ok=True))
    rasa = SQLTrackerStore(domain=Domain.empty(), host=url)  # Rasa's own store: plain `data`
    try:
        asyncio.run(rasa.save(DialogueStateTracker.from_events(sender, [
            ActionExecuted("action_listen"), UserUttered(said["user_said"]), BotUttered(said["bot_said"]),
        ])))
    finally:
        rasa.engine.dispose()


def test_the_encryption_migration_converts_plain_rows_in_batches_losing_none(data_dir, monkeypatch):
    url = settings.load().database_url
    said = phrases("plain")
    write_plain_database(url, "ana", said)
    with db.engine_for(url).begin() as connection:
        for number in range(7):  # more rows than one batch
            connection.execute(sa.text(
                "INSERT INTO journal_entries (sender, created_at, updated_at, text, themes) "
                "VALUES ('ben', '2026-01-02 10:00:00', '2026-01-02 10:00:00', :x, '[]')"),
                dict(x=f"ben's plain entry {number} {said['journal']}"))
    assert found_in(sqlite_bytes(data_dir), said)  # the test's premise: plain text on disk
    monkeypatch.setattr(sealing, "BATCH", 3)
    migrations.forget_done()

    migrations.upgrade(url)

    assert migrations.current(url) == migrations.head()
    assert_readable(url, "ana", said)
    entries = Repository(url).journal_entries_for("ben")
    assert sorted(e["text"] for e in entries) == [f"ben's plain entry {n} {said['journal']}" for n in range(7)]
    assert found_in(sqlite_bytes(data_dir), said) == []
    with db.engine_for(url).begin() as connection:  # running it again changes nothing
        assert sum(sealing.encrypt_plain_rows(connection).values()) == 0
        names = connection.execute(sa.text("SELECT intent_name, action_name FROM events")).all()
    assert names and set(names) == {(None, None)}  # Rasa had filled them in clear


def test_a_database_made_before_migrations_existed_is_adopted(data_dir):
    from bot.store.models import Base

    url = settings.load().database_url
    Base.metadata.create_all(db.engine_for(url))  # how tables were made before
    Repository(url).save_journal_entry("ana", "kept across the upgrade", [])
    migrations.forget_done()
    migrations.upgrade(url)
    assert migrations.current(url) == migrations.head()
    assert Repository(url).journal_entries_for("ana")[0]["text"] == "kept across the upgrade"


def test_migrations_leave_rasas_events_table_to_rasa(data_dir):
    url = settings.load().database_url
    migrations.upgrade(url)
    names = set(sa.inspect(db.engine_for(url)).get_table_names())
    assert "events" not in names and "reflect_schema_version" in names


# --- PostgreSQL ---------------------------------------------------------------------------------


@pytest.mark.services
def test_no_phrase_is_in_pg_dump_and_all_of_it_reads_back(postgres_url, data_dir):
    said = phrases("postgres")
    store_everything(postgres_url, "ana", said)
    assert_readable(postgres_url, "ana", said)
    parts = urlsplit(postgres_url)
    schema = parse_qs(parts.query)["options"][0].split("=", 1)[1]
    dump = subprocess.run(
        ["pg_dump", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username,
         "-n", schema, parts.path.lstrip("/")],
        capture_output=True, timeout=120, check=True,
    ).stdout
    assert b"ana" in dump and b"thought_records" in dump  # the dump really holds the rows
    assert found_in(dump, said) == []


@pytest.mark.services
def test_the_encryption_migration_on_postgresql(postgres_url, data_dir):
    said = phrases("pg-plain")
    write_plain_database(postgres_url, "ana", said)
    migrations.forget_done()
    migrations.upgrade(postgres_url)
    assert_readable(postgres_url, "ana", said)
    with db.engine_for(postgres_url).connect() as connection:
        raw = " ".join(str(v) for row in connection.execute(sa.text("SELECT data FROM events")) for v in row)
        raw += " ".join(str(v) for row in connection.execute(sa.text("SELECT text, themes, takeaway FROM journal_entries")) for v in row)
    assert [name for name, phrase in said.items() if phrase in raw] == []


def test_several_processes_opening_a_new_database_at_once_migrate_it_once(data_dir):
    """The Rasa server and the action server may both be first to open a new SQLite file."""
    import sys

    url = f"sqlite:///{data_dir / 'reflect.db'}"
    code = "import sys; from bot.store import migrations; migrations.upgrade(sys.argv[1]); print('ok')"
    runs = [subprocess.Popen([sys.executable, "-c", code, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(3)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err[-800:] for _, err in results]
    assert migrations.current(url) == migrations.head()
