"""Journaling, as a second playtest found it: summaries that count one person once and list only the
feelings the person named as theirs, direct questions answered, drafts thrown away, and reflections
that never say back a cut-off clause, a filler word or chat shorthand.

Every input is one a playtester wrote.
"""
from __future__ import annotations

from bot.explore.closing import closing_summary, topics
from bot.explore.journal import ExploreState, JournalSession
from bot.explore.themes import extract_themes, relations_of


def _about(summary: str) -> str:
    return summary.partition("You wrote about ")[2].partition(".")[0]


def _feelings(summary: str) -> list[str]:
    said = summary.partition("you named: ")[2].partition(".")[0]
    return said.replace(" and ", ", ").split(", ") if said else []


# --- summaries: one person once -------------------------------------------------------------

def test_mum_and_mother_are_one_person_and_lorna_is_the_sister(repo):
    session = JournalSession(repo, "ruth")
    state = ExploreState()
    first = [
        "Hello. I was given this by my counsellor. My mother died last month, after a long illness. On top of that "
        "my sister Lorna and I are at odds about the house, which was Mum's.",
        "Well, it is mostly Mum. Now that she is gone I feel an enormous emptiness.",
    ]
    for text in first:
        state = session.turn(text, "share", state).state
    state = session.turn("Anyway, that is enough for today. Goodbye.", "goodbye", state).state
    state = session.turn("That she kept my letters.", "share", state).state
    later = [
        "The funeral director sent the final bill this week and Lorna offered, quite unprompted, to pay half. "
        "Mum is laughing in it. I do feel softer towards Lorna.",
        "Lorna stands out, I think. I suppose I have spent more of my grief on being angry with my sister than on "
        "missing my mother, and perhaps that was easier. Missing Mum is the harder thing.",
    ]
    for text in later:
        state = session.turn(text, "share", state).state
    summary = session.turn("Anyway, that is enough for today, thank you for listening. Goodbye.", "goodbye", state).messages[-1][0]
    about = _about(summary)
    assert "Lorna" in about and "your sister" not in about
    assert not ("your mum" in about and "your mother" in about), about


def test_a_girlfriend_whose_name_is_given_is_named_once():
    texts = ["hey so my girlfriend broke up with me on saturday and i cant stop thinking abt it",
             "ya. her name is kayla we were together like 2 years. maybe thats why kayla left"]
    about = _about(closing_summary(texts, ["person:girlfriend", "person:Kayla", "context:relationship"]))
    assert about == "Kayla", about
    said = topics(["kayla IS my girlfriend. well ex. theyre the same person lol"], ["person:Kayla", "person:girlfriend"])
    assert said == ["person:Kayla"]
    assert relations_of("kayla IS my girlfriend. well ex.", ["kayla"]) == {"kayla": "girlfriend"}


def test_kayla_and_my_dad_are_two_people():
    said = topics(["kayla and my dad obv. and girlfriend is kayla again so thats the same thing counted twice lol"],
                  ["person:Kayla", "person:dad", "person:Obv"])
    assert said == ["person:Kayla", "person:dad"]


def test_chat_shorthand_read_as_a_name_is_nobody():
    texts = ["idk. i just feel like an idiot. like i shoulda seen it comming",
             "kayla and my dad obv. i think the pattern is i take scraps from ppl who leave",
             "maybe talk to my mom abt dad for real sometime"]
    about = _about(closing_summary(texts, ["person:Shoulda", "person:Kayla", "person:Obv", "person:Ppl", "person:Abt",
                                           "person:dad", "person:mom"]))
    for word in ("Shoulda", "Obv", "Ppl", "Abt"):
        assert word not in about


def test_home_and_a_relationship_beside_the_partner_are_not_listed_as_written_about():
    texts = ["I went to Mum's house on Sunday to start sorting her clothes. I sat on the floor of her bedroom and cried."]
    assert "home" not in _about(closing_summary(texts, ["person:mum", "context:home"]))
    texts = ["ex girlfriend. anyway i saw her at the mall yesterday w her friends", "my girlfriend broke up with me"]
    assert "relationship" not in _about(closing_summary(texts, ["person:girlfriend", "context:relationship"]))


def test_someone_elses_first_husband_is_not_the_writers_relationship():
    themes = extract_themes("She told me once, the worst thing is when people hide things from her. "
                            "Her first husband hide money problems from her.").as_list()
    assert "context:relationship" not in themes
    assert "context:home" not in extract_themes("I went to Mum's house on Sunday.").as_list()


# --- summaries: feelings that are theirs ------------------------------------------------------

