"""Big things first: a death, a miscarriage, a break-up, losing a job, a diagnosis, being hurt.

A loss is acknowledged on first mention, warmly and specifically ("I'm so
sorry about your dad."), before any reflection or question, and never met
with an offer to work through a thought. Who died is remembered so that
questions about them stay in the past tense ("What was your dad like?") and
never ask "what is it like between you and your dad". Patterns and wording
are in `data/loss.yml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

from spacy.lang.en.stop_words import STOP_WORDS

from bot import datafiles
from bot.nlp.text import normalise
from bot.nlp.reflection import say_person

DATA_FILE = datafiles.data_path(__file__, "data/loss.yml")
THEMES_FILE = datafiles.data_path(__file__, "data/themes.yml")
QUESTIONS_FILE = datafiles.data_path(__file__, "data/questions.yml")
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
# A break-up that is the end of a marriage is said as one ("I'm so sorry about the divorce").
_MARRIAGE = re.compile(
    r"(?<!not )(?<!n't )(?<!never )(?<!no )\b(?:divorc\w*|separat\w*|married|talaq|decree (?:absolute|nisi)|"
    r"(?:years|decades) of marriage|(?:our|my|the) marriage (?:is|was|has|had|ended|broke|fell)|end of (?:our|my|the) marriage|"
    r"my (?:wife|husband|ex-wife|ex-husband))\b"
)
_NOT_MARRIED = re.compile(r"\b(?:weren't|were not|wasn't|was not|never|not) (?:\w+ )?married\b|\bno divorce\b")
# The writer's parents parting ("my mum and dad are splitting up"): said as theirs.
_PARENTS = re.compile(r"\b(?:my|our) (?:parents|(?:mum|mom|mam|dad) and (?:mum|mom|mam|dad))\b")
# A break-up that came of being cheated on is said as the betrayal it is.
_CHEATED = re.compile(r"\b(?:cheated|cheating) on me\b|\b(?:had|having) an affair\b")
# A short question or one asked outright is not telling of a loss ("My friend was diagnosed?").
_ASKED = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|would|will|should|has|have|what|why|how|who|when)\b")
_MODIFIERS = (
    "little|old|older|oldest|younger|best|dear|dearest|lovely|beloved|late|baby|big|step|own|eldest|youngest|twin|"
    "poor|sweet|family|closest|good|close|childhood|lifelong|darling|wonderful|amazing|beautiful|gorgeous"
)
# Things that "die" without anyone dying ("my phone died", "the plant died").
_THINGS = re.compile(
    r"\b(?:phone|battery|batteries|laptop|computer|car|engine|plant|plants|flowers|wifi|wi-fi|internet|charger|tv|"
    r"conversation|party|screen|signal|game|character|vibe|mood|joke|hype|group chat|chat|torch|fridge)s? (?:\w+ )?"
    r"(?:died|dies|is dead|was dead)\b"
)


@dataclass(frozen=True)
class Loss:
    """One loss in a message: its kind, who (their word: "dad", "cat", "Pete"), and its theme."""

    kind: str  # death | pet | miscarriage | breakup | job | diagnosis | hurt | estrangement | home | failure
    who: Optional[str]
    theme: str  # grief | loss | hurt
    name: Optional[str] = None  # their name, when told beside the word ("My wife, Margaret, died")
    owner: Optional[str] = None  # whose relative, when not the writer's own ("my friend's dad": "friend")
    what: Optional[str] = None  # what was lost or failed, in their words ("my driving test")

    @property
    def key(self) -> str:
        """What makes it the same loss on a later mention ("death:dad")."""
        return f"{self.kind}:{(self.owner or '').lower() + '/' if self.owner else ''}{(self.who or '').lower()}"

    @property
    def person(self) -> str:
        """Who, said back: "your dad", "your friend's dad", "Sarah's mum", "Biscuit"."""
        if not self.who:
            return ""
        if self.owner:
            return f"{say_person(self.owner)}'s {self.who}"
        return say_person(self.who)


@dataclass(frozen=True)
class _Data:
    # (kind, theme, (pattern, says "not" itself, what else in the message it needs to count or None))
    kinds: tuple[tuple[str, str, tuple[tuple[re.Pattern[str], bool, Optional[re.Pattern[str]]], ...]], ...]
    pets: frozenset[str]
    words: frozenset[str]
    pet_cues: re.Pattern[str]
    acknowledge: dict[str, list[str]]
    also: dict[str, str]
    followups: dict[str, Any]
    pronoun_of: dict[str, tuple[str, str]]


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw: dict[str, Any] = datafiles.load(DATA_FILE)
    relations = [str(r) for r in datafiles.load(THEMES_FILE)["people"]["relations"]] + [str(r) for r in raw["relations"]]
    pets = [str(p) for p in raw["pets"]]
    standalone = [str(s) for s in raw["standalone"]]
    words = sorted(set(relations + pets), key=len, reverse=True)
    word = "|".join(map(re.escape, words))
    pet_word = "|".join(map(re.escape, sorted(pets, key=len, reverse=True)))
    kin_word = "|".join(map(re.escape, sorted(set(relations), key=len, reverse=True)))
    names = r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?[A-Z][a-z]+"
    owner = rf"(?:(?P<owner>{kin_word})(?:'s|s'|s) )"
    owned = rf"(?:my|our)(?: (?:{_MODIFIERS}))* {owner}?(?P<word>{word})"
    others = rf"(?P<ownername>{names})(?:'s|s) (?P<theirs>{word})"
    some = rf"(?:a|an|one of my|one of our)(?: (?:{_MODIFIERS}))* (?P<some>{word})(?: of (?:mine|ours))?"
    alone = rf"(?P<alone>{'|'.join(map(re.escape, sorted(standalone, key=len, reverse=True)))})"
    the_pet = rf"(?:the|our family) (?P<thepet>{pet_word})"
    dear = rf"(?:my|our)(?: (?:{_MODIFIERS}))* (?:boy|girl|lad|buddy|baby|angel|friend|companion|shadow) (?P<called>{names})"
    people = rf"(?:{dear}|{owned}|{others}|{some}|{alone}|{the_pet}|(?P<name>{names})"
    placeholders = {
        "{who}": rf"\b{people}|(?P<pron>[Hh]e|[Ss]he|[Tt]hey))\b",
        "{whose}": rf"\b{people})(?:'s|s'|s)\b",  # "dad's", "dads", "my grandfathers"
        "{kin}": rf"\b(?:{owned}|{others}|{some}|{alone})\b",  # a relation, never a bare name ("my ammi expired")
        "{them}": r"\b(?P<pron>him|her|them)\b",
    }
    macros = {
        "{illness}": "(?i:" + "|".join(str(i) for i in raw["illnesses"]) + ")(?! (?i:" + "|".join(raw["not_ill"]) + r")\b)",
        "{pets}": f"(?:{pet_word})",
        "{alive}": "(?! (?:" + "|".join(str(w) for w in raw["not_dead"]) + r")\b)",
    }
    kinds = []
    for kind, spec in raw["kinds"].items():
        patterns = []
        context = re.compile(r"\b(?:" + "|".join(spec["context"]) + r")\b") if spec.get("context") else None
        for pattern, needs in [*((p, None) for p in spec["patterns"]), *((p, context) for p in spec.get("in_context", []))]:
            for macro, expansion in macros.items():
                pattern = pattern.replace(macro, expansion)
            pieces = re.split(r"(\{who\}|\{whose\}|\{kin\}|\{them\})", pattern)
            if len(pieces) > 1:
                compiled = re.compile("".join(
                    re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{n}>", placeholders[piece]) if piece in placeholders else piece
                    for n, piece in enumerate(pieces)
                ))
            else:
                compiled = re.compile(pattern, re.IGNORECASE)
            patterns.append((compiled, bool(re.search(r"\bnot\b|n''?t\b|\bnever\b|\bno\b", pattern)), needs))
        kinds.append((str(kind), str(spec["theme"]), tuple(patterns)))
    pronouns = datafiles.load(QUESTIONS_FILE)["pronouns"]
    he = [*pronouns["he"], *raw["pronouns"]["he"]]
    she = [*pronouns["she"], *raw["pronouns"]["she"]]
    pronoun_of = {w: ("he", "him") for w in he} | {w: ("she", "her") for w in she}
    return _Data(
        kinds=tuple(kinds),
        pets=frozenset(pets),
        words=frozenset(words),
        pet_cues=re.compile(rf"\b(?:(?:my|our|the|family|a|old) (?:{pet_word})|{'|'.join(raw['pet_cues'])})\b"),
        acknowledge={k: list(v) for k, v in raw["acknowledge"].items()},
        also={str(k): str(v) for k, v in raw["also"].items()},
        followups=dict(raw["death_followups"]),
        pronoun_of=pronoun_of,
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
    data = _data()
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
    data = _data()
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
    if not name or name.lower() in STOP_WORDS | _not_names():
        return loss
    return Loss(kind="death", who=name, theme=loss.theme)


def _loss_at(
    match: re.Match[str], kind: str, theme: str, says_not: bool, text: str, sentence: re.Match[str], found: list[Loss]
) -> Optional[Loss]:
    """The loss `match` tells of, or None when it is a fear, a figure of speech, a thing, or someone else's break-up."""
    if _opener_as_name(match):
        return None
    if _not_real(match.string[: match.start()]) or _negated_inside(match.group(), says_not):
        return None
    if _FIGURATIVE.search(match.string[match.start():]) or _THINGS.search(match.string):
        return None
    who, owner = _who(match)
    if who and who.lower() in _NOT_WHO | _THING_WORDS:
        return None
    if who and who.lower() in _PRONOUNS:
        # "my dad ... he died": the last person word before it that "he" can stand for
        who = _antecedent(text[: sentence.start()] + sentence.group()[: match.start()], _PRONOUNS[who.lower()])
    if kind == "breakup" and _SYMMETRIC.search(match.group()) and _someone_elses(match, sentence.group()):
        return None
    if kind == "death" and who in ("baby", "babies", "twins") and any(f.kind == "miscarriage" for f in found):
        return None  # "we lost our baby" is the miscarriage already found
    actual = "pet" if kind == "death" and _is_pet(who, match, text) else kind
    return Loss(kind=actual, who=who, theme=theme, name=_group(match, "appos"), owner=owner, what=_group(match, "what"))


