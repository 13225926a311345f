"""Rasa's action-result check, compiled once, accepts and refuses exactly what Rasa's does."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.channels import speedups

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "mode", "value": "explore", "timestamp": None}],
     "responses": [{"text": "Hi", "buttons": [{"title": "A", "payload": "/a"}]}]},
    {"events": [{"event": "bot", "text": "hello", "data": {}}, {"event": "active_loop", "name": None}]},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "slot", "name": 5}]},
    {"events": [{"no_event_key": True}]},
    {"responses": "nope"},
]


def original(result: dict) -> bool:
    return RemoteAction("action_x", EndpointConfig("http://localhost"))._validate_action_result(result)


@pytest.mark.parametrize("result", VALID)
def test_valid_results_pass_as_in_rasa(result):
    assert original(result) is True
    assert speedups.validate_action_result(None, result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_results_fail_as_in_rasa(result):
    with pytest.raises(ValidationError) as rasas:
        original(result)
    with pytest.raises(ValidationError) as ours:
        speedups.validate_action_result(None, result)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message


def test_install_replaces_rasas_check(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setattr(speedups, "_INSTALLED", False)
    speedups.install()
    assert RemoteAction._validate_action_result is speedups.validate_action_result
