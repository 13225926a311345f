"""The `reflect` command's export, forget and distortions subcommands on a real SQLite file."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from bot.store.repository import Repository
from tests.conftest import PROJECT

CONTRACT_KEYS = {"sender", "exported_at", "transcript", "thought_records", "journal_entries", "practice"}


def reflect(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def env(tmp_path):
    environment = dict(os.environ, REFLECT_DATA_DIR=str(tmp_path))
    environment.pop("REFLECT_DATABASE_URL", None)
    environment.pop("REFLECT_SECRET_KEY", None)
    return environment


@pytest.fixture
def repo(tmp_path, monkeypatch):
    # The same data folder as the command, so the same generated encryption key.
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REFLECT_SECRET_KEY", raising=False)
    return Repository(f"sqlite:///{tmp_path / 'reflect.db'}")


def test_export_json_has_the_contract_shape(repo, env, tmp_path):
    repo.save_thought_record("ana", {"automatic_thought": "I'll fail 😟", "emotions": [{"name": "anxious", "before": 80, "after": 40}],
                                     "distortions": ["fortune_telling"], "belief_before": 90, "belief_after": 50})
    repo.save_journal_entry("ana", "Mi hermana no me llamó.", ["person:hermana"])
    repo.save_practice("ana", "d1", "They must hate me", "mind reading", ["mind_reading"], ["mind_reading"], True)
    out = tmp_path / "ana.json"
    completed = reflect("export", "--sender", "ana", "--format", "json", "--out", str(out), env=env)
    assert completed.returncode == 0, completed.stderr
    data = json.loads(out.read_text())
    assert set(data) >= CONTRACT_KEYS and data["sender"] == "ana"
    [record] = data["thought_records"]
    assert record["automatic_thought"] == "I'll fail 😟"
    assert record["emotions"] == [{"name": "anxious", "before": 80, "after": 40}]
    assert {"id", "created_at", "situation", "belief_before", "belief_after", "distortions", "evidence_for",
            "evidence_against", "alternative_thought", "next_step"} <= set(record)
    assert data["journal_entries"][0]["text"] == "Mi hermana no me llamó."
    assert data["practice"][0]["correct"] is True and data["practice"][0]["correct_labels"] == ["mind_reading"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_markdown_is_readable(repo, env):
    repo.save_thought_record("ben", {"automatic_thought": "Nobody likes me", "alternative_thought": "Some people do"})
    completed = reflect("export", "--sender", "ben", "--format", "md", env=env)
    assert completed.returncode == 0, completed.stderr
    assert "Nobody likes me" in completed.stdout and "#" in completed.stdout


def test_forget_needs_yes_and_then_erases_everything(repo, env):
    repo.save_journal_entry("cas", "Private words", [])
    refused = reflect("forget", "--sender", "cas", env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert repo.journal_entries_for("cas")
    done = reflect("forget", "--sender", "cas", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert repo.export("cas")["journal_entries"] == []


def test_distortions_prints_the_detector_json(env):
    completed = reflect("distortions", "Everyone thinks I'm an idiot", env=env)
    assert completed.returncode == 0, completed.stderr
    found = json.loads(completed.stdout)
    assert found and {"label", "score", "cue"} <= set(found[0])
    assert {f["label"] for f in found} & {"mind_reading", "labeling"}
