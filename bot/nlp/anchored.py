"""A spaCy `Matcher` that runs each pattern only near its rarest required word.

spaCy's `Matcher` tries every pattern at every token, so its cost grows with
patterns x tokens: a 5,000-word journal entry against ~2,000 crisis patterns
takes over a second. `AnchoredMatcher` files each pattern under the rarest word
it requires (its anchor) and runs a pattern group only on a short window around
each place its anchor occurs, inside each sentence. The matches are the same as
one big `Matcher` would find inside each sentence.
"""
from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc

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


class AnchoredMatcher:
    """A spaCy `Matcher` split by one required word per pattern (its anchor); a
    match always contains its anchor, so a bucket runs only near its anchor."""

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
        """Create one `Matcher` per anchor (patterns come validated from `bot.nlp.matching`)."""
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
        """(match id, start, end) of every match inside one of `sentences` (token offsets), in text order."""
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

