"""Field extractors on real phrases of the five plans in data/raw (normalised as the pipeline gives them:
full-width punctuation, wrapped lines joined), plus hand-written variants for forms the seeds lack.
Expected values are read off the phrases, not produced by the code."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.fields import (
    Assignments,
    assignment_line,
    default_deadline,
    find_assignments,
    find_citations,
    find_deadlines,
    find_doc_number,
    find_recurring,
    find_targets,
    split_units,
    task_type,
)
from planparse.fields.labels import FIELD_LABELS, column_role
from planparse.models import DocRef

# --- deadlines -----------------------------------------------------------------------------------------
DEADLINES = [
    # baofeng 45 / nanyang 17 / pingqiao 37
    ("整合地方行政复议职责，按照事编匹配、优化节约、按需调剂的原则，合理调配编制资源，2022年年底前基本形成公正权威、"
     "统一高效的行政复议工作体制。", [("2022年年底前", "2022-12-31")]),
    # baofeng 54 / pingqiao 45
    ("贯彻落实国家关于加强省市县乡四级全覆盖的行政执法协调监督工作体系建设的工作部署，2024年年底前基本建成比较完善的"
     "行政执法协调监督工作体系。", [("2024年年底前", "2024-12-31")]),
    # baofeng 57: two deadlines in one measure
    ("继续推动多元化、通俗化政策解读回应。2022年年底前，政府门户网站陆续开通政策文件音视频解读模式。2023年年底前，"
     "政府门户网站要开通“政策问答”“领导在线解答”“媒体解读”“音视频解读”等栏目",
     [("2022年年底前", "2022-12-31"), ("2023年年底前", "2023-12-31")]),
    # baofeng 58: a deadline right before a 《title》
    ("2023年年底前，完成《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》确定的各项工作任务。",
     [("2023年年底前", "2023-12-31")]),
    # pingqiao 46
    ("推动基层政务公开标准化，跟踪评估标准指引落实情况并及时调整完善，2023年年底前基本建成基层政务公开标准体系。",
     [("2023年年底前", "2023-12-31")]),
    # nanyang web copy: half-width comma, no space
    ("合行政复议职责加强行政复议机构和人员力量建设,在2022年年底前基本形成公正权威、", [("2022年年底前", "2022-12-31")]),
    # pingdingshan 三、创建步骤: the section title and its text; the repeated phrase counts once
    ("动员部署（2021年4月中旬前）\n市政府通过召开动员会议，安排布置创建工作", [("2021年4月中旬前", "2021-04-20")]),
    ("全面自查（2021年5月底前）\n各责任单位要深刻认识示范创建活动对加快法治政府建设的重要意义。"
     "自查报告加盖本单位印章后于2021年5月底前报送市创建指挥部办公室（市政大楼1130房间）。",
     [("2021年5月底前", "2021-05-31")]),
    ("限期整改（2021年6月底前）\n结合2019年我市开展法治政府建设示范创建期间排查出的问题", [("2021年6月底前", "2021-06-30")]),
    ("督察指导（2021年7月底前）", [("2021年7月底前", "2021-07-31")]),
    ("集中申报（按照中央依法治国办的部署时间）", []),
    ("迎接考评（2021年10月底前）", [("2021年10月底前", "2021-10-31")]),
    # baofeng closing
    ("各项工作任务原则上应当在2025年年底前完成。", [("2025年年底前", "2025-12-31")]),
    # hand-written forms of the genre
    ("2022年底前", [("2022年底前", "2022-12-31")]),
    ("2024年2月底前", [("2024年2月底前", "2024-02-29")]),
    ("2023年2月底前", [("2023年2月底前", "2023-02-28")]),
    ("2021年4月上旬前", [("2021年4月上旬前", "2021-04-10")]),
    ("2021年4月下旬前", [("2021年4月下旬前", "2021-04-30")]),
    ("2024年12月31日前完成清理", [("2024年12月31日前", "2024-12-31")]),
    ("2023年第三季度完成", [("2023年第三季度", "2023-09-30")]),
    ("2023年三季度末前", [("2023年三季度末前", "2023-09-30")]),
    ("2023年第一季度", [("2023年第一季度", "2023-03-31")]),
    # before June: the end of May (the corpus gold's reading, c11 and c17)
    ("2023年6月前", [("2023年6月前", "2023-05-31")]),
    ("2024年1月前", [("2024年1月前", "2023-12-31")]),
    ("2023年6月底", [("2023年6月底", "2023-06-30")]),
    ("2025年前全面建成", [("2025年前", "2025-12-31")]),
    ("2018 年年底前", [("2018 年年底前", "2018-12-31")]),
    ("２０２２年底前", [("２０２２年底前", "2022-12-31")]),
    ("完成时限：2023年年底前", [("2023年年底前", "2023-12-31")]),
    ("完成时间：2023年12月", [("2023年12月", "2023-12-31")]),
    ("（牵头单位：县司法局；责任单位：各乡镇人民政府，县直各部门；完成时限：2023年年底前）",
     [("2023年年底前", "2023-12-31")]),
]

NOT_DEADLINES = [
    "宛发〔2022〕12号",
    "平法办〔2021〕1号",
    # a 文号 and a 《title》 with a period range: never dates
    "根据《中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》（中发〔2021〕33号）和"
    "《中共河南省委、河南省人民政府关于印发〈河南省法治政府建设实施方案（2021—2025年）〉的通知》（豫发〔2021〕31号），",
    # the web copy's OCR: brackets lost
    "根据《中共中央、国务院关于印发〈法治政府建设实施纲要2021—2025年〉的通知》中发2021〕33号和",
    "《中共南阳市委办公室、南阳市人民政府办公室印发〈关于规范政商交往行为构建亲清政商关系的实施意见〉的通知》宛办C2020〕30号",
    "南阳市法治政府建设实施方案（2022—2025年）",
    "（2021—2025年）",
    # target years and starting points
    "到2025年，法治政府建设对服务南阳高质量发展的保障作用有效发挥",
    "到2023年，政府行为全面纳入法治轨道",
    "为到2035年基本建成法治南阳、法治政府、法治社会奠定坚实基础",
    "2022年起",
    "本办法自2023年1月1日起施行",
    "最高荣誉，自2019年启动，每两年开展一次",
    "材料查证：2018年以来开展行政调解工作的情况",
    "汇总 2019 年以来相关材料，做好实地核验准备",
    # recurring, signature dates, and not-quite-deadlines
    "每年3月底前",
    "行政执法机关于每年 1 月 31 日前公开本机关上年度行政执法总体情况",
    "2022年5月25日",
    "2023年前三季度",
    "2025年前后",
    "完成时间：2022年起",
    # a date that starts the work
    "2023年第三季度全面启动替代改造实施工作",
]


@pytest.mark.parametrize("text, expected", DEADLINES)
def test_find_deadlines(text, expected):
    assert [(d.text, d.date) for d in find_deadlines(text)] == expected


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_not_deadlines(text):
    assert find_deadlines(text) == []


# Annual plans print months without a year; with the plan's year they are deadlines of that year. `N月前` is before
# month N (the end of month N−1); dates listed before one 前 share it; a month on its own (`于10月开展`) is a schedule.
YEARLESS_DEADLINES = [
    ("请各区于4月底前报送汇总表", [("4月底前", "2025-04-30")]),
    ("11月前录入信息系统", [("11月前", "2025-10-31")]),
    ("1月前完成部署", [("1月前", "2024-12-31")]),
    ("7月中旬前完成自查", [("7月中旬前", "2025-07-20")]),
    ("请服务办于7月21日前上报名单", [("7月21日前", "2025-07-21")]),
    ("12月底完成验收", [("12月底", "2025-12-31")]),
    ("于3月25日、6月25日、9月25日、11月30日前报送各季度进展表",
     [("3月25日", "2025-03-25"), ("6月25日", "2025-06-25"), ("9月25日", "2025-09-25"), ("11月30日前", "2025-11-30")]),
    ("于5月底前启动评估，9月底前开展修编", [("5月底前", "2025-05-31"), ("9月底前", "2025-09-30")]),
    # a printed year wins over the plan's
    ("2024年3月底前完成整治；5月前开展“回头看”", [("2024年3月底前", "2024-03-31"), ("5月前", "2025-04-30")]),
    # periods of the plan's year
    ("年底前完成验收", [("年底前", "2025-12-31")]),
    ("今年年底前完成", [("今年年底前", "2025-12-31")]),
    ("三季度末前完成评估", [("三季度末前", "2025-09-30")]),
    ("上半年前出台细则", [("上半年前", "2025-06-30")]),
    # schedules, recurring limits, durations, other years and parts of longer dates are not yearless deadlines
    ("并于10月开展年末跟踪指导", []),
    ("明年底前完成", []),
    ("前三季度累计完成", []),
    ("第三季度开展督查", []),
    ("每年底前报送总结", []),
    ("每月15日前报送整治进展情况", []),
    ("每年3月底前报送上年度情况", []),
    ("次月5日前反馈", []),
    ("整改期限为3个月", []),
    ("2023年12月31日前完成", [("2023年12月31日前", "2023-12-31")]),
    ("第十二月", []),
]


@pytest.mark.parametrize("text, expected", YEARLESS_DEADLINES)
def test_yearless_deadlines_take_the_plans_year(text, expected):
    assert [(d.text, d.date) for d in find_deadlines(text, year=2025)] == expected


@pytest.mark.parametrize("text", ["请各区于4月底前报送汇总表", "11月前录入信息系统", "于3月25日、11月30日前报送"])
def test_yearless_deadlines_need_a_year(text):
    """Without the plan's year a yearless month is never given a date, and the default reading is unchanged."""
    assert find_deadlines(text) == []


