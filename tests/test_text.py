"""The one normaliser and tokenisation of bot.nlp.text."""
from __future__ import annotations

from bot.nlp import text


def test_apostrophes_are_straightened_and_offsets_hold() -> None:
    written = "I don\u2019t know, it\u02bcs Jo\u2018s `thing` and isn\u2032t mine"
    assert text.normalise(written) == "I don't know, it's Jo's 'thing' and isn't mine"
    assert len(text.normalise(written)) == len(written)


def test_lower_keeps_offsets() -> None:
    assert text.lower("I'M Fine \u0130") == "i'm fine \u0130"


def test_doc_is_made_once_per_text() -> None:
    first = text.doc("She didn\u2019t call")
    assert first is text.doc("She didn\u2019t call")
    assert [t.text for t in first] == ["She", "did", "n't", "call"]


def test_words_are_lower_case_words() -> None:
    assert text.words("Don\u2019t GO, it's 5 o'clock!") == ["don't", "go", "it's", "o'clock"]
