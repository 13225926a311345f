"""The one pattern compiler (bot.nlp.matching) and the pattern files read through it."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import Matcher

from bot import datafiles
from bot.nlp import crisis, crisis_compose, distortions, feelings
from bot.nlp.matching import ONE_OF, compile_entries, expand, inflections
from bot.nlp.pipeline import nlp, parse

WORDS = {"PILL": ["pill", "tablet"]}


def test_word_lists_expand_inside_in_and_not_in() -> None:
    assert expand([{"LEMMA": {"IN": ["$PILL", "med"]}}, {"LOWER": {"NOT_IN": ["$PILL"]}}], WORDS) == [
        [{"LEMMA": {"IN": ["med", "pill", "tablet"]}}, {"LOWER": {"NOT_IN": ["pill", "tablet"]}}]
    ]


def test_a_choice_of_sequences_stands_for_every_combination() -> None:
    pattern = [{"LEMMA": "take"}, {ONE_OF: [[{"LEMMA": "all"}, {"LEMMA": "the"}], [{"LEMMA": "my"}], []]}, {"LEMMA": "pill"}]
    assert sorted(map(str, expand(pattern, WORDS))) == sorted(map(str, [
        [{"LEMMA": "take"}, {"LEMMA": {"IN": ["my"]}}, {"LEMMA": "pill"}],
        [{"LEMMA": "take"}, {"LEMMA": "all"}, {"LEMMA": "the"}, {"LEMMA": "pill"}],
        [{"LEMMA": "take"}, {"LEMMA": "pill"}],
    ]))


def test_phrases_and_patterns_come_apart_and_spacy_checks_the_patterns() -> None:
    phrases, patterns = compile_entries(["end it all", [{"LEMMA": "end"}]], WORDS, nlp().vocab, "test")
    assert phrases == ["end it all"] and patterns == [[{"LEMMA": "end"}]]
    with pytest.raises(ValueError, match="test pattern 0"):
        compile_entries([[{"LEMA": "end"}]], WORDS, nlp().vocab, "test")
    with pytest.raises(ValueError, match=r"\$PILS"):
        compile_entries([[{"LEMMA": {"IN": ["$PILS"]}}]], WORDS, nlp().vocab, "test")


def test_inflect_adds_the_regular_forms_of_a_phrases_first_word() -> None:
    assert inflections("worry") == {"worry", "worries", "worried", "worrying"}
    assert inflections("stop") == {"stop", "stops", "stoped", "stoping", "stopped", "stopping"}
    assert inflections("fix") == {"fix", "fixes", "fixed", "fixing"}
    phrases, _ = compile_entries(["move house", [{"LOWER": "x"}]], WORDS, nlp().vocab, "test", inflect=True)
    assert phrases == ["move house", "moved house", "moves house", "moving house"]
    assert compile_entries(["move house"], WORDS, nlp().vocab, "test")[0] == ["move house"]


def test_number_attribute_reads_whole_numbers_in_digits() -> None:
    matcher = Matcher(nlp().vocab, validate=True)
    matcher.add("n", [[{"_": {"number": {">=": 10, "<=": 999}}}]])
    doc = parse("5 15 015 1000 ten")
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["15"]


def test_the_crisis_pattern_file_compiles() -> None:
    engine = crisis.Engine(crisis._table())
    assert len(engine.groups) == len(crisis._table().groups) >= 50


def test_the_thinking_trap_cue_file_compiles() -> None:
    engine = distortions._engine()
    assert {group.label for group in engine.groups.values()} == set(distortions.LABELS)


PATTERN_DIR = Path(__file__).resolve().parents[1] / "bot" / "nlp" / "patterns"
# Each pattern file and what reads it through the compiler. reflection.yml
# (word lists) holds no spaCy patterns: it is read by the loader alone.
COMPILED = {
    "crisis.yml": lambda: crisis.Engine(crisis._table()),
    "crisis_compose.yml": lambda: crisis_compose.build(datafiles.load(crisis_compose.RULES_FILE, crisis_compose.ComposeTable)),
    "distortions.yml": distortions._engine,
    "feelings.yml": feelings._lexicon,
}


@pytest.mark.parametrize("path", sorted(PATTERN_DIR.glob("*.yml")), ids=lambda p: p.name)
def test_every_pattern_file_loads(path: Path) -> None:
    assert datafiles.load(path)
    if path.name in COMPILED:
        assert COMPILED[path.name]() is not None
