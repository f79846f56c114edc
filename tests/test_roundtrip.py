"""Deterministic output: the same input gives the same bytes; load → dump is the identity."""

from __future__ import annotations

import pytest

from planparse import dumps, extract, load
from planparse.models import ExtractionWarning
from planparse.yamlio import loads_plan

from .conftest import RAW_PLANS, STRUCTURED


@pytest.mark.parametrize("raw", RAW_PLANS, ids=lambda p: p.stem)
def test_extracting_twice_gives_identical_yaml(raw):
    assert dumps(extract(raw)) == dumps(extract(raw))


@pytest.mark.parametrize("raw", RAW_PLANS, ids=lambda p: p.stem)
def test_load_then_dump_is_the_identity(raw):
    golden = STRUCTURED / f"{raw.stem}.yaml"
    assert dumps(load(golden)) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("raw", RAW_PLANS[:1], ids=lambda p: p.stem)
def test_json_output_loads_back_to_the_same_plan(raw):
    plan = extract(raw)
    assert loads_plan(dumps(plan, "json")) == plan


def test_libyaml_and_pure_python_emitters_write_the_same_bytes():
    from planparse.yamlio import PURE_PYTHON_DUMPER

    from .conftest import LAYOUT_DOCS

    for source in RAW_PLANS + LAYOUT_DOCS:
        plan = extract(source)
        assert dumps(plan) == dumps(plan, dumper=PURE_PYTHON_DUMPER), source.name


def test_a_plan_is_written_as_yaml_dump_writes_its_data():
    """dumps writes a plan's YAML straight from its models; the bytes are those of dumping its data, with
    either emitter (a table plan's tabs make it unfolded)."""
    import yaml

    from planparse.yamlio import _DUMPER, _UNFOLDED, PURE_PYTHON_DUMPER, _has_tab

    from .conftest import LAYOUT_DOCS

    for source in RAW_PLANS + LAYOUT_DOCS:
        plan = extract(source)
        data = plan.model_dump(mode="json")
        width = _UNFOLDED if _has_tab(data) else 100
        for dumper in (_DUMPER, PURE_PYTHON_DUMPER):
            expected = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=width)
            assert dumps(plan, dumper=dumper) == expected, (source.name, dumper)


_ODD_DOCUMENTS = ["", "a: 1\n---\nb: 2\n", "a: &x [1]\nb: *x\n", "a: *y\n", "a: &x 1\n", "a: !!set {x}\n",
                  "a: !!python/object:os.system x\n", "<<: {a: 1}\nb: 2\n", "a: [1, 2\n", "1: x\n", "? [a]\n: b\n",
                  "a: 012\nb: 0x1F\nc: 1_000\nd: 1:30\ne: -5\nf: +5\ng: 0\n", "a: 1.5\nb: .inf\nc: 2021-05-25\nd: No\n"
                  "e: ~\nf: ''\ng: !!str 12\nh: !!binary aGVsbG8=\n", "- a\n- {b: [c, d]}\n", "a: 1\na: 2\n", "x\n",
                  # keys: a quoted key known as text must not make the same word plain text (`on` is a boolean)
                  "'on': 1\n\"null\": 2\non: 3\n", "a: 1\n? !!str b\n: 2\n? !!int 3\n: c\n", "[a, [b, {c: [d]}], []]\n",
                  "a: {}\nb: []\nc: [{}, {d: e}]\n"]


@pytest.mark.parametrize("document", _ODD_DOCUMENTS + [path.read_text(encoding="utf-8")
                                                       for path in sorted(STRUCTURED.glob("*.yaml"))[:2]])
def test_loading_reads_what_the_safe_loader_reads(document):
    """load builds a plan's data from the parser's events and leaves what planparse never writes to
    yaml.load: either way the data, or the error, is the safe loader's."""
    import yaml

    from planparse.yamlio import _LOADER, _load_data

    assert _yaml_outcome(_load_data, document) == _yaml_outcome(lambda text: yaml.load(text, Loader=_LOADER), document)


