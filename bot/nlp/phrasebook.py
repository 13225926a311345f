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

from bot.nlp.matching import compile_entries
from bot.nlp.pipeline import nlp


@dataclass(frozen=True)
class Match:
    """One hit of a table: its label and token range [start, end)."""

    label: str
    start: int
    end: int


class Rules:
    """A compiled table: `find(doc)` returns the longest non-overlapping matches.

    With `inflect`, phrases also match the inflections of their first word
    (the compiler's `inflect` expansion).
    """

    def __init__(self, table: Mapping[str, Iterable[Any]], inflect: bool = False) -> None:
        pipeline = nlp()
        self._phrases = PhraseMatcher(pipeline.vocab, attr="LOWER")
        self._tokens = Matcher(pipeline.vocab)
        for label, entries in table.items():
            entries = [entry.lower() if isinstance(entry, str) else entry for entry in entries or []]
            texts, patterns = compile_entries(entries, {}, pipeline.vocab, f"table {label!r}", inflect=inflect)
            phrases = [pipeline.make_doc(text) for text in texts]
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
