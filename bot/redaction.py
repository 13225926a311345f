"""Logs without content: what a person wrote never reaches a log line.

Rasa 3.6 logs through structlog and, on some error paths, passes the message
itself as a field: the REST channel logs `text=` when handling a message fails
or times out, the response interpolator logs `response=`. Rasa Pro can
anonymise those fields; Rasa Open Source prints them. `install()` puts a
processor in front of Rasa's structlog chain that replaces every such field
with "[withheld]". The tracker store installs it in the Rasa server process.

Reflect's own code never logs text, slot values or sender ids of failed
messages; its storage errors carry no SQL parameters (`hide_parameters`).
"""
from __future__ import annotations

import logging
import re
from typing import Any

WITHHELD = "[withheld]"

#: structlog fields Rasa fills with conversation content (Rasa's own list of
#: anonymisable keys, plus a few that carry the same data under other names).
CONTENT_FIELDS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response",
    "slot_candidates", "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states",
    "successes", "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
    "json_message", "sender_id", "value", "slot_value", "events", "tracker", "metadata",
})


def withhold_content(_logger: Any, _method: str, event_dict: dict) -> dict:
    """A structlog processor: content fields keep their name, lose their value."""
    for key in CONTENT_FIELDS.intersection(event_dict):
        event_dict[key] = WITHHELD
    return event_dict


class _WithholdInRasaMessages(logging.Filter):
    """For Rasa's plain `logging` lines that put values into the message:
    the processor names the sender when its circuit breaker trips, and the
    HTTP API logs the text of any exception ("... Error: {e}")."""

    _SENDER = re.compile(r"(sender(?: id)? )'[^']*'")
    _AFTER_ERROR = re.compile(r"(Error: |are not valid\. ).*", re.S)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logging's problem, not ours
            return True
        withheld = self._AFTER_ERROR.sub(r"\1" + WITHHELD, self._SENDER.sub(r"\1" + WITHHELD, message))
        if withheld != message:
            record.msg, record.args = withheld, None
        return True


_RASA_LOGGERS_WITH_VALUES = ("rasa.core.processor", "rasa.server")
_filter = _WithholdInRasaMessages()


def _without_locals(processor: Any) -> Any:
    """The same traceback rendering, minus the values of local variables.

    Rasa renders exceptions with structlog's defaults, which print every
    frame's locals: the REST channel's frame holds the message text.
    """
    from structlog import dev, processors as structlog_processors, tracebacks

    if processor is structlog_processors.dict_tracebacks:
        return structlog_processors.ExceptionRenderer(tracebacks.ExceptionDictTransformer(show_locals=False))
    if isinstance(processor, dev.ConsoleRenderer):
        processor._exception_formatter = dev.plain_traceback  # rich's tracebacks show locals
    return processor


def install() -> None:
    """Put `withhold_content` first in structlog's processor chain and render
    tracebacks without locals (idempotent).

    The list is changed in place, so loggers Rasa has already cached get it too.
    """
    import structlog

    for name in _RASA_LOGGERS_WITH_VALUES:
        rasa_logger = logging.getLogger(name)
        if _filter not in rasa_logger.filters:
            rasa_logger.addFilter(_filter)
    processors = structlog.get_config()["processors"]
    if withhold_content in processors:
        return
    changed = [withhold_content, *(_without_locals(p) for p in processors)]
    if isinstance(processors, list):
        processors[:] = changed
    else:
        structlog.configure(processors=changed)
