"""The reflection word lists and templates, read once from `patterns/reflection.yml`.

Every list the reflection code decides by lives in that file; this module only
reads it into typed, ready-to-use sets, tables and compiled rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from pydantic import StrictStr

from bot.datafiles import Schema, data_path, load
from bot.nlp.reflection.words import letters

DATA_FILE = data_path(__file__, "../patterns/reflection.yml")
Words = list[StrictStr]


class _Generic(Schema):
    openers: Words
    follow_ups: Words


class _Pronouns(Schema):
    to_you: dict[StrictStr, StrictStr]
    to_me: dict[StrictStr, StrictStr]
    after_you: dict[StrictStr, StrictStr]
    after_i: dict[StrictStr, StrictStr]
    before_i: dict[StrictStr, StrictStr]
    prepositions: Words
    clause_starters: Words
    auxiliaries: Words
    subject_followers: Words
    that_verbs: Words
    speech_verbs: Words


class _Wondering(Schema):
    openers: Words
    auxiliaries: Words
    subjects: Words
    you_words: Words


class ReflectionFile(Schema):
    """The layout of `patterns/reflection.yml` (see the comments there for what each list decides)."""

    templates: dict[StrictStr, dict[StrictStr, StrictStr]]
    generic: _Generic
    short_prompts: Words
    short_openers: Words
    short_questions: Words
    foreign_prompts: Words
    foreign_follow_up: StrictStr
    last_resort: StrictStr
    short_answers: Words
    fillers: Words
    split_always: Words
    split_before_subject: Words
    subjects: Words
    tail_links: Words
    english_words: Words
    foreign_words: Words
    pronouns: _Pronouns
    plural_people: Words
    she_people: Words
    he_people: Words
    function_words: Words
    rephrase: list[tuple[StrictStr, StrictStr]]
    last_trims: Words
    soft_words: Words
    self_judgement: Words
    self_openers: Words
    sweeping: Words
    third_person: Words
    speech_own: Words
    own_contractions: Words
    apostrophes: dict[StrictStr, StrictStr]
    corrections: Words
    pronoun_forms: dict[StrictStr, Words]
    proper_words: Words
    first_person: Words
    feel_words: Words
    subject_openings: Words
    idiom_before: Words
    not_key_words: Words
    part_cuts: Words
    long_clause_cuts: Words
    particle_verbs: Words
    short_objects: Words
    trailing_links: Words
    dangling: Words
    open_ends: Words
    and_partners: Words
    doers: Words
    owner_words: Words
    reason_links: Words
    tail_ends: Words
    wondering: _Wondering


@dataclass(frozen=True)
class Data:
    """Templates, prompts, word lists and pronoun tables of `patterns/reflection.yml`."""

    templates: dict[str, dict[str, str]]
    generic_openers: list[str]
    generic_follow_ups: list[str]
    short_prompts: list[str]
    short_openers: list[str]
    short_questions: list[str]
    foreign_prompts: list[str]
    foreign_follow_up: str
    last_resort: str
    short_answers: frozenset[str]
    fillers: tuple[tuple[str, ...], ...]
    fillers_by_first: dict[str, tuple[tuple[str, ...], ...]]  # longest first
    filler_words: frozenset[str]  # the one-word fillers
    split_always: frozenset[str]
    split_before_subject: frozenset[str]
    subjects: frozenset[str]
    tail_links: frozenset[str]
    english_words: frozenset[str]
    foreign_words: frozenset[str]
    to_you: dict[str, str]
    to_me: dict[str, str]
    after_you: dict[str, str]
    after_i: dict[str, str]
    before_i: dict[str, str]
    prepositions: frozenset[str]
    clause_starters: frozenset[str]
    auxiliaries: frozenset[str]
    subject_followers: frozenset[str]
    that_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    speech_own: frozenset[str]
    own_contractions: frozenset[str]
    apostrophes: dict[str, str]
    corrections: re.Pattern[str]
    pronoun_forms: dict[str, frozenset[str]]
    function_words: frozenset[str]
    rephrase: tuple[tuple[re.Pattern[str], str], ...]
    last_trims: tuple[re.Pattern[str], ...]
    self_judgement: frozenset[str]
    self_openers: frozenset[str]
    sweeping: frozenset[str]
    plural_people: frozenset[str]
    pronoun_people: dict[str, frozenset[str]]
    soft_words: tuple[re.Pattern[str], ...]
    third_person: frozenset[str]
    proper_words: frozenset[str]
    first_person: frozenset[str]
    feel_words: frozenset[str]
    subject_openings: frozenset[str]
    idiom_before: frozenset[str]
    not_key_words: frozenset[str]  # words about the conversation, never its one telling word
    part_cuts: frozenset[str]
    long_clause_cuts: frozenset[str]
    particle_verbs: frozenset[str]
    short_objects: frozenset[str]
    trailing_links: frozenset[str]
    dangling: frozenset[str]
    open_ends: frozenset[str]
    and_partners: frozenset[str]
    doers: frozenset[str]
    owner_words: frozenset[str]
    reason_link: re.Pattern[str]
    tail_ends: frozenset[str]
    yes_no: re.Pattern[str]
    you_words: re.Pattern[str]


def _phrases(phrases: Iterable[str], apostrophes: dict[str, str]) -> re.Pattern[str]:
    """One expression for a phrase list, apostrophes optional ("thats" also matches "that's"), punctuation between words free."""

    def word(w: str) -> str:
        return re.escape(apostrophes[w]).replace("'", "['\u2019]?") if w in apostrophes else re.escape(w)

    alternatives = (r"\W+".join(word(w) for w in p.split()) for p in phrases)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b\W*", re.IGNORECASE)


@lru_cache(maxsize=1)
def data() -> Data:
    """The data file, checked against `ReflectionFile` and read once."""
    raw = load(DATA_FILE, ReflectionFile)
    fillers = sorted((tuple(f.split()) for f in raw.fillers), key=len, reverse=True)
    return Data(
        templates={k: dict(v) for k, v in raw.templates.items()},
        generic_openers=list(raw.generic.openers),
        generic_follow_ups=list(raw.generic.follow_ups),
        short_prompts=list(raw.short_prompts),
        short_openers=list(raw.short_openers),
        short_questions=list(raw.short_questions),
        foreign_prompts=list(raw.foreign_prompts),
        foreign_follow_up=raw.foreign_follow_up,
        last_resort=raw.last_resort,
        short_answers=frozenset(letters(a) for a in raw.short_answers),
        fillers=tuple(fillers),
        fillers_by_first={f[0]: tuple(g for g in fillers if g[0] == f[0]) for f in fillers},
        filler_words=frozenset(f[0] for f in fillers if len(f) == 1),
        split_always=frozenset(raw.split_always),
        split_before_subject=frozenset(raw.split_before_subject),
        subjects=frozenset(raw.subjects),
        tail_links=frozenset(raw.tail_links),
        english_words=frozenset(raw.english_words),
        foreign_words=frozenset(raw.foreign_words) - frozenset(raw.english_words),
        to_you=dict(raw.pronouns.to_you),
        to_me=dict(raw.pronouns.to_me),
        after_you=dict(raw.pronouns.after_you),
        after_i=dict(raw.pronouns.after_i),
        before_i=dict(raw.pronouns.before_i),
        prepositions=frozenset(raw.pronouns.prepositions),
        clause_starters=frozenset(raw.pronouns.clause_starters),
        auxiliaries=frozenset(raw.pronouns.auxiliaries),
        subject_followers=frozenset(raw.pronouns.subject_followers),
        that_verbs=frozenset(raw.pronouns.that_verbs),
        speech_verbs=frozenset(raw.pronouns.speech_verbs),
        speech_own=frozenset(raw.speech_own),
        own_contractions=frozenset(raw.own_contractions),
        apostrophes=dict(raw.apostrophes),
        corrections=_phrases(raw.corrections, raw.apostrophes),
        pronoun_forms={g: frozenset(forms) for g, forms in raw.pronoun_forms.items()},
        function_words=frozenset(raw.function_words),
        rephrase=tuple((re.compile(rule, re.IGNORECASE), by) for rule, by in raw.rephrase),
        last_trims=tuple(
            re.compile(rf"[\s,]+{re.escape(t)}\s*$", re.IGNORECASE) for t in sorted(raw.last_trims, key=len, reverse=True)
        ),
        self_judgement=frozenset(raw.self_judgement),
        self_openers=frozenset(raw.self_openers),
        sweeping=frozenset(raw.sweeping),
        plural_people=frozenset(raw.plural_people),
        pronoun_people={"she": frozenset(raw.she_people), "he": frozenset(raw.he_people)},
        soft_words=tuple(re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE) for w in raw.soft_words),
        third_person=frozenset(raw.third_person),
        proper_words=frozenset(raw.proper_words),
        first_person=frozenset(raw.first_person),
        feel_words=frozenset(raw.feel_words),
        subject_openings=frozenset(raw.subject_openings),
        idiom_before=frozenset(raw.idiom_before),
        not_key_words=frozenset(raw.not_key_words),
        part_cuts=frozenset(raw.part_cuts),
        long_clause_cuts=frozenset(raw.long_clause_cuts),
        particle_verbs=frozenset(raw.particle_verbs),
        short_objects=frozenset(raw.short_objects),
        trailing_links=frozenset(raw.trailing_links),
        dangling=frozenset(raw.dangling),
        open_ends=frozenset(raw.open_ends),
        and_partners=frozenset(raw.and_partners),
        doers=frozenset(raw.doers),
        owner_words=frozenset(raw.owner_words),
        reason_link=re.compile(rf"\s({_any(raw.reason_links)})\s"),
        tail_ends=frozenset(raw.tail_ends),
        yes_no=re.compile(
            rf"^(?:(?:{_any(raw.wondering.openers)})\s+)*({_any(raw.wondering.auxiliaries)})\s+"
            rf"({_any(raw.wondering.subjects)})\b\s*(.*)$",
            re.IGNORECASE,
        ),
        you_words=re.compile(rf"\b(?:{_any(raw.wondering.you_words)})\b", re.IGNORECASE),
    )


def _any(words: Iterable[str]) -> str:
    """A regex alternation of `words`, in the file's order."""
    return "|".join(re.escape(w) for w in words)
