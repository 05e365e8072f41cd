"""The exercise checker: right answers pass, typical slips get their own hint, nothing raises."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlelib.exercises import Exercise, Mistake, check, exercise, feedback, load_key

NOT_YET = "✗ not yet:"

LOGLIK = Exercise(
    key="00-loglik", question="A log-likelihood, to 4 decimals.", answer=-931.240895,
    decimals=4, right="log-likelihoods add.", otherwise="sum the log-densities.",
    mistakes=(Mistake(-232.810224, "that is one copy of the data."),
              Mistake(0.0, "that is the likelihood, which underflowed.")))
SMALL = Exercise(
    key="00-small", question="A likelihood, to 5 significant digits.", answer=2.9724e-54,
    significant=5, right="tiny but not zero.", otherwise="multiply the densities.",
    mistakes=(Mistake(4.2035e-54, "sqrt(pi sigma^2) instead of sqrt(2 pi sigma^2)."),))
LINE = Exercise(
    key="00-line", question="Slope and intercept, 4 decimals.", answer=(1.10183, 2.54052),
    decimals=4, names=("slope", "intercept"), right="the MAP line.", otherwise="solve it.",
    mistakes=(Mistake((1.1719, 1.6628), "that penalises the intercept too."),))
CHOICE = Exercise(
    key="00-choice", question="Which wins at p = 0.9?", answer="MLE",
    choices=("MLE", "MAP", "posterior mean"), right="the prior pulls towards 0.5.",
    otherwise="compare the three risks at p = 0.9.",
    mistakes=(Mistake("posterior mean", "that one wins in the middle, not at 0.9."),))
MALFORMED = [..., None, "abc", "-931.2409", b"1", True, {}, {1}, {"a": 1.0}, frozenset(),
             range(3), [1.0, 2.0, 3.0], [],
             np.nan, np.inf, -np.inf, 1 + 2j, object(), [["1"]], [[1, 2], [3]], print]


def test_the_reference_and_its_rounding_are_right():
    assert feedback(LOGLIK, -931.240895).startswith("✓ -931.2409 is right: log-likelihoods add.")
    assert feedback(LOGLIK, -931.2409).startswith("✓")
    assert feedback(LOGLIK, np.float32(-931.2409)).startswith("✓")
    assert feedback(LOGLIK, np.array([-931.2409])).startswith("✓")
    assert feedback(SMALL, 2.97241e-54).startswith("✓ 2.9724e-54 is right")
    assert feedback(LINE, [1.1018, 2.5405]).startswith("✓ (1.1018, 2.5405) is right")
    assert feedback(CHOICE, "  mle ").startswith("✓")


def test_the_precision_asked_for_is_the_tolerance():
    assert feedback(LOGLIK, -931.2408).startswith(NOT_YET)  # one unit in the 4th decimal
    assert feedback(SMALL, 2.9726e-54).startswith(NOT_YET)
    assert feedback(LINE, (1.1018, 2.5412)).startswith(NOT_YET)


def test_a_listed_mistake_gets_its_own_hint():
    assert feedback(LOGLIK, -232.8102) == f"{NOT_YET} that is one copy of the data."
    assert feedback(LOGLIK, 0.0) == f"{NOT_YET} that is the likelihood, which underflowed."
    assert feedback(SMALL, 4.2035e-54).endswith("instead of sqrt(2 pi sigma^2).")
    assert feedback(LINE, (1.1719, 1.6628)).endswith("penalises the intercept too.")
    assert feedback(CHOICE, "Posterior Mean").endswith("not at 0.9.")


RISKS = Exercise(
    key="00-risks", question="Three risks, 5 decimals.", answer=(0.016, 0.0136111, 0.0155102),
    decimals=5, names=("MLE", "MAP", "posterior mean"), right="r", otherwise="drag p.",
    mistakes=(Mistake((0.009, 0.0106944, 0.0176531), "that is p = 0.9."),))
SHARE = Exercise(
    key="00-share", question="A share, 2 decimals.", answer=0.9, decimals=2, right="r",
    otherwise="count the steep slopes.", mistakes=(Mistake(0.45, "one side only."),))
EXACT = Exercise(
    key="00-exact", question="An exact risk, 5 decimals.", answer=0.0156944, decimals=5,
    right="r", otherwise="sum over k.", quantity="the risk",
    exact="the sum over k = 0..10 with binomial weights",
    mistakes=(Mistake(0.0145833, "that is the variance."),))


def test_slips_any_numeric_exercise_can_show_are_named():
    assert "sign" in feedback(LOGLIK, 931.2409)
    assert "wrong order: give (slope, intercept)" in feedback(LINE, (2.5405, 1.1018))
    assert "not to 4 decimals" in feedback(LOGLIK, -931.2411)


def test_the_sign_hint_names_the_quantity_asked_not_the_nll():
    assert feedback(EXACT, -0.0156944) == (
        f"{NOT_YET} the sign is wrong: the risk is positive here; check each minus sign on the way.")
    assert "the value asked for is negative" in feedback(LOGLIK, 931.2409)
    assert "NLL" not in feedback(LOGLIK, 931.2409)


@pytest.mark.parametrize("order", [(2, 1, 0), (1, 0, 2), (0, 2, 1), (1, 2, 0)])
def test_the_right_numbers_in_any_order_are_named_for_any_length(order):
    line = feedback(RISKS, [RISKS.answer[i] for i in order])
    assert line == f"{NOT_YET} the right numbers in the wrong order: give (MLE, MAP, posterior mean) in that order."


@pytest.mark.parametrize("given", [{"MLE": 0.016, "MAP": 0.01361, "posterior mean": 0.01551},
                                   {0.016, 0.01361, 0.01551}, [0.016, [0.01361, 0.01551]],
                                   "0.016, 0.01361, 0.01551"])
def test_a_dict_or_another_container_names_the_expected_form(given):
    line = feedback(RISKS, given)
    if isinstance(given, str):
        assert "no quotes" in line
    else:
        assert "give the 3 numbers (MLE, MAP, posterior mean) as a list or tuple" in line, line
    assert "give one number" in feedback(LOGLIK, {"a": 1.0})


def test_a_percent_for_a_share_gets_its_own_hint():
    assert "percent" in feedback(SHARE, 90) and "0.90 rather than 90.00" in feedback(SHARE, 90)
    assert "percent" not in feedback(LOGLIK, -93124.09)      # not a share


def test_an_answer_rounded_to_fewer_digits_is_told_so():
    assert feedback(LOGLIK, -931.24) == (
        f"{NOT_YET} that is the answer rounded to 2 decimals; give it to 4 decimals.")
    assert "rounded to 3 significant digits; give it to 5" in feedback(SMALL, 2.97e-54)


@pytest.mark.parametrize(("given", "method"), [
    (-931.2411, False), (-931.2406, False),          # 2-3 units in the 4th decimal: rounding
    (-931.2450, True), (-925.0, True), (-1000.0, True),
])
def test_close_is_only_a_few_units_in_the_last_digit_anything_farther_is_a_method_slip(
        given, method):
    line = feedback(LOGLIK, given)
    assert (line == f"{NOT_YET} sum the log-densities.") is method, line
    assert ("round only the final answer" in line) is not method, line


def test_the_issue_examples_are_method_slips_not_rounding():
    # 06-slope-sd answered with the prior's tau; 10-line-largest-eta with 2 / (H_a + H_b)
    slope_sd, eta = exercise("06-slope-sd"), exercise("10-line-largest-eta")
    for line in (feedback(slope_sd, 0.04), feedback(eta, 2 / (117.89 + 80.0))):
        assert line.startswith(NOT_YET) and "close" not in line and "round" not in line, line
    assert "round only" in feedback(slope_sd, 0.03801)


def test_a_simulated_estimate_of_an_exact_value_is_told_simulation_error():
    line = feedback(EXACT, 0.01573)                   # a 100 000-draw estimate, 2 % off
    assert "simulation error" in line and "the sum over k = 0..10" in line
    assert "round" not in line
    assert "simulation error" in feedback(EXACT, 0.01571)   # 2 units: either, both named
    assert "simulation" not in feedback(LOGLIK, -931.25)     # no simulation route here


def test_an_unknown_wrong_answer_gets_the_exercise_hint():
    assert feedback(LOGLIK, 12.0) == f"{NOT_YET} sum the log-densities."
    assert feedback(CHOICE, "MAP") == f"{NOT_YET} compare the three risks at p = 0.9."


@pytest.mark.parametrize("given", MALFORMED, ids=repr)
@pytest.mark.parametrize("ex", [LOGLIK, LINE, CHOICE], ids=lambda e: e.key)
def test_a_malformed_answer_is_explained_not_raised(ex, given):
    line = feedback(ex, given)
    assert line.startswith(NOT_YET) and "\n" not in line
    assert len(line) > len(NOT_YET) + 10


@pytest.mark.parametrize(("given", "words"), [
    (..., "replace the ..."), (None, "None"), ("-931.2409", "no quotes"),
    ([1.0, 2.0, 3.0], "one number"), (np.nan, "NaN"), (-np.inf, "log of 0"),
    (True, "truth value"), (1 + 2j, "complex"),
])
def test_malformed_answers_are_named_in_plain_words(given, words):
    assert words in feedback(LOGLIK, given)


def test_the_wrong_number_of_values_names_what_is_expected():
    assert "expected 2 numbers (slope, intercept), got 1" in feedback(LINE, 1.1)


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(), st.none(),
                 st.lists(st.floats(), max_size=4), st.integers(), st.booleans(),
                 st.complex_numbers(), st.tuples(st.floats(), st.text())))
def test_feedback_is_always_one_line_and_never_raises(given_value):
    for ex in (LOGLIK, SMALL, LINE, CHOICE):
        line = feedback(ex, given_value)
        assert "\n" not in line and line.startswith(("✓", NOT_YET))


def test_check_prints_exactly_one_line(capsys, monkeypatch):
    key = {"00-loglik": LOGLIK}
    monkeypatch.setattr("mlelib.exercises.load_key", lambda: key)
    check("00-loglik", ...)
    assert capsys.readouterr().out.count("\n") == 1


def test_an_unknown_exercise_is_a_clear_error():
    with pytest.raises(KeyError, match="no exercise 'nope'"):
        exercise("nope")


@pytest.mark.parametrize("bad", [{"decimals": None}, {"decimals": 2, "significant": 3},
                                 {"right": ""}, {"otherwise": ""}])
def test_an_exercise_without_a_precision_or_hint_is_refused(bad):
    fields = {"key": "x", "question": "q", "answer": 1.0, "decimals": 2, "right": "r",
              "otherwise": "o"}
    with pytest.raises(ValueError):
        Exercise(**{**fields, **bad})


def test_a_choice_answer_must_be_among_the_choices():
    with pytest.raises(ValueError, match="one of choices"):
        Exercise(key="x", question="q", answer="median", choices=("mean", "mode"),
                 right="r", otherwise="o")


# ---------------------------------------------------------------- every exercise of the key

KEY = load_key()


@pytest.mark.parametrize("key", sorted(KEY))
def test_every_exercise_accepts_its_reference(key):
    ex = KEY[key]
    assert feedback(ex, ex.answer).startswith("✓")


@pytest.mark.parametrize("key", sorted(KEY))
def test_every_exercise_names_at_least_two_mistakes_each_with_its_hint(key):
    ex = KEY[key]
    assert len(ex.mistakes) >= 2, f"{key}: list at least two typical mistakes"
    for mistake in ex.mistakes:
        assert feedback(ex, mistake.value) == f"{NOT_YET} {mistake.hint}", (key, mistake)


@pytest.mark.parametrize("key", sorted(KEY))
def test_every_exercise_explains_malformed_answers(key):
    for given_value in MALFORMED:
        line = feedback(KEY[key], given_value)
        assert line.startswith(NOT_YET) and "\n" not in line, (key, given_value)


@pytest.mark.parametrize("key", sorted(k for k in KEY if KEY[k].choices))
def test_every_wrong_choice_of_a_choice_item_has_its_own_hint(key):
    ex = KEY[key]
    listed = {" ".join(str(m.value).lower().split()) for m in ex.mistakes}
    wrong = {" ".join(c.lower().split()) for c in ex.choices} - {ex.answer.lower()}
    assert wrong <= listed, f"{key}: no hint for the choices {sorted(wrong - listed)}"
