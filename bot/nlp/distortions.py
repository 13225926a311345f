"""Thinking-trap (cognitive distortion) detector.

Suggests which thinking traps a thought may contain, so the CBT flow can offer
them as candidates for the person to confirm. It is a rule engine: every cue
lives in `patterns/distortions.yml` (token patterns, phrase lists, weights) and
this module only compiles and scores them. Suggestions are hints, never verdicts.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Optional

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from bot import datafiles
from bot.datafiles import Schema
from bot.nlp import text as _text
from bot.nlp.matching import Pattern, compile_entries
from bot.nlp.pipeline import nlp

LABELS: tuple[str, ...] = (
    "all_or_nothing",
    "overgeneralization",
    "mental_filter",
    "disqualifying_positive",
    "mind_reading",
    "fortune_telling",
    "catastrophizing",
    "emotional_reasoning",
    "should_statements",
    "labeling",
    "personalization",
    "blaming",
    "comparing",
)

PATTERNS_FILE = Path(__file__).parent / "patterns" / "distortions.yml"

# Only the first MAX_CHARS characters are read: a thought is a few sentences, and
# matching costs time in proportion to length (about 0.1 s per 1,000 words), so
# a pasted essay must not stall the conversation.
MAX_CHARS = 10_000

# Contraction pieces whose spaCy norm is left as written ("im" -> "i", "m").
# Mapping them lets one cue cover "I'm", "Im", "I am" and "it's", "it is".
_EXTRA_NORMS: dict[str, str] = {
    "m": "am", "'m": "am", "s": "is", "'s": "is", "re": "are", "'re": "are",
    "ve": "have", "'ve": "have", "d": "would", "'d": "would", "ll": "will",
    "nt": "not", "n't": "not", "cannot": "can", "ur": "your", "u": "you",
    "gonna": "going", "wanna": "want",
}

_SENTENCE_END = {".", "!", "?"}
BALANCING = "balancing"  # the key of the balanced-thought markers in the matcher


@dataclass(frozen=True)
class Suggestion:
    """One suggested thinking trap: its label, a 0-1 score and the words that cued it."""

    label: str
    score: float
    cue: str


@dataclass(frozen=True)
class _Group:
    """One cue group of the YAML file: which label it supports and how strongly."""

    label: str
    weight: float
    needs_negative: bool


@dataclass(frozen=True)
class _Engine:
    """The compiled cue tables and scoring settings."""

    matcher: Matcher
    phrases: PhraseMatcher
    groups: dict[str, _Group]
    negative: frozenset[str]
    skippable: frozenset[str]
    lemma_fixes: dict[str, str]
    related: dict[str, dict[str, float]]
    threshold: float
    companion_threshold: float
    earlier_sentence_factor: float
    max_suggestions: int
    balancing_factor: float


# ---------------------------------------------------------------- the cue file


class _CueGroup(Schema):
    w: float
    patterns: list[Pattern] = []
    phrases: list[str] = []
    needs: Optional[Literal["negative"]] = None


class _Balancing(Schema):
    factor: float = 1.0
    patterns: list[Pattern] = []
    phrases: list[str] = []


class CueTable(Schema):
    """The keys of `patterns/distortions.yml` (documented in its header)."""

    threshold: float
    companion_threshold: float
    max_suggestions: int
    earlier_sentence_factor: float = 1.0
    lemma_fixes: dict[str, str] = {}
    negative_lists: list[str]
    balancing: _Balancing = _Balancing()
    related: dict[str, dict[str, float]] = {}
    lists: dict[str, list[str]]
    labels: dict[str, list[_CueGroup]]


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    """Compile the YAML cue tables once per process."""
    data = datafiles.load(PATTERNS_FILE, CueTable)
    pipeline = nlp()
    lists = {name: [word.lower() for word in words] for name, words in data.lists.items()}
    matcher = Matcher(pipeline.vocab)
    phrases = PhraseMatcher(pipeline.vocab, attr="NORM")
    groups: dict[str, _Group] = {}
    _add_group(BALANCING, data.balancing, lists, data.lemma_fixes, matcher, phrases)
    for label, cue_groups in data.labels.items():
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {PATTERNS_FILE.name}")
        for index, group in enumerate(cue_groups):
            key = f"{label}#{index}"
            groups[key] = _Group(label, group.w, group.needs == "negative")
            _add_group(key, group, lists, data.lemma_fixes, matcher, phrases)
    return _Engine(
        matcher=matcher,
        phrases=phrases,
        groups=groups,
        negative=frozenset(w for name in data.negative_lists for w in lists[name]),
        skippable=frozenset(lists.get("skippable", [])),
        lemma_fixes=data.lemma_fixes,
        related=data.related,
        threshold=data.threshold,
        companion_threshold=data.companion_threshold,
        earlier_sentence_factor=data.earlier_sentence_factor,
        max_suggestions=data.max_suggestions,
        balancing_factor=data.balancing.factor,
    )


def _add_group(
    key: str, group: _CueGroup | _Balancing, lists: dict[str, list[str]], lemma_fixes: dict[str, str],
    matcher: Matcher, phrases: PhraseMatcher,
) -> None:
    """Add one cue group's token patterns and phrases under `key`."""
    entries = [p.lower() for p in group.phrases] + list(group.patterns)
    texts, patterns = compile_entries(entries, lists, matcher.vocab, f"{PATTERNS_FILE.name} {key}")
    if patterns:
        matcher.add(key, patterns)
    docs = [_normalise(_text.lowered(_text.doc(p)), lemma_fixes) for p in texts]
    if docs:
        phrases.add(key, docs)


