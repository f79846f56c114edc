"""The typer app, exit codes and the one-line error printer shared by every command module."""

from __future__ import annotations

import io
import os
import sys
from enum import Enum

import typer

from .. import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese government policy plans into structured, comparable data.",
    epilog="Example: planparse extract data/raw/nanyang-2022.txt -o nanyang.yaml",
)

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class OutputFormat(str, Enum):
    yaml = "yaml"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planparse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Turn Chinese government policy plans into structured, comparable data."""


def error(message: str) -> None:
    """Print one line to stderr: `planparse: <message>`."""
    typer.echo(f"planparse: {message}", err=True)


def write_stdout(text: str) -> None:
    """Machine output (YAML, JSON, CSV, HTML, markdown) as UTF-8 bytes whatever the locale, every byte
    written or an OSError: a buffered write to a file that cannot grow (ulimit -f) is silently cut short."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):  # a captured stream (tests, notebooks)
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    data = memoryview(text.encode("utf-8"))
    while data:
        data = data[os.write(descriptor, data):]


def stdout_console(**options):
    """A rich Console for stdout, and a function that sends what it printed: a terminal gets it as
    printed; a file or pipe gets it through write_stdout, so that a write that fails is an error there too."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console(**options), lambda: None
    buffer = io.StringIO()
    return Console(file=buffer, **options), lambda: write_stdout(buffer.getvalue())
