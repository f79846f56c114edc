"""Golden files: data/structured/<plan>.yaml is the reviewed extraction of data/raw/<plan>.txt.

Regenerate with `pytest tests/test_golden.py --update-golden`, then read `git diff data/structured`
before committing. A run with the flag fails on purpose, and a missing golden file is a failure."""

from __future__ import annotations

import pytest

from planparse import dumps, extract

from .conftest import RAW_PLANS, STRUCTURED


@pytest.mark.parametrize("raw", RAW_PLANS, ids=lambda p: p.stem)
def test_extraction_matches_golden_file(raw, update_golden):
    produced = dumps(extract(raw, name=f"data/raw/{raw.name}"))
    golden = STRUCTURED / f"{raw.stem}.yaml"
    if update_golden:
        golden.write_text(produced, encoding="utf-8")
        pytest.fail(f"rewrote {golden.name}: review `git diff data/structured` and run again without the flag")
    assert golden.exists(), f"missing golden file {golden}: run pytest --update-golden and review it"
    assert produced == golden.read_text(encoding="utf-8")
