"""The Jinja environment templates run in, and Jinja's errors as messages a teacher can act on.

Class projects are shared between teachers, so a project's templates are treated as
untrusted: they run in Jinja's sandbox, with every value escaped, and may only be read from
the project's templates/ folder or the built-in theme. The sandbox is tightened so a
template cannot use the file paths briefgen's objects carry to read or list files.
"""

from __future__ import annotations

import difflib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from functools import partial
from pathlib import Path, PurePath
from types import TracebackType
from typing import Any, cast

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from briefgen.errors import RenderError
from briefgen.model import Location

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
        close = difflib.get_close_matches(str(name), _public_names(owner), n=1)
        suggestion = f" Did you mean '{close[0]}'?" if close else ""
        return f"{_describe(owner)} has no field '{name}'.{suggestion}"


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
    """Jinja's sandbox, also refusing file access through the paths in briefgen's objects."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath) and attr not in SAFE_PATH_ATTRIBUTES:
            return False
        if isinstance(obj, io.IOBase | os.DirEntry):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(getattr(obj, "__self__", None), PurePath | io.IOBase):
            return False
        return bool(super().is_safe_callable(obj))


class ContainedLoader(jinja2.FileSystemLoader):
    """Loads templates from one folder, refusing links that lead out of it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
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
    )
    env.filters.update(filters)
    env.globals.update(globals)
    return env


@contextmanager
def template_errors(project_templates: Path, given: Iterable[str] = ()) -> Iterator[None]:
    """Turn Jinja errors into a message naming the template file and line, and the fix.

    ``given`` names the values the template is given, for "did you mean" suggestions.
    """
    try:
        yield
    except jinja2.TemplateError as error:
        location = _template_location(error, error.__traceback__)
        message = _describe_error(error, sorted(given))
        if location is None:
            raise RenderError(message) from error
        if location.path.resolve().is_relative_to(project_templates.resolve()):
            name = location.path.resolve().relative_to(project_templates.resolve()).as_posix()
            message += "\n" + TEMPLATE_FIX.format(name=f"templates/{name}", builtin=name)
        raise RenderError(f"{location}: {message}") from error


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
        close = difflib.get_close_matches(str(error.name), names, n=1)
        suggestion = f" Did you mean '{close[0]}'?" if close else ""
        given = f"\nValues this template is given: {', '.join(sorted(names))}." if names else ""
        return f"the template uses '{error.name}', which it is not given.{suggestion}{given}"
    if isinstance(error, jinja2.UndefinedError):
        return f"the template uses something that does not exist: {error.message}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return (
            f"template syntax error: {(error.message or '').rstrip('.')}.\n"
            "Check that every {{ has its }}, every {% its %}, and every block, if and for "
            "its end tag."
        )
    return f"template error: {(error.message or '').rstrip('.')}."


def _template_location(error: jinja2.TemplateError, tb: TracebackType | None) -> Location | None:
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return Location(Path(error.filename), error.lineno)
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css")) and Path(filename).exists():
            found = Location(Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found
