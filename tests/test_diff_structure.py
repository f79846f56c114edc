"""The linker on short plans written for these tests: prose templates, measures at different levels, annexed
task rows, partial links and generic wording (the rules of planparse.align.links)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planparse.align import diff
from planparse.cli import app
from planparse.models import Chapter, Measure, Meta, Plan, Section, Source

runner = CliRunner()


def measure(number: int, text: str) -> Measure:
    return Measure(number=number, marker=f"{number}.", headline=text.split("。")[0], text=text,
                   lines=(number, number))


def plan(chapters: list[Chapter], name: str) -> Plan:
    return Plan(source=Source(file=f"{name}.txt", sha256="0" * 64, encoding="utf-8"), meta=Meta(title=name),
                chapters=chapters)


def chapter(number: int, title: str, measures=(), sections=(), text: str = "", part: str = "body") -> Chapter:
    return Chapter(number=number if part == "body" else None, marker=f"{'一二三四五'[number - 1]}、" if part == "body" else "",
                   title=title, lines=(1, 1), measures=list(measures), sections=list(sections), text=text, part=part)


def links_of(report) -> dict:
    return {(link.template, link.local): link.kind for link in report.links}


# A template of four river-management measures, in its own words.
RIVER = [
    "全面落实河长制。建立区、街镇、村居三级河长体系，明确每条河道的责任人和巡河频次，将河道保洁经费纳入年度财政预算。",
    "加强排污口整治。开展入河排污口排查整治，建立入河排污口名录，对未经批准设置的排污口依法予以封堵。",
    "推进生态护岸建设。优先采用植草砖、石笼等透水材料改造硬质护岸，恢复河道自然岸线，每年完成不少于二十公里生态护岸建设。",
    "完善水质监测网络。在重点断面布设水质自动监测站，监测数据实时接入城市运行管理平台，发现异常及时预警处置。",
]


# (a) A prose-only template: its task paragraphs are the units, keyed chapter¶paragraph.

PROSE_TEMPLATE = """关于进一步加强城市河道管理工作的意见

各区人民政府，市政府各委、办、局：
为提升城市河道管理水平，改善水环境质量，现就进一步加强本市河道管理工作提出如下意见。

一、落实河道管理责任

各区政府要全面落实河长制，建立区、街镇、村居三级河长体系，明确每条河道的责任人和巡河频次，将河道保洁经费纳入年度财政预算。

各有关部门要按照职责分工，加强排污口排查整治，建立入河排污口名录，对未经批准设置的排污口依法予以封堵。

二、提升河道治理水平

推进生态护岸改造，优先采用植草砖、石笼等透水材料，恢复河道自然岸线，每年完成不少于二十公里生态护岸建设。

建立河道水质监测网络，在重点断面新建水质自动监测站不少于30个，监测数据实时接入城市运行管理平台，发现异常及时预警处置。

本意见自2025年3月1日起施行。

上海市人民政府办公厅
2025年2月10日
"""

NUMBERED_LOCAL = """某某区关于进一步加强河道管理工作的实施方案

为贯彻落实市政府关于加强城市河道管理工作的意见，结合本区实际，制定本方案。

一、主要任务

（一）全面落实河长制。建立区、街镇、村居三级河长体系，明确每条河道的责任人和巡河频次，河道保洁经费纳入区级年度财政预算。（责任单位：区水务局）

（二）加强排污口整治。开展入河排污口排查整治，建立入河排污口名录，对未经批准设置的排污口依法封堵。（责任单位：区生态环境局）

（三）推进生态护岸建设。推进生态护岸改造，优先采用植草砖、石笼等透水材料，恢复河道自然岸线，每年完成不少于五公里生态护岸建设。（责任单位：区水务局）

（四）完善水质监测。在重点断面新建水质自动监测站不少于10个，监测数据实时接入区城市运行管理平台，发现异常及时预警处置。（责任单位：区水务局）