# Time-limit labels beside the units, and ranges that end at a year's end.
TIME_NODES = [
    ("（责任部门：市交通委。时间节点：2025年3月）", [("2025年3月", "2025-03-31")]),
    ("（责任单位：区绿化市容局；时间节点：2019年）", [("2019年", "2019-12-31")]),
    ("时间节点：2019年6月", [("2019年6月", "2019-06-30")]),
    ("至2026年底，基本建成城市更新体系", [("2026年底", "2026-12-31")]),
    ("2024年至2026年底", [("2026年底", "2026-12-31")]),
    ("实现民用燃气替代改造，2024年6月前完成中心城区", [("2024年6月前", "2024-05-31")]),
]


@pytest.mark.parametrize("text, expected", TIME_NODES)
def test_time_nodes(text, expected):
    assert [(d.text, d.date) for d in find_deadlines(text)] == expected


# A 时间节点 column cell of a task table: the whole cell is the value, so a bare month or year is a deadline.
@pytest.mark.parametrize("cell, expected", [
    ("2019年3月", [("2019年3月", "2019-03-31")]),
    ("2019年", [("2019年", "2019-12-31")]),
    ("2020年6月底前", [("2020年6月底前", "2020-06-30")]),
    ("6月", [("6月", "2019-06-30")]),
    ("长期坚持", []),
])
def test_time_node_cells(cell, expected):
    assert [(d.text, d.date) for d in find_deadlines(cell, year=2019, in_field=True)] == expected


RECURRING = [
    ("（牵头单位：县司法局；完成时限：长期坚持）", ["长期坚持"]),
    ("完成时限：持续推进", ["持续推进"]),
    ("完成时限：每年3月底前", ["每年3月底前"]),
    ("完成时间：2022年起", ["2022年起"]),
    ("时间节点：常态化推进。", ["常态化推进"]),
    ("完成时限：2022年底前完成，长期坚持", ["长期坚持"]),
    ("完成时限：2023年年底前", []),
    ("完成时限:长期坚持", ["长期坚持"]),
    # prose without a time-limit field
    ("健全动态清理工作机制，常态化开展行政规范性文件清理。", []),
    ("市创建指挥部要细化任务分解，明确时间节点，扎实推动各项创建工作有序开展。", []),
]


@pytest.mark.parametrize("text, expected", RECURRING)
def test_find_recurring(text, expected):
    assert find_recurring(text) == expected


# Recurring limits written in the prose of a measure, and time-limit values that are dates of an annual plan.
PROSE_RECURRING = [
    ("各养老服务机构明确1名联系人，每月15日前报送整治进展情况，2024年3月底前报送工作总结", 2024, ["每月15日前"]),
    ("行政执法机关于每年 1 月 31 日前公开本机关上年度行政执法总体情况", None, ["每年 1 月 31 日前"]),
    ("每季度末前报送台账", None, ["每季度末前"]),
    # the field value is the recurring limit, found once
    ("（责任单位：区司法局；完成时限：每年3月底前）", None, ["每年3月底前"]),
    ("（完成时限：4月底前）", 2025, []),
    ("（完成时限：4月底前）", None, ["4月底前"]),
    ("每月开展一次检查", None, []),
]


@pytest.mark.parametrize("text, year, expected", PROSE_RECURRING)
def test_prose_recurring(text, year, expected):
    assert find_recurring(text, year=year) == expected


DEFAULT_DEADLINES = [
    # baofeng closing
    ("各级、各部门要认真贯彻落实《纲要》、省《方案》、市《方案》和本方案，压实责任、狠抓落实。各项工作任务原则上应当在"
     "2025年年底前完成。有关部门要根据职责承担牵头推动和配合责任，切实做好相关任务落实工作。", ("2025年年底前", "2025-12-31")),
    # pingqiao closing
    ("各地各部门要认真贯彻落实本方案，强化组织领导、明确责任分工、狠抓工作落实，力戒形式主义、官僚主义。各项工作任务"
     "除本方案有明确时间要求外，原则上应当在2025年年底前完成。各有关部门要根据分工承担履行好本方案确定的相关任务。",
     ("2025年年底前", "2025-12-31")),
    ("各项工作任务除本方案有明确时限要求外，原则上应当在2025年年底前完成", ("2025年年底前", "2025-12-31")),
    ("2022年年底前，政府门户网站陆续开通政策文件音视频解读模式。", None),
    ("各地各部门要认真贯彻落实本方案，确保各项任务落到实处。本方案自印发之日起施行。", None),
]


