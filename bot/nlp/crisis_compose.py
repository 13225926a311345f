"""Tier-1 crisis cues composed from meanings (`patterns/crisis_compose.yml`).

The pattern table (`patterns/crisis.yml`) reads wordings; this reads meanings
that come apart across a message: a means or a place in one clause and the act
or the time in the next ("rope is up. chair is there."), a farewell and a
"tonight", who hurts whom and that it is happening now. A rule fires when each
concept it needs has a phrase within a few consecutive sentences, none of them
negated and no phrase of the rule's `sentence_not` nearby.

Phrases are spaCy patterns compiled by `bot.nlp.matching` and matched on a
`Doc` of word pieces made here from the message's shared tokens, tidied as the
crisis detector tidies them (`crisis_reading.plain_text`): each written word
(tokens not parted by a space) loses its apostrophes ("i'm" -> "im", the
apostrophe-free form people type), numbers become "#", and it is cut into pieces (a run of a-z, or any other single character), so a
phrase matches whole words, or the part of a word next to a digit or a
non-ASCII letter ("rope" in "rope2", "hes" in "_hes"), as the file's header says.

A rule marked `tier: 2` names a warning sign that calls for the gentle
check-in, not helplines (giving things away with "won't need it", a burden
"if I wasn't here"): `warning_sign(text)` reads those rules alone, for tier 2
(`bot.nlp.risk_classifier`); `category(text)` never does.

Never raises and never logs the text: on any failure it answers None and the
pattern table's answer stands.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from bot import datafiles
from bot.datafiles import Schema
from bot.nlp import text as _text
from bot.nlp.crisis_reading import plain_text
from bot.nlp.matching import compile_entries
from bot.nlp.pipeline import nlp

logger = logging.getLogger(__name__)

RULES_FILE = Path(__file__).resolve().parent / "patterns" / "crisis_compose.yml"
NEGATION_REACH = 3  # words before a phrase that a negator reaches

_SENTENCE_END = re.compile(r"[.!?;\n]+")
_NOT_WORD = re.compile(r"[^\w#\s]")
_PIECE = re.compile(r"[a-z]+|.")
_LETTER_OR_NUMBER = frozenset("abcdefghijklmnopqrstuvwxyz#")  # a phrase never starts right after one
_LETTER = frozenset("abcdefghijklmnopqrstuvwxyz")  # ... nor ends right before one

Span = tuple[int, int]  # [start, end) in pieces


@dataclass(frozen=True)
class Rule:
    category: str
    needs: tuple[str, ...]
    excluded: str | None  # the matcher key of its `sentence_not` phrases
    tier: int = 1  # 1: helplines at once; 2: a warning sign for the check-in


@dataclass(frozen=True)
class Message:
    """A message as the composer reads it: one `Doc` of word pieces over its sentences."""

    doc: Doc
    words: list[str]  # the words (repaired), in order
    word_of: list[int]  # piece -> index of its word
    word_start: list[bool]  # piece -> does its word start with it
    sentences: list[tuple[int, int]]  # (first piece, first word) of each sentence


class Composer:
    """The concepts' and rules' phrases compiled into one matcher, and the rules in order."""

    def __init__(
        self,
        concepts: dict[str, list[Any]],
        negatable: frozenset[str],
        rules: tuple[Rule, ...],
        exclusions: dict[str, list[Any]],
        window: int,
        negators: frozenset[str],
        spelling: dict[str, str],
    ) -> None:
        self.vocab: Vocab = nlp().vocab
        self.rules = rules
        self.negatable = negatable
        self.window = window
        self.negators = negators
        self.spelling = spelling
        self.phrases = PhraseMatcher(self.vocab, attr="ORTH")
        self.tokens = Matcher(self.vocab)
        self.layouts: dict[str, frozenset[str]] = {}  # key -> the phrases' texts, spaces included
        for key, entries in {**concepts, **exclusions}.items():
            texts, patterns = compile_entries(entries, {}, self.vocab, f"{RULES_FILE.name} {key}")
            layouts = {" ".join(str(t).split()) for t in texts}
            self.layouts[key] = frozenset(layouts)
            if layouts:
                self.phrases.add(key, [self._doc([t.split()]) for t in sorted(layouts)])
            if patterns:
                self.tokens.add(key, patterns)

    def category(self, text: str | Doc, tier: int = 1) -> str | None:
        """The category of the first rule of `tier` met in a window of `self.window` sentences, or None."""
        message = self._read(plain_text(_text.doc_of(text)))
        if not message.sentences:
            return None
        found = self._matches(message)
        ends = [first for first, _ in message.sentences[1:]] + [len(message.doc)]
        for start in range(len(message.sentences)):
            first_piece, first_word = message.sentences[start]
            end_piece = ends[min(start + self.window, len(message.sentences)) - 1]
            found_rule = self._first_rule(message, found, first_piece, first_word, end_piece, tier)
            if found_rule:
                return found_rule
        return None

    # -- reading

    def _read(self, plain: str) -> Message:
        sentences: list[list[str]] = []
        for sentence in _SENTENCE_END.split(_without_apostrophes(plain)):
            joined = " ".join(self.spelling.get(w, w) for w in _NOT_WORD.sub(" ", sentence).split())
            if joined:  # a sentence of words repaired to nothing still counts
                sentences.append(joined.split())
        doc = self._doc(sentences)
        words: list[str] = []
        word_of: list[int] = []
        word_start: list[bool] = []
        bounds: list[tuple[int, int]] = []
        for sentence in sentences:
            bounds.append((len(word_of), len(words)))
            for word in sentence:
                pieces = _PIECE.findall(word)
                word_of += [len(words)] * len(pieces)
                word_start += [True] + [False] * (len(pieces) - 1)
                words.append(word)
        return Message(doc, words, word_of, word_start, bounds)

    def _doc(self, sentences: list[list[str]]) -> Doc:
        pieces: list[str] = []
        spaces: list[bool] = []
        for sentence in sentences:
            for word in sentence:
                cut = _PIECE.findall(word)
                pieces += cut
                spaces += [False] * (len(cut) - 1) + [True]
        if spaces:
            spaces[-1] = False
        return Doc(self.vocab, words=pieces, spaces=spaces)

    # -- matching

    def _matches(self, message: Message) -> dict[str, list[Span]]:
        """Each key's matches, sorted by start and longest first, that start and end where a phrase may."""
        doc = message.doc
        found: dict[str, set[Span]] = {}
        for match_id, start, end in self.phrases(doc):
            key = self.vocab.strings[match_id]
            if doc[start:end].text in self.layouts[key] and _bounded(doc, start, end):
                found.setdefault(key, set()).add((start, end))
        if len(self.tokens):
            for match_id, start, end in self.tokens(doc):
                if _bounded(doc, start, end):
                    found.setdefault(self.vocab.strings[match_id], set()).add((start, end))
        return {key: sorted(spans, key=lambda s: (s[0], -s[1])) for key, spans in found.items()}

    def _first_rule(
        self, message: Message, found: dict[str, list[Span]], first: int, first_word: int, end: int, tier: int = 1
    ) -> str | None:
        for rule in self.rules:
            if rule.tier != tier:
                continue
            if rule.excluded is not None and _inside(found.get(rule.excluded, []), first, end):
                continue
            if all(self._present(message, name, found.get(name, []), first, first_word, end) for name in rule.needs):
                return rule.category
        return None

    def _present(self, message: Message, name: str, spans: list[Span], first: int, first_word: int, end: int) -> bool:
        """True when a phrase of concept `name` is in the window [first, end) and not negated.

        Matches are read left to right, the longest at each place, skipping
        those that overlap one already read; one not negated is enough.
        """
        if name not in self.negatable:
            return bool(_inside(spans, first, end))
        position = first
        for start, stop in _inside(spans, first, end):
            if start < position:
                continue
            position = stop
            if not self._negated(message, start, first_word):
                return True
        return False

    def _negated(self, message: Message, start: int, first_word: int) -> bool:
        """True when a negator is among the NEGATION_REACH words before piece `start` in its window.

        A phrase that starts inside a word ("rope" in "_rope") has the word's
        beginning as one of those words.
        """
        word = message.word_of[start]
        reach = NEGATION_REACH if message.word_start[start] else NEGATION_REACH - 1
        return any(w in self.negators for w in message.words[max(first_word, word - reach):word])


