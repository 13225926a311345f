"""A first draft of a balanced thought, built only from the person's own words.

After the evidence steps the bot offers a scaffold such as "Although I forgot
the slides, my manager said the talk was clear." for the person to adjust.
It never supplies a stock reassurance: every clause comes from what they wrote,
with pronouns left exactly as written. When the evidence is missing or skipped
it builds a question from the thought instead, because a made-up counterpoint
would be a platitude.

Decisions:
- One clause from each side: the first sentence, then the first clause of it
  (split at ";", ":", a dash, " but ", or a comma before a new subject: "i failed
  q4, i passed chem last year" is two pieces of evidence). A clause over `MAX_CLAUSE`
  characters is cut at its last comma, else before its last "and"/"because"…,
  else at a word boundary; commas are kept in clauses that fit.
- Fillers at either end of a clause ("um", "ok so basically", "lol") are left
  out: they are how people type, not what they meant. Words that may carry
  meaning ("so", "like", "well") go only after another filler or before a
  comma; hedges that change the claim ("maybe", "I think") stay.
- The first letter is lower-cased mid-sentence unless the word is "I"/"I'm"…,
  an acronym ("GP"), or written capitalised elsewhere mid-sentence (a name).
"""
from __future__ import annotations

import re

MAX_CLAUSE = 120
MIN_CLAUSE = 25
ADJUST_PROMPT = (
    "How does that sound? Change any words so it feels true to you. "
    "It only helps if you believe it at least a little."
)

