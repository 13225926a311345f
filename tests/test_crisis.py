"""The crisis-language detector (`bot.nlp.crisis`): safety is the product's first feature.

These pin wordings that must (and must not) be answered with helplines, the
promise never to raise, the speed budget, and the benchmark targets, so the
suite fails as soon as a pattern change costs recall.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlp import crisis, crisis_reading
from bot.nlp.crisis import crisis_cue, is_crisis

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "benchmarks" / "crisis"
CATEGORIES = {"suicidal", "self_harm", "farewell", "means", "abuse", "eating"}


def load_set(name: str) -> list[str]:
    lines = (SETS / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


IDIOMS = [
    "this deadline is killing me",
    "I'd kill for a coffee",
    "I died laughing",
    "my battery is dead",
    "kill the process",
    "I could murder a pizza",
    "that exam killed me",
    "my feet are killing me",
    "I'm dying to see that show",
    "dead tired",
    "I'm so hungry I'm starving",
    "I feel like throwing up before presentations",
    "I nearly killed myself laughing",
    "killing time before the train",
    "my mum will kill me if I'm late",
    "the suspense is killing me",
    "that cake was to die for",
    "I'm bored to death",
    "I burnt myself out at work last year",
    "I beat myself up about small mistakes",
    "she beat me in the race by a second",
    "my brother beat me at chess again",
    "he hit me up on whatsapp",
    "it hit me that I've been unhappy for years",
    "her letter really touched me",
    "I'd rather die than go to that wedding",
    "that test was so hard I wanted to die",
    "I ran 10 kms this morning",
    "I purged my wardrobe this weekend",
    "I want to dye my hair pink",
    "I'm thinking about dying my hair purple",
    "I made myself sick with worry",
    "quitting now would be career suicide",
    "Suicide Squad was a terrible film",
    "I'm overdosing on coffee today",
    "I'm drowning in paperwork",
]

REPORTS_AND_OTHERS = [
    "the film was about a man who kills himself",
    "the news had a story about a teenager who died by suicide",
    "I read an article about self harm for my psychology class",
    "the book's main character is suicidal",
    "my friend's uncle died of an overdose",
    "I watched a documentary about suicide prevention",
    "my cousin is writing her thesis on suicide rates",
    "my friend took too many pills and isnt responding",
    "my friend told me she self harms, how can I help her",
]

NEGATED = [
    "I'm not suicidal, just tired",
    "I would never hurt myself",
    "I'm not going to kill myself, I just needed to vent",
    "I don't want to die, I want things to get better",
    "I have never self harmed and I never will",
    "I haven't cut myself in two years",
    "I used to feel suicidal but therapy helped",
    "no suicidal thoughts today, just stress",
    "I'm not depressed or suicidal, just burnt out",
    "I stopped cutting myself a long time ago",
]

SAD_BUT_SAFE = [
    "I feel so low today",
    "I'm exhausted and fed up",
    "I feel lonely since I moved",
    "work was terrible and I cried in the bathroom",
    "I'm so angry at my sister right now",
    "I'm anxious about my results",
    "I feel like a failure at work",
    "I'm tired of my job",
    "I don't want to go to work tomorrow",
    "I don't want to live with my parents anymore",
    "I can't go on holiday this year",
    "I'm sad but I'm safe",
    "I won't be around next week, I'm at a conference",
    "I'm giving away my old clothes to charity before the move",
    "this is my last entry for today, goodnight",
    "",
]

CRISIS = [
    ("I want to kill myself", "suicidal"),
    ("i want to die", "suicidal"),
    ("im going to end my life tonight", "suicidal"),
    ("I've been cutting myself again", "self_harm"),
    ("i dont want to be here anymore", "suicidal"),
    ("i wanna die", "suicidal"),
    ("I don't want to live", "suicidal"),
    ("i dont want to live anymore", "suicidal"),
    ("I hope I don't wake up tomorrow", "suicidal"),
    ("i want to kil myself", "suicidal"),
    ("im so suicdal", "suicidal"),
    ("wanna dye", "suicidal"),
    ("gonna kms", "suicidal"),
    ("i want to unalive myself", "suicidal"),
    ("I'm going to end it all", "suicidal"),
    ("I'm going to hang myself", "suicidal"),
    ("I want to overdose", "means"),
    ("I've been saving up my pills", "means"),
    ("what's the tallest bridge near me", "means"),
    ("I want to jump off the bridge", "means"),
    ("I've been starving myself", "eating"),
    ("I made myself throw up again after dinner", "eating"),
    ("I haven't eaten in 4 days on purpose", "eating"),
    ("I self harm", "self_harm"),
    ("I burned myself with a lighter on purpose", "self_harm"),
    ("I won't be around much longer", "farewell"),
    ("everyone would be better off without me", "farewell"),
    ("I've written my goodbye letters", "farewell"),
    ("my dad hits me when he's drunk", "abuse"),
    ("I'm being forced to have sex and I'm only 12", "abuse"),
    ("my boyfriend won't let me leave the house and hurts me", "abuse"),
    ("my uncle touches me at night", "abuse"),
    ("I don't feel safe at home", "abuse"),
    ("I don't see the point in going on", "suicidal"),
    ("i cant go on", "suicidal"),
    ("I WANT TO DIE", "suicidal"),
    ("I’m going to kill myself", "suicidal"),  # curly apostrophe
]

LONG_ENTRY = (
    "Work was long today and I had another argument with my manager about the rota. "
    "I came home, made pasta and watched two episodes of the baking show. "
    "Honestly I just want to die and I keep thinking about how. "
    "Tomorrow I need to call the dentist and sort out the car insurance."
)


@pytest.mark.parametrize("text", IDIOMS)
def test_idioms_are_not_crisis(text: str) -> None:
    assert is_crisis(text) is False


@pytest.mark.parametrize("text", REPORTS_AND_OTHERS)
def test_talk_about_films_news_and_other_people_is_not_crisis(text: str) -> None:
    assert is_crisis(text) is False


@pytest.mark.parametrize("text", NEGATED)
def test_explicit_negation_is_not_crisis(text: str) -> None:
    assert is_crisis(text) is False


@pytest.mark.parametrize("text", SAD_BUT_SAFE)
def test_sad_but_safe_is_not_crisis(text: str) -> None:
    assert is_crisis(text) is False


@pytest.mark.parametrize(("text", "category"), CRISIS)
def test_crisis_language_is_detected(text: str, category: str) -> None:
    assert is_crisis(text) is True
    assert crisis_cue(text) == category


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to live",  # a negated wish to live is a crisis
        "i dont wanna be alive anymore",
        "I don't want to exist",
        "I never want to wake up again",
        "I can't stop thinking about killing myself",  # "can't stop" does not negate
        "I'm not sure I want to be alive anymore",
        "nobody would care if i died",
    ],
)
def test_negated_wish_to_live_is_crisis(text: str) -> None:
    assert is_crisis(text) is True


def test_crisis_sentence_buried_in_a_long_entry_is_found() -> None:
    assert is_crisis(LONG_ENTRY) is True
    assert is_crisis(LONG_ENTRY.replace("I just want to die", "I just want to sleep")) is False


def test_crisis_at_the_end_of_a_huge_text_is_found() -> None:
    filler = "Today I went for a walk and then I cooked dinner with my sister.\n" * 3_000
    assert len(filler) > crisis_reading.CHUNK_CHARS  # read in chunks
    assert is_crisis(filler) is False
    assert is_crisis(filler + "I want to kill myself") is True


NEVER_RAISES = [
    "",
    "   \n\t ",
    "🙂🔪💀🙃",
    "Я хочу умереть",
    "我想死",
    "मैं ठीक हूँ",
    "\u0000\u0001\u0002",
    "\ud800 lone surrogate",
    "((((|||))))~~~@@@",
    "a" * 200_000,
    "word " * 50_000,
    "İstanbul ǅ ﬁ ẞ",
    "=kms <num> ~3 @SELF",
]


@pytest.mark.parametrize("text", NEVER_RAISES, ids=[f"input{i}" for i in range(len(NEVER_RAISES))])
def test_never_raises(text: str) -> None:
    assert isinstance(is_crisis(text), bool)
    assert crisis_cue(text) in CATEGORIES | {None}


@pytest.mark.parametrize("value", [None, 42, b"i want to die", ["i want to die"]])
def test_non_strings_are_not_crisis_and_do_not_raise(value: object) -> None:
    assert is_crisis(value) is False  # type: ignore[arg-type]


def test_keyword_fallback_when_the_patterns_cannot_be_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crisis, "_engine", lambda: None)
    assert is_crisis("I want to kill myself") is True
    assert is_crisis("I had a nice walk") is False


def test_engine_failure_during_a_message_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def first_category(self, text: str) -> str | None:
            raise RuntimeError("boom")

    monkeypatch.setattr(crisis, "_engine", lambda: Broken())
    assert is_crisis("im suicidal") is True
    assert is_crisis("lovely weather") is False


def test_every_group_of_the_pattern_file_has_a_known_category() -> None:
    table = crisis._table()
    categories = {group.label for group in table.groups}
    assert categories == CATEGORIES


def test_explain_names_the_condition_that_dropped_a_cue() -> None:
    verdicts = {verdict for _, _, verdict in crisis.explain("I'm not suicidal, just tired")}
    assert "negated" in verdicts
    assert any(v == "idiom" for _, _, v in crisis.explain("I nearly killed myself laughing"))


def test_a_5000_word_journal_entry_is_fine() -> None:
    words = " ".join(load_set("everyday.txt")).split()
    entry = " ".join((words * 10)[:5000])
    assert isinstance(is_crisis(entry), bool)  # speed: benchmarks/speed.py
    assert is_crisis(entry + " I want to kill myself.") is True


def test_benchmark_sets_meet_the_targets() -> None:
    explicit = load_set("crisis_explicit.txt")
    indirect = load_set("crisis_indirect.txt")
    everyday = load_set("everyday.txt")
    assert len(explicit) + len(indirect) >= 150
    assert len(everyday) >= 150

    missed_explicit = [m for m in explicit if not is_crisis(m)]
    missed_indirect = [m for m in indirect if not is_crisis(m)]
    false_alarms = [m for m in everyday if is_crisis(m)]

    assert missed_explicit == []  # recall 1.00
    assert 1 - len(missed_indirect) / len(indirect) >= 0.95, missed_indirect
    assert len(false_alarms) / len(everyday) <= 0.02, false_alarms


def test_benchmark_script_reports_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("crisis_benchmark", ROOT / "benchmarks" / "crisis_benchmark.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--dir", str(SETS)]) == 0  # the dev set meets the targets
    out = capsys.readouterr().out
    assert "recall, explicit" in out and "baseline" in out and "all targets met" in out
    module.main(["--no-fail"])  # dev and, when present, held-out, each beside the baseline
    out = capsys.readouterr().out
    assert "== dev" in out
    if (ROOT / "benchmarks" / "heldout" / "crisis_explicit.txt").is_file():
        assert "== held-out" in out and "miss [" not in out


# ------------------------------------------------------------------ composed tier-1 cues
# Written for these tests: a means or place with a time or plan, a person hurt
# with who and how, farewells with finality. Each pairs with a harmless twin.
COMPOSED = [
    "got the tablets lined up on the desk, tonight is it",
    "the razor is in the bath with me",
    "im on the roof of the car park and im ready",
    "sitting at the railway line waiting for the next train to come",
    "i need to cut so bad right now",
    "i wont be here by christmas",
    "the pain would stop if i was gone",
    "nobody will stop me this time",
    "this is my last message, tell my sister i love her",
    "i can hear the kid next door screaming while he is hitting her",
    "my son takes my pension and locks me in my room",
]
HARMLESS_TWINS = [
    "got my vitamins lined up for the week in the organiser",
    "I cut my hair with a razor in the bathroom",
    "I'm on the roof fixing the gutter before the rain",
    "sitting on the platform waiting for the late train to work",
    "I need to cut back on sugar",
    "I slept in and didn't wake up till ten",
    "I won't be here for dinner, I'm at the pub",
    "the pain in my knee stopped after physio",
    "nobody can stop me from eating this cake",
    "this is my last message for today, goodnight",
    "I can hear the kids next door screaming at their video game",
    "my son takes me to the shops on Fridays",
]


@pytest.mark.parametrize("text", COMPOSED)
def test_composed_cues_are_crisis(text: str) -> None:
    assert is_crisis(text), crisis.explain(text)


@pytest.mark.parametrize("text", HARMLESS_TWINS)
def test_their_harmless_twins_are_not(text: str) -> None:
    assert not is_crisis(text), crisis.explain(text)


# ------------------------------------------------------------------ denials, recoveries and things that "die"
# Written for these tests: reported speech that is denied, a past attempt told
# from recovery, a machine that "committed suicide", a prick with a needle.
# Their twins keep the crisis: the speech not denied, the attempt now.
NOT_A_CRISIS_NOW = [
    "I didn't say I was going to hurt myself",
    "i never said i wanted to die, i said i was knackered",
    "nobody said I was suicidal, I just asked for a day off",
    "Four years ago I tried to end my life. Now I run a support group and I love it.",
    "a year ago I was in a bad way and attempted to take my life, today I got my degree",
    "my phone committed suicide in the bath",
    "the interview was so humiliating, i wanted to die",
    "stabbed myself with a needle doing the cross stitch",
    "going to end it tonight with my boyfriend, he lied again",
]
STILL_A_CRISIS = [
    "I never said I was okay but I want to kill myself",
    "I didn't say I was fine. I want to die",
    "I tried to end my life a year ago and I am going to try again tonight",
    "I want to stab myself with the knife",
    "going to end it all tonight with the pills",
]


@pytest.mark.parametrize("text", NOT_A_CRISIS_NOW)
def test_denials_recoveries_and_things_are_not_a_crisis(text: str) -> None:
    assert not is_crisis(text), crisis.explain(text)


@pytest.mark.parametrize("text", STILL_A_CRISIS)
def test_their_twins_still_are(text: str) -> None:
    assert is_crisis(text), crisis.explain(text)


@pytest.mark.parametrize(
    "text",
    ["do you think i have an eating disorder", "could i be anorexic?", "can i stop my tablets now that i feel better",
     "should i come off my meds now"],
)
def test_asking_about_a_condition_or_stopping_a_medicine_is_not_a_crisis(text):
    assert not is_crisis(text)


@pytest.mark.parametrize(
    "text",
    ["i have an eating disorder and i fainted twice today", "i want to stop. my tablets are ready now"],
)
def test_an_emergency_beside_those_words_still_is(text):
    assert is_crisis(text)


def test_asking_what_the_point_of_an_exercise_is_gets_no_check_in():
    assert crisis.assess("whats the point of a thought record").level == "none"
    assert crisis.assess("honestly whats the point. nothing ever changes").level != "none"


def test_the_detector_reads_rewrites_and_hyphens_on_the_shared_tokens() -> None:
    from bot.nlp import text as _text
    from bot.nlp.crisis import _engine

    reader = _engine().reader
    read = [t.text for t in reader.view(_text.doc("I wanna self-harm, no-one would know. SU1C1DE"))]
    assert read == ["i", "want", "to", "self", "harm", ",", "nobody", "would", "know", ".", "suicide"]
    assert [t.lemma_ for t in reader.view(_text.doc("Kiling my self"))] == ["kill", "myself"]