@pytest.mark.parametrize("text, expected", DEFAULT_DEADLINES)
def test_default_deadline(text, expected):
    found = default_deadline(text)
    assert (found.text, found.date) == expected if expected else found is None


# --- targets ---------------------------------------------------------------------------------------------
TARGETS = [
    # nanyang 9 / baofeng
    ("工作的人员编制原则上不低于全部人员编制的80%。积极推进城市管理、", [("不低于全部人员编制的80%", 80.0, "%")]),
    ("认真做好司法建议、检察建议落实、反馈工作，按期办复率达100%。", [("达100%", 100.0, "%")]),
    # nanyang 24
    ("市县两级政府每年举办至少2期领导干部法治专题讲座、1期领导干部法治专题培训",
     [("至少2期", 2.0, "期"), ("1期", 1.0, "期")]),
    ("确保每人每年接受不少于60学时的公共法律知识和专业法律知识学习", [("不少于60学时", 60.0, "学时")]),
    ("确保每人每年接受不少于 60 学时的业务知识和法律法规培训", [("不少于60学时", 60.0, "学时")]),
    # pingdingshan
    ("进一步压缩企业开办时间，承诺办理时限不超过 5 个工作日，工商、税务、社保等", [("不超过5个工作日", 5.0, "个工作日")]),
    ("市县级政务服务事项网上可办率不低于 80%；", [("不低于80%", 80.0, "%")]),
    ("进驻政务服务机构基本实现“应进必进”，且 80%以上实现“一窗”分类受理", [("80%以上", 80.0, "%")]),
    ("涉及企业和特定群体的，征求意见期限一般不少于30日。", [("不少于30日", 30.0, "日")]),
    ("人大代表、政协委员提出的意见和建议，办理后满意率达 95%以上。", [("达95%以上", 95.0, "%")]),
    ("撤销、确认违法或者责令履行等的发生率在 5% 以下。", [("5%以下", 5.0, "%")]),
    ("纳入政绩考核等指标体系，分值权重不低于总分值的 10%。", [("不低于总分值的10%", 10.0, "%")]),
    ("研究法治政府建设年度重点工作的专题会议不少于 1 次。", [("不少于1次", 1.0, "次")]),
    ("每 2 年至少开展 1 次地方政府规章或者行政规范性文件后评估", [("至少开展1次", 1.0, "次")]),
    ("合法性审核的时间一般不少于 5 个工作日，最长不超过 15 个工作日",
     [("不少于5个工作日", 5.0, "个工作日"), ("不超过15个工作日", 15.0, "个工作日")]),
    ("最迟在事件发生后 5 小时内发布权威信息，在 24 小时内举行新闻发布会",
     [("5小时内", 5.0, "小时"), ("24小时内", 24.0, "小时")]),
    ("每年领导班子至少安排 4 次以上法治专题学习", [("至少安排4次以上", 4.0, "次")]),
    # baofeng 74
    ("每年通过现场或网络至少旁听1次法庭庭审", [("至少旁听1次", 1.0, "次")]),
    ("各级政府领导班子每年应当举办两期以上法治专题讲座", [("两期以上", 2.0, "期")]),
    ("承担行政执法职能的部门负责人任期内至少接受一次法治专题脱产培训", [("至少接受一次", 1.0, "次")]),
    # measure words of action plans (phrases written in their manner): roads, areas, sites, vehicles, money
    ("年内完成120条背街小巷整治，改造农村公路300公里", [("120条", 120.0, "条"), ("300公里", 300.0, "公里")]),
    ("新建绿地不低于50万平方米，其中口袋公园30座以上", [("不低于50万平方米", 50.0, "万平方米"), ("30座以上", 30.0, "座")]),
    ("整治桥头跳车85处，新增充电桩2000台、新能源公交车500辆",
     [("85处", 85.0, "处"), ("2000台", 2000.0, "台"), ("500辆", 500.0, "辆")]),
    ("湿垃圾日处理能力达到3000吨，建成示范小区200户", [("达到3000吨", 3000.0, "吨"), ("200户", 200.0, "户")]),
    ("对每户给予一次性补贴最高不超过2000元", [("不超过2000元", 2000.0, "元")]),
    ("处五百元以上五万元以下罚款", [("五百元以上", 500.0, "元"), ("五万元以下", 5.0, "万元")]),
    # a limit said as a prohibition keeps its 不得 / 不能 (or it would read as the opposite)
    ("抵扣期限不能超过36个月", [("不能超过36个月", 36.0, "个月")]),
    ("补助标准不得低于每公里1万元", [("不得低于每公里1万元", 1.0, "万元")]),
    # 个 before the noun that is the unit; years only as a limit; an anniversary is no quantity
    ("接报后最迟不超过2个小时到达现场", [("不超过2个小时", 2.0, "个小时")]),
    ("空气优良天数比例提高3个百分点以上", [("3个百分点以上", 3.0, "个百分点")]),
    ("力争两年内完成全部改造，三年以内全面达标", [("两年内", 2.0, "年"), ("三年以内", 3.0, "年")]),
    # a count scaled by 万, approximate with 余, an amount written out in 千, a rate's base
    ("完成老旧燃气立管改造40万户，配置收运车辆900余辆", [("40万户", 40.0, "万户"), ("900余辆", 900.0, "辆")]),
    ("发放宣传资料1.5万余份", [("1.5万余份", 1.5, "万份")]),
    ("处一千元以上五千元以下罚款", [("一千元以上", 1000.0, "元"), ("五千元以下", 5000.0, "元")]),
    ("湿垃圾处理能力达到8000吨/日", [("达到8000吨/日", 8000.0, "吨/日")]),
    # hand-written width variants
    ("不低于８０％", [("不低于80%", 80.0, "%")]),
    ("不少于 1 次", [("不少于1次", 1.0, "次")]),
    ("100%", [("100%", 100.0, "%")]),
]

