"""One message inside the thought record, and what answering it changes.

A `Turn` is the person's message with the classifier's reading of it; an
`Outcome` is what the flow decides from it (slot values, messages, whether the
record ends). The short replies that accept or say "I'm stuck" are read the
same way at every step, so they are kept here beside the turn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from bot.cbt import control
from bot.cbt.messages import Message, say

# Whether a message is an answer or a command is read by `bot.cbt.control`:
# control words inside a content sentence ("she cancelled") stay answers.
CONTROLS = (control.PAUSE, control.ABANDON, control.SKIP, control.BACK, control.SWITCH_EXPLORE)
CONTROL_MAX_WORDS = 10
ACCEPT_WORDS = {"yes", "yeah", "yep", "those fit", "yes these fit", "yes, these fit", "they fit", "both", "all of them", "all of these"}
STUCK_WORDS = {"i'm stuck", "im stuck", "stuck", "i don't know", "i dont know", "idk", "no idea", "help", "help me", "dunno", "not sure"}
# Being stuck said with a filler or a hedge around it ("no clue honestly", "hmm idk tbh", "my mind is blank").
_STUCK = re.compile(
    r"^(?:(?:um+|hmm+|erm|uh+|ok|okay|sorry|honestly|tbh|ugh)\W+)*"
    r"(?:i'?m stuck|stuck|i (?:really |honestly |just )?(?:don'?t|do not) know|idk|(?:i have )?no (?:idea|clue)|not a clue|"
    r"dunno|not sure|help(?: me)?|i can'?t think of (?:any|anything)|nothing comes to mind|(?:my mind is |i'?m )?blank)"
    r"(?:\W+(?:honestly|tbh|really|at all|lol|sorry|tho|though|here|rn|right now|to be honest|with this one|for this one|"
    r"what to (?:put|write|say)))*\W*$",
    re.IGNORECASE,
)


def says_stuck(text: str) -> bool:
    """True when the whole message says the person is stuck at this step."""
    normalised = _normalised(text)
    return normalised in STUCK_WORDS or bool(_STUCK.match(normalised.replace("\u2019", "'")))


def _normalised(text: str) -> str:
    """Lower case, single spaces, no closing punctuation."""
    return re.sub(r"[\s.!?]+$", "", " ".join(text.lower().split()))


@dataclass(frozen=True)
class Turn:
    """One message from the person, with the classifier's reading of it."""

    text: str
    intent: Optional[str] = None
    confidence: float = 0.0

    @property
    def normalised(self) -> str:
        return _normalised(self.text)

    def is_control(self, intent: str) -> bool:
        """A short message the classifier is sure is `intent` (for intents without a control)."""
        short = len(self.text.split()) <= CONTROL_MAX_WORDS
        return short and self.intent == intent and self.confidence >= control.CONFIDENCE

    def control(self) -> Optional[str]:
        """The command this message gives the record, or None when it is an answer."""
        return control.read(self.text, self.intent, self.confidence, CONTROLS)


@dataclass
class Outcome:
    """What an answer changes: slot values, messages, and whether the record ends.

    `end` is None while the record goes on, else one of "paused",
    "abandoned", "abandoned_new" (then a new record) or "switch_explore" ("done" is decided
    by the form itself).
    """

    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    end: Optional[str] = None
    saved_step: Optional[str] = None  # the step just completed: save a draft
    reasked: bool = False  # the messages already ask the same step again

    def say(self, text: str, buttons: Optional[list[dict[str, str]]] = None) -> "Outcome":
        """Send text composed here (a list, a parser's specific re-ask)."""
        self.messages.append(Message(text, buttons or []))
        return self

    def respond(self, response: str, buttons: Optional[list[dict[str, str]]] = None, **values: Any) -> "Outcome":
        """Send a domain response by name, filled with `values`."""
        self.messages.append(say(response, buttons, **values))
        return self
