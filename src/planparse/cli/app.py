"""The typer app, the command decorator that turns a command's result or error into its exit code, and
the one-line error printer shared by every command module."""

from __future__ import annotations

import functools

import typer

from .. import __version__
from ..errors import PlanparseError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese government policy plans into structured, comparable data.",
    epilog="Example: planparse extract data/raw/nanyang-2022.txt -o nanyang.yaml",
)


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


def command(**options):
    """Register a command on the app. The command returns its exit code, asked of planparse.exit_codes; a
    PlanparseError it raises becomes one line on stderr and the error's own exit code."""
    def register(function):
        @functools.wraps(function)
        def run(**arguments):
            try:
                code = function(**arguments)
            except PlanparseError as problem:
                error(str(problem))
                code = problem.exit_code
            raise typer.Exit(code)

        return app.command(**options)(run)

    return register


def error(message: str) -> None:
    """Print one line to stderr: `planparse: <message>`."""
    typer.echo(f"planparse: {message}", err=True)