NOT_TARGETS = [
    "结合建园30周年开展系列活动",  # an anniversary
    "按照每20-25公里配备养护道班的标准",  # the base of a ratio, and a range
    "居（村）委每1—2周开展一次分类检查",  # a frequency
    "近3年来全市累计建成绿道",  # years, not as a limit
    "增幅不高于上一年",  # a year named
    "对重点路段实施24小时动态巡查",  # round the clock: no time limit
    "推行公园24小时开放管理",
    "持续加强“12345”政务服务热线规范化建设",
    "关于统一整合政务咨询投诉平台的相关文件、12345 市长热线等相关制度",
    "严格落实省“1211”法治政府建设推进机制",
    "第 70 项指标：辖区内党政机关和领导干部支持行政执法机关依法公正行使职权",
    "2023年第一季度",
    "根据《中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》（中发〔2021〕33号）",
    "行政执法机关于每年 1 月 31 日前公开本机关上年度行政执法总体情况",
    "汇总 2019 年以来相关材料，做好实地核验准备",
    "全面推行“马上办、网上办、就近办、一次办、自助办”",
    "持续深化“最多跑一次”改革",
    "自查报告加盖本单位印章后于2021年5月底前报送",
    # pingdingshan 96: 一次 and the 内 of 内容
    "随机抽考：市直各单位各组织开展一次内容为宪法以及和工作密切相关的法律法规的集中全员培训",
]


@pytest.mark.parametrize("text, expected", TARGETS)
def test_find_targets(text, expected):
    assert [(t.text, t.value, t.unit) for t in find_targets(text)] == expected


@pytest.mark.parametrize("text", NOT_TARGETS)
def test_not_targets(text):
    assert find_targets(text) == []


# --- citations -------------------------------------------------------------------------------------------
GANGYAO = "中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知"
HENAN = "中共河南省委、河南省人民政府关于印发〈河南省法治政府建设实施方案（2021—2025年）〉的通知"
QINQING_PROVINCE = "中共河南省委办公厅、河南省人民政府办公厅印发〈关于规范政商交往行为构建亲清政商关系的若干意见〉的通知"
QINQING_CITY = "中共南阳市委办公室、南阳市人民政府办公室印发〈关于规范政商交往行为构建亲清政商关系的实施意见〉的通知"

CITATIONS = [
    # nanyang 2022 preamble
    (f"根据《{GANGYAO}》（中发〔2021〕33号）和《{HENAN}》（豫发〔2021〕31号），结合我市实际，制定本实施方案。",
     [(GANGYAO, "中发〔2021〕33号"), (HENAN, "豫发〔2021〕31号")]),
    # baofeng preamble: aliases after 以下简称 are not citations
    (f"根据《{GANGYAO}》（中发〔2021〕33号，以下简称《纲要》）、《中共河南省委、河南省人民政府关于印发〈河南省法治政府"
     "建设实施方案（2021—2025年）〉〈法治河南（法治政府）建设考核方案〉的通知》（豫发〔2021〕31号，以下简称省《方案》）及"
     "《中共平顶山市委、平顶山市人民政府关于印发〈平顶山市法治政府建设实施方案（2022—2025年）〉〈法治鹰城（法治政府）建设"
     "考核方案〉的通知》（平发〔2022〕5号，以下简称市《方案》），结合我县实际，制定本方案。",
     [(GANGYAO, "中发〔2021〕33号"),
      ("中共河南省委、河南省人民政府关于印发〈河南省法治政府建设实施方案（2021—2025年）〉〈法治河南（法治政府）建设考核方案〉"
       "的通知", "豫发〔2021〕31号"),
      ("中共平顶山市委、平顶山市人民政府关于印发〈平顶山市法治政府建设实施方案（2022—2025年）〉〈法治鹰城（法治政府）建设"
       "考核方案〉的通知", "平发〔2022〕5号")]),
    # nanyang 2022 measure 4
    (f"贯彻落实《{QINQING_PROVINCE}》（豫办〔2020〕23号）和《{QINQING_CITY}》（宛办〔2020〕30号），构建亲清政商关系。",
     [(QINQING_PROVINCE, "豫办〔2020〕23号"), (QINQING_CITY, "宛办〔2020〕30号")]),
    # the same in the web copy: brackets lost, 〔 read as C
    (f"贯彻落实《{QINQING_PROVINCE}》豫办C2020〕23号和《{QINQING_CITY}》宛办C2020〕30号),构建亲清政商关系。",
     [(QINQING_PROVINCE, "豫办〔2020〕23号"), (QINQING_CITY, "宛办〔2020〕30号")]),
    ("根据《中共中央、国务院关于印发〈法治政府建设实施纲要2021—2025年〉的通知》中发2021〕33号和",
     [("中共中央、国务院关于印发〈法治政府建设实施纲要2021—2025年〉的通知", "中发〔2021〕33号")]),
    # pingqiao preamble, normalised and as in the raw file (half-width brackets)
    ("为贯彻落实《信阳市平桥区法治政府建设实施方案（2021—2025年）》（信平发〔2022〕8号），确保各项重要举措顺利推进",
     [("信阳市平桥区法治政府建设实施方案（2021—2025年）", "信平发〔2022〕8号")]),
    ("为贯彻落实《信阳市平桥区法治政府建设实施方案(2021—2025年)》(信平发〔2022〕8号),确保各项重要举措顺利推进",
     [("信阳市平桥区法治政府建设实施方案(2021—2025年)", "信平发〔2022〕8号")]),
    # pingqiao closing
    ("依照《中共河南省委全面依法治省委员会关于印发〈河南省法治政府建设与责任落实督察工作实施办法〉的通知》(豫法〔2019〕4号)和"
     "《信阳市纪委监委机关中共信阳市委全面依法治市委员会办公室印发〈关于建立法治督察与纪检监察监督协作配合机制的实施方案〉"
     "的通知》(信法办〔2022〕10号)有关规定",
     [("中共河南省委全面依法治省委员会关于印发〈河南省法治政府建设与责任落实督察工作实施办法〉的通知", "豫法〔2019〕4号"),
      ("信阳市纪委监委机关中共信阳市委全面依法治市委员会办公室印发〈关于建立法治督察与纪检监察监督协作配合机制的实施方案〉"
       "的通知", "信法办〔2022〕10号")]),
    # pingqiao 21: titles without numbers; a repeated title counts once
    ("严格落实《重大行政决策程序暂行条例》《河南省重大行政决策程序规定》，确保所有重大行政决策严格履行法定程序。"
     "再次重申《重大行政决策程序暂行条例》",
     [("重大行政决策程序暂行条例", None), ("河南省重大行政决策程序规定", None)]),
    # pingqiao title line: the title starts with 〈
    ("《〈信阳市平桥区法治政府建设实施方案（2021—2025年）〉重要举措分工方案》",
     [("〈信阳市平桥区法治政府建设实施方案（2021—2025年）〉重要举措分工方案", None)]),
    # bare numbers and OCR slips
    ("宛发〔2022〕12号", [(None, "宛发〔2022〕12号")]),
    ("按照豫发(2020〕5号文件要求", [(None, "豫发〔2020〕5号")]),
    ("按照豫发〔2020]5号文件要求", [(None, "豫发〔2020〕5号")]),
    ("见《某某办法》(信平发〔2022〕8号)", [("某某办法", "信平发〔2022〕8号")]),
    # a government's rule, numbered by its order
    ("根据《某市建筑垃圾处理管理规定》（政府令第57号）", [("某市建筑垃圾处理管理规定", "政府令第57号")]),
    ("依据《某市养犬管理规定》（市政府第16号令）", [("某市养犬管理规定", "市政府第16号令")]),
    ("严格实施《政府督查工作条例》（国务院令第 732 号）", [("政府督查工作条例", "国务院令第732号")]),
    ("到2025年，法治政府建设对服务南阳高质量发展的保障作用有效发挥", []),
]


