"""What each thinking trap is, in plain words (data: `bot/cbt/data/traps.yml`).

The one home of every trap's name, one-line meaning, definition, example and
Socratic questions: thought records, practice drills, summaries, "what is
catastrophizing?" and the trap benchmark all read them here, so a trap is
named and explained the same way everywhere. Also reads trap names out of a
typed answer. The texts live in the YAML file so they can be reviewed and
translated without touching code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import datafiles
from bot.cbt.messages import Message, say
from bot.nlp.distortions import LABELS

DATA_FILE = Path(__file__).resolve().parent / "data" / "traps.yml"



class _TrapEntry(datafiles.Schema):
    """One trap in traps.yml: every text a reader needs, and the ways people name it."""

    name: str
    short: str
    definition: str
    example: str
    question: str
    socratic: list[str]
    aliases: list[str] = []
    loose_cues: list[str] = []


class _TrapsFile(datafiles.Schema):
    """traps.yml: a trap per detector label, and questions that fit any thought."""

    traps: dict[str, _TrapEntry]
    general_questions: list[str]


@dataclass(frozen=True)
class Trap:
    """Psychoeducation for one thinking trap."""

    label: str  # the detector's label, e.g. "mind_reading"
    name: str  # "Mind reading"
    short: str  # one line for a button list
    definition: str  # plain, one or two sentences
    example: str  # an everyday example thought
    question: str  # one question that helps
    socratic: tuple[str, ...]  # 2-4 questions for the evidence steps
    aliases: tuple[str, ...]  # ways people name it, normalised (see _normalise)
    loose_cues: tuple[str, ...]  # regexes for an answer that names it loosely ("the positive one")

    @property
    def plain_name(self) -> str:
        """The name as it reads inside a sentence ("mind reading", "all-or-nothing thinking")."""
        return self.name.lower()


def _normalise(text: str) -> str:
    """Lower-case; hyphens, underscores and slashes as spaces; single spaces."""
    text = (text or "").lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[-_/]", " ", text).split())


@lru_cache(maxsize=1)
def _data() -> _TrapsFile:
    return datafiles.load(DATA_FILE, _TrapsFile)


@lru_cache(maxsize=1)
def _traps() -> dict[str, Trap]:
    """Every label's Trap, checked so that a missing trap or text fails loudly at start."""
    raw = _data().traps
    unknown = sorted(set(raw) - set(LABELS))
    missing = [label for label in LABELS if label not in raw]
    if unknown or missing:
        raise datafiles.DataFileError(f"{DATA_FILE}: traps not in the detector's labels {unknown}, missing {missing}")
    traps: dict[str, Trap] = {}
    for label in LABELS:
        entry = raw[label]
        empty = [name for name, text in entry.dict().items() if not text]
        if empty:
            raise datafiles.DataFileError(f"{DATA_FILE}: {label} has no {', '.join(empty)}")
        traps[label] = Trap(
            label=label,
            name=entry.name,
            short=entry.short,
            definition=entry.definition,
            example=entry.example,
            question=entry.question,
            socratic=tuple(entry.socratic),
            aliases=tuple(dict.fromkeys(_normalise(n) for n in [label, entry.name, *entry.aliases])),
            loose_cues=tuple(entry.loose_cues),
        )
    return traps


def trap(label: str) -> Trap:
    """The Trap for a detector label; KeyError names the label when it is unknown."""
    try:
        return _traps()[label]
    except KeyError:
        raise KeyError(f"no thinking trap called {label!r}") from None


def all_traps() -> list[Trap]:
    """Every trap, in the detector's label order."""
    return [trap(label) for label in LABELS]


def plain_name(label: str) -> str:
    """A trap's name inside a sentence; an unknown label (an old record) still reads as words."""
    return trap(label).plain_name if label in LABELS else label.replace("_", " ")


def title_name(label: str) -> str:
    """A trap's name as a heading or table cell ("Mind reading"); an unknown label still reads as words."""
    return trap(label).name if label in LABELS else label.replace("_", " ").capitalize()


def label_for_name(name: str) -> str | None:
    """The label whose name or alias is exactly `name` ("Overgeneralizing"), or None."""
    said = _normalise(name)
    return next((t.label for t in all_traps() if said in t.aliases), None)


