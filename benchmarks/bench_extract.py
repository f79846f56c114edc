"""Benchmark extraction speed (run on demand, never in the test suite).

    python benchmarks/bench_extract.py            # in-process MB/s over ~10 MB, and CLI start→exit median

Figures go in the PR note; targets (issue 2): CLI < 0.5 s median for one plan, in-process ≥ 2 MB/s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = sorted((ROOT / "data" / "raw").glob("*.txt"))


def in_process(target_bytes: int = 10 * 2**20) -> float:
    from planparse import extract_text

    texts = [p.read_text(encoding="utf-8") for p in RAW]
    extract_text(texts[0])  # warm imports and regex caches
    done = 0
    start = time.perf_counter()
    while done < target_bytes:
        for text in texts:
            extract_text(text)
            done += len(text.encode("utf-8"))
    elapsed = time.perf_counter() - start
    return done / elapsed / 2**20


def cli(runs: int = 11) -> list[float]:
    planparse = Path(sys.executable).with_name("planparse")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(planparse), "extract", str(ROOT / "data/raw/pingdingshan-2021-shifan.txt")],
                       check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    rate = in_process()
    print(f"in-process extraction: {rate:.2f} MB/s over 10 MB of the five plans")
    times = cli()
    print(f"planparse extract (largest plan, 88 KB), process start→exit: median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s over {len(times)} runs")
