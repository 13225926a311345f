"""Logs without content, on Rasa's own error paths as Rasa configures logging."""
from __future__ import annotations

import asyncio
import logging

import pytest
from rasa.shared.core.domain import Domain


@pytest.fixture
def rasa_logging(capsys, monkeypatch):
    """structlog set up exactly as `rasa run` does it, once, before the REST channel logs."""
    import structlog
    from rasa.core.channels import rest
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.INFO)
    monkeypatch.setattr(rest, "structlogger", structlog.get_logger())  # not cached from an earlier test
    yield
    capsys.readouterr()


def rest_channel_failure(text: str) -> None:
    """What Rasa's REST channel logs when handling a message fails, and when it times out."""
    from rasa.core.channels import rest

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        rest.structlogger.exception("rest.message.received.failure", text=text)
    rest.structlogger.error("rest.message.received.timeout", text=text)


def logged(capsys, caplog) -> str:
    return capsys.readouterr().out + caplog.text


def test_rasas_rest_channel_logs_the_message_without_reflect(rasa_logging, capsys, caplog):
    rest_channel_failure("my private words about my sister")
    assert "my private words" in logged(capsys, caplog)  # the premise: Rasa alone prints them


def test_the_tracker_store_withholds_content_in_rasas_logs(rasa_logging, capsys, caplog, tmp_path, monkeypatch):
    from bot.store.tracker import ReflectTrackerStore

    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    rest_channel_failure("before the store exists")  # Rasa's logger is in use (and cached) already
    ReflectTrackerStore(domain=Domain.empty(), host=f"sqlite:///{tmp_path / 'reflect.db'}")
    capsys.readouterr()
    caplog.clear()
    rest_channel_failure("my private words about my sister")
    out = logged(capsys, caplog)
    assert "rest.message.received.failure" in out and "[withheld]" in out and "boom" in out
    assert "my private words" not in out


def test_a_failed_save_logs_why_but_not_what_or_who(tmp_path, monkeypatch, caplog):
    """Rasa's fail-safe wrapper logs the error's text: ours carries no values."""
    from rasa.core.tracker_store import FailSafeTrackerStore
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.store.tracker import ReflectTrackerStore

    folder = tmp_path / "data"
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    store = FailSafeTrackerStore(ReflectTrackerStore(domain=Domain.empty(), host=f"sqlite:///{folder / 'r.db'}"))
    folder.rename(tmp_path / "gone")
    folder.write_text("not a folder any more")
    tracker = DialogueStateTracker.from_events("person-x7", [UserUttered("words nobody may read")])
    with caplog.at_level(logging.INFO):
        asyncio.run(store.save(tracker))
    logged = caplog.text
    assert "not available" in logged
    assert "words nobody may read" not in logged and "person-x7" not in logged


def test_rasas_plain_log_lines_lose_sender_ids_and_exception_texts(caplog, tmp_path, monkeypatch):
    from bot import redaction

    redaction.install()
    with caplog.at_level(logging.INFO):
        logging.getLogger("rasa.core.processor").warning(
            "Circuit breaker tripped. Stopped predicting more actions for sender '%s'.", "person-x7")
        logging.getLogger("rasa.server").error("An unexpected error occurred. Error: %s", "my secret diary")
    assert "Circuit breaker tripped" in caplog.text and "An unexpected error occurred" in caplog.text
    assert "person-x7" not in caplog.text and "my secret diary" not in caplog.text
