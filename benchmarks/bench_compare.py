"""Benchmark `compare` (run on demand, never in the test suite).

    python benchmarks/bench_compare.py                   # 300, 1000 and 3000 plans, 2 processes
    python benchmarks/bench_compare.py --plans 3000 --jobs 2

Target (issue 3): 3,000 local plans of about 80 measures against a 150-measure template in under 60 s on
2 cores and under 1 GB. The plans are generated (fixed seed) from the real plans in data/raw: the template
is 150 measures of Nanyang, Pingdingshan, Baofeng and Pingqiao; each local plan samples 75 of them,
rewords them (synonyms, a dropped clause, other deadlines and figures), splits some and merges others,
adds about 15 measures of its own, shuffles them and is written as a plan text, so `compare` extracts it.

Each size runs in a fresh process (`compare(template, paths, jobs=…)`, files to matrix), which reports
wall time, CPU time (itself + its worker processes: what a busy machine cannot steal) and peak resident
memory of the main process and of the largest worker (resource.getrusage; the sum bounds the total).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SEED = 20240601
SYNONYMS = [("推进", "推动"), ("加强", "强化"), ("健全", "完善"), ("全面", "切实"), ("建立", "建设"),
            ("各级", "全县"), ("全市", "全县"), ("市政府", "县政府"), ("落实", "执行"), ("提升", "提高")]
_CLAUSE = re.compile(r"(?<=[，；])")
_YEAR = re.compile(r"20(2[2-5])年")
_PERCENT = re.compile(r"(\d+)%")


def _first_paragraph(text: str) -> str:
    # A 示范 indicator's statement, without its 工作任务/责任单位 lines.
    return text.split("\n")[0]


def source_measures() -> tuple[list[str], list[str]]:
    """(150 template measure texts, a pool of other measures for local plans to add)."""
    from planparse import extract

    def texts(name: str) -> list[str]:
        return [_first_paragraph(m.text) for m in extract(RAW / f"{name}.txt").iter_measures()]

    nanyang, shifan = texts("nanyang-2022"), texts("pingdingshan-2021-shifan")
    baofeng, pingqiao = texts("baofeng-2022-draft"), texts("pingqiao-2023-fengong")
    template = nanyang + shifan + baofeng[65:75] + pingqiao[56:66]
    assert len(template) == 150, len(template)
    return template, baofeng[:65] + pingqiao[:56]


def reword(text: str, rng: random.Random) -> str:
    for before, after in rng.sample(SYNONYMS, 3):
        text = text.replace(before, after)
    clauses = _CLAUSE.split(text)
    if len(clauses) > 3 and rng.random() < 0.5:
        del clauses[rng.randrange(1, len(clauses) - 1)]
    text = "".join(clauses)
    text = _YEAR.sub(lambda m: f"20{int(m.group(1)) + rng.choice((0, 0, 1))}年", text)
    return _PERCENT.sub(lambda m: f"{min(100, int(m.group(1)) + rng.choice((0, 5, 10)))}%", text)


def local_plan(template: list[str], pool: list[str], rng: random.Random, index: int) -> str:
    measures = []
    for text in rng.sample(template, 75):
        text = reword(text, rng)
        sentences = [s for s in text.split("。") if s]
        roll = rng.random()
        if roll < 0.1 and len(sentences) >= 4:  # split
            half = len(sentences) // 2
            measures += ["。".join(sentences[:half]) + "。", "。".join(sentences[half:]) + "。"]
        elif roll < 0.2 and measures:  # merge into the previous measure
            measures[-1] += text
        else:
            measures.append(text)
    measures += [reword(text, rng) for text in rng.sample(pool, 15)]
    rng.shuffle(measures)
    body = "\n\n".join(f"{number}. {text}" for number, text in enumerate(measures, start=1))
    return f"某县法治政府建设实施方案（第{index}号）\n\n一、主要任务\n\n{body}\n"


def template_plan(template: list[str]) -> str:
    body = "\n\n".join(f"{number}. {text}" for number, text in enumerate(template, start=1))
    return f"某市法治政府建设实施方案\n\n一、主要任务\n\n{body}\n"


def generate(folder: Path, plans: int) -> tuple[Path, list[Path]]:
    template, pool = source_measures()
    rng = random.Random(SEED)
    template_path = folder / "template.txt"
    template_path.write_text(template_plan(template), encoding="utf-8")
    paths = []
    for index in range(plans):
        path = folder / f"local-{index:05d}.txt"
        path.write_text(local_plan(template, pool, rng, index), encoding="utf-8")
        paths.append(path)
    return template_path, paths


def run_one(template: str, paths: list[str], jobs: int) -> dict:
    """In this process: compare, then report time and peak memory (self + finished workers)."""
    start = time.perf_counter()
    from planparse.align import compare

    report = compare(template, paths, jobs=jobs)
    elapsed = time.perf_counter() - start
    own_usage = resource.getrusage(resource.RUSAGE_SELF)
    worker_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, workers = own_usage.ru_maxrss / 1024, worker_usage.ru_maxrss / 1024
    cpu = sum(u.ru_utime + u.ru_stime for u in (own_usage, worker_usage))
    measures = sum(row.plan.measures for row in report.plans) / len(report.plans)
    covered = sum(row.coverage.full + row.coverage.partial for row in report.plans) / len(report.plans)
    return {"plans": len(report.plans), "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 1),
            "peak_mb_main": round(own),
            "peak_mb_worker": round(workers), "measures_per_plan": round(measures, 1),
            "template_measures": len(report.measures), "mean_covered": round(covered, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, nargs="*", default=[300, 1000, 3000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--run", nargs=2, metavar=("FOLDER", "N"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run:  # the child process of one measurement
        folder, n = Path(arguments.run[0]), int(arguments.run[1])
        paths = sorted(str(p) for p in folder.glob("local-*.txt"))[:n]
        print(json.dumps(run_one(str(folder / "template.txt"), paths, arguments.jobs)))
        return
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        generate(Path(folder), max(arguments.plans))
        print(f"generated {max(arguments.plans)} plans in {time.perf_counter() - start:.1f} s (seed {SEED})")
        for n in arguments.plans:
            result = subprocess.run([sys.executable, __file__, "--run", folder, str(n), "--jobs", str(arguments.jobs)],
                                    capture_output=True, text=True, check=True)
            print(result.stdout.strip())


if __name__ == "__main__":
    main()
