"""Losses are found on first mention and acknowledged warmly, specifically, without a question."""
from __future__ import annotations

import re

import pytest

from bot.explore.loss import losses_in, without_loss_sentences
from bot.explore.loss_words import acknowledge, deceased


@pytest.mark.parametrize(
    "text, kind, who",
    [
        ("My dad died in March. It was a stroke, very sudden.", "death", "dad"),
        ("Since Dad died nothing feels right", "death", "dad"),
        ("My grandad passed away last week", "death", "grandad"),
        ("Dad's funeral was on Friday", "death", "dad"),
        ("Pete died last year and I still can't believe it", "death", "Pete"),
        ("Our cat Biscuit had to be put down on Tuesday.", "pet", "Biscuit"),
        ("My wife, Margaret, died in April.", "death", "wife"),
        ("we had to put my dog down today. he was 14", "pet", "dog"),
        ("my dog died this morning", "pet", "dog"),
        ("I had a miscarriage in June", "miscarriage", None),
        ("me and Karim broke up on friday", "breakup", None),
        ("I was made redundant yesterday after 22 years", "job", None),
        ("I got fired today", "job", None),
        ("My mum was diagnosed with cancer", "diagnosis", "mum"),
        ("She passed away last week and I keep seeing her chair.", "death", None),
        ("The funeral was on Thursday.", "death", None),
        ("We finalised the divorce today.", "breakup", None),
        ("I got diagnosed with MS last month.", "diagnosis", None),
    ],
)
def test_losses_are_found(text, kind, who):
    [loss] = losses_in(text)[:1]
    assert (loss.kind, loss.who) == (kind, who)


@pytest.mark.parametrize(
    "text",
    [
        "I nearly died of embarrassment in the meeting",
        "He put my mum down in front of everyone again.",
        "my phone died halfway through the call",
        "I'm scared my mum will die",
        "What if my dad dies?",
        "I died laughing at that video",
        "I lost my keys again",
        "he died inside when she left lol",
    ],
)
def test_figures_of_speech_and_fears_are_no_loss(text):
    assert losses_in(text) == []


@pytest.mark.parametrize(
    "text, who",
    [
        ("I might be overreacting but my dog died on friday", "dog"),
        ("I'm worried about my brother because our grandad died last month", "grandad"),
        ("honestly im terrified of being alone now that my wife passed", "wife"),
    ],
)
def test_a_fear_in_another_clause_does_not_hide_a_loss(text, who):
    [loss] = losses_in(text)
    assert loss.who == who


@pytest.mark.parametrize(
    "text",
    ["so worried, and terrified of losing my mum", "worried I'll get laid off next week", "I dreamt my sister died"],
)
def test_a_fear_in_the_loss_clause_is_still_no_loss(text):
    assert losses_in(text) == []


def test_a_loss_told_while_leaving_is_acknowledged_before_the_summary(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "leaving-person")
    state = session.turn("Work has been a lot lately and I'm tired all the time.", "share", ExploreState()).state
    reply = session.turn("My nan passed away on Sunday. Anyway, I'm done for today.", "share", state)
    first, summary = (text for text, _ in reply.messages)
    assert first.startswith("I'm so sorry") and "your nan" in first
    assert "?" not in first
    assert "nan passed away" in repo.journal_entry("leaving-person", reply.state.entry_id)["text"]
    again = session.turn("my nan died and i miss her", "share", ExploreState.from_dict(reply.state.to_dict()))
    assert "sorry" not in " ".join(text for text, _ in again.messages).lower()  # once is enough


def test_a_loss_told_in_the_takeaway_is_acknowledged(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "takeaway-person")
    state = session.turn("I keep arguing with my sister about money.", "share", ExploreState()).state
    state = session.turn("that's enough for now", "goodbye", state).state
    assert state.awaiting == "takeaway"
    reply = session.turn("that i miss my dad. he died two years ago today", "share", state)
    [(text, _)] = reply.messages
    assert text.startswith("I'm so sorry") and "your dad" in text
    assert reply.closed


