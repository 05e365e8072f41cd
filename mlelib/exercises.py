r"""Exercises with feedback at once: compare a learner's answer with the answer key.

Every exercise of the course is one entry of ``answer_key.toml`` (beside this module):
the question, the reference answer and how precisely it must be given, and a table of
*mistakes*, each a value a typical slip produces (the likelihood instead of the
log-likelihood, a sum instead of a mean, :math:`\sqrt{\pi\sigma^2}` instead of
:math:`\sqrt{2\pi\sigma^2}`, ``n`` instead of ``n - 1``, the wrong data set...) and the
hint that names it.  A teacher reviews the whole key in that one file; the tests
recompute every value in it from :mod:`mlelib`.

A notebook asks, the learner writes ``answer = ...``, and :func:`check` prints exactly
one line: ``✓`` and why when the answer is right, otherwise ``✗ not yet:`` and a hint.
It never raises on what the learner gives (the scaffold's ``...``, ``None``, a string, a
list of the wrong length, NaN): it says in plain words what is wrong with it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

__all__ = ["Exercise", "Mistake", "check", "exercise", "feedback", "is_right", "load_key"]

RIGHT = "✓"
NOT_YET = "✗ not yet:"


@dataclass(frozen=True)
class Mistake:
    """A wrong answer a typical slip produces, and the hint that names the slip."""

    value: float | tuple[float, ...] | str
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One exercise of the answer key.

    Parameters
    ----------
    key : str
        Its name, ``"<notebook number>-<short name>"`` (``"02-tiled"``).
    question : str
        What is asked, in one sentence (for the teacher's review).
    answer : float, tuple of float, or str
        The reference answer: a number, several numbers (``names`` says which), or one
        of ``choices``.
    right : str
        Shown after ``✓``: what the right answer confirms.
    otherwise : str
        The hint for a wrong answer that matches no listed mistake.
    mistakes : tuple of Mistake
        Typical wrong answers and their hints.
    decimals, significant : int, optional
        How precisely a number must be given: to ``decimals`` decimal places (absolute
        tolerance :math:`\tfrac12 10^{-d}`) or to ``significant`` significant digits
        (relative tolerance :math:`\tfrac12 10^{1-s}`).  Exactly one for numbers.
    names : tuple of str
        For several numbers, what each one is (``("slope", "intercept")``).
    choices : tuple of str
        For a choice, the options (compared without case and surrounding spaces).
    """

    key: str
    question: str
    answer: float | tuple[float, ...] | str
    right: str
    otherwise: str
    mistakes: tuple[Mistake, ...] = ()
    decimals: int | None = None
    significant: int | None = None
    names: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()

    def __post_init__(self):
        if self.choices:
            if _normalise(self.answer) not in {_normalise(c) for c in self.choices}:
                raise ValueError(f"{self.key}: answer must be one of choices")
        elif (self.decimals is None) == (self.significant is None):
            raise ValueError(f"{self.key}: give exactly one of decimals and significant")
        if not self.otherwise or not self.right:
            raise ValueError(f"{self.key}: right and otherwise must not be empty")

    @property
    def size(self) -> int:
        """How many numbers the answer has (1 for a number or a choice)."""
        return len(self.answer) if isinstance(self.answer, tuple) else 1

    def matches(self, given, target) -> bool:
        """Whether the numbers ``given`` equal ``target`` to the precision asked."""
        given, target = np.atleast_1d(given), np.atleast_1d(np.asarray(target, float))
        if self.decimals is not None:
            tolerance = 0.5 * 10.0 ** -self.decimals + 1e-12
            return bool(np.all(np.abs(given - target) <= tolerance))
        tolerance = 0.5 * 10.0 ** (1 - self.significant) * (1 + 1e-9)
        return bool(np.all(np.abs(given - target) <= tolerance * np.abs(target)))

    def show(self, value) -> str:
        """``value`` written with the precision the exercise asks for."""
        if isinstance(value, str):
            return repr(value)
        spec = f".{self.decimals}f" if self.decimals is not None else f".{self.significant - 1}e"
        parts = [format(float(v), spec) for v in np.atleast_1d(value)]
        return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


def _normalise(text) -> str:
    return " ".join(str(text).lower().split())


def _describe_malformed(given, exercise: Exercise) -> str | None:
    """Why ``given`` cannot be read as an answer at all, or None when it can."""
    if given is Ellipsis:
        return "replace the ... with your answer."
    if given is None:
        return ("the answer is None: assign the value itself (a function that only "
                "prints, or that has no return, gives None).")
    if exercise.choices:
        if not isinstance(given, str):
            return f"answer with one of the words {list(exercise.choices)}, in quotes."
        return None
    if isinstance(given, str):
        return (f"the answer is the text {given[:20]!r}; give a number (no quotes), "
                "computed in Python rather than copied.")
    if isinstance(given, (bool, np.bool_)):
        return f"the answer is {given}, a truth value; give a number."
    if isinstance(given, (dict, set)):
        return f"the answer is a {type(given).__name__}; give a number."
    if isinstance(given, complex) or np.iscomplexobj(given):
        return "the answer is a complex number; a log of a negative number somewhere?"
    if any(isinstance(v, (str, bytes)) for v in np.asarray(given, dtype=object).ravel()):
        return "the answer holds text; give numbers (no quotes)."
    try:
        values = np.asarray(given, dtype=float)
    except (TypeError, ValueError):
        return f"the answer is a {type(given).__name__} that does not hold only numbers."
    if values.size != exercise.size:
        return _wrong_size(values.size, exercise)
    if np.isnan(values).any():
        return ("the answer is NaN (not a number): 0/0, inf - inf or the log of a "
                "negative number happened on the way.")
    if np.isinf(values).any():
        return ("the answer is infinite: a log of 0 (did a likelihood underflow to 0.0 "
                "before you took its log? sum log-densities instead), or a division by 0.")
    return None