def test_a_feeling_corrected_in_a_later_message_is_not_theirs():
    texts = ["I have just told you: difficult, proud, sharp-tongued, but she could be very funny. She favoured Lorna.",
             "No, I do not feel proud. I said my mother was proud, as in stubborn. That is a description of her, "
             "not of me. What I feel about Lorna ringing is a sort of cautious hope.",
             "The letters made me feel loved, which I had not felt from her in a long time."]
    summary = closing_summary(texts, [])
    assert "proud" not in summary and "loved" in _feelings(summary)


def test_a_word_someone_else_used_is_not_theirs():
    texts = ["Yesterday she ask me why I look so tired, and I say it is busy at work.",
             "No, I did not say I am tired, Mira said I look tired. What I feel is guilty, because I lie to her, "
             "and nervous for the interview."]
    feelings = _feelings(closing_summary(texts, ["person:Mira"]))
    assert "tired" not in feelings and "guilty" in feelings and "nervous" in feelings


def test_a_feeling_given_to_someone_else_is_not_theirs_and_no_theme_is_made_a_feeling():
    texts = ["I told her. Mira was quiet for long time, then she said why you carry this alone for two weeks. "
             "She was not angry about the job, only sad that I hide it. Now I feel lighter but also strange."]
    summary = closing_summary(texts, ["person:Mira", "theme:loneliness", "context:work"])
    assert "sad" not in summary and "angry" not in summary and "loneliness" not in summary
    assert "lighter" in _feelings(summary)


def test_every_feeling_named_in_the_session_is_listed():
    texts = [
        "Now that she is gone I feel an enormous emptiness, and I feel terribly guilty for feeling relieved.",
        "Did I? Well, yes, it is mostly Mum, but Lorna is part of it now. I feel angry with her.",
        "Hurt, yes. When we were girls Lorna was always the clever one.",
        "That is not quite what I said, I am worried about the probate and the house. What I really feel when I "
        "think about that phone call is shame.",
        "Yes, anxious, ashamed, guilty, angry, all at once.",
    ]
    feelings = _feelings(closing_summary(texts, ["person:Lorna"]))
    for word in ("hurt", "ashamed", "anxious", "angry", "guilty"):
        assert word in feelings, feelings


def test_empty_and_mad_both_count():
    texts = ["kinda empty. and mad. like how can she just be normal when im like this",
             "what?? kinda isnt the point. i said i feel empty and mad"]
    feelings = _feelings(closing_summary(texts, []))
    assert "empty" in feelings and "mad" in feelings


# --- summaries: phrases given back -----------------------------------------------------------

def test_no_phrase_without_its_subject_or_in_chat_shorthand():
    texts = ["I told her. She was not angry about the job, only sad that I hide it. Now I feel lighter.",
             "ya worried shes already w someone else. ok im gonna go play some fifa w my cousin",
             "yea like with my dad i always took whatever he gave. one card. one call."]
    summary = closing_summary(texts, [])
    assert "only sad" not in summary and " w " not in summary and "ya worried" not in summary
    assert "that yea" not in summary


def test_a_correction_is_not_given_back_as_what_the_session_held():
    texts = ["The letters made me feel loved, which I had not felt from her in a long time.",
             "No, I do not feel proud. I said my mother was proud, as in stubborn."]
    assert "do not feel proud" not in closing_summary(texts, [])


# --- direct questions while journaling ---------------------------------------------------------

import pytest  # noqa: E402


@pytest.mark.parametrize("message, says", [
    ("Can I ask you something unrelated? Do you know whether probate normally takes a long time in England? "
     "The solicitor was rather vague.", "journaling program"),
    ("Yes, like this, never weak. By the way, do you know if I can get unemployment money if they give me severance? "
     "Sorry, this is maybe not for you.", "journaling program"),
    ("its fine w my mom shes cool. shes just tired alot she works 2 jobs. can u tell me if i should text kayla or not",
     "won't make it for you"),
    ("yea. random question but do u think ai can actually understand feelings or is it just pretending",
     "computer program"),
])
def test_a_direct_question_gets_a_brief_honest_answer_and_is_not_reflected(repo, message, says):
    session = JournalSession(repo, "asker")
    state = session.turn("my girlfriend broke up with me on saturday and i cant stop thinking abt it", "share",
                         ExploreState()).state
    reply = " ".join(text for text, _ in session.turn(message, "share", state).messages)
    assert says in reply
    for echo in ("random question", "probate", "unemployment", "text kayla", "not for you", "something unrelated"):
        assert echo not in reply.replace("That's a practical question", "").lower()


