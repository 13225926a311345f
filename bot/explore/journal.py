"""One exploratory session as a journal entry: listen, save, close.

What is kept between turns (`ExploreState`) and a turn's answer (`Reply`) are in
`bot.explore.state`; what it notices across turns and entries is in
`bot.explore.noticing`.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.explore import patterns
from bot.explore.bridge import cbt_bridge_candidate
from bot.explore.closing import closing_summary, topics
from bot.explore.control import (
    apology, asks_to_discard, goodbye_nothing_written, hello_again, invite_back, keep_going, take_apart, welcome_back,
)
from bot.explore.good_news import good_news_in, welcome_news
from bot.explore.loss import Loss, losses_in, without_loss_sentences
from bot.explore.loss_words import acknowledge_all, deceased
from bot.explore.noticing import Noticing, named_feelings, utc_now
from bot.explore.moves import both_sides, mixed_feelings, past_link, underneath, unspoken_feeling
from bot.explore.questions import absent_people, choose_question, question_ids_in, respond
from bot.explore.state import ExploreState, Reply
from bot.explore.themes import extract_themes, relations_of, themes_of
from bot.explore.theme_words import say_theme
from bot.nlp.reflection import (
    ReflectionHistory, after_correction, is_short_answer, join_words,
)
from bot.nlp.text import normalise
from bot.session import draft_subject, quote
from bot.store.repository import Repository

JOURNAL_PREFIX = re.compile(r"^\s*journal\s*:\s*", re.IGNORECASE)
YES = {"yes", "yeah", "yep", "sure", "ok", "okay", "yes please", "let's do it", "lets do it"}


# An answer to "one thing to take away?" that declines it: nothing but these words ("nah not really. bye"),
# or "I didn't ask for that".
_DECLINE_WORDS = frozenset(
    "no noo nah nope not nothing none really sure idk dunno i don't dont know skip pass thanks thank you ty bye "
    "ok okay lol tbh now right".split()
)
_DIDNT_ASK = re.compile(r"^\W*(?:i )?did ?n'?t ask\b")


def _declines(answer: str) -> bool:
    words = re.findall(r"[a-z']+", normalise(answer).lower())
    return not words or all(w in _DECLINE_WORDS for w in words) or bool(_DIDNT_ASK.match(normalise(answer).lower()))


# Replies too thin to stand beside a loss's acknowledgement ("There seems to be a lot in 'sure'").
WEAK_AFTER_LOSS = frozenset({"keyword", "generic", "prompt"})


BRIDGE_EARLIEST_TURN = 3  # no offer of a thought record in the first three turns of a session
SLIGHT_BESIDE_QUESTION = 6  # words beside a question to us that are kept but not reflected ("Yes, like this, never weak.")
QUESTION_EVERY = 3  # at most one question every three turns: reflections stay well ahead of questions
CLOSING_INTENTS = frozenset({"goodbye", "done_for_today"})


class JournalSession(Noticing):
    """The exploratory mode for one person, over a repository."""

    def __init__(self, repo: Repository, sender: str) -> None:
        self.repo = repo
        self.sender = sender

    def turn(self, text: str, intent: Optional[str], state: ExploreState) -> Reply:
        """Answer one message written while exploring."""
        parts = take_apart(JOURNAL_PREFIX.sub("", text or "", count=1))
        closing = parts.closing or (intent in CLOSING_INTENTS and not parts.journal)
        if state.awaiting == "takeaway":
            return self._keep_takeaway(parts.journal, state)
        if state.awaiting == "bridge":
            state.awaiting = None
            said = " ".join(text.lower().split()).strip(" .!")
            if not closing and (intent == "affirm" or said in YES):
                thought, state.bridge_thought = state.bridge_thought, None
                return Reply(state=state, start_record_with=thought)
            state.bridge_thought = None
            if not closing and (intent == "deny" or len(said.split()) <= 3):
                return Reply(state=state).say("Of course. Let's keep exploring. What else comes up for you?")
        if state.awaiting == "discard":
            answered = self._discard_answered(text, intent, state)
            if answered is not None:
                return answered
        if not closing and asks_to_discard(text) and self.repo.draft_for(self.sender):
            # "Please throw that away. I would like to write about my mother": the paused record, asked first
            state.awaiting = "discard"
            return Reply(state=state).say(
                f"Do you want me to throw away your paused thought record{draft_subject(self.repo.draft_for(self.sender))}? "
                "Nothing of it will be kept.",
                [{"title": "Yes, throw it away", "payload": "/affirm"}, {"title": "No, keep it", "payload": "/deny"}],
            )
        self._load_memory(state)
        if closing:
            sorry = self._acknowledge_new(parts.journal, state)
            if parts.journal:
                themes = extract_themes(parts.journal, state.known_people).as_list()
                themes += [f"theme:{t}" for t in themes_of(parts.journal, losses_in(parts.journal))]
                self._save(parts.journal, themes, state)
            return self.close(state, before=sorry)
        words = len(parts.journal.split())
        asked_patterns = intent == "ask_patterns" and (words <= 6 or (words <= 10 and "?" in (text or "")))
        if parts.patterns or asked_patterns:
            parts = parts if parts.patterns else take_apart("")
            reply = self._listen(parts.journal, state, ask=False) if parts.journal else Reply(state=state)
            return reply.say(self.patterns_overview())
        if parts.repeated_question and not parts.journal:
            return self._ask_differently(state)
        if parts.greeting and not parts.journal and not parts.side_step:
            return self._welcome(state)
        if parts.side_step and not parts.side_step_alone and parts.journal and not parts.repeated_question \
                and len(parts.journal.split()) <= SLIGHT_BESIDE_QUESTION:
            # "yea. do u think ai can understand feelings": the question answered, and back to their writing;
            # the few words beside it are kept, not reflected
            if not is_short_answer(parts.journal):
                themes = extract_themes(parts.journal, state.known_people).as_list()
                self._save(parts.journal, themes, state)
            turn = ReflectionHistory.from_dict(state.history or state.carry).turn
            return Reply(state=state).say(f"{parts.side_step} {invite_back(turn)}")
        # "you asked me that before" with more written: answer what they wrote, then one new question
        reply = self._listen(parts.journal, state, ask=not parts.repeated_question) if parts.journal else Reply(state=state)
        if parts.side_step and reply.messages:
            reply.messages.insert(0, (parts.side_step, []))  # their question answered first, then what they wrote
        elif parts.side_step and parts.side_step_alone:
            reply.say(parts.side_step)  # "can I just write?": yes, and nothing else
        elif parts.side_step:
            reply.say(f"{parts.side_step} {invite_back(ReflectionHistory.from_dict(state.history).turn)}")
        if parts.greeting and reply.messages and not state.welcomed and self._returning(state):
            text, buttons = reply.messages[0]
            reply.messages[0] = (f"Welcome back. {text}", buttons)
            state.welcomed = True
        if parts.repeated_question:
            reply = self._ask_differently(state, reply)
        if not reply.messages:  # "ok", "hmm": nothing to reflect, but never silence
            reply.say(keep_going(state.quiet_replies))
            state.quiet_replies += 1
        return reply

    def _discard_answered(self, text: str, intent: Optional[str], state: ExploreState) -> Optional[Reply]:
        """The answer to "throw away your paused thought record?": yes throws it away, no keeps it; anything
        else is journal text (None), and the record stays."""
        state.awaiting = None
        said = " ".join(normalise(text).lower().split()).strip(" .!")
        if intent == "affirm" or said in YES or re.match(r"^(?:yes|yeah|yep|yup|ok|okay|sure|please|do it|throw it)\b", said):
            self.repo.discard_draft(self.sender)
            return Reply(state=state).say("Done, that thought record is gone. Go ahead and write; I'm listening.")
        if intent == "deny" or re.match(r"^(?:no|nope|nah|keep it|don'?t)\b", said) and len(said.split()) <= 4:
            return Reply(state=state).say("All right, it stays saved for later. What's on your mind?")
        return None

    @staticmethod
    def _new_losses(text: str, state: ExploreState) -> list[Loss]:
        """The losses in `text` not acknowledged before ("since the funeral", once a death is known, is that death)."""
        known_death = any(k.startswith(("death:", "pet:")) for k in state.acknowledged)
        return [
            loss for loss in losses_in(text)
            if loss.key not in state.acknowledged and not (loss.kind == "death" and not loss.who and known_death)
        ]

    def _acknowledge_new(self, text: str, state: ExploreState) -> str:
        """An acknowledgement of a loss first told in a message that also ends the session or gives the takeaway."""
        losses = self._new_losses(text, state)
        if not losses:
            return ""
        state.acknowledged += [loss.key for loss in losses]
        state.deceased = list(dict.fromkeys([*state.deceased, *deceased(losses)]))
        return acknowledge_all(losses, text, ReflectionHistory.from_dict(state.history or state.carry).turn)

    def _returning(self, state: ExploreState) -> bool:
        """True when they wrote entries before this session's."""
        return any(e["id"] != state.entry_id for e in self.repo.journal_entries_for(self.sender, limit=2))

    def _welcome(self, state: ExploreState) -> Reply:
        """"Hello again": welcome them back to what they wrote last time, and invite them to go on
        (once a session: after the welcome, "hiya" gets a plain hello)."""
        if state.welcomed:
            return Reply(state=state).say(hello_again(ReflectionHistory.from_dict(state.history).turn))
        state.welcomed = True
        return Reply(state=state).say(self.welcome_back(exclude=state.entry_id))

    def welcome_back(self, exclude: Optional[int] = None) -> str:
        """Welcome back, naming what they wrote about in their last entry, and an invitation to go on."""
        earlier = [e for e in self.repo.journal_entries_for(self.sender, limit=12) if e["id"] != exclude]
        last = earlier[0] if earlier else None
        about = [say_theme(t) for t in (topics(last["text"].split("\n\n"), last["themes"]) if last else [])
                 if t.startswith(("person:", "theme:", "context:"))][:2]
        return welcome_back(join_words(about) if about else "", bool(earlier), len(earlier))

    # --- memory ------------------------------------------------------------

    def _load_memory(self, state: ExploreState) -> None:
        """Once per session: who has died and what was asked, from the person's earlier entries and replies."""
        if state.loaded:
            return
        state.loaded = True
        for entry in self.repo.journal_entries_for(self.sender, limit=30):
            losses = losses_in(entry["text"])
            state.deceased = list(dict.fromkeys([*state.deceased, *deceased(losses)]))
            state.acknowledged = list(dict.fromkeys([*state.acknowledged, *(loss.key for loss in losses)]))
            names = [t[7:] for t in entry["themes"] if t.startswith("person:") and t[7:8].isupper()]
            state.known_people = list(dict.fromkeys([*state.known_people, *names]))
        history = ReflectionHistory.from_dict(state.history or state.carry)
        if not history.earlier:
            try:
                said = [line["text"] for line in self.repo.transcript_for(self.sender)
                        if line["who"] == "bot" and line.get("mode") == "explore"]
            except Exception:  # noqa: BLE001 - no conversation store yet: nothing to remember
                said = []
            history.earlier = question_ids_in(said[-200:])
            for text in said[-200:]:
                history.remember(text)
        state.history = history.to_dict()

    # --- listening ---------------------------------------------------------

    def _listen(self, text: str, state: ExploreState, ask: bool = True) -> Reply:
        """Save `text` and answer it; `ask=False` when something else follows (the patterns list): no question then."""
        reply = Reply(state=state)
        history = ReflectionHistory.from_dict(state.history or state.carry)
        turn = history.turn
        if turn > 0 and state.entry_id and is_short_answer(text):
            # "hm", "maybe.", "fine" in the middle of a session: stay with them, never start over (and keep
            # the entry for what they write)
            reply.say(keep_going(state.quiet_replies))
            state.quiet_replies += 1
            return reply
        losses = self._new_losses(text, state)
        found = extract_themes(text, state.known_people)
        themes = found.as_list()
        state.known_people = list(dict.fromkeys([*state.known_people, *(p for p in found.people if p[:1].isupper())]))
        state.absent = list(dict.fromkeys([*state.absent, *absent_people(text, found.people, state.last_person)]))
        state.last_person = found.people[-1] if found.people else state.last_person
        history.relations.update(relations_of(text, [p for p in found.people if p[:1].isupper()]))
        themes += [f"theme:{t}" for t in themes_of(text, losses_in(text)) if f"theme:{t}" not in themes]
        if "theme:grief" not in themes and any(p.lower() in {d.lower() for d in state.deceased} for p in found.people):
            themes.append("theme:grief")  # writing about someone who died
        self._save(text, themes, state)
        state.deceased = list(dict.fromkeys([*state.deceased, *deceased(losses_in(text))]))

        remark = self._noticed_pattern(themes, state)
        text = after_correction(text)  # saved whole; answered as they meant it after "actually, no, ..."
        recent_question = history.last_question_turn is not None and turn - history.last_question_turn < QUESTION_EVERY
        if losses:
            state.acknowledged += [lost.key for lost in losses]
            state.loss_this_session = True
            rest = without_loss_sentences(text)
            parts = [acknowledge_all(losses, text, turn)]
            if rest and not is_short_answer(rest):  # "idk honestly. jas dumped me": only the loss to answer
                after = respond(rest, history, ask=False, deceased=state.deceased, known=state.known_people,
                                absent=state.absent)
                if after.kind not in WEAK_AFTER_LOSS:  # a lone word of theirs says nothing beside a loss
                    parts.append(after.text)
            else:
                history.turn += 1
            state.history = history.to_dict()
            reply.say(" ".join(parts))
            return reply

        news = [kind for kind in good_news_in(text) if f"news:{kind}" not in state.acknowledged]
        if news:  # "I got the job!": a warm word first, once a session
            state.acknowledged.append(f"news:{news[0]}")
        mixed = mixed_feelings(text) or past_link(text, turn) or both_sides(text, turn)
        if mixed and history.seen(mixed):
            mixed = None
        if not mixed and not remark:
            mixed = self._link_earlier(found.people, state) or self._feeling_again(text, state)
            guess = None if mixed else (unspoken_feeling(text, turn) or underneath(text, turn)
                                        or self._grief_unsaid(text, state, turn))
            if guess and guess.feeling not in state.linked:
                state.linked.append(guess.feeling)  # each guessed feeling once a session
                mixed = guess.text
        self._remember_words(text, found.people, state)
        state.felt = list(dict.fromkeys([*state.felt, *(s.feeling.canonical for s in named_feelings(text))]))
        before = history.to_dict()
        reflection = respond(
            text, history, ask=ask and not (recent_question or remark or mixed), deceased=state.deceased,
            known=state.known_people, absent=state.absent,
        )
        rest = _without_said(text, mixed) if mixed and _says_again(reflection.text, mixed) else ""
        if rest and not is_short_answer(rest):
            # the line on mixed feelings already holds that sentence: reflect what else they wrote
            retry = ReflectionHistory.from_dict(before)
            again = respond(rest, retry, ask=False, deceased=state.deceased, known=state.known_people,
                                absent=state.absent)
            if again.kind not in ("generic", "prompt") and not _says_again(again.text, mixed):
                reflection, history = again, retry
        if mixed:
            history.remember(mixed)
        state.history = history.to_dict()
        thought = None
        if (
            not state.bridge_offered and turn >= BRIDGE_EARLIEST_TURN and not state.loss_this_session
            and not self._grieving(text, state)
        ):
            thought = cbt_bridge_candidate(text)
        lead = reflection.text if not mixed else mixed if _says_again(reflection.text, mixed) else f"{reflection.text} {mixed}"
        if thought:
            state.bridge_offered, state.bridge_thought, state.awaiting = True, thought, "bridge"
            reply.say(lead)
            reply.say(
                f"One thought stands out: “{quote(thought, 160)}”. If you'd like, we could work through it "
                "step by step, as a thought record. Would you like that?",
                [{"title": "Yes, let's work through it", "payload": "/affirm"},
                 {"title": "No, keep exploring", "payload": "/deny"}],
            )
        elif remark:
            reply.say(f"{lead} {remark}")
        elif mixed:
            reply.say(f"{lead} {reflection.question.text}" if reflection.question and ask else lead)
        else:
            reply.say(reflection.reply)
        if news:
            first, buttons = reply.messages[0]
            reply.messages[0] = (f"{welcome_news(news[0], turn)} {first}", buttons)
        return reply

    def _ask_differently(self, state: ExploreState, reply: Optional[Reply] = None) -> Reply:
        """"You asked me that before": an apology and a question not asked before, or just listening."""
        reply = reply or Reply(state=state)
        history = ReflectionHistory.from_dict(state.history or state.carry)
        if history.questions:
            history.earlier = list(dict.fromkeys([*history.earlier, history.questions[-1].partition("@")[0]]))
        entry = self.repo.journal_entry(self.sender, state.entry_id) if state.entry_id else None
        last = entry["text"].split("\n\n")[-1] if entry else ""
        history.last_question_turn = None
        question = choose_question(last, extract_themes(last), history, state.deceased, state.absent) if last else None
        text = apology(history.turn)
        if question:
            history.remember_question(question.id)
            text += f" {question.text}"
        else:
            text += " Let's leave the questions for a bit; I'm listening, whatever you'd like to write."
        history.turn += 1
        state.history = history.to_dict()
        return reply.say(text)

    def _save(self, text: str, themes: list[str], state: ExploreState) -> None:
        entry = self.repo.journal_entry(self.sender, state.entry_id) if state.entry_id else None
        if entry is None:
            state.entry_id = self.repo.save_journal_entry(self.sender, text, themes)
            return
        merged = list(dict.fromkeys([*entry["themes"], *themes]))
        self.repo.update_journal_entry(self.sender, entry["id"], text=f"{entry['text']}\n\n{text}", themes=merged)

    def close(self, state: ExploreState, before: str = "") -> Reply:
        """"I'm done for today": a summary in the person's words, then ask for a takeaway.

        `before` is said first: the acknowledgement of a loss told in the same message.
        """
        entry = self.repo.journal_entry(self.sender, state.entry_id) if state.entry_id else None
        if entry is None:
            reply = Reply(state=state.next_session(), closed=True)
            return (reply.say(before) if before else reply).say(goodbye_nothing_written())
        texts = entry["text"].split("\n\n")
        state.awaiting = "takeaway"
        reply = Reply(state=state)
        relations = self._relations(state)
        return (reply.say(before) if before else reply).say(closing_summary(texts, entry["themes"], relations))


    def _keep_takeaway(self, text: str, state: ExploreState) -> Reply:
        """Store what they take away (their words only; "bye" alone stores nothing) and end the session.

        "no", "?? nah", "nothing really" or "I didn't ask for that" is no takeaway: nothing is kept or said back.
        """
        takeaway = "" if _declines(text) else text.strip()
        sorry = self._acknowledge_new(takeaway, state)
        if state.entry_id and takeaway:
            self.repo.update_journal_entry(self.sender, state.entry_id, takeaway=takeaway[:2000])
        # their words on a line of their own: no full stop of ours after the closing quote
        said = f"Thank you. I've saved that with today's entry:\n“{quote(takeaway, 160)}”\n" if takeaway else "Thank you for today. "
        said = f"{sorry} {said}" if sorry else said
        return Reply(state=state.next_session(), closed=True).say(
            said + "Take care of yourself, and come back whenever you want to write.",
            [{"title": "Show my journal", "payload": "/show_journal"},
             {"title": "What patterns do you see?", "payload": "/ask_patterns"}],
        )

    def journal_overview(self, limit: int = 5) -> str:
        entries = self.repo.journal_entries_for(self.sender, limit=limit)
        if not entries:
            return "Your journal is empty so far. Whenever you like, choose “Just explore” and write about what's on your mind."
        lines = []
        for entry in entries:
            themes = ", ".join(t.partition(":")[2] or t for t in entry["themes"][:5]) or "no themes yet"
            line = f"• {entry['created_at']:%-d %b %Y}: “{quote(entry['text'], 70)}” ({themes})"
            if entry.get("takeaway"):
                line += f"\n  Takeaway: “{quote(entry['takeaway'], 80)}”"
            lines.append(line)
        return "Your recent journal entries:\n" + "\n".join(lines)

    def patterns_overview(self) -> str:
        entries = self.repo.journal_entries_for(self.sender)
        names = list(dict.fromkeys(t[7:] for e in entries for t in e["themes"] if t.startswith("person:") and t[7:8].isupper()))
        relations: dict[str, str] = {}
        for entry in entries[:30]:
            for name, relation in relations_of(entry["text"], names).items():
                relations.setdefault(name, relation)
        return patterns.describe_patterns([(e["created_at"], e["themes"]) for e in entries], utc_now(),
                                          relations=relations)


def _without_said(text: str, line: str) -> str:
    """`text` without the sentences whose words `line` mostly gives back."""
    words = set(re.findall(r"[a-z']{4,}", line.lower()))
    kept = [m.group() for m in re.finditer(r"[^.!?\n]+[.!?\n]*", text)
            if not _says_again(line, m.group()) and not (len(set(re.findall(r"[a-z']{4,}", m.group().lower())) & words) >= 3)]
    return " ".join(" ".join(kept).split())


_FRAME_WORDS = frozenset("what i'm hearing that sounds like hear you're saying it's seems there's sense right comes "
                         "through if wrote also".split())


def _says_again(reflection: str, line: str) -> bool:
    """True when `line` gives back mostly what `reflection` already said, or `reflection` is all inside
    `line` (then it is said once, not twice)."""
    words = {w for w in re.findall(r"[a-z']{4,}", line.lower())}
    said = set(re.findall(r"[a-z']{4,}", reflection.lower()))
    own = said - _FRAME_WORDS
    inside = bool(own) and len(own & words) / len(own) >= 0.8
    return bool(words) and (len(words & said) / len(words) >= 0.5 or inside)