# ---------------------------------------------------------------- matching


def _normalise(doc: Doc, lemma_fixes: dict[str, str]) -> Doc:
    """Give contraction pieces a full-word norm and mend a few lookup-table lemmas
    ("does" -> "doe"), so one cue matches every spelling."""
    for token in doc:
        norm = _EXTRA_NORMS.get(token.lower_)
        if norm is not None:
            token.norm_ = norm
        fixed = lemma_fixes.get(token.lower_)
        if fixed is not None:
            token.lemma_ = fixed
    return doc


def _without(doc: Doc, skippable: frozenset[str]) -> tuple[Doc, list[int]] | None:
    """The doc minus hedges ("I just can't", "she really doesn't"), so cues written
    without them still match; returns it with each kept token's original index."""
    kept = [t.i for t in doc if t.lower_ not in skippable]
    if len(kept) == len(doc) or not kept:
        return None
    words = [doc[i].text for i in kept]
    spaces = [True] * len(kept)
    short = Doc(doc.vocab, words=words, spaces=spaces)
    for new, old in zip(short, kept):
        new.norm_ = doc[old].norm_
        new.lemma_ = doc[old].lemma_
    return short, kept


def _matches(doc: Doc, engine: _Engine) -> Iterator[tuple[str, int, int]]:
    """(group key, start, end) for every cue match, in `doc`'s token indices.

    Token patterns run once, on the text without hedges; phrases run on both
    versions (they are cheap, and some contain a hedge: "just lucky").
    """
    strings = doc.vocab.strings
    for match_id, start, end in engine.phrases(doc):
        yield strings[match_id], start, end
    stripped = _without(doc, engine.skippable)
    if stripped is None:
        for match_id, start, end in engine.matcher(doc):
            yield strings[match_id], start, end
        return
    short, kept = stripped
    for match_id, start, end in [*engine.matcher(short), *engine.phrases(short)]:
        yield strings[match_id], kept[start], kept[end - 1] + 1


def _last_sentence_start(doc: Doc) -> int:
    """Index of the first token of the last sentence (trailing punctuation ignored)."""
    end = len(doc)
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(end - 1, -1, -1):
        if doc[i].text in _SENTENCE_END or "\n" in doc[i].text:
            return i + 1
    return 0


