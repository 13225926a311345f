"""Feeling words: canonical family, intensity, negation, and whose feeling it is."""
from __future__ import annotations

import pytest

from bot.nlp.feelings import Feeling, feeling_spans, feelings_in, mended


def test_finds_feeling_with_intensity():
    assert feelings_in("I feel really anxious about the exam") == [Feeling("anxious", "anxious", "really", False)]


@pytest.mark.parametrize(
    "text, intensity",
    [("I'm a bit sad", "a bit"), ("I'm slightly worried", "slightly"), ("I was extremely angry", "extremely"),
     ("I'm kind of lonely", "kind of"), ("I am so tired", "so"), ("I'm sad", None)],
)
def test_intensity_words(text, intensity):
    assert feelings_in(text)[0].intensity == intensity


@pytest.mark.parametrize(
    "text", ["I'm not happy.", "I don't feel happy at all", "I'm not really that happy", "I don't think I'm happy"]
)
def test_negation(text):
    (feeling,) = feelings_in(text)
    assert feeling.canonical == "happy" and feeling.negated


def test_never_so_is_emphasis_not_negation():
    (feeling,) = feelings_in("I've never felt so alone")
    assert feeling.canonical == "lonely" and not feeling.negated and feeling.intensity == "so"


def test_nouns_are_said_as_adjectives():
    (feeling,) = feelings_in("My anxiety is through the roof")
    assert feeling.canonical == "anxious" and feeling.adjective == "anxious"


@pytest.mark.parametrize(
    "text",
    ["I sat down and cried", "I'm good at maths", "She was angry at me", "My mum is anxious", "I lost my keys",
     "We had a good time"],
)
def test_not_the_writers_feeling(text):
    assert feelings_in(text) == []


@pytest.mark.parametrize(
    "text, canonical",
    [("I feel down", "low"), ("I've been feeling a bit low lately", "low"), ("It makes me anxious", "anxious"),
     ("I feel lost", "confused"), ("I'm so tired 😩", "tired"), ("😢", "sad"), ("I’m so sad", "sad")],
)
def test_families(text, canonical):
    assert feelings_in(text)[0].canonical == canonical


def test_emoji_is_said_as_its_family():
    assert feelings_in("😢")[0].adjective == "sad"


@pytest.mark.parametrize(
    "text",
    ["The flat is the last place mum was happy.", "Jo was furious with me.", "It's the one thing Pete was proud of."],
)
def test_a_feeling_of_someone_named_is_theirs_not_the_writers(text):
    assert feeling_spans(text) == []


def test_the_writers_own_feeling_next_to_a_name_still_counts():
    assert [s.feeling.canonical for s in feeling_spans("Mum and I were happy. Today was awful, I felt sad.")] == [
        "happy", "sad"]


@pytest.mark.parametrize(
    "text", ["no im not going to hurt myself, i just miss her", "I was good in my work", "i dont want to upset my mum"]
)
def test_a_feeling_word_used_for_an_act_or_a_skill_is_no_feeling(text):
    assert feeling_spans(text) == []


@pytest.mark.parametrize(
    "text, word",
    [
        ("i feel so embarassed about crying at work", "embarrassed"),
        ("ive been really anxous all week", "anxious"),
        ("honestly so frustated with him", "frustrated"),
    ],
)
def test_a_misspelt_feeling_is_found_and_said_right(text, word):
    assert [f.word for f in feelings_in(text)] == [word]


@pytest.mark.parametrize("word", ["board", "Jenna", "stressd", "consentrate", "shall", "should"])
def test_only_a_word_close_to_exactly_one_feeling_is_mended(word):
    assert mended(word) is None


def test_a_feeling_in_someone_elses_quoted_words_is_not_the_writers():
    text = "she'd say on the phone 'dont be worrying about me love' and i believed her"
    assert feelings_in(text) == []
    assert [f.word for f in feelings_in("he said \"you look happy\" and I felt sick and angry")] == ["angry"]


def test_abandoning_someone_is_not_feeling_abandoned():
    assert feelings_in("we put him in a home and i keep thinking i abandoned him") == []
    assert [f.canonical for f in feelings_in("i feel so abandoned since she moved")] == ["lonely"]


@pytest.mark.parametrize(
    "text",
    [
        "I was kind neighbour to them for years.",  # a quality of a noun, not a feeling
        "I was good driver, ten years no accident.",
        "anxiety?? no. it's just a lot of work",  # the word we offered, questioned
        "where is the joy in that. I am not joyful at all.",  # a feeling denied elsewhere in the message
    ],
)
def test_words_that_are_not_the_writers_feeling(text):
    assert not [f for f in feelings_in(text) if not f.negated]


def test_no_before_a_statement_answers_and_negates_nothing():
    assert [f.canonical for f in feelings_in("stressed? no its anger mostly") if not f.negated] == ["angry"]