def test_the_acknowledgement_names_who_and_picks_up_how_it_came():
    text = "My dad died in March. It was a stroke, very sudden."
    [loss] = losses_in(text)
    said = acknowledge(loss, text)
    assert said.startswith("I'm so sorry about your dad.")
    assert "suddenly" in said and "?" not in said
    assert deceased([loss]) == ["dad"]
    assert "sorry about Biscuit" in acknowledge(losses_in("Our cat Biscuit had to be put down.")[0], "")
    assert "your mum's diagnosis" in acknowledge(losses_in("My mum was diagnosed with cancer.")[0], "")


def test_the_rest_of_the_message_is_kept_for_a_reflection():
    text = "My dad died in March. Pete and I haven't talked since."
    assert without_loss_sentences(text) == "Pete and I haven't talked since."
    assert without_loss_sentences("My dad died.") == ""


def test_a_name_told_beside_the_word_is_remembered_as_who_died():
    from bot.explore.loss_words import deceased

    [loss] = losses_in("My wife, Margaret, died in April.")
    assert loss.who == "wife" and loss.name == "Margaret"
    assert deceased([loss]) == ["wife", "Margaret"]


def test_someone_named_who_died_is_never_asked_about_in_the_present(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "widower")
    state = ExploreState()
    said = []
    for text in ("My wife, Margaret, died in April. We had been married forty-six years.",
                 "I still set out two cups in the morning.", "Margaret always did the crossword with me.",
                 "Margaret would have laughed at all this fuss."):
        reply = session.turn(text, "share", state)
        state = reply.state
        said.append(" ".join(t for t, _ in reply.messages))
    assert said[0].startswith("I'm so sorry")
    assert not any(re.search(r"between you and Margaret|is Margaret|does Margaret", s) for s in said)


def test_a_second_loss_of_another_kind_is_named_too():
    from bot.explore.loss_words import acknowledge_all

    text = "Two months ago I was diagnosed with MS. Then three weeks later the company let me go."
    losses = losses_in(text)
    assert [loss.kind for loss in losses] == ["diagnosis", "job"]
    said = acknowledge_all(losses, text)
    assert said.startswith("I'm so sorry about the diagnosis.") and "losing your job" in said


@pytest.mark.parametrize("text", ["my contract wasnt renewed", "my job was cut in the restructure"])
def test_work_ending_in_other_words_is_a_job_loss(text):
    assert [loss.kind for loss in losses_in(text)] == ["job"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("they found a lump in my breast", "diagnosis"),
        ("the doctor told me I have diabetes", "diagnosis"),
        ("turns out I have endometriosis", "diagnosis"),
        ("I got the diagnosis today", "diagnosis"),
        ("my partner and i split", "breakup"),
    ],
)
def test_losses_told_in_everyday_words_are_found(text, kind):
    assert [loss.kind for loss in losses_in(text)] == [kind]


@pytest.mark.parametrize(
    "text", ["I was diagnosed with ADHD last year and it explains a lot", "my son was diagnosed with autism",
             "I found a lump of chocolate in the cereal", "we split the bill"],
)
def test_a_neurodivergence_diagnosis_and_lookalikes_are_not_losses(text):
    assert losses_in(text) == []


def test_the_end_of_a_marriage_is_acknowledged_as_a_divorce_not_a_break_up():
    text = "lena and i are getting divorced, the papers went in three weeks ago, after 17 years"
    [loss] = losses_in(text)
    assert acknowledge(loss, text).startswith("I'm so sorry about the divorce.")
    text = "me and jake broke up last week"
    assert "break-up" in acknowledge(losses_in(text)[0], text)


