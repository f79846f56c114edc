"""The `planparse` command: options → one library call → render → exit code. No parsing logic here.

Each command lives in its own module and registers itself on the shared typer app."""

from __future__ import annotations

import gc
import os
import signal
import sys

from .. import exit_codes
from ..errors import PlanparseError
from .app import app, error

# Each import registers its commands, and --help lists them in this order: not sorted.
# isort: off
from . import extract as _extract  # noqa: F401
from . import check as _check  # noqa: F401
from . import diff as _diff  # noqa: F401
from . import tasks as _tasks  # noqa: F401
from . import schema as _schema  # noqa: F401
# isort: on


__all__ = ["app", "main"]

# OpenBLAS (numpy's and scipy's wheels), OpenMP builds, MKL (conda's numpy)
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main() -> None:
    # What is imported lives as long as the process: out of the cyclic collector's way, which otherwise
    # walks all of it in a full collection (40 ms of a diff's 800 on this machine).
    gc.freeze()
    # pydantic looks for plugins in every installed package's entry points when a command builds its first
    # model; planparse uses none (PYDANTIC_DISABLE_PLUGINS set empty, or to a list of names, brings them back).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # numpy's BLAS starts a thread per core when diff imports it, and they spin between matrix products that
    # are small here: one thread took a fifth less CPU in a diff at the same wall time (bench_all.py), and
    # sums in the same order whatever the machine's core count. Set a variable to give BLAS more threads.
    for variable in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")
    _write_utf8()
    _exit_cleanly_on_sigterm()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a write that fails (disk full, ulimit -f) fails here, not silently at exit
            # …and what the command left (its caches, the plans they hold) lives until exit too: frozen, it is
            # not walked by the collection Python makes on exiting (diff of 4,000 measures: exit 0.05 → 0.02 s)
            gc.freeze()
    except PlanparseError as problem:  # a library error that escaped a command: still one line
        error(str(problem))
        sys.exit(problem.exit_code)
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(exit_codes.INTERRUPTED)
    except OSError as problem:  # stdout or stderr that cannot take the output
        _silence_stdout()
        error(f"cannot write the output: {problem.strerror or problem}; free space or write it elsewhere (-o FILE)")
        sys.exit(exit_codes.BAD_INPUT)


def _write_utf8() -> None:
    """YAML, JSON, CSV and HTML are UTF-8 whatever the locale (LC_ALL=C, PYTHONIOENCODING=latin-1 would
    make every Chinese character an encoding error); messages on stderr never fail on a character."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)


def _exit_cleanly_on_sigterm() -> None:
    """SIGTERM raises SystemExit like Ctrl-C raises KeyboardInterrupt, so that `finally` blocks run and
    an output being written leaves no temporary file behind."""
    def terminate(signum, frame):
        raise SystemExit(exit_codes.TERMINATED)

    signal.signal(signal.SIGTERM, terminate)


def _silence_stdout() -> None:
    """Point stdout at the null device: the output that failed must not be retried when Python exits."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
