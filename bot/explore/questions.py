"""Open questions for the exploratory mode, chosen by what the person just wrote.

A person mentioned leads to relationship questions, followed for the same
person across turns in the order of the core conflictual relationship theme
(wish -> response of the other -> own response -> the pattern); a step the
person has already told ("I wanted her to ...", "she said ...", "I just left")
is skipped, and "she"/"him"/"them" in a later message continue with the last
person mentioned (kept in `ReflectionHistory.person`). Having just written about
the past leads further into the past; a feeling to the feeling or the body;
otherwise a general question. No question id is asked twice in a session, and
after a question the bot sometimes just listens. The questions are in
`data/questions.yml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable, Sequence

from bot.explore.theme_words import people_in, topics_in
from bot.explore.themes import Themes, extract_themes
from bot import datafiles
from bot.nlp.reflection import Reflection, ReflectionHistory, reading_window, reflect, say_person
from bot.nlp.reflection.candidates import set_aside
from bot.nlp.text import doc, normalise, words

DATA_FILE = datafiles.data_path(__file__, "data/questions.yml")
_CCRT_ASKED = ("wish", "response_of_other", "own_response")  # questions a next message may answer
_QUOTED = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')
# "when I brought it up" sets the scene; it is not what the writer did in response
_SUBORDINATE = frozenset("when whenever if because as since after before while until that how why what once".split())


@dataclass(frozen=True)
class Question:
    """An open question: a stable id (remembered per session), its kind and its wording."""

    id: str
    kind: str
    text: str
    person: str | None = None


@dataclass(frozen=True)
class _Data:
    pools: dict[str, list[tuple[str, str]]]
    ccrt: tuple[str, ...]
    wish_stated: tuple[str, ...]
    conversation: tuple[str, ...]
    listen_after_words: int
    kind_of: dict[str, str]
    adverbs: frozenset[str]
    action_verbs: frozenset[str]
    not_actions: frozenset[str]
    not_own: frozenset[str]
    negations_not_actions: frozenset[str]
    pronoun_of: dict[str, str]  # relation word -> "she" | "he" | "they"
    pronoun_forms: dict[str, frozenset[str]]  # "she" -> {she, her, hers, herself}
    aspect: dict[str, tuple[str, ...]]  # future | not_yet | done -> cues


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw: dict[str, Any] = datafiles.load(DATA_FILE)
    pools = {kind: [(q["id"], q["text"]) for q in items] for kind, items in raw["questions"].items()}
    actions = raw["actions"]
    pronouns = raw["pronouns"]
    return _Data(
        pools=pools,
        ccrt=tuple(raw["ccrt"]),
        wish_stated=tuple(raw["cues"]["wish_stated"]),
        conversation=tuple(raw["cues"]["conversation"]),
        listen_after_words=int(raw["listen_after_words"]),
        kind_of={qid: kind for kind, items in pools.items() for qid, _ in items},
        adverbs=frozenset(actions["adverbs"]),
        action_verbs=frozenset(actions["verbs"]),
        not_actions=frozenset(actions["not_actions"]),
        not_own=frozenset(actions["not_own"]),
        negations_not_actions=frozenset(actions["negations_not_actions"]),
        pronoun_of={word: group for group in ("she", "he", "they") for word in pronouns[group]},
        pronoun_forms={group: frozenset(forms) for group, forms in pronouns["forms"].items()},
        aspect={k: tuple(v) for k, v in raw["aspect"].items()},
    )


def question_kind(question_id: str) -> str | None:
    """The kind of a remembered question id ("wish.do@sister" -> "wish")."""
    return _data().kind_of.get(question_id.partition("@")[0])


@dataclass(frozen=True)
class _Focus:
    """A person this message is about, and the pronoun it used for them ("she"), if only that."""

    person: str
    pronoun: str | None = None


_TOLD_IN_TIME = ("wish", "response_of_other", "own_response")  # stages that ask about something done


def _has_cue(lower: str, cues: Iterable[str]) -> bool:
    return any(re.search(rf"(?<![\w']){re.escape(cue)}(?![\w'])", lower) for cue in cues)


def anticipated(text: str) -> bool:
    """True when the message's last sentence fears, plans or has not yet done something.

    "I'm scared he'll laugh at me", "I haven't rung him yet": a question about
    how he responded or what they did would misplace it in time.
    """
    data = _data()
    sentences = [s for s in re.split(r"(?<=[.!?\n])\s+", normalise(text).lower()) if re.search(r"[a-z]", s)]
    if not sentences:
        return False
    last = sentences[-1]
    if _has_cue(last, data.aspect["future"]) or _has_cue(last, data.aspect["not_yet"]):
        return True
    whole = " ".join(sentences[-3:])
    ahead = _has_cue(whole, data.aspect["future"]) or _has_cue(whole, data.aspect["not_yet"])
    return ahead and not _has_cue(whole, data.aspect["done"])


def choose_question(
    text: str, themes: Themes | Sequence[str], history: ReflectionHistory, deceased: Sequence[str] = (),
    absent: Sequence[str] = (),
) -> Question | None:
    """One open question fitting `text`, never asked before with this person; None to just listen.

    `deceased`: people (their words, "dad", "Pete") who have died: they are
    asked about in the past tense, never with the relationship questions.
    `absent`: people no longer in their life (a father who left, an ex): never "how do you usually feel around".
    """
    data = _data()
    gone = {d.lower() for d in deceased}
    if not isinstance(themes, Themes):
        themes = Themes.from_list(themes)
    words = len(text.split())
    if (
        history.last_question_turn is not None
        and history.last_question_turn == history.turn - 1
        and words >= data.listen_after_words
    ):
        return None
    window = reading_window(text)
    lower = " ".join(normalise(window).lower().split())
    plan: list[tuple[str, _Focus | None]] = []
    if themes.past:
        plan.append(("past", None))  # they just went into the past: go further, never "is it familiar?"
    ahead = anticipated(window)
    for focus in _people_in_focus(window, themes.people, history):
        if focus.person.lower() in gone:
            if focus.pronoun is None and _named(focus.person, window):
                plan.append(("grief", focus))
                break
            continue  # "I haven't rung him yet" is not about the one who died
        stage = _next_stage(focus.person, history, _told(focus, history, lower))
        if stage in _TOLD_IN_TIME and ahead:
            plan.append(("anticipate", focus))
            break
        if stage:
            if stage == "pattern" and themes.feelings:
                plan.append(("feeling", None))
            plan.append((stage, focus))
            break
    if any(cue in lower for cue in data.conversation):
        plan.append(("conversation", None))
    if themes.feelings:
        last_kind = question_kind(history.questions[-1]) if history.questions else None
        plan += [("body", None), ("feeling", None)] if last_kind == "feeling" else [("feeling", None), ("body", None)]
        if not themes.past:
            plan.append(("past_link", None))
    plan += [("general", None), ("conversation", None)]
    feeling = themes.feelings[0] if themes.feelings else None
    away = {a.lower() for a in absent}
    skip = _ALREADY_DESCRIBED if _DESCRIBED.search(lower) else frozenset()
    for kind, focus in plan:
        question = _fresh(kind, focus, feeling, history, away, skip)
        if question:
            return question
    return None


def _people_in_focus(text: str, people: Iterable[str], history: ReflectionHistory) -> list[_Focus]:
    """People of this message: one whose relationship questions are under way first, then by first mention.

    With nobody named, the last person mentioned is in focus when this message
    says "she"/"him"/"them" in a way that fits them, or answers a relationship
    question just asked about them.
    """
    lower = text.lower()

    def position(person: str) -> int:
        found = text.find(person) if person[:1].isupper() else lower.find(person)
        return found if found >= 0 else len(text)

    ordered = sorted(set(people), key=lambda p: (position(p), p))
    if ordered:
        last = len(_data().ccrt) - 1
        under_way = [p for p in ordered if 0 <= _progress(p, history) < last]
        return [_Focus(p) for p in under_way + [p for p in ordered if p not in under_way]]
    tracked = history.tracked_person()
    if not tracked:
        return []
    pronoun = _pronoun_for(tracked, text)
    if pronoun is not None:
        if pronoun and any(_pronoun_for(other, text) == pronoun for other in history.mentioned if other != tracked):
            return []  # "her" after Jas and mum: either of them, so neither is asked about
        return [_Focus(tracked, pronoun or None)]
    if _answers_question_about(tracked, history):
        focus = _Focus(tracked)
        lower = " ".join(normalise(text).lower().split())
        if _told(focus, history, lower):  # "I just left": the answer; "my cat died": something else
            return [focus]
    return []


def _named(person: str, text: str) -> bool:
    """True when `text` names `person` ("Dad", "my dad", "Pete"), not only "he"/"him"."""
    flags = 0 if person[:1].isupper() else re.IGNORECASE
    return bool(re.search(rf"(?<!\w){re.escape(person)}(?!\w)", text, flags))


def _pronoun_for(person: str, text: str) -> str | None:
    """The pronoun group ("she", "he", "they") this text uses that fits `person`.

    "" when several fit (then the person is named, not guessed); None when none does.
    """
    data = _data()
    said = set(words(_QUOTED.sub(" ", text)))
    group = data.pronoun_of.get(person.lower())
    fitting = [group] if group else ["she", "he", "they"]
    used = [g for g in fitting if said & data.pronoun_forms[g]]
    if not used:
        return None
    return used[0] if len(used) == 1 else ""


def _answers_question_about(person: str, history: ReflectionHistory) -> bool:
    """True when the previous turn asked a wish/response question about `person`."""
    if not history.questions or history.last_question_turn != history.turn - 1:
        return False
    last = history.questions[-1]
    return last.endswith(f"@{person}") and question_kind(last) in _CCRT_ASKED


def _progress(person: str, history: ReflectionHistory) -> int:
    """How far the relationship questions for `person` got: the index of the last stage asked, -1 if none."""
    ccrt = _data().ccrt
    suffix = f"@{person}"
    asked = [*history.questions, *history.earlier]  # earlier sessions too: "you asked me that before, last time"
    done = [ccrt.index(k) for q in asked if q.endswith(suffix) and (k := question_kind(q)) in ccrt]
    return max(done, default=-1)


def _told(focus: _Focus, history: ReflectionHistory, lower_text: str) -> set[str]:
    """Relationship steps this message already tells: the wish, the other's response, one's own response."""
    data = _data()
    told: set[str] = set()
    if any(cue in lower_text for cue in data.wish_stated):
        told.add("wish")
    said = words(_QUOTED.sub(" ", lower_text))
    doers = _doer_words(focus)
    other = any(_acts_after(said, i, own=False) for i, w in enumerate(said) if w in doers)
    if other:
        told.add("response_of_other")
    own = any(
        _acts_after(said, i, own=True)
        for i, w in enumerate(said)
        if w == "i" and (i == 0 or said[i - 1] not in _SUBORDINATE)
    )
    if own and (other or _progress(focus.person, history) >= data.ccrt.index("wish")):
        told.add("own_response")
    return told


def _doer_words(focus: _Focus) -> set[str]:
    """Words that name the person as the one acting: "sister", "sam", and "she"/"he"/"they" where they fit."""
    data = _data()
    doers = {focus.person.lower().split()[-1]}
    if focus.pronoun:
        groups = [focus.pronoun]
    else:
        group = data.pronoun_of.get(focus.person.lower())
        groups = [group] if group else ["she", "he", "they"]
    for group in groups:
        doers |= {"she", "he", "they"} & data.pronoun_forms[group]
    return doers


def _acts_after(words: list[str], i: int, own: bool) -> bool:
    """True when the word after the doer at `i` (adverbs skipped) says what they did."""
    data = _data()
    j = i + 1
    while j < len(words) and words[j] in data.adverbs:
        j += 1
    if j >= len(words):
        return False
    word = words[j]
    if own and word in data.not_own:
        return False
    if word in data.action_verbs:
        return True
    if word.endswith("n't") or word in ("not", "cannot"):
        return word not in data.negations_not_actions
    return word.endswith("ed") and len(word) >= 4 and word not in data.not_actions


def _next_stage(person: str, history: ReflectionHistory, told: set[str] = frozenset()) -> str | None:
    """The next relationship question kind for `person` (person, wish, response_of_other, own_response, pattern).

    Stages follow the last one asked; a stage the message already tells is skipped.
    """
    ccrt = _data().ccrt
    start = _progress(person, history) + 1
    if start > 0 and "own_response" in told:
        start = max(start, ccrt.index("own_response") + 1)  # their own response is told: on to the pattern
    for index, stage in enumerate(ccrt):
        if index < start or (index > 0 and stage in told):
            continue
        return stage
    return None


# Questions that need the person to be in their life now.
_NEEDS_PRESENCE = frozenset({"person.around"})


# "She was not an easy woman", "difficult, proud, sharp-tongued": the person described, so never "What was she like?"
_DESCRIBED = re.compile(
    r"\b(?:she|he|they) (?:was|were|is|could be) (?:(?:not|never|always|often|very|so|quite|rather|such) )*"
    r"(?:a |an )?(?:[a-z'-]+ )?(?:woman|man|person|mother|father|mum|dad|lady|guy|soul|character)\b"
    r"|\b[a-z'-]+, [a-z'-]+, [a-z'-]+(?:,? and [a-z'-]+)?, but (?:she|he) (?:could be|was)\b"
)
_ALREADY_DESCRIBED = frozenset({"grief.like"})


def _fresh(
    kind: str, focus: _Focus | None, feeling: str | None, history: ReflectionHistory, absent: set[str] = frozenset(),
    skip: frozenset[str] = frozenset(),
) -> Question | None:
    """The first question of `kind` not asked yet in this session, filled in."""
    person = focus.person if focus else None
    away = bool(person) and (person.lower() in absent or history.relations.get(person, "").lower() in absent)
    named = say_person(person) if person else ""
    subject, obj = named, named
    if focus and focus.pronoun:
        forms = {"she": ("she", "her"), "he": ("he", "him"), "they": ("they", "them")}
        subject, obj = forms[focus.pronoun]
    for qid, template in _data().pools.get(kind, []):
        if "{feeling}" in template and not feeling:
            continue
        if any(f"{{{p}}}" in template for p in ("person", "they", "them")) and not person:
            continue
        full_id = f"{qid}@{person}" if person else qid
        if history.asked(full_id) or (away and qid in _NEEDS_PRESENCE) or qid in skip:
            continue
        text = template.format(person=named, they=subject, them=obj, feeling=feeling or "")
        return Question(id=full_id, kind=kind, text=text[:1].upper() + text[1:], person=person)
    return None


def respond(
    text: str, history: ReflectionHistory, ask: bool = True, deceased: Sequence[str] = (), known: Sequence[str] = (),
    absent: Sequence[str] = (),
) -> Reflection:
    """One exploratory turn: a reflection of `text` plus at most one open question (recorded in `history`).

    `ask=False` just listens (the session keeps reflections well ahead of questions); `known`:
    names the person wrote about before.
    """
    window = reading_window(text)
    themes = extract_themes(doc(window), known)
    items = themes.as_list()
    asked = replace(themes, people=[p for p in themes.people if not set_aside(window, p)])  # "rob is fine": not whom to ask about
    chooser = (lambda t, h: choose_question(t, asked, h, deceased, absent)) if ask else None
    return reflect(text, history, people=people_in(items), topics=topics_in(items), ask=chooser)


@lru_cache(maxsize=1)
def _template_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each question template as a pattern that matches it filled in with anyone."""
    found = []
    for items in _data().pools.values():
        for qid, template in items:
            pattern = re.escape(template)
            for slot in ("person", "they", "them", "feeling"):
                pattern = pattern.replace(re.escape("{" + slot + "}"), r".{1,40}?")
            found.append((qid, re.compile(rf"(?:^|\s){pattern}", re.IGNORECASE)))
    return tuple(found)


