"""Reading named, rated feelings and re-ratings from one answer."""
import pytest

from bot.cbt.emotions import feeling_family, parse_emotions, parse_rerating


@pytest.mark.parametrize(
    "text, expected",
    [
        ("anxious 80, sad 60", [("anxious", 80), ("sad", 60)]),
        ("really anxious, maybe 90", [("anxious", 90)]),
        ("embarrassed 70 and ashamed about 50%", [("embarrassed", 70), ("ashamed", 50)]),
        ("anxiety 8/10", [("anxiety", 80)]),
        ("Anxious 80%, SAD 6/10", [("anxious", 80), ("sad", 60)]),
        ("80% anxious, 60% sad", [("anxious", 80), ("sad", 60)]),
        ("anxious 8/10 sad 6/10", [("anxious", 80), ("sad", 60)]),
        ("anxious 80, 60 sad", [("anxious", 80), ("sad", 60)]),
        ("nervous, about seventy five", [("nervous", 75)]),
        ("I feel so stressed out, like 95", [("stressed out", 95)]),
        ("let down 40, left out 30", [("let down", 40), ("left out", 30)]),
        ("sad and anxious, both 70", [("sad", 70), ("anxious", 70)]),
        ("not angry, just sad 60", [("sad", 60)]),
        ("meh 40", [("meh", 40)]),
    ],
)
def test_reads_feelings_with_ratings(text: str, expected: list) -> None:
    result = parse_emotions(text)
    assert result.emotions == expected
    assert result.problem is None and result.complete


def test_feeling_without_rating_asks_for_it() -> None:
    result = parse_emotions("angry")
    assert result.emotions == [("angry", None)]
    assert result.problem is not None
    assert "angry" in result.problem and "0 to 100" in result.problem
    assert not result.complete


def test_several_unrated_feelings_are_asked_together() -> None:
    result = parse_emotions("completely overwhelmed and hopeless")
    assert result.emotions == [("overwhelmed", None), ("hopeless", None)]
    assert "overwhelmed" in result.problem and "hopeless" in result.problem


def test_out_of_range_rating_names_the_feeling() -> None:
    result = parse_emotions("anxious 150, sad 40")
    assert result.emotions == [("anxious", None), ("sad", 40)]
    assert result.problem.startswith("For anxious: 150 is above 100.")


def test_same_feeling_twice_is_kept_once() -> None:
    assert parse_emotions("anxious 80, anxiety 70").emotions == [("anxious", 80)]


def test_number_without_a_feeling_asks_which_feeling() -> None:
    result = parse_emotions("80")
    assert result.emotions == []
    assert "Which feeling" in result.problem


def test_nothing_recognisable() -> None:
    result = parse_emotions("")
    assert result.emotions == [] and "anxious 70" in result.problem


def test_as_records_matches_export_shape() -> None:
    records = parse_emotions("sad 60").as_records()
    assert records == [{"name": "sad", "before": 60, "after": None}]


def test_lexicon_families() -> None:
    assert feeling_family("Anxiety") == feeling_family("anxious") == "anxious"
    assert feeling_family("worn out") == "tired"
    assert feeling_family("table") is None


@pytest.mark.parametrize(
    "text, names, expected",
    [
        ("anxious 40, sad 30", ["anxious", "sad"], {"anxious": 40, "sad": 30}),
        ("sad 30, anxious 40", ["anxious", "sad"], {"anxious": 40, "sad": 30}),
        ("40, 30", ["anxious", "sad"], {"anxious": 40, "sad": 30}),
        ("40 and 3/10", ["anxious", "sad"], {"anxious": 40, "sad": 30}),
        ("40 30", ["anxious", "sad"], {"anxious": 40, "sad": 30}),
        ("40", ["anxious"], {"anxious": 40}),
        ("maybe forty now", ["anxious"], {"anxious": 40}),
        ("anxiety 40", ["anxious"], {"anxious": 40}),
        ("anxious 20", ["anxiety"], {"anxiety": 20}),
    ],
)
def test_rerating(text: str, names: list, expected: dict) -> None:
    result = parse_rerating(text, names)
    assert result.as_dict() == expected
    assert result.complete, result.problem


def test_rerating_keeps_name_order_and_asks_for_the_missing_one() -> None:
    result = parse_rerating("sad 30", ["anxious", "sad"])
    assert result.ratings == [("anxious", None), ("sad", 30)]
    assert "anxious" in result.problem and not result.complete


def test_rerating_count_mismatch_explains() -> None:
    result = parse_rerating("40", ["anxious", "sad"])
    assert not result.complete
    assert "1 number for 2 feelings" in result.problem


def test_rerating_out_of_range() -> None:
    result = parse_rerating("150, 20", ["anxious", "sad"])
    assert not result.complete
    assert result.problem.startswith("For anxious: 150 is above 100.")


def test_misspelt_feelings_with_ratings_in_words_or_out_of_ten_are_all_read():
    result = parse_emotions("shamful loads, about eighty. and nervus maybe 6 out of 10. plus a bit frustated with myself")
    names = [e.name for e in result.emotions]
    assert names == ["ashamed", "nervous", "frustrated"]
    assert [e.rating for e in result.emotions][:2] == [80, 60]
    assert "frustrated" in result.problem


def test_a_feeling_left_out_at_the_start_and_rated_at_re_rating_is_added():
    result = parse_rerating("sad is lower now, 20. you missed my guilt and nervus! guilt maybe fifty now, nervous 3 out of 10",
                            ["sad"])
    assert result.complete
    assert result.as_dict() == {"sad": 20, "guilt": 50, "nervous": 30}
    assert [e.name for e in result.added] == ["guilt", "nervous"]