@pytest.mark.parametrize(
    "text, who",
    [
        ("Grandpa slipped away on Monday night.", "grandpa"),
        ("My nan went to be with the Lord last week.", "nan"),
        ("My aunt pass away last month in Lagos.", "aunt"),
        ("My abbu expired yesterday, please pray for him.", "abbu"),
        ("Dad did not survive the operation.", "dad"),
        ("Since Nana's gone the house feels empty.", "nana"),
        ("Covid took my uncle in the first winter.", "uncle"),
        ("My father in law went peacefully in the night.", "father in law"),
        ("My great-aunt Hilda died on Sunday.", "Hilda"),
        ("Mr Okafor from church, who taught me to read, died at the weekend.", "Mr Okafor"),
    ],
)
def test_a_death_told_in_gentler_or_non_native_words_is_found(text, who):
    [loss] = losses_in(text)[:1]
    assert (loss.kind, loss.who) == ("death", who)


@pytest.mark.parametrize(
    "text, who",
    [
        ("I keep wearing Sam's jumper. He's been dead a year now.", "Sam"),
        ("I still have Ayo's voice note. Cancer took her in May.", "Ayo"),
        ("Mum was in intensive care all week. She didn't make it.", "mum"),
        ("Callum from my old school killed himself on Friday.", "Callum"),
    ],
)
def test_a_death_told_with_he_or_she_is_of_the_person_named_before(text, who):
    [loss] = losses_in(text)[:1]
    assert (loss.kind, loss.who) == ("death", who)


@pytest.mark.parametrize(
    "text, who",
    [
        ("Lost my good boy Rolo this morning, my dog of fourteen years.", "Rolo"),
        ("Pippin, our old cat, died last night.", "Pippin"),
        ("my rabbit went missing and a neighbour found her dead in the lane", "rabbit"),
        ("We had Juniper put to sleep at the vets today.", "Juniper"),
        ("Still can't move the dog bed even though Pickle died in June.", "Pickle"),
        ("Our hamster crossed the rainbow bridge.", "hamster"),
        ("Milo, our old cat, was lying by the door. He had died in the night.", "Milo"),
    ],
)
def test_a_pet_told_by_name_is_a_pet(text, who):
    [loss] = losses_in(text)[:1]
    assert (loss.kind, loss.who) == ("pet", who)


def test_a_relation_is_never_guessed_for_a_name():
    [loss] = losses_in("Bernie died on Thursday.")
    assert acknowledge(loss, "").startswith("I'm so sorry about Bernie.")
    [loss] = losses_in("Got diagnosed with lupus today.")
    assert loss.who is None and acknowledge(loss, "").startswith("I'm so sorry about the diagnosis.")


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("My son hasn't spoken to me since the christening.", "estrangement",
         "I'm so sorry about what's happened with your son."),
        ("My brother and I haven't talked in six years.", "estrangement",
         "I'm so sorry about what's happened with your brother."),
        ("we havent spoken since the row about the house", "estrangement", "I'm so sorry. Losing someone"),
        ("i went no contact with my dad in the spring", "estrangement", "I'm so sorry about what's happened with your dad."),
        ("The landlord kicked us out on Friday.", "home", "I'm so sorry about your home."),
        ("A house fire took everything on Tuesday.", "home", "I'm so sorry about the house fire."),
        ("We were evicted this morning.", "home", "I'm so sorry about your home."),
        ("Failed my theory test again.", "failure", "I'm sorry about your theory test."),
        ("I got turned down by every university I applied to.", "failure", "I'm sorry, that's really disappointing news."),
        ("didnt get into vet school, missed it by two grades", "failure", "I'm sorry, that's really disappointing news."),
    ],
)
def test_estrangement_a_lost_home_and_a_failure_are_acknowledged(text, kind, expected):
    [loss] = losses_in(text)[:1]
    said = acknowledge(loss, text)
    assert loss.kind == kind and said.startswith(expected) and "?" not in said