def question_ids_in(texts: Iterable[str]) -> list[str]:
    """The question ids (without a person) that these bot messages asked, in order."""
    found: list[str] = []
    for text in texts:
        for qid, pattern in _template_patterns():
            if qid not in found and pattern.search(text or ""):
                found.append(qid)
    return found


# Someone no longer in their life: "my dad left", "hes not around", "i havent seen him in 11 years", "my ex".
_ABSENT = re.compile(
    r"\b(?:left (?:us|me|when|and)|walked out|never came back|not around|isn'?t around|is not around|"
    r"(?:haven'?t|havent|have not|hasn'?t|hasnt) (?:seen|spoken to|talked to|heard from) (?:him|her|them)|"
    r"(?:don'?t|dont|do not) (?:see|speak to|talk to) (?:him|her|them) any ?more|moved away|no contact|"
    r"stopped calling|broke up with me|dumped me|split up|we broke up|"
    r"(?:my|our) ex\b|ex[- ]?(?:girlfriend|boyfriend|wife|husband|partner)|well ex)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:he|him|his|hes|he's|she|her|shes|she's)\b", re.IGNORECASE)


def absent_people(text: str, people: Sequence[str], last: str | None = None) -> list[str]:
    """The people `text` says are no longer in their life: named in a sentence saying so, or `last` (the person
    written about just before) when the sentence says it with "he" or "she"."""
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text or ""):
        if not _ABSENT.search(sentence):
            continue
        lower = sentence.lower()
        named = [p for p in people if re.search(rf"\b{re.escape(p.lower())}\b", lower)]
        if not named and re.search(r"\bex\b", lower):
            named = [p for p in people if p.lower() in ("girlfriend", "boyfriend", "wife", "husband", "partner")]
        if not named and last and _PRONOUN.search(sentence):
            named = [last]
        found += [p for p in named if p not in found]
    return found
