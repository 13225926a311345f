"""A move that gives back what the reflection already said is said once, not twice."""
from bot.explore.journal import _says_again


def test_a_line_that_repeats_the_reflection_is_recognised():
    reflection = "You wrote that your husband has been patient, and also that Greg lives far away."
    assert _says_again(reflection, "Your husband has been patient, and at the same time it wears on him.")
    assert not _says_again(reflection, "I wonder if there's some loneliness in that, too.")
