"""The shared spaCy pipeline: `spacy.blank("en")` plus lookup lemmas.

No trained spaCy model is used (none may be downloaded at run time); the lemma
tables come from the installed `spacy-lookups-data` package. Build once per
process and share: `nlp()` is cached.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    _shouted_exceptions(pipeline)
    return pipeline


def _shouted_exceptions(pipeline: Language) -> None:
    """Split capitalised contractions as their lower case is split ("CAN'T" -> "CA", "N'T"),
    so a message reads the same in any case and a lower-case copy keeps its tokens."""
    rules = pipeline.tokenizer.rules or {}
    for text, pieces in list(rules.items()):
        upper = text.upper()
        if text == text.lower() and upper != text and upper not in rules and "".join(p[ORTH] for p in pieces) == text:
            pipeline.tokenizer.add_special_case(upper, [{**p, ORTH: p[ORTH].upper()} for p in pieces])


def lemmatise(doc: Doc) -> Doc:
    """Give the tokens of a `Doc` made from words (not from a text) their lemmas."""
    return nlp().get_pipe("lemmatizer")(doc)


def parse(text: str) -> Doc:
    """Tokenise and lemmatise `text` with the shared pipeline."""
    return nlp()(text)