def test_a_worry_about_probate_is_journal_text_not_a_question():
    from bot.explore.control import take_apart

    parts = take_apart("I am worried about the probate and the house, not about practical terms.")
    assert parts.side_step is None and "probate" in parts.journal


# --- a paused thought record, thrown away from the journal ----------------------------------------

@pytest.mark.parametrize("message", [
    "No, that was never a real thought record, it was me trying to get out of it. Please throw that away. "
    "I would like to write about my mother and Lorna again.",
    "Throw this away, please. I asked you to last time as well.",
])
def test_throwing_the_paused_record_away_is_confirmed_then_done(repo, message):
    repo.save_draft("ruth", {"situation": "No, I said the opposite. I do not want the step by step thing."}, "automatic_thought")
    session = JournalSession(repo, "ruth")
    reply = session.turn(message, "share", ExploreState(welcomed=True))
    asked = reply.messages[0][0]
    assert asked.startswith("Do you want me to throw away your paused thought record") and "Nothing of it" in asked
    assert repo.draft_for("ruth") is not None and not repo.journal_entries_for("ruth")
    done = session.turn("Yes, throw it away.", "affirm", reply.state)
    assert done.messages[0][0].startswith("Done, that thought record is gone.")
    assert repo.draft_for("ruth") is None


def test_no_keeps_the_paused_record(repo):
    repo.save_draft("ruth", {"situation": "At work"}, "automatic_thought")
    session = JournalSession(repo, "ruth")
    reply = session.turn("Throw this away, please.", "share", ExploreState())
    kept = session.turn("/deny", "deny", reply.state)
    assert "stays saved" in kept.messages[0][0] and repo.draft_for("ruth") is not None


def test_throw_away_with_no_paused_record_is_journal_text(repo):
    reply = JournalSession(repo, "ruth").turn("Throw this away, please.", "share", ExploreState())
    assert not reply.messages[0][0].startswith("Do you want me to throw away")


@pytest.mark.parametrize("message", [
    "No, that was never a real thought record, it was me trying to get out of it. Please throw that away. "
    "I would like to write about my mother and Lorna again.",
    "I did not ask what a thought record is. I would like to just explore, please.",
])
def test_naming_the_record_to_throw_it_away_or_to_just_write_asks_nothing_about_it(message):
    from bot.explore.control import names_what_it_asks

    assert not names_what_it_asks("ask_what_cbt", message)
    assert names_what_it_asks("ask_what_cbt", "what is a thought record?")


def test_the_same_explanation_is_never_given_twice_in_a_row():
    import asyncio

    import yaml
    from rasa_sdk.executor import CollectingDispatcher

    from actions import routing
    from tests.trackers import tracker

    with open("domain.yml", encoding="utf-8") as handle:
        domain = yaml.safe_load(handle)
    explained = domain["responses"]["utter_what_is_cbt"][0]["text"]
    dispatcher = CollectingDispatcher()
    said = tracker(text="You have just said exactly the same thing. What is the thought record for?",
                   intent="ask_what_cbt", events=[{"event": "bot", "text": explained}])
    asyncio.run(routing.ActionExplainModes().run(dispatcher, said, domain))
    assert dispatcher.messages[0]["text"] != explained and "won't repeat" in dispatcher.messages[0]["text"]
    dispatcher = CollectingDispatcher()
    asyncio.run(routing.ActionExplainModes().run(dispatcher, tracker(text="what is cbt", intent="ask_what_cbt"), domain))
    assert dispatcher.messages[0]["response"] == "utter_what_is_cbt"


# --- a record refused as soon as it starts ---------------------------------------------------------

@pytest.mark.parametrize("message", [
    "No, I said the opposite. I do not want the step by step thing. I would just like to explore and write freely, please.",
    "I would simply like to write, if that is possible. I do not want the step by step thing.",
])
def test_a_protest_right_after_a_record_started_is_no_situation(message):
    from bot.cbt import flow
    from bot.cbt.turns import Turn

    outcome = flow.answer("tr_situation", Turn(message, "share", 0.5), {})
    assert outcome.end == "switch_explore" and not outcome.slots.get("tr_situation") and not outcome.saved_step


def test_with_an_answer_already_given_a_no_is_read_as_the_record_reads_it():
    from bot.cbt.refusal import refuses_the_record

    assert not refuses_the_record("No, I said the opposite.", {"tr_situation": "At work, my boss shouted"})
    assert not refuses_the_record("No one said hello to me at work today.", {})
    assert not refuses_the_record("I would like to talk to my boss but I'm scared.", {})


