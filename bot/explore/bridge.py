"""From exploring to working on a thought: spot one distressing self-statement.

When a person writes something like "I always mess everything up" while
exploring, the bot may offer to look at that thought with a CBT thought record.
This returns the sentence as they wrote it, or None for plain events, questions
and feelings on their own. Self-statements are token patterns in
`data/bridge.yml`; the thinking-trap detector (`bot.nlp.distortions.detect`)
adds thoughts it is confident about, when it is available.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc

from bot.nlp.feelings import feeling_spans
from bot import datafiles
from bot.nlp.pipeline import nlp
from bot.nlp.reflection import reading_window
from bot.nlp.text import doc, words

DATA_FILE = datafiles.data_path(__file__, "data/bridge.yml")
_SENTENCE = re.compile(r"[^.!?\u2026\n]+[.!?\u2026]*")
_SELF = frozenset({"i", "i'm", "im", "me", "myself", "i've", "i'll", "i'd"})


@dataclass(frozen=True)
class _Rules:
    matcher: Matcher
    threshold: float
    labels: frozenset[str]
    judgement: frozenset[str]
    first_person: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data: dict[str, Any] = datafiles.load(DATA_FILE)
    matcher = Matcher(nlp().vocab)
    matcher.add("self_statement", [list(p) for p in data["patterns"]])
    return _Rules(
        matcher=matcher,
        threshold=float(data["detector_threshold"]),
        labels=frozenset(data["detector_labels"]),
        judgement=frozenset(data["judgement_words"]),
        first_person=frozenset(data["first_person"]),
    )


def _detector() -> Callable[[str], list[Any]] | None:
    """`bot.nlp.distortions.detect`, or None while that module is missing or broken."""
    try:
        from bot.nlp.distortions import detect
    except Exception:  # noqa: BLE001 - the bridge works without the detector
        return None
    return detect


def cbt_bridge_candidate(text: str) -> str | None:
    """The most distressing first-person thought in `text`, as written; None when there is none."""
    rules = _rules()
    window = reading_window(text)
    parsed = doc(window)
    own_hits = [parsed[start].idx for _, start, _ in rules.matcher(parsed)]
    detect = _detector()
    best: tuple[float, str] | None = None
    for match in _SENTENCE.finditer(window):
        sentence = match.group().strip()
        own = any(match.start() <= hit < match.end() for hit in own_hits)
        first = match.start() + match.group().index(sentence) if sentence else match.start()
        span = parsed.char_span(first, first + len(sentence), alignment_mode="expand")
        score = _score(sentence, own, rules, detect, span.as_doc() if span is not None and len(span) else None)
        if score > 0 and (best is None or score > best[0]):
            best = (score, sentence)
    return best[1] if best else None


def _score(
    sentence: str, own: bool, rules: _Rules, detect: Callable[[Any], list[Any]] | None, tokens: Doc | None = None
) -> float:
    """How clearly `sentence` is a negative thought about oneself (0 when it is not).

    `own` says whether one of our self-statement patterns matched in it. The
    detector is asked only when that or a cheap word check makes it worthwhile.
    `tokens` is the sentence's piece of the message's `Doc`, read instead of
    parsing the sentence again.
    """
    tokens = tokens if tokens is not None else doc(sentence)
    if not sentence or sentence.endswith("?"):
        return 0.0
    said = set(words(sentence))
    if not rules.first_person & said:
        return 0.0
    worth_asking = own or (rules.judgement & said and _SELF & said)  # "my boss is an idiot" is not about oneself
    top = 0.0
    if detect is not None and worth_asking:
        try:
            top = max((float(s.score) for s in detect(tokens) if s.label in rules.labels), default=0.0)
        except Exception:  # noqa: BLE001 - a detector bug must not break exploring
            top = 0.0
    if own:
        return 1.0 + top
    if worth_asking and top >= rules.threshold and not _feelings_only(tokens, said):
        return top
    return 0.0


def _feelings_only(parsed: Any, said: set[str]) -> bool:
    """True for "I feel so sad and tired": nothing but feelings, pronouns and small words."""
    feeling_words = {t.lower_ for span in feeling_spans(parsed) for t in parsed[span.start : span.end]}
    rest = [w for w in said if w not in feeling_words and w not in STOP_WORDS and w not in ("feel", "feeling", "felt", "i'm", "im")]
    return bool(feeling_words) and not rest
