"""A deadline for work that takes no steps we can count: one long call, or a library.

Kept apart from the template limits, which need Jinja, so that a layout worker, which
needs only this, starts without importing Jinja.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn


@contextmanager
def alarm(seconds: float, overran: Callable[[], NoReturn]) -> Iterator[None]:
    """Call ``overran`` (which raises) after ``seconds``, wherever the main thread is then:
    even inside one long call that takes no steps, or inside a library (the PDF engine).

    Should its error be swallowed (raised inside a __del__), the alarm comes again. Outside
    the main thread, which alone receives signals, nothing is bounded this way.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def ring(signum: int, frame: FrameType | None) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        overran()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