def test_switching_to_the_journal_with_nothing_answered_keeps_no_draft(repo):
    from actions import thought_record
    from tests.trackers import run, tracker

    said = tracker(text="No, I said the opposite. I do not want the step by step thing.", intent="share",
                   slots={"requested_slot": "tr_situation"})
    _, events = run(thought_record.ValidateThoughtRecordForm(), said)
    assert any(e.get("name") == "tr_status" and e.get("value") == "switch_explore" for e in events)
    assert repo.draft_for(said.sender_id) is None
    messages, _ = run(thought_record.ActionEndThoughtRecord(), tracker(text="", slots={"tr_status": "switch_explore"}))
    assert "draft" not in " ".join(m.get("text") or m.get("response") or "" for m in messages).replace(
        "utter_start_explore", "")


# --- echoes that would be broken or say back their shorthand -------------------------------------

@pytest.mark.parametrize("reply", [
    "If I'm hearing you right, you feel angry at a time like.",
    "You feel angry at a time like, and it seems to be tied up with Lorna.",
    "So you feel worried about in practical terms.",
    'I\'m staying with "kinda" for a moment.',
    "I hear that you were ppl who know each other.",
    "What I'm hearing is that same w kayla you want her to say she messed up.",
    "You wrote that you see yourself as an idiot, and also that you shoulda seen it comming.",
    "It sounds like you feel like nothing happend.",
    "What I'm hearing is that your father was like this also.",
    "So its fine w your mom she's cool.",
])
def test_a_cut_or_shorthand_echo_is_not_well_formed(reply):
    from bot.nlp.wellformed import problems

    assert problems(reply)


@pytest.mark.parametrize("reply", [
    "So you feel like a failure.",
    "It sounds like Kasia is like her mother.",
    "You wrote that you planned it for weeks.",
    "I hear that you went to Mum's house on Sunday.",
    "It sounds like you were about to leave.",
])
def test_plain_reflections_stay_well_formed(reply):
    from bot.nlp.wellformed import problems

    assert problems(reply) == []


@pytest.mark.parametrize("message, not_said", [
    ("Did I? Well, yes, it is mostly Mum, but Lorna is part of it now. I feel angry with her, and then I feel small "
     "and petty for being angry at a time like this.", "a time like"),
    ("I suppose it is what I am most worried about in practical terms. The last time Lorna and I spoke on the phone "
     "she said I was being sentimental and dragging my feet, and I put the phone down on her.", "about in practical"),
    ("kinda empty. and mad. like how can she just be normal when im like this", '"kinda"'),
    ("idk. i just feel like an idiot. like i shoulda seen it comming", "shoulda"),
    ("idk. show up. call. say sorry. same w kayla tbh i want her to say she messed up", " w "),
    ("Between us it is good, twenty years married. But I think she married a man who is strong. My father was like "
     "this also, he never show any weakness.", "like this also"),
])
def test_the_journal_answers_without_the_broken_echo(repo, message, not_said):
    reply = JournalSession(repo, "echo").turn(message, "share", ExploreState())
    said = " ".join(text for text, _ in reply.messages)
    assert not_said not in said and said


# --- "How do you usually feel around ...?" ---------------------------------------------------------

def test_no_how_do_you_feel_around_for_someone_absent(repo):
    session = JournalSession(repo, "jay")
    state = ExploreState()
    said = []
    for text in ["yea. its like everyone leaves eventually. my dad left when i was 8 and just never came back",
                 "it reminds me of my dad honestly. when he left he sent one birthday card when i was 9",
                 "and hes not around thats the whole thing, i havent seen him in 11 years",
                 "ex girlfriend. anyway i saw her at the mall yesterday w her friends and she like waved?? felt so weird",
                 "my girlfriend said she needs space"]:
        reply = session.turn(text, "share", state)
        state = reply.state
        said += [t for t, _ in reply.messages]
    assert not any("usually feel around" in s for s in said), said


def test_someone_asked_about_last_session_is_not_asked_about_the_same_way_again():
    from bot.explore.questions import choose_question
    from bot.nlp.reflection import ReflectionHistory

    history = ReflectionHistory(questions=["person.between@Mira"]).next_session()
    question = choose_question("I think she will be hurt, because I hide it from Mira.", ["person:Mira"], history)
    assert question is None or not question.id.startswith("person.")


def test_the_saved_takeaway_has_no_stray_full_stop_after_its_quote(repo):
    session = JournalSession(repo, "ruth")
    state = session.turn("The letters made me feel loved, which I had not felt from her in a long time.", "share",
                         ExploreState()).state
    state = session.turn("Anyway, I think that is enough for today. Goodbye.", "goodbye", state).state
    said = session.turn("That she kept my letters.", "share", state).messages[0][0]
    assert "“That she kept my letters.”" in said and "”." not in said