@pytest.mark.parametrize("text, expected", CITATIONS)
def test_find_citations(text, expected):
    assert find_citations(text) == [DocRef(title=title, doc_number=number) for title, number in expected]


DOC_NUMBERS = [
    ("中共南阳市委文件\n宛发〔2022〕12号\n中共南阳市委 南阳市人民政府 关于印发《南阳市法治政府建设实施方案 (2022—2025年)》的通知",
     "宛发〔2022〕12号"),
    ("信阳市平桥区法治政府 建设领导小组办公室文件\n信平法政办〔2023〕4号", "信平法政办〔2023〕4号"),
    ("中共平顶山市委全面依法治市委员会办公室文件\n平法办〔2021〕1号", "平法办〔2021〕1号"),
    ("南阳市法治政府建设实施方案 (2022—2025年)\n发布时间:2025-04-01来源:", None),
    ("2022年5月25日", None),
]


@pytest.mark.parametrize("text, expected", DOC_NUMBERS)
def test_find_doc_number(text, expected):
    assert find_doc_number(text) == expected


# --- units -----------------------------------------------------------------------------------------------
SPLIT_UNITS = [
    # pingqiao
    ("区委编办", ["区委编办"]),
    ("各乡镇(办事处)、区政府各部门", ["各乡镇（办事处）", "区政府各部门"]),
    ("区委政法委、区法院、平桥公安分局、明港公安分局、区司法局，区政府其他有关部门",
     ["区委政法委", "区法院", "平桥公安分局", "明港公安分局", "区司法局", "区政府其他有关部门"]),
    ("区财政局、区发展改革委、区人力资源和社会保障局，各乡镇（办事处）、区政府其他有关部门",
     ["区财政局", "区发展改革委", "区人力资源和社会保障局", "各乡镇（办事处）", "区政府其他有关部门"]),
    ("区水利局、区气象局、区粮食和物资储备中心，各乡镇（办事处）、区政府其他有关部门",
     ["区水利局", "区气象局", "区粮食和物资储备中心", "各乡镇（办事处）", "区政府其他有关部门"]),
    ("各乡镇（办事处）、区委组织部、区委编办、区财政局等部门", ["各乡镇（办事处）", "区委组织部", "区委编办", "区财政局"]),
    ("区委网信办、平桥公安分局、明港公安分局、区卫生健康委员会、区应急管理局等部门按职责分工负责",
     ["区委网信办", "平桥公安分局", "明港公安分局", "区卫生健康委员会", "区应急管理局"]),
    ("各乡镇（办事处）、区政府各部门按职责分工负责", ["各乡镇（办事处）", "区政府各部门"]),
    ("区纪委监委机关、区委办公室、区委宣传部、区委巡察办、区人大常委会办公室、区政协办公室、区法院、区检察院、区政府办公室、"
     "区司法局、区财政局、区审计局、区统计局按职责分工负责",
     ["区纪委监委机关", "区委办公室", "区委宣传部", "区委巡察办", "区人大常委会办公室", "区政协办公室", "区法院", "区检察院",
      "区政府办公室", "区司法局", "区财政局", "区审计局", "区统计局"]),
    # pingdingshan
    ("市政务服务和大数据管理局，市直各单位；各县（市、区）按职责分工分别负责。",
     ["市政务服务和大数据管理局", "市直各单位", "各县（市、区）"]),
    ("市人大法工委、市司法局。", ["市人大法工委", "市司法局"]),
    ("市人大法工委、市司法局，市直各有关部门。", ["市人大法工委", "市司法局", "市直各有关部门"]),
    ("市司法局;各县(市、区)按职责分工分别负责。", ["市司法局", "各县（市、区）"]),
    ("市委办公室、市司法局, 市直各单位; 各县(市、区)按职责分工分别负责。",
     ["市委办公室", "市司法局", "市直各单位", "各县（市、区）"]),
    ("市发改委、市生态环境局、市审计局、市自然资源和规划局;各县(市、区)按职责分工分别负责。",
     ["市发改委", "市生态环境局", "市审计局", "市自然资源和规划局", "各县（市、区）"]),
    ("市直各行政执法单位；各县（市、区）按职责分工分别负责。", ["市直各行政执法单位", "各县（市、区）"]),
    ("市人大办公室、市政协办公室、市政府办公室；各县（市、区）按职责分工分别负责。",
     ["市人大办公室", "市政协办公室", "市政府办公室", "各县（市、区）"]),
    # hand-written
    ("", []),
    ("按职责分工负责", []),
    ("区司法局等单位", ["区司法局"]),
    ("区建设局、区交通局、区水务局等建设主管部门", ["区建设局", "区交通局", "区水务局"]),
    ("市教委、市卫生健康委等成员单位按职责分工负责", ["市教委", "市卫生健康委"]),
    # 和 / 及 between two whole names of bodies, never inside one
    ("区绿化市容局、区城管执法局和属地街镇", ["区绿化市容局", "区城管执法局", "属地街镇"]),
    ("市公安局及各区政府", ["市公安局", "各区政府"]),
    ("工业和信息化部、文化和旅游部", ["工业和信息化部", "文化和旅游部"]),
    ("区人力资源和社会保障局", ["区人力资源和社会保障局"]),
    ("市发展改革委及其派出机构", ["市发展改革委及其派出机构"]),
]


def test_a_unit_named_twice_in_one_role_is_one_unit():
    from planparse import extract_text

    text = "一、主要任务\n（一）加强执法协作。建立联合执法机制。（牵头单位：区司法局；参加单位：区财政局、区公安分局、区财政局）\n"
    (measure,) = extract_text(text).iter_measures()
    assert (measure.lead_units, measure.participating_units) == (["区司法局"], ["区财政局", "区公安分局"])


@pytest.mark.parametrize("value, expected", SPLIT_UNITS)
def test_split_units(value, expected):
    assert split_units(value) == expected


def _assignments(lead=(), participating=(), responsible=(), deadlines=()):
    return Assignments(lead=list(lead), participating=list(participating), responsible=list(responsible),
                       deadline_texts=list(deadlines))


