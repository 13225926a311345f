"""One engine for word lists and token patterns kept in YAML data files.

Lexicons (feeling words, people, contexts, past references, self-statements)
live in YAML so they can be read and extended without touching code. A table
maps a label to entries; an entry is either a phrase (a string, matched on
lower-cased tokens with spaCy's `PhraseMatcher`) or a spaCy `Matcher` token
pattern (a list of dicts). Tables are compiled once per process and cached.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from bot.nlp import text as _text
from bot.nlp.matching import compile_entries
from bot.nlp.pipeline import nlp


@dataclass(frozen=True)
class Match:
    """One hit of a table: its label and token range [start, end)."""

    label: str
    start: int
    end: int


def inflections(word: str) -> set[str]:
    """Regular English inflections of one word (worry -> worries, worried, worrying).

    Over-generating is harmless: a non-word never appears in a message.
    """
    forms = {word}
    if not word.isalpha():
        return forms
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        stem = word[:-1]
        forms |= {stem + "ies", stem + "ied", word + "ing"}
    elif word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


class Rules:
    """A compiled table: `find(doc)` returns the longest non-overlapping matches."""

    def __init__(self, table: Mapping[str, Iterable[Any]], inflect: bool = False) -> None:
        pipeline = nlp()
        self._phrases = PhraseMatcher(pipeline.vocab, attr="LOWER")
        self._tokens = Matcher(pipeline.vocab)
        for label, entries in table.items():
            phrases: list[Doc] = []
            texts, patterns = compile_entries(entries or [], {}, pipeline.vocab, f"table {label!r}")
            for entry in texts:
                for variant in _variants(entry.lower(), inflect):
                    phrases.append(pipeline.make_doc(variant))
            if phrases:
                self._phrases.add(str(label), phrases)
            if patterns:
                self._tokens.add(str(label), patterns)

    def find(self, doc: Doc) -> list[Match]:
        """Matches in `doc`, longest first when they overlap, in text order."""
        spans = []
        if len(self._phrases):
            spans += self._phrases(doc, as_spans=True)
        if len(self._tokens):
            spans += self._tokens(doc, as_spans=True)
        return [Match(span.label_, span.start, span.end) for span in sorted(filter_spans(spans), key=lambda s: s.start)]


def _variants(phrase: str, inflect: bool) -> set[str]:
    """The phrase, plus inflections of its first word when `inflect` is set."""
    if not inflect:
        return {phrase}
    first, _, rest = phrase.partition(" ")
    return {f"{form} {rest}".strip() for form in inflections(first)}


def normalise(text: str) -> str:
    """`bot.nlp.text.normalise`; kept for tests/test_reflection.py, remove once it imports that."""
    return _text.normalise(text)
