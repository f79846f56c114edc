"""Where a command's output goes: the `--format` option (its choices from planparse.render), stdout (a
terminal gets rich's console) or a file written atomically (`-o`)."""

from __future__ import annotations

import io
import os
import sys
from enum import Enum
from functools import cache
from pathlib import Path
from typing import cast

import typer

from ..errors import OutputError
from ..render import format_for, formats, render, renderer, show
from ..render._lang import LANGUAGES


@cache
def format_choices(kind: str, default: str) -> type[Enum]:
    """The `--format` choices of a command that reports `kind`: every renderer of it, `default` first."""
    names = formats(kind, default)
    # Enum's functional API makes a class; mypy reads a call whose name is not a literal as an instance.
    return cast("type[Enum]", Enum(f"{kind.title()}Format", [(name, name) for name in names], type=str))


def format_option(kind: str, default: str, *flags: str, by_output: bool = False):
    """`--format` (and `flags`, e.g. `-f`) with the registry's choices, and help that lists them:
    `terminal (default), json, yaml, csv (the matrix) or html (a heatmap).` With `by_output`, the option
    is None when not given, and chosen_format reads the format from `-o FILE`'s name."""
    listed = []
    for name in formats(kind, default):
        note = renderer(name).notes.get(kind)
        listed.append(f"{name} ({note})" if note else name)
    listed[0] += " (default)"
    words = (listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]) + "."
    if by_output:
        words += " Without it, the ending of -o FILE chooses (report.xlsx, tasks.ics …)."
    return typer.Option(None if by_output else format_choices(kind, default)[default], "--format", *flags,
                        help=words)


def chosen_format(fmt: Enum | None, kind: str, default: str, output: Path | None) -> str:
    """The format given, else the one `output`'s name ends in (`report.xlsx`), else the command's default."""
    if fmt is not None:
        return fmt.value
    return (format_for(output, kind) if output else None) or default


Language = Enum("Language", [(code, code) for code in LANGUAGES], type=str)  # type: ignore[misc]
LANG_OPTION = typer.Option(Language["zh"], "--lang",
                           help="The language of the report's words: zh (Chinese, the default) or en.")


def emit(report, fmt: str, output: Path | None = None, inputs: tuple[str, ...] = (), lang: str = "zh") -> None:
    """The report in format `fmt` and language `lang`, written to `output` (never one of `inputs`) or to
    stdout."""
    if output:
        from ..yamlio import write_atomic  # here: yamlio brings pydantic, which `--help` need not load

        write_atomic(output, render(report, fmt, lang), inputs=inputs)
        return
    shown = show(report, fmt, lang)
    if isinstance(shown, (str, bytes)):
        write_stdout(shown)
        return
    console, send = stdout_console()
    min_width = renderer(fmt).min_width
    if min_width and not console.is_terminal:
        console, send = stdout_console(width=max(console.width, min_width))
    console.print(shown)
    send()


def write_stdout(document: str | bytes) -> None:
    """A document on stdout (text as UTF-8 whatever the locale), every byte written or an OSError: a
    buffered write to a file that cannot grow (ulimit -f) is silently cut short. A binary document (xlsx,
    docx) is refused on a terminal, where it would be noise."""
    if isinstance(document, bytes) and sys.stdout.isatty():
        raise OutputError("this format is a binary file, not for a terminal; write it with -o FILE "
                          "(or redirect: > report.xlsx)")
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):  # a captured stream (tests, notebooks)
        if isinstance(document, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(document)
        else:
            sys.stdout.write(document)
        return
    sys.stdout.flush()
    data = memoryview(document.encode("utf-8") if isinstance(document, str) else document)
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
