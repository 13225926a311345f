"""Reading named, rated feelings: "anxious 80, sad 60" -> [("anxious", 80), ("sad", 60)].

The thought record asks "what did you feel, and how strongly (0-100)?". People
answer in one line with several feelings, hedges and scales ("really anxious,
maybe 90", "embarrassed 70 and ashamed about 50%", "anxiety 8/10"). Feeling
names are found with the lexicon in `data/feelings.yml`; each rating is read by
`bot.cbt.ratings.parse_rating`, so every scale it reads works here too.

Decisions:
- Names are kept as the person wrote them, lower-cased ("anxiety" stays
  "anxiety"): their words, not ours. The lexicon's families only decide that
  "anxiety" and "anxious" are one feeling (no duplicates; re-rating matches).
- A number in its own clause belongs to the nearest unrated feeling before it
  ("really anxious, maybe 90"); "both"/"all" rates every waiting feeling.
- Inside a clause that names a feeling, only a number counts as a rating:
  "completely overwhelmed" is a feeling to rate, not a rating of 100.
- A negated feeling ("not angry, just sad 60") is not recorded.
- A word outside the lexicon still counts when it stands alone with a number
  and no named feeling is waiting for one ("meh 40").
- A misspelt feeling one or two letters away from a lexicon word is read as
  that word ("anxous" is anxious, "frustated" is frustrated) and recorded in
  the lexicon's spelling, so re-rating and progress match it.
"""
from __future__ import annotations

import re
from difflib import get_close_matches
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from bot import datafiles
from bot.cbt.ratings import EXAMPLE, has_number, parse_rating
from bot.nlp.text import edit_distance

DATA_DIR = Path(__file__).resolve().parent / "data"


class Emotion(NamedTuple):
    """One feeling and its 0-100 rating (None until the person gives one)."""

    name: str
    rating: int | None


@dataclass(frozen=True)
class EmotionsResult:
    """Feelings read from one answer, and a re-ask when something is missing.

    `problem` is None only when at least one feeling was found and every
    feeling has a rating; otherwise it says kindly what to add.
    """

    emotions: list[Emotion] = field(default_factory=list)
    problem: str | None = None

    @property
    def complete(self) -> bool:
        return bool(self.emotions) and self.problem is None

    def as_records(self) -> list[dict[str, int | str | None]]:
        """The export contract's shape: [{"name", "before", "after"}]."""
        return [{"name": e.name, "before": e.rating, "after": None} for e in self.emotions]


@dataclass(frozen=True)
class RerateResult:
    """New ratings for feelings already named, in the order they were given.

    `ratings` has one entry per requested name (rating None when missing).
    """

    ratings: list[Emotion] = field(default_factory=list)
    problem: str | None = None
    # Feelings not named before, rated now ("you forgot my shame! shame 60"): added, not dropped.
    added: list[Emotion] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.problem is None and all(e.rating is not None for e in self.ratings)

    def as_dict(self) -> dict[str, int | None]:
        return {e.name: e.rating for e in [*self.ratings, *self.added]}


# --- lexicon -------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    family_of: dict[str, str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = datafiles.load(DATA_DIR / "feelings.yml")
    family_of: dict[str, str] = {}
    for forms in raw["families"]:
        for form in forms:
            family_of[str(form).lower()] = str(forms[0]).lower()
    forms_alt = "|".join(
        r"\s+".join(map(re.escape, f.split())) for f in sorted(family_of, key=len, reverse=True)
    )
    return _Lexicon(family_of, re.compile(rf"(?<![\w-])(?:{forms_alt})(?![\w])", re.I))


