"""Open questions for the exploratory mode, chosen by what the person just wrote.

A person mentioned leads to relationship questions, followed for the same
person across turns in the order of the core conflictual relationship theme
(wish -> response of the other -> own response); a reference to the past leads
to the past; a feeling to the feeling or the body; otherwise a general
question. No question id is asked twice in a session, and after a question the
bot sometimes just listens. The questions are in `data/questions.yml`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from bot.explore.themes import Themes, extract_themes
from bot.nlp.phrasebook import data_file, load_data, normalise
from bot.nlp.reflection import Reflection, ReflectionHistory, reading_window, reflect, say_person

DATA_FILE = data_file(__file__, "data/questions.yml")


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


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw: dict[str, Any] = load_data(DATA_FILE)
    pools = {kind: [(q["id"], q["text"]) for q in items] for kind, items in raw["questions"].items()}
    return _Data(
        pools=pools,
        ccrt=tuple(raw["ccrt"]),
        wish_stated=tuple(raw["cues"]["wish_stated"]),
        conversation=tuple(raw["cues"]["conversation"]),
        listen_after_words=int(raw["listen_after_words"]),
        kind_of={qid: kind for kind, items in pools.items() for qid, _ in items},
    )


def question_kind(question_id: str) -> str | None:
    """The kind of a remembered question id ("wish.do@sister" -> "wish")."""
    return _data().kind_of.get(question_id.partition("@")[0])


def choose_question(
    text: str, themes: Themes | Sequence[str], history: ReflectionHistory
) -> Question | None:
    """One open question fitting `text`, never asked before in this session; None to just listen."""
    data = _data()
    if not isinstance(themes, Themes):
        themes = Themes.from_list(themes)
    words = len(text.split())
    if (
        history.last_question_turn is not None
        and history.last_question_turn == history.turn - 1
        and words >= data.listen_after_words
    ):
        return None
    lower = " ".join(normalise(text).lower().split())
    plan: list[tuple[str, str | None]] = []
    for person in _people_in_focus(text, themes.people, history):
        stage = _next_stage(person, history, lower)
        if stage:
            plan.append((stage, person))
            break
    if any(cue in lower for cue in data.conversation):
        plan.append(("conversation", None))
    if themes.past:
        plan.append(("past", None))
    if themes.feelings:
        last_kind = question_kind(history.questions[-1]) if history.questions else None
        plan += [("body", None), ("feeling", None)] if last_kind == "feeling" else [("feeling", None), ("body", None)]
    plan += [("general", None), ("conversation", None)]
    feeling = themes.feelings[0] if themes.feelings else None
    for kind, person in plan:
        question = _fresh(kind, person, feeling, history)
        if question:
            return question
    return None


def _people_in_focus(text: str, people: Iterable[str], history: ReflectionHistory) -> list[str]:
    """People of this message: one whose relationship questions are under way first, then by first mention."""
    lower = text.lower()

    def position(person: str) -> int:
        found = text.find(person) if person[:1].isupper() else lower.find(person)
        return found if found >= 0 else len(text)

    ordered = sorted(set(people), key=lambda p: (position(p), p))
    under_way = [p for p in ordered if 0 < len(_stages_done(p, history)) < len(_data().ccrt)]
    return under_way + [p for p in ordered if p not in under_way]


def _stages_done(person: str, history: ReflectionHistory) -> set[str]:
    suffix = f"@{person}"
    return {question_kind(q) or "" for q in history.questions if q.endswith(suffix)}


def _next_stage(person: str, history: ReflectionHistory, lower_text: str) -> str | None:
    """The next relationship question kind for `person`: person, wish, response_of_other, own_response."""
    data = _data()
    done = _stages_done(person, history)
    for stage in data.ccrt:
        if stage in done:
            continue
        if stage == "wish" and any(cue in lower_text for cue in data.wish_stated):
            continue  # the wish is already said; ask how the other responded
        return stage
    return None


def _fresh(kind: str, person: str | None, feeling: str | None, history: ReflectionHistory) -> Question | None:
    """The first question of `kind` not asked yet in this session, filled in."""
    for qid, template in _data().pools.get(kind, []):
        if "{feeling}" in template and not feeling:
            continue
        if "{person}" in template and not person:
            continue
        full_id = f"{qid}@{person}" if person else qid
        if history.asked(full_id):
            continue
        text = template.format(person=say_person(person) if person else "", feeling=feeling or "")
        return Question(id=full_id, kind=kind, text=text[:1].upper() + text[1:], person=person)
    return None


def respond(text: str, history: ReflectionHistory) -> Reflection:
    """One exploratory turn: a reflection of `text` plus at most one open question (recorded in `history`)."""
    themes = extract_themes(reading_window(text))
    return reflect(text, history, themes.as_list(), ask=lambda t, h: choose_question(t, themes, h))
