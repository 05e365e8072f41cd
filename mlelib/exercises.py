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

from .i18n import gettext as _
from .i18n import translated

__all__ = ["Exercise", "Mistake", "check", "exercise", "feedback", "is_right", "load_key"]

RIGHT = "✓"


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
    quantity : str, optional
        What is asked, in a few words ("the log-likelihood"), for the hint on a wrong
        sign; "the value asked for" when empty.
    exact : str, optional
        For an exact value a learner could also estimate by simulation: the exact route
        ("the sum over k with binomial weights"), named by the hint on an answer that
        is off by a simulation's error.
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
    quantity: str = ""
    exact: str = ""

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


def _not_yet() -> str:
    return _("✗ not yet:")


def _from_key(exercise: Exercise, text: str) -> str:  # msgctxt: the exercise's key
    return translated(text, context=exercise.key)


def _names(exercise: Exercise) -> str:  # what each number is, in the course's language
    return ", ".join(_from_key(exercise, name) for name in exercise.names)


def _normalise(text) -> str:
    return " ".join(str(text).lower().split())


def _describe_malformed(given, exercise: Exercise) -> str | None:
    """Why ``given`` cannot be read as an answer at all, or None when it can."""
    if given is Ellipsis:
        return _("replace the ... with your answer.")
    if given is None:
        return _("the answer is None: assign the value itself (a function that only "
                 "prints, or that has no return, gives None).")
    if exercise.choices:
        if not isinstance(given, str):
            return _("answer with one of the words {choices}, in quotes.").format(
                choices=list(exercise.choices))
        return None
    if isinstance(given, str):
        return _("the answer is the text {text}; give a number (no quotes), "
                 "computed in Python rather than copied.").format(text=repr(given[:20]))
    if isinstance(given, (bool, np.bool_)):
        return _("the answer is {value}, a truth value; give a number.").format(value=given)
    if isinstance(given, (dict, set, frozenset)) or not _plain_container(given):
        return _wrong_container(given, exercise)
    try:
        if isinstance(given, complex) or np.iscomplexobj(given):
            return _("the answer is a complex number; a log of a negative number somewhere?")
        if any(isinstance(v, (str, bytes)) for v in np.asarray(given, dtype=object).ravel()):
            return _("the answer holds text; give numbers (no quotes).")
        values = np.asarray(given, dtype=float)
    except (TypeError, ValueError):
        if exercise.size > 1:
            return _wrong_container(given, exercise)
        return _("the answer is a {kind} that does not hold only numbers.").format(
            kind=type(given).__name__)
    if values.size != exercise.size:
        return _wrong_size(values.size, exercise)
    if np.isnan(values).any():
        return _("the answer is NaN (not a number): 0/0, inf - inf or the log of a "
                 "negative number happened on the way.")
    if np.isinf(values).any():
        return _("the answer is infinite: a log of 0 (did a likelihood underflow to 0.0 "
                 "before you took its log? sum log-densities instead), or a division by 0.")
    return None


def _plain_container(given) -> bool:
    """A number, or numbers in a list, tuple or numpy array (nested at most as arrays)."""
    if isinstance(given, (list, tuple)):
        return all(_plain_container(v) for v in given)
    return not hasattr(given, "__len__") or isinstance(given, np.ndarray)


def _wrong_container(given, exercise: Exercise) -> str:
    kind = type(given).__name__
    if exercise.size == 1:
        return _("the answer is a {kind}; give one number.").format(kind=kind)
    if isinstance(given, (set, frozenset)):
        text = _("the answer is a {kind} (a set has no order); give the {count} numbers "
                 "({names}) as a list or tuple, in that order.")
    else:
        text = _("the answer is a {kind}; give the {count} numbers ({names}) as a list or "
                 "tuple, in that order.")
    return text.format(kind=kind, count=exercise.size, names=_names(exercise))


def _wrong_size(size: int, exercise: Exercise) -> str:
    if exercise.size == 1:
        return _("expected one number, got {size} values; reduce them to the one asked "
                 "for (a sum? a mean? one element?).").format(size=size)
    return _("expected {count} numbers ({names}), got {size}.").format(
        count=exercise.size, names=_names(exercise), size=size)


def _as_answer(given, exercise: Exercise):
    if exercise.choices:
        return _normalise(given)
    values = np.asarray(given, dtype=float).reshape(-1)
    return float(values[0]) if exercise.size == 1 else tuple(float(v) for v in values)


def _same(exercise: Exercise, given, target) -> bool:
    if exercise.choices:
        return given == _normalise(target)
    return exercise.matches(given, target)


def _unit(exercise: Exercise, ref: np.ndarray) -> np.ndarray:
    """One unit in the last digit asked for, for each number of the answer."""
    if exercise.decimals is not None:
        return np.full(ref.shape, 10.0 ** -exercise.decimals)
    exponent = np.floor(np.log10(np.where(ref != 0, np.abs(ref), 1.0)))
    return 10.0 ** (exponent + 1 - exercise.significant)


def _rounded(exercise: Exercise, ref: np.ndarray, digits: int) -> np.ndarray:
    """``ref`` rounded to ``digits`` decimals, or to ``digits`` significant digits."""
    if exercise.decimals is not None:
        return np.round(ref, digits)
    return np.array([float(f"{r:.{digits - 1}e}") for r in ref])


def _precision(exercise: Exercise, digits: int | None = None) -> str:
    if exercise.decimals is not None:
        return _("{count} decimals").format(
            count=exercise.decimals if digits is None else digits)
    return _("{count} significant digits").format(
        count=exercise.significant if digits is None else digits)