_NOT_WHO = frozenset({"i", "it", "this", "that", "everything", "something", "part"})
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "him": "he", "her": "she", "them": "they"}
# Words that are things, not pets or people, when written where a name would be ("Laptop finally gave up the ghost").
_THING_WORDS = frozenset(
    "phone battery laptop computer car engine plant wifi internet charger tv screen router fridge printer "
    "passport licence license milk yoghurt game console boiler kettle torch".split()
)
# Whose break-up it is: the writer's own when they or their partner or parents are in it.
_OWN_BREAKUP = re.compile(
    r"\b(?:i|me|we|us|my (?:mum|mom|dad|parents|husband|wife|partner|boyfriend|girlfriend|fianc\w*|ex|bf|gf)|"
    r"mum and dad|our parents)\b"
)
# A break-up said of two people together ("broke up", "getting divorced"), which may be other people's.
_SYMMETRIC = re.compile(
    r"\b(?:broke|broken|breaking|break|split|splitting) up\b|\b(?:dumped|ghosted)$|"
    r"\b(?:getting|got|get|gotten) (?:a )?divorced?\b|\bseparated\b"
)
_OTHERS_BREAKUP = re.compile(r"^\W*with (?:his|her|their)\b")


def _someone_elses(match: re.Match[str], sentence: str) -> bool:
    """True for a break-up told of other people ("Maya's friend broke up with her boyfriend", "his mate is getting divorced")."""
    after = match.string[match.end():]
    if _OWN_BREAKUP.search(match.group().lower()) or re.match(r"^\W*with (?:me|us)\b", after.lower()):
        return False
    if _OTHERS_BREAKUP.search(after.lower()):
        return True
    clause = re.split(r"[,;:]|\b(?:but|because|cos|so|though)\b", sentence[: match.start()])[-1]
    if _OWN_BREAKUP.search(clause.lower()):
        return False
    data = _data()
    names = re.findall(r"(?<![.!?] )(?<!^)\b([A-Z][a-z]+)\b", clause.strip())
    people = [w for w in re.findall(r"[a-z][a-z-]*", clause.lower()) if w in data.words and w not in data.pets]
    return bool(people or [n for n in names if n.lower() not in STOP_WORDS])


