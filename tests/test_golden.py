"""Golden files: data/structured/<plan>.yaml is the reviewed extraction of data/raw/<plan>.txt, and
tests/layouts/<doc>.<ext>.yaml (and tests/fixtures/…) that of each layout test document beside it.

Regenerate with `pytest tests/test_golden.py --update-golden`, then read `git diff` of the YAML
before committing. A run with the flag fails on purpose, and a missing golden file is a failure."""

from __future__ import annotations

import pytest

from planparse import dumps, extract
from planparse.models import Deadline, Measure, Plan

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


@pytest.mark.parametrize("source", [source for source, _ in CASES], ids=lambda p: p.name)
def test_extracted_plan_is_what_validating_it_gives(source):
    """Measures are built without validation (Model.trusted): validating the plan again changes nothing."""
    plan = extract(source)
    again = Plan.model_validate(plan.model_dump())
    assert again == plan
    for measure, validated in zip(plan.iter_measures(), again.iter_measures(), strict=True):
        assert list(measure.__dict__) == list(validated.__dict__)  # the fields in schema order
        assert measure.model_fields_set == validated.model_fields_set


def test_trusted_needs_every_field_and_gives_what_validation_gives():
    values = dict(number=3, marker="3.", label=None, headline="推进", text="推进。", lines=(3, 4),
                  recognized_by="1.", lead_units=["县司法局"], participating_units=[], responsible_units=[],
                  deadlines=[Deadline(text="2022年底前", date="2022-12-31")], recurring=[], targets=[],
                  citations=[], tasks=[], items=[])
    trusted, validated = Measure.trusted(**values), Measure(**values)
    assert trusted == validated and repr(trusted) == repr(validated)
    assert trusted.model_fields_set == validated.model_fields_set
    with pytest.raises(TypeError, match="lines"):
        Measure.trusted(**{name: value for name, value in values.items() if name != "lines"})


# The real documents beside the project, when they are there (read, never copied): their task tables are
# the ones that ended a chapter above its last row.
_CORPUS = ROOT.parent / "shared" / "corpus"
_CORPUS_DOCS = sorted(p for p in _CORPUS.glob("c*") if p.suffix in (".md", ".txt")) if _CORPUS.is_dir() else []


@pytest.mark.parametrize("source", [source for source, _ in CASES] + _CORPUS_DOCS, ids=lambda p: p.name)
def test_every_nodes_lines_hold_its_childrens(source):
    """A user checks a node against the lines it names: a chapter's range holds its sections' and measures',
    a flattened task table's last row included (it ends at its last cell, below the line it starts on)."""
    plan = extract(source)

    def holds(outer, inner) -> bool:
        return outer.lines[0] <= inner.lines[0] and inner.lines[1] <= outer.lines[1]

    for chapter in plan.chapters:
        for section in chapter.sections:
            assert holds(chapter, section), (chapter.title, section.title)
            assert all(holds(section, measure) for measure in section.measures), section.title
        assert all(holds(chapter, measure) for measure in chapter.measures), chapter.title
