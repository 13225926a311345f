"""The 0-100 rating parser reads natural answers and re-asks kindly otherwise."""
import pytest

from bot.cbt.ratings import parse_rating


@pytest.mark.parametrize(
    "text, expected",
    [
        ("80", 80),
        ("80%", 80),
        ("about 70", 70),
        ("~70", 70),
        ("8/10", 80),
        ("8 out of 10", 80),
        ("eight out of ten", 80),
        ("seventy", 70),
        ("seventy-five", 75),
        ("seventy five", 75),
        ("really anxious, maybe 90", 90),
        ("0", 0),
        ("100", 100),
        ("a 6 out of 10", 60),
        ("half", 50),
        ("fifty-fifty", 50),
        ("50/50", 50),
        ("9.5/10", 95),
        ("75 percent", 75),
        ("75 per cent", 75),
        ("72.5%", 73),
        ("none", 0),
        ("not at all", 0),
        ("completely", 100),
        ("totally", 100),
        ("a hundred", 100),
        ("3 out of 5", 60),
        ("8-ish out of 10", 80),
        ("٨٠", 80),
        ("no one would care, 60", 60),
        ("completely, but let's say 90", 90),
        ("80, yes 80", 80),
    ],
)
def test_reads_natural_answers(text: str, expected: int) -> None:
    result = parse_rating(text)
    assert result.value == expected, result
    assert result.problem is None


def test_bare_small_number_is_literal_with_a_note() -> None:
    result = parse_rating("ten")
    assert result.value == 10
    assert result.note is not None and "say 100" in result.note


def test_above_100_names_the_number_and_gives_an_example() -> None:
    result = parse_rating("150")
    assert result.value is None and result.reason == "above"
    assert result.problem == (
        "150 is above 100. Could you give me a number from 0 to 100? For example, "
        "70 if it's strong but not the strongest you've felt."
    )


@pytest.mark.parametrize(
    "text, reason, shown",
    [
        ("150%", "above", "150%"),
        ("-5", "below", "-5 is below 0"),
        ("11/10", "above", "11 out of 10"),
        ("ten thousand", "above", "10000"),
    ],
)
def test_out_of_range_gets_a_specific_re_ask(text: str, reason: str, shown: str) -> None:
    result = parse_rating(text)
    assert result.value is None
    assert result.reason == reason
    assert shown in result.problem
    assert "0 to 100" in result.problem


@pytest.mark.parametrize("text", ["lots", "", "   ", "😰😰", "I don't know"])
def test_unreadable_answers_ask_again_with_an_example(text: str) -> None:
    result = parse_rating(text)
    assert result.value is None and result.reason == "unreadable"
    assert result.problem.startswith("I couldn't read a number there.")
    assert "For example" in result.problem


@pytest.mark.parametrize(
    "text, expected",
    [("70 or 80", 75), ("70-80", 75), ("70 - 80", 75), ("7-8/10", 75), ("60 to 65%", 63)],
)
def test_ranges_take_the_midpoint_and_say_so(text: str, expected: int) -> None:
    result = parse_rating(text)
    assert result.value == expected
    assert result.note is not None and "halfway" in result.note


def test_two_unrelated_numbers_are_asked_about() -> None:
    result = parse_rating("it was 50 yesterday, 80 now")
    assert result.value is None and result.reason == "ambiguous"
    assert "50" in result.problem and "80" in result.problem


def test_minus_between_numbers_is_not_a_sign() -> None:
    assert parse_rating("anxious - 80").value == 80


def test_result_is_immutable() -> None:
    result = parse_rating("80")
    with pytest.raises(AttributeError):
        result.value = 10  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("right, the scary one, 65", 65), ("that last one is 40", 40), ("which one? the first. 90", 90),
     ("one more thing, 30", 30), ("the worried one, maybe seventy", 70), ("one out of 10", 10), ("one", 1)],
)
def test_one_naming_a_thing_beside_a_rating_is_a_word(text, expected):
    assert parse_rating(text).value == expected
