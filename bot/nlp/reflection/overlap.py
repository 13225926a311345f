"""Which of their words a reply takes up: content words, telling words, and parrot checks.

A reflection must reuse at least one of the person's words, yet never say the
whole message back: both checks compare content words, roughly stemmed.
"""
from __future__ import annotations

import re
from typing import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.reflection.clauses import Clause
from bot.nlp.reflection.data import data
from bot.nlp.reflection.words import WORD, word_run
from bot.nlp.text import doc, normalise
from bot.nlp.wellformed import is_verb_form


def _stem(word: str) -> str:
    """A rough stem ("worried" -> "worri"), kept over spaCy's lemmas on purpose.

    Lemmas join more words ("rang" and "ring"), so two clauses that say different
    things would count as one thing said twice, and replies on the dev sessions change.
    """
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Content words, roughly stemmed: no stop words, fillers, contractions or "feel"."""
    tables = data()
    skip = tables.filler_words | tables.function_words | tables.feel_words
    words = (re.sub(r"(n't|'[a-z]+)$", "", w.lower()) for w in WORD.findall(normalise(text)))
    return {_stem(w) for w in words if len(w) > 1 and w not in skip}


def echoes(reply: str, wanted: set[str]) -> bool:
    """True when the reply holds every content word of the message (`wanted`): a parrot, not a reflection."""
    return bool(wanted) and wanted <= content_words(reply)


def says_whole(reply: str, whole: list[str]) -> bool:
    """True when the reply holds `whole` (the message's words, pronouns turned) word for word."""
    if not whole:
        return False
    said = word_run(reply)
    n = len(whole)
    return any(said[i : i + n] == whole for i in range(len(said) - n + 1))


def key_words(clauses: Sequence[Clause], window: str = "") -> list[str]:
    """Their most telling words, for the last-resort reflection: long words whose lemma is no small or filler word.

    Each clause is read as its piece of the window's `Doc` (`window`: the text the clauses were cut from).
    """
    tables = data()
    skip = STOP_WORDS | tables.filler_words | tables.function_words | tables.feel_words | tables.not_key_words
    parsed = doc(window) if window else None
    found: list[str] = []
    for clause in clauses:
        piece = parsed.char_span(clause.start, clause.end, alignment_mode="expand") if parsed and clause.start >= 0 else None
        tokens = list(piece) if piece is not None and piece.text.strip() == clause.text.strip() else list(doc(clause.text))
        for i, token in enumerate(tokens):
            lower = token.lower_
            lemma = token.lemma_.lower()
            before = tokens[i - 1].lower_ if i else ""
            if (
                len(lower) >= 3 and token.is_alpha and lower not in skip and lemma not in skip
                and lower not in found and not lower.endswith("ly") and before not in tables.idiom_before
                and not (lower.endswith(("ing", "ed")) and is_verb_form(lower))
            ):
                found.append(lower)
    return sorted(found, key=len, reverse=True)