@pytest.mark.parametrize(
    "text",
    [
        "My cousin is getting divorced and the whole family has opinions.",
        "Tom and Jess broke up again, third time this year.",
        "My friend got dumped last week and she's been crying on my sofa.",
        "Ruth's sister broke up with her boyfriend at the wedding.",
    ],
)
def test_other_peoples_break_ups_are_not_the_writers(text):
    assert losses_in(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anna filed for divorce on Monday.", "I'm so sorry about the divorce."),
        ("my mum and dad are splitting up", "I'm so sorry about your parents splitting up."),
        ("Dev and I have split. We weren't married, so no divorce, just boxes.", "I'm sorry about the break-up."),
        ("We're done. Me and Kai are finished.", "I'm sorry about the break-up."),
        ("my girlfriend cheated on me with her ex", "I'm so sorry. Being cheated on"),
        ("my partner of ten years ended things last night", "I'm sorry about the break-up."),
    ],
)
def test_a_break_up_is_said_as_the_writer_told_it(text, expected):
    [loss] = losses_in(text)[:1]
    assert loss.kind == "breakup" and acknowledge(loss, text).startswith(expected)


@pytest.mark.parametrize(
    "text, who",
    [
        ("Breast cancer. Stage two.", None),
        ("My bloods came back: chronic liver disease.", None),
        ("The doctors say he has bowel cancer.", None),
        ("Doctor tell me I have Parkinson.", None),
        ("My wife's been diagnosed with motor neurone disease.", "wife"),
        ("my best friend told me she has stage 4 lung cancer", "friend"),
        ("They found a tumour on my liver.", None),
        ("Our baby boy has a heart defect.", "baby boy"),
    ],
)
def test_a_diagnosis_told_in_few_or_non_native_words_is_found(text, who):
    [loss] = losses_in(text)[:1]
    assert (loss.kind, loss.who) == ("diagnosis", who)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("My wife lost her job today.", "I'm sorry about your wife's job."),
        ("They made me redundant after nine years.", "I'm sorry about your job."),
        ("Sacked. For being ill.", "I'm sorry about your job."),
        ("Our company went into administration on Friday.", "I'm sorry about your job."),
        ("After the restructure my role no longer exists.", "I'm sorry about your job."),
        ("We closed the restaurant for good last night.", "I'm sorry about your job."),
    ],
)
def test_losing_work_told_in_other_words_is_a_job_loss(text, expected):
    [loss] = losses_in(text)[:1]
    assert loss.kind == "job" and acknowledge(loss, text).startswith(expected)


@pytest.mark.parametrize(
    "text",
    ["The scan showed no heartbeat at nine weeks.", "Today would have been our due date.",
     "The pregnancy isn't viable, they said."],
)
def test_a_pregnancy_loss_told_by_what_the_scan_showed_is_found(text):
    assert [loss.kind for loss in losses_in(text)][:1] == ["miscarriage"]


@pytest.mark.parametrize(
    "text",
    [
        "My sister hasn't spoken to me since this morning lol.",
        "We lost the dog in the park for ten minutes, found him by the pond.",
        "I failed to see the point of the meeting.",
        "Our flat flooded a bit when the washing machine leaked but it's fine now.",
        "I was hit by how beautiful the sunset was.",
        "Lost my job application in the post so I had to resend it.",
        "Laptop finally gave up the ghost, need a new one.",
        "The shop on the high street closed down.",
        "Heard on the radio that a famous singer passed away.",
        "I'm terrified my landlord will kick us out.",
        "My son failed his spelling test but he doesn't care.",
        "I quit my job to go travelling.",
        "Finally evicted the wasps from the loft.",
    ],
)
def test_lookalikes_of_the_new_losses_are_no_loss(text):
    assert losses_in(text) == []


