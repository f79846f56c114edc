"""diff on the real plans: the hand-checked gold alignments, the 2025 web copy, splits.

Precision and recall are computed on links, a link being a (template number, local number) pair, on
all gold links, full and partial together: a partial link is a link the tool must find, and its kind is
scored separately (printed by `python -m tests.test_diff_plans`, not asserted: telling full from
partial is a judgement the gold README documents case by case).
"""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from planparse.align import diff

from .conftest import ROOT, plan_of

GOLD = ROOT / "tests" / "gold"
PAIRS = [("nanyang-baofeng", "baofeng-2022-draft"), ("nanyang-pingqiao", "pingqiao-2023-fengong")]
# (precision, recall) on all links before the linker of issue 10 (63/69, 63/70 and 46/47, 46/52): they may
# only rise.
FLOORS = {"nanyang-baofeng": (0.913, 0.900), "nanyang-pingqiao": (0.978, 0.884)}


def gold_links(name: str) -> dict[tuple[int, int], str]:
    data = yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))
    return {(link["template"], link["local"]): link["kind"] for link in data["links"]}


def precision_recall(found: dict, gold: dict, kind: str | None = None) -> tuple[float, float]:
    found_set = {pair for pair, k in found.items() if kind is None or k == kind}
    gold_set = {pair for pair, k in gold.items() if kind is None or k == kind}
    hits = len(found_set & gold_set)
    return hits / max(len(found_set), 1), hits / max(len(gold_set), 1)


def found_links(local: str) -> dict[tuple[int, int], str]:
    report = diff(plan_of("nanyang-2022"), plan_of(local))
    return {(link.template, link.local): link.kind for link in report.links}


@pytest.mark.parametrize("gold, local", PAIRS)
def test_links_reach_the_gold_alignment(gold, local):
    precision, recall = precision_recall(found_links(local), gold_links(gold))
    precision_floor, recall_floor = FLOORS[gold]
    assert precision >= precision_floor and recall >= recall_floor, (precision, recall)


@pytest.mark.parametrize("gold, local", PAIRS)
def test_missing_template_measure_matches_gold(gold, local):
    report = diff(plan_of("nanyang-2022"), plan_of(local))
    data = yaml.safe_load((GOLD / f"{gold}.yaml").read_text(encoding="utf-8"))
    assert report.missing == data["missing"] == [5]


def test_a_split_shows_as_several_local_measures():
    report = diff(plan_of("nanyang-2022"), plan_of("baofeng-2022-draft"))
    carried = {measure.template: measure.local for measure in report.measures}
    assert {3, 4, 5} <= set(carried[2])  # 深化“放管服”改革
    assert {12, 13, 14, 15, 18, 19} <= set(carried[7])  # 重大行政决策程序


def test_deadlines_and_targets_the_local_plans_add():
    changes = {(c.template, c.local, c.field, c.from_, c.to)
               for c in diff(plan_of("nanyang-2022"), plan_of("baofeng-2022-draft")).changes}
    assert (22, 54, "deadline", None, "2024年年底前") in changes  # 行政执法协调监督工作体系
    assert (18, 49, "target", None, "达100%") in changes


@pytest.mark.parametrize("name", ["nanyang-2022", "baofeng-2022-draft", "pingqiao-2023-fengong",
                                  "pingdingshan-2021-shifan"])
def test_a_real_plan_against_itself(name):
    report = diff(plan_of(name), plan_of(name))
    assert report.coverage.full == 1.0 and report.changes == [] and report.local_only == []


@pytest.mark.parametrize("name", ["nanyang-2022", "pingqiao-2023-fengong"])
def test_a_plan_diffed_with_itself_is_reported_as_against_a_copy(name, tmp_path):
    """`diff X X` reads X once and both sides share its measures, units and outline (and the report its
    duties): the report is the one two readings of the same text give."""
    import planparse

    plan = plan_of(name)
    assert diff(plan, plan) == diff(plan, plan.model_copy(deep=True))
    path = ROOT / "data" / "raw" / f"{name}.txt"
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    itself, with_copy = planparse.diff(str(path), str(path)), planparse.diff(str(path), str(copy))
    assert with_copy.local.file == str(copy)
    assert itself == with_copy.model_copy(update={"local": with_copy.local.model_copy(update={"file": str(path)})})


@pytest.fixture(scope="module")
def web_report():
    return diff(plan_of("nanyang-2022"), plan_of("nanyang-2025-web"), detail=True)


def test_the_web_copy_matches_one_to_one(web_report):
    assert [(link.template, link.local, link.kind) for link in web_report.links] == \
        [(n, n, "full") for n in range(1, 27)]
    assert web_report.coverage.full == 1.0 and web_report.local_only == []


def test_the_web_copy_lists_the_genuine_wording_changes(web_report):
    wording = {(change.template, change.from_, change.to) for change in web_report.changes
               if change.field == "wording"}
    assert (10, "安全隐患", "风险隐患") in wording
    assert (9, "县（市、区）", "市、区") in wording
    # …and not the stripped commas and brackets, nor the OCR slips (十 for +, C for 〔).
    assert len(wording) <= 6, wording
    for _, before, after in wording:
        assert _letters(before) != _letters(after)
        assert "十" not in (after or "") and "C" not in (after or "")


def _letters(text: str | None) -> str:
    return "".join(c for c in (text or "") if unicodedata.category(c)[0] in "LN")


def test_the_web_copy_details_cover_every_pair(web_report):
    assert len(web_report.details) == 26
    changed = {detail.template for detail in web_report.details
               if any(segment.op != "equal" for segment in detail.segments)}
    assert {9, 10} <= changed and len(changed) <= 6


if __name__ == "__main__":  # python -m tests.test_diff_plans: the figures for the notes
    for gold_name, local_name in PAIRS:
        found, gold = found_links(local_name), gold_links(gold_name)
        row = [f"{kind or 'all'} P={p:.3f} R={r:.3f}" for kind in ("full", "partial", None)
               for p, r in [precision_recall(found, gold, kind)]]
        print(f"{gold_name}: " + "  ".join(row) + f"  (found {len(found)}, gold {len(gold)})")
        print("  missed:", sorted(set(gold) - set(found)))
        print("  extra: ", sorted(set(found) - set(gold)))
