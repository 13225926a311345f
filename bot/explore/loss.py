"""Big things first: a death, a miscarriage, a break-up, losing a job, a diagnosis, being hurt.

A loss is acknowledged on first mention, warmly and specifically ("I'm so
sorry about your dad."), before any reflection or question, and never met
with an offer to work through a thought. Who died is remembered so that
questions about them stay in the past tense ("What was your dad like?") and
never ask "what is it like between you and your dad". Patterns and wording
are in `data/loss.yml`.

This module finds losses in a message; the table is read by
`bot.explore.loss_data`, who a loss is about is `bot.explore.loss_people`'s
job, and saying it back is `bot.explore.loss_words`'s.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from bot import datafiles
from bot.explore.loss_data import DATA_FILE, Loss, not_names, table
from bot.explore.loss_people import (
    NOT_WHO,
    PRONOUNS,
    SYMMETRIC,
    THING_WORDS,
    antecedent,
    is_pet,
    named_group,
    opener_as_name,
    person_of,
    someone_elses,
)
from bot.nlp.text import normalise

_SENTENCE = re.compile(r"[^.!?\n\u2026]+[.!?\n\u2026]*")
# A sentence that imagines or fears a loss is not one ("I'm scared my dad will die").
_NOT_REAL = re.compile(
    r"\b(?:if|what if|scared|afraid|terrified|worried|worry|fear|imagine|imagining|dream|dreamt|dreamed|"
    r"nightmare|might|will|going to|gonna|in case|almost|nearly|pretend|pretending)\b"
)
# Where one clause ends and the next begins: a fear in the clause before does not govern the loss.
_CLAUSE_BREAK = re.compile(
    r"[,;:\u2013\u2014]|\s-\s|\b(?:but|because|cos|cause|coz|since|now that|and|so|though|although|after|when|"
    r"ever since|except|only|anyway|plus)\b"
)
_FIGURATIVE = re.compile(
    r"^\S+(?: \S+)? died (?:of (?:embarrassment|shame|boredom|cringe|laughter)|laughing|inside|a little)", re.IGNORECASE
)
# A loss in a story, a film or a lesson is not the person's ("the character's mum dies").
_FICTION = re.compile(
    r"\b(?:film|movie|book|novel|episode|series|character|documentary|anime|manga|netflix|history lesson)s?\b|"
    r"\bin (?:history|class|english|the news)\b|\bon the (?:radio|news|telly|tv)\b|\bfamous\b|\bcelebrit(?:y|ies)\b|"
    r"\bhistory (?:teacher|class|lesson|book|essay|homework)\b"
)
# A short question or one asked outright is not telling of a loss ("My friend was diagnosed?").
_ASKED = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|would|will|should|has|have|what|why|how|who|when)\b")
# Things that "die" without anyone dying ("my phone died", "the plant died").
_THINGS = re.compile(
    r"\b(?:phone|battery|batteries|laptop|computer|car|engine|plant|plants|flowers|wifi|wi-fi|internet|charger|tv|"
    r"conversation|party|screen|signal|game|character|vibe|mood|joke|hype|group chat|chat|torch|fridge)s? (?:\w+ )?"
    r"(?:died|dies|is dead|was dead)\b"
)


def _lowered(sentence: str) -> str:
    """Lower-case except capitalised words that may be names (for "{who}" patterns)."""
    words = re.split(r"(\W+)", sentence)
    out = []
    for i, word in enumerate(words):
        keep = word[:1].isupper() and word[1:].islower() and len(word) > 1 and word.lower() not in _STANDALONE_LOWER()
        out.append(word if keep and word.lower() not in STOP_WORDS else word.lower())
    return "".join(out)


@lru_cache(maxsize=1)
def _STANDALONE_LOWER() -> frozenset[str]:  # noqa: N802 - a cached constant
    raw = datafiles.load(DATA_FILE)
    return frozenset(str(s) for s in raw["standalone"]) | {"i", "my", "our", "the", "since", "and", "but", "so"}


def _not_real(sentence_before_match: str) -> bool:
    """True when the few words before the loss, in its own clause, imagine or fear it.

    "I'm scared my dad will die" is a fear; in "I might be overreacting but my dog
    died" or "I'm worried about my brother because our grandad died" the fear is
    in another clause and the loss is real.
    """
    clause = _CLAUSE_BREAK.split(sentence_before_match.lower())[-1]
    near = " ".join(clause.split()[-6:])
    return bool(_NOT_REAL.search(near))


def losses_in(text: str) -> list[Loss]:
    """The losses a message tells of, in order, each once."""
    data = table()
    found: list[Loss] = []
    text_so_far = normalise(text or "")
    for sentence in _SENTENCE.finditer(text_so_far):
        raw = sentence.group()
        if _FICTION.search(raw.lower()) or _asked(raw):
            continue
        lowered = _lowered(raw)
        # "Lost my sweet boy Oscar": a verb that opens the sentence is no name
        first_word_lower = re.sub(r"^(\W*)(\w+)", lambda m: m.group(1) + m.group(2).lower(), lowered, count=1)
        variants = (lowered, first_word_lower, raw.lower()) if first_word_lower != lowered else (lowered, raw.lower())
        for kind, theme, patterns in data.kinds:
            for pattern, says_not, needs in patterns:
                if needs is not None and not needs.search(text_so_far.lower()):
                    continue  # "he's been gone two months" is a death only beside "it was an overdose"
                # the first place in the sentence where the pattern tells of a real loss
                loss = next((lost for v in variants for m in pattern.finditer(v)
                             if (lost := _loss_at(m, kind, theme, says_not, text_so_far, sentence, found))), None)
                if loss is None:
                    continue
                if loss.kind == "death" and not loss.who and _TOLD_TO_THEM.search(raw.lower()):
                    loss = _addressed(text_so_far, loss)
                if loss.key not in {f.key for f in found}:
                    found.append(loss)
                break
    return found


# A death told to the one who died ("since u died", "the day you passed").
_TOLD_TO_THEM = re.compile(r"\b(?:you|u) (?:died|passed|left us|went)\b")


def _addressed(text: str, loss: Loss) -> Loss:
    """A death told to the one who died ("I miss u grandma. 6 months since u died"): who they wrote to."""
    data = table()
    kin = "|".join(map(re.escape, sorted(data.words - data.pets, key=len, reverse=True)))
    found = re.search(
        rf"(?:^|[.!?\n]\s*)(?:dear|to|hi|hey) (?:my )?(?P<w1>{kin})\b|"
        rf"\b(?:miss|love|missing) (?:you|u)(?: so much| loads| every day)?,? (?:my )?(?P<w2>{kin})\b",
        text.lower(),
    )
    if found:
        return Loss(kind="death", who=found.group("w1") or found.group("w2"), theme=loss.theme)
    named = re.search(
        r"(?:^|[.!?\n]\s*)(?:[Dd]ear|[Hh]i|[Hh]ey) (?P<n1>[A-Z][a-z]+)\b|\b(?:miss|love|missing) (?:you|u)"
        r"(?: so much| loads| every day)?,? (?P<n2>[A-Z][a-z]+)\b",
        text,
    )
    name = named and (named.group("n1") or named.group("n2"))
    if not name or name.lower() in STOP_WORDS | not_names():
        return loss
    return Loss(kind="death", who=name, theme=loss.theme)


def _loss_at(
    match: re.Match[str], kind: str, theme: str, says_not: bool, text: str, sentence: re.Match[str], found: list[Loss]
) -> Optional[Loss]:
    """The loss `match` tells of, or None when it is a fear, a figure of speech, a thing, or someone else's break-up."""
    if opener_as_name(match):
        return None
    if _not_real(match.string[: match.start()]) or _negated_inside(match.group(), says_not):
        return None
    if _FIGURATIVE.search(match.string[match.start():]) or _THINGS.search(match.string):
        return None
    who, owner = person_of(match)
    if who and who.lower() in NOT_WHO | THING_WORDS:
        return None
    if who and who.lower() in PRONOUNS:
        # "my dad ... he died": the last person word before it that "he" can stand for
        who = antecedent(text[: sentence.start()] + sentence.group()[: match.start()], PRONOUNS[who.lower()])
    if kind == "breakup" and SYMMETRIC.search(match.group()) and someone_elses(match, sentence.group()):
        return None
    if kind == "death" and who in ("baby", "babies", "twins") and any(f.kind == "miscarriage" for f in found):
        return None  # "we lost our baby" is the miscarriage already found
    actual = "pet" if kind == "death" and is_pet(who, match, text) else kind
    return Loss(kind=actual, who=who, theme=theme, name=named_group(match, "appos"), owner=owner, what=named_group(match, "what"))


def _asked(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and (bool(_ASKED.search(sentence.lower())) or len(sentence.split()) < 6)


def _negated_inside(matched: str, says_not: bool = False) -> bool:
    """True for "my dad almost died", "we never split up"; a pattern that says "not" itself ("didn't survive") keeps it."""
    negation = r"almost|nearly" if says_not else r"not|never|didn't|hasn't|almost|nearly"
    return bool(re.search(rf"\b(?:{negation})\b", matched.lower()))


def without_loss_sentences(text: str) -> str:
    """The message without the sentences that tell of a loss (they are acknowledged on their own)."""
    kept = [m.group() for m in _SENTENCE.finditer(text or "") if m.group().strip() and not losses_in(m.group())]
    rest = " ".join(" ".join(kept).split())
    return rest if re.search(r"[A-Za-z]{2,}.*\s.*[A-Za-z]{2,}", rest) else ""
