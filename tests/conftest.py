from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
STRUCTURED = ROOT / "data" / "structured"
RAW_PLANS = sorted(RAW.glob("*.txt"))
LAYOUTS = ROOT / "tests" / "layouts"
# Test documents written for one layout each (the golden YAML sits beside them as <doc>.<ext>.yaml).
LAYOUT_DOCS = sorted(p for p in LAYOUTS.iterdir() if p.suffix in (".txt", ".md", ".tsv", ".docx", ".pdf"))
FIXTURES = ROOT / "tests" / "fixtures"
# Word and PDF documents (made by tests/fixtures/make_fixtures.py) that extract into golden YAML too.
FORMAT_DOCS = [FIXTURES / name for name in ("auto-numbered.docx", "task-table.docx", "text-layer.pdf")]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite data/structured/*.yaml from a fresh extraction (then review `git diff`).")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


_cache: dict[str, object] = {}


def plan_of(name: str):
    """Extract data/raw/<name>.txt once per test session."""
    from planparse import extract

    if name not in _cache:
        _cache[name] = extract(RAW / f"{name}.txt")
    return _cache[name]


# Property tests run the same examples on every run and machine: a test that can fail at random is a
# defect. Longer random searches run on demand (benchmarks/fuzz.py, PLANPARSE_PROPERTY_EXAMPLES).
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("deterministic", derandomize=True, database=None)
_hypothesis_settings.load_profile("deterministic")
