"""Golden files: data/structured/<plan>.yaml is the reviewed extraction of data/raw/<plan>.txt, and
tests/layouts/<doc>.<ext>.yaml (and tests/fixtures/…) that of each layout test document beside it.

Regenerate with `pytest tests/test_golden.py --update-golden`, then read `git diff` of the YAML
before committing. A run with the flag fails on purpose, and a missing golden file is a failure."""

from __future__ import annotations

import pytest

from planparse import dumps, extract

from .conftest import FORMAT_DOCS, LAYOUT_DOCS, RAW_PLANS, ROOT, STRUCTURED

CASES = [(raw, STRUCTURED / f"{raw.stem}.yaml") for raw in RAW_PLANS] + [
    (doc, doc.with_suffix(doc.suffix + ".yaml")) for doc in LAYOUT_DOCS + FORMAT_DOCS]


@pytest.mark.parametrize(("source", "golden"), CASES, ids=lambda p: p.name)
def test_extraction_matches_golden_file(source, golden, update_golden):
    produced = dumps(extract(source, name=source.relative_to(ROOT).as_posix()))
    if update_golden:
        golden.write_text(produced, encoding="utf-8")
        pytest.fail(f"rewrote {golden.name}: review `git diff` and run again without the flag")
    assert golden.exists(), f"missing golden file {golden}: run pytest --update-golden and review it"
    assert produced == golden.read_text(encoding="utf-8")
