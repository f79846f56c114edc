"""What extraction must get right on the five real plans, checked by a person against the texts."""

from __future__ import annotations

from .conftest import plan_of


def _measures(plan):
    return {m.number: m for m in plan.iter_measures() if m.number is not None}


def _dates(measure):
    return [d.date for d in measure.deadlines]


# --- Nanyang 2022 (city implementation plan with a notice) --------------------------------------------
def test_nanyang_outline():
    plan = plan_of("nanyang-2022")
    assert [c.number for c in plan.chapters] == [1, 2, 3]
    assert [c.title for c in plan.chapters] == ["总体目标", "主要举措", "保障措施"]
    two, three = plan.chapters[1], plan.chapters[2]
    assert [s.number for s in two.sections] == list(range(1, 9))
    assert [m.number for s in two.sections for m in s.measures] == list(range(1, 27))
    assert [len(s.measures) for s in two.sections] == [4, 2, 2, 4, 3, 4, 5, 2]
    assert [s.title for s in three.sections] == ["强化责任落实落地", "加强法治政府建设保障", "提升依法履职能力",
                                                 "完善法治政府建设推进机制", "加强理论研究和舆论宣传"]
    assert all(not s.measures for s in three.sections) and not three.measures


def test_nanyang_meta():
    meta = plan_of("nanyang-2022").meta
    assert meta.title == "南阳市法治政府建设实施方案（2022—2025年）"
    assert meta.doc_number == "宛发〔2022〕12号"
    assert meta.issuers == ["中共南阳市委", "南阳市人民政府"]
    assert meta.date == "2022-05-25"
    assert (meta.period.start, meta.period.end) == (2022, 2025)
    assert (meta.region, meta.level, meta.kind, meta.draft) == ("南阳市", "city", "implementation_plan", False)
    assert [b.doc_number for b in meta.basis] == ["中发〔2021〕33号", "豫发〔2021〕31号"]
    assert meta.basis[0].title == "中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知"
    assert meta.basis[1].title == "中共河南省委、河南省人民政府关于印发〈河南省法治政府建设实施方案（2021—2025年）〉的通知"


def test_nanyang_measure_fields():
    measures = _measures(plan_of("nanyang-2022"))
    assert measures[17].deadlines[0].text == "2022年年底前" and _dates(measures[17]) == ["2022-12-31"]
    assert any(t.value == 80 and t.unit == "%" for t in measures[9].targets)
    titles = [c.title for c in measures[7].citations]
    assert "重大行政决策程序暂行条例" in titles and "河南省重大行政决策程序规定" in titles
    # a measure broken by a page break mid-word is joined without a stray break
    assert "《南阳市优化营商环境办法》" in measures[4].text
    assert measures[1].headline == "推进政府机构职能优化协同高效"
    assert measures[1].lines == (36, 36) and measures[4].lines == (44, 46)


# --- Nanyang 2025 web copy -----------------------------------------------------------------------------
def test_nanyang_web_copy_has_the_same_outline():
    web, original = plan_of("nanyang-2025-web"), plan_of("nanyang-2022")
    assert [c.number for c in web.chapters] == [1, 2, 3]
    assert web.chapters[0].marker == "—、"  # the OCR slip is kept as written, read as 一
    assert [s.title for s in web.chapters[1].sections] == [s.title for s in original.chapters[1].sections]
    assert all(s.recognized_by == "unmarked heading line" for s in web.chapters[1].sections)
    for web_section, section in zip(web.chapters[1].sections, original.chapters[1].sections):
        assert [m.number for m in web_section.measures] == [m.number for m in section.measures]
    assert len(web.chapters[2].sections) == 5
    assert web.warnings  # unmarked headings are flagged for a person to look at


def test_nanyang_web_copy_meta_and_boilerplate():
    web = plan_of("nanyang-2025-web")
    assert web.meta.date == "2025-04-01" and web.meta.doc_number is None
    assert web.meta.title == "南阳市法治政府建设实施方案（2022—2025年）"
    boiler = {d.text for d in web.dropped if d.reason == "web page boilerplate"}
    assert boiler == {"发布时间:2025-04-01来源:", "分享:", "相关阅读:", "扫一扫在手机打开当前页"}
    for measure in web.iter_measures():
        assert "扫一扫" not in measure.text and "发布时间" not in measure.text


# --- Baofeng (county draft, numbering across the whole plan) -----------------------------------------
def test_baofeng_outline():
    plan = plan_of("baofeng-2022-draft")
    assert [c.number for c in plan.chapters] == list(range(1, 11))
    assert [s.number for s in plan.iter_sections()] == list(range(1, 29))
    assert [m.number for m in plan.iter_measures()] == list(range(1, 77))
    chapters = plan.chapters
    assert not chapters[0].sections and not chapters[0].measures  # 一、总体要求 is prose
    assert not chapters[2].sections and [m.number for m in chapters[2].measures] == [10, 11]
    by_section = {s.number: [m.number for m in s.measures] for s in plan.iter_sections()}
    assert by_section[2] == [3, 4, 5, 6] and by_section[15] == [45, 46, 47] and by_section[28] == [75, 76]


