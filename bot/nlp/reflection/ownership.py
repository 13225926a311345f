"""Whose feeling a feeling word is: "She was not angry, only sad that I hide it" gives sad to her.

`bot.nlp.feelings` leaves out a feeling whose clause names someone else; a
sentence often names them a clause earlier ("she was not angry about the job,
only sad ..."). Here the nearest person before the feeling in its sentence
decides: the writer ("I", "me", "my") or someone else ("she", "my mother", a
name).
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc

from bot.nlp.feelings import FeelingSpan

_SELF = frozenset("i i'm im i've ive i'd i'll me my myself".split())
_OTHERS = frozenset("she he they she's he's they're shes hes theyre".split())  # who feels, not whom
_RELATIONS = frozenset(
    "mum mom mother mam dad father mother's father's sister brother son daughter wife husband partner boyfriend "
    "girlfriend friend boss manager teacher grandma grandpa nan gran aunt uncle cousin colleague".split()
)
_SENTENCE_END = frozenset(".!?\n")


def theirs(doc: Doc, span: FeelingSpan, is_relation: Optional[Callable[[str], bool]] = None) -> bool:
    """False when the nearest person before the feeling in its sentence is someone else, or when it is a bare
    item of a list the sentence goes on to give to someone else."""
    relation = is_relation or (lambda word: word in _RELATIONS)
    if span.start > 0 and doc[span.start - 1].text in (",", ":"):
        # a bare item of a list ("difficult, proud, sharp-tongued, but she could be very funny"): the list
        # describes whoever the sentence goes on to name
        for token in doc[span.end:]:
            if token.text in _SENTENCE_END or token.text.endswith((".", "!", "?")) or "\n" in token.text:
                break
            word = token.lower_
            if word in _SELF:
                break
            if word in _OTHERS or relation(word):
                return False
    for token in reversed(doc[: span.start]):
        if token.text in _SENTENCE_END or token.text.endswith((".", "!", "?")) or "\n" in token.text:
            return True
        word = token.lower_
        if word in _SELF:
            return True
        if word in _OTHERS or relation(word):
            return False
        if token.is_alpha and token.text[:1].isupper() and token.text[1:].islower() and word != "i" and not (
                token.i == 0 or doc[token.i - 1].text in _SENTENCE_END):
            return False  # "Mira said I look tired"
    return True
