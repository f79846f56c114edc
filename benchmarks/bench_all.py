"""Every row of issue 13's table with its goal, in one run (on demand, never in the test suite).

    python benchmarks/bench_all.py                          # every row; compare at 1,000 and 3,000 plans
    python benchmarks/bench_all.py --compare-plans 300      # a quicker compare row
    PYTHONPATH=../other/src python benchmarks/bench_all.py  # another checkout's code in the same venv

The machine is shared and busy, so each figure is CPU time (what other processes cannot steal; wall time
is shown beside it), a median over interleaved rounds, and a ratio against a reference measured in the
same loop: a bare interpreter (`python -c pass`, `python -c "import yaml"`) for whole processes, and the
floor (decode + splitlines + one multiline heading regex over the same bytes) for throughput.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import gc
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
PLANS = sorted(RAW.glob("*.txt"))
ONE_PLAN = RAW / "pingdingshan-2021-shifan.txt"  # the largest (88 KB)
TEMPLATE, LOCAL = RAW / "nanyang-2022.txt", RAW / "baofeng-2022-draft.txt"
PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("planparse")
PLANPARSE = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-c", "from planparse.cli import main; main()"]
MB = 2**20

# The floor: the least any reader of a plan does (`二、主要任务` is a heading line it finds).
_HEADING = re.compile(r"^[一二三四五六七八九十]+、.*$", re.MULTILINE)


def floor(data: bytes) -> int:
    text = data.decode("utf-8")
    return len(text.splitlines()) + len(_HEADING.findall(text))


def m4000() -> str:
    """hardening finding F21: one chapter of 4,000 one-line measures numbered 1..999 four times over."""
    return "一、总体要求\n" + "".join(f"{i % 999 + 1}.推进第{i}项依法行政工作。\n" for i in range(4000))


def big_plan(size: int) -> str:
    """A plan of about `size` bytes: Nanyang's plan body over and over (one plan, not many)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    return text * max(1, size // len(text.encode("utf-8")))


# --- measuring ---------------------------------------------------------------------------------------

@dataclass
class Usage:
    cpu: float  # seconds, user + system
    wall: float
    peak_mb: float


def run_process(argv: list[str]) -> Usage:
    """Run a command to its end; its own CPU time and peak memory (wait4), and the wall time."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode not in (0, 1):  # 1: findings (warnings, coverage), still a full run
        raise RuntimeError(f"{argv} exited {process.returncode}: {stderr.decode()[-500:]}")
    return Usage(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


# A child forked from a large process reports that process's size as its own peak (Linux keeps the peak
# across exec), so what memory is measured of is started by this small launcher, which prints, after the
# command's own output, its exit code, CPU seconds and peak memory in KB.
_LAUNCHER = ("import json, os, subprocess, sys\n"
             "child = subprocess.Popen(sys.argv[1:])\n"
             "_, status, usage = os.wait4(child.pid, 0)\n"
             "print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))")


def run_measured(argv: list[str]) -> tuple[str, Usage]:
    """Run a command through the launcher: its output, and its CPU time and peak memory."""
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", _LAUNCHER, *argv], capture_output=True, text=True, check=True)
    output, _, record = done.stdout.rstrip("\n").rpartition("\n")
    code, cpu, peak_kb = json.loads(record)
    if code not in (0, 1):
        raise RuntimeError(f"{argv} exited {code}: {done.stderr[-500:]}")
    return output, Usage(cpu, time.perf_counter() - start, peak_kb / 1024)


def cpu_of(call: Callable[[], object]) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def interleaved(calls: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each call once per round, in an order rotated every round, so load and caches hit all alike."""
    names = list(calls)
    results: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            results[name].append(calls[name]())
    return results


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class Row:
    what: str
    measured: str
    ratios: str
    goal: str
    holds: bool | None  # None: no goal


ROWS: list[Row] = []


def row(what: str, measured: str, ratios: str, goal: str, holds: bool | None) -> None:
    ROWS.append(Row(what, measured, ratios, goal, holds))
    mark = {True: "holds", False: "MISSED", None: ""}[holds]
    print(f"  {what}: {measured} | {ratios} | goal {goal} {mark}", flush=True)


# --- the rows ----------------------------------------------------------------------------------------