def _edits_allowed(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


@lru_cache(maxsize=2048)
def correct_feeling(word: str) -> str | None:
    """The lexicon word a misspelt feeling was meant to be, or None."""
    word = word.lower()
    lex = _lexicon()
    if word in lex.family_of or word in _FILLER:
        return None
    allowed = _edits_allowed(word)
    if not allowed:
        return None
    single = [form for form in lex.family_of if " " not in form]
    near = get_close_matches(word, single, n=5, cutoff=0.6)
    scored = [(edit_distance(word, form), form) for form in near]
    closest = min((d for d, _ in scored), default=allowed + 1)
    if closest > allowed:
        return None
    families = {lex.family_of[form] for d, form in scored if d == closest}
    return families.pop() if len(families) == 1 else None


def _correct_spelling(text: str) -> str:
    return re.sub(r"[^\W\d_]{4,}", lambda m: correct_feeling(m.group(0)) or m.group(0), text or "")


def feeling_family(word: str) -> str | None:
    """The lexicon family a feeling word belongs to ("anxiety" -> "anxious")."""
    return _lexicon().family_of.get(re.sub(r"\s+", " ", word.strip().lower()))


_NEGATION = re.compile(r"(?:\bnot|\bno|\bnever|n't)(?:\s+\w+)?\s+$", re.I)
_CLAUSE_SPLIT = re.compile(r"[,;\n]|\.(?!\d)|\band\b|\bbut\b|&|\+", re.I)
_ALL_WORDS = re.compile(r"\b(?:both|all|each|same)\b", re.I)
_FILLER = set(
    """a an the i i'm im am was is it its it's maybe about around roughly approx
    approximately like say i'd id would be feel feeling felt really very so quite
    pretty kind sort of bit little lot just probably perhaps think guess at and
    or out percent per cent now right currently still me my too also honestly prob probs prolly def
    defo deffo lol haha said tbh ngl ish hmm um uh er literally super mega af rn""".split()
)


@dataclass
class _Found:
    name: str
    family: str
    start: int
    end: int


def _find_feelings(clause: str) -> list[_Found]:
    lex = _lexicon()
    found = []
    for m in lex.pattern.finditer(clause):
        if _NEGATION.search(clause[: m.start()]):
            continue
        name = re.sub(r"\s+", " ", m.group(0).lower())
        found.append(_Found(name, lex.family_of[name], m.start(), m.end()))
    return found


def _leftover_name(clause: str) -> str | None:
    """Non-filler words left in a clause once numbers are removed ("meh 40" -> "meh")."""
    words = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", clause.lower())
    number_words = re.compile(
        r"^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"\w+teen|\w+ty|hundred|thousand)$"
    )
    left = [w for w in words if w not in _FILLER and not number_words.match(w)]
    return " ".join(left) if 1 <= len(left) <= 2 else None


@dataclass
class _Reading:
    name: str
    family: str
    rating: int | None = None
    problem: str | None = None


def _rating_for(name: str, text: str) -> tuple[int | None, str | None]:
    """A rating found in `text` for `name`, or a problem naming the feeling."""
    if not has_number(text):
        return None, None
    result = parse_rating(text)
    if result.value is not None:
        return result.value, None
    return None, f"For {name}: {result.problem}"


def _read_clause_with_feelings(clause: str, feelings: list[_Found]) -> list[_Reading]:
    """Pair feelings and numbers inside one clause ("anxious 8/10 sad 6/10")."""
    if len(feelings) == 1:
        f = feelings[0]
        rating, problem = _rating_for(f.name, clause)
        return [_Reading(f.name, f.family, rating, problem)]
    rating_first = has_number(clause[: feelings[0].start])
    readings = []
    for i, f in enumerate(feelings):
        if rating_first:
            start = feelings[i - 1].end if i else 0
            piece = clause[start : f.start]
        else:
            end = feelings[i + 1].start if i + 1 < len(feelings) else len(clause)
            piece = clause[f.end : end]
        rating, problem = _rating_for(f.name, piece)
        readings.append(_Reading(f.name, f.family, rating, problem))
    return readings


def _read(text: str) -> tuple[list[_Reading], list[str]]:
    """All feelings in `text` with ratings where given, plus unattached numbers."""
    readings: list[_Reading] = []
    orphans: list[str] = []
    for clause in _CLAUSE_SPLIT.split(_correct_spelling(text)):
        if not clause.strip():
            continue
        feelings = _find_feelings(clause)
        if feelings:
            readings.extend(_read_clause_with_feelings(clause, feelings))
            continue
        rating = parse_rating(clause)
        if rating.reason == "unreadable" or not (has_number(clause) or rating.value is not None):
            continue
        waiting = [r for r in readings if r.rating is None and r.problem is None]
        if waiting:
            targets = waiting if _ALL_WORDS.search(clause) else waiting[-1:]
            for r in targets:
                if rating.value is not None:
                    r.rating = rating.value
                else:
                    r.problem = f"For {r.name}: {rating.problem}"
            continue
        name = _leftover_name(clause) if has_number(clause) else None
        if name:
            readings.append(
                _Reading(name, name, rating.value,
                         None if rating.value is not None else f"For {name}: {rating.problem}")
            )
        else:
            orphans.append(clause.strip())
    return _merge_same_family(readings), orphans


