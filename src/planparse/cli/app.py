"""The typer app, exit codes and the one-line error printer shared by every command module."""

from __future__ import annotations

import typer

from .. import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese government policy plans into structured, comparable data.",
    epilog="Example: planparse extract data/raw/nanyang-2022.txt -o nanyang.yaml",
)

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


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
