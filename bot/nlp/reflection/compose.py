"""One reflection of a message: the first candidate not said before, plus at most one open question.

The reply is checked against the session's history and the message itself
(never a parrot, never a fragment), then recorded with the person the turn is
about so that "she"/"him" later can be followed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from bot.nlp.feelings import feeling_spans
from bot.nlp.reflection.candidates import candidates
from bot.nlp.reflection.data import data
from bot.nlp.reflection.history import ReflectionHistory
from bot.nlp.reflection.language import is_other_language, is_short_answer, list_items
from bot.nlp.reflection.overlap import content_words, echoes, says_whole
from bot.nlp.reflection.prompts import foreign_prompts, generic, list_candidates, pool, short_prompts
from bot.nlp.reflection.pronouns import mentions_third_person, turn_pronouns
from bot.nlp.reflection.words import reading_window, word_run
from bot.nlp.wellformed import is_well_formed


class OpenQuestion(Protocol):
    """What `reflect` needs from a question chooser's answer."""

    id: str
    text: str


@dataclass(frozen=True)
class Reflection:
    """A reflection sentence, what kind it is, and at most one open question."""

    text: str
    kind: str  # feeling | paraphrase | person | topic | list | prompt | foreign | generic
    question: OpenQuestion | None = None

    @property
    def reply(self) -> str:
        """The whole message to send."""
        return f"{self.text} {self.question.text}" if self.question else self.text


QuestionChooser = Callable[[str, ReflectionHistory], "OpenQuestion | None"]


def reflect(
    text: str,
    history: ReflectionHistory,
    *,
    people: Sequence[str] = (),
    topics: Sequence[str] = (),
    ask: QuestionChooser | None = None,
) -> Reflection:
    """A reflection of `text` never produced before in this session, plus at most one open question.

    `people` (relation words or names, "sister", "Sam") and `topics` (life areas
    as said in a sentence, "work", "your relationship") are what the message is
    about, so that they can be named back; `ask` chooses the open question.
    `bot.explore.questions.respond` wires all three from the message's themes.
    The reply and question are recorded in `history`, which the caller stores again.
    """
    text = text or ""
    window = reading_window(text)
    wanted = content_words(window)  # pronouns are stop words: no need to turn them
    if is_short_answer(text) and not feeling_spans(text):
        found = short_prompts(history)
    elif is_other_language(text):
        found = foreign_prompts(history)
    elif items := list_items(reading_window(text)):
        found = pool(list_candidates(items, history), generic(history))
    else:
        found = pool(candidates(text, history, people, topics, wanted), generic(history), short_prompts(history))
    whole = word_run(turn_pronouns(window)) if len(window) <= 600 else []
    kind, reply, template = "generic", data().last_resort, None
    for kind, reply, template, check in found:
        if history.seen(reply):
            continue
        if check == "verbatim" and says_whole(reply, whole):
            continue
        if check and check != "verbatim" and echoes(reply, wanted):
            continue
        if kind not in ("generic", "prompt", "foreign") and not is_well_formed(reply):
            continue  # a fragment is never sent: a plainer candidate follows
        break
    question = None
    if ask is not None and kind not in ("prompt", "foreign"):
        question = ask(text, history)
    history.remember(reply, template)
    if question is not None:
        history.remember_question(question.id)
    _track_person(text, people, question, history)
    history.turn += 1
    return Reflection(text=reply, kind=kind, question=question)


def _track_person(text: str, people: Sequence[str], question: OpenQuestion | None, history: ReflectionHistory) -> None:
    """Keep the person this turn is about, so "she"/"him" later can be followed (see `ReflectionHistory.person`)."""
    person = getattr(question, "person", None)
    if person:
        history.remember_person(person)
        return
    if people:
        history.mention(people)
        window = reading_window(text)
        lower = window.lower()

        def position(p: str) -> int:
            found = window.find(p) if p[:1].isupper() else lower.find(p)
            return found if found >= 0 else len(window)

        history.remember_person(min(people, key=lambda p: (position(p), p)))
    elif history.tracked_person() and mentions_third_person(text):
        history.person_turn = history.turn
