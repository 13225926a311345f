"""Open questions chosen by what was said, never asked twice in a session."""
from __future__ import annotations

from bot.explore.questions import choose_question, respond
from bot.explore.themes import extract_themes
from bot.nlp.reflection import ReflectionHistory


def ask(text: str, history: ReflectionHistory):
    """Choose, record and advance a turn the way `reflect` does."""
    question = choose_question(text, extract_themes(text), history)
    if question:
        history.remember_question(question.id)
    history.turn += 1
    return question


def test_person_mentioned_gets_a_relationship_question():
    question = ask("My sister didn't call me back.", ReflectionHistory())
    assert question.kind == "person"
    assert question.text == "What is it like between you and your sister?"


def test_names_are_used_as_written():
    question = ask("I told Sam about it and nothing happened.", ReflectionHistory())
    assert "Sam" in question.text and "your Sam" not in question.text


def test_ccrt_sequence_is_followed_for_the_same_person_across_turns():
    history = ReflectionHistory()
    kinds = [
        ask("My sister forgot my birthday.", history).kind,
        ask("It was awful, honestly.", history).kind,  # no person here: something else
        ask("My sister just sent a meme the next day.", history).kind,
        ask("I wanted her to remember without me reminding her.", history).kind,  # "her" is the sister
        ask("My sister does that a lot.", history).kind,
    ]
    assert kinds[0] == "person" and kinds[1] != "wish"
    assert kinds[2:] == ["wish", "response_of_other", "own_response"]
    assert history.questions[-1].startswith("own.") and history.questions[-1].endswith("@sister")


def test_a_stated_wish_skips_to_the_others_response():
    history = ReflectionHistory()
    ask("My boss gave the project to someone else.", history)
    question = ask("I wanted my boss to trust me with it.", history)
    assert question.kind == "response_of_other" and "your boss" in question.text


def test_sequence_in_progress_is_continued_first():
    history = ReflectionHistory()
    ask("My dad shouted at me.", history)
    ask("My dad never says sorry.", history)  # wish
    question = ask("My mum saw it and my dad was there too.", history)
    assert question.kind == "response_of_other" and question.person == "dad"


def test_a_told_step_is_skipped():
    history = ReflectionHistory()
    ask("My dad shouted at me.", history)
    ask("My dad never says sorry.", history)  # wish
    question = ask("My mum saw it and my dad just left.", history)  # dad's response is told
    assert question.kind == "own_response" and question.person == "dad"


def test_pronouns_continue_the_relationship_questions_for_the_last_person():
    history = ReflectionHistory()
    assert ask("My sister didn't call me back again.", history).kind == "person"
    wish = ask("I wanted her to just ask how I was doing", history)
    assert wish.kind == "response_of_other" and wish.person == "sister"
    assert wish.text == "How did she respond?"
    other = ask("she said she was busy, like always", history)
    assert other.kind == "own_response" and other.person == "sister"
    own = ask("I just left.", history)  # answers the question just asked: no pronoun needed
    assert own.kind == "pattern" and own.person == "sister"


def test_a_pronoun_that_does_not_fit_is_not_taken_for_the_last_person():
    history = ReflectionHistory()
    ask("My brother ignored me at dinner.", history)
    question = ask("I wanted her to notice.", history)
    assert question is None or question.person is None


def test_the_last_person_is_forgotten_after_a_while():
    history = ReflectionHistory()
    ask("My sister didn't call me back again.", history)
    for _ in range(8):
        ask("The weather was grey and the bus was late.", history)
    question = ask("I wanted her to ask how I was doing.", history)
    assert question is None or question.person is None


def test_past_told_gets_a_deepening_question_not_is_it_familiar():
    question = ask("I guess it reminds me of when I was a kid and she always got the attention", ReflectionHistory())
    assert question.kind == "past" and question.id != "past.familiar"
    assert question.text == "What was it like for you back then?"


def test_past_reference_gets_a_past_question():
    assert ask("This reminds me of how things were growing up.", ReflectionHistory()).kind == "past"


def test_feeling_gets_feeling_then_body_question():
    history = ReflectionHistory()
    first = ask("I feel so anxious today.", history)
    second = ask("Still anxious, really anxious.", history)
    assert first.kind == "feeling" and second.kind == "body"


def test_feeling_question_can_name_the_feeling():
    history = ReflectionHistory(questions=["feeling.like", "general.else"])
    assert ask("I feel lonely.", history).text == "What is it like to feel lonely?"


def test_otherwise_a_general_question():
    assert ask("The day went by and the shop was closed.", ReflectionHistory()).kind == "general"


def test_writing_about_writing_gets_a_conversation_question():
    assert ask("I've never told anyone this before.", ReflectionHistory()).kind == "conversation"


def test_no_question_id_is_asked_twice_and_the_pool_can_run_out():
    history = ReflectionHistory()
    asked = []
    for _ in range(40):
        question = ask("I feel anxious about it.", history)
        if question is None:
            break
        asked.append(question.id)
    assert len(asked) == len(set(asked)) >= 10
    assert question is None


def test_just_listens_after_a_question_when_they_write_at_length():
    history = ReflectionHistory()
    assert ask("My sister forgot my birthday.", history)
    long_answer = "It started when we were little and she always got the attention. " * 6
    assert ask(long_answer, history) is None
    assert ask("My sister forgot again.", history) is not None


def test_respond_adds_at_most_one_question():
    history = ReflectionHistory()
    reflection = respond("My sister didn't call me back and I feel hurt.", history)
    assert reflection.question is not None
    assert reflection.reply == f"{reflection.text} {reflection.question.text}"
    assert history.questions == [reflection.question.id]
    assert respond("idk", history).question is None


def test_a_she_that_could_mean_two_people_is_asked_about_neither():
    history = ReflectionHistory()
    respond("jas dumped me last week and i failed my exam", history)
    respond("i keep thinking about my mum finding out", history)
    question = ask("i cant stop checking her story", history)
    assert question is None or getattr(question, "person", None) != "mum"


def test_no_question_about_someone_the_message_sets_aside():
    from bot.explore.questions import respond
    from bot.nlp.reflection import ReflectionHistory

    for _ in range(3):
        reply = respond("its not my sister honestly, its the whole family. I feel like a spare part at every dinner.",
                        ReflectionHistory())
        assert not (reply.question and "sister" in reply.question.text), reply.question.text
