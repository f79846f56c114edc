"""Fuzz planparse at length (on demand; the suite runs the same harness briefly, tests/fuzz/test_fuzz.py).

    python benchmarks/fuzz.py extract check --cases 100000 --seed 1          # hypothesis, per command
    python benchmarks/fuzz.py diff --cases 100000 --max-minutes 30 --time-limit 2
    python benchmarks/fuzz.py extract --engine atheris --cases 100000       # libFuzzer, if atheris installed

Prints, per command, how many cases ran and what failed. A failing input (hypothesis' shrunk example) is
saved under tests/fuzz/crashers/new-<command>-<n>.txt: fix it, rename it after its finding, and commit it,
so the suite replays it from then on. Exit code 1 when anything failed.
"""

from __future__ import annotations

import argparse
import faulthandler
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.fuzz.harness import COMMANDS, CRASHERS, INPUTS, run, warm_up  # noqa: E402

CHUNK = 1000  # cases per hypothesis run: the time budget is looked at between runs


def _save(command: str, inputs: tuple) -> Path:
    """The failing input as tests/fuzz/crashers/new-<command>-<n>.txt (`.bin.txt` for bytes); of a pair
    (diff, compare), the local plan beside it as new-<command>-<n>.local.txt."""
    number = len([p for p in CRASHERS.glob(f"new-{command}-*") if not p.name.endswith(".local.txt")]) + 1
    stem = CRASHERS / f"new-{command}-{number}"
    first = inputs[0]
    path = Path(f"{stem}{'.bin' if isinstance(first, bytes) else ''}.txt")
    path.write_bytes(first if isinstance(first, bytes) else first.encode("utf-8", "surrogatepass"))
    if len(inputs) > 1:
        Path(f"{stem}.local.txt").write_bytes(inputs[1].encode("utf-8", "surrogatepass"))
    return path


def fuzz_hypothesis(command: str, cases: int, first_seed: int, seconds: float, deadline: float,
                    wall_guard: float) -> tuple[int, list]:
    """Run hypothesis in chunks of CHUNK cases (seeds first_seed, first_seed + 1, …) until `cases` ran or
    the clock passes `deadline`. Returns (cases run, failures)."""
    ran, failures, chunk = 0, [], 0
    last: list[tuple] = []  # the input of the case running, set by each chunk's case()
    while ran < cases and time.time() < deadline:
        last.clear()

        @seed(first_seed + chunk)
        @settings(max_examples=min(CHUNK, cases - ran), deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(INPUTS[command])
        def case(inputs):
            nonlocal ran
            ran += 1
            last[:] = [inputs]
            # a hang inside C code that SIGPROF cannot interrupt: show where it is and end the run. Wall-clock
            # time, so it is far above the CPU limit: a run under `nice` on a busy machine waits for the CPU.
            faulthandler.dump_traceback_later(wall_guard, exit=True)
            try:
                run(command, inputs, seconds)
            finally:
                faulthandler.cancel_dump_traceback_later()

        try:
            case()
        except Exception as error:  # hypothesis re-raises the shrunk example's failure
            saved = _save(command, last[0]) if last else None
            failures.append(f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
                            f" (input saved as {saved})")
        chunk += 1
    return ran, failures


def fuzz_atheris(command: str, cases: int, seconds: float) -> None:
    import atheris

    def one_input(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        if command in ("diff", "compare"):
            text = provider.ConsumeUnicodeNoSurrogates(len(data))
            half = len(text) // 2
            run(command, (text[:half], text[half:]), seconds)
        else:
            run(command, (data,), seconds)

    atheris.instrument_all()  # planparse is imported already: instrument what is loaded, for coverage
    atheris.Setup([sys.argv[0], f"-runs={cases}"], one_input)
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commands", nargs="*", metavar="command", help=f"any of {', '.join(COMMANDS)} (default: all)")
    parser.add_argument("--cases", type=int, default=10_000, help="cases per command")
    parser.add_argument("--seed", type=int, default=0, help="first hypothesis seed (one per chunk of cases)")
    parser.add_argument("--time-limit", type=float, default=2.0, help="seconds of CPU time one case may take")
    parser.add_argument("--wall-guard", type=float, default=300.0,
                        help="seconds of wall-clock time after which one case is taken for a hang in C code")
    parser.add_argument("--max-minutes", type=float, default=None, help="stop each command after this long")
    parser.add_argument("--engine", choices=("hypothesis", "atheris"), default="hypothesis")
    options = parser.parse_args()
    unknown = set(options.commands) - set(COMMANDS)
    if unknown:
        parser.error(f"unknown command {', '.join(sorted(unknown))}; choose from {', '.join(COMMANDS)}")
    options.commands = options.commands or list(COMMANDS)
    warm_up()
    if options.engine == "atheris":
        fuzz_atheris(options.commands[0], options.cases, options.time_limit)
        return 0
    failed = False
    for command in options.commands:
        started = time.time()
        deadline = started + options.max_minutes * 60 if options.max_minutes else float("inf")
        ran, failures = fuzz_hypothesis(command, options.cases, options.seed, options.time_limit, deadline,
                                        options.wall_guard)
        failed |= bool(failures)
        print(f"{command}: {ran} cases in {time.time() - started:.0f} s, {len(failures)} failures", flush=True)
        for failure in failures:
            print(f"  {failure}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