def test_a_schema_version_1_file_still_loads():
    """Version 2 added fields; a version 1 file (as written by planparse 0.1) loads and reads as version 3."""
    current = (STRUCTURED / "nanyang-2022.yaml").read_text(encoding="utf-8")
    old = current.replace("schema_version: 3\n", "schema_version: 1\n")
    # Drop what version 1 did not have: region_code, the region_parents block, and each chapter's part.
    kept, skipping = [], False
    for line in old.split("\n"):
        if line.startswith("  region_code:") or line.startswith("  region_parents:"):
            skipping = line.startswith("  region_parents:") and not line.endswith("[]")
            continue
        if (skipping and line.startswith("  - ")) or (skipping and line.startswith("    ")):
            continue
        skipping = False
        if line.strip() != "part: body":
            kept.append(line)
    old = "\n".join(kept)
    assert "region_code" not in old and "part: body" not in old
    plan = loads_plan(old)
    assert plan.schema_version == 3 and plan.meta.region == "南阳市" and plan.meta.region_code is None
    expected = loads_plan(current)
    expected.meta.region_code, expected.meta.region_parents = None, []
    assert plan == expected


def test_a_schema_version_2_file_with_string_warnings_still_loads():
    """Version 3 made each warning a mapping (code, line, message); the strings of a version 2 file load as
    `legacy` warnings, their `line N: ` read into `line`, and read as they were written."""
    current = (STRUCTURED / "nanyang-2025-web.yaml").read_text(encoding="utf-8")
    written = ["line 29: numbering: measure 3 follows 1; 2 is missing",
               "13 sections recognised from unmarked heading lines (lines 15, 25): check them by hand"]
    old = current[:current.index("\nwarnings:\n")].replace("schema_version: 3\n", "schema_version: 2\n") \
        + "\nwarnings:\n" + "".join(f"- '{warning}'\n" for warning in written)
    plan = loads_plan(old)
    assert plan.schema_version == 3
    assert plan.warnings == [
        ExtractionWarning(code="legacy", line=29, message="numbering: measure 3 follows 1; 2 is missing"),
        ExtractionWarning(code="legacy", line=None, message=written[1])]
    assert [str(warning) for warning in plan.warnings] == written
    expected = loads_plan(current)
    expected.warnings = plan.warnings
    assert plan == expected


def _yaml_outcome(read, document: str) -> str:
    """What reading the document gives: its data, or the error (a YAML error with its message)."""
    import yaml

    try:
        return repr(read(document))
    except yaml.YAMLError as error:
        return f"{type(error).__name__}: {error}"
    except Exception as error:  # the alias refusal
        return type(error).__name__


def _scalars():
    from hypothesis import strategies as st

    # words YAML 1.1 reads as something other than text when plain, beside ordinary text and numbers
    odd = st.sampled_from(["on", "off", "yes", "No", "null", "~", "true", "1", "012", "1_000", "1:30", "0x1F", ".inf",
                           "2021-05-25", "-", "", "a: b", "#x", "[", "措施", "text", "number"])
    return st.one_of(odd, st.text(max_size=6), st.integers(-10**6, 10**6), st.none(), st.booleans(),
                     st.floats(allow_nan=False))


@pytest.mark.parametrize("flow", [False, None, True])
def test_loading_any_data_reads_what_the_safe_loader_reads(flow):
    """Property: whatever data yaml writes (keys that YAML reads as booleans, numbers or null, quoted or not;
    nested and empty lists and mappings; block or flow style), load's own reading of the events and yaml.load
    give the same data, or the same error."""
    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from planparse.yamlio import _LOADER, _load_data

    data = st.recursive(_scalars(), lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_scalars(), inner, max_size=4)), max_leaves=12)

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(data)
    def check(value):
        document = yaml.dump(value, allow_unicode=True, default_flow_style=flow)
        assert _yaml_outcome(_load_data, document) == _yaml_outcome(lambda text: yaml.load(text, Loader=_LOADER),
                                                                   document)

    check()
