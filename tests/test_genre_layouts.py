"""The layouts of issue 8, one short hand-written document each (tests/layouts/), and what a person reading
the document sees in it: where the measures are, their numbers, units and deadlines, which lines are only
items, lists or furniture, and the document's metadata.

The documents are invented in the style of the genre (no text is taken from real plans). Expectations are
written from reading the document, not from planparse's output.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest

from planparse import extract, extract_text

from .conftest import LAYOUTS


@cache
def _plan(name):
    return extract(LAYOUTS / name)


def _all(plan):
    return list(plan.iter_measures())


def _bare(text):
    """A heading as a reader names it: without the letter-spacing (总　　则 is 总则)."""
    return re.sub(r"\s", "", text or "")


def _dates(measure):
    return [d.date for d in measure.deadlines]


def _numbers_by_chapter(plan):
    return [[m.number for m in c.measures] for c in plan.chapters]


def _units(measure):
    return (measure.lead_units, measure.participating_units, measure.responsible_units)


def _dropped_lines(plan):
    covered = set()
    for d in plan.dropped:
        covered.update(range(d.lines[0], d.lines[1] + 1))
    return covered


# --- 1. （一） items with nothing below them are the measures ----------------------------------------------
def test_items_numbered_across_chapters_are_measures():
    plan = _plan("items-across-chapters.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [
        (1, "健全服务网络"), (2, "提升服务质量"), (3, "强化要素保障")]
    assert all(c.sections == [] for c in plan.chapters)  # section none: the items are not sections
    assert _numbers_by_chapter(plan) == [[1, 2, 3], [4, 5, 6, 7], [8, 9, 10]]
    measures = _all(plan)
    assert [m.marker for m in measures] == [
        "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）", "（九）", "（十）"]
    first, last = measures[0], measures[-1]
    assert first.headline == "优化服务设施布局"
    assert first.responsible_units == ["区民政局", "区规划资源局", "各街镇"]
    assert _dates(first) == ["2025-12-31"]
    assert measures[4].responsible_units == ["区卫生健康委", "区民政局", "区医保局"]
    assert last.headline == "强化安全监管"
    assert last.responsible_units == ["区民政局", "区消防救援支队", "各街镇"]
    assert all(m.responsible_units and not m.lead_units for m in measures)


def test_items_restarting_in_every_chapter_are_measures():
    plan = _plan("items-restarting.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [
        (1, "总体目标"), (2, "明确管理责任"), (3, "提升养护水平"), (4, "强化监督考核")]
    assert all(c.sections == [] for c in plan.chapters)
    assert _numbers_by_chapter(plan) == [[], [1, 2], [1, 2, 3], [1, 2]]
    assert "95%" in plan.chapters[0].text  # the goal is the chapter's prose, not a measure
    chapter2, chapter3, chapter4 = (c.measures for c in plan.chapters[1:])
    assert chapter2[0].headline == "落实属地管理" and chapter2[0].responsible_units == ["各区人民政府"]
    assert chapter3[0].headline == "修订养护技术规范" and chapter3[0].responsible_units == ["市绿化市容局"]
    assert chapter3[1].responsible_units == ["市水务局", "市绿化市容局"]
    assert chapter4[1].responsible_units == ["市城市管理考核办", "市绿化市容局"]


def test_items_are_measures_only_in_the_chapter_without_a_lower_level():
    plan = _plan("items-mixed-levels.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "总体目标"), (2, "重点任务"), (3, "夯实数字底座")]
    tasks, base = plan.chapters[1], plan.chapters[2]
    # chapter 二: （一） are sections holding 1. measures
    assert [(s.number, s.title) for s in tasks.sections] == [(1, "提升政务服务效能"), (2, "强化数据共享应用")]
    assert tasks.measures == []
    assert [[m.number for m in s.measures] for s in tasks.sections] == [[1, 2], [1, 2, 3]]
    assert tasks.sections[0].measures[1].responsible_units == ["市发展改革委", "市财政局"]
    # chapter 三: only （一） items, so they are the measures
    assert base.sections == []
    assert [(m.number, m.marker, m.headline) for m in base.measures] == [
        (1, "（一）", "统筹政务云建设"), (2, "（二）", "加强网络安全防护"), (3, "（三）", "推进电子证照应用")]
    assert base.measures[1].responsible_units == ["市委网信办", "市公安局"]
    assert len(_all(plan)) == 8


# --- 2. 一、 articles under 第X章 (工作规则) --------------------------------------------------------------
def test_work_rules_articles_numbered_across_chapters():
    plan = _plan("work-rules.txt")
    assert plan.meta.kind == "regulation"
    assert [(c.number, _bare(c.title)) for c in plan.chapters] == [
        (1, "总则"), (2, "组成人员职责"), (3, "会议制度"), (4, "附则")]
    assert [c.marker for c in plan.chapters] == ["第一章", "第二章", "第三章", "第四章"]
    assert all(c.sections == [] for c in plan.chapters)
    assert _numbers_by_chapter(plan) == [[1, 2], [3, 4, 5], [6, 7, 8], [9]]
    articles = {m.number: m for m in _all(plan)}
    assert articles[3].marker == "三、" and "市长负责制" in articles[3].text
    assert [(i.marker, i.text) for i in articles[7].items] == [
        ("（一）", "讨论决定市政府工作中的重要事项；"),
        ("（二）", "讨论地方性法规草案和审议政府规章草案；"),
        ("（三）", "通报和讨论其他重要事项。")]


# --- 3. 第X条（标题） articles, with and without chapters ---------------------------------------------------
def test_titled_articles_in_chapters():
    plan = _plan("articles-titled.txt")
    assert plan.meta.kind == "regulation"
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "总则"), (2, "开放管理"), (3, "附则")]
    assert all(c.sections == [] for c in plan.chapters)
    assert _numbers_by_chapter(plan) == [[1, 2, 3], [4, 5, 6], [7]]
    articles = {m.number: m for m in _all(plan)}
    titles = {1: "目的依据", 2: "适用范围", 3: "职责分工", 4: "开放目录", 5: "开放类型", 6: "安全保障", 7: "施行日期"}
    for number, title in titles.items():  # the bracketed title belongs to its article
        assert title in articles[number].headline + articles[number].text, number
    # the text on the next line is the article's text
    assert "为了规范本区公共数据开放工作" in articles[1].text
    assert "编制公共数据开放目录" in articles[4].text
    assert [i.marker for i in articles[5].items] == ["（一）", "（二）", "（三）"]
    assert all(_units(m) == ([], [], []) for m in articles.values())  # （目的依据） is no unit
    assert articles[7].deadlines == []  # 自2025年3月1日起施行 is an effective date


def test_titled_articles_without_chapters_sit_in_one_unnumbered_chapter():
    plan = _plan("articles-titled-no-chapters.txt")
    assert plan.meta.kind == "regulation"
    assert len(plan.chapters) == 1
    only = plan.chapters[0]
    assert only.number is None and only.part == "body" and only.sections == []
    assert [m.number for m in only.measures] == [1, 2, 3, 4, 5, 6]
    articles = {m.number: m for m in only.measures}
    assert "目的依据" in articles[1].headline + articles[1].text
    assert "为了加强城市道路挖掘管理" in articles[1].text
    assert [(i.marker, i.text) for i in articles[4].items] == [
        ("（一）", "挖掘申请书；"), ("（二）", "施工设计图纸；"), ("（三）", "交通组织方案；"), ("（四）", "道路恢复承诺书。")]
    assert articles[6].deadlines == []  # effective and expiry dates, not deadlines


# --- 4. Decimal outline (应急预案) after a table of contents ----------------------------------------------
def test_decimal_outline_after_a_table_of_contents():
    plan = _plan("emergency-plan-outline.txt")
    assert plan.meta.kind == "emergency_plan"
    # the table of contents (lines 2–12) is dropped, not parsed: each heading appears once
    assert set(range(2, 13)) <= _dropped_lines(plan)
    assert [(c.number, c.title) for c in plan.chapters] == [
        (1, "总则"), (2, "组织指挥体系"), (3, "应急响应"), (4, "附则")]
    assert all(c.lines[0] >= 13 for c in plan.chapters)
    general, command, response, annex = plan.chapters
    # measures are the deepest numbered headings with text: 1.1/1.2 in chapter 1 (no level below) …
    assert general.sections == []
    assert [(m.marker.strip(), m.number, m.headline) for m in general.measures] == [
        ("1.1", 1, "编制目的"), ("1.2", 2, "适用范围")]
    assert "制定本预案" in general.measures[0].text
    # … and x.y.z under the x.y sections in chapters 2 and 3
    assert [(s.marker.strip(), s.number, s.title) for s in command.sections] == [
        ("2.1", 1, "县减灾委员会"), ("2.2", 2, "专家组")]
    assert command.measures == []
    assert [[(m.marker.strip(), m.headline) for m in s.measures] for s in command.sections] == [
        [("2.1.1", "主要职责"), ("2.1.2", "成员单位")], [("2.2.1", "组成"), ("2.2.2", "职责")]]
    assert "综合协调机构" in command.sections[0].text
    assert [i.marker for i in command.sections[0].measures[0].items] == ["（1）", "（2）"]
    assert [s.title for s in response.sections] == ["Ⅰ级响应", "Ⅱ级响应"]
    assert [[m.headline for m in s.measures] for s in response.sections] == [["启动条件", "响应措施"]] * 2
    assert annex.sections == [] and annex.measures == [] and "负责解释" in annex.text
    assert len(_all(plan)) == 10


# --- 5. Enumerations inside an article are its items ----------------------------------------------------
def test_enumerations_inside_articles_are_items():
    plan = _plan("article-enumerations.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "总则"), (2, "管理规定"), (3, "附则")]
    assert all(c.sections == [] for c in plan.chapters)  # no enumeration became a section
    # 第六条, 第八条 and 第十条 follow an enumeration and are still articles of chapter 二
    assert _numbers_by_chapter(plan) == [[1, 2], [3, 4, 5, 6, 7, 8, 9, 10], [11]]
    articles = {m.number: m for m in _all(plan)}
    assert "有下列情形之一的，公安机关不予登记" in articles[5].text
    assert [(i.marker, i.text) for i in articles[5].items] == [
        ("（一）", "犬只未经狂犬病免疫的；"), ("（二）", "饲养烈性犬只的；"), ("（三）", "养犬人未满十八周岁的。")]
    # half-width `(一)` is folded to the full-width form the genre uses (NFKC-equal, as all folding is)
    assert [unicodedata.normalize("NFKC", i.marker) for i in articles[7].items] == ["(一)", "(二)", "(三)"]
    assert articles[7].items[2].text == "即时清除犬只排泄的粪便。"
    assert [i.marker for i in articles[9].items] == ["㈠", "㈡", "㈢"]
    assert articles[9].items[2].text == "公共交通工具。"
    assert articles[6].items == [] and articles[8].items == [] and articles[10].items == []
    assert "补办" in articles[6].text
    assert plan.warnings == []  # the numbering is clean


# --- 6. Task tables ---------------------------------------------------------------------------------------
PIPE_TABLES = ["table-pipes.md", "table-no-separator.md", "table-no-leading-pipe.md"]


@pytest.mark.parametrize("name", PIPE_TABLES)
def test_task_table_in_markdown_pipes(name):
    plan = _plan(name)
    assert plan.meta.kind == "division_of_labor"
    assert [(c.number, c.title) for c in plan.chapters] == [
        (1, "提升政务服务水平"), (2, "加强要素保障"), (3, "强化法治保障")]
    assert _numbers_by_chapter(plan) == [[1, 2], [3, 4], [5, 6]]
    rows = {m.number: m for m in _all(plan)}
    assert rows[1].headline == "深化“一网通办”" and "推动高频事项全程网办" in rows[1].text
    assert [rows[n].headline for n in range(2, 7)] == [
        "优化企业开办", "保障产业用地", "拓宽融资渠道", "规范涉企行政检查", "健全企业诉求响应机制"]
    assert [rows[n].lead_units for n in range(1, 7)] == [
        ["区政务服务办"], ["区市场监管局"], ["区规划资源局"], ["区金融办"], ["区司法局"], ["区政府办公室"]]
    assert [rows[n].participating_units for n in range(1, 7)] == [
        ["区大数据中心"], ["区税务局", "区人力资源社会保障局"], [], ["区财政局", "区科委"], ["区各行政执法部门"], ["各街镇"]]
    assert [_dates(rows[n]) for n in range(1, 7)] == [
        ["2025-06-30"], ["2025-03-31"], [], ["2025-12-31"], ["2025-09-30"], []]
    assert rows[3].recurring == ["长期坚持"] and rows[6].recurring == ["每月10日前"]


def test_task_table_flattened_one_cell_per_line():
    plan = _plan("table-flattened.txt")
    assert plan.meta.kind == "division_of_labor"
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "推进源头减量"), (2, "完善收运体系")]
    # the header repeated after the page break is no row: row 4 continues chapter 二
    assert _numbers_by_chapter(plan) == [[1, 2], [3, 4, 5]]
    rows = _all(plan)
    assert [m.headline for m in rows] == [
        "限制一次性用品", "推行绿色办公", "规范分类驳运", "建设可回收物服务点", "开展收运监管"]
    assert "督促宾馆、餐饮单位不主动提供一次性用品" in rows[0].text
    assert [m.lead_units for m in rows] == [["区商务委"], ["区机管局"], ["区绿化市容局"], ["区商务委"], ["区绿化市容局"]]
    # —— and — are empty cells
    assert [m.participating_units for m in rows] == [
        ["区市场监管局"], [], ["各街镇"], ["区绿化市容局", "各街镇"], []]
    assert [_dates(m) for m in rows] == [["2025-06-30"], ["2025-03-31"], ["2025-09-30"], ["2025-12-31"], []]
    assert rows[4].recurring == ["长期坚持"]
    for row in rows:
        assert "序号" not in row.text and "时间节点" not in row.text and "— 2 —" not in row.text


def test_task_table_in_an_annex_is_the_task_list():
    plan = _plan("table-annex.md")
    body, annex = plan.chapters[:-1], plan.chapters[-1]
    assert [(c.number, c.title, c.part) for c in body] == [
        (1, "总体要求", "body"), (2, "主要任务", "body"), (3, "保障措施", "body")]
    assert all(c.measures == [] and c.sections == [] for c in body)
    assert annex.part == "annex" and annex.number is None and "重点任务分解表" in annex.title
    assert [m.number for m in annex.measures] == [1, 2, 3, 4]
    assert "打造夜间消费地标" not in body[-1].text  # the rows are not text of the last section
    rows = annex.measures
    assert "打造夜间消费地标" in rows[0].headline + rows[0].text
    assert [m.lead_units for m in rows] == [["区商务委"], ["区文化旅游局"], ["区交通委"], ["区市场监管局"]]
    assert [m.participating_units for m in rows] == [
        ["各街镇"], ["区体育局"], ["区公安分局"], ["区城管执法局", "各街镇"]]
    assert [_dates(m) for m in rows] == [["2025-10-31"], ["2025-09-30"], ["2025-12-31"], []]
    assert rows[3].recurring == ["长期坚持"]


# --- 7. Lists that are not measures ---------------------------------------------------------------------
def test_attachment_lists_report_contents_and_contacts_are_not_measures():
    plan = _plan("not-measures-lists.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "工作目标"), (2, "工作任务"), (3, "工作要求")]
    tasks, requirements = plan.chapters[1], plan.chapters[2]
    assert [[m.number for m in s.measures] for s in tasks.sections] == [[1, 2], [1, 2]]
    assert len(_all(plan)) == 4
    # 三's （一）（二） are sections of prose; what a report must contain is no measure
    assert [s.title for s in requirements.sections] == ["加强组织领导", "按时报送情况"]
    assert all(s.measures == [] for s in requirements.sections) and requirements.measures == []
    assert "下一步工作打算" in requirements.sections[1].text
    # the contact line is neither a measure nor a unit
    units = {u for m in _all(plan) for u in m.lead_units + m.participating_units + m.responsible_units}
    assert not any("王某某" in u or "联系人" in u or "电话" in u for u in units)
    # the attachment list after the signature belongs to the closing, not to the body
    assert all(c.part == "body" for c in plan.chapters)
    assert "重点行业排查工作指引" in " ".join(b.text for b in plan.back_matter)
    assert not any("重点行业排查工作指引" in (m.headline + m.text) for m in _all(plan))


# --- 8. Units every way written -------------------------------------------------------------------------
UNITS = {  # measure number: (lead, participating, responsible)
    1: ([], [], ["区发展改革委", "区规划资源局"]),                                   # （责任单位：…）
    2: ([], [], ["区商务委"]),                                                       # 〔责任单位：…〕
    3: (["区住房城乡建设管理委"], ["区规划资源局", "区生态环境局"], ["各街镇"]),      # 牵头/实施/配合部门
    4: (["区科委"], ["区经委", "区大数据中心"], []),                                  # 牵头单位，支撑单位
    5: (["区教育局"], [], ["区卫生健康委", "区体育局"]),                             # X牵头，Y按职责分工负责
    6: (["区市场监管局"], [], ["各街镇"]),                                           # X牵头负责，Y组织落实
    7: ([], [], ["区民政局"]),                                                       # （X负责）
    8: ([], [], ["区交通委"]),                                                       # （责任部门：…。时间节点：…）
}


@pytest.mark.parametrize("number", sorted(UNITS))
def test_units_every_way_written(number):
    measures = {m.number: m for m in _all(_plan("units-every-way.txt"))}
    assert sorted(measures) == list(range(1, 9))
    assert _units(measures[number]) == UNITS[number]


def test_time_node_beside_the_units_is_a_deadline():
    measures = {m.number: m for m in _all(_plan("units-every-way.txt"))}
    assert _dates(measures[8]) == ["2025-03-31"]
    assert all(m.deadlines == [] for n, m in measures.items() if n != 8)


# --- 9. Deadlines in an annual plan ---------------------------------------------------------------------
def test_deadlines_in_an_annual_plan():
    plan = _plan("annual-work-points.txt")
    assert plan.meta.kind == "work_points"
    measures = {m.number: m for m in _all(plan)}
    assert sorted(measures) == [1, 2, 3, 4, 5]
    assert _dates(measures[1]) == ["2025-04-30"]  # 4月底前 in a plan for 2025
    assert measures[2].deadlines == [] and "每月15日前" in measures[2].recurring
    assert _dates(measures[3]) == ["2025-03-31"]  # 时间节点：2025年3月
    assert measures[3].responsible_units == ["区城管执法局"]
    assert _dates(measures[4]) == ["2026-12-31"]  # 至2026年底
    assert measures[5].deadlines == []  # 全年 names no day: nothing invented


# --- 10. Metadata printed outside the notice ------------------------------------------------------------
META = {
    "meta-front-matter.md": {  # scraper YAML front matter; the 文号 in the preamble is a cited one
        "title": "青浦区加快推进充电设施建设行动方案", "doc_number": "青府办发〔2025〕12号",
        "issuers": ["上海市青浦区人民政府办公室"], "date": "2025-05-20",
        "region": "上海市青浦区", "region_code": "310118", "region_parents": [("310000", "上海市")],
        "level": "district", "kind": "action_plan"},
    "meta-info-pipes.md": {  # info-disclosure block in pipe rows, no signature
        "title": "上海市闵行区人民政府关于推进城市更新工作的实施意见", "doc_number": "闵府发〔2025〕5号",
        "issuers": ["上海市闵行区人民政府"], "date": "2025-03-18",
        "region": "上海市闵行区", "region_code": "310112", "level": "district", "kind": "opinion"},
    "meta-info-pairs.txt": {  # key: value pairs two per line; 成文日期 and the signature beat 发布日期
        "title": "嘉定区老旧小区综合改造三年行动计划（2025—2027年）", "doc_number": "嘉府办发〔2025〕18号",
        "issuers": ["上海市嘉定区人民政府办公室"], "date": "2025-06-12", "period": (2025, 2027),
        "region": "上海市嘉定区", "region_code": "310114", "level": "district", "kind": "action_plan"},
    "meta-pkulaw.txt": {  # 北大法宝 header; 上海市 itself is a province
        "title": "上海市城市绿道管理条例", "date": "2025-04-25",
        "region": "上海市", "region_code": "310000", "region_parents": [],
        "level": "province", "kind": "regulation"},
    "meta-notice-title.txt": {  # titles over two lines, issuer only in the notice title, date in Chinese numerals
        "title": "崇明区农村人居环境整治提升工作方案", "doc_number": "崇府办发〔2024〕21号",
        "issuers": ["上海市崇明区人民政府办公室"], "date": "2024-03-05",
        "region": "上海市崇明区", "region_code": "310151", "region_parents": [("310000", "上海市")],
        "level": "district", "kind": "work_plan"},
    "meta-joint-issuers.txt": {  # joint issuers two per line at the end; ministries are national
        "title": "关于推进城乡供水一体化的指导意见", "doc_number": "水发〔2023〕25号",
        "issuers": ["水利部", "国家发展改革委", "财政部", "自然资源部"], "date": "2023-11-02",
        "level": "national", "kind": "opinion"},
    "meta-town.txt": {  # a 镇 is a town
        "title": "朱家角镇2025年河长制工作要点", "doc_number": None,
        "issuers": ["上海市青浦区朱家角镇人民政府"], "date": "2025-02-18",
        "level": "town", "kind": "work_points"},
}


def _meta_view(meta, fields):
    view = {}
    for field in fields:
        if field == "region_parents":
            view[field] = [(r.code, r.name) for r in meta.region_parents]
        elif field == "period":
            view[field] = (meta.period.start, meta.period.end) if meta.period else None
        else:
            view[field] = getattr(meta, field)
    return view


@pytest.mark.parametrize("name", sorted(META))
def test_metadata_wherever_printed(name):
    expected = META[name]
    assert _meta_view(_plan(name).meta, expected) == expected


def test_cited_document_numbers_are_basis_not_the_plans_own():
    front = _plan("meta-front-matter.md").meta
    assert "沪府办规〔2024〕3号" in [b.doc_number for b in front.basis]
    notice = _plan("meta-notice-title.txt").meta
    assert "沪府办发〔2022〕7号" in [b.doc_number for b in notice.basis]


def test_town_region_sits_under_its_district_and_province():
    meta = _plan("meta-town.txt").meta
    assert meta.region and meta.region.endswith("朱家角镇")
    assert {"310000", "310118"} <= {r.code for r in meta.region_parents}


def test_law_database_header_is_not_body():
    plan = _plan("meta-pkulaw.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "总则"), (2, "规划建设"), (3, "附则")]
    assert [m.number for m in _all(plan)] == [1, 2, 3, 4, 5, 6]
    assert _dates(_all(plan)[5]) == []  # 自2025年7月1日起施行 is an effective date


@pytest.mark.parametrize("name", ["meta-info-pipes.md", "meta-info-pairs.txt"])
def test_info_disclosure_block_is_not_body(name):
    plan = _plan(name)
    assert [c.number for c in plan.chapters] == [1, 2, 3]
    assert plan.chapters[0].lines[0] > 4  # the block's rows are neither a chapter nor a task table
    # the （一）（二）（三） task items of chapter 二 are the measures
    assert [[m.number for m in c.measures] for c in plan.chapters] == [[], [1, 2, 3], []]
    for m in _all(plan):
        assert not any(key in m.headline + m.text for key in ("索", "发文字号", "发布日期", "主题分类"))


# --- 11. Traditional characters with pinyin annotations ------------------------------------------------
# an annotation as the site inserts it, `(zhí)`, or with its brackets folded to full width, `（zhí）`
PINYIN = re.compile(r"[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)[)）]")


def test_traditional_copy_with_pinyin_annotations():
    plan = _plan("traditional-pinyin.txt")
    assert plan.meta.title == "某區推進嚴格規範公正文明執法工作方案"
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "工作目標"), (2, "重點任務"), (3, "保障措施")]
    assert _numbers_by_chapter(plan) == [[], [1, 2, 3], [4, 5]]
    measures = {m.number: m for m in _all(plan)}
    assert measures[1].marker == "（一）"
    assert measures[1].headline == "全面推行行政執法公示制度"  # kept as written, in traditional characters
    assert measures[1].responsible_units == ["區司法局", "區政務公開辦"]
    assert measures[2].responsible_units == ["區各行政執法部門"]
    assert measures[4].responsible_units == ["區司法局", "區人力資源社會保障局"]
    assert "調查取證" in measures[2].text
    for m in measures.values():
        assert not PINYIN.search(m.headline + m.text)
    # every annotation the conversion site inserted goes to dropped
    source = (LAYOUTS / "traditional-pinyin.txt").read_text(encoding="utf-8")
    dropped = " ".join(d.text for d in plan.dropped)
    assert sorted(PINYIN.findall(dropped)) == sorted(PINYIN.findall(source)) == sorted(
        ["zhí"] * 4 + ["zhòng", "diào"])


@pytest.mark.parametrize("framing", ["总体原则", "主要原则", "实施原则", "工作思路", "基本思路"])
def test_principles_under_any_name_frame_the_plan(framing):
    # (written for the test) a chapter of principles whose items are `（一）` like the tasks' is no work
    text = (f"测试区绿化提升行动计划\n一、{framing}\n（一）因地制宜。根据各区条件选择适宜的树种。\n"
            "（二）统筹推进。将绿化提升与城市更新结合起来。\n二、重点任务\n（一）新建口袋公园。年内新建口袋公园10座。\n"
            "（二）提升道路绿化。完成30条道路的绿化改造。\n")
    plan = extract_text(text)
    principles, tasks = plan.chapters
    assert principles.measures == [] and [s.title for s in principles.sections] == ["因地制宜", "统筹推进"]
    assert [m.headline for m in tasks.measures] == ["新建口袋公园", "提升道路绿化"]


def test_an_items_heading_alone_on_its_line_is_not_run_into_its_text():
    # (written for the test) `（1）县道`, a blank line, then the item's text: a heading over it, not a wrapped line
    text = ("测试区农村公路养护实施方案\n\n一、主要任务\n\n1.明确各级财政出资比例\n\n（1）县道\n\n县道养护费由市、区两级财政共同承担。\n\n"
            "（2）乡道和村道\n\n乡道、村道养护费由区、镇两级财政共同承担。\n")
    (measure,) = extract_text(text).iter_measures()
    assert [(item.marker, item.text) for item in measure.items] == [
        ("（1）", "县道\n县道养护费由市、区两级财政共同承担。"), ("（2）", "乡道和村道\n乡道、村道养护费由区、镇两级财政共同承担。")]
    assert "（1）县道\n县道养护费" in measure.text