SECTIONS = ["processes", "throughput", "profile", "diff", "compare", "memory"]


def _write_yamls(folder: Path) -> list[str]:
    """The template's and the local plan's YAML, as `extract` writes them."""
    from planparse import dumps, extract

    yamls = []
    for path in (TEMPLATE, LOCAL):
        target = folder / f"{path.stem}.yaml"
        target.write_text(dumps(extract(path)), encoding="utf-8")
        yamls.append(str(target))
    return yamls


def processes(rounds: int, folder: Path) -> None:
    """Rows 1 and 4: `planparse extract` and `planparse diff` from process start to exit."""
    # An installed planparse has its bytecode; an interpreter run with PYTHONDONTWRITEBYTECODE (this machine
    # sets it) never writes it, and would compile every module of planparse on every start (~40 ms).
    import planparse

    compileall.compile_dir(Path(planparse.__file__).parent, quiet=1)
    yamls = [str(folder / f"{path.stem}.yaml") for path in (TEMPLATE, LOCAL)]
    commands = {
        "bare": [PYTHON, "-c", "pass"],
        "yaml": [PYTHON, "-c", "import yaml"],
        "extract": [*PLANPARSE, "extract", str(ONE_PLAN)],
        "diff texts": [*PLANPARSE, "diff", str(TEMPLATE), str(LOCAL)],
        "diff yamls": [*PLANPARSE, "diff", *yamls],
    }
    runs = interleaved({name: (lambda argv=argv: run_process(argv)) for name, argv in commands.items()}, rounds)
    cpu = {name: median([u.cpu for u in usages]) for name, usages in runs.items()}
    wall = {name: median([u.wall for u in usages]) for name, usages in runs.items()}
    print(f"  reference, median of {rounds}: python -c pass {cpu['bare'] * 1000:.0f} ms CPU "
          f"({wall['bare'] * 1000:.0f} ms wall), python -c 'import yaml' {cpu['yaml'] * 1000:.0f} ms CPU "
          f"({wall['yaml'] * 1000:.0f} ms wall)")

    def measured(name: str) -> str:
        return f"{cpu[name]:.3f} s CPU (wall {wall[name]:.3f} s)"

    def ratios(name: str) -> str:
        return (f"{cpu[name] / cpu['bare']:.1f}× pass, {cpu[name] / cpu['yaml']:.1f}× import yaml "
                f"(wall {wall[name] / wall['yaml']:.1f}× import yaml)")

    row(f"planparse extract one plan ({ONE_PLAN.name}), process", measured("extract"), ratios("extract"),
        "≤ 0.15 s, ≤ 4× import yaml", cpu["extract"] <= 0.15 and cpu["extract"] <= 4 * cpu["yaml"])
    row("planparse diff Nanyang→Baofeng texts, process", measured("diff texts"), ratios("diff texts"),
        "≤ 0.2 s", cpu["diff texts"] <= 0.2)
    row("planparse diff Nanyang→Baofeng YAMLs, process", measured("diff yamls"), ratios("diff yamls"),
        "≤ 0.2 s", cpu["diff yamls"] <= 0.2)


