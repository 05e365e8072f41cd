"""The course's sliders and the arithmetic of their step grids, in one place.

A slider can only show values on its grid: ``min + k * step`` for an integer ``k``
(for a :class:`ipywidgets.FloatLogSlider`, ``base ** (min + k * step)``).  The step
index ``k`` is what identifies a slider position both here and in the page
(``canvas.js`` computes it the same way, :func:`step_index`); :func:`position_key`
joins the indices of several sliders into the key of one explorer position.
"""

from __future__ import annotations

import math
import numbers
import weakref
from collections.abc import Callable, Mapping

import anywidget
import ipywidgets as widgets
import traitlets

from .canvas import _FRONT_END, _SLIDER_LIST

__all__ = [
    "StepButton",
    "float_slider",
    "int_slider",
    "log_slider",
    "position_key",
    "snap_to_slider",
    "start_note",
    "step_button",
    "step_index",
    "step_value",
    "steps_to_end",
    "value_at",
]

_LAYOUT = {"width": "460px"}
_STYLE = {"description_width": "150px"}

# Sliders asked to start outside their range: slider -> what was asked (see start_note).
_OUT_OF_RANGE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def float_slider(description: str, *, min: float, max: float, step: float, value: float,
                 readout_format: str = ".2f") -> widgets.FloatSlider:
    """A continuous slider with the course's layout, starting at ``value`` snapped to its grid."""
    slider = widgets.FloatSlider(min=min, max=max, step=step, description=description,
                                 readout=True, readout_format=readout_format,
                                 continuous_update=True, style=_STYLE, layout=_LAYOUT)
    return _start_at(slider, value)


def int_slider(description: str, *, min: int, max: int, value: int, step: int = 1
               ) -> widgets.IntSlider:
    """An integer slider (sample sizes, counts) with the course's layout."""
    slider = widgets.IntSlider(min=min, max=max, step=step, description=description,
                               readout=True, continuous_update=True, style=_STYLE,
                               layout=_LAYOUT)
    return _start_at(slider, value)


def log_slider(description: str, *, min_exp: float, max_exp: float, value: float,
               step: float = 0.05, readout_format: str = ".3g") -> widgets.FloatLogSlider:
    """A slider whose position is ``log10`` of its value (a prior's scale ``tau``)."""
    slider = widgets.FloatLogSlider(base=10, min=min_exp, max=max_exp, step=step,
                                    description=description, readout=True,
                                    readout_format=readout_format, continuous_update=True,
                                    style=_STYLE, layout=_LAYOUT)
    return _start_at(slider, value)


def _start_at(slider, value):
    """Put ``slider`` at the grid value nearest ``value``; note a value outside its range."""
    fraction = _fraction(slider, value)
    if fraction is None or not -1e-6 <= fraction <= _last_index(slider) + 1e-6:
        _OUT_OF_RANGE[slider] = value
        slider.value = value_at(slider, 0 if fraction is not None and fraction < 0
                                else _last_index(slider))
    else:
        slider.value = snap_to_slider(slider, value)
    return slider


def _fraction(slider, value) -> float | None:
    """How many steps ``value`` is above the slider's minimum; None when not a number on it."""
    if not isinstance(value, numbers.Real) or not math.isfinite(value):
        return None
    if isinstance(slider, widgets.FloatLogSlider) and value <= 0:
        return -math.inf
    return (_position(slider, value) - slider.min) / slider.step


def _same_words(message: str) -> str:
    return message


def start_note(slider: widgets.ValueWidget, gettext: Callable[[str], str] = _same_words
               ) -> str | None:
    """Why ``slider`` does not start where it was asked to, or None when it does.

    A slider made by this module and asked to start outside its range starts at the
    nearest end instead; the explorer shows this note in its readout.  ``gettext`` puts
    the note's words in the reader's language.
    """
    if slider not in _OUT_OF_RANGE:
        return None
    asked = _OUT_OF_RANGE[slider]
    low, high = value_at(slider, 0), value_at(slider, _last_index(slider))
    return gettext("{slider} = {asked} is outside the slider's range [{low}, {high}]; it "
                   "starts at {start} instead").format(
        slider=slider.description, asked=repr(asked), low=f"{low:g}", high=f"{high:g}",
        start=f"{slider.value:g}")

