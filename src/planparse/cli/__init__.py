"""The `planparse` command: options → one library call → render → exit code. No parsing logic here.

Each command lives in its own module and registers itself on the shared typer app."""

from __future__ import annotations

import sys

from ..errors import PlanparseError
from . import extract as _extract  # noqa: F401  (registers the command)
from . import check as _check  # noqa: F401
from . import diff as _diff  # noqa: F401
from .app import EXIT_BAD_INPUT, error, app

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except PlanparseError as problem:  # a library error that escaped a command: still one line
        error(str(problem))
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(130)
