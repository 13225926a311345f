"""What the CBT flows say: a domain response by name, or text composed here.

Fixed wording lives in `domain.yml` as `utter_*` responses; the flows name the
response and hand over the `values` its `{placeholders}` need (Rasa fills slot
names itself). Only composed text (lists, summaries, the detector's findings)
is carried as `text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass
class Message:
    """One bot message: `response` filled with `values`, or composed `text`; `buttons` are added."""

    text: str = ""
    buttons: list[dict[str, str]] = field(default_factory=list)
    response: Optional[str] = None
    values: dict[str, Any] = field(default_factory=dict)


def say(response: str, buttons: Optional[list[dict[str, str]]] = None, **values: Any) -> Message:
    """A domain response by name, with the values its placeholders need."""
    return Message(buttons=buttons or [], response=response, values=values)