def test_a_lost_baby_is_acknowledged_once_as_a_pregnancy_loss():
    from bot.explore.loss_words import acknowledge_all

    text = "my wife lost our baby on sunday"
    losses = losses_in(text)
    assert [loss.kind for loss in losses] == ["miscarriage"]
    assert "death" not in acknowledge_all(losses, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("My brother cut me off after the funeral of our mum.", "I'm so sorry"),
        ("We were evicted today and we're at my cousin's.", "I'm so sorry about your home."),
        ("Failed my driving test for the second time.", "I'm sorry about your driving test."),
    ],
)
def test_a_first_message_of_a_new_kind_is_acknowledged_before_anything_else(repo, text, expected):
    from bot.explore.journal import ExploreState, JournalSession

    reply = JournalSession(repo, "first-message").turn(text, "share", ExploreState())
    first = reply.messages[0][0]
    assert first.startswith(expected)
    assert "?" not in first.split(".")[0]


@pytest.mark.parametrize(
    "text",
    ["my dad was with my grandad when he died", "Rex the spaniel outlived my uncle, and then he died at fifteen."],
)
def test_when_he_or_she_could_be_either_of_two_nobody_is_named(text):
    [loss] = losses_in(text)
    assert loss.who is None and acknowledge(loss, text).startswith("I'm so sorry for your loss.")


@pytest.mark.parametrize(
    "text",
    [
        "The bouncer kicked me out of the pub for being too loud lol.",
        "My mum kicked me out of the kitchen so she could finish the cake.",
        "I lost everything in the game when the server crashed.",
        "We were told not to come in today because of the snow.",
        "My little brother held me down and tickled me until I cried laughing.",
        "We talked about the attack on the castle in the last episode for hours.",
        "I didn't get into the club last night, the queue was massive.",
        "My score on Wordle was not enough to beat Dad.",
        "Got the chop at the hairdresser, very short now.",
        "I went no contact with caffeine for a week.",
        "Dad's been dead tired all week after the night shifts.",
        "He's dead to me after what he said at the party.",
        "Mum's cancer check came back all clear!",
        "I missed it by one point in the pub quiz.",
        "Lost my job lanyard again.",
        "My cat passed out in the sun on the windowsill.",
        "We buried my brother in sand at the beach.",
        "I failed my New Year's resolution already.",
        "It's a tumour charity run next week, come along.",
        "The door locked me in the bathroom for a minute, scary.",
        "She ended it with a joke and everyone laughed.",
        "My colleague's contract wasn't renewed, I feel bad for her.",
        "I failed the test run of the new software.",
        "My sister and I haven't spoken since Friday, we're both so busy.",
        "My dog got hit by a car door but he's fine.",
        "My son got his diagnosis of dyslexia today.",
        "Kicked me in the shin by accident at five-a-side.",
    ],
)
def test_everyday_lookalikes_are_no_loss(text):
    assert losses_in(text) == []


def test_passed_over_in_the_night_is_a_death():
    [loss] = losses_in("Mum rang to say Uncle Des had passed over in the night.")
    assert (loss.kind, loss.who) == ("death", "Des")


@pytest.mark.parametrize(
    "text, who",
    [
        ("Dear Dad, it's a year today since you died. I still talk to you.", "dad"),
        ("miss u nan. 3 months since u passed and i still ring ur number", "nan"),
        ("I miss you, Sam. Since you died nothing is the same.", "Sam"),
        ("Since you died I can't sleep.", None),
    ],
)
def test_a_death_written_to_the_one_who_died_names_them(text, who):
    [loss] = losses_in(text)
    assert (loss.kind, loss.who) == ("death", who)


@pytest.mark.parametrize(
    "text, who",
    [
        ("my brother's been gone three months now. the inquest is next week.", "brother"),
        ("It was Jo's birthday today and she's not here to have it. A year since the crash.", "Jo"),
        ("Nan left us on Sunday, peacefully, with all of us around her bed.", "nan"),
    ],
)
def test_gone_and_left_us_are_a_death_beside_another_word_of_death(text, who):
    [loss] = losses_in(text)[:1]
    assert (loss.kind, loss.who) == ("death", who)


