"""The `github` format: a check report as GitHub Actions workflow commands, which GitHub shows as
annotations on the lines of the files in a pull request and a run's summary:
`::error file=data/raw/x.txt,line=143,title=planparse numbering::measure 46 follows 44; 45 is missing`.

Accepted findings are left out; a file that could not be read is an error on the file. A last plain line
counts what was found, for the log."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from . import Renderer

if TYPE_CHECKING:
    from ..models.check import CheckReport


def _data(text: str) -> str:
    """A command's message, escaped as the Actions runner unescapes it (actions/toolkit's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A command's property value (file, title): `:` and `,` separate properties, so they are escaped too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, file: str, line: int | None = None, title: str | None = None) -> str:
    # GitHub names files with `/` on every runner, Windows too.
    properties = [f"file={_property(file.replace(os.sep, '/'))}"] + ([f"line={line}"] if line else []) \
        + ([f"title={_property(title)}"] if title else [])
    return f"::{level} {','.join(properties)}::{_data(message)}\n"


def check_github(report: CheckReport) -> str:
    commands = [_command(f.level, f.message, f.file, f.line, f"planparse {f.rule}") for f in report.findings()]
    commands += [_command("error", file.problem, file.file, title="planparse: unusable file")
                 for file in report.unusable if file.problem]
    errors, warnings = len(report.findings("error")), len(report.findings("warning"))
    summary = (f"planparse check: {len(report.files)} plan texts, {errors} error{'s' * (errors != 1)}, "
               f"{warnings} warning{'s' * (warnings != 1)}, {len(report.accepted)} accepted, "
               f"{len(report.unusable)} unusable\n")
    return "".join(commands) + summary


RENDERER = Renderer(renders={"check": check_github}, order=7,
                    notes={"check": "annotations in GitHub Actions"})