def _merge_same_family(readings: list[_Reading]) -> list[_Reading]:
    """Keep one reading per feeling family: the first name, the first rating given."""
    merged: dict[str, _Reading] = {}
    for r in readings:
        kept = merged.get(r.family)
        if kept is None:
            merged[r.family] = r
        elif kept.rating is None and kept.problem is None:
            kept.rating, kept.problem = r.rating, r.problem
    return list(merged.values())


def _ask_for_ratings(names: list[str]) -> str:
    if len(names) == 1:
        return (
            f"You said {names[0]}. How strong is that right now, from 0 to 100? "
            f"{EXAMPLE}"
        )
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    sample = ", ".join(f"{n} {v}" for n, v in zip(names, (70, 40, 55, 30, 60, 20)))
    return (
        f"How strong is each of these right now, from 0 to 100: {listed}? "
        f'For example: "{sample}".'
    )


def _ask_for_rerating(names: list[str]) -> str:
    if len(names) == 1:
        return (
            f"And {names[0]}? How strong is it now, from 0 to 100, "
            "on the same scale as before?"
        )
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    sample = ", ".join(f"{n} {v}" for n, v in zip(names, (40, 30, 20, 50, 10, 60)))
    return (
        f"How strong is each of these now, from 0 to 100: {listed}? "
        f'For example: "{sample}".'
    )


def parse_emotions(text: str) -> EmotionsResult:
    """Read the feelings and their 0-100 ratings from one answer."""
    readings, orphans = _read(text)
    emotions = [Emotion(r.name, r.rating) for r in readings]
    if not readings:
        if orphans:
            number = orphans[0]
            return EmotionsResult(
                [],
                f'Which feeling is the "{number}" for? Name it with the number, '
                'for example "anxious 70" or "sad 40, angry 60".',
            )
        return EmotionsResult(
            [],
            "I couldn't tell which feeling you meant. Could you name it and rate it "
            'from 0 to 100, like "anxious 70" or "sad 40, angry 60"?',
        )
    problems = [r.problem for r in readings if r.problem]
    if problems:
        return EmotionsResult(emotions, " ".join(problems))
    unrated = [r.name for r in readings if r.rating is None]
    if unrated:
        return EmotionsResult(emotions, _ask_for_ratings(unrated))
    return EmotionsResult(emotions)


def with_earlier_feelings(earlier: list[Emotion], text: str) -> EmotionsResult:
    """The feelings of an earlier answer completed by this one.

    After "ashamed 90, anxious 70, a bit angry" the bot asks how strong angry
    is; "maybe thirty?" is angry's rating, and "angry 30, sad 20" rates angry
    and adds sad. Feelings already rated keep their rating unless named again.
    """
    fresh = parse_emotions(text)
    merged = {e.name: e.rating for e in earlier}
    unrated = [name for name, rating in merged.items() if rating is None]
    if not fresh.emotions and unrated:
        rerated = parse_rerating(text, unrated)
        merged.update({name: rating for name, rating in rerated.as_dict().items() if rating is not None})
        if not rerated.complete:
            emotions = [Emotion(n, r) for n, r in merged.items()]
            return EmotionsResult(emotions, rerated.problem or _ask_for_ratings([n for n, r in merged.items() if r is None]))
    for e in fresh.emotions:
        same = next((name for name in merged if _same_feeling(name, e.name)), None)
        if same is None:
            merged[e.name] = e.rating
        elif e.rating is not None:
            merged[same] = e.rating
    emotions = [Emotion(n, r) for n, r in merged.items()]
    missing = [n for n, r in merged.items() if r is None]
    if missing:
        return EmotionsResult(emotions, _ask_for_ratings(missing))
    return EmotionsResult(emotions)


