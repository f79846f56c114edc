"""diff on real template → local pairs: the corpus beside the project (../shared/corpus, documents nobody on
the team wrote) with its hand-decided alignments (gold/align_*.yaml) and ours (tests/gold/align/), scored by
the corpus's own scorer (score_align.py, the rules acceptance uses). Read, never copied; skipped where the
folder is absent. Set PLANPARSE_CORPUS to point elsewhere."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
import yaml

from planparse.align import diff

from .conftest import ROOT

CORPUS = Path(os.environ.get("PLANPARSE_CORPUS", ROOT.parent / "shared" / "corpus"))
GOLD = ((sorted((CORPUS / "gold").glob("align_*.yaml")) if CORPUS.is_dir() else [])
        + sorted((ROOT / "tests" / "gold" / "align").glob("align_*.yaml")))

# Link F1 and partial-link precision reached on each pair (benchmarks/bench_linkers.py prints them), less a
# margin: they may only rise.
FLOORS = {
    "align_c01_c02": (0.88, 0.95),
    "align_c03_c04": (0.92, 0.70),
    "align_c10_c11": (0.93, 0.95),
    "align_c05_c06": (0.90, 0.95),
    "align_c07_c08": (0.92, 0.95),
    "align_c07_c09": (0.52, 0.45),
    "align_c16_c17": (0.87, 0.95),
    "align_c38_c05": (0.33, 0.95),
}
# score_align.py's line: "… | links P 0.92 R 0.80 F1 0.86 (…) | … | partial P 0.50 R …"
_FIGURES = re.compile(r"\| links P [\d.]+ R [\d.]+ F1 (?P<f1>[\d.]+) .*\| partial P (?P<partial>[\d.]+) "
                      r"R [\d.]+ F1 [\d.]+ \((?P<hits>\d+)/(?P<found>\d+) pred")


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score_align", CORPUS / "score_align.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
@pytest.mark.parametrize("gold_path", GOLD, ids=lambda path: path.stem)
def test_links_on_a_real_pair_hold_their_figures(gold_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    report = diff(CORPUS / gold["template"], CORPUS / gold["local"]).model_dump(mode="json", by_alias=True)
    line = _scorer().score(report, gold, gold_path.stem)
    figures = _FIGURES.search(line)
    f1_floor, partial_floor = FLOORS[gold_path.stem]
    assert float(figures["f1"]) >= f1_floor, line
    # partial links are few: precision over those found (none found is no failure of precision)
    if int(figures["found"]):
        assert int(figures["hits"]) / int(figures["found"]) >= partial_floor, line
