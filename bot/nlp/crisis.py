"""Crisis-language detector: one engine over the pattern table `patterns/crisis.yml`.

`is_crisis(text)` decides whether a message must be answered with helplines
(the NLU component `bot.nlu.crisis_detector` calls it on every message).
Missing a crisis is far worse than a needless helpline, so the patterns cover
many wordings, and the exclusions (idioms, negation, reports about films or
the news) are narrow and listed in the data file, not scattered in code.

How a message is read:
1. take the message's shared `Doc` (`bot.nlp.text.doc`, made once per
   message), its tokens tidied, rewritten and repaired (`bot.nlp.crisis_reading`);
2. find candidate spans with spaCy `Matcher` token patterns (run only near
   their rarest word, `bot.nlp.anchored`) and a `PhraseMatcher` (plain
   phrases), compiled once by `bot.nlp.matching` from the YAML, whose
   keys `bot.nlp.crisis_table` checks;
3. drop a candidate when its group's conditions fail: an exclusion span
   (an idiom, a film or news report, someone else's death) overlaps it, a
   negation cue precedes it in its clause, the words right next to it rule it
   out, or other words in its sentence explain it away (a cut while cooking).

The text itself is never logged. If anything inside fails, a plain keyword
check from the same file decides, so the function never raises.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from bot import datafiles
from bot.nlp import crisis_compose
from bot.nlp import text as _text
from bot.nlp.anchored import AnchoredMatcher
from bot.nlp.crisis_reading import END, NUMBER, Reader, chunks
from bot.nlp.crisis_table import CrisisTable, GroupTable
from bot.nlp.matching import compile_entries
from bot.nlp.pipeline import nlp

logger = logging.getLogger(__name__)

PATTERNS_FILE = Path(__file__).resolve().parent / "patterns" / "crisis.yml"


# ---------------------------------------------------------------- public API


def is_crisis(text: str | Doc) -> bool:
    """True when `text` (a string or the shared `Doc` of one) must be answered with helplines."""
    return crisis_cue(text) is not None


@dataclass(frozen=True)
class Assessment:
    """What a message calls for: `level` is "crisis" (tier 1: helplines at once),
    "check_in" (tier 2 only: ask gently) or "none"; `probability` is tier 2's."""

    level: str
    probability: float = 0.0

    @property
    def is_crisis(self) -> bool:
        return self.level == "crisis"


# Tier-1 verdicts that say a cue was ruled out on purpose (negation, an idiom,
# a film, a doctor's prescription...): tier 2 does not overrule them.
_RULED_OUT = {"negated", "sentence_not", "next_not", "prev_not", "idiom"}


def assess(text: str | Doc) -> Assessment:
    """Tier 1 (`is_crisis`), then tier 2 (`bot.nlp.risk_classifier`) sentence by sentence.

    Never raises; on odd input the answer is "none" unless tier 1 matched.
    """
    if is_crisis(text):
        return Assessment("crisis", 1.0)
    raw = text.text if isinstance(text, Doc) else text
    if not isinstance(raw, str) or not raw.strip():
        return Assessment("none")
    try:
        from bot.nlp import risk_classifier

        threshold = risk_classifier.threshold()
        doc = _text.doc_of(text)
        for sentence, probability in sorted(risk_classifier.scored(doc), key=lambda item: -item[1]):
            if probability < threshold:
                return Assessment("none", round(probability, 3))
            if probability < risk_classifier.WARNING_SIGN_PROBABILITY:
                # A cue tier 1 ruled out on purpose (an idiom, a prescription) keeps the classifier
                # quiet too; a composed warning sign (pills hoarded "instead of taking them") does not.
                verdicts = {verdict for _, _, verdict in explain(doc[sentence.start : sentence.end].as_doc())}
                if verdicts & _RULED_OUT and "kept" not in verdicts:
                    continue
            return Assessment("check_in", round(probability, 3))
        return Assessment("none")
    except Exception:  # noqa: BLE001 - screening must never break a conversation
        logger.exception("tier-2 crisis assessment failed")
        return Assessment("none")


def crisis_cue(text: str | Doc) -> str | None:
    """The category of the first crisis cue in `text` (e.g. "suicidal"), or None.

    Pass the message's shared `Doc` when there is one: it is read, not parsed
    again. Callers must never log `text`.
    """
    raw = text.text if isinstance(text, Doc) else text
    if not isinstance(raw, str):
        return None
    engine = _engine()  # built on first use; `is_crisis("")` warms it up
    if not raw.strip():
        return None
    if engine is None:
        return _fallback(raw)
    try:
        for doc in _docs(text):
            found = engine.first_category(doc) or crisis_compose.category(doc)
            if found:
                return found
        return None
    except Exception as error:  # noqa: BLE001 - a detector must never take the bot down
        logger.error("crisis detector failed (%s); using the keyword fallback", type(error).__name__)
        return _fallback(raw)


def _docs(text: str | Doc) -> Iterable[Doc]:
    """The shared `Doc` of `text`; a text longer than spaCy takes, in overlapping pieces."""
    if isinstance(text, Doc):
        yield text
    else:
        yield from (_text.doc(chunk) for chunk in chunks(text))