def throughput(rounds: int) -> None:
    """Row 2: in-process extraction of the five plans repeated to 10 MB, without and with YAML output."""
    from planparse import dumps, extract

    corpus = [path.read_bytes() for path in PLANS]
    repeat = -(-10 * MB // sum(map(len, corpus)))
    total = repeat * sum(map(len, corpus)) / MB
    extract(corpus[0], name="warm-up.txt")  # imports, regex caches

    def each(work: Callable[[bytes, str], object]) -> Callable[[], float]:
        return lambda: cpu_of(lambda: [work(data, path.name) for _ in range(repeat)
                                       for data, path in zip(corpus, PLANS)])

    # The file of many short measures (hardening finding F21), where the work per measure dominates: about 2 MB.
    many = m4000().encode("utf-8")
    many_repeat = -(-2 * MB // len(many))

    seconds = interleaved({
        "floor": each(lambda data, name: floor(data)),
        "extract": each(lambda data, name: extract(data, name=name)),
        "extract+yaml": each(lambda data, name: dumps(extract(data, name=name))),
        "m4000": lambda: cpu_of(lambda: [extract(many, name="m4000.txt") for _ in range(many_repeat)]),
    }, rounds)
    rate = {name: total / median(values) for name, values in seconds.items()}
    rate["m4000"] = many_repeat * len(many) / MB / median(seconds["m4000"])
    print(f"  floor: {rate['floor']:.0f} MB/s CPU over {total:.1f} MB, median of {rounds}")
    row("in-process extraction, five plans to 10 MB", f"{rate['extract']:.1f} MB/s CPU",
        f"{rate['floor'] / rate['extract']:.0f}× slower than the floor", "≥ 20 MB/s", rate["extract"] >= 20)
    row("in-process extraction with YAML output", f"{rate['extract+yaml']:.1f} MB/s CPU",
        f"{rate['floor'] / rate['extract+yaml']:.0f}× slower than the floor", "≥ 10 MB/s",
        rate["extract+yaml"] >= 10)
    row("in-process extraction, 4,000 one-line measures", f"{rate['m4000']:.2f} MB/s CPU",
        f"{rate['floor'] / rate['m4000']:.0f}× slower than the floor", "—", None)


def profile() -> None:
    """Row 3: where extraction spends its time (self time), and the collector's share at 10 MB."""
    from planparse import dumps, extract

    corpus = [(path.read_bytes(), path.name) for path in PLANS]
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(3):
        for data, name in corpus:
            extract(data, name=name)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:6]  # type: ignore[attr-defined]
    shares = ", ".join(f"{_function(key)} {value[2] / total:.0%}" for key, value in top)
    row("top self time in extract (cProfile)", shares, "", "—", None)

    data = big_plan(10 * MB).encode("utf-8")
    collector = _CollectorClock()
    with collector:
        start = time.process_time()
        plan = extract(data, name="big.txt")
        extracting = time.process_time() - start
    in_extract = collector.seconds
    collector.seconds = 0.0
    with collector:
        dumping = cpu_of(lambda: dumps(plan))
    row("garbage collector's share, 10 MB plan", f"extraction {in_extract / extracting:.0%}, "
        f"YAML dump {collector.seconds / dumping:.0%}", f"extract {extracting:.1f} s, dump {dumping:.1f} s CPU",
        "—", None)


def _function(key: tuple[str, int, str]) -> str:
    file, _line, name = key
    module = Path(file).stem if file != "~" else ""
    return f"{module}.{name}" if module else name


class _CollectorClock:
    """CPU time spent inside the cyclic garbage collector while the block runs (gc.callbacks)."""

    def __init__(self):
        self.seconds = 0.0
        self._started = 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started

    def __enter__(self):
        gc.callbacks.append(self._callback)

    def __exit__(self, *exc):
        gc.callbacks.remove(self._callback)


def diff_side(rounds: int, folder: Path) -> None:
    """Row 4's in-process half: loading the two YAML files against extracting the two texts; and
    hardening finding F21: `diff X X` of 4,000 one-line measures."""
    from planparse import diff, extract, load

    yamls = [folder / f"{path.stem}.yaml" for path in (TEMPLATE, LOCAL)]
    seconds = interleaved({
        "load": lambda: cpu_of(lambda: [load(path) for path in yamls]),
        "extract": lambda: cpu_of(lambda: [extract(path) for path in (TEMPLATE, LOCAL)]),
    }, rounds)
    loading, extracting = median(seconds["load"]), median(seconds["extract"])
    row("diff: load the two YAMLs vs extract the two texts", f"load {loading * 1000:.0f} ms, "
        f"extract {extracting * 1000:.0f} ms CPU", f"load/extract {loading / extracting:.2f}",
        "loading faster than extracting", loading < extracting)

    path = folder / "m4000.txt"
    path.write_text(m4000(), encoding="utf-8")
    diff(path, path)  # warm
    whole = [cpu_of(lambda: diff(path, path)) for _ in range(3)]
    once = [cpu_of(lambda: extract(path)) for _ in range(3)]
    row("F21: diff X X, 4,000 one-line measures, in-process", f"{median(whole):.2f} s CPU",
        f"of which one extraction {median(once):.2f} s", "≤ ~1 s", median(whole) <= 1.0)


def compare_rows(sizes: list[int], jobs: int) -> None:
    """Row 5: compare N generated plans of ~80 measures against a 150-measure template (bench_compare)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import bench_compare

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        bench_compare.generate(folder, max(sizes))
        paths = sorted(folder.glob("local-*.txt"))
        results = []
        for n in sizes:
            data = b"".join(path.read_bytes() for path in paths[:n])
            floor_seconds = median([cpu_of(lambda data=data: floor(data)) for _ in range(5)])
            output, _ = run_measured([PYTHON, bench_compare.__file__, "--run", str(folder), str(n), "--jobs", str(jobs)])
            result = json.loads(output)
            results.append(result)
            memory = result["peak_mb_main"] + jobs * result["peak_mb_worker"]
            row(f"compare {n} plans vs a 150-measure template, {jobs} jobs",
                f"{result['cpu_seconds']:.1f} s CPU (≥ {result['cpu_seconds'] / jobs:.1f} s on {jobs} free cores; "
                f"wall {result['seconds']:.1f} s), {memory:.0f} MB (main {result['peak_mb_main']} + {jobs} × "
                f"worker {result['peak_mb_worker']})",
                f"{result['cpu_seconds'] / floor_seconds:.0f}× the floor",
                "≤ 10 s, ≤ 500 MB" if n == 3000 else "—",
                result["cpu_seconds"] / jobs <= 10 and memory <= 500 if n == 3000 else None)
        if len(results) > 1:
            per_plan = [r["cpu_seconds"] / r["plans"] for r in results]
            row("compare: CPU per plan, smallest → largest size",
                " → ".join(f"{p * 1000:.1f} ms" for p in per_plan), f"largest/smallest {per_plan[-1] / per_plan[0]:.2f}",
                "linear (≤ 1.2)", per_plan[-1] / per_plan[0] <= 1.2)


def memory(size_mb: int, folder: Path) -> None:
    """Row 6: peak memory of `planparse extract` of one large plan to YAML, against reading it (the floor)."""
    path = folder / "big.txt"
    path.write_text(big_plan(size_mb * MB), encoding="utf-8")
    _, bare = run_measured([PYTHON, "-c", "pass"])
    _, reading = run_measured([PYTHON, "-c", f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
                                             f"import bench_all; bench_all.floor(open({str(path)!r}, 'rb').read())"])
    _, extracting = run_measured([*PLANPARSE, "extract", str(path), "-o", str(folder / "big.yaml")])
    row(f"peak memory, a {path.stat().st_size / MB:.0f} MB plan to YAML (process)",
        f"{extracting.peak_mb:.0f} MB ({extracting.cpu:.0f} s CPU)",
        f"{extracting.peak_mb / reading.peak_mb:.1f}× the floor ({reading.peak_mb:.0f} MB), "
        f"bare python {bare.peak_mb:.0f} MB", "≤ 600 MB", extracting.peak_mb <= 600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=11, help="rounds of the process and diff-side loops")
    parser.add_argument("--throughput-rounds", type=int, default=3)
    parser.add_argument("--compare-plans", type=int, nargs="*", default=[1000, 3000],
                        help="compare sizes (none: skip the compare rows)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--memory-mb", type=int, default=50, help="size of the large plan (0: skip)")
    parser.add_argument("--only", nargs="*", choices=SECTIONS, default=SECTIONS, help="run only these rows")
    arguments = parser.parse_args()
    import planparse

    print(f"planparse from {Path(planparse.__file__).parent}, python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        only = set(arguments.only)
        if "processes" in only or "diff" in only:
            _write_yamls(folder)
        if "processes" in only:
            processes(arguments.rounds, folder)
        if "throughput" in only:
            throughput(arguments.throughput_rounds)
        if "profile" in only:
            profile()
        if "diff" in only:
            diff_side(arguments.rounds, folder)
        if "compare" in only and arguments.compare_plans:
            compare_rows(arguments.compare_plans, arguments.jobs)
        if "memory" in only and arguments.memory_mb:
            memory(arguments.memory_mb, folder)
    print("\n| what | measured | ratio | goal | |\n|---|---|---|---|---|")
    for r in ROWS:
        print(f"| {r.what} | {r.measured} | {r.ratios} | {r.goal} | "
              f"{ {True: 'holds', False: '**missed**', None: ''}[r.holds]} |")


if __name__ == "__main__":
    main()
