"""What a session has already said, so that a reflection is never said twice.

Reply fingerprints, asked question ids and used template ids, plus the last
person the writer mentioned. Kept in a Rasa slot as plain JSON-able data.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

HISTORY_LIMIT = 500  # remembered replies per session (hashes)
PERSON_TURNS = 6  # how many turns "she"/"him" may still point back to the last person mentioned


@dataclass
class ReflectionHistory:
    """What this session has already said: reply hashes, question ids, template ids.

    It also keeps the last person the writer mentioned ("sister", "Sam") and the
    turn they were last referred to, so that "she", "him" or "them" in a later
    message can be followed as the same person. Stored in a Rasa slot, so it
    round-trips through plain JSON-able data (`to_dict` / `from_dict`).
    """

    replies: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    turn: int = 0
    last_question_turn: int | None = None
    person: str | None = None
    person_turn: int | None = None
    earlier: list[str] = field(default_factory=list)  # question ids (no person) asked in earlier sessions
    mentioned: list[str] = field(default_factory=list)  # everyone named this session, latest last
    relations: dict[str, str] = field(default_factory=dict)  # a name and who they are ("Pete": "brother")

    def seen(self, reply: str) -> bool:
        """True when this reply (ignoring case and spacing) was produced before."""
        return _fingerprint(reply) in self.replies

    def remember(self, reply: str, template: str | None = None) -> None:
        """Record a produced reply and the template it came from."""
        self.replies.append(_fingerprint(reply))
        del self.replies[:-HISTORY_LIMIT]
        if template:
            if template in self.templates:
                self.templates.remove(template)
            self.templates.append(template)

    def asked(self, question_id: str) -> bool:
        """True when the question with this id was asked before in the session, or in an earlier one."""
        return question_id in self.questions or question_id.partition("@")[0] in self.earlier

    def remember_question(self, question_id: str) -> None:
        """Record an asked question for the current turn (a question about a person also tracks them)."""
        if question_id not in self.questions:
            self.questions.append(question_id)
        self.last_question_turn = self.turn
        person = question_id.partition("@")[2]
        if person:
            self.remember_person(person)

    def remember_person(self, person: str) -> None:
        """The person the current turn is about: "she"/"him" in the next turns may mean them."""
        self.person = person
        self.person_turn = self.turn
        self.mention([person])

    def mention(self, people: Sequence[str]) -> None:
        """Everyone named in this turn: with two people a "she" could mean, it means neither for sure."""
        for person in people:
            if person in self.mentioned:
                self.mentioned.remove(person)
            self.mentioned.append(person)
        del self.mentioned[:-PERSON_TURNS]

    def tracked_person(self) -> str | None:
        """The last person mentioned, while still recent (PERSON_TURNS turns); None otherwise."""
        if self.person is None or self.person_turn is None or self.turn - self.person_turn > PERSON_TURNS:
            return None
        return self.person

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a slot."""
        return {
            "replies": list(self.replies),
            "questions": list(self.questions),
            "templates": list(self.templates),
            "turn": self.turn,
            "last_question_turn": self.last_question_turn,
            "person": self.person,
            "person_turn": self.person_turn,
            "earlier": list(self.earlier),
            "mentioned": list(self.mentioned),
            "relations": dict(self.relations),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | Sequence[str] | None) -> "ReflectionHistory":
        """Rebuild from `to_dict` output (older slots without a person too); None or junk gives an empty history."""
        if not data:
            return cls()
        if isinstance(data, (list, tuple)):
            return cls(replies=[str(item) for item in data])
        if not isinstance(data, Mapping):
            return cls()
        last = data.get("last_question_turn")
        person = data.get("person")
        person_turn = data.get("person_turn")
        return cls(
            replies=[str(item) for item in data.get("replies") or []],
            questions=[str(item) for item in data.get("questions") or []],
            templates=[str(item) for item in data.get("templates") or []],
            turn=int(data.get("turn") or 0),
            last_question_turn=int(last) if last is not None else None,
            person=str(person) if person else None,
            person_turn=int(person_turn) if person and person_turn is not None else None,
            earlier=[str(item) for item in data.get("earlier") or []],
            mentioned=[str(item) for item in data.get("mentioned") or []],
            relations={str(k): str(v) for k, v in (data.get("relations") or {}).items()}
            if isinstance(data.get("relations"), Mapping) else {},
        )

    def next_session(self) -> "ReflectionHistory":
        """A fresh history for the next session that still avoids what was said and asked in this one."""
        asked = [q.partition("@")[0] for q in self.questions]
        about = [q for q in self.questions if "@" in q]  # who was asked about: not asked the same way next time
        earlier = list(dict.fromkeys([*self.earlier, *asked, *about]))[-HISTORY_LIMIT:]
        return ReflectionHistory(replies=list(self.replies), earlier=earlier, relations=dict(self.relations))


def _fingerprint(reply: str) -> str:
    normal = " ".join(reply.lower().split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]