（五）开展节水宣传。每年组织节水宣传周活动，在社区和学校推广节水器具。（责任单位：区水务局）
"""


def test_a_prose_template_is_aligned_by_its_task_paragraphs(tmp_path):
    template, local = tmp_path / "opinion.txt", tmp_path / "plan.txt"
    template.write_text(PROSE_TEMPLATE, encoding="utf-8")
    local.write_text(NUMBERED_LOCAL, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(template), str(local), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    measures = {m["template"]: m for m in report["measures"]}
    assert list(measures) == ["一¶1", "一¶2", "二¶1", "二¶2"]  # no preamble, closing or signature
    assert measures["二¶1"]["text"].startswith("推进生态护岸改造")  # the text scorers map units by
    assert {(link["template"], link["local"]) for link in report["links"]} == \
        {("一¶1", 1), ("一¶2", 2), ("二¶1", 3), ("二¶2", 4)}
    assert report["missing"] == [] and report["local_only"] == [5]
    assert {"template": "二¶2", "local": 4, "field": "target", "from": "不少于30个", "to": "不少于10个",
            "direction": "weakened", "template_context": "在重点断面新建水质自动监测站不少于30个",
            "local_context": "在重点断面新建水质自动监测站不少于10个"} in report["changes"]


def test_framing_chapters_give_no_paragraph_units():
    template = plan([chapter(1, "总体要求", text="以习近平新时代中国特色社会主义思想为指导，全面提升河道管理水平。"),
                     chapter(2, "落实河道管理责任", text=RIVER[0].split("。", 1)[1])], "opinion")
    local = plan([chapter(1, "主要任务", [measure(1, RIVER[0])])], "plan")
    report = diff(template, local)
    assert [m.template for m in report.measures] == ["二¶1"] and links_of(report) == {("二¶1", 1): "full"}


# (b) A template whose tasks are `（一）` items against a local plan that keeps one as a section of `1.` items.

def test_a_template_item_kept_as_a_local_section_is_carried_by_its_items():
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    parts = [measure(1, "明确河道责任人。每条河道设立一名河长，公示河长姓名和联系电话，接受群众监督。"),
             measure(2, "保障保洁经费。河道保洁经费列入区级财政预算，按河道长度核定。")]
    kept = plan([chapter(1, "主要任务", sections=[
        Section(number=1, marker="（一）", title="全面落实河长制", lines=(1, 1), measures=parts)])], "kept")
    elsewhere = plan([chapter(1, "主要任务", sections=[
        Section(number=1, marker="（一）", title="加强队伍建设", lines=(1, 1), measures=parts)])], "elsewhere")
    report = diff(template, kept)
    assert links_of(report) == {(1, 1): "full", (1, 2): "full"}
    assert report.measures[0].status == "full" and 1 not in report.missing
    # the same items under a heading that names no template measure carry nothing: their wording is the
    # district's own, not the template's
    assert diff(template, elsewhere).links == []



def test_a_local_measure_titled_like_a_template_section_has_its_main_source_there():
    # A district's 集中排查阶段 takes up the template's phase （一）第一阶段：集中排查 — its steps 组织排查 and
    # 建立台账, in words of its own — and one stock clause (不能立即整改到位的，落实管控措施) that a pipe
    # measure elsewhere happens to hold word for word. The heading says where the measure comes from: its
    # main source is the step it shares most with, and the clause it shares with the pipe measure is no link.
    assert links_of(diff(*_phase_plans(_PHASE_LOCAL))) == {(1, 1): "full", (2, 1): "partial"}


def test_a_measure_outside_the_section_a_local_measure_carries_is_linked_when_restated():
    # The same phase, which also restates most of the pipe measure of another chapter: that is a full link.
    local = _PHASE_LOCAL + "对老化燃气管道、违规占压燃气管道的，要立行立改，对长期未维护的管道开展检测评估，更新改造一批，停用报废一批。"
    assert links_of(diff(*_phase_plans(local))) == {(1, 1): "full", (2, 1): "partial", (3, 1): "full"}


_PHASE_LOCAL = ("集中排查阶段。2023年9月底前，对全区养老机构逐户上门排查燃气隐患，排查结果录入信息平台，逐一登记在册，"
                "不能立即整改到位的，落实管控措施。")


def _phase_plans(local_text: str) -> tuple[Plan, Plan]:
    steps = [measure(1, "组织排查。各区组织专业力量对辖区燃气用户逐户上门排查，排查结果录入燃气安全信息平台，做到不漏一户。"),
             measure(2, "建立台账。对排查出的隐患逐一登记在册，明确整改责任人和完成时限，整改完成一项销号一项。")]
    pipes = measure(3, "整治问题管网。对老化燃气管道、违规占压燃气管道的，要立行立改，不能立即整改到位的，落实管控措施，"
                       "限期整改到位；对长期未维护的管道开展检测评估，更新改造一批，停用报废一批，"
                       "并将管网运行数据接入市燃气监管平台，实行全过程监测。")
    template = plan([chapter(1, "工作步骤", sections=[
        Section(number=1, marker="（一）", title="第一阶段：集中排查", lines=(1, 1), measures=steps)]),
        chapter(2, "重点任务", [pipes])], "t")
    return template, plan([chapter(1, "工作安排", [measure(1, local_text)])], "l")

# (c) A local plan whose tasks are headings over text (sections with no measures).

def test_local_tasks_written_as_headings_with_text_are_units():
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    local = plan([
        chapter(1, "主要任务", sections=[
            Section(number=1, marker="（一）", title="加强排污口整治", lines=(2, 3),
                    text="开展入河排污口排查整治，建立入河排污口名录，对未经批准设置的排污口依法封堵。"),
            Section(number=2, marker="（二）", title="完善水质监测网络", lines=(4, 5),
                    text="在重点断面布设水质自动监测站，监测数据实时接入区城市运行管理平台，发现异常及时预警处置。")]),
        chapter(2, "保障措施", sections=[
            Section(number=1, marker="（一）", title="加强组织领导", lines=(6, 7), text="成立工作专班，定期研究河道管理工作。")]),
        chapter(3, "其他任务", [measure(1, "开展节水宣传。每年组织节水宣传周活动，在社区和学校推广节水器具。")]),
    ], "local")
    report = diff(template, local)
    assert [m.local for m in report.local_measures] == ["一(一)", "一(二)", 1]  # not the safeguards section
    assert report.local_measures[0].text.startswith("加强排污口整治")
    assert links_of(report) == {(2, "一(一)"): "full", (4, "一(二)"): "full"}
    assert report.missing == [1, 3]


def test_a_plan_of_headings_over_text_alone_is_aligned_by_them():
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    local = plan([chapter(1, "主要任务", sections=[
        Section(number=1, marker="（一）", title="完善水质监测网络", lines=(2, 3),
                text="在重点断面布设水质自动监测站，监测数据实时接入区城市运行管理平台，发现异常及时预警处置。")])], "local")
    assert links_of(diff(template, local)) == {(4, "一(一)"): "full"}


# (d) Annexed task rows that restate the body's measures.

def test_annexed_task_rows_carry_what_their_body_measures_carry():
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    body = [measure(1, "加强排污口整治。开展入河排污口排查整治，建立入河排污口名录，对未经批准设置的排污口依法封堵。"),
            measure(2, "推进生态护岸建设。优先采用透水材料改造硬质护岸，恢复河道自然岸线，每年完成五公里生态护岸建设。")]
    rows = [Measure(number=1, marker="1", headline="加强排污口整治", text="加强排污口整治\n建立入河排污口名录\n区生态环境局",
                    lines=(9, 9)),
            Measure(number=2, marker="2", headline="推进生态护岸建设", text="推进生态护岸建设\n恢复河道自然岸线\n区水务局",
                    lines=(10, 10))]
    local = plan([chapter(1, "主要任务", body), chapter(2, "重点任务分解表", rows, part="annex")], "local")
    found = links_of(diff(template, local))
    assert {(2, 1), (3, 2), (2, "1#2"), (3, "2#2")} == set(found)
    assert found[(2, "1#2")] == found[(3, "2#2")] == "full"



def test_a_body_measure_carries_what_its_annexed_copy_carries():
    # The body names the task in a line of the district's own; the annex (实施细则) repeats it under the same
    # title and restates the template measure in full. One measure, written twice: both carry it, fully.
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    body = [measure(1, "管住入河排口。摸清底数，分类处置。"),
            measure(2, "推进生态护岸建设。优先采用透水材料改造硬质护岸，恢复河道自然岸线，每年完成五公里生态护岸建设。")]
    detail = [measure(1, "管住入河排口。区生态环境局开展入河排污口排查整治，建立入河排污口名录，"
                         "对未经批准设置的排污口依法予以封堵，封堵情况每季度报区河长办。")]
    local = plan([chapter(1, "主要任务", body), chapter(2, "实施细则", detail, part="annex")], "local")
    found = links_of(diff(template, local))
    assert found == {(2, 1): "full", (3, 2): "full", (2, "1#2"): "full"}
    # alone, the body's line shares too little wording with the template to be a link
    assert links_of(diff(template, plan([chapter(1, "主要任务", body)], "body only"))) == {(3, 2): "full"}


def test_a_title_repeated_within_one_part_names_no_single_measure():
    # Two annexed rows titled 管住入河排口 (say, one per district): which one the body line is, the title
    # does not say, so the body line carries nothing by it.
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    body = [measure(1, "管住入河排口。摸清底数，分类处置。")]
    rows = [measure(n, "管住入河排口。开展入河排污口排查整治，建立入河排污口名录，对未经批准设置的排污口依法予以封堵。")
            for n in (1, 2)]
    local = plan([chapter(1, "主要任务", body), chapter(2, "重点任务分解表", rows, part="annex")], "local")
    assert set(links_of(diff(template, local))) == {(2, "1#2"), (2, 2)}

# Order: a local measure that condenses two template measures in words of its own, in their place.

def test_a_local_measure_in_the_place_of_skipped_template_measures_carries_them():
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    condensed = "整治水体岸线。入河排污口建立名录、依法封堵，硬质护岸逐步改造为生态护岸。"
    in_place = plan([chapter(1, "主要任务", [measure(1, RIVER[0]), measure(2, condensed), measure(3, RIVER[3])])], "l")
    assert links_of(diff(template, in_place)) == {(1, 1): "full", (2, 2): "full", (3, 2): "full", (4, 3): "full"}
    # after the counterpart of template measure 4 the same words are no evidence of 2 and 3
    elsewhere = plan([chapter(1, "主要任务", [measure(1, RIVER[0]), measure(2, RIVER[3]), measure(3, condensed)])], "l")
    assert links_of(diff(template, elsewhere)) == {(1, 1): "full", (4, 2): "full"}


# (e) A local measure that shares only a clause of a template measure beside its main source: partial.

def test_a_clause_taken_up_beside_the_main_source_is_a_partial_link():
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER, start=1)])], "t")
    local = plan([chapter(1, "主要任务", [measure(1, (
        "完善水质监测网络。在重点断面布设水质自动监测站，监测数据实时接入区城市运行管理平台，发现异常及时预警处置。"
        "对监测发现的问题河段，开展入河排污口排查整治。"))])], "local")
    assert links_of(diff(template, local)) == {(4, 1): "full", (2, 1): "partial"}


# (f) Generic vocabulary every plan repeats makes no link.

def test_a_stock_phrase_is_no_evidence():
    # 依法从严查处 closes measures of every kind: a local measure on kitchen fumes that uses it shares a
    # clause with the template's enforcement measures, and nothing else (the old linker linked it, 0.06).
    template = plan([chapter(1, "主要任务", [measure(n, text) for n, text in enumerate(RIVER + [
        "加强执法检查。对非法侵占河道、违法搭建的行为，依法从严查处，限期恢复原状。",
        "规范采砂管理。对未经许可在河道采砂的，依法从严查处，没收违法所得。"], start=1)])], "t")
    local = plan([chapter(1, "主要任务", [measure(1, (
        "加强餐饮油烟治理。督促餐饮单位安装油烟净化设施，对超标排放的，依法从严查处，定期公布检查结果。"))])], "local")
    report = diff(template, local)
    assert report.links == [] and report.local_only == [1]


def test_generic_shared_vocabulary_makes_no_link():
    # As in real plans, the template repeats its call to leadership and follow-through in most measures.
    template = plan([chapter(1, "主要任务", [measure(n, text + "各区要加强组织领导，健全工作机制，推动各项任务落实落地。")
                                             for n, text in enumerate(RIVER, start=1)])], "t")
    local = plan([chapter(1, "主要任务", [measure(1, (
        "健全考核机制。加强组织领导，将垃圾分类纳入街镇年度考核，推动各项任务落实落地，按季度通报各街镇进展。"))])], "local")
    assert diff(template, local).links == []