def test_baofeng_meta_and_deadlines():
    plan = plan_of("baofeng-2022-draft")
    meta = plan.meta
    assert meta.draft and meta.level == "county" and meta.region == "宝丰县"
    assert (meta.period.start, meta.period.end) == (2022, 2025)
    assert plan.default_deadline.date == "2025-12-31"
    measures = _measures(plan)
    assert _dates(measures[45]) == ["2022-12-31"]
    assert _dates(measures[54]) == ["2024-12-31"]
    assert _dates(measures[57]) == ["2022-12-31", "2023-12-31"]
    assert _dates(measures[58]) == ["2023-12-31"]
    with_deadlines = sorted(n for n, m in measures.items() if m.deadlines)
    assert with_deadlines == [45, 54, 57, 58]
    assert plan.back_matter[0].role == "closing" and plan.back_matter[0].lines == (227, 227)


# --- Pingqiao (district 分工方案) --------------------------------------------------------------------
def test_pingqiao_outline_and_meta():
    plan = plan_of("pingqiao-2023-fengong")
    assert [c.number for c in plan.chapters] == list(range(1, 10))
    assert [m.number for m in plan.iter_measures()] == list(range(1, 67))
    meta = plan.meta
    assert (meta.kind, meta.level) == ("division_of_labor", "district")
    assert meta.doc_number == "信平法政办〔2023〕4号" and meta.date == "2023-03-17"
    assert meta.issuers == ["信阳市平桥区法治政府建设领导小组办公室"]
    assert [b.doc_number for b in meta.basis] == ["信平发〔2022〕8号"]
    assert plan.default_deadline.date == "2025-12-31"


def test_pingqiao_units():
    measures = _measures(plan_of("pingqiao-2023-fengong"))
    for number, measure in measures.items():
        assert measure.lead_units or measure.responsible_units, number
    assert measures[24].lead_units == ["区检察院"]
    assert measures[24].participating_units == ["区委政法委", "区法院", "平桥公安分局", "明港公安分局", "区司法局",
                                                "区政府其他有关部门"]
    assert measures[1].lead_units == ["区委编办"]
    assert measures[1].participating_units == ["各乡镇（办事处）", "区政府各部门"]
    assert measures[25].responsible_units == ["各乡镇（办事处）", "区政府各部门"]


def test_pingqiao_wrapped_lines_are_joined():
    measures = _measures(plan_of("pingqiao-2023-fengong"))
    assert "落实警示约谈、通报问责制度" in measures[25].text  # across a `---` page break
    assert measures[1].text.startswith("着力构建系统完备、科学规范、运行高效、符合平桥实际的机构职能体制，")
    for measure in measures.values():
        assert "---" not in measure.text and "  " not in measure.text and " \n" not in measure.text


def test_pingqiao_deadlines():
    measures = _measures(plan_of("pingqiao-2023-fengong"))
    assert sorted(n for n, m in measures.items() if m.deadlines) == [37, 45, 46]
    assert _dates(measures[37]) == ["2022-12-31"]
    assert _dates(measures[45]) == ["2024-12-31"]
    assert _dates(measures[46]) == ["2023-12-31"]


# --- Pingdingshan (work plan of 100 indicators) -----------------------------------------------------
def test_pingdingshan_indicators_and_tasks():
    plan = plan_of("pingdingshan-2021-shifan")
    assert plan.meta.kind == "work_plan" and plan.meta.doc_number == "平法办〔2021〕1号"
    indicators = [m for m in plan.iter_measures() if m.number is not None]
    assert [m.number for m in indicators] == list(range(1, 101))
    for measure in indicators:
        assert measure.tasks and measure.responsible_units, measure.number
    task_types = {t.type for m in indicators for t in m.tasks}
    assert task_types == {"网络检索", "材料查证", "随机访谈", "实地核验", "案卷评查", "随机抽考"}
    first = indicators[0]
    assert [t.type for t in first.tasks] == ["网络检索", "材料查证", "随机访谈"]
    assert first.responsible_units == ["市政务服务和大数据管理局", "市直各单位", "各县（市、区）"]


def test_pingdingshan_extra_indicators_kept_apart():
    plan = plan_of("pingdingshan-2021-shifan")
    extras = [m for m in plan.iter_measures() if m.number is None]
    assert [m.label for m in extras] == ["加分项 1", "加分项 2", "减分项 1", "减分项 2"]
    hundred = next(m for m in plan.iter_measures() if m.number == 100)
    assert "附加项" not in hundred.text and hundred.lines[1] < extras[0].lines[0]


def test_pingdingshan_steps_and_orphans():
    plan = plan_of("pingdingshan-2021-shifan")
    steps = plan.chapters[2].sections
    assert [s.title for s in steps][:2] == ["动员部署（2021年4月中旬前）", "全面自查（2021年5月底前）"]
    assert [[d.date for d in s.deadlines] for s in steps] == [
        ["2021-04-20"], ["2021-05-31"], ["2021-06-30"], ["2021-07-31"], [], ["2021-10-31"]]
    orphan = [d for d in plan.dropped if d.reason.startswith("orphan")]
    assert [(d.lines, d.text) for d in orphan] == [((151, 151), "责。")]
    indicator_11 = next(m for m in plan.iter_measures() if m.number == 11)
    assert not indicator_11.text.endswith("责。\n责。") and indicator_11.lines[1] == 147
    # fragments after page breaks that continue a sentence are rejoined
    indicator_53 = next(m for m in plan.iter_measures() if m.number == 53)
    assert "以罚代刑现象。" in indicator_53.text