ASSIGNMENTS = [
    # pingqiao 1, as in the raw file (half-width colons and brackets)
    ("着力构建系统完备、科学规范、运行高效、符合平桥实际的机构职能体制，全面提升政府效能。\n牵头单位:区委编办\n"
     "参加单位:各乡镇(办事处)、区政府各部门",
     _assignments(lead=["区委编办"], participating=["各乡镇（办事处）", "区政府各部门"])),
    # pingqiao 24, with the two field lines run together as a wrapped-line join leaves them
    ("提升“两法衔接”工作效能。\n牵头单位：区检察院参加单位：区委政法委、区法院、平桥公安分局、明港公安分局、区司法局，"
     "区政府其他有关部门",
     _assignments(lead=["区检察院"], participating=["区委政法委", "区法院", "平桥公安分局", "明港公安分局", "区司法局",
                                                "区政府其他有关部门"])),
    # pingqiao 25 and 29
    ("落实警示约谈、通报问责制度。\n责任单位：各乡镇（办事处）、区政府各部门按职责分工负责",
     _assignments(responsible=["各乡镇（办事处）", "区政府各部门"])),
    ("责任单位：区委网信办、平桥公安分局、明港公安分局、区卫生健康委员会、区应急管理局等部门按职责分工负责",
     _assignments(responsible=["区委网信办", "平桥公安分局", "明港公安分局", "区卫生健康委员会", "区应急管理局"])),
    # pingdingshan indicator 1
    ("（3）随机访谈：制定调查问卷，向办事群众访谈对办事进度的知悉度、满意度。\n"
     "责任单位：市政务服务和大数据管理局，市直各单位；各县（市、区）按职责分工分别负责。",
     _assignments(responsible=["市政务服务和大数据管理局", "市直各单位", "各县（市、区）"])),
    ("责任单位: 市政府办公室、市司法局, 市直各单位; 各县(市、区)按职责分工分别负责。",
     _assignments(responsible=["市政府办公室", "市司法局", "市直各单位", "各县（市、区）"])),
    # inline groups (hand-written forms of county plans)
    ("加强行政执法队伍建设。（牵头单位：县司法局；责任单位：各乡镇人民政府，县直各部门；完成时限：2023年年底前）",
     _assignments(lead=["县司法局"], responsible=["各乡镇人民政府", "县直各部门"], deadlines=["2023年年底前"])),
    ("推进综合执法。（责任单位：县司法局）", _assignments(responsible=["县司法局"])),
    ("推进综合执法。（责任单位：各县（市、区）政府；完成时限：长期坚持）",
     _assignments(responsible=["各县（市、区）政府"], deadlines=["长期坚持"])),
    ("推进综合执法。——牵头单位：区司法局；配合单位：区法院、各县（市、区）\n下一段文字",
     _assignments(lead=["区司法局"], participating=["区法院", "各县（市、区）"])),
    ("（牵头：县司法局，协办单位：县法院；完成时间：每年3月底前）",
     _assignments(lead=["县司法局"], participating=["县法院"], deadlines=["每年3月底前"])),
    ("牵头部门：市司法局\n配合部门：市法院\n责任部门：各县（市、区）\n完成时限：2022年起",
     _assignments(lead=["市司法局"], participating=["市法院"], responsible=["各县（市、区）"], deadlines=["2022年起"])),
    # 时限要求 is a time limit here as it is for deadlines: it ends the unit list before it
    ("责任单位：区司法局、区财政局 时限要求：长期坚持", _assignments(responsible=["区司法局", "区财政局"],
                                                             deadlines=["长期坚持"])),
    # prose that names no field
    ("以县行政争议协调化解委员会为平台，完善府院联席会议制度", _assignments()),
    ("由区司法局牵头，各部门配合", _assignments()),
]

# Every label real plans use for units, hand-written in the style of the genre (city, district and national plans).
# Roles: 牵头单位/牵头部门 → lead; 参加/配合部门/支撑单位 → participating; 责任单位/责任部门/实施部门/负责部门 → responsible.
LABELLED_UNITS = [
    ("完善公交线网。（牵头部门：市发展改革委；实施部门：各区政府；配合部门：市财政局）",
     _assignments(lead=["市发展改革委"], participating=["市财政局"], responsible=["各区政府"])),
    # fields separated by a comma, not a semicolon
    ("推进旧区改造。（牵头单位：区建管委、某某街道，支撑单位：区财政局、区规划资源局）",
     _assignments(lead=["区建管委", "某某街道"], participating=["区财政局", "区规划资源局"])),
    # 适用范围 is a field of its own, never a unit
    ("放宽外资准入限制。（负责部门：人力资源社会保障部、住房城乡建设部；适用范围：所有自贸试验区）",
     _assignments(responsible=["人力资源社会保障部", "住房城乡建设部"])),
    ("支持开展保税维修。（负责部门：商务部、海关总署，适用范围：某某自贸试验区）",
     _assignments(responsible=["商务部", "海关总署"])),
    ("（负责部门：人民银行等部门，适用范围：某某自贸试验区）", _assignments(responsible=["人民银行"])),
    # a 时间节点 beside the unit, after a full stop inside the group
    ("优化信号配时。（责任部门：市交通委。时间节点：2025年3月）",
     _assignments(responsible=["市交通委"], deadlines=["2025年3月"])),
    ("建设充电设施。（责任单位：区交通委、各街镇；时间节点：2019年）",
     _assignments(responsible=["区交通委", "各街镇"], deadlines=["2019年"])),
    # the tortoise-shell brackets some plans use for the whole group
    ("推进垃圾分类。〔责任单位：区绿化市容局、各街镇〕", _assignments(responsible=["区绿化市容局", "各街镇"])),
    ("〔牵头单位：区民政局；配合单位：区财政局〕", _assignments(lead=["区民政局"], participating=["区财政局"])),
    # units kept as printed, brackets included
    ("（牵头部门：区委组织部（区公务员局）；实施部门：各街镇（园区））",
     _assignments(lead=["区委组织部（区公务员局）"], responsible=["各街镇（园区）"])),
    ("牵头部门：市交通委科技信息处、港务监管处\n实施部门：市港航中心、各区交通主管部门",
     _assignments(lead=["市交通委科技信息处", "港务监管处"], responsible=["市港航中心", "各区交通主管部门"])),
    ("责任部门：区建设管理委\n支撑单位：相关街镇", _assignments(participating=["相关街镇"], responsible=["区建设管理委"])),
    # department plans name offices (处室)
    ("牵头处室：规划处\n配合处室：法规处、财务处\n责任处室：各区分局",
     _assignments(lead=["规划处"], participating=["法规处", "财务处"], responsible=["各区分局"])),
    # the lead marked inside a list of responsible units
    ("（责任单位：市发展改革委（牵头）、市财政局、各区政府）",
     _assignments(lead=["市发展改革委"], responsible=["市财政局", "各区政府"])),
]


@pytest.mark.parametrize("text, expected", LABELLED_UNITS)
def test_labelled_units(text, expected):
    assert find_assignments(text) == expected


