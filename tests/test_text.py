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


def test_lowered_keeps_the_tokens_and_gives_lower_case_lemmas() -> None:
    shared = text.doc("She WAS Crying, I CAN'T")
    low = text.lowered(shared)
    assert [t.text for t in low] == ["she", "was", "crying", ",", "i", "ca", "n't"]
    assert [t.idx for t in low] == [t.idx for t in shared]
    assert [t.lemma_ for t in low][1:3] == ["be", "cry"]
    assert low[-1].norm_ == "not"


def test_shouted_contractions_split_as_lower_case_ones_do() -> None:
    assert [t.text for t in text.doc("I CAN'T, I DON'T")] == ["I", "CA", "N'T", ",", "I", "DO", "N'T"]


def test_the_detectors_read_a_message_doc_without_tokenising_it_again(monkeypatch) -> None:
    from bot.nlp import crisis, distortions
    from bot.nlp.pipeline import nlp

    message = (
        "Work was awful again. I keep thinking everyone would be better off without me. "
        "I always ruin everything, I'm such a failure."
    )
    crisis.assess("warm up the engines")
    distortions.detect("warm up the engines")
    shared = text.doc(message)
    tokenizer = nlp().tokenizer
    tokenised: list[str] = []

    def counting(string: str):
        tokenised.append(string)
        return tokenizer(string)

    monkeypatch.setattr(nlp(), "tokenizer", counting)
    assert nlp()("probe") is not None and tokenised == ["probe"]  # the probe proves the counter is in place
    tokenised.clear()
    crisis.crisis_cue(shared)
    crisis.assess(shared)
    crisis.explain(shared)
    assert distortions.detect(shared)
    assert tokenised == []
