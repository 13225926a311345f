"""The balanced-thought scaffold is built from the person's own words."""
from bot.cbt.scaffold import alternative_scaffold, is_skipped, scaffold_sentence


def test_builds_although_sentence_from_both_sides() -> None:
    text = alternative_scaffold(
        "My boss thinks I'm useless.",
        "She frowned during my presentation.",
        "She asked me to lead the next one!",
    )
    assert '"Although she frowned during my presentation, she asked me to lead the next one."' in text
    assert "Change any words" in text


def test_keeps_pronouns_and_names_as_written() -> None:
    text = alternative_scaffold(
        "Sarah hates me",
        "Sarah didn't reply to my text for two days; she usually replies fast.",
        "We had lunch last week and Sarah laughed a lot",
    )
    assert "Although Sarah didn't reply to my text for two days, we had lunch last week and Sarah laughed a lot." in text


def test_i_stays_capitalised() -> None:
    text = alternative_scaffold("I'm a failure", "I failed the mock exam.", "I passed the last three tests.")
    assert "Although I failed the mock exam, I passed the last three tests." in text


def test_takes_first_sentence_and_first_clause() -> None:
    text = alternative_scaffold(
        "I'm going to fail",
        "I failed the mock. I also didn't revise at all.",
        "My teacher said I'm improving - but she says that to everyone.",
    )
    assert "Although I failed the mock, my teacher said I'm improving." in text
    assert "revise" not in text and "everyone" not in text


def test_very_long_evidence_is_capped_at_a_natural_break() -> None:
    long_for = (
        "My GP said my bloods were off, and honestly I have been feeling rubbish about it "
        "for weeks and weeks and I keep thinking about it when I go to bed and when I wake up"
    )
    text = alternative_scaffold("Something is seriously wrong", long_for, "The GP said it's common.")
    assert "Although my GP said my bloods were off, the GP said it's common." in text


def test_missing_evidence_against_asks_instead_of_inventing() -> None:
    text = alternative_scaffold("I'm going to fail", "I failed the mock exam.", "skip")
    assert "?" in text
    assert '"Although I failed the mock exam, ..."' in text
    assert "I'm going to fail" in text


def test_missing_evidence_for_uses_the_thought() -> None:
    text = alternative_scaffold("I'm going to fail.", "idk", "I passed the last three tests")
    assert '"Although part of me thinks I\'m going to fail, I passed the last three tests."' in text


def test_no_evidence_at_all_asks_a_question_from_the_thought() -> None:
    text = alternative_scaffold("Nobody likes me.", None, "   ")
    assert '"Nobody likes me"' in text
    assert text.count("?") >= 1
    assert "Although part of me thinks nobody likes me, ..." in text


def test_skip_words() -> None:
    for skip in ["skip", "Skip.", "", None, "I don't know", "nothing", "n/a", "-"]:
        assert is_skipped(skip), skip
    for real in ["No one replied", "Nothing went wrong at all last time"]:
        assert not is_skipped(real), real


def test_sentence_alone_for_a_button_payload() -> None:
    from bot.cbt.scaffold import scaffold_sentence

    assert scaffold_sentence("I'm useless", "I forgot the slides.", "The client signed anyway.") == (
        "Although I forgot the slides, the client signed anyway."
    )
    assert scaffold_sentence("I'm useless", "I forgot the slides.", "skip") is None


def test_no_canned_platitudes() -> None:
    text = alternative_scaffold("I'm useless", "I forgot the slides", "The client signed anyway")
    for stock in ["everyone makes mistakes", "you are enough", "be kind to yourself", "it will be okay"]:
        assert stock not in text.lower()


def test_fillers_around_the_evidence_stay_out_of_the_draft() -> None:
    sentence = scaffold_sentence(
        "Everyone hates me",
        "um well i guess that she didnt reply to my text lol",
        "ok so basically my sister called me yesterday haha",
    )
    assert sentence == "Although she didnt reply to my text, my sister called me yesterday."


def test_words_that_carry_meaning_are_kept() -> None:
    sentence = scaffold_sentence("Everyone hates me", "so many people ignored me", "like my friend, my dog was glad to see me")
    assert sentence == "Although so many people ignored me, like my friend, my dog was glad to see me."


def test_evidence_written_as_a_list_gives_one_piece_from_each_side() -> None:
    sentence = scaffold_sentence(
        "im going to fail chem",
        "i couldnt do q4, i got 48% on the mock, i skipped lunch to revise and still didnt get it",
        "i passed chem last year with a B, my teacher said my lab work was good",
    )
    assert sentence == "Although i couldnt do q4, i passed chem last year with a B."


def test_without_evidence_against_the_evidence_for_is_quoted_as_written() -> None:
    text = alternative_scaffold("im a terrible mother", "he barely talks to me anymore, he slammed the door", None)
    assert text.startswith('You wrote "he barely talks to me anymore".')


def test_no_clue_as_the_evidence_against_is_no_evidence() -> None:
    assert is_skipped("no clue honestly") and is_skipped("idk tbh")
    assert scaffold_sentence("she hates me", "she ignored me", "no clue honestly") is None
