"""The library's exception types: each says which file (and line) and what to do, in one line.

The CLI turns them into `planparse: <message>` and the error's exit code (see planparse.exit_codes).
"""

from __future__ import annotations

import os

from .exit_codes import BAD_INPUT


class PlanparseError(Exception):
    """A problem the user can act on. `str()` is the whole one-line message."""

    exit_code = BAD_INPUT

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(PlanparseError):
    """The input cannot be read as a plan (missing, empty, binary, undecodable, wrong format)."""


class SchemaError(PlanparseError):
    """A YAML file that is malformed, of another schema or version, or carries unsafe tags."""


class OutputError(PlanparseError):
    """The output cannot be written (unwritable folder, disk full)."""


class MissingExtra(PlanparseError):
    """An optional part of planparse is not installed; the message names the extra that brings it."""


def printable_path(path: str | os.PathLike) -> str:
    """A file name as it can be printed and written into YAML: bytes that are not UTF-8 (a name made on
    another system) become `\\xff` escapes instead of lone surrogates that no output can encode."""
    text = os.fsdecode(os.fspath(path))
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that surrogateescape did not make
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
