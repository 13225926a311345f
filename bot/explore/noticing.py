"""What a journaling session notices across turns and entries.

A person named before ("Last time you wrote that Pete ..."), a feeling that
comes back, grief not put into words, and a theme that recurs across entries:
each is said once a session, tentatively. `JournalSession` reads messages and
answers; this is the part of it that remembers and notices.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from bot.explore import patterns
from bot.explore.loss import losses_in
from bot.explore.moves import Guess, grief_guess
from bot.explore.state import ExploreState
from bot.explore.themes import same_theme
from bot.nlp.feelings import FeelingSpan, feeling_spans
from bot.nlp.reflection import mirror_clause, ranked_clauses
from bot.nlp.wellformed import is_well_formed
from bot.store.repository import Repository

PATTERN_WINDOW_DAYS = 30  # a theme recurs when it is in PATTERN_MIN_ENTRIES entries of this many days
PATTERN_MIN_ENTRIES = 2

_SUBJECTS = frozenset("i i'm i've i'd he he's she she's they they're we we're it it's my our".split())


def _opens_with_subject(clause: str) -> bool:
    """True for "Pete rang", "my dad said": a clause that says who, not "mostly about mum when ..."."""
    first = clause.split()[0]
    return first.lower() in _SUBJECTS or (first[:1].isupper() and first.lower() not in STOP_WORDS)


def named_feelings(text: str) -> list[FeelingSpan]:
    """The feelings they name as theirs (not negated, in words)."""
    return [s for s in feeling_spans(text) if not s.feeling.negated and s.feeling.adjective.isascii()]


def utc_now() -> datetime:
    """Now, in UTC (the stored entries' time zone)."""
    return datetime.now(timezone.utc)


class Noticing:
    """The noticing half of a journaling session, over one person's stored entries."""

    repo: Repository
    sender: str

    @staticmethod
    def _link_earlier(people: list[str], state: ExploreState) -> Optional[str]:
        """Bring back what they wrote about this person before, once a session ("Last time you wrote that ...")."""
        for person in people:
            earlier = state.said_about.get(person)
            if not earlier or person in state.linked:
                continue
            clause, session = earlier
            when = "Last time" if session < state.session else "Earlier"
            line = f"{when} you wrote that {clause}."
            if is_well_formed(line):
                state.linked.append(person)
                return line
        return None

    def _feeling_again(self, text: str, state: ExploreState) -> Optional[str]:
        """A feeling they named earlier today or in an earlier entry, pointed out once a session as coming back."""
        named = [s for s in named_feelings(text) if s.feeling.canonical not in state.felt_noted]
        if not named:
            return None
        before = {t.partition(":")[2] for e in self.repo.journal_entries_for(self.sender, limit=10)
                  if e["id"] != state.entry_id for t in e["themes"] if t.startswith("feeling:")}
        for span in named:
            family = span.feeling.canonical
            when = "earlier today" if family in state.felt else "in your earlier entries" if family in before else None
            if when:
                state.felt_noted.append(family)
                # the family, not today's word: "livid" earlier and "resentment" now are both anger
                return f"Feeling {family} came up {when} as well."
        return None

    @staticmethod
    def _remember_words(text: str, people: list[str], state: ExploreState) -> None:
        """Keep a short clause of theirs about each person, to link back to later."""
        for person in people:
            for clause in ranked_clauses(text, [person])[:4]:
                if person.lower() not in clause.lower() or not 4 <= len(clause.split()) <= 14 or not _opens_with_subject(clause):
                    continue
                mirrored = mirror_clause(clause, [p for p in people if p[:1].isupper()]).rstrip(".!?,;: ")
                if is_well_formed(f"Earlier you wrote that {mirrored}."):
                    state.said_about[person] = [mirrored, state.session]
                    break

    def _grief_unsaid(self, text: str, state: ExploreState, turn: int) -> Optional[Guess]:
        """Writing about someone who died without naming a feeling: the grief wondered about, once a session."""
        if named_feelings(text) or not self._grieving(text, state):
            return None
        return grief_guess(turn)

    @staticmethod
    def _grieving(text: str, state: ExploreState) -> bool:
        """True when the message tells of a loss or speaks of someone who died: no offers then."""
        if losses_in(text):
            return True
        lower = text.lower()
        return any(re.search(rf"\b{re.escape(who.lower())}\b", lower) for who in state.deceased)

    def _relations(self, state: ExploreState) -> dict[str, str]:
        """Who the names are, as this person said in any entry ("my sister Lorna"): one person is named once."""
        from bot.explore.themes import relations_of
        from bot.nlp.reflection import ReflectionHistory

        found = dict(ReflectionHistory.from_dict(state.history or state.carry).relations)
        names = [n for n in state.known_people if n[:1].isupper()]
        for entry in self.repo.journal_entries_for(self.sender, limit=30):
            for name, relation in relations_of(entry["text"], names).items():
                found.setdefault(name, relation)
        return found

    def _noticed_pattern(self, themes: list[str], state: ExploreState) -> Optional[str]:
        """A tentative remark the first time a theme of this message recurs across entries (one a session)."""
        if state.noticed:
            return None
        now = utc_now()
        entries = self.repo.journal_entries_for(self.sender, since=now - timedelta(days=PATTERN_WINDOW_DAYS))
        relations = self._relations(state)  # "your girlfriend" is Kayla: one person, counted once
        themes = patterns.as_named(themes, relations)
        found = patterns.recurring(
            [(e["created_at"], patterns.as_named(e["themes"], relations)) for e in entries], now,
            window_days=PATTERN_WINDOW_DAYS, min_count=PATTERN_MIN_ENTRIES,
        )
        for pattern in found:
            if pattern.count < 3 and not pattern.theme.startswith(("person:", "theme:")):
                continue  # a feeling or a place twice is ordinary; a person or a loss twice is worth a word
            key = same_theme(pattern.theme)
            if key in {same_theme(t) for t in themes} and key not in state.noticed:
                state.noticed.append(key)
                who = pattern.theme.partition(":")[2].lower() if pattern.theme.startswith("person:") else None
                grief = pattern.theme in ("theme:grief", "theme:loss")
                return patterns.notice(pattern, mourned=grief or who in {d.lower() for d in state.deceased})
        return None