def explain(text: str | Doc) -> list[tuple[str, str, str]]:
    """Every candidate cue in `text` as (category#group, matched words, verdict).

    A tool for writing patterns and tests; the result contains the person's
    words, so never log it.
    """
    engine = _engine()
    if engine is None or not isinstance(text, (str, Doc)):
        return []
    out: list[tuple[str, str, str]] = []
    for shared in _docs(text):
        doc = engine.reader.view(shared)
        out.extend((c, doc[s:e].text, v) for c, (s, e), v in engine.candidates(doc, stop=False))
    return out

# ---------------------------------------------------------------- data model


@dataclass
class Group:
    """One rule group of the YAML: a category and the conditions on its cues."""

    category: str
    negatable: bool = True
    idioms: bool = True
    next_not: list[list[str]] = field(default_factory=list)
    prev_not: list[list[str]] = field(default_factory=list)
    next_only: list[list[str]] = field(default_factory=list)
    sentence_not: frozenset[str] = frozenset()
    sentence_needs: frozenset[str] = frozenset()


@dataclass
class Negation:
    """Negation cues and what cancels them (see the `negation` section of the YAML)."""

    cues: list[list[str]]
    window: int
    cancel_next: list[list[str]]
    breaks: frozenset[str]


class Engine:
    """Matchers and conditions compiled once from the pattern table."""

    def __init__(self, table: CrisisTable) -> None:
        self.vocab = nlp().vocab
        self.reader = reader = Reader([(r.find, r.replace) for r in table.rewrites], table.spelling, table.fuzzy)
        neg = table.negation
        self.negation = Negation(
            cues=[reader.words(c) for c in neg.cues],
            window=neg.window,
            cancel_next=[reader.words(s) for s in neg.cancel_next],
            breaks=frozenset(reader.lemma(w) for w in neg.breaks),
        )
        self.clause_breaks = frozenset(reader.lemma(w) for w in table.clause_breaks)
        self.sentence_ends = frozenset(table.sentence_ends)
        words = {name.upper(): items for name, items in table.macros.items()}

        self.groups: list[Group] = []
        self.matcher = AnchoredMatcher(self.vocab)
        self.phrases = PhraseMatcher(self.vocab, attr="LEMMA")
        for index, raw in enumerate(table.groups):
            self.groups.append(self._group(raw))
            key = f"crisis_{index}"
            where = f"{PATTERNS_FILE.name} groups[{index}]"
            phrases, patterns = compile_entries(raw.patterns, words, self.vocab, where)
            self.matcher.add(key, patterns)
            if phrases:
                self.phrases.add(key, [reader.doc(reader.normalise(p)) for p in phrases])
        self.exclusions = AnchoredMatcher(self.vocab)
        _, idioms = compile_entries(table.exclusions, words, self.vocab, f"{PATTERNS_FILE.name} exclusions")
        self.exclusions.add("exclusion", idioms)
        self.matcher.build()
        self.exclusions.build()

    def _group(self, raw: GroupTable) -> Group:
        reader = self.reader
        return Group(
            category=raw.label,
            negatable=raw.negatable,
            idioms=raw.idioms,
            next_not=[reader.words(s) for s in raw.next_not],
            prev_not=[reader.words(s) for s in raw.prev_not],
            next_only=[reader.words(s) for s in raw.next_only],
            sentence_not=reader.word_set(raw.sentence_not),
            sentence_needs=reader.word_set(raw.sentence_needs),
        )

    # -- deciding

    def first_category(self, shared: Doc) -> str | None:
        """The category of the earliest cue in a message's shared `Doc` that survives its group's conditions."""
        return self._scan(self.reader.view(shared))

    def _scan(self, doc: Doc) -> str | None:
        for label, _, verdict in self.candidates(doc):
            if verdict == "kept":
                return label.split("#")[0]
        return None

    def candidates(self, doc: Doc, stop: bool = True) -> list[tuple[str, tuple[int, int], str]]:
        """Each candidate cue in text order: (category#group, token span, verdict).

        The verdict is "kept" or the condition that dropped it; for debugging
        patterns (`explain`). With `stop`, the list ends at the first kept cue.
        """
        sentences = self._sentences(doc)
        found = [(s, e, m) for m, s, e in self.matcher(doc, sentences)]
        found += [(s, e, m) for m, s, e in self.phrases(doc)]
        if not found:
            return []
        # Idioms only matter where a cue is: run them on those sentences alone.
        hit = [(a, b) for a, b in sentences if any(a <= s < b for s, _, _ in found)]
        idioms = [(s, e) for _, s, e in self.exclusions(doc, hit)]
        out: list[tuple[str, tuple[int, int], str]] = []
        for start, end, match_id in sorted(found):
            index = int(self.vocab.strings[match_id].rsplit("_", 1)[1])
            group = self.groups[index]
            if group.idioms and any(s < end and start < e for s, e in idioms):
                verdict = "idiom"
            else:
                verdict = self._verdict(doc, start, end, group)
            out.append((f"{group.category}#{index}", (start, end), verdict))
            if stop and verdict == "kept":
                break
        return out

    def _verdict(self, doc: Doc, start: int, end: int, group: Group) -> str:
        """The verdict on the cue at doc[start:end]: "kept", or the condition of `group` that drops it."""
        if group.next_only and not any(self._next_is(doc, end, s) for s in group.next_only):
            return "next_only"
        # "goodbye everyone, see you Monday": next_not also looks past one comma.
        after = end + 1 if end < len(doc) and doc[end].text == "," else end
        if any(self._next_is(doc, end, s) or self._next_is(doc, after, s) for s in group.next_not):
            return "next_not"
        if any(self._prev_is(doc, start, s) for s in group.prev_not):
            return "prev_not"
        if group.negatable and self._negated(doc, start):
            return "negated"
        if group.sentence_not or group.sentence_needs:
            sentence = doc[self._sentence_start(doc, start) : self._sentence_end(doc, end)]
            words = {t.lemma_ for t in sentence} | {t.lower_ for t in sentence}
            if words & group.sentence_not:
                return "sentence_not"
            if group.sentence_needs and not words & group.sentence_needs:
                return "sentence_needs"
        return "kept"

    def _is_break(self, token: Token) -> bool:
        return token.is_punct or token.is_space or token.lemma_ in self.clause_breaks

    def _next_is(self, doc: Doc, end: int, snippet: list[str]) -> bool:
        """True when the words right after the cue are `snippet` (`<end>`: clause ends)."""
        for offset, word in enumerate(snippet):
            i = end + offset
            if word == END:
                return i >= len(doc) or self._is_break(doc[i])
            if i >= len(doc) or not _same(doc[i], word):
                return False
        return True

    def _prev_is(self, doc: Doc, start: int, snippet: list[str]) -> bool:
        """True when the words right before the cue are `snippet` (`<num>`: a number)."""
        first = start - len(snippet)
        if first < 0:
            return False
        return all(_same(doc[first + k], word) for k, word in enumerate(snippet))

    def _negated(self, doc: Doc, start: int) -> bool:
        """True when an odd number of live negation cues precede the cue in its clause."""
        neg = self.negation
        count = 0
        i = start - 1
        while i >= 0 and start - i <= neg.window:
            token = doc[i]
            if self._is_break(token) or token.lemma_ in neg.breaks:
                break
            for cue in neg.cues:
                after = i + len(cue)
                if after <= start and self._next_is(doc, i, cue):
                    if not any(self._next_is(doc, after, s) for s in neg.cancel_next):
                        count += 1
                    break
            i -= 1
        return count % 2 == 1

    def _sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token offsets of the sentences; no pattern crosses their ends."""
        bounds: list[tuple[int, int]] = []
        start = 0
        for i, token in enumerate(doc):
            if self._sentence_break(token):
                if i > start:
                    bounds.append((start, i))
                start = i + 1
        if start < len(doc):
            bounds.append((start, len(doc)))
        return bounds

    def _sentence_start(self, doc: Doc, i: int) -> int:
        while i > 0 and not self._sentence_break(doc[i - 1]):
            i -= 1
        return i

    def _sentence_end(self, doc: Doc, i: int) -> int:
        while i < len(doc) and not self._sentence_break(doc[i]):
            i += 1
        return i

    def _sentence_break(self, token: Token) -> bool:
        return token.text in self.sentence_ends or (token.is_space and "\n" in token.text)




# ---------------------------------------------------------------- loading and the fallback


def _same(token: Token, word: str) -> bool:
    if word == NUMBER:
        return token.like_num
    return token.lemma_ == word or token.lower_ == word


@lru_cache(maxsize=1)
def _table() -> CrisisTable:
    """The pattern table as read from `PATTERNS_FILE`."""
    return datafiles.load(PATTERNS_FILE, CrisisTable)


@lru_cache(maxsize=1)
def _engine() -> Engine | None:
    """The engine, built once per process; None (logged once) if it cannot be built."""
    try:
        return Engine(_table())
    except Exception as error:  # noqa: BLE001 - fall back rather than fail every message
        logger.error("crisis patterns could not be loaded (%s: %s)", type(error).__name__, error)
        return None


_BUILT_IN_FALLBACK = r"suicid|kill\s*my\s*self|end\s+my\s+life|want\s+to\s+die|self[\s-]*harm"


@lru_cache(maxsize=1)
def _fallback_pattern() -> re.Pattern[str]:
    """The `fallback` keywords of the pattern file, or a built-in list if it is unreadable."""
    try:
        keywords = [str(p) for p in _table().fallback]
        return re.compile("|".join(f"(?:{p})" for p in keywords) or _BUILT_IN_FALLBACK)
    except Exception:  # noqa: BLE001
        return re.compile(_BUILT_IN_FALLBACK)


def _fallback(text: str) -> str | None:
    """Keyword check used only when the engine fails: errs on the side of helplines."""
    try:
        return "suicidal" if _fallback_pattern().search(text.lower()) else None
    except Exception:  # noqa: BLE001
        return None
