"""jsontext.dumps writes what json.dumps writes with an indent, byte for byte, on every value json accepts; so
does pydantic's writer on the diff and compare reports (render/json.py)."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse import jsontext


class Level(IntEnum):
    high = 2


class Word(StrEnum):
    must = "必须"


class Ratio(float):
    pass


TRICKY = [
    None, True, False, 0, -1, 2**100, -(2**70), Level.high,
    0.0, -0.0, 0.1, 1e16, 1.5e-7, 123456789.123, math.nan, math.inf, -math.inf, Ratio(2.5),
    "", "推进依法行政", "tab\there", "line\nbreak", "\x00\x01\x1f\x7f", 'quote " and \\ backslash',
    "\u2028\u2029", "\ud800 lone surrogate", "emoji 🙂", Word.must,
    [], {}, [[]], [{}], {"a": []}, {"a": {}}, (1, "二", None), [1, [2, [3, []]]],
    {"key": "值", "nested": {"list": [1, 2.5, None, True], "empty": [], "map": {}}},
    {1: "int key", 2.5: "float key", None: "null key", "s": Level.high, Level.high: 0},
    {True: "true key", False: "false key", math.inf: "infinite key"},
    {"中文键": ["行政", {"deep": [[], {}, ""]}]},
]


@pytest.mark.parametrize("ensure_ascii", [False, True])
@pytest.mark.parametrize("indent", [0, 2, 4])
@pytest.mark.parametrize("value", TRICKY, ids=repr)
def test_it_writes_what_json_writes(value, indent, ensure_ascii):
    expected = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    assert jsontext.dumps(value, indent=indent, ensure_ascii=ensure_ascii) == expected


def test_a_whole_nested_document_is_the_same_text():
    document = {"items": TRICKY, "by_name": {str(n): value for n, value in enumerate(TRICKY)}}
    assert jsontext.dumps(document, ensure_ascii=False) == json.dumps(document, ensure_ascii=False, indent=2)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES, st.booleans())
def test_any_json_value_is_the_same_text(value, ensure_ascii):
    assert jsontext.dumps(value, ensure_ascii=ensure_ascii) == json.dumps(value, indent=2, ensure_ascii=ensure_ascii)


@pytest.mark.parametrize("value", [{"a": object()}, [b"bytes"], {(1, 2): "tuple key"}, {1j}])
def test_what_json_refuses_it_refuses(value):
    with pytest.raises(TypeError):
        json.dumps(value, indent=2)
    with pytest.raises(TypeError):
        jsontext.dumps(value)


def _json_of(report) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=200, deadline=None)
@given(shares=st.lists(st.integers(0, 10_000), min_size=3, max_size=3), scores=st.lists(st.integers(0, 1000), max_size=4),
       text=st.text(), key=st.integers(0, 2**40) | st.text(max_size=6))
def test_a_diff_and_a_compare_report_are_written_as_json_writes_them(shares, scores, text, key):
    """render/json.py writes diff and compare reports with pydantic's own JSON writer: their floats, shares
    (4 places) and scores (3 places) in [0, 1], and any text come out as json.dumps writes them."""
    from planparse.models import diff as models
    from planparse.render import render

    coverage = models.Coverage(full=round(shares[0] / 10_000, 4), partial=round(shares[1] / 10_000, 4),
                               missing=round(shares[2] / 10_000, 4))
    ref = models.PlanRef(file=text, title=text or None, measures=len(scores))
    diff = models.DiffReport(
        template=ref, local=ref, coverage=coverage, counts=models.Counts(full=1, partial=0, missing=0, total=1),
        measures=[models.TemplateMeasure(template=key, headline=text, status="full", local=[key], text=text)],
        links=[models.Link(template=key, local=key, kind="partial", score=round(score / 1000, 3)) for score in scores],
        missing=[key], local_only=[text])
    compare = models.CompareReport(template=ref, plans=[models.PlanCoverage(plan=ref, coverage=coverage,
                                                                            statuses=["missing"])])
    for report in (diff, compare):
        assert render(report, "json") == _json_of(report)


def test_a_report_s_nan_infinities_and_lone_surrogates_are_written_as_json_writes_them():
    """(pydantic's writer refuses a lone surrogate, which a YAML's "\\ud800" makes: json's writes it)"""
    from planparse.models.diff import CompareReport, Coverage, PlanCoverage, PlanRef
    from planparse.render import render

    coverage = Coverage(full=math.nan, partial=math.inf, missing=-math.inf)
    for name in ("a", "lone \ud800 surrogate"):
        report = CompareReport(template=PlanRef(file=name),
                               plans=[PlanCoverage(plan=PlanRef(file="b"), coverage=coverage, statuses=[])])
        assert render(report, "json") == _json_of(report)
