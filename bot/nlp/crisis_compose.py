"""Tier-1 crisis cues composed from meanings (`patterns/crisis_compose.yml`).

The pattern table (`patterns/crisis.yml`) reads wordings; this reads meanings
that come apart across a message: a means or a place in one clause and the act
or the time in the next ("rope is up. chair is there."), a farewell and a
"tonight", who hurts whom and that it is happening now. A rule fires when each
concept it needs has a phrase within a few consecutive sentences, none of them
negated and no word of the rule's `sentence_not` nearby.

Never raises and never logs the text: on any failure it answers None and the
pattern table's answer stands.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot import datafiles
from bot.datafiles import Schema
from bot.nlp import text as _text

logger = logging.getLogger(__name__)

RULES_FILE = Path(__file__).resolve().parent / "patterns" / "crisis_compose.yml"
NEGATION_REACH = 3  # words before a phrase that a negator reaches

_SENTENCE_END = re.compile(r"[.!?;\n]+")
_NOT_WORD = re.compile(r"[^\w#\s]")


@dataclass(frozen=True)
class Concept:
    pattern: re.Pattern[str]
    negatable: bool


@dataclass(frozen=True)
class Rule:
    category: str
    needs: tuple[str, ...]
    excluded: re.Pattern[str] | None


@dataclass(frozen=True)
class Composer:
    concepts: dict[str, Concept]
    rules: tuple[Rule, ...]
    window: int
    negators: frozenset[str]
    spelling: dict[str, str]

    def category(self, text: str) -> str | None:
        sentences = [self._words(s) for s in _SENTENCE_END.split(_normalise(text))]
        sentences = [s for s in sentences if s]
        for start in range(len(sentences)):
            window = " ".join(sentences[start:start + self.window])
            found = self._first_rule(window)
            if found:
                return found
        return None

    def _words(self, sentence: str) -> str:
        words = _NOT_WORD.sub(" ", sentence).split()
        return " ".join(self.spelling.get(w, w) for w in words)

    def _first_rule(self, window: str) -> str | None:
        for rule in self.rules:
            if rule.excluded is not None and rule.excluded.search(window):
                continue
            if all(self._present(self.concepts[name], window) for name in rule.needs):
                return rule.category
        return None

    def _present(self, concept: Concept, window: str) -> bool:
        for match in concept.pattern.finditer(window):
            before = window[: match.start()].split()[-NEGATION_REACH:]
            if not (concept.negatable and self.negators & set(before)):
                return True
        return False


def _normalise(text: str) -> str:
    text = _text.normalise(unicodedata.normalize("NFKC", text)).lower().replace("'", "")
    return re.sub(r"\d+", "#", text)


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One regex for a list of phrases: words by spaces, "word*" any ending, "#" a number."""
    def word(token: str) -> str:
        if token == "#":
            return "#"
        if token.startswith("#"):
            return "#" + re.escape(token[1:])
        if token.endswith("*"):
            return re.escape(token[:-1]) + r"[a-z]*"
        return re.escape(token)

    options = sorted((r"\s+".join(word(t) for t in str(p).split()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9#])(?:" + "|".join(options) + r")(?![a-z0-9])")


class _ConceptTable(Schema):
    phrases: list[str]
    negatable: bool = False


class _RuleTable(Schema):
    category: str
    needs: list[str]
    sentence_not: list[str] = []


class ComposeTable(Schema):
    """The keys of `patterns/crisis_compose.yml` (documented in its header)."""

    window: int = 2
    negators: list[str] = []
    concepts: dict[str, _ConceptTable] = {}
    rules: list[_RuleTable] = []
    other_language_words: list[str] = []


def build(table: ComposeTable | dict[str, Any], spelling: dict[str, list[str]] | None = None) -> Composer:
    """The composer for `table` (a dict is checked against `ComposeTable` first)."""
    if isinstance(table, dict):
        table = ComposeTable.parse_obj(table)
    concepts = {
        name: Concept(_phrase_regex(spec.phrases), spec.negatable) for name, spec in table.concepts.items()
    }
    rules = tuple(
        Rule(rule.category, tuple(rule.needs), _phrase_regex(rule.sentence_not) if rule.sentence_not else None)
        for rule in table.rules
    )
    for rule in rules:
        missing = set(rule.needs) - set(concepts)
        if missing:
            raise ValueError(f"rule {rule.category} needs unknown concepts {sorted(missing)}")
    repairs = {variant: word for word, variants in (spelling or {}).items() for variant in variants}
    return Composer(concepts, rules, table.window, frozenset(table.negators), repairs)


@lru_cache(maxsize=1)
def composer() -> Composer | None:
    """The composer built from RULES_FILE (with crisis.yml's spelling table); None if unreadable."""
    try:
        from bot.nlp.crisis import _table

        return build(datafiles.load(RULES_FILE, ComposeTable), _table().spelling)
    except Exception as error:  # noqa: BLE001 - the pattern table still answers
        logger.error("composed crisis rules could not be loaded (%s)", type(error).__name__)
        return None


@lru_cache(maxsize=1)
def _other_language_words() -> frozenset[str]:
    try:
        table = datafiles.load(RULES_FILE, ComposeTable)
        return frozenset(_normalise(w) for w in table.other_language_words)
    except Exception:  # noqa: BLE001
        return frozenset()


def other_language(text: str) -> bool:
    """True when most words of `text` are common words of another language:
    such a message is not an English "yes" or "no"."""
    if not isinstance(text, str):
        return False
    words = _NOT_WORD.sub(" ", _normalise(text)).split()
    foreign = sum(word in _other_language_words() for word in words)
    return foreign >= 1 and foreign * 2 >= len(words)


def category(text: str) -> str | None:
    """The category of the first composed rule `text` meets, or None."""
    built = composer()
    if built is None or not isinstance(text, str):
        return None
    try:
        return built.category(text)
    except Exception as error:  # noqa: BLE001 - a detector must never take the bot down
        logger.error("composed crisis rules failed (%s)", type(error).__name__)
        return None
