"""The Jinja environment templates run in, and Jinja's errors as messages a teacher can act on.

Class projects are shared between teachers, so a project's templates are treated as
untrusted: they run in Jinja's sandbox, with every value escaped, and may only be read from
the project's templates/ folder or the built-in theme. The sandbox is tightened so a
template cannot use the file paths briefgen's objects carry to read or list files.
"""

from __future__ import annotations

import io
import logging
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from functools import partial
from pathlib import Path, PurePath
from types import TracebackType
from typing import Any, cast

import jinja2
import jinja2.bccache
import jinja2.loaders
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from briefgen.errors import RenderError
from briefgen.model import Location
from briefgen.render import limits
from briefgen.words import did_you_mean, sentences

log = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 2_000_000  # the largest built-in is about 20 KB
# Path attributes a template may show; everything else on a path (reading, listing,
# walking up to .parent) is refused.
SAFE_PATH_ATTRIBUTES = frozenset({"name", "stem", "suffix"})
TEMPLATE_FIX = (
    "Undo your last change to {name}, or start again from the built-in version with "
    "`briefgen templates export {builtin} --force`."
)


class UnknownValue(jinja2.UndefinedError):
    """A template used a name or field that does not exist; says which, and what is near."""

    def __init__(self, name: Any, owner: Any, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.owner = owner


class FriendlyUndefined(jinja2.StrictUndefined):
    """Fails on any use, naming the missing field and suggesting the nearest real one."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.utils.missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        if exc is jinja2.UndefinedError:  # not the sandbox's SecurityError
            owner = None if obj is jinja2.utils.missing else obj
            self._undefined_exception = cast(Any, partial(UnknownValue, name, owner))

    @property
    def _undefined_message(self) -> str:
        owner, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or owner is jinja2.utils.missing:
            return self._undefined_hint or f"'{name}' is undefined"
        suggestion = did_you_mean(str(name), _public_names(owner))
        return sentences(f"{_describe(owner)} has no field '{name}'.", suggestion)


def _public_names(owner: Any) -> list[str]:
    if is_dataclass(owner) and not isinstance(owner, type):
        return [f.name for f in fields(owner)]
    if isinstance(owner, dict):
        return [str(key) for key in owner]
    return [name for name in dir(owner) if not name.startswith("_")]


def _describe(owner: Any) -> str:
    if isinstance(owner, dict):
        return "this mapping"
    return f"a {type(owner).__name__}"


class ContainedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, also refusing file access through the paths in briefgen's objects,
    never showing a local path, and bounding the work a template may do."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(value, PurePath | Location):  # a file's place on this computer
            return False
        if isinstance(obj, PurePath) and attr not in SAFE_PATH_ATTRIBUTES:
            return False
        if isinstance(obj, io.IOBase | os.DirEntry):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(getattr(obj, "__self__", None), PurePath | io.IOBase):
            return False
        return bool(super().is_safe_callable(obj))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        limits.step()
        return limits.checked(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        limits.step()
        if operator == "*":
            limits.check_repeat(left, right)
        elif operator == "**":
            limits.check_power(left, right)
        return limits.checked(super().call_binop(context, operator, left, right))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse as Jinja does, then route every loop and joined text through the limits."""
        return cast(nodes.Template, limits.Bounded().visit(super()._parse(source, name, filename)))


class ContainedLoader(jinja2.FileSystemLoader):
    """Loads templates from one folder, refusing links that lead out of it, and anything
    that is not an ordinary file of a template's size (a pipe, a 3 GB file)."""

    def _refuse_unreadable(self, template: str) -> None:
        try:
            path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
            info = path.stat()
        except (OSError, ValueError, jinja2.TemplateNotFound):
            return  # not here: the loader says so in its own way
        problem = None
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            problem = "is not an ordinary file (it is a pipe or a device)"
        elif info.st_size > MAX_TEMPLATE_BYTES:
            problem = (
                f"is {info.st_size // 1_000_000:,} MB; a template is at most "
                f"{MAX_TEMPLATE_BYTES // 1_000_000} MB"
            )
        if problem is not None:
            raise RenderError(
                f"{Location(path)}: this template {problem}, so briefgen will not read it.\n"
                f"Replace it with a copy of the template (`briefgen templates export {template} "
                "--force`)."
            )

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        self._refuse_unreadable(template)
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not real.is_relative_to(self.folder.resolve()):
            raise RenderError(
                f"{Location(Path(filename))}: this template is a link to {real}, outside "
                f"the {self.folder.name}/ folder, so briefgen will not read it.\n"
                "Replace the link with a copy of the template itself."
            )
        return source, filename, uptodate


def make_environment(
    template_folders: Iterable[Path],
    builtin_folder: Path,
    filters: dict[str, Any],
    globals: dict[str, Any],
    bytecode_cache: jinja2.BytecodeCache | None = None,
) -> jinja2.Environment:
    """A sandboxed environment that escapes everything and fails on undefined names.

    Templates are looked up in ``template_folders`` (the project's), then in the built-in
    theme; ``builtin/NAME`` always names the built-in one. A ``bytecode_cache`` keeps
    compiled templates between runs (checked against each template's source).
    """
    builtin = ContainedLoader(builtin_folder)
    loader = jinja2.ChoiceLoader(
        [
            *(ContainedLoader(folder) for folder in template_folders),
            jinja2.PrefixLoader({"builtin": builtin}),
            builtin,
        ]
    )
    env = ContainedSandbox(
        loader=loader,
        autoescape=True,
        undefined=FriendlyUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
        extensions=[limits.WorkLimits],
    )
    env.filters.update(filters)
    env.filters = {name: limits.bounded_filter(f) for name, f in env.filters.items()}
    env.globals.update(globals)
    del env.globals["lipsum"]  # placeholder text, and a way to make gigabytes in one call
    return env


class ForgivingBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs; a cache folder that cannot be read or written
    (read-only, full, damaged) only means templates are compiled again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception as error:  # a damaged file: compile again
            log.info("Ignoring a compiled template that cannot be read: %s", error)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as error:
            log.info("Could not keep a compiled template: %s", error)


def render_page(template: jinja2.Template, context: dict[str, Any], **values: Any) -> str:
    """Render ``template`` whole, stopping with a clear error once it passes the size limit."""
    try:
        return limits.joined_output(template.generate(context, **values))
    except limits.TooMuchWork as error:
        error.template_file = template.filename  # no frame of it is left to say which
        raise


@contextmanager
def template_errors(project_templates: Path, given: Iterable[str] = ()) -> Iterator[None]:
    """Turn Jinja errors into a message naming the template file and line, and the fix.

    ``given`` names the values the template is given, for "did you mean" suggestions.
    """
    try:
        with limits.work_limits():
            yield
    except (RecursionError, MemoryError) as error:
        location = _repeated_override(error.__traceback__, project_templates)
        message = _runaway_message(error)
        raise RenderError(f"{location}: {message}" if location else message) from error
    except jinja2.TemplateError as error:
        location = _template_location(error, error.__traceback__)
        message = _describe_error(error, sorted(given))
        if location is None:
            raise RenderError(message) from error
        if location.path.resolve().is_relative_to(project_templates.resolve()):
            name = location.path.resolve().relative_to(project_templates.resolve()).as_posix()
            message += "\n" + TEMPLATE_FIX.format(name=f"templates/{name}", builtin=name)
        raise RenderError(f"{location}: {message}") from error


def _runaway_message(error: RecursionError | MemoryError) -> str:
    if isinstance(error, RecursionError):
        what = "includes, extends or calls itself without end"
    else:
        what = "made more text than this computer's memory can hold"
    return (
        f"the template {what}, so nothing was built.\n"
        "Undo your last change to templates/, or run `briefgen templates list` to see "
        "which templates the project overrides."
    )


def _describe_error(error: jinja2.TemplateError, names: list[str]) -> str:
    if isinstance(error, jinja2.TemplateNotFound):
        return (
            f"template '{error.name}' was not found in templates/ or the built-ins.\n"
            "See the template names with `briefgen templates list`."
        )
    if isinstance(error, SecurityError):
        return (
            f"the template tried something templates may not do: {error.message}\n"
            "Templates can show the values briefgen gives them; they cannot read files "
            "or use Python internals."
        )
    if isinstance(error, UnknownValue) and error.owner is None:
        suggestion = did_you_mean(str(error.name), names)
        given = f"\nValues this template is given: {', '.join(sorted(names))}." if names else ""
        unknown = f"the template uses '{error.name}', which it is not given."
        return sentences(unknown, suggestion) + given
    if isinstance(error, jinja2.UndefinedError):
        return f"the template uses something that does not exist: {error.message}"
    if isinstance(error, limits.TooMuchWork):
        return f"the template {error.message}\n{limits.TOO_MUCH_WORK_HINT}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return (
            f"template syntax error: {(error.message or '').rstrip('.')}.\n"
            "Check that every {{ has its }}, every {% its %}, and every block, if and for "
            "its end tag."
        )
    return f"template error: {(error.message or '').rstrip('.')}."


def _repeated_override(tb: TracebackType | None, project_templates: Path) -> Location | None:
    """The place in the project's own templates that the failure passed through most often:
    for a template that includes itself, the include."""
    folder = project_templates.resolve()
    seen = Counter(
        place for place in _template_frames(tb) if place.path.resolve().is_relative_to(folder)
    )
    if not seen:
        return None
    # each turn of the loop passes its extends and its include once (give or take the turn
    # cut short); of those, the later line is the include that starts the next turn
    most = max(seen.values())
    return max(location for location, count in seen.items() if count >= most - 1)


def _template_frames(tb: TracebackType | None) -> Iterator[Location]:
    """The template file and line of each template frame of a traceback, outermost first
    (Jinja rewrites tracebacks so template frames carry them)."""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css")) and Path(filename).exists():
            yield Location(Path(filename), tb.tb_lineno)
        tb = tb.tb_next


def _template_location(error: jinja2.TemplateError, tb: TracebackType | None) -> Location | None:
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return Location(Path(error.filename), error.lineno)
    found = next(reversed(list(_template_frames(tb))), None)  # the innermost
    if found is None and isinstance(error, limits.TooMuchWork) and error.template_file:
        return Location(Path(error.template_file))
    return found