# Units named by a role verb instead of a label: X牵头负责 → lead, Y组织落实 / 负责落实 / X负责 → responsible,
# 组织配合 → participating; 按职责分工, 会同有关部门, 等部门 and a stray 负责 are dropped from the names.
ROLE_PHRASED_UNITS = [
    ("加强监管执法。（市住房城乡建设管理委牵头负责，各区政府组织落实）",
     _assignments(lead=["市住房城乡建设管理委"], responsible=["各区政府"])),
    ("（市消防救援总队牵头负责、市公安局、各区政府组织落实）",
     _assignments(lead=["市消防救援总队"], responsible=["市公安局", "各区政府"])),
    ("（市发展改革委、市财政局牵头负责，市民政局按职责组织配合）",
     _assignments(lead=["市发展改革委", "市财政局"], participating=["市民政局"])),
    ("（各部门按职责分工牵头负责、各区政府组织落实）", _assignments(lead=["各部门"], responsible=["各区政府"])),
    ("（市市场监管局、市公安局按职责分工负责落实、各区政府组织落实）",
     _assignments(responsible=["市市场监管局", "市公安局", "各区政府"])),
    # a stray 负责 in the middle of a list
    ("（市建设管理委牵头负责，市财政局、市国资委负责、市消防救援总队、各区政府组织落实）",
     _assignments(lead=["市建设管理委"], responsible=["市财政局", "市国资委", "市消防救援总队", "各区政府"])),
    ("（市应急局、市经济信息化委、各区政府组织落实）", _assignments(responsible=["市应急局", "市经济信息化委", "各区政府"])),
    ("（市教委、各区政府牵头负责）", _assignments(lead=["市教委", "各区政府"])),
    # national plans: （X部负责）
    ("完善价格机制。（国家发展改革委负责）", _assignments(responsible=["国家发展改革委"])),
    ("（交通运输部、财政部负责）", _assignments(responsible=["交通运输部", "财政部"])),
    ("（教育部会同有关部门负责）", _assignments(responsible=["教育部"])),
    ("（国家发展改革委会同财政部负责）", _assignments(responsible=["国家发展改革委", "财政部"])),
    ("（各街镇（园区）牵头负责，区绿化市容局配合）",
     _assignments(lead=["各街镇（园区）"], participating=["区绿化市容局"])),
    # inside a labelled value, the roles it names win over the label's
    ("责任单位：市发展改革委牵头，市财政局、各区政府按职责分工负责",
     _assignments(lead=["市发展改革委"], responsible=["市财政局", "各区政府"])),
    ("（责任单位：区民政局牵头，各街镇配合；完成时限：2025年6月底前）",
     _assignments(lead=["区民政局"], participating=["各街镇"], deadlines=["2025年6月底前"])),
    # a sentence of its own
    ("建立联席会议制度。区司法局牵头，各街镇按职责分工负责。", _assignments(lead=["区司法局"], responsible=["各街镇"])),
    ("区民政局牵头负责，各街镇组织落实。", _assignments(lead=["区民政局"], responsible=["各街镇"])),
    # prose, not role phrasing
    ("持续抓好服务型行政执法和行政执法责任制落实。", _assignments()),
    ("建立政府负总责、司法行政部门牵头、各职能部门为主体的行政调解工作机制。", _assignments()),
    ("成立工作专班，由区绿化市容局牵头，区建管委、区交通委配合，统筹推进。", _assignments()),
    ("（以下简称收集、运输单位）", _assignments()),
    ("（各单位全年不少于一场）", _assignments()),
    ("（企业直接向国家发展改革委申报，不需省级发展改革部门转报）", _assignments()),
    ("要对企业依法负责。", _assignments()),
]


@pytest.mark.parametrize("text, expected", ROLE_PHRASED_UNITS)
def test_role_phrased_units(text, expected):
    assert find_assignments(text) == expected


@pytest.mark.parametrize("text, expected", ASSIGNMENTS)
def test_find_assignments(text, expected):
    assert find_assignments(text) == expected


ASSIGNMENT_LINES = [
    ("牵头单位:区委编办", True),
    ("参加单位：各乡镇（办事处）、区政府其他有关部门", True),
    ("责任单位：市司法局。", True),
    ("责任单位: 市委办公室、市司法局, 市直各单位; 各县(市、区)按职责分工分别负责。", True),
    ("（责任单位：县司法局）", True),
    ("——牵头单位：区司法局；配合单位：区法院", True),
    ("完成时限：2023年年底前", True),
    ("时限要求：2023年年底前", True),
    ("〔责任单位：区绿化市容局〕", True),
    ("实施部门：各区政府", True),
    ("适用范围：所有自贸试验区", False),
    ("推进综合执法。（责任单位：县司法局）", False),
    ("工作任务：", False),
    ("（1）网络检索：本级政府全部行政审批事项清单在网上公开", False),
]


@pytest.mark.parametrize("line, expected", ASSIGNMENT_LINES)
def test_assignment_line(line, expected):
    assert assignment_line(line) is expected


# --- labels: one vocabulary for field lines, time-limit fields and table columns ---------------------------


@pytest.mark.parametrize("label", FIELD_LABELS)
def test_a_field_label_as_a_column_header_names_its_role(label):
    assert column_role(label) == FIELD_LABELS[label]


@pytest.mark.parametrize("label", [label for label, role in FIELD_LABELS.items() if role == "deadline"])
def test_every_deadline_label_is_a_time_limit_field(label):
    assert find_recurring(f"{label}：长期坚持") == ["长期坚持"]
    assert find_assignments(f"{label}：长期坚持").deadline_texts == ["长期坚持"]


COLUMN_HEADERS = [
    ("序号", "number"), ("重点任务", "task"), ("主要工作内容", "task"), ("牵头单位及职责", "lead"),
    ("配合部门", "participating"), ("责任单位", "responsible"), ("进度安排", "deadline"), ("完成时限", "deadline"),
    ("备注", "other"), ("联系人", None),
]


@pytest.mark.parametrize("header, role", COLUMN_HEADERS)
def test_column_role(header, role):
    assert column_role(header) == role


