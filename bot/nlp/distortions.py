"""Thinking-trap (cognitive distortion) detector.

Suggests which thinking traps a thought may contain, so the CBT flow can offer
them as candidates for the person to confirm. It is a rule engine: every cue
lives in `patterns/distortions.yml` (token patterns, phrase lists, weights) and
this module only compiles and scores them. Suggestions are hints, never verdicts.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

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

# Longer input is cut here: a thought is a few sentences; this only bounds the
# work on pasted essays so the detector stays fast and never stalls the bot.
MAX_CHARS = 50_000

# Contraction pieces whose spaCy norm is left as written ("im" -> "i", "m").
# Mapping them lets one cue cover "I'm", "Im", "I am" and "it's", "it is".
_EXTRA_NORMS: dict[str, str] = {
    "m": "am", "'m": "am", "s": "is", "'s": "is", "re": "are", "'re": "are",
    "ve": "have", "'ve": "have", "d": "would", "'d": "would", "ll": "will",
    "nt": "not", "n't": "not", "cannot": "can", "ur": "your", "u": "you",
    "gonna": "going", "wanna": "want",
}

_OPS = {"?", "*", "+"}


@dataclass(frozen=True)
class Suggestion:
    """One suggested thinking trap: its label, a 0-1 score and the words that cued it."""

    label: str
    score: float
    cue: str


@dataclass(frozen=True)
class _Group:
    label: str
    weight: float
    needs_negative: bool


@dataclass(frozen=True)
class _Engine:
    matcher: Matcher
    phrases: PhraseMatcher
    groups: dict[str, _Group]
    negative: frozenset[str]
    related: dict[str, dict[str, float]]
    lemma_fixes: dict[str, str]
    threshold: float
    companion_threshold: float
    earlier_sentence_factor: float
    max_suggestions: int


def _normalise(doc: Doc, lemma_fixes: dict[str, str] | None = None) -> Doc:
    """Give contraction pieces a full-word norm, and mend a few lookup-table lemmas
    ("does" -> "doe"), so one cue matches every spelling."""
    for token in doc:
        norm = _EXTRA_NORMS.get(token.lower_)
        if norm is not None:
            token.norm_ = norm
        if lemma_fixes and token.lower_ in lemma_fixes:
            token.lemma_ = lemma_fixes[token.lower_]
    return doc


def _prepare(text: str) -> str:
    """Lower-case (keeping character offsets) and unify curly apostrophes."""
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("\u2019", "'").replace("\u2018", "'")


def _token_spec(item: str, lists: dict[str, list[str]]) -> dict[str, Any]:
    """Translate one item of the pattern notation (see the YAML header) to a Matcher dict."""
    spec: dict[str, Any] = {}
    if len(item) > 1 and item[-1] in _OPS:
        spec["OP"] = item[-1]
        item = item[:-1]
    if item == ".":
        spec["IS_PUNCT"] = False
        return spec
    if item == "_":
        return spec
    if len(item) > 2 and item.startswith("/") and item.endswith("/"):
        spec["LOWER"] = {"REGEX": item[1:-1]}
        return spec
    negate = item.startswith("!")
    if negate:
        item = item[1:]
    attr = "NORM"
    if item.startswith("~"):
        attr, item = "LEMMA", item[1:]
    values: list[str] = []
    for part in item.split("|"):
        if part.startswith("$"):
            values.extend(lists[part[1:]])
        elif part.startswith("~"):  # a stray "~" inside an alternative: same attribute
            values.append(part[1:])
        else:
            values.append(part)
    values = sorted({_EXTRA_NORMS.get(v, v) if attr == "NORM" else v for v in values})
    spec[attr] = {"NOT_IN" if negate else "IN": values}
    return spec


_REPEAT = re.compile(r"^(.+)\{(\d+),(\d+)\}$")


def _pattern(text: str, lists: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Translate one pattern line; `x{n,m}` expands to n required and m-n optional x."""
    specs: list[dict[str, Any]] = []
    for item in text.split():
        repeat = _REPEAT.match(item)
        if repeat:
            base, low, high = repeat.group(1), int(repeat.group(2)), int(repeat.group(3))
            specs += [_token_spec(base, lists) for _ in range(low)]
            specs += [_token_spec(base + "?", lists) for _ in range(high - low)]
        else:
            specs.append(_token_spec(item, lists))
    return specs


