"""Crisis detection in two tiers: `assess`, the tier-2 classifier and its data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import datafiles
from bot.nlp import risk_classifier, risk_lexicon
from bot.nlp.crisis import Assessment, assess

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests.
HEAVY = [
    "honestly nothing matters anymore and i am done trying",
]
EVERYDAY = [
    "I had a lovely walk with my dog by the river",
    "work was long and my boss was grumpy but dinner with my sister was nice",
    "I'm not suicidal, just tired after a long week",
    "this deadline is killing me",
]


def test_tier_one_is_a_crisis() -> None:
    result = assess("I want to kill myself tonight")
    assert isinstance(result, Assessment)
    assert result.level == "crisis" and result.is_crisis


@pytest.mark.parametrize("text", HEAVY)
def test_heavy_words_without_a_pattern_get_the_check_in(text: str) -> None:
    result = assess(text)
    assert result.level == "check_in", result
    assert not result.is_crisis
    assert result.probability >= risk_classifier.threshold()


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_text_gets_nothing(text: str) -> None:
    assert assess(text).level == "none", assess(text)


def test_a_ruled_out_tier_one_cue_is_not_overruled_by_tier_two() -> None:
    # tier 1 drops "suicidal" here on purpose (negation); tier 2 must not bring it back
    assert assess("I'm not suicidal, I'm just frustrated with my landlord").level == "none"


def test_a_heavy_sentence_inside_a_long_entry_is_found() -> None:
    entry = "Went to work, had lunch, answered emails. " * 30 + HEAVY[0] + ". Then I watched TV."
    assert assess(entry).level == "check_in"


@pytest.mark.parametrize("value", ["", "   ", None, 42, "\U0001f600" * 50])
def test_odd_input_never_raises(value: object) -> None:
    assert assess(value).level in {"none", "crisis"}  # type: ignore[arg-type]


def test_training_data_covers_the_warning_signs_and_hard_negatives() -> None:
    data = datafiles.load(ROOT / "bot/nlp/data/risk_examples.yml")
    assert {
        "passive_ideation", "intent_and_plan", "means_and_places", "time_limits",
        "farewells_and_giving_away", "burden", "trapped", "hopelessness", "sudden_calm",
        "self_harm", "abuse_child", "abuse_partner", "abuse_older_person", "eating_emergency",
    } <= set(data["risk"])
    assert len(data["everyday"]) >= 80
    texts, labels = risk_classifier.training_texts()
    assert len(texts) >= 2000 and 0.1 < sum(labels) / len(labels) < 0.6


def test_training_never_reads_the_held_out_sets() -> None:
    source = (ROOT / "bot/nlp/risk_classifier.py").read_text(encoding="utf-8")
    assert "heldout" not in source.replace("never benchmarks/heldout/", "")


def _measurement_lines() -> set[str]:
    folders = [ROOT / "benchmarks/crisis", ROOT / "benchmarks/retired", ROOT / "benchmarks/crisis_dev"]
    return {
        " ".join(line.lower().replace("'", "").split())
        for folder in folders
        for path in folder.rglob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def test_no_measurement_sentence_is_training_data() -> None:
    # the development sets measure tier 2: none of their lines may be trained on
    written = {
        " ".join(text.lower().replace("'", "").split())
        for text in sum(risk_classifier.written_examples(), [])
    }
    assert not written & _measurement_lines()


def test_composed_sentences_are_the_same_on_every_machine() -> None:
    first, second = risk_classifier.written_examples(), risk_classifier.written_examples()
    assert first == second
    risk, everyday = first
    assert len(risk) >= 1000 and len(everyday) >= 1000


def test_the_trained_model_is_cached_under_a_fingerprint_of_its_data(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(risk_classifier, "CACHE_DIR", tmp_path)
    risk_classifier._model.cache_clear()
    try:
        risk_classifier.threshold()
        cached = list(tmp_path.glob("tier2-*.pickle"))
        assert [p.name for p in cached] == [risk_classifier.cached_model_path().name]
        risk_classifier._model.cache_clear()
        monkeypatch.setattr(risk_classifier, "_fit", lambda settings: pytest.fail("trained again"))
        assert risk_classifier.probability("I had a lovely walk by the river") < risk_classifier.threshold()
    finally:
        risk_classifier._model.cache_clear()


def test_a_changed_training_file_changes_the_fingerprint(tmp_path, monkeypatch) -> None:
    before = risk_classifier.fingerprint()
    extra = tmp_path / "extra.yml"
    extra.write_text("everyday:\n  - a new line\n", encoding="utf-8")
    monkeypatch.setattr(risk_classifier, "_data_files", lambda: sorted(risk_classifier.DATA_DIR.glob("*.yml")) + [extra])
    assert risk_classifier.fingerprint() != before


@pytest.mark.skipif(not risk_lexicon.available(), reason="construct-tracker data files not installed (make install)")
def test_suicide_risk_lexicon_is_read_from_the_installed_data_files() -> None:
    assert len(risk_lexicon.constructs()) == 50
    tokens = risk_lexicon.tokens(["Passive suicidal ideation", "Burdensomeness"])
    assert len(tokens) > 10 and all(isinstance(t, str) and t for t in tokens)
    assert "death" in risk_lexicon.definition("Passive suicidal ideation").lower()
    assert risk_lexicon.tokens(["no such construct"]) == []
    assert "Apache-2.0" in risk_lexicon.CITATION


def test_lexicon_constructs_named_in_the_data_file_exist() -> None:
    data = datafiles.load(ROOT / "bot/nlp/data/risk_examples.yml")
    named = data["lexicon"]["risk_constructs"]
    if risk_lexicon.available():
        assert set(named) <= set(risk_lexicon.constructs())


def test_data_only_dependency_is_pinned_with_a_hash_and_listed_in_pyproject() -> None:
    lock = (ROOT / "requirements-nodeps.lock").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"^construct-tracker==1\.0\.16 \\\n\s+--hash=sha256:[0-9a-f]{64}$", lock, re.M)
    assert 'nodeps-dependencies = ["construct-tracker==1.0.16"]' in pyproject
    assert "requirements-nodeps.lock" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "construct-tracker" not in (ROOT / "requirements.lock").read_text(encoding="utf-8")


# Written for these tests: warning signs said sideways that the composed tier-2
# rules read (giving things away for good, a burden if gone, hidden marks,
# fear at home, looking into doses, calm after deciding, thanks with
# finality, wishing to vanish, no way out), and everyday twins and grief
# that must not get the check-in.
WARNING_SIGNS = [
    "handed my watch collection to my nephew, told him they're his now",
    "if i wasnt here my sister would finally have the room and less stress, it would be easier",
    "I keep a hoodie on at college so nobody asks about the scars",
    "i push the wardrobe against my door most nights, home is worse than school",
    "been looking up which of my tablets are dangerous in bulk",
    "since I decided, I feel at peace. they dont know why",
    "thank you for everything you did for me, whatever happens remember that",
    "wish i could vanish and never be found",
    "there is no way out for me, not one door left",
    "honestly i dont think ill be around when the baby is born",
    "it has been a privilege knowing you, all of you",
    "told the nurse the cuts were from the dog",
    "i keep wishing i could walk away from everything forever",
    "when my stepdad gets drunk i hide in the airing cupboard till he falls asleep",
    "if anything happens to me, my bank passwords are taped inside the wardrobe",
    "laid out my tablets on the bed to see how many there were",
    "started wearing a polo neck so nobody asks about my neck",
]
NOT_WARNING_SIGNS = [
    "since my nan died I cry most evenings, but talking helps",
    "I miss him so much it hurts",
    "gave my old pram to my friend who's expecting, we won't need it now",
    "I won't be around for dinner tonight, working late",
    "I'm scared of my exams next week",
    "wearing long sleeves because the office is freezing",
    "I wish I could disappear under the duvet till spring",
    "I don't think I'll be around for the quiz, I'm working late",
    "I just want to stop smoking for good",
    "what's the point of ironing socks",
    "nobody would notice if I skipped the meeting",
    "laid out my tablets in the dosette box for the week",
]


@pytest.mark.parametrize("text", WARNING_SIGNS)
def test_warning_signs_said_sideways_get_the_check_in(text: str) -> None:
    assert assess(text).level == "check_in", assess(text)


@pytest.mark.parametrize("text", NOT_WARNING_SIGNS)
def test_grief_and_everyday_twins_get_nothing(text: str) -> None:
    assert assess(text).level == "none", assess(text)


def test_a_composed_warning_sign_is_asked_about_even_where_tier_1_ruled_a_cue_out():
    # "the doctor gives me" rules the pills out of tier 1; hoarding them is still a warning sign
    assert assess("i have been saving up the tablets my doctor prescribes instead of swallowing them").level == "check_in"
