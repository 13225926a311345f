"""Crisis-language detector: one engine over the pattern table `patterns/crisis.yml`.

`is_crisis(text)` decides whether a message must be answered with helplines
(the NLU component `bot.nlu.crisis_detector` calls it on every message).
Missing a crisis is far worse than a needless helpline, so the patterns cover
many wordings, and the exclusions (idioms, negation, reports about films or
the news) are narrow and listed in the data file, not scattered in code.

How a message is read:
1. normalise it (lower case, NFKC, straight apostrophes, "self-harm" -> "self harm");
2. tokenise and lemmatise it with the shared pipeline `bot.nlp.pipeline`;
3. repair common misspellings of the key words (table, then edit distance);
4. find candidate spans with spaCy `Matcher`s (token patterns, run only near
   their rarest word, see `_AnchoredMatcher`) and a `PhraseMatcher` (plain
   phrases), all built once from the YAML;
5. drop a candidate when its group's conditions fail: an exclusion span
   (an idiom, a film or news report, someone else's death) overlaps it, a
   negation cue precedes it in its clause, the words right next to it rule it
   out, or other words in its sentence explain it away (a cut while cooking).

The text itself is never logged. If anything inside fails, a plain keyword
check from the same file decides, so the function never raises.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from bot import datafiles
from bot.nlp import crisis_compose
from bot.nlp import text as _text
from bot.nlp.pipeline import nlp

logger = logging.getLogger(__name__)

PATTERNS_FILE = Path(__file__).resolve().parent / "patterns" / "crisis.yml"

# spaCy refuses texts over `nlp.max_length` (1,000,000 characters); longer
# texts are read in overlapping chunks so no cue is cut in two.
CHUNK_CHARS = 100_000
CHUNK_OVERLAP = 400

_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_INTRAWORD_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011\u2012\u2013](?=[^\W\d_])")
_END = "<end>"


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
    text = text.text if isinstance(text, Doc) else text
    if is_crisis(text):
        return Assessment("crisis", 1.0)
    if not isinstance(text, str) or not text.strip():
        return Assessment("none")
    try:
        from bot.nlp import risk_classifier

        threshold = risk_classifier.threshold()
        scored = sorted(risk_classifier.sentence_probabilities(text), key=lambda item: -item[1])
        for sentence, probability in scored:
            if probability < threshold:
                return Assessment("none", round(probability, 3))
            verdicts = {verdict for _, _, verdict in explain(sentence)}
            if verdicts & _RULED_OUT and "kept" not in verdicts:
                continue  # tier 1 ruled this sentence out on purpose
            return Assessment("check_in", round(probability, 3))
        return Assessment("none")
    except Exception:  # noqa: BLE001 - screening must never break a conversation
        logger.exception("tier-2 crisis assessment failed")
        return Assessment("none")


def crisis_cue(text: str | Doc) -> str | None:
    """The category of the first crisis cue in `text` (e.g. "suicidal"), or None.

    A `Doc` is read from its text: the detector lower-cases, rewrites and
    repairs spellings in its own copy. Callers must never log `text`.
    """
    text = text.text if isinstance(text, Doc) else text
    if not isinstance(text, str):
        return None
    engine = _engine()  # built on first use; `is_crisis("")` warms it up
    if not text.strip():
        return None
    if engine is None:
        return _fallback(text)
    try:
        return engine.first_category(text) or crisis_compose.category(text)
    except Exception as error:  # noqa: BLE001 - a detector must never take the bot down
        logger.error("crisis detector failed (%s); using the keyword fallback", type(error).__name__)
        return _fallback(text)


def explain(text: str) -> list[tuple[str, str, str]]:
    """Every candidate cue in `text` as (category#group, matched words, verdict).

    A tool for writing patterns and tests; the result contains the person's
    words, so never log it.
    """
    engine = _engine()
    if engine is None or not isinstance(text, str):
        return []
    out: list[tuple[str, str, str]] = []
    for chunk in _chunks(text):
        doc = engine.doc(engine.normalise(chunk))
        out.extend((c, doc[s:e].text, v) for c, (s, e), v in engine.candidates(doc, stop=False))
    return out


# ---------------------------------------------------------------- data model


@dataclass
class Group:
    """One rule group of the YAML: a category, its patterns and its conditions."""

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

    def __init__(self, table: dict[str, Any]) -> None:
        self.vocab = nlp().vocab
        self.spelling: dict[str, str] = {
            str(variant).lower(): str(canonical)
            for canonical, variants in (table.get("spelling") or {}).items()
            for variant in variants
        }
        self.rewrites = [
            (re.compile(rule["find"]), rule["replace"]) for rule in table.get("rewrites") or []
        ]
        self.fuzzy_terms: list[str] = list(table.get("fuzzy") or [])
        self._known = _known_words()
        self._repairs: dict[str, str | None] = {}  # word -> repaired lemma (or None), a cache
        self.macros: dict[str, list[str]] = {
            name.upper(): [str(item) for item in items]
            for name, items in (table.get("macros") or {}).items()
        }
        neg = table.get("negation") or {}
        self.negation = Negation(
            cues=[self.words(c) for c in neg.get("cues") or []],
            window=int(neg.get("window", 5)),
            cancel_next=[self.words(s) for s in neg.get("cancel_next") or []],
            breaks=frozenset(self.lemma(w) for w in neg.get("breaks") or []),
        )
        self.clause_breaks = frozenset(self.lemma(w) for w in table.get("clause_breaks") or [])
        self.sentence_ends = frozenset(table.get("sentence_ends") or [".", "!", "?", ";"])
        # A wildcard never crosses punctuation, a negation or a clause break.
        single = {c[0] for c in self.negation.cues if len(c) == 1}
        self._wild_not = sorted(single | self.clause_breaks)

        self.groups: list[Group] = []
        self.matcher = _AnchoredMatcher(self.vocab)
        self.phrases = PhraseMatcher(self.vocab, attr="LEMMA")
        for index, raw in enumerate(table.get("groups") or []):
            self.groups.append(self._group(raw))
            key = f"crisis_{index}"
            lines = list(raw.get("patterns") or [])
            plain: list[str] = []
            for phrase in raw.get("phrases") or []:
                # A phrase with (a|b) choices or =exact forms is compiled like a pattern.
                (lines if "(" in str(phrase) or "=" in str(phrase) else plain).append(str(phrase))
            self.matcher.add(key, [p for line in lines for p in self.compile(line)])
            phrases = [self.doc(self.normalise(p)) for p in plain]
            if phrases:
                self.phrases.add(key, phrases)
        self.exclusions = _AnchoredMatcher(self.vocab)
        self.exclusions.add("exclusion", [p for line in table.get("exclusions") or [] for p in self.compile(line)])
        self.matcher.build()
        self.exclusions.build()

    # -- reading text

    def normalise(self, text: str) -> str:
        """Lower case and tidy `text` so one pattern covers its spelling variants."""
        text = _SURROGATES.sub(" ", text)
        text = _text.normalise(unicodedata.normalize("NFKC", text))
        text = _ZERO_WIDTH.sub("", text).lower()
        text = _INTRAWORD_HYPHEN.sub(" ", text)
        for pattern, replacement in self.rewrites:
            text = pattern.sub(replacement, text)
        return text

    def doc(self, text: str) -> Doc:
        """Parse normalised text and repair misspelt key words in the lemmas."""
        doc = nlp()(text)
        repairs = self._repairs
        for token in doc:
            word = token.lower_
            if word not in repairs:
                if len(repairs) > 50_000:
                    repairs.clear()
                repairs[word] = self.spelling.get(word) or self._fuzzy(word)
            canonical = repairs[word]
            if canonical:
                token.lemma_ = canonical
        return doc

    def _fuzzy(self, word: str) -> str | None:
        """The key word an unknown word is one or two typos away from, if any."""
        if len(word) < 5 or not word.isalpha() or word in self._known:
            return None
        best: tuple[int, str] | None = None
        for term in self.fuzzy_terms:
            if term[0] != word[0] or abs(len(term) - len(word)) > 2:
                continue
            limit = 1 if len(term) < 7 else 2
            distance = _edit_distance(word, term, limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, term)
        return best[1] if best else None

    def lemma(self, word: str) -> str:
        """The canonical lemma of one single-token word, read the way message words are."""
        lemmas = self._lemmas(word)
        return lemmas[0] if len(lemmas) == 1 else str(word).lower()

    def words(self, snippet: str) -> list[str]:
        """A short phrase of the YAML as a list of lemmas (`<end>`, `<num>` kept as is)."""
        out: list[str] = []
        for word in str(snippet).split():
            if word in (_END, "<num>") or word.startswith("="):
                out.append(word.lstrip("=") or word)
            else:
                out.extend(self._lemmas(word))
        return out

    # -- compiling the pattern language (documented at the top of the YAML)

    def compile(self, line: str) -> list[list[dict[str, Any]]]:
        """Turn one pattern line into the spaCy `Matcher` patterns it stands for."""
        options: list[list[dict[str, Any]]] = [[]]
        for item in _items(str(line)):
            choices = self._item(item)
            options = [head + tail for head in options for tail in choices]
        options = [o for o in options if o]
        if not options:
            raise ValueError(f"empty crisis pattern: {line!r}")
        return options

    def _item(self, item: str) -> list[list[dict[str, Any]]]:
        """The token sequences one item of a pattern line may match."""
        if item.startswith("("):
            optional = item.endswith("?")
            inner = item[1:-2] if optional else item[1:-1]
            choices = [c for alt in _top_level_split(inner) for c in self.compile(alt)]
            return _merge(choices + ([[]] if optional else []))
        any_word = {"IS_PUNCT": False, "IS_SPACE": False, "LEMMA": {"NOT_IN": self._wild_not}}
        if item == "*":
            return [[dict(any_word)]]
        if item.startswith("~"):
            return [[{**any_word, "OP": "?"} for _ in range(int(item[1:] or 1))]]
        optional = item.endswith("?") and len(item) > 1
        body = item[:-1] if optional else item
        if body == "<num>":
            choices = [[{"LIKE_NUM": True}]]
        elif body.startswith("<num<=") and body.endswith(">"):
            limit = int(body[6:-1])
            choices = [[{"LOWER": {"IN": [str(n) for n in range(limit + 1)]}}]]
        elif body.startswith("<num>=") and body.endswith(">"):
            low = int(body[6:-1])
            choices = [[{"LOWER": {"IN": [str(n) for n in range(low, 1000)] + _TENS}}]]
        else:
            choices = []
            for alt in body.split("|"):
                words = self.macros[alt[1:].upper()] if alt.startswith("@") else [alt]
                for word in words:
                    if word.startswith("="):
                        choices.append([{"LOWER": {"IN": [word[1:]]}}])
                    else:
                        choices.append([{"LEMMA": {"IN": [lemma]}} for lemma in self._lemmas(word)])
            choices = _merge(choices)
        if optional:
            if len(choices) == 1 and len(choices[0]) == 1:
                return [[{**choices[0][0], "OP": "?"}]]
            choices.append([])
        return choices

    def _lemmas(self, word: str) -> list[str]:
        """The lemmas one written word becomes ("won't" -> ["wo", "not"])."""
        return [t.lemma_ for t in self.doc(self.normalise(str(word)))] or [str(word)]

    def _word_set(self, words: list[str] | None) -> frozenset[str]:
        """Lemmas of single words; "=word" keeps that exact form ("=wills" is not "will")."""
        return frozenset(str(w)[1:] if str(w).startswith("=") else self.lemma(w) for w in words or [])

    def _group(self, raw: dict[str, Any]) -> Group:
        return Group(
            category=str(raw["category"]),
            negatable=bool(raw.get("negatable", True)),
            idioms=bool(raw.get("idioms", True)),
            next_not=[self.words(s) for s in raw.get("next_not") or []],
            prev_not=[self.words(s) for s in raw.get("prev_not") or []],
            next_only=[self.words(s) for s in raw.get("next_only") or []],
            sentence_not=self._word_set(raw.get("sentence_not")),
            sentence_needs=self._word_set(raw.get("sentence_needs")),
        )

    # -- deciding

    def first_category(self, text: str) -> str | None:
        """The category of the earliest cue that survives its group's conditions."""
        for chunk in _chunks(text):
            category = self._scan(self.doc(self.normalise(chunk)))
            if category:
                return category
        return None

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
            if word == _END:
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


# ---------------------------------------------------------------- anchored matching

# How common a word is, for choosing anchors: function words are everywhere
# (a pattern made only of them runs on every sentence); frequent words are
# still worse anchors than rare ones such as "pills" or "suicidal".
_FUNCTION = frozenset(
    "i me my you your he she they we it its him her them our their a an the this that these those "
    "be have do not no never to of in on at for with by from up out off so and or but if when "
    "will would can could should might must shall may all as into than then there here what how "
    "who why which one just".split()
)
_FREQUENT = frozenset(
    "go get make take want like feel about some any every much more very really even still again "
    "over after before down back now only too also well good bad new old first last long little "
    "lot way thing something nothing everything anything someone everyone anyone nobody people "
    "person man woman time day today tonight tomorrow yesterday night morning week weekend year "
    "work job home house school friend family mum mom dad mother father sister brother kid child "
    "say tell ask see look know think come give find keep let put use try need seem leave call talk "
    "start stop help show hear play run move live believe hold bring happen write sit stand lose "
    "pay meet change watch read spend walk win open love hate buy wait send stay fall eat sleep "
    "cry laugh hope wish plan mean end next same other own great right big small sure okay ok "
    "yes yeah lol because while where since until though through".split()
)


def _rarity_cost(words: frozenset[str]) -> int:
    """How often a token with one of `words` turns up in ordinary text, roughly."""
    return sum(100 if w in _FUNCTION else 10 if w in _FREQUENT else 1 for w in words)


class _AnchoredMatcher:
    """A spaCy `Matcher` split by one required word per pattern (its anchor).

    spaCy's `Matcher` tries every pattern at every token, so its cost grows
    with patterns x tokens: a 5,000-word journal entry against ~2,000 patterns
    takes over a second. Here each pattern lives in the bucket of its rarest
    required word, and a bucket only runs on a short window around each place
    where its anchor occurs (a match always contains its anchor). The matches
    are the same as one big `Matcher` would find inside each sentence.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self._pending: dict[tuple[str, frozenset[str]], dict[str, list[tuple[int, list[dict[str, Any]]]]]] = {}
        self._index: dict[tuple[str, str], list[int]] = {}
        self._matchers: list[tuple[Matcher, int, int]] = []
        # Per matcher, per pattern: the word sets of its required tokens. A
        # window that lacks a word from each set of every pattern is skipped.
        self._needs: list[list[list[tuple[int, frozenset[str]]]]] = []
        self._always: list[int] = []

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        for pattern in patterns:
            position, attr, words = _anchor(pattern)
            self._pending.setdefault((attr, words), {}).setdefault(key, []).append((position, pattern))

    def build(self) -> None:
        """Create one `Matcher` per anchor (validation off: patterns are generated)."""
        for (attr, values), by_key in self._pending.items():
            matcher = Matcher(self.vocab, validate=False)
            for key, placed in by_key.items():
                matcher.add(key, [p for _, p in placed])
            every = [placed for placed in by_key.values() for placed in placed]
            before = max(position for position, _ in every)
            after = max(len(p) - position for position, p in every)
            number = len(self._matchers)
            self._matchers.append((matcher, before, after))
            self._needs.append([_required(p) for _, p in every])
            if not values:
                self._always.append(number)
            for value in values:
                self._index.setdefault((attr, value), []).append(number)
        self._pending = {}

    def __call__(self, doc: Doc, sentences: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
        words = [(t.lemma_, t.lower_) for t in doc]
        found: set[tuple[int, int, int]] = set()
        for start, end in sentences:
            windows: dict[int, list[tuple[int, int]]] = {n: [(start, end)] for n in self._always}
            for i in range(start, end):
                lemma, lower = words[i]
                for number in self._index.get(("LEMMA", lemma), []) + self._index.get(("LOWER", lower), []):
                    _, before, after = self._matchers[number]
                    windows.setdefault(number, []).append((max(start, i - before), min(end, i + after)))
            for number, spans in windows.items():
                matcher = self._matchers[number][0]
                for a, b in _merged(spans):
                    present = ({w[0] for w in words[a:b]}, {w[1] for w in words[a:b]})
                    if not any(all(present[attr] & need for attr, need in p) for p in self._needs[number]):
                        continue
                    found.update((m, a + s, a + e) for m, s, e in matcher(doc[a:b]))
        return sorted(found, key=lambda m: (m[1], m[2]))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping (start, end) windows joined into one."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _required(pattern: list[dict[str, Any]]) -> list[tuple[int, frozenset[str]]]:
    """The word sets (0: lemmas, 1: lower-case forms) a match must contain, one per required token."""
    needs: list[tuple[int, frozenset[str]]] = []
    for spec in pattern:
        if "OP" in spec:
            continue
        for number, attr in enumerate(("LEMMA", "LOWER")):
            value = spec.get(attr)
            if isinstance(value, dict) and set(value) == {"IN"}:
                needs.append((number, frozenset(value["IN"])))
            elif isinstance(value, str):
                needs.append((number, frozenset([value])))
    return needs


def _anchor(pattern: list[dict[str, Any]]) -> tuple[int, str, frozenset[str]]:
    """(position, attribute, words) of the required token of `pattern` with the rarest words.

    The words are empty when no required token names its words, or names only
    function words: such a pattern runs once on every sentence instead.
    """
    best: tuple[int, int, str, frozenset[str]] | None = None
    for position, spec in enumerate(pattern):
        if "OP" in spec:
            continue
        for attr in ("LEMMA", "LOWER"):
            value = spec.get(attr)
            if isinstance(value, dict) and set(value) == {"IN"}:
                words = frozenset(value["IN"])
            elif isinstance(value, str):
                words = frozenset([value])
            else:
                continue
            score = _rarity_cost(words)
            if best is None or score < best[0]:
                best = (score, position, attr, words)
    if best is None or best[0] >= 100:
        return (0, "", frozenset())
    return best[1:]


# ---------------------------------------------------------------- helpers


def _items(line: str) -> list[str]:
    """Split a pattern line into words and (possibly nested) `( ... )` groups."""
    items: list[str] = []
    depth, current = 0, ""
    for char in line:
        if char == "(":
            if depth == 0 and current.strip():
                items.append(current.strip())
                current = ""
            depth += 1
        elif char == ")":
            depth -= 1
        elif char.isspace() and depth == 0:
            if current:
                items.append(current)
            current = ""
            continue
        current += char
    if depth != 0:
        raise ValueError(f"unbalanced parentheses in crisis pattern: {line!r}")
    if current:
        items.append(current)
    return items


def _top_level_split(inner: str) -> list[str]:
    """Split the inside of a group at the `|` that are not inside a nested group."""
    parts, depth, current = [], 0, ""
    for char in inner:
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _merge(choices: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Fold one-word choices into a single `IN` token so lines do not multiply."""
    merged: dict[str, set[str]] = {}
    rest: list[list[dict[str, Any]]] = []
    for choice in choices:
        if len(choice) == 1 and len(choice[0]) == 1:
            (attr, value), = choice[0].items()
            if attr in ("LEMMA", "LOWER") and isinstance(value, dict) and set(value) == {"IN"}:
                merged.setdefault(attr, set()).update(value["IN"])
                continue
        if choice not in rest:
            rest.append(choice)
    return [[{attr: {"IN": sorted(values)}}] for attr, values in merged.items()] + rest


_TENS = ["ten", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "dozen"]


def _same(token: Token, word: str) -> bool:
    if word == "<num>":
        return token.like_num
    return token.lemma_ == word or token.lower_ == word


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    """The pattern table as read from `PATTERNS_FILE`."""
    return datafiles.load(PATTERNS_FILE) or {}


@lru_cache(maxsize=1)
def _engine() -> Engine | None:
    """The engine, built once per process; None (logged once) if it cannot be built."""
    try:
        return Engine(_table())
    except Exception as error:  # noqa: BLE001 - fall back rather than fail every message
        logger.error("crisis patterns could not be loaded (%s: %s)", type(error).__name__, error)
        return None


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """English words of the lemma table: these are never treated as typos."""
    try:
        table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    except Exception:  # noqa: BLE001 - without the table, fuzzy repair is merely bolder
        return frozenset()
    return frozenset(str(v) for v in table.values())


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), stopping past `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _chunks(text: str) -> Iterable[str]:
    """`text` in pieces spaCy accepts, overlapping so no phrase is split."""
    if len(text) <= CHUNK_CHARS:
        yield text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut if cut > 0 else end
        yield text[start:end]
        if end >= len(text):
            return
        start = max(end - CHUNK_OVERLAP, start + 1)


_BUILT_IN_FALLBACK = r"suicid|kill\s*my\s*self|end\s+my\s+life|want\s+to\s+die|self[\s-]*harm"


@lru_cache(maxsize=1)
def _fallback_pattern() -> re.Pattern[str]:
    """The `fallback` keywords of the pattern file, or a built-in list if it is unreadable."""
    try:
        keywords = [str(p) for p in _table().get("fallback") or []]
        return re.compile("|".join(f"(?:{p})" for p in keywords) or _BUILT_IN_FALLBACK)
    except Exception:  # noqa: BLE001
        return re.compile(_BUILT_IN_FALLBACK)


def _fallback(text: str) -> str | None:
    """Keyword check used only when the engine fails: errs on the side of helplines."""
    try:
        return "suicidal" if _fallback_pattern().search(text.lower()) else None
    except Exception:  # noqa: BLE001
        return None
