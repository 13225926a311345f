"""The shared spaCy pipeline: `spacy.blank("en")` plus lookup lemmas.

No trained spaCy model is used (none may be downloaded at run time); the lemma
tables come from the installed `spacy-lookups-data` package. Build once per
process and share: `nlp()` is cached.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


def parse(text: str) -> Doc:
    """Tokenise and lemmatise `text` with the shared pipeline."""
    return nlp()(text)
