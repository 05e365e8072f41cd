"""The one place that relies on private behaviour of ipykernel and ipywidgets.

Each function is guarded: if a future ipykernel or ipywidgets changes what it relies
on, the function takes its plain path (no wait; "not from the page") and explorers keep
working, only with the readout and the picture sent in the order of a plain handler.
"""

from __future__ import annotations

import threading

__all__ = ["change_came_from_page", "wait_for_kernel_output"]


def wait_for_kernel_output(timeout: float = 0.05) -> bool:
    """Block until the kernel's IOPub thread has sent every message queued so far.

    ipykernel hands outgoing messages to a thread that needs the GIL to send them, and
    drawing a frame holds the GIL for milliseconds: a readout written just before a
    draw would wait for it.  Returns whether it waited (False outside a kernel).
    Relies on ``kernel.iopub_socket.io_thread`` (ipykernel 6-7).
    """
    try:
        from IPython import get_ipython

        io_thread = get_ipython().kernel.iopub_socket.io_thread
        if not io_thread.thread.is_alive():
            return False
        sent = threading.Event()
        io_thread.schedule(sent.set)  # runs after everything queued before it
    except Exception:  # noqa: BLE001 - not in a kernel, or ipykernel changed
        return False
    sent.wait(timeout)
    return True


def change_came_from_page(change) -> bool:
    """Whether a traitlets ``change`` of a widget is the page's state update being applied.

    ipywidgets holds ``_property_lock`` while it applies state sent by the front end
    (ipywidgets 7-8); a change made from code runs without it.
    """
    try:
        return bool(change["owner"]._property_lock)
    except Exception:  # noqa: BLE001 - ipywidgets changed: the plain path
        return False
