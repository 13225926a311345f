"""Saying a loss back: a warm, specific acknowledgement, and who has died.

"I'm so sorry about your dad." The wording is in `data/loss.yml`.
"""
from __future__ import annotations

import re
from typing import Iterable

from bot.explore.loss_data import Loss, table
from bot.nlp.text import normalise

# A break-up that is the end of a marriage is said as one ("I'm so sorry about the divorce").
_MARRIAGE = re.compile(
    r"(?<!not )(?<!n't )(?<!never )(?<!no )\b(?:divorc\w*|separat\w*|married|talaq|decree (?:absolute|nisi)|"
    r"(?:years|decades) of marriage|(?:our|my|the) marriage (?:is|was|has|had|ended|broke|fell)|end of (?:our|my|the) marriage|"
    r"my (?:wife|husband|ex-wife|ex-husband))\b"
)
_NOT_MARRIED = re.compile(r"\b(?:weren't|were not|wasn't|was not|never|not) (?:\w+ )?married\b|\bno divorce\b")
# The writer's parents parting ("my mum and dad are splitting up"): said as theirs.
_PARENTS = re.compile(r"\b(?:my|our) (?:parents|(?:mum|mom|mam|dad) and (?:mum|mom|mam|dad))\b")
# A break-up that came of being cheated on is said as the betrayal it is.
_CHEATED = re.compile(r"\b(?:cheated|cheating) on me\b|\b(?:had|having) an affair\b")
def deceased(losses: Iterable[Loss]) -> list[str]:
    """Who has died, by their word ("dad", "Pete"), from these losses."""
    return [who for loss in losses if loss.kind in ("death", "pet") and not loss.owner for who in (loss.who, loss.name) if who]


def pronouns(who: str) -> tuple[str, str]:
    """("he", "him") for "dad", ("she", "her") for "mum", ("they", "them") when unknown."""
    return table().pronoun_of.get(who.lower(), ("they", "them"))


def acknowledge(loss: Loss, text: str, turn: int = 0) -> str:
    """A warm, specific acknowledgement of `loss` in the words of `text`; never a question."""
    data = table()
    kind = loss.kind
    if kind == "death" and not loss.who:
        kind = "death_unknown"
    if kind in ("diagnosis", "job", "estrangement") and loss.who:
        kind = f"{kind}_other"
    if kind == "pet" and not loss.who:
        kind = "pet_unknown"
    if kind in ("failure", "home") and loss.what:
        kind = f"{kind}_what"
    if kind == "breakup" and _PARENTS.search(normalise(text).lower()):
        kind = "parents_split"
    elif kind == "breakup" and _MARRIAGE.search(normalise(text).lower()) and not _NOT_MARRIED.search(normalise(text).lower()):
        lowered = normalise(text).lower()
        kind = "separation" if "separat" in lowered and "divorc" not in lowered else "divorce"
    elif kind == "breakup" and _CHEATED.search(normalise(text).lower()):
        kind = "cheated"
    options = data.acknowledge.get(kind) or data.acknowledge["death_unknown"]
    person = loss.person
    subject, obj = pronouns(loss.who) if loss.who else ("they", "them")
    said = options[turn % len(options)].format(person=person, they=subject, them=obj, what=_said_back(loss.what or ""))
    if kind == "death":
        lower = normalise(text).lower()
        follow = data.followups
        if any(re.search(rf"\b{re.escape(w)}\b", lower) for w in follow["sudden"]):
            said += " " + follow["sudden_text"]
        elif any(re.search(rf"\b{re.escape(w)}\b", lower) for w in follow["recent"]):
            said += " " + follow["recent_text"]
        elif not loss.owner:  # "someone so close" is for the writer's own
            said += " " + follow["default"]
    return said


def _said_back(words: str) -> str:
    """Their words for what they lost, said back to them: "my driving test" -> "your driving test"."""
    said = re.sub(r"\b(?:my|our)\b", "your", re.sub(r"\bme\b", "you", words.strip().lower()))
    return said if re.match(r"(?:the|your|a|an|all|both|two|half)\b", said) else f"the {said}"


def acknowledge_all(losses: list[Loss], text: str, turn: int = 0) -> str:
    """The first loss acknowledged in full, and a second one of another kind named after it."""
    said = acknowledge(losses[0], text, turn)
    other = next((loss for loss in losses[1:] if loss.kind != losses[0].kind), None)
    if other is not None and other.kind in table().also:
        said += " " + table().also[other.kind]
    return said