def _bounded(doc: Doc, start: int, end: int) -> bool:
    """True when doc[start:end] does not begin right after a letter or number, nor end right before a letter."""
    if start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text[-1] in _LETTER_OR_NUMBER:
        return False
    return end >= len(doc) or bool(doc[end - 1].whitespace_) or doc[end].text[0] not in _LETTER


def _inside(spans: list[Span], first: int, end: int) -> list[Span]:
    """The spans that lie within [first, end), in order."""
    out: list[Span] = []
    for span in spans[bisect_left(spans, first, key=lambda span: span[0]):]:
        if span[0] >= end:
            break
        if span[1] <= end:
            out.append(span)
    return out


def _without_apostrophes(plain: str) -> str:
    """Tidied lower-case text with its apostrophes dropped ("i'm" -> "im") and every number written "#"."""
    return re.sub(r"\d+", "#", plain.replace("'", ""))


def _normalise(text: str) -> str:
    """A word of the table read as message words are read."""
    return _without_apostrophes(plain_text(_text.doc(text)))


Entry = Union[str, list[dict[str, Any]]]  # a phrase or a spaCy token pattern


class _ConceptTable(Schema):
    phrases: list[Entry]
    negatable: bool = False


class _RuleTable(Schema):
    category: str
    needs: list[str]
    sentence_not: list[Entry] = []
    tier: int = 1


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
    if table.window < 1:
        raise ValueError(f"window must be at least one sentence, not {table.window}")
    for rule in table.rules:
        missing = set(rule.needs) - set(table.concepts)
        if missing:
            raise ValueError(f"rule {rule.category} needs unknown concepts {sorted(missing)}")
        if rule.tier not in (1, 2):
            raise ValueError(f"rule {rule.category} has tier {rule.tier}; a rule is tier 1 or tier 2")
    exclusions = {f"rules[{n}].sentence_not": rule.sentence_not for n, rule in enumerate(table.rules) if rule.sentence_not}
    rules = tuple(
        Rule(rule.category, tuple(rule.needs), f"rules[{n}].sentence_not" if rule.sentence_not else None, rule.tier)
        for n, rule in enumerate(table.rules)
    )
    repairs = {variant: word for word, variants in (spelling or {}).items() for variant in variants}
    return Composer(
        concepts={name: spec.phrases for name, spec in table.concepts.items()},
        negatable=frozenset(name for name, spec in table.concepts.items() if spec.negatable),
        rules=rules,
        exclusions=exclusions,
        window=table.window,
        negators=frozenset(table.negators),
        spelling=repairs,
    )


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


def category(text: str | Doc) -> str | None:
    """The category of the first composed tier-1 rule `text` meets, or None."""
    return _category(text, 1)


def warning_sign(text: str | Doc) -> str | None:
    """The category of the first tier-2 rule `text` meets (a warning sign for the check-in), or None."""
    return _category(text, 2)


def _category(text: str | Doc, tier: int) -> str | None:
    built = composer()
    if built is None or not isinstance(text, (str, Doc)):
        return None
    try:
        return built.category(text, tier)
    except Exception as error:  # noqa: BLE001 - a detector must never take the bot down
        logger.error("composed crisis rules failed (%s)", type(error).__name__)
        return None
