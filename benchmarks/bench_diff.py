"""Benchmark `diff` (run on demand, never in the test suite).

    python benchmarks/bench_diff.py

Targets (issue 3): Nanyang vs Baofeng, process start→exit < 1 s; in-process < 0.1 s. Prints medians of
the CLI (plan texts → JSON and → terminal, and YAML inputs made by `extract`) and of the library call
(from paths, extraction included; from Plan objects, alignment only; with --detail, jieba warm); and
(issue 14, F21) the CLI's `diff X X --format json` of 1,000, 2,000 and 4,000 one-line measures.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data/raw/nanyang-2022.txt"
LOCAL = ROOT / "data/raw/baofeng-2022-draft.txt"


def _planparse() -> list[str]:
    script = Path(sys.executable).with_name("planparse")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from planparse.cli import main; main()"]


def cli(arguments: list[str], runs: int = 11) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(_planparse() + ["diff", *arguments], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def in_process(call, runs: int = 21) -> list[float]:
    call()  # warm imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def f21_plan(measures: int) -> str:
    """The plan of issue 14's reproducer: one chapter of one-line measures numbered 1..999 over and over."""
    return "一、总体要求\n" + "".join(f"{i % 999 + 1}.推进第{i}项依法行政工作。\n" for i in range(measures))


def _line(label: str, times: list[float]) -> str:
    return (f"{label}: median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms over {len(times)} runs")


if __name__ == "__main__":
    from planparse import dumps, extract
    from planparse.align import diff

    template_plan, local_plan = extract(TEMPLATE), extract(LOCAL)
    print(_line("in-process diff(paths), extraction included", in_process(lambda: diff(TEMPLATE, LOCAL))))
    print(_line("in-process diff(Plan, Plan), alignment only", in_process(lambda: diff(template_plan, local_plan))))
    print(_line("in-process diff(Plan, Plan, detail=True)",
                in_process(lambda: diff(template_plan, local_plan, detail=True))))
    print(_line("planparse diff texts --format json, start→exit", cli([str(TEMPLATE), str(LOCAL), "-f", "json"])))
    print(_line("planparse diff texts (terminal), start→exit", cli([str(TEMPLATE), str(LOCAL)])))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for plan, name in ((template_plan, "nanyang.yaml"), (local_plan, "baofeng.yaml")):
            path = Path(folder) / name
            path.write_text(dumps(plan), encoding="utf-8")
            paths.append(str(path))
        print(_line("planparse diff YAMLs --format json, start→exit", cli([*paths, "-f", "json"])))
        # Issue 14 / hardening finding F21: `diff X X --format json` of n one-line measures, start→exit.
        for n in (1000, 2000, 4000):
            path = Path(folder) / f"m{n}.txt"
            path.write_text(f21_plan(n), encoding="utf-8")
            print(_line(f"F21: planparse diff X X --format json, {n:,} one-line measures, start→exit",
                        cli([str(path), str(path), "-f", "json"], runs=5)))
