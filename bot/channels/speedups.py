"""Work Rasa's server repeats on every turn that it only needs to do once.

Installed by the gate when the server starts (`bot.channels.web`), so every
way of starting the server gets it.

- Rasa checks each custom action's answer against its JSON schema with
  `jsonschema.validate`, which first checks the schema itself against the
  JSON Schema meta-schema, every time: about 25 ms per action call on this
  project's machines, more than the action itself. The schema never changes,
  so it is checked and compiled once; answers are still validated in full and
  an invalid one fails with Rasa's own error.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError, exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_INSTALLED = False


@lru_cache(maxsize=1)
def _action_result_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict) -> bool:
    """Rasa's `RemoteAction._validate_action_result`, with the schema compiled once."""
    error = exceptions.best_match(_action_result_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the "
        f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    global _INSTALLED
    if not _INSTALLED:
        RemoteAction._validate_action_result = validate_action_result  # type: ignore[assignment]
        _INSTALLED = True


__all__ = ["install", "validate_action_result", "ValidationError"]
