"""Tried as a person would: chat in both modes with the running bot, then look at the raw
SQLite file and the logs for what they typed, read the exports, and forget."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from bot.store.repository import Repository
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow


def raw_files(running_bot) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(running_bot.data_dir.glob("reflect.db*")))


def logs(running_bot) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted((running_bot.data_dir / "logs").glob("*")))


def reflect(running_bot, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, REFLECT_DATA_DIR=str(running_bot.data_dir))
    env.pop("REFLECT_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_what_a_person_types_is_nowhere_in_the_file_or_logs_but_in_the_export(running_bot):
    marker = uuid.uuid4().hex[:6]
    cbt = running_bot.chat()
    cbt_said = [
        f"My landlord Quillon{marker} shouted at me in the stairwell",
        f"He thinks I'm a terrible tenant Varsk{marker}",
    ]
    cbt.say("hi")
    cbt.say("/choose_cbt")
    for text in cbt_said:
        cbt.say(text)
    explore = running_bot.chat()
    explore_said = [f"My grandmother Ottoline{marker} used to sing while she cooked"]
    explore.say("/choose_explore")
    for text in explore_said:
        explore.say(text)

    phrases = cbt_said + explore_said
    raw = raw_files(running_bot)
    assert cbt.sender.encode() in raw  # the rows are there (sender ids are not encrypted)
    assert [p for p in phrases if p.encode() in raw] == []
    log_text = logs(running_bot)
    assert log_text.strip()  # the servers do log
    assert marker not in log_text

    exported = reflect(running_bot, "export", "--sender", cbt.sender)
    assert exported.returncode == 0, exported.stderr
    transcript = [line["text"] for line in json.loads(exported.stdout)["transcript"] if line["who"] == "user"]
    assert transcript[-2:] == cbt_said
    markdown = reflect(running_bot, "export", "--sender", explore.sender, "--format", "md")
    assert explore_said[0] in markdown.stdout

    forgotten = reflect(running_bot, "forget", "--sender", explore.sender, "--yes")
    assert forgotten.returncode == 0, forgotten.stderr
    assert "conversation events" in forgotten.stdout and "VACUUM" in forgotten.stdout
    assert Repository(running_bot.database_url).export(explore.sender)["transcript"] == []
    assert explore.sender.encode() not in raw_files(running_bot)
