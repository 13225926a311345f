"""Ways to say a clause back: mirrored, trimmed, lightly rephrased, or halved.

A paraphrase is theirs without parroting them: fillers dropped, a few phrases
said another way ("this deadline is killing me" -> "that deadline is weighing
on you"), a trailing "again" or the last phrase left off. The rules and word
lists are in `patterns/reflection.yml`.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.reflection.clauses import Clause, shorten
from bot.nlp.reflection.data import data
from bot.nlp.reflection.overlap import content_words
from bot.nlp.reflection.pronouns import turn_pronouns
from bot.nlp.reflection.words import WORD, inside, lower
from bot.nlp.text import normalise, quoted_spans
from bot.nlp.wellformed import has_clause, is_dictionary_word, is_noun, is_well_formed

_QUOTE_MARKS = " '\"\u2018\u2019\u201c\u201d-"


def mirror_clause(clause: str, names: Iterable[str] = ()) -> str:
    """A clause with pronouns turned, lower-cased at the start unless it opens with a name, "I" or an acronym."""
    turned = turn_pronouns(clause).strip()
    first = WORD.search(turned)
    if first:
        word = first.group()
        keep = (
            word in names or word == "I" or word.startswith(("I'", "I\u2019")) or (len(word) > 1 and word.isupper())
            or word.lower() in data().proper_words
            or (word[:1].isupper() and not is_dictionary_word(word) and word.lower() not in STOP_WORDS and "'" not in word)
        )
        if not keep:
            turned = turned[: first.start()] + word[:1].lower() + turned[first.start() + 1 :]
    return turned


def versions(clause: str, names: Iterable[str] = ()) -> list[str]:
    """Ways to say a clause back, best first: trimmed and rephrased, as written, shorter ones.

    Shorter: without the last phrase, one half of "... and ...", without a
    trailing "again", without words that only add weight ("even").
    """
    rephrased = _rephrase(clause)
    trimmed = _trim_last(rephrased)
    found = [rephrased, clause, part_of(rephrased), part_of(clause), *_halves(rephrased, names), trimmed,
             _soften(rephrased), _soften(trimmed or "")]
    kept: list[str] = []
    for version in found:
        if version and len(WORD.findall(version)) >= 2 and version not in kept:
            kept.append(version)
    return kept


def _rephrase(clause: str) -> str:
    """The clause with fillers dropped and a few phrases said another way (`rephrase` rules); quotes kept."""
    out = _outside_quotes(clause, data().rephrase).strip(" ,;:-")
    return out if WORD.search(out) else clause


def _outside_quotes(clause: str, rules: Iterable[tuple[re.Pattern[str], str]]) -> str:
    """`clause` with each (pattern, replacement) applied in turn, except inside quotes (someone's exact words)."""
    rules = list(rules)
    pieces: list[str] = []
    last = 0
    for start, end in quoted_spans(clause) + [(len(clause), len(clause))]:
        original = clause[last:start]
        piece = normalise(original)
        for rule, by in rules:
            piece = rule.sub(by, piece)
        if piece == normalise(original):
            piece = original
        elif "\u2019" in original:
            piece = piece.replace("'", "\u2019")  # keep their apostrophes
        pieces.append(piece)
        pieces.append(clause[start:end])
        last = end
    return "".join(pieces)


def _trim_last(clause: str) -> str | None:
    """The clause without a trailing "again", "anymore", "lately" ...; None when there is none."""
    tables = data()
    for rule in tables.last_trims:
        trimmed = rule.sub("", clause)
        if trimmed != clause:
            trimmed = trimmed.rstrip(" ,;:-")
            words = WORD.findall(trimmed)
            last = lower(words[-1]) if words else ""
            if last in tables.open_ends or last in tables.part_cuts or last in tables.prepositions:
                return None  # "over this by"
            return trimmed
    return None


def their_view(clause: str) -> bool:
    """True for how they see themselves or everyone: "I always mess up", "I'm such a failure", "nobody cares"."""
    tables = data()
    words = [lower(w) for w in WORD.findall(clause)[:3]]
    if len(words) < 2:
        return False
    if words[0] in tables.sweeping or " ".join(words[:2]) in tables.sweeping:
        return True
    if words[0] not in tables.self_openers:
        return False
    nxt = words[2] if words[:2] == ["i", "am"] and len(words) > 2 else words[1]
    return nxt in tables.self_judgement


def part_of(clause: str, keep: int = 4) -> str | None:
    """The clause without its last phrase ("... didn't call me back after the party" -> "... didn't call me back").

    A short object stays on ("look at it"), and no cut leaves a word hanging
    ("they had", "quiet so").
    """
    tables = data()
    words = list(WORD.finditer(clause))
    lowers = [lower(w.group()) for w in words]
    for i in range(len(words) - 1, keep - 1, -1):
        if lowers[i] not in tables.part_cuts:
            continue
        if len(lowers) - i <= 2 and all(w in tables.short_objects for w in lowers[i + 1 :]):
            continue
        j = i
        while j > 2 and lowers[j - 1] in tables.trailing_links:
            j -= 1
        if j < 2 or lowers[j - 1] in tables.dangling:
            continue
        return clause[: words[j].start()].rstrip(" ,;:-")
    return None


def _halves(clause: str, names: Iterable[str]) -> list[str]:
    """The two halves of "he laughed and said ...": "he said ..." (the doer kept), then "he laughed"."""
    match = re.search(r"\s(?:and|but)\s", clause)
    if not match or inside(quoted_spans(clause), match.start()):
        return []
    left, right = clause[: match.start()].rstrip(" ,"), clause[match.end() :]
    left_words = WORD.findall(left)
    right_words = WORD.findall(right)
    if len(left_words) < 2 or not right_words:
        return []
    first = lower(left_words[0])
    if lower(right_words[0]) in data().subjects:
        doer = ""
    elif first in data().doers or left_words[0] in names:
        doer = left_words[0]
    elif first in data().owner_words and len(left_words) > 2:
        doer = f"{left_words[0]} {left_words[1]}"
    else:
        return [left]
    whole_right = f"{doer} {right}".strip()
    return [whole_right, left] if len(WORD.findall(whole_right)) >= 2 else [left]


def _soften(clause: str) -> str | None:
    """The clause without words that only add weight ("even", "at least", "really"); None when there are none."""
    softened = _outside_quotes(clause, [(rule, "") for rule in data().soft_words])
    softened = re.sub(r"(?<=\S) {2,}", " ", softened).strip(" ,")
    return softened if normalise(softened) != normalise(clause) else None


def wondering(question: str) -> str | None:
    """A yes/no question of theirs as the statement they wonder about: "am I being unfair" -> "you are being unfair"."""
    tables = data()
    match = tables.yes_no.match(" ".join(normalise(question).rstrip(" ?!.").split()))
    if not match or not match.group(3) or tables.you_words.search(match.group(3)):
        return None  # "you" there is me or anyone: not safe to turn
    aux, subject, rest = match.group(1).lower(), match.group(2), match.group(3)
    subject = "I" if subject.lower() == "i" else subject.lower()
    turned = turn_pronouns(f"{subject} {aux} {rest}")
    return turned[:1].lower() + turned[1:] if not turned.startswith("I ") else turned


def joined(best: Sequence[Clause], names: Iterable[str]) -> tuple[str, str] | None:
    """Two things they said in different sentences, each whole when said back, in the order they wrote them.

    Held side by side they make a complex reflection ("..., and also that ..."); None when there is no such pair.
    """
    pair = sorted(best, key=lambda c: c.start)
    if len(pair) != 2 or pair[0].sentence == pair[1].sentence:
        return None
    said = []
    for clause in pair:
        found = versions(shorten(clause.text.strip(_QUOTE_MARKS)), names)
        if not found:
            return None
        said.append(mirror_clause(found[0], names).strip(_QUOTE_MARKS))
    if len(WORD.findall(" ".join(said))) > 22 or not all(_opens_with_subject(s) and "," not in s for s in said):
        return None
    first, second = (content_words(s) for s in said)
    if not first or not second or first <= second or second <= first:
        return None  # "it's fine" and "you're fine": one thing, not two
    if not all(is_well_formed(f"It sounds like {s}.") for s in said):
        return None
    return said[0], said[1]


def _opens_with_subject(clause: str) -> bool:
    """True when a clause said back opens on its subject ("your manager moved...", "Kate rang"), not mid-way."""
    first = WORD.search(clause)
    if not first:
        return False
    word = first.group()
    if word.lower() in data().subject_openings or (
        word[:1].isupper() and word[1:].islower() and word.lower() not in STOP_WORDS
    ):
        return True
    opening = " ".join(WORD.findall(clause)[:3])
    return is_noun(word) and has_clause(opening)  # "work was a mess", not "weirdly made you" nor "made you laugh"
