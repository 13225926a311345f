"""Whether "continue" means the paused thought record.

"Continue where I left off" normally goes back to whatever the person did last
(see `bot.session.last_activity`). A paused record wins over that when the
record is plainly what is meant:

- the welcome back has just offered it, and the answer is a yes ("yes continue
  pls. I feel a bit better today": a yes with news is still a yes);
- the offer's own button was pressed (`/continue_draft`);
- the message names the record ("the thought record", "the worksheet", "cbt");
- the record was offered or worked on earlier in this same session, so it is
  the newest unfinished thing even if a few journal lines came after it.

Plain data and functions; the actions and the dialogue policy read event
names and texts and pass them in.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

# The bot's action that offers a paused record when a session starts.
OFFERS = frozenset({"action_session_start"})
RECORD_LOOP = "thought_record_form"

# A yes to the offer, at the start of the answer: "yes continue pls", "ok lets", "sure", "ye go on".
_YES = re.compile(
    r"^\W*(?:(?:yes|yeah|yea|ye|yep|yup|ya|yas|sure|ok|okay|okk|k|alright|fine|please|pls|plz|definitely|"
    r"of course|why not|go on|go ahead|lets|let's|let us|continue|carry on|keep going|pick (?:it|that) up|resume)\b"
    r"|(?:i'?d|i would|id) like (?:to|that)|i want (?:to )?(?:continue|carry on|finish))",
    re.I,
)
_NO = re.compile(
    r"^\W*(?:no|nah|nope|not (?:now|rn|today|right now|yet)|later|something else|maybe later|"
    r"(?:i )?(?:dont|don't|do not) (?:want|wanna))\b",
    re.I,
)
# The record in the person's words.
_NAMES_RECORD = re.compile(
    r"\b(?:thought record|the record|my record|the worksheet|worksheet|work ?sheet|the thought thing|"
    r"thought (?:thing|worksheet|exercise)|cbt|the steps|step \d+|the (?:exercise|form))\b",
    re.I,
)


def accepts_offer(text: str) -> bool:
    """True when a reply to "would you like to continue it?" says yes (news may follow)."""
    said = " ".join((text or "").lower().replace("\u2019", "'").split())
    return bool(said) and not _NO.match(said) and bool(_YES.match(said))


def names_record(text: str) -> bool:
    """True when a message asks for the thought record by name."""
    return bool(_NAMES_RECORD.search(text or ""))


def draft_wins(text: str, offered_or_worked_on: bool) -> bool:
    """True when "continue" should go to the paused record, whatever was done last."""
    return (text or "").strip().startswith("/continue_draft") or names_record(text) or offered_or_worked_on


def in_play(session_events: Iterable[tuple[str, Optional[str]]], has_draft: bool) -> bool:
    """True when the record was offered or worked on this session.

    `has_draft` is the slot the welcome back (offering it) and pausing set;
    `session_events` are ("action", name) or ("loop", name) pairs since the session started.
    """
    return has_draft or any(kind == "loop" and name == RECORD_LOOP for kind, name in session_events)
