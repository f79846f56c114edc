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


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF made of numbered object bodies (1 0 obj …, the first the catalog), with a correct xref table."""
    import io

    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


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


def readme_block(holding: str, language: str = "yaml") -> str:
    """The one fenced ```language block of README.md that holds `holding`: tests copy snippets out of the
    README as a reader would, so the README cannot drift from what is tested."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [block for block in re.findall(rf"^```{language}\n(.*?)^```$", readme, flags=re.M | re.S)
              if holding in block]
    assert len(blocks) == 1, f"README.md has {len(blocks)} ```{language} blocks holding {holding!r}"
    return blocks[0]