def _is_pet(who: Optional[str], match: re.Match[str], text: str) -> bool:
    """True when who died is an animal: a pet word ("my cat", "cat Biscuit", "Shadow, our dog,") or a pet told of around a name."""
    data = _data()
    if not who:
        return False
    if who.lower() in data.pets:
        return True
    at = match.start() + max(match.group().find(who), 0)
    before = match.string[:at].lower().split()
    if before and before[-1] in data.pets:
        return True
    if not who[:1].isupper() or (before and before[-1] in data.words):
        return False  # "my dad", "grandad Pete"
    after = match.string[at + len(who):].lower()
    pattern_after = rf"^,? (?:the|our|my|a)(?: (?:{_MODIFIERS}))* (?:{'|'.join(map(re.escape, data.pets))})\b"
    if re.search(pattern_after, after):
        return True  # "Shadow, our family dog,", "Ollie the tortoise"
    lower = text.lower()
    return bool(data.pet_cues.search(lower)) and not re.search(
        rf"\b(?:my|our) (?:\w+ )?(?:{'|'.join(map(re.escape, sorted(data.pronoun_of, key=len, reverse=True)))}),? {re.escape(who.lower())}\b",
        lower,
    )


def _antecedent(before: str, pronoun: str) -> Optional[str]:
    """Who a "he", "she" or "they" stands for: the person, pet or name before it that the pronoun fits.

    "my dad ... he": dad. A word with no known pronoun ("friend", "cat", "Pete") fits any; one
    with another pronoun ("my mum ... he") is passed over, and so is a word like "neighbour" or
    "doctor" ("my cat ... the neighbour found her dead": the cat). When the nearest
    sentence that names anyone names two who fit ("my dad was with my grandad when he died"),
    it is not guessed: nobody is named.
    """
    data = _data()
    tokens = list(re.finditer(r"[A-Za-z][A-Za-z'-]*", before))[-40:]
    fitting: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i].group()
        gap = before[tokens[i].end():tokens[i + 1].start()] if i + 1 < len(tokens) else ""
        ends_sentence = bool(re.search(r"[.!?\n]", gap))
        if fitting and ends_sentence:
            break  # the nearest sentence that names someone who fits is the one that counts
        word = token.lower().removesuffix("'s")
        following = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
        if word in data.words and (fitting and fitting[-1] == following.capitalize() or following in data.words):
            continue  # "my best mate Jonno", "my family dog": one who, said once
        if word in data.pets:
            fitting.append(word)
        elif word in data.words:
            known = data.pronoun_of.get(word, (None,))[0]
            if known == pronoun or (known is None and pronoun == "they" and word.endswith("s")) or (
                known is None and word in _KIN_ANY
            ):
                fitting.append(word)
        elif _is_name(token, before, tokens[i].start(), following, before[tokens[i].end():]):
            name = token.removesuffix("'s")
            said_again = rf"^\s*,?\s*(?:(?:the|our|my|a)(?: (?:{_MODIFIERS}))* )?{re.escape(fitting[-1])}\b" if fitting else ""
            if said_again and re.match(said_again, before[tokens[i].end():].lower()):
                fitting[-1] = name  # "Bantay, our dog": one who, by their name
            else:
                fitting.append(name)
    distinct = list(dict.fromkeys(fitting))
    return distinct[0] if len(distinct) == 1 else None


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Capitalised words that are never the name of who was lost ("Sunday", "Got" opening a sentence)."""
    return frozenset(str(w) for w in datafiles.load(DATA_FILE)["not_names"])


def _opener_as_name(match: re.Match[str]) -> bool:
    """True when the name in `match` is a word like "Got" or "Finally" that opens the sentence ("Got diagnosed with MS")."""
    name = _group(match, "name")
    return bool(name) and name.lower() in _not_names()


# Relation words close enough that a "he" or "she" after them stands for them ("my best friend ... she").
_KIN_ANY = frozenset({"friend", "best friend", "partner", "ex", "baby", "child", "twin", "cousin", "bf", "gf", "mate"})
_AFTER_INITIAL_NAME = frozenset(
    {"was", "is", "has", "had", "and", "used", "would", "always", "never", "'s", "told", "said", "rang", "called", "texted"}
)


def _is_name(token: str, text: str, at: int, following: str, after: str = "") -> bool:
    """True for "Pete" in "I keep ringing Pete's number"; a capitalised first word of a sentence only before "was", "and"."""
    bare = token.removesuffix("'s")
    if not re.fullmatch(r"[A-Z][a-z]+", bare) or bare.lower() in STOP_WORDS | _THING_WORDS | _not_names():
        return False
    initial = not text[:at].strip() or text[:at].rstrip()[-1] in ".!?\n"
    words = "|".join(map(re.escape, sorted(_data().words, key=len, reverse=True)))
    # "Ollie the tortoise", "Milo, our old cat,": a name said with who they are
    told_who = re.match(rf"\s*,?\s+(?:the|our|my)(?: (?:{_MODIFIERS}))* (?:{words})\b", after.lower())
    return not initial or token.endswith("'s") or following in _AFTER_INITIAL_NAME or bool(told_who)


def _asked(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and (bool(_ASKED.search(sentence.lower())) or len(sentence.split()) < 6)


def _negated_inside(matched: str, says_not: bool = False) -> bool:
    """True for "my dad almost died", "we never split up"; a pattern that says "not" itself ("didn't survive") keeps it."""
    negation = r"almost|nearly" if says_not else r"not|never|didn't|hasn't|almost|nearly"
    return bool(re.search(rf"\b(?:{negation})\b", matched.lower()))


def _group(match: re.Match[str], name: str) -> Optional[str]:
    """The first value of a numbered group ("owner0", "owner1"...) in `match`."""
    return next((v for g, v in match.groupdict().items() if v and re.sub(r"\d+$", "", g) == name), None)


def _who(match: re.Match[str]) -> tuple[Optional[str], Optional[str]]:
    """(who, whose relative they are): ("dad", None), ("mum", "Sarah"), ("friend", None) for "a friend of mine"."""
    owner = _group(match, "owner") or _group(match, "ownername")
    for group, value in match.groupdict().items():
        base = re.sub(r"\d+$", "", group)
        if not value or base in ("appos", "owner", "ownername", "what"):
            continue
        if base in ("name", "called"):
            return value, owner
        value = value.lower()
        if base == "some" and value.endswith("s") and value[:-1] in _data().words:
            value = value[:-1]  # "one of my friends" -> "friend"
        return value, (owner if owner and owner[:1].isupper() else owner and owner.lower())
    return None, None


def deceased(losses: Iterable[Loss]) -> list[str]:
    """Who has died, by their word ("dad", "Pete"), from these losses."""
    return [who for loss in losses if loss.kind in ("death", "pet") and not loss.owner for who in (loss.who, loss.name) if who]


def pronouns(who: str) -> tuple[str, str]:
    """("he", "him") for "dad", ("she", "her") for "mum", ("they", "them") when unknown."""
    return _data().pronoun_of.get(who.lower(), ("they", "them"))


def acknowledge(loss: Loss, text: str, turn: int = 0) -> str:
    """A warm, specific acknowledgement of `loss` in the words of `text`; never a question."""
    data = _data()
    kind = loss.kind
    if kind == "death" and not loss.who:
        kind = "death_unknown"
    if kind in ("diagnosis", "job", "estrangement") and loss.who:
        kind = f"{kind}_other"
    if kind == "pet" and not loss.who:
        kind = "pet_unknown"
    if kind in ("failure", "home") and loss.what:
        kind = f"{kind}_what"
    if kind == "breakup" and _PARENTS.search(normalise(text).lower()):
        kind = "parents_split"
    elif kind == "breakup" and _MARRIAGE.search(normalise(text).lower()) and not _NOT_MARRIED.search(normalise(text).lower()):
        kind = "divorce"
    elif kind == "breakup" and _CHEATED.search(normalise(text).lower()):
        kind = "cheated"
    options = data.acknowledge.get(kind) or data.acknowledge["death_unknown"]
    person = loss.person
    subject, obj = pronouns(loss.who) if loss.who else ("they", "them")
    said = options[turn % len(options)].format(person=person, they=subject, them=obj, what=_said_back(loss.what or ""))
    if kind == "death":
        lower = normalise(text).lower()
        follow = data.followups
        if any(re.search(rf"\b{re.escape(w)}\b", lower) for w in follow["sudden"]):
            said += " " + follow["sudden_text"]
        elif any(re.search(rf"\b{re.escape(w)}\b", lower) for w in follow["recent"]):
            said += " " + follow["recent_text"]
        elif not loss.owner:  # "someone so close" is for the writer's own
            said += " " + follow["default"]
    return said


def _said_back(words: str) -> str:
    """Their words for what they lost, said back to them: "my driving test" -> "your driving test"."""
    said = re.sub(r"\b(?:my|our)\b", "your", re.sub(r"\bme\b", "you", words.strip().lower()))
    return said if re.match(r"(?:the|your|a|an|all|both|two|half)\b", said) else f"the {said}"


def acknowledge_all(losses: list[Loss], text: str, turn: int = 0) -> str:
    """The first loss acknowledged in full, and a second one of another kind named after it."""
    said = acknowledge(losses[0], text, turn)
    other = next((loss for loss in losses[1:] if loss.kind != losses[0].kind), None)
    if other is not None and other.kind in _data().also:
        said += " " + _data().also[other.kind]
    return said


def without_loss_sentences(text: str) -> str:
    """The message without the sentences that tell of a loss (they are acknowledged on their own)."""
    kept = [m.group() for m in _SENTENCE.finditer(text or "") if m.group().strip() and not losses_in(m.group())]
    rest = " ".join(" ".join(kept).split())
    return rest if re.search(r"[A-Za-z]{2,}.*\s.*[A-Za-z]{2,}", rest) else ""