def _has_negative(doc: Doc, negative: frozenset[str]) -> bool:
    """True when a negation or a negative word occurs anywhere in `doc`."""
    return any(t.norm_ in negative or t.lemma_ in negative for t in doc)


def _combined(weights: Iterable[float]) -> float:
    """Independent cues combine with diminishing returns: 1 - prod(1 - w)."""
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining


# ---------------------------------------------------------------- public API


def detect(text: str | Doc) -> list[Suggestion]:
    """Suggest thinking traps in `text` (a string or the shared `Doc` of one), best first; [] when nothing fits.

    Never raises: odd input (not a string, empty, emoji, other languages, very
    long) just yields fewer or no suggestions.
    """
    engine = _engine()  # a broken cue file should fail loudly, not hide as "no traps"
    try:
        return _detect(text, engine)
    except Exception:  # noqa: BLE001 - odd text must never break a conversation
        return []


def _detect(message: str | Doc, engine: _Engine) -> list[Suggestion]:
    text = message.text if isinstance(message, Doc) else message
    if not isinstance(text, str) or not text.strip():
        return []
    if isinstance(message, str) or len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        message = _text.doc(text)
    doc = _normalise(_text.lowered(message), engine.lemma_fixes)
    negative = _has_negative(doc, engine.negative)
    last = _last_sentence_start(doc)

    # per label: the best weight of each group that fired, and the best cue span
    fired: dict[str, dict[str, float]] = {}
    best: dict[str, tuple[float, int, int, int]] = {}
    balanced = False
    for key, start, end in _matches(doc, engine):
        if key == BALANCING:
            balanced = balanced or end > last
            continue
        group = engine.groups[key]
        if group.needs_negative and not negative:
            continue
        # cues in the last sentence count fully: that is usually the thought itself
        weight = group.weight if end > last else group.weight * engine.earlier_sentence_factor
        weights = fired.setdefault(group.label, {})
        weights[key] = max(weight, weights.get(key, 0.0))
        rank = (weight, end - start, -start, end)
        if group.label not in best or rank[:3] > best[group.label][:3]:
            best[group.label] = rank
    if not fired:
        return []

    cues: dict[str, str] = {}
    for label, (_, _, neg_start, end) in best.items():
        span = doc[-neg_start:end]
        cues[label] = text[span.start_char:span.end_char]
    scores = {label: _combined(w.values()) for label, w in fired.items()}
    if balanced:  # the last sentence weighs the thought up: "... but that doesn't mean I'm ..."
        scores = {label: score * engine.balancing_factor for label, score in scores.items()}
    if max(scores.values()) < engine.threshold:
        return []

    # traps that travel together: a confident label lends a little weight to its
    # usual companions (fortune telling -> catastrophizing ...), with its own cue
    for label, score in list(scores.items()):
        if score < engine.threshold:
            continue
        for other, weight in engine.related.get(label, {}).items():
            fired.setdefault(other, {})[f"related:{label}"] = weight
            cues.setdefault(other, cues[label])
    scores = {label: _combined(w.values()) for label, w in fired.items()}
    if balanced:
        scores = {label: score * engine.balancing_factor for label, score in scores.items()}

    ranked = sorted(scores.items(), key=lambda item: (-item[1], LABELS.index(item[0])))
    return [
        Suggestion(label, round(score, 3), cues[label])
        for label, score in ranked
        if score >= engine.companion_threshold
    ][: engine.max_suggestions]


def as_dicts(text: str) -> list[dict[str, Any]]:
    """`detect(text)` as plain dicts: [{"label", "score", "cue"}]."""
    return [asdict(s) for s in detect(text)]


def to_json(text: str) -> str:
    """The detector's answer as JSON, as printed by `reflect distortions "TEXT"`."""
    return json.dumps(as_dicts(text), ensure_ascii=False)
