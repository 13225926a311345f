"""What a person sees for a message an action or flow sends: domain responses
rendered by Rasa's own response generator, as the Rasa server does it."""
from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Any, Optional, Union

from bot.cbt.messages import Message
from tests.conftest import PROJECT


@lru_cache(maxsize=1)
def _generator() -> tuple[Any, Any]:
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(PROJECT / "domain.yml"))
    return domain, TemplatedNaturalLanguageGenerator(domain.responses)


def rendered(message: Union[Message, dict[str, Any]], slots: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """{"text", "buttons"} as Rasa sends them for a flow `Message` or a dispatcher message dict.

    A response is filled with the tracker's `slots` and the message's own values,
    and the message's buttons follow the response's, as in Rasa's remote actions.
    """
    from rasa.shared.core.trackers import DialogueStateTracker

    if isinstance(message, Message):
        message = {"text": message.text or None, "buttons": message.buttons, "response": message.response,
                   **message.values}
    message = dict(message)
    name = message.pop("response", None)
    draft: dict[str, Any] = {}
    if name:
        domain, generator = _generator()
        tracker = DialogueStateTracker.from_events("test", [], slots=domain.slots)
        for slot, value in (slots or {}).items():
            if slot in tracker.slots:
                tracker.slots[slot].value = value
        draft = asyncio.run(generator.generate(name, tracker, "rest", **message)) or {}
    buttons = list(draft.get("buttons") or []) + list(message.pop("buttons", None) or [])
    text = message.get("text") or draft.get("text")
    return {"text": text, "buttons": buttons}


def text(message: Union[Message, dict[str, Any]], slots: Optional[dict[str, Any]] = None) -> str:
    """Only the text of `rendered`."""
    return rendered(message, slots)["text"] or ""