@pytest.mark.parametrize(
    "text",
    ["My flatmate's been gone two weeks on holiday and it's so quiet.", "Dad left us when I was six and I don't miss him.",
     "She's not here to see it but I'm sure she'd be proud."],
)
def test_gone_and_left_us_alone_are_no_death(text):
    assert losses_in(text) == []


def test_someone_away_for_the_day_is_no_death_beside_a_death_told_of_another():
    text = "Dad's not here for Christmas, he's working. My friend's grandad died though."
    assert [(loss.kind, loss.who) for loss in losses_in(text)] == [("death", "grandad")]


@pytest.mark.parametrize(
    "text, kind, who",
    [
        ("Gerald has Parkinson's.", "diagnosis", "Gerald"),
        ("Sue told me she has Crohn's.", "diagnosis", "Sue"),
        ("The nurse said he didn't make it.", "death", None),
        ("Doctor told me she has cancer.", "diagnosis", None),
    ],
)
def test_an_illness_written_with_a_capital_is_found_and_a_doctor_is_never_taken_for_who(text, kind, who):
    [loss] = losses_in(text)
    assert (loss.kind, loss.who) == (kind, who)


def test_a_marriage_ending_told_in_a_second_languages_tenses_is_a_loss():
    [loss] = losses_in("My wife Lúcia she leave me in september. After 30 years of marriage.")
    assert loss.kind == "breakup"
    assert losses_in("Now we only talk about the papers of divorce.")
    assert not losses_in("she leave me a message every morning")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("last month the new owners sack me from my job without a reason", "job"),
        ("my boss fire me on tuesday", "job"),
        ("we lost a resident on the night shift, she was 96", "death"),
        ("one of my patients passed away before his family arrived", "death"),
    ],
)
def test_a_job_lost_in_plain_words_and_a_patient_who_died_are_losses(text, kind):
    assert [loss.kind for loss in losses_in(text)][:1] == [kind]


@pytest.mark.parametrize("text", ["I lost patience with the printer", "the patient in bed 4 is improving"])
def test_patience_and_patients_who_recover_are_no_loss(text):
    assert not losses_in(text)


def test_going_into_a_home_or_being_left_with_the_work_is_no_loss():
    from bot.explore.loss import losses_in

    assert losses_in("since dad went into the nursing home the flat feels empty") == []
    assert losses_in("my brother left me doing all the paperwork again") == []
    assert [loss.kind for loss in losses_in("since gran went, christmas is not the same")] == ["death"]


@pytest.mark.parametrize(
    "text, kind, said",
    [
        # a pet's death in lower case, told as what the vet did
        ("rolo died. they put him down yesterday at the vets and i held his paw", "pet", "your pet"),
        # a marriage parting told as papers signed
        ("Sam and I signed our separation agreement this morning. Nineteen years.", "breakup", "the separation"),
        # a diagnosis told by the condition's name alone, or its stage beside a word of cancer care
        ("Saw the cardiologist on Monday. Atrial fibrillation. Tablets for life now.", "diagnosis", "the diagnosis"),
        ("The oncologist said stage 3b and my brain just switched off.", "diagnosis", "the diagnosis"),
    ],
)
def test_losses_told_without_the_usual_words_are_acknowledged(text, kind, said):
    found = losses_in(text)
    assert [loss.kind for loss in found][:1] == [kind]
    assert said in acknowledge(found[0], text)


@pytest.mark.parametrize(
    "text",
    [
        "my manager puts me down in every meeting and they put her down too",
        "we are at stage 3 of the kitchen build and I'm shattered",
        "the puppy has separation anxiety and chews everything",
        "we separated the recycling from the rubbish today",
    ],
)
def test_the_same_words_in_everyday_sense_are_no_loss(text):
    assert losses_in(text) == []