def test_throw_it_away_read_as_a_question_about_the_record_still_asks_to_throw_it_away(repo):
    from actions import routing
    from tests.trackers import run, slot_events, tracker

    repo.save_draft("ruth", {"situation": "No, I said the opposite."}, "automatic_thought")
    said = tracker(text="No, that was never a real thought record, it was me trying to get out of it. Please throw "
                        "that away. I would like to write about my mother and Lorna again.", intent="ask_what_cbt",
                   sender="ruth")
    messages, events = run(routing.ActionExplainModes(), said)
    assert messages[0]["text"].startswith("Do you want me to throw away your paused thought record")
    assert slot_events(events)["mode"] == "explore" and slot_events(events)["explore_state"]["awaiting"] == "discard"
    messages, events = run(routing.ActionExplainModes(), tracker(
        text="I did not ask what a thought record is. I would like to just explore, please.", intent="ask_what_cbt"))
    assert messages[0]["response"] == "utter_start_explore" and slot_events(events)["mode"] == "explore"


def test_patterns_count_the_girlfriend_and_kayla_once_and_no_shorthand(repo):
    session = JournalSession(repo, "jay")
    state = ExploreState()
    for text in ["hey so my girlfriend broke up with me on saturday. her name is kayla we were together like 2 years",
                 "kayla IS my girlfriend. well ex. theyre the same person lol",
                 "so kayla texted me last nite. i think the pattern is i take scraps from ppl who leave"]:
        state = session.turn(text, "share", state).state
        state = session.turn("anyway thats enough for today, bye", "goodbye", state).state
        state = session.turn("nah", "deny", state).state
    listed = session.patterns_overview()
    assert "- Kayla: 3 entries" in listed
    assert "your girlfriend" not in listed and "your relationship" not in listed and "Ppl" not in listed


def test_a_request_for_the_patterns_read_as_a_question_about_the_journal_gets_the_patterns(repo):
    from actions import routing
    from tests.trackers import run, tracker

    for text in ["The job. Eleven years I work there, and the new manager was terrible.",
                 "Still I did not tell Mira about the job."]:
        repo.save_journal_entry("tomas", text, ["person:Mira", "context:work"])
    said = tracker(text="Yes, explore. I was talking about when I was a child, my father is old man now and we are "
                        "okay. What patterns do you see?", intent="ask_what_explore", sender="tomas")
    messages, _ = run(routing.ActionExplainModes(), said)
    assert "come up more than once" in " ".join(m.get("text") or "" for m in messages)


def test_a_word_of_agreement_is_no_feeling_and_a_lower_case_name_is_given_back_as_a_name():
    summary = closing_summary(["Good. So anyway my boss shouted at the whole team today.",
                               "so kayla texted me last nite. part of me is happy she texted"], ["person:Kayla"])
    assert "good" not in _feelings(summary) and "nite" not in summary and "kayla" not in summary


def test_a_mothers_illness_is_not_the_writers_health():
    assert "health" not in extract_themes("My mother died last month, after a long illness.").contexts
    assert "health" in extract_themes("I have been sick all week and the migraine is back.").contexts


def test_no_what_was_she_like_right_after_she_was_described():
    from bot.explore.questions import choose_question
    from bot.nlp.reflection import ReflectionHistory

    text = ("It keeps coming back because she was my mother and she has just died. I am sorry, that sounded sharp. "
            "The letters made me feel loved, which I had not felt from her in a long time. She was not an easy woman, "
            "and she was often kinder to Lorna than to me.")
    question = choose_question(text, ["person:mother", "person:Lorna", "feeling:loved"], ReflectionHistory(),
                               deceased=["mother"])
    assert question is not None and question.id != "grief.like@mother"
    asked = choose_question("I keep thinking about my mother.", ["person:mother"], ReflectionHistory(), deceased=["mother"])
    assert asked is not None and asked.id == "grief.like@mother"


def test_a_feeling_word_describing_someone_else_is_not_reflected_as_theirs(repo):
    session = JournalSession(repo, "ruth")
    said = session.turn("I have just told you: difficult, proud, sharp-tongued, but she could be very funny. "
                        "She favoured Lorna.", "share", ExploreState()).messages[0][0]
    assert "you feel proud" not in said
    said = JournalSession(repo, "tomas").turn("Mira was quiet for long time. She was not angry about the job, only sad "
                                              "that I hide it.", "share", ExploreState()).messages[0][0]
    assert "you feel sad" not in said and "you feel angry" not in said