def _word(value: Any, where: str) -> str:
    """A list entry; YAML turns bare no/off/on into booleans, so insist on text."""
    if not isinstance(value, str):
        raise ValueError(f"list {where!r} in {PATTERNS_FILE.name}: quote {value!r}")
    return value.lower()


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    """Compile the YAML cue tables once per process."""
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    pipeline = nlp()
    lemma_fixes = {str(k): str(v) for k, v in (data.get("lemma_fixes") or {}).items()}
    lists = {name: [_word(w, name) for w in words] for name, words in data["lists"].items()}
    matcher = Matcher(pipeline.vocab)
    phrases = PhraseMatcher(pipeline.vocab, attr="NORM")
    groups: dict[str, _Group] = {}
    for label, cue_groups in data["labels"].items():
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {PATTERNS_FILE}")
        for index, group in enumerate(cue_groups):
            key = f"{label}#{index}"
            groups[key] = _Group(label, float(group["w"]), group.get("needs") == "negative")
            patterns = [_pattern(pattern, lists) for pattern in _as_list(group.get("p"))]
            if patterns:
                matcher.add(key, patterns)
            docs = [
                _normalise(pipeline.make_doc(_prepare(p)), lemma_fixes)
                for p in _as_list(group.get("phrases"))
            ]
            if docs:
                phrases.add(key, docs)
    return _Engine(
        matcher=matcher,
        phrases=phrases,
        groups=groups,
        negative=frozenset(w for name in data["negative_lists"] for w in lists[name]),
        lemma_fixes=lemma_fixes,
        related={
            label: {other: float(w) for other, w in links.items()}
            for label, links in (data.get("related") or {}).items()
        },
        threshold=float(data["threshold"]),
        companion_threshold=float(data["companion_threshold"]),
        earlier_sentence_factor=float(data.get("earlier_sentence_factor", 1.0)),
        max_suggestions=int(data["max_suggestions"]),
    )


_SENTENCE_END = {".", "!", "?", "\n"}


def _last_sentence_start(doc: Doc) -> int:
    """Index of the first token of the last sentence (trailing punctuation ignored)."""
    end = len(doc)
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(end - 1, -1, -1):
        if doc[i].text.strip() in _SENTENCE_END or doc[i].text.endswith("\n"):
            return i + 1
    return 0


def _has_negative(doc: Doc, negative: frozenset[str]) -> bool:
    return any(t.norm_ in negative or t.lemma_ in negative for t in doc)


def _matches(doc: Doc, engine: _Engine) -> Iterable[tuple[str, int, int]]:
    strings = doc.vocab.strings
    for match_id, start, end in list(engine.matcher(doc)) + list(engine.phrases(doc)):
        yield strings[match_id], start, end


def detect(text: str) -> list[Suggestion]:
    """Suggest thinking traps in `text`, best first; [] when nothing fits.

    Never raises: odd input (not a string, empty, emoji, other languages, very
    long) just yields fewer or no suggestions.
    """
    try:
        return _detect(text)
    except Exception:  # noqa: BLE001 - a hint must never break a conversation
        return []


def _detect(text: str) -> list[Suggestion]:
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:MAX_CHARS]
    engine = _engine()
    doc = _normalise(nlp()(_prepare(text)), engine.lemma_fixes)
    negative = _has_negative(doc, engine.negative)

    # per label: the weight of each group that fired, and the best cue span
    fired: dict[str, dict[str, float]] = {}
    best_cue: dict[str, tuple[float, int, int, int]] = {}
    last = _last_sentence_start(doc)
    for key, start, end in _matches(doc, engine):
        group = engine.groups[key]
        if group.needs_negative and not negative:
            continue
        weight = group.weight if end > last else group.weight * engine.earlier_sentence_factor
        weights = fired.setdefault(group.label, {})
        weights[key] = max(weight, weights.get(key, 0.0))
        rank = (weight, end - start, -start)
        if group.label not in best_cue or rank > best_cue[group.label][:3]:
            best_cue[group.label] = (*rank, end)  # type: ignore[assignment]
    if not fired:
        return []

    def combined(weights: Iterable[float]) -> float:
        remaining = 1.0
        for weight in weights:
            remaining *= 1.0 - weight
        return 1.0 - remaining

    def cue_text(label: str) -> str:
        _, _, neg_start, end = best_cue[label]
        span = doc[-neg_start:end]
        return text[span.start_char:span.end_char]

    scores = {label: combined(weights.values()) for label, weights in fired.items()}
    cues = {label: cue_text(label) for label in fired}
    # Traps that travel together: a confident label lends a little weight to its
    # usual companions (fortune telling -> catastrophizing ...), with its own cue.
    for label, score in list(scores.items()):
        if score < engine.threshold:
            continue
        for other, weight in engine.related.get(label, {}).items():
            fired.setdefault(other, {})[f"related:{label}"] = weight
            cues.setdefault(other, cues[label])
    scores = {label: combined(weights.values()) for label, weights in fired.items()}

    ranked = sorted(scores.items(), key=lambda item: (-item[1], LABELS.index(item[0])))
    if ranked[0][1] < engine.threshold:
        return []
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
