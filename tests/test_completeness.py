"""Nothing is lost and nothing is doubled: every non-blank character of the input is in exactly one
place of the plan, or in `dropped` with its reason."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse import extract_text
from planparse.completeness import compare

from .conftest import RAW_PLANS, plan_of


@pytest.mark.parametrize("raw", RAW_PLANS, ids=lambda p: p.stem)
def test_every_character_of_every_real_plan_is_placed_once(raw):
    lost, doubled = compare(raw.read_text(encoding="utf-8"), plan_of(raw.stem))
    assert not lost and not doubled


@pytest.mark.parametrize("raw", RAW_PLANS, ids=lambda p: p.stem)
def test_every_node_keeps_its_source_lines(raw):
    plan = plan_of(raw.stem)
    count = raw.read_text(encoding="utf-8").count("\n") + 1
    spans = [b.lines for b in plan.front_matter + plan.back_matter] + [d.lines for d in plan.dropped]
    for chapter in plan.chapters:
        spans.append(chapter.lines)
        spans += [s.lines for s in chapter.sections] + [m.lines for m in plan.iter_measures()]
    for first, last in spans:
        assert 1 <= first <= last <= count


def test_dropped_text_is_only_furniture():
    for raw in RAW_PLANS:
        for record in plan_of(raw.stem).dropped:
            assert record.reason and len(record.text) <= 60, (raw.stem, record)


# Lines built from the pieces plans are made of, so hypothesis reaches the parser's branches.
_pieces = st.sampled_from([
    "一、", "（一）", "1.", "2．", "（1）", "①", "第一章", "第二条", "第 3 项指标：", "附加项指标加分项 1：",
    "牵头单位：", "区司法局、区法院", "责任单位:", "2022年年底前", "《条例》", "〔2021〕3号", "—、", "---",
    "# ", "**", "发布时间:2025-04-01", "工作任务：", "网络检索：", "。", "，", " ", "\t", "\n", "\n\n", "\n\n\n\n",
    "健全", "机制", "80%", "(", ")", "\u3000", "\r\n", "ａ", "１",
    # the layouts of real plans from other provinces (issue 8)
    "附件", "附件1", "附件：", "序号", "任务名称", "牵头部门", "配合部门", "时间节点", "—", "——", "1\n", "2\n",
    "第一条（目的依据）", "1.1", "1.2.1", "1总则", "目录", "某某规定", "特制定以下规定：", "執(zhí)", "責任單位",
    "---\n标题: x\n---\n", "索 引 号 | 1 |", "【法宝引证码】", "城运中心：负责", "（此件公开发布）",
    "二〇一八年十二月六日", "总体要求", "保障措施", "|", "2019年3月", "4月底前",
])
_texts = st.lists(st.one_of(_pieces, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=int(os.environ.get("PLANPARSE_PROPERTY_EXAMPLES", 300)), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_extract_never_raises_and_never_loses_a_character(text):
    plan = extract_text(text)
    lost, doubled = compare(text, plan)
    assert not lost and not doubled