def _rounded_too_far(exercise: Exercise, value: np.ndarray, ref: np.ndarray) -> str | None:
    """The answer is the reference rounded to fewer digits than asked (but to two
    significant digits at least: a cruder number is more likely another quantity)."""
    asked = exercise.decimals if exercise.decimals is not None else exercise.significant
    for digits in range(asked - 1, -1, -1):
        if exercise.decimals is not None:
            kept = np.floor(np.log10(np.where(ref != 0, np.abs(ref), 1.0))) + 1 + digits
        else:
            kept = np.full(ref.shape, digits)
        if np.any(kept < 2):
            return None
        if np.allclose(value, _rounded(exercise, ref, digits), rtol=1e-9, atol=0.0):
            return _("that is the answer rounded to {fewer}; give it to {asked}.").format(
                fewer=_precision(exercise, digits), asked=_precision(exercise))
    return None


def _wrong_sign(exercise: Exercise, value: np.ndarray, ref: np.ndarray) -> str | None:
    if not (np.any(ref != 0) and exercise.matches(-value, ref)):
        return None
    what = _from_key(exercise, exercise.quantity) if exercise.quantity else _("the value asked for")
    if ref.size == 1 and ref[0] < 0:
        text = _("the sign is wrong: {what} is negative here; check each minus sign on the way.")
    elif ref.size == 1:
        text = _("the sign is wrong: {what} is positive here; check each minus sign on the way.")
    else:
        text = _("every sign is wrong: check each minus sign in {what}.")
    return text.format(what=what)


def _reordered(exercise: Exercise, value: np.ndarray, ref: np.ndarray) -> str | None:
    """The right numbers in another order (any number of them)."""
    if ref.size < 2 or not exercise.matches(np.sort(value), np.sort(ref)):
        return None
    return _("the right numbers in the wrong order: give ({names}) in that order.").format(
        names=_names(exercise))


def _in_percent(exercise: Exercise, value: np.ndarray, ref: np.ndarray) -> str | None:
    if ref.size != 1 or not 0 < ref[0] <= 1 or not exercise.matches(value / 100, ref):
        return None
    return _("that is 100 times the answer, a percent: give the share as a plain fraction "
             "between 0 and 1 ({fraction} rather than {percent}).").format(
        fraction=exercise.show(ref[0]), percent=exercise.show(100 * ref[0]))


def _near(exercise: Exercise, value: np.ndarray, ref: np.ndarray) -> str | None:
    """Off by a few units in the last digit asked (rounding on the way), or, for an exact
    value, off by what a simulation's error would make (a few per cent)."""
    with np.errstate(over="ignore"):
        units = np.abs(value - ref) / _unit(exercise, ref)
    if exercise.exact and np.all(np.abs(value - ref) <= 0.05 * np.abs(ref)):
        if np.all(units <= 3):
            text = _("close, but a simulation's estimate carries simulation error (it shrinks "
                     "only like 1/sqrt(draws)) and the question asks for the exact value: "
                     "compute {exact} (if you did compute it exactly, round only the final "
                     "answer).")
        else:
            text = _("close, but a simulation's estimate carries simulation error (it shrinks "
                     "only like 1/sqrt(draws)) and the question asks for the exact value: "
                     "compute {exact}.")
        return text.format(exact=_from_key(exercise, exercise.exact))
    if np.all(units <= 3):
        return _("close, but not to {precision}: round only the final answer, never the "
                 "numbers on the way.").format(precision=_precision(exercise))
    return None


def _generic_hint(exercise: Exercise, given) -> str | None:
    """Slips any numeric exercise can show: a sign, an order, a percent, rounding too
    early or too far, a simulation where an exact value is asked."""
    if exercise.choices:
        return None
    ref = np.atleast_1d(np.asarray(exercise.answer, float))
    value = np.atleast_1d(np.asarray(given, float))
    for rule in (_wrong_sign, _reordered, _in_percent, _rounded_too_far, _near):
        hint = rule(exercise, value, ref)
        if hint is not None:
            return hint
    return None


def feedback(exercise: Exercise, given) -> str:
    """The one line :func:`check` prints for ``given`` (never raises on ``given``)."""
    try:
        return _feedback(exercise, given)
    # an answer no rule foresaw must still get words, not a traceback
    except Exception as error:  # noqa: BLE001
        return _("{not_yet} this answer could not be read ({error}); give a plain "
                 "number.").format(not_yet=_not_yet(), error=type(error).__name__)


def _feedback(exercise: Exercise, given) -> str:
    problem = _describe_malformed(given, exercise)
    if problem is not None:
        return f"{_not_yet()} {problem}"
    value = _as_answer(given, exercise)
    if _same(exercise, value, exercise.answer):
        return _("{right} {answer} is right: {why}").format(
            right=RIGHT, answer=exercise.show(exercise.answer),
            why=_from_key(exercise, exercise.right))
    for mistake in exercise.mistakes:
        if _same(exercise, value, mistake.value):
            return f"{_not_yet()} {_from_key(exercise, mistake.hint)}"
    generic = _generic_hint(exercise, value)
    hint = generic if generic is not None else _from_key(exercise, exercise.otherwise)
    return f"{_not_yet()} {hint}"


def _from_table(key: str, table: dict) -> Exercise:
    def value(v):
        return tuple(v) if isinstance(v, list) else v

    mistakes = tuple(Mistake(value(m["value"]), m["hint"]) for m in table.get("mistakes", []))
    return Exercise(key=key, question=table["question"], answer=value(table["answer"]),
                    right=table["right"], otherwise=table["otherwise"], mistakes=mistakes,
                    decimals=table.get("decimals"), significant=table.get("significant"),
                    names=tuple(table.get("names", ())), choices=tuple(table.get("choices", ())),
                    quantity=table.get("quantity", ""), exact=table.get("exact", ""))


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
