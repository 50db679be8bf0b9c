"""What every command is given: the project folder asked for, and whether to debug."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Settings:
    project: Path | None
    debug: bool

    def root(self) -> Path:
        from briefgen.load.config import find_project_root

        return find_project_root(self.project or Path.cwd())