def _same_feeling(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    if a == b:
        return True
    fa, fb = feeling_family(a), feeling_family(b)
    return fa is not None and fa == fb


def parse_rerating(text: str, names: list[str]) -> RerateResult:
    """Read new ratings for feelings already named.

    Accepts names with numbers ("anxious 40, sad 30", any order), bare numbers
    in the original order ("40, 30"), or one number when there is one feeling.
    """
    if not names:
        return RerateResult([], "There are no feelings to re-rate yet.")
    if len(names) == 1 and not _find_feelings(text or ""):
        result = parse_rating(text)
        if result.value is None:
            return RerateResult([Emotion(names[0], None)], f"For {names[0]}: {result.problem}")
        return RerateResult([Emotion(names[0], result.value)])

    readings, orphans = _read(text)
    matched: dict[str, int | None] = {}
    problems: list[str] = []
    added: list[Emotion] = []
    for r in readings:
        target = next((n for n in names if _same_feeling(n, r.name)), None)
        if target is None:
            if r.rating is not None and feeling_family(r.name) is not None:
                added.append(Emotion(r.name, r.rating))
            continue
        if r.problem:
            problems.append(r.problem)
        elif r.rating is not None:
            matched[target] = r.rating

    if not readings:
        pieces: list[str] = []
        for orphan in orphans:
            # "40 30": bare numbers separated only by spaces are a list.
            if re.fullmatch(r"\d+(?:\.\d+)?%?(?:\s+\d+(?:\.\d+)?%?)+", orphan):
                pieces.extend(orphan.split())
            else:
                pieces.append(orphan)
        unrated = [Emotion(n, None) for n in names]
        if len(pieces) != len(names):
            sample = ", ".join(str(v) for v in (40, 30, 20, 50, 10, 60)[: len(names)])
            return RerateResult(
                unrated,
                f"I got {len(pieces)} number{'s' if len(pieces) != 1 else ''} for "
                f"{len(names)} feelings ({', '.join(names)}). Could you give one "
                f"number for each, in that order? For example: {sample}.",
            )
        values = [parse_rating(p) for p in pieces]
        bad = [f"For {n}: {v.problem}" for n, v in zip(names, values) if v.value is None]
        if bad:
            return RerateResult(unrated, " ".join(bad))
        return RerateResult([Emotion(n, v.value) for n, v in zip(names, values)])

    ratings = [Emotion(n, matched.get(n)) for n in names]
    if problems:
        return RerateResult(ratings, " ".join(problems), added)
    missing = [n for n in names if matched.get(n) is None]
    if missing:
        return RerateResult(ratings, _ask_for_rerating(missing), added)
    return RerateResult(ratings, added=added)


# Words that judge the self ("stupid", "useless", "I'm alone"): said as the
# automatic thought they are the thought, not a feeling to rate.
_JUDGEMENTS = frozenset(
    "stupid dumb useless worthless worthlessness inadequate inadequacy hopeless hopelessness trapped stuck alone".split()
)
# What else a list of feelings is made of: "sad and guilty mostly, bit lonely", "angry. hurt too".
_LIST_WORDS = _FILLER | set(
    "mostly mainly largely mixed with plus some bunch lots loads of feelings emotions then too as well "
    "both all extremely totally completely utterly bit kinda sorta slightly somewhat mildly deeply majorly "
    "overall generally mostly also definitely".split()
)


def only_feelings(text: str) -> list[str]:
    """The feelings a message names when it is nothing but feelings, else [].

    "sad and guilty mostly, bit lonely" is a list of feelings; "I'm useless",
    "I'll always be alone" and "she hates me and I'm scared" are thoughts.
    """
    corrected = _correct_spelling(text or "")
    found = [f for f in _find_feelings(corrected)]
    if not found or any(f.name in _JUDGEMENTS for f in found):
        return []
    rest = corrected
    for f in sorted(found, key=lambda f: f.start, reverse=True):
        rest = rest[: f.start] + " " + rest[f.end :]
    words = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", rest.lower())
    if any(w not in _LIST_WORDS for w in words):
        return []
    return list(dict.fromkeys(f.name for f in found))