class StepButton(anywidget.AnyWidget):
    """A button that moves a slider one step up its grid, and to its minimum past the end.

    The page makes the step, on the slider's model (``step_button.js``), as a hand on
    the slider would: with a kernel, the kernel hears an ordinary slider move and the
    explorer draws it like any other; with none (the course's web site), the page shows
    the position stored for it.  :meth:`click` makes the same step from Python.

    Parameters
    ----------
    slider : ipywidgets.ValueWidget
        The slider it steps (synced as ``sliders``, the one-element list the page's
        code follows, as for the explorer's canvas and panel).
    description : str
        The button's label.
    """

    _esm = _FRONT_END
    part = traitlets.Unicode("step").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    sliders = traitlets.List(traitlets.Instance(widgets.Widget)).tag(**_SLIDER_LIST)

    def __init__(self, slider: widgets.ValueWidget, *, description: str, **kwargs):
        super().__init__(sliders=[slider], description=description, **kwargs)

    @property
    def slider(self) -> widgets.ValueWidget:
        """The slider the button steps."""
        return self.sliders[0]

    def click(self) -> None:
        """Move the slider one step up its grid, or to its minimum from its maximum."""
        following = step_value(self.slider, self.slider.value, 1)
        self.slider.value = self.slider.min if following is None else following


def step_button(slider: widgets.ValueWidget, description: str) -> StepButton:
    """A :class:`StepButton` for ``slider`` with the course's layout.

    For a slider that numbers draws ("data set seed"): a click is a new draw.
    """
    return StepButton(slider, description=description, tooltip=f"{slider.description} + 1",
                      layout={"width": "160px", "margin": "2px 0 2px 154px"})


def _position(slider: widgets.ValueWidget, value: float) -> float:
    """Where ``value`` sits on the track: the value, or its exponent for a log slider."""
    if isinstance(slider, widgets.FloatLogSlider):
        return math.log(value, slider.base)
    return value


def _last_index(slider: widgets.ValueWidget) -> int:
    return round((slider.max - slider.min) / slider.step)


def step_index(slider: widgets.ValueWidget, value: float) -> int:
    r"""The step of ``slider``'s grid that ``value`` is on, :math:`\mathrm{round}((v - \min)/s)`.

    ``v`` is the value (its :math:`\log_\text{base}` on a log slider), ``s`` the step.
    """
    return round((_position(slider, value) - slider.min) / slider.step)


def value_at(slider: widgets.ValueWidget, index: int) -> float:
    """The value at step ``index`` of ``slider``'s grid (to 10 decimals; an int on an IntSlider)."""
    position = min(max(slider.min + index * slider.step, slider.min), slider.max)
    if isinstance(slider, widgets.FloatLogSlider):
        return float(slider.base ** round(position, 10))
    if isinstance(slider, widgets.IntSlider):
        return round(position)
    return round(float(position), 10)


def snap_to_slider(slider: widgets.ValueWidget, value: float) -> float:
    """The value on the slider's step grid nearest to ``value``, clamped to its range.

    The browser can only show grid values: given an off-grid value it moves the handle to
    the nearest step and sends that back, overwriting a later setting from code.
    """
    index = min(max(step_index(slider, value), 0), _last_index(slider))
    return value_at(slider, index)


def step_value(slider: widgets.ValueWidget, value: float, steps: int) -> float | None:
    """The value ``steps`` grid steps from ``value`` on ``slider``, or None past either end."""
    index = step_index(slider, value) + steps
    if not 0 <= index <= _last_index(slider):
        return None
    return value_at(slider, index)


def steps_to_end(slider: widgets.ValueWidget, value: float, direction: int) -> int:
    """How many grid steps ``slider`` can still move from ``value`` in ``direction`` (±1)."""
    index = step_index(slider, value)
    return _last_index(slider) - index if direction > 0 else index


def position_key(sliders: Mapping[str, widgets.ValueWidget], values: Mapping[str, float]) -> str:
    """The key of an explorer position: each slider's :func:`step_index`, comma-separated."""
    return ",".join(str(step_index(slider, values[name])) for name, slider in sliders.items())