# --- tasks -----------------------------------------------------------------------------------------------
TASKS = [
    ("（1）网络检索：本级政府全部行政审批事项清单在网上公开。", ("网络检索", "本级政府全部行政审批事项清单在网上公开。")),
    ("（2）材料查证：对照指标要求，汇总全部相关材料备查。", ("材料查证", "对照指标要求，汇总全部相关材料备查。")),
    ("(2) 材料查证：汇总全部政府工作部门的权责清单", ("材料查证", "汇总全部政府工作部门的权责清单")),
    ("材料查证：确保各项数据、资料、文件标准、规范、完善。", ("材料查证", "确保各项数据、资料、文件标准、规范、完善。")),
    ("（3）随机访谈：制定调查问卷，向办事群众访谈", ("随机访谈", "制定调查问卷，向办事群众访谈")),
    ("(3) 实地核验：对照指标要求，做好实地核验准备。", ("实地核验", "对照指标要求，做好实地核验准备。")),
    ("案卷评查：1. 各单位开展案卷评查并整改到位。2. 案卷能通过文", ("案卷评查", "1. 各单位开展案卷评查并整改到位。2. 案卷能通过文")),
    ("(2) 随机抽考：各单位开展一次行政执法人员公共法律知识", ("随机抽考", "各单位开展一次行政执法人员公共法律知识")),
    ("网络检索:相关文件在网上公开", ("网络检索", "相关文件在网上公开")),
    ("（2）实地核验 : 查看执法记录仪", ("实地核验", "查看执法记录仪")),
    ("专项核查：对照清单逐项核查", ("专项核查", "对照清单逐项核查")),
    ("工作任务：", None),
    ("责任单位：市司法局。", None),
    ("拟制材料：起草相关制度", None),
    ("第 1 项指标：向社会公布本级政府全部行政审批事项清单", None),
]


@pytest.mark.parametrize("line, expected", TASKS)
def test_task_type(line, expected):
    assert task_type(line) == expected


# --- robustness: no extractor raises, whatever the text ----------------------------------------------------
_GENRE_CHARS = list(
    "0123456789０８％%.年月日号底前后起旬季度第一三十两《》〈〉（）()〔〕[]C、，,；;：:。—-\n “”"
    "牵头单位责任参加配合完成时限间节点各县市区乡镇办事处等部门按职责分工负责以上下不低于少超过至达次期学时个工作日百分之"
    "网络检索材料查证随机访谈发豫宛办"
)
GENRE_TEXT = st.text(alphabet=st.sampled_from(_GENRE_CHARS), max_size=200) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(GENRE_TEXT)
def test_find_deadlines_never_raises(text):
    for deadline in find_deadlines(text) + find_deadlines(text, year=2025) + find_deadlines(text, in_field=True):
        assert deadline.text


@settings(max_examples=300, deadline=None)
@given(GENRE_TEXT)
def test_find_recurring_never_raises(text):
    assert all(find_recurring(text)) and all(find_recurring(text, year=2025))


@settings(max_examples=300, deadline=None)
@given(GENRE_TEXT)
def test_default_deadline_never_raises(text):
    default_deadline(text)


@settings(max_examples=300, deadline=None)
@given(GENRE_TEXT)
def test_find_targets_never_raises(text):
    for target in find_targets(text):
        assert target.text and target.unit


@settings(max_examples=300, deadline=None)
@given(GENRE_TEXT)
def test_find_citations_never_raises(text):
    find_citations(text)
    find_doc_number(text)


@settings(max_examples=300, deadline=None)
@given(GENRE_TEXT)
def test_units_never_raise(text):
    assert all(split_units(text))
    found = find_assignments(text)
    assert all(found.lead) and all(found.participating) and all(found.responsible)
    assignment_line(text)


@settings(max_examples=300, deadline=None)
@given(GENRE_TEXT)
def test_task_type_never_raises(text):
    task_type(text)


# Duty lists whose items are headed by the body that carries them (written for these tests).
DUTY_HEADS = [
    ("城管中心：负责全镇渣土处置的日常监管，做好与区级部门的衔接。", ("responsible", ["城管中心"])),
    ("社区办。牵头组织各居委会开展宣传。", ("lead", ["社区办"])),
    ("派出所。配合做好运输车辆的查处工作。", ("participating", ["派出所"])),
    ("各村：负责村域范围内垃圾的收集和驳运。", ("responsible", ["各村"])),
    ("区委组织部（区公务员局）：负责将考核结果纳入干部考察。", ("responsible", ["区委组织部（区公务员局）"])),
    ("区绿化市容局\n负责全区收运企业的资质审核。", ("responsible", ["区绿化市容局"])),
    # several bodies head one item, the others of their kind named by kind only (`等行业主管部门`)
    ("区住房建设局、区交通运输局等行业主管部门\n督促施工单位落实扬尘防控责任。",
     ("responsible", ["区住房建设局", "区交通运输局"])),
    ("各街道、开发区：落实属地责任，开展日常巡查。", ("responsible", ["各街道", "开发区"])),
    # a head alone on its line that names a body is its duty, whatever the text begins with…
    ("区公安分局（交警大队）\n对运输车辆集中通行路段开展路面执法。", ("responsible", ["区公安分局（交警大队）"])),
    # …but not a body named by its part in the plan: `成员单位` heads the list of members
    ("成员单位\n县减灾委员会成员单位包括县应急管理局、县民政局等。", None),
    ("区公安分局（交警大队）：对运输车辆集中通行路段开展路面执法。", None),  # run in: needs a duty verb
    ("优化服务设施布局。按照每个街镇建成一家中心的要求推进。", None),  # a topic ending in 局, then its text
    ("提高政治站位。从全局高度认识工作的重要性。", None),
    ("加强组织领导。各单位要落实主体责任。", None),
    ("物业公司。积极配合开展排查。", None),  # no duty verb right after the head: left to a person
]


@pytest.mark.parametrize(("text", "expected"), DUTY_HEADS)
def test_an_item_headed_by_its_body_names_that_body(text, expected):
    from planparse.fields.roles import duty_head

    assert duty_head(text) == expected


# A measure's headline: its head run in by 。, or by a colon after a short head (phrases written for the test).
HEADLINES = [
    ("加强组织领导。成立工作专班，统筹推进各项任务。", "加强组织领导"),
    ("动员部署阶段（4月底前）：全面部署任务，开展宣传告知，督促企业自查自纠。", "动员部署阶段（4月底前）"),
    ("高风险类：有不良生活习惯、居住环境堆物严重的独居老人。", "高风险类"),
    ("城运中心：负责建筑垃圾处理的监督管理。", "城运中心"),
    # a head that only counts is no headline: the words after the colon name the step
    ("第二阶段：全面巩固提升。盯牢隐患整改，全面完成整治。", "第二阶段：全面巩固提升"),
    # a colon inside a clause, after the first comma or the first 。, is the text's own
    ("围绕重点任务，明确以下要求：一是加强巡查。", "围绕重点任务，明确以下要求：一是加强巡查"),
    ("加强巡查。重点做好以下工作：一是排查隐患。", "加强巡查"),
    # the colon that opens a list under the line is the list's
    ("各有关单位、物业公司落实前端管理，具体工作如下：", "各有关单位、物业公司落实前端管理，具体工作如下"),
]


@pytest.mark.parametrize(("line", "headline"), HEADLINES)
def test_a_measures_headline_is_its_head(line, headline):
    from planparse import extract_text

    (measure,) = extract_text(f"一、主要任务\n（一）{line}\n").iter_measures()
    assert measure.headline == headline
