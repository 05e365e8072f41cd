"""is_right, the grader's view of the answer key: the same judgement as check's ✓, as a bool.

nbgrader's hidden tests assert it (tools/place_solutions.py writes them), so it must agree
with the feedback a learner reads and never stop the grading, whatever the answer is.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlelib.exercises import feedback, is_right, load_key

KEY = load_key()
MALFORMED = [..., None, "abc", b"1", True, {}, {1}, [1.0, 2.0, 3.0], [], np.nan, np.inf,
             1 + 2j, object(), [["1"]], [[1, 2], [3]], print]


@pytest.mark.parametrize("key", sorted(KEY))
def test_the_reference_answer_is_right_and_every_listed_mistake_is_not(key):
    item = KEY[key]
    assert is_right(key, item.answer) is True
    for mistake in item.mistakes:
        assert is_right(key, mistake.value) is False, (key, mistake.value)


@pytest.mark.parametrize("key", sorted(KEY))
def test_an_answer_rounded_as_asked_is_right_and_one_unit_off_is_not(key):
    item = KEY[key]
    if item.choices or item.decimals is None:
        return
    rounded = np.round(np.atleast_1d(np.asarray(item.answer, float)), item.decimals)
    assert is_right(key, rounded if item.size > 1 else float(rounded[0]))
    step = 10.0 ** -item.decimals
    assert not is_right(key, rounded + 1.5 * step if item.size > 1 else rounded[0] + 1.5 * step)


@pytest.mark.parametrize("answer", MALFORMED, ids=repr)
def test_a_malformed_answer_is_not_right_and_does_not_raise(answer):
    for key in KEY:
        assert is_right(key, answer) is False


@given(st.one_of(st.floats(allow_nan=True), st.lists(st.floats(), max_size=4), st.text(),
                 st.integers()))
def test_is_right_agrees_with_the_tick_check_prints(answer):
    for key in ("02-tiled", "03-years-line"):  # one number, two numbers
        assert is_right(key, answer) == feedback(KEY[key], answer).startswith("✓")


def test_an_unknown_key_is_the_authors_slip_and_says_so():
    with pytest.raises(KeyError, match="no-such"):
        is_right("00-no-such", 1.0)
