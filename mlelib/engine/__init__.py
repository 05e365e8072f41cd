"""The slider engine: what turns a figure and a few sliders into an explorer that keeps up.

It imports nothing of the course (a test reads its imports to keep it so).  A builder in
:mod:`mlelib.explorers` needs only what this package exports:

- :class:`Explorer`, handed a :class:`Picture` (the figure and the artists that move), its
  sliders, the ``readout`` function of the slider values that computes the numbers the
  panel shows, and their ``formats``; :class:`Layer` for what only some sliders repaint;
- the slider constructors :func:`float_slider`, :func:`int_slider`, :func:`log_slider`,
  and :func:`step_button`, a button that moves a slider one step (a new random draw);
- :func:`format_number`, the one way a readout writes a number (a format spec such as
  ``".4f"`` in ``formats`` goes through it).

The parts, one job each: ``picture`` and ``render_plan`` (what to redraw), ``blit`` (drawing
frames from cached backgrounds), ``prefetch`` (frames for the positions a slider may reach
next), ``pacing`` (never a backlog behind a drag), ``canvas`` + ``canvas.js`` (the transport
to the page), ``sliders`` (slider grids), ``readout`` (the numbers and their text, as the
panel beside the sliders shows them) and ``jupyter_internals`` (the one seam onto
ipykernel's and ipywidgets' private behaviour).  The design and its measurements: ``docs/explorer-engine.md``.
"""

from .explorer import Explorer
from .picture import Layer, Picture
from .readout import format_number
from .sliders import float_slider, int_slider, log_slider, step_button

__all__ = ["Explorer", "Layer", "Picture", "float_slider", "format_number", "int_slider",
           "log_slider", "step_button"]
