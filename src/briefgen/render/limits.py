"""Bounds on the work a template may do, so a shared project cannot hang or exhaust a build.

Jinja's sandbox stops a template reading files, but not looping ten billion times
(two nested ``range(100000)``), doubling a text until memory runs out, or writing a page of
gigabytes. Every loop a template runs, every call, operator and filter it uses, and the
text it joins pass through here: a render stops with a clear error once it has looped
too often, run too long, or made too much text. The limits are far above what any real
pack needs (the bundled companion loops a few thousand times and is 150 KB).
"""

from __future__ import annotations

import contextvars
import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import Any, NoReturn, cast

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.visitor import NodeTransformer

from briefgen.render.alarm import alarm

MAX_STEPS = 10_000_000  # loop turns, calls and operators in one render
MAX_SECONDS = 60.0  # of template work in one render
MAX_TEXT = 50_000_000  # characters in one value or one page
MAX_EXPONENT_BITS = 100_000  # the size of a number ** may make
CLOCK_EVERY = 1024  # steps between looks at the clock
TOO_MUCH_WORK_HINT = (
    "Templates lay out the content; they need no loop of millions of turns or text of "
    "millions of characters."
)


class TooMuchWork(jinja2.TemplateRuntimeError):
    """A template passed one of the limits; the message says which."""

    template_file: str | None = None  # set where no template frame is left to name it


class Budget:
    """What one render has used so far."""

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.expired = False  # set by the alarm, in case its own error was swallowed

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooMuchWork(f"did more than {MAX_STEPS:,} steps (loop turns and calls).")
        if self.expired or (self.steps % CLOCK_EVERY == 0 and time.monotonic() > self.deadline):
            self.overran()

    def overran(self) -> NoReturn:
        self.expired = True
        raise TooMuchWork(f"ran for more than {MAX_SECONDS:.0f} seconds.")


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextmanager
def work_limits() -> Iterator[None]:
    """A fresh budget for the template work done inside the block.

    In the main thread an alarm also stops the work at the deadline, even inside one long
    call (a filter asked to make a hundred million slices) that takes no steps.
    """
    budget = Budget()
    token = _current.set(budget)
    try:
        with alarm(MAX_SECONDS, budget.overran):  # if swallowed, the next step raises
            yield
    finally:
        _current.reset(token)


def step() -> None:
    budget = _current.get()
    if budget is not None:
        budget.step()


def checked(value: Any) -> Any:
    """``value``, if it is not text (or a list) longer than MAX_TEXT."""
    budget = _current.get()
    if budget is not None and budget.expired:
        budget.overran()
    if isinstance(value, str | list | tuple) and len(value) > MAX_TEXT:
        raise TooMuchWork(f"made a text or list of more than {MAX_TEXT:,} characters or items.")
    return value


def check_repeat(left: Any, right: Any) -> None:
    """Refuse ``text * n`` (or ``list * n``) that would pass MAX_TEXT, before it is made."""
    for sized, count in ((left, right), (right, left)):
        if isinstance(sized, Sized) and isinstance(count, int) and len(sized) * count > MAX_TEXT:
            raise TooMuchWork(f"made a text or list of more than {MAX_TEXT:,} characters or items.")


def check_power(left: Any, right: Any) -> None:
    """Refuse ``a ** b`` whose result would have more than MAX_EXPONENT_BITS bits."""
    if (
        isinstance(left, int)
        and isinstance(right, int)
        and right > 0
        and abs(left).bit_length() * right > MAX_EXPONENT_BITS
    ):
        raise TooMuchWork("computed a number too large to show (a ** with a big power).")


def loop(iterable: Any) -> Iterator[Any]:
    """A template loop's items, each one counted."""
    budget = _current.get()
    for item in iterable:
        if budget is not None:
            budget.step()
        yield item


def joined_output(chunks: Iterable[str]) -> str:
    """A page's text from its chunks, refused once it passes MAX_TEXT."""
    parts = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_TEXT:
            raise TooMuchWork(f"made a page of more than {MAX_TEXT:,} characters.")
        parts.append(chunk)
    return "".join(parts)


def bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja filter whose result is checked (its pass_context marks and name are kept)."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        step()
        return checked(function(*args, **kwargs))

    return bounded


class WorkLimits(Extension):
    """Makes ``loop`` and ``checked`` reachable from compiled templates under a name a
    template cannot shadow (``environment.extensions[...]``, not a variable)."""

    loop = staticmethod(loop)
    checked = staticmethod(checked)


class Bounded(NodeTransformer):
    """Rewrites a parsed template: each ``for`` iterates through ``loop``, and each text
    joined with ``~`` passes through ``checked``."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _call("loop", cast(nodes.Expr, node.iter))
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _call("checked", node)


def _call(name: str, argument: nodes.Expr) -> nodes.Call:
    function = nodes.ExtensionAttribute(WorkLimits.identifier, name, lineno=argument.lineno)
    return nodes.Call(function, [argument], [], None, None, lineno=argument.lineno)