GENERAL_QUESTIONS: tuple[str, ...] = tuple(_data().general_questions)


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias, longest first, so "blaming myself" (personalization)
    wins over "blaming", and "comparing and despairing" over "comparing"."""
    owner = {alias: t.label for t in all_traps() for alias in t.aliases}
    ordered = sorted(owner, key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z])(" + "|".join(re.escape(a) for a in ordered) + r")(?![a-z])")
    return pattern, owner


# A name said in order to rule it out: "not the all or nothing one",
# "definitely not mind reading", "it isn't labelling". "Not sure about
# labelling" is a hedge, not a negation: only these words may come between.
_NEGATION = re.compile(
    r"(?<![a-z])(?:not|no|never|isn't|isnt|wasn't|wasnt|nothing like|rather than|instead of|except|but not|"
    r"(?:don't|dont|do not) (?:think (?:it'?s|its|it is)|mean|want))"
    r"(?: (?:the|a|an|really|exactly|quite|so much|that|it'?s|its|it is|just|definitely|sure it'?s))*\s*$"
)


# ... or after it: "mind reading i don't think so", "labeling no", "comparing doesn't fit".
_NEGATION_AFTER = re.compile(
    r"^\W*(?:(?:i|me) (?:don'?t|do not|dont) (?:think|believe)(?: so| it(?: does| is|'?s)?(?: fit| that)?)?|"
    r"(?:doesn'?t|does not|dont|don'?t|do not) (?:fit|apply|match|feel right)|(?:isn'?t|is not|not) (?:it|right|true|me)|"
    r"not really|not so much|not at all|no|nope|nah|not|wrong|never)(?=\s*(?:[.,;!?)]|\b(?:and|but|also|or|so|because)\b|$))"
)
# A hedge in the words just before a name ("also maybe comparing") or just after it ("comparing maybe?").
_HEDGE_BEFORE = re.compile(
    r"\b(?:maybe|perhaps|possibly|probably|might be|could be|not sure(?: about)?|kinda|kind of|sort of|"
    r"a bit of|a little|i guess|i think maybe|idk|dunno)\W*(?:(?:the|a|an|also|some|that|its|it'?s)\s+)*$"
)
_HEDGE_AFTER = re.compile(r"^\W*(?:\?|maybe|perhaps|possibly|i guess|not sure|kinda|a bit|a little)")
# Where the words about one name stop.
_SEGMENT_END = re.compile(r"[.;!?\n]|,|\b(?:and|but|also)\b")

_YES_AFTER = re.compile(r"^\W*(?:yes|yeah|yep|ye|definitely|for sure|100%?|fits|it fits|does fit|for real)\b")
_LIST_JOIN = re.compile(r"^\s*(?:,\s*)?(?:or|nor|and|/)?\s*$")

YES, NO, MAYBE = "yes", "no", "maybe"


@lru_cache(maxsize=1)
def _alias_words() -> frozenset[str]:
    """The words trap names are made of, five letters or more ("catastrophising", "telling")."""
    return frozenset(w for t in all_traps() for alias in t.aliases for w in alias.split() if len(w) >= 5 and w.isalpha())


@lru_cache(maxsize=4096)
def _mended_word(word: str) -> str | None:
    """The trap-name word a misspelt word stands for ("catastophising", "teling"), or None.

    As with feelings: only words of five letters or more that are not English
    words, within one edit (two from eight letters), with the same first
    letter, and only when one name word is that close.
    """
    from bot.nlp.text import nearest_spelling
    from bot.nlp.wellformed import is_dictionary_word

    words = _alias_words()
    if len(word) < 5 or not word.isalpha() or not word.isascii() or word in words or is_dictionary_word(word):
        return None
    return nearest_spelling(word, words)


def _mend(said: str) -> str:
    """`said` with misspelt trap-name words put right: "catastophising and fortune teling"."""
    return re.sub(r"[a-z]+", lambda m: _mended_word(m.group(0)) or m.group(0), said)


def _statuses(text: str) -> list[tuple[str, str]]:
    """(label, yes / no / maybe) for every trap name in `text`, in order.

    Each name is read with the words around it: "not X" and "no to X" rule it
    out, as do "X I don't think so" and "X no"; "maybe X" and "X?" hedge it.
    """
    pattern, owner = _alias_pattern()
    said = _mend(_normalise(text))
    matches = list(pattern.finditer(said))
    found: list[tuple[str, str]] = []
    for number, m in enumerate(matches):
        before = said[matches[number - 1].end() if number else 0: m.start()]
        after = said[m.end(): matches[number + 1].start() if number + 1 < len(matches) else len(said)]
        near_after = after[: _end(after)]
        if _NEGATION.search(said[: m.start()]) or re.search(r"(?<![a-z])no (?:to|for)\s*(?:the\s+)?$", before):
            status = NO
        elif _NEGATION_AFTER.match(said[m.end():]):  # (not "X not Y": that "not" is Y's)
            status = NO
        elif _HEDGE_BEFORE.search(before[_start(before):]) or _HEDGE_AFTER.match(near_after):
            status = MAYBE
        elif _YES_AFTER.match(near_after):
            status = YES
        elif found and found[-1][1] == MAYBE and _LIST_JOIN.match(before):
            status = MAYBE  # "maybe X or Y": one word for the whole list
        elif found and found[-1][1] == NO and re.match(r"^\s*,?\s*(?:or|nor)\s*$", before):
            status = NO  # "not X or Y"
        else:
            status = YES
        found.append((owner[m.group(1)], status))
    return found


def _end(after: str) -> int:
    """Where the words about a name end in the text after it ("? also ..." keeps the "?")."""
    stripped = after.lstrip(" ")
    found = _SEGMENT_END.search(stripped, 1 if stripped.startswith("?") else 0)
    return (len(after) - len(stripped)) + (found.start() if found else len(stripped))


def _start(before: str) -> int:
    """Where the words about a name begin in the text before it (after the last full stop)."""
    stops = [m.end() for m in re.finditer(r"[.;!?\n]", before)]
    return stops[-1] if stops else 0


def _named(text: str) -> list[tuple[str, bool]]:
    """(label, ruled out) for every trap name in `text`, in order."""
    return [(label, status == NO) for label, status in _statuses(text)]


def chosen_and_hedged(text: str) -> tuple[list[str], list[str]]:
    """The traps named as fitting and those named tentatively ("maybe comparing"), without repeats.

    A name ruled out anywhere in the message is in neither.
    """
    statuses = _statuses(text)
    ruled_out = {label for label, status in statuses if status == NO}
    chosen = [label for label, status in statuses if status == YES and label not in ruled_out]
    hedged = [label for label, status in statuses if status == MAYBE and label not in ruled_out]
    hedged = [label for label in dict.fromkeys(hedged) if label not in chosen]
    return list(dict.fromkeys(chosen)), hedged


def listed(labels: list[str]) -> str:
    """Trap names in a sentence: "labeling", "labeling and comparing", "labeling, mind reading and comparing"."""
    said = [plain_name(label) for label in labels]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1] if said else ""


def labels_from_text(text: str) -> list[str]:
    """Every trap a person named in `text` ("mind reading and fortune telling"),
    in the order named, without repeats; [] when none is named. A trap named
    only to rule it out ("not the all or nothing one") is left out."""
    named = _named(text)
    ruled_out = {label for label, negated in named if negated}
    return list(dict.fromkeys(label for label, _ in named if label not in ruled_out))


def ruled_out_labels(text: str) -> list[str]:
    """Traps named only to rule them out ("not labelling"), in order, without repeats."""
    return list(dict.fromkeys(label for label, negated in _named(text) if negated))


def loosely_named(text: str) -> list[str]:
    """Traps an answer names only loosely ("the positive one", "future stuff"),
    by each trap's `loose_cues`, in order of first mention. For practice answers
    in which `labels_from_text` finds no name."""
    lowered = re.sub(r"self[\s-]*blam\w*|blam\w*\s+(?:my)?self", " personalising ", text.lower())
    found: list[tuple[int, str]] = []
    for t in all_traps():
        patterns = (re.escape(t.label), re.escape(t.label.replace("_", " ")), *t.loose_cues)
        starts = [m.start() for p in patterns for m in [re.search(p, lowered)] if m]
        if starts:
            found.append((min(starts), t.label))
    return [label for _, label in sorted(found)]


def label_from_text(text: str) -> str | None:
    """The first trap named in `text` ("What is catastrophising?"), or None."""
    found = labels_from_text(text)
    return found[0] if found else None


def socratic_questions(labels: list[str]) -> list[str]:
    """Questions for the confirmed traps first, then the general ones; no repeats.

    Unknown labels are ignored, so a stale slot value cannot break the step.
    """
    questions = [q for label in labels if label in LABELS for q in trap(label).socratic]
    return list(dict.fromkeys([*questions, *GENERAL_QUESTIONS]))


def explanation(label: str) -> Message:
    """"What is mind reading?": the domain's `utter_explain_trap`, filled with this trap's texts."""
    t = trap(label)
    return say("utter_explain_trap", name=t.name, definition=t.definition, example=t.example, question=t.question)
