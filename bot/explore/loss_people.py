"""Who a loss is about: the person, pet or name in a matched wording.

"my dad ... he died" is the dad; "Shadow, our dog," is a pet called Shadow;
"Maya's friend broke up with her boyfriend" is someone else's break-up; a
capitalised word that opens a sentence ("Got diagnosed ...") is no name.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from bot.explore.loss_data import MODIFIERS, not_names, table

NOT_WHO = frozenset({"i", "it", "this", "that", "everything", "something", "part"})
PRONOUNS = {"he": "he", "she": "she", "they": "they", "him": "he", "her": "she", "them": "they"}
# Words that are things, not pets or people, when written where a name would be ("Laptop finally gave up the ghost").
THING_WORDS = frozenset(
    "phone battery laptop computer car engine plant wifi internet charger tv screen router fridge printer "
    "passport licence license milk yoghurt game console boiler kettle torch".split()
)
# Whose break-up it is: the writer's own when they or their partner or parents are in it.
_OWN_BREAKUP = re.compile(
    r"\b(?:i|me|we|us|my (?:mum|mom|dad|parents|husband|wife|partner|boyfriend|girlfriend|fianc\w*|ex|bf|gf)|"
    r"mum and dad|our parents)\b"
)
# A break-up said of two people together ("broke up", "getting divorced"), which may be other people's.
SYMMETRIC = re.compile(
    r"\b(?:broke|broken|breaking|break|split|splitting) up\b|\b(?:dumped|ghosted)$|"
    r"\b(?:getting|got|get|gotten) (?:a )?divorced?\b|\bseparated\b"
)
_OTHERS_BREAKUP = re.compile(r"^\W*with (?:his|her|their)\b")


def someone_elses(match: re.Match[str], sentence: str) -> bool:
    """True for a break-up told of other people ("Maya's friend broke up with her boyfriend", "his mate is getting divorced")."""
    after = match.string[match.end():]
    if _OWN_BREAKUP.search(match.group().lower()) or re.match(r"^\W*with (?:me|us)\b", after.lower()):
        return False
    if _OTHERS_BREAKUP.search(after.lower()):
        return True
    clause = re.split(r"[,;:]|\b(?:but|because|cos|so|though)\b", sentence[: match.start()])[-1]
    if _OWN_BREAKUP.search(clause.lower()):
        return False
    data = table()
    names = re.findall(r"(?<![.!?] )(?<!^)\b([A-Z][a-z]+)\b", clause.strip())
    people = [w for w in re.findall(r"[a-z][a-z-]*", clause.lower()) if w in data.words and w not in data.pets]
    return bool(people or [n for n in names if n.lower() not in STOP_WORDS])


def is_pet(who: Optional[str], match: re.Match[str], text: str) -> bool:
    """True when who died is an animal: a pet word ("my cat", "cat Biscuit", "Shadow, our dog,") or a pet told of around a name."""
    data = table()
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
    pattern_after = rf"^,? (?:the|our|my|a)(?: (?:{MODIFIERS}))* (?:{'|'.join(map(re.escape, data.pets))})\b"
    if re.search(pattern_after, after):
        return True  # "Shadow, our family dog,", "Ollie the tortoise"
    lower = text.lower()
    return bool(data.pet_cues.search(lower)) and not re.search(
        rf"\b(?:my|our) (?:\w+ )?(?:{'|'.join(map(re.escape, sorted(data.pronoun_of, key=len, reverse=True)))}),? {re.escape(who.lower())}\b",
        lower,
    )


def antecedent(before: str, pronoun: str) -> Optional[str]:
    """Who a "he", "she" or "they" stands for: the person, pet or name before it that the pronoun fits.

    "my dad ... he": dad. A word with no known pronoun ("friend", "cat", "Pete") fits any; one
    with another pronoun ("my mum ... he") is passed over, and so is a word like "neighbour" or
    "doctor" ("my cat ... the neighbour found her dead": the cat). When the nearest
    sentence that names anyone names two who fit ("my dad was with my grandad when he died"),
    it is not guessed: nobody is named.
    """
    data = table()
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
        elif is_name(token, before, tokens[i].start(), following, before[tokens[i].end():]):
            name = token.removesuffix("'s")
            said_again = rf"^\s*,?\s*(?:(?:the|our|my|a)(?: (?:{MODIFIERS}))* )?{re.escape(fitting[-1])}\b" if fitting else ""
            if said_again and re.match(said_again, before[tokens[i].end():].lower()):
                fitting[-1] = name  # "Bantay, our dog": one who, by their name
            else:
                fitting.append(name)
    distinct = list(dict.fromkeys(fitting))
    return distinct[0] if len(distinct) == 1 else None


def opener_as_name(match: re.Match[str]) -> bool:
    """True when the name in `match` is a word like "Got" or "Finally" that opens the sentence ("Got diagnosed with MS")."""
    name = named_group(match, "name")
    return bool(name) and name.lower() in not_names()


# Relation words close enough that a "he" or "she" after them stands for them ("my best friend ... she").
_KIN_ANY = frozenset({"friend", "best friend", "partner", "ex", "baby", "child", "twin", "cousin", "bf", "gf", "mate"})
_AFTER_INITIAL_NAME = frozenset(
    {"was", "is", "has", "had", "and", "used", "would", "always", "never", "'s", "told", "said", "rang", "called", "texted"}
)


def is_name(token: str, text: str, at: int, following: str, after: str = "") -> bool:
    """True for "Pete" in "I keep ringing Pete's number"; a capitalised first word of a sentence only before "was", "and"."""
    bare = token.removesuffix("'s")
    if not re.fullmatch(r"[A-Z][a-z]+", bare) or bare.lower() in STOP_WORDS | THING_WORDS | not_names():
        return False
    initial = not text[:at].strip() or text[:at].rstrip()[-1] in ".!?\n"
    words = "|".join(map(re.escape, sorted(table().words, key=len, reverse=True)))
    # "Ollie the tortoise", "Milo, our old cat,": a name said with who they are
    told_who = re.match(rf"\s*,?\s+(?:the|our|my)(?: (?:{MODIFIERS}))* (?:{words})\b", after.lower())
    return not initial or token.endswith("'s") or following in _AFTER_INITIAL_NAME or bool(told_who)


def named_group(match: re.Match[str], name: str) -> Optional[str]:
    """The first value of a numbered group ("owner0", "owner1"...) in `match`."""
    return next((v for g, v in match.groupdict().items() if v and re.sub(r"\d+$", "", g) == name), None)


def person_of(match: re.Match[str]) -> tuple[Optional[str], Optional[str]]:
    """(who, whose relative they are): ("dad", None), ("mum", "Sarah"), ("friend", None) for "a friend of mine"."""
    owner = named_group(match, "owner") or named_group(match, "ownername")
    for group, value in match.groupdict().items():
        base = re.sub(r"\d+$", "", group)
        if not value or base in ("appos", "owner", "ownername", "what"):
            continue
        if base in ("name", "called"):
            return value, owner
        value = value.lower()
        if base == "some" and value.endswith("s") and value[:-1] in table().words:
            value = value[:-1]  # "one of my friends" -> "friend"
        return value, (owner if owner and owner[:1].isupper() else owner and owner.lower())
    return None, None