_SKIP = re.compile(
    r"^\W*(?:skip|pass|none|nothing|no|nope|n/?a|idk|i\s+don'?t\s+know|"
    r"don'?t\s+know|not\s+sure|no\s+idea|no\s+clue|not\s+a\s+clue|can'?t\s+think\s+of\s+(?:any|anything)|"
    r"nothing\s+really|there\s+isn'?t\s+any|none\s+really|-+)(?:\W+(?:honestly|tbh|really|at\s+all|lol|sorry))*\W*$",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSE_BREAK = re.compile(r"\s*(?:;|:|\s[-\u2013\u2014]\s|\u2014|\bbut\b)\s*", re.I)
# A list of things written as clauses with commas ("i couldnt do q4, i got 48% on the mock, i skipped
# lunch"): each comma before a new subject starts another piece of evidence.
_NEW_CLAUSE_AFTER_COMMA = re.compile(
    r",\s+(?=(?:i|i'm|im|i've|ive|i'd|he|she|they|we|it's|its|my|his|her|their|our|last|then|also|plus|"
    r"and then|yesterday|today|this morning|tonight)\b)",
    re.I,
)
_OPENS_WITH_SUBJECT = re.compile(r"^(?:i|i'm|im|i've|ive|i'd|he|she|they|we|my|his|her|their|our|the|it|its|it's)\b", re.I)
_JOINERS = re.compile(r"\s(?:and|because|so|when|while|which|then)\s", re.I)
_FILLERS = frozenset(
    "um umm uh uhh er erm hmm hm ok okay basically honestly actually yeah yep idk dunno lol tbh ugh ah oh "
    "haha lmao".split()
)
_FILLER_PHRASES = ("i mean", "i guess", "i dunno", "you know", "to be honest", "i suppose")
_SOFT_FILLERS = frozenset("so like well and yes anyway".split())
_I_FORMS = re.compile(r"^I(?:'|\u2019)?(?:m|ve|d|ll)?$")
_TRAILING = ".!?,;:\u2026 \t\"'\u201c\u201d\u2018\u2019()"


def is_skipped(text: str | None) -> bool:
    """True when an answer is empty or a way of saying "skip"/"don't know"."""
    return text is None or not text.strip() or bool(_SKIP.match(text.strip()))


def _first_clause(text: str) -> str:
    """The first clause of the first sentence, trimmed and capped in length."""
    text = re.sub(r"\s+", " ", text.strip().strip(_TRAILING))
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    clause = _CLAUSE_BREAK.split(sentence, maxsplit=1)[0].strip() or sentence
    clause = _before_next_clause(clause)
    clause = _without_fillers(clause)
    if len(clause) > MAX_CLAUSE:
        cut = clause[: MAX_CLAUSE + 1]
        comma = cut.rfind(",")
        joins = [m.start() for m in _JOINERS.finditer(cut) if m.start() >= MIN_CLAUSE]
        if comma >= MIN_CLAUSE:
            clause = cut[:comma]
        elif joins:
            clause = cut[: joins[-1]]
        else:
            clause = cut.rsplit(" ", 1)[0]
    return clause.strip(_TRAILING)


def _before_next_clause(clause: str) -> str:
    """The clause up to a comma that starts another one, where what comes before is a clause of at
    least three words opening with its subject ("Sam, my friend, texted me" and "like my friend, my
    dog was glad" stay whole)."""
    if not _OPENS_WITH_SUBJECT.match(clause):
        return clause
    for match in _NEW_CLAUSE_AFTER_COMMA.finditer(clause):
        if len(clause[: match.start()].split()) >= 3:
            return clause[: match.start()].strip()
    return clause


def _bare(word: str) -> str:
    return word.lower().strip(_TRAILING + "-…")


def _without_fillers(clause: str) -> str:
    """The clause without the fillers people type around what they mean."""
    words = clause.split()
    dropped = False
    while words:
        pair = " ".join(_bare(w) for w in words[:2])
        if pair in _FILLER_PHRASES:
            words = words[2:]
            if words and _bare(words[0]) == "that":
                words = words[1:]
        elif _bare(words[0]) in _FILLERS or (_bare(words[0]) in _SOFT_FILLERS and (dropped or words[0].endswith(","))):
            words = words[1:]
        else:
            break
        dropped = True
    while words:
        pair = " ".join(_bare(w) for w in words[-2:])
        if len(words) > 1 and (pair in _FILLER_PHRASES or pair in ("or something", "or whatever")):
            words = words[:-2]
        elif _bare(words[-1]) in _FILLERS:
            words = words[:-1]
        else:
            break
    return " ".join(words).strip(_TRAILING) or clause


def _keeps_capital(word: str, context: str) -> bool:
    """Whether a capitalised first word should stay capitalised mid-sentence."""
    if not word or not word[0].isupper():
        return True
    if _I_FORMS.match(word) or sum(c.isupper() for c in word) > 1:
        return True
    # A name is usually written capitalised after another word somewhere.
    return bool(re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", context))


def _mid_sentence(clause: str, context: str) -> str:
    first = clause.split(" ", 1)[0]
    bare = first.strip(_TRAILING)
    if _keeps_capital(bare, context):
        return clause
    return clause[0].lower() + clause[1:]


def _sentence_start(clause: str) -> str:
    return clause[:1].upper() + clause[1:]


def scaffold_sentence(
    thought: str, evidence_for: str | None, evidence_against: str | None
) -> str | None:
    """Only the draft sentence ("Although X, Y."), or None when evidence against is missing.

    Useful as a "use this thought" button payload; `alternative_scaffold`
    wraps it with a prompt to adjust it.
    """
    context = "\n".join(t for t in (thought, evidence_for, evidence_against) if t)
    if is_skipped(evidence_against):
        return None
    second = _mid_sentence(_first_clause(evidence_against or ""), context)
    if not is_skipped(evidence_for):
        first = _mid_sentence(_first_clause(evidence_for or ""), context)
        return f"Although {first}, {second}."
    thought_clause = _first_clause(thought or "")
    part_of_me = _mid_sentence(thought_clause, context) if thought_clause else "this"
    return f"Although part of me thinks {part_of_me}, {second}."


def alternative_scaffold(
    thought: str, evidence_for: str | None, evidence_against: str | None
) -> str:
    """A balanced-thought draft from the person's own words, plus a prompt to adjust it.

    With evidence against: '"Although <for>, <against>."' and the prompt.
    Without it: a question built from the thought (and the evidence for, if any).
    """
    sentence = scaffold_sentence(thought, evidence_for, evidence_against)
    if sentence:
        return f'"{sentence}"\n{ADJUST_PROMPT}'

    context = "\n".join(t for t in (thought, evidence_for, evidence_against) if t)
    thought_clause = _first_clause(thought or "")
    if not is_skipped(evidence_for):
        first = _mid_sentence(_first_clause(evidence_for or ""), context)
        return (
            f"You wrote \"{first}\". What's one thing, even a small one, that doesn't "
            f"quite fit the thought \"{thought_clause}\"? You could finish this sentence: "
            f"\"Although {first}, ...\""
        )
    if not thought_clause:
        return (
            "What would you say to a good friend who had this thought? "
            "Try writing it as one sentence in your own words."
        )
    return (
        f"Let's look at \"{_sentence_start(thought_clause)}\" from another side. "
        "If a good friend told you this, what would you say back to them? "
        f"You could start with: \"Although part of me thinks "
        f"{_mid_sentence(thought_clause, context)}, ...\""
    )