def _wrong_size(size: int, exercise: Exercise) -> str:
    if exercise.size == 1:
        return (f"expected one number, got {size} values; reduce them to the one asked "
                "for (a sum? a mean? one element?).")
    return f"expected {exercise.size} numbers ({', '.join(exercise.names)}), got {size}."


def _as_answer(given, exercise: Exercise):
    if exercise.choices:
        return _normalise(given)
    values = np.asarray(given, dtype=float).reshape(-1)
    return float(values[0]) if exercise.size == 1 else tuple(float(v) for v in values)


def _same(exercise: Exercise, given, target) -> bool:
    if exercise.choices:
        return given == _normalise(target)
    return exercise.matches(given, target)


def _generic_hint(exercise: Exercise, given) -> str | None:
    """Slips any numeric exercise can show: a sign, an order, rounding too early."""
    if exercise.choices:
        return None
    ref = np.atleast_1d(np.asarray(exercise.answer, float))
    value = np.atleast_1d(given)
    if np.any(ref != 0) and exercise.matches(-value, ref):
        return "the sign is wrong: check each minus sign (NLL = -log-likelihood)."
    if exercise.size == 2 and exercise.matches(value[::-1], ref):
        return f"the two numbers are swapped: give ({', '.join(exercise.names)}) in that order."
    close = np.abs(value - ref) <= (
        0.5 * 10.0 ** (2 - exercise.decimals) if exercise.decimals is not None
        else 0.5 * 10.0 ** (3 - exercise.significant) * np.abs(ref))
    if np.all(close):
        digits = (f"{exercise.decimals} decimals" if exercise.decimals is not None
                  else f"{exercise.significant} significant digits")
        return (f"close, but not to {digits}: round only the final answer, never the "
                "numbers on the way.")
    return None


def feedback(exercise: Exercise, given) -> str:
    """The one line :func:`check` prints for ``given`` (never raises on ``given``)."""
    try:
        return _feedback(exercise, given)
    # an answer no rule foresaw must still get words, not a traceback
    except Exception as error:  # noqa: BLE001
        return (f"{NOT_YET} this answer could not be read ({type(error).__name__}); "
                "give a plain number.")


def _feedback(exercise: Exercise, given) -> str:
    problem = _describe_malformed(given, exercise)
    if problem is not None:
        return f"{NOT_YET} {problem}"
    value = _as_answer(given, exercise)
    if _same(exercise, value, exercise.answer):
        return f"{RIGHT} {exercise.show(exercise.answer)} is right: {exercise.right}"
    for mistake in exercise.mistakes:
        if _same(exercise, value, mistake.value):
            return f"{NOT_YET} {mistake.hint}"
    generic = _generic_hint(exercise, value)
    return f"{NOT_YET} {generic if generic is not None else exercise.otherwise}"


def _from_table(key: str, table: dict) -> Exercise:
    def value(v):
        return tuple(v) if isinstance(v, list) else v

    mistakes = tuple(Mistake(value(m["value"]), m["hint"]) for m in table.get("mistakes", []))
    return Exercise(key=key, question=table["question"], answer=value(table["answer"]),
                    right=table["right"], otherwise=table["otherwise"], mistakes=mistakes,
                    decimals=table.get("decimals"), significant=table.get("significant"),
                    names=tuple(table.get("names", ())), choices=tuple(table.get("choices", ())))


@cache
def load_key() -> dict[str, Exercise]:
    """Every exercise of the course by key, read from ``answer_key.toml``."""
    text = resources.files("mlelib").joinpath("answer_key.toml").read_text(encoding="utf-8")
    return {key: _from_table(key, table) for key, table in tomllib.loads(text).items()}


def exercise(key: str) -> Exercise:
    """The exercise named ``key`` in the answer key."""
    exercises = load_key()
    if key not in exercises:
        raise KeyError(f"no exercise {key!r} in the answer key; there are {sorted(exercises)}")
    return exercises[key]


def check(key: str, answer) -> None:
    """Print one line of feedback on ``answer`` to the exercise ``key``: ✓ or ✗ and a hint."""
    print(feedback(exercise(key), answer))


def is_right(key: str, answer) -> bool:
    """Whether ``answer`` to the exercise ``key`` is right, to the precision asked.

    The same judgement as :func:`check`'s ``✓``, as a truth value for a grader (nbgrader's
    hidden tests assert it).  Never raises on ``answer``: anything that cannot be read as
    an answer is not right.  An unknown ``key`` is the author's slip, not the learner's,
    and raises ``KeyError`` naming it.
    """
    item = exercise(key)
    try:
        if _describe_malformed(answer, item) is not None:
            return False
        return _same(item, _as_answer(answer, item), item.answer)
    # an answer no rule foresaw is not right; it must not stop the grading
    except Exception:  # noqa: BLE001
        return False
