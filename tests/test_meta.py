"""Plan metadata from the places real documents print it: tables of short made-up phrases per extractor, and
whole made-up documents for the rules that need a frame (notice, title, signature)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planparse.extract import extract_text
from planparse.fields.regions import find_places
from planparse.meta import cn_date
from planparse.normalize import normalize
from planparse.printed_meta import FRONT_MATTER, INFO_BLOCK, printed_fields


def meta_of(text: str):
    return extract_text(text).meta


# --- printed metadata: front matter and info-disclosure blocks ----------------------------------------------

FRONT_MATTER_DOC = """---
标题: 关于印发某某工作方案的通知
文号: 甲府办〔2023〕7号
发布单位: 测试市人民政府办公室
发布日期: 2023-05-06
类型: 通知公告
---

> 本文由脚本从公开页面提取。

一、工作目标
做好测试工作。
"""

INFO_BLOCKS = [
    # pipe rows, keys spaced out to align them
    ("| 索 引 号 | 000001/2023-001 | 主题分类 | 综合政务 |\n| 发文机关 | 测试市人民政府 | 成文日期 | 2023年3月4日 |\n"
     "| 标　　题 | 测试方案 | 发文字号 | 测府〔2023〕5号 |",
     {"issuers": "测试市人民政府", "signed": "2023年3月4日", "doc_number": "测府〔2023〕5号"}),
    # key: value pairs, two per line
    ("索引号：000001/2023-002　　主题分类：综合政务\n发文机关：测试县人民政府　　成文日期：2023-06-07\n"
     "发文字号：测县〔2023〕9号",
     {"issuers": "测试县人民政府", "signed": "2023-06-07", "doc_number": "测县〔2023〕9号"}),
    # bullets with the value on the next line
    ("- 发文字号\n测办〔2022〕3号\n- 成文日期\n2022年1月2日\n- 发文机关\n测试区人民政府办公室",
     {"doc_number": "测办〔2022〕3号", "signed": "2022年1月2日", "issuers": "测试区人民政府办公室"}),
    # a bare 文号 line, its value below
    ("文号\n测发〔2021〕11号", {"doc_number": "测发〔2021〕11号"}),
    # 北大法宝 headers
    ("【发布部门】测试部\n【发文字号】测部发〔2020〕2号\n【发布日期】2020.03.04\n【时效性】现行有效\n【法宝引证码】CLI.4.1",
     {"issuers": "测试部", "doc_number": "测部发〔2020〕2号", "published": "2020.03.04"}),
]


def test_front_matter_is_dropped_and_read_back():
    lines, dropped = normalize(FRONT_MATTER_DOC)
    assert all("标题" not in line.text and "本文由脚本" not in line.text for line in lines)
    fields = printed_fields(dropped)[FRONT_MATTER]
    assert fields == {"title": "关于印发某某工作方案的通知", "doc_number": "甲府办〔2023〕7号",
                      "issuers": "测试市人民政府办公室", "published": "2023-05-06"}


@pytest.mark.parametrize("block, expected", INFO_BLOCKS)
def test_info_blocks_in_each_shape(block, expected):
    lines, dropped = normalize(block + "\n\n一、总体要求\n做好工作。\n")
    assert [line.text for line in lines] == ["一、总体要求", "做好工作。"]
    assert {d.reason for d in dropped} == {INFO_BLOCK}
    assert printed_fields(dropped)[INFO_BLOCK] | expected == printed_fields(dropped)[INFO_BLOCK]


def test_a_plan_sentence_starting_with_a_scraper_key_is_kept():
    lines, dropped = normalize("附件：1.测试表\n类型：如下。\n")
    assert [line.text for line in lines] == ["附件：1.测试表", "类型：如下。"] and not dropped


def test_front_matter_fills_meta_when_the_document_prints_nothing_better():
    meta = meta_of(FRONT_MATTER_DOC)
    assert meta.doc_number == "甲府办〔2023〕7号"
    assert meta.issuers == ["测试市人民政府办公室"]
    assert meta.date == "2023-05-06"


def test_a_web_publication_time_is_the_date_only_when_nothing_better_is_printed():
    web = "发布时间:2024-01-02 来源:测试局\n\n测试工作方案\n一、目标\n做好工作。\n"
    assert meta_of(web).date == "2024-01-02"
    signed = web + "\n测试局\n2023年12月20日\n"
    assert meta_of(signed).date == "2023-12-20"


# --- dates ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso", [
    ("2022年5月25日", "2022-05-25"),
    ("二○一○年十二月二十五日", "2010-12-25"),
    ("二〇〇四年六月二十六日", "2004-06-26"),
    ("二OO八年一月九日", "2008-01-09"),
    ("二零一九年十月三十一日", "2019-10-31"),
    ("2023年13月1日", None),
    ("今年年底", None),
])
def test_signature_dates_in_arabic_and_chinese_numerals(text, iso):
    assert cn_date(text) == iso


# --- notice, title, 文号, issuers ---------------------------------------------------------------------------

NOTICE = """甲市人民政府办公室 乙市财政局关于印发
甲市测试工作实施方案的通知
甲政办〔2023〕12号

各县（区）人民政府：
根据《乙省测试工作意见》（乙政发〔2022〕3号），现将《甲市测试工作实施方案》印发给你们，请认真贯彻执行。原《甲市旧测试方案》（甲政办〔2019〕4号）同时废止。
特此通知。

甲市政府办      市财政局
二○二三年三月五日

甲市测试工作
实施方案
一、总体要求
做好测试工作。
"""


def test_two_line_notice_title_and_two_line_plan_title():
    meta = meta_of(NOTICE)
    assert meta.title == "甲市测试工作实施方案"


def test_own_doc_number_is_the_bare_line_and_cited_ones_are_basis_except_repealed():
    meta = meta_of(NOTICE)
    assert meta.doc_number == "甲政办〔2023〕12号"
    assert [ref.doc_number for ref in meta.basis if ref.doc_number] == ["乙政发〔2022〕3号"]
    assert all(ref.title != "甲市测试工作实施方案" for ref in meta.basis)


def test_joint_issuers_shortened_in_the_signature_take_the_notice_titles_full_names():
    assert meta_of(NOTICE).issuers == ["甲市人民政府办公室", "乙市财政局"]
    assert meta_of(NOTICE).date == "2023-03-05"


@pytest.mark.parametrize("signature, issuers", [
    ("测试市交通委员会　测试海事局", ["测试市交通委员会", "测试海事局"]),
    ("测试市交通委员会", ["测试市交通委员会"]),
])
def test_joint_issuers_two_per_line_are_split(signature, issuers):
    text = f"关于印发测试方案的通知\n各有关单位：\n现将方案印发给你们。\n特此通知。\n\n{signature}\n2023年1月2日\n\n测试方案\n一、目标\n做好工作。\n"
    assert meta_of(text).issuers == issuers


def test_an_issuer_named_only_in_the_notice_title_counts_and_tezhi_tongzhi_is_never_one():
    text = ("上海市崇明区人民政府办公室关于印发测试实施方案的通知\n各乡镇人民政府：\n现将方案印发给你们。\n特此通知\n"
            "2024年2月3日\n\n测试实施方案\n一、目标\n做好工作。\n")
    meta = meta_of(text)
    assert meta.issuers == ["上海市崇明区人民政府办公室"]
    assert meta.region == "上海市崇明区" and meta.level == "district" and meta.region_code == "310151"


def test_a_breadcrumb_is_never_a_title():
    text = "首页 > 政务公开 > 政策文件 > 正文\n\n测试县2023年工作要点\n一、目标\n做好工作。\n"
    meta = meta_of(text)
    assert meta.title == "测试县2023年工作要点"
    assert meta.kind == "work_points" and meta.period.start == meta.period.end == 2023


def test_a_news_reprint_names_the_plan_only_in_brackets():
    text = "近日，测试市人民政府印发《测试市养老服务实施方案》，提出以下措施。\n一、目标\n做好工作。\n"
    assert meta_of(text).title == "测试市养老服务实施方案"


# --- region, level, code ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, region, level, code, parents", [
    ("上海市测试实施方案", "上海市", "province", "310000", []),
    ("上海市青浦区测试实施方案", "上海市青浦区", "district", "310118", ["310000"]),
    ("普陀区海绵城市建设实施方案", "普陀区", "district", "310107", ["310000"]),
    ("南阳市法治政府建设实施方案", "南阳市", "city", "411300", ["410000"]),
    ("信阳市平桥区法治政府建设实施方案", "信阳市平桥区", "district", "411503", ["410000", "411500"]),
    ("宝丰县法治政府建设实施方案", "宝丰县", "county", "410421", ["410000", "410400"]),
    ("上海市闵行区吴泾镇人民政府", "上海市闵行区吴泾镇", "town", None, ["310000", "310112"]),
])
def test_region_level_and_code_from_the_division_list(text, region, level, code, parents):
    place = find_places(text, context="上海市")[0]
    assert (place.printed + (place.town or ""), place.level, place.code) == (region, level, code)
    assert [parent.code for parent in place.parents] == parents


def test_a_common_word_that_is_also_a_short_division_name_is_no_place():
    assert find_places("推进城区道路建设") == []


def test_a_division_of_an_ambiguous_name_is_chosen_by_the_parents_the_document_names():
    assert find_places("普陀区实施方案", context="浙江省舟山市")[0].division.code == "330903"


@pytest.mark.parametrize("issuer, region, level", [
    ("国务院办公厅", None, "national"),
    ("国家发展改革委", None, "national"),
    ("上海市青浦区人民政府办公室", "上海市青浦区", "district"),
])
def test_level_from_the_issuer_and_benshi_resolves_from_it(issuer, region, level):
    text = (f"{issuer}关于印发测试方案的通知\n各有关单位：\n现将《关于加强本区测试工作的实施方案》印发给你们。\n\n"
            f"{issuer}\n2023年1月2日\n\n关于加强本区测试工作的实施方案\n一、目标\n做好工作。\n")
    meta = meta_of(text)
    assert (meta.region, meta.level) == (region, level)


def test_a_region_inside_a_cited_title_is_not_the_plans():
    text = "关于贯彻《上海市测试条例》\n推进测试工作的实施方案\n一、目标\n做好工作。\n"
    meta = meta_of(text)
    assert meta.title == "关于贯彻《上海市测试条例》推进测试工作的实施方案"
    assert meta.region is None and meta.kind == "implementation_plan"


# --- kind -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, kind", [
    ("测试县重要举措分工方案", "division_of_labor"),
    ("测试县重点任务责任分解", "division_of_labor"),
    ("测试县年度任务分解方案", "division_of_labor"),
    ("测试市管理办法", "regulation"),
    ("测试市保护条例", "regulation"),
    ("测试委员会工作规则", "regulation"),
    ("测试实施细则", "regulation"),
    ("测试若干规定", "regulation"),
    ("关于加强测试工作的意见", "opinion"),
    ("关于测试工作的实施意见", "opinion"),
    ("关于测试工作的指导意见", "opinion"),
    ("测试三年行动方案", "action_plan"),
    ("测试三年行动计划（2024—2026年）", "action_plan"),
    ("测试县2024年工作要点", "work_points"),
    ("测试突发事件应急预案", "emergency_plan"),
    ("测试专项整治工作方案", "work_plan"),
    ("测试工作实施方案", "implementation_plan"),
    ("测试工作实施方案（征求意见稿）", "implementation_plan"),
    # a notice or a letter that sets the tasks itself
    ("测试办公厅关于抓好测试工作贯彻落实的通知", "notice"),
    ("关于开展2024年本市测试工作的函", "notice"),
    ("关于发布2025年本市测试工作要求的通知", "work_points"),
])
def test_kind_from_the_title_word(title, kind):
    assert meta_of(f"{title}\n一、总体要求\n做好工作。\n").kind == kind


def test_a_notice_that_only_transmits_is_a_notice():
    text = ("测试局关于印发《测试专项实施方案》的通知\n测局〔2023〕4号\n各有关单位：\n现将方案印发给你们，请遵照执行。\n"
            "2023年9月1日\n")
    meta = meta_of(text)
    assert meta.kind == "notice" and meta.doc_number == "测局〔2023〕4号"


# --- the real corpus, when present ----------------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="the shared corpus is not beside this checkout")
def test_corpus_meta_holds_its_score():
    import yaml

    from planparse.extract import extract

    correct = total = 0
    for gold_path in sorted((CORPUS / "gold").glob("c*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")).get("meta") or {}
        source = next(CORPUS.glob(gold_path.name.split(".")[0] + "-*"))
        meta = extract(source).model_dump(mode="json")["meta"]
        for key in ("title", "doc_number", "date", "kind", "draft"):
            if key in gold:
                total += 1
                correct += str(gold[key]) == str(meta[key])
        if gold.get("region"):
            total += 1
            correct += bool(meta["region"]) and (meta["region"] in gold["region"] or gold["region"] in meta["region"])
        total += 1
        correct += sorted(gold.get("issuers") or []) == sorted(meta["issuers"])
    assert correct / total >= 0.97, (correct, total)


def test_a_laws_adoption_note_gives_its_date_and_body():
    text = "# 测试市养犬管理条例\n\n2020年3月4日 测试市第十届人民代表大会常务委员会第五次会议通过\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n"
    meta = meta_of(text)
    assert (meta.date, meta.issuers, meta.kind) == ("2020-03-04", ["测试市人民代表大会常务委员会"], "regulation")


def test_a_signature_before_an_annex_gives_the_date():
    text = ("国务院办公厅关于推广测试举措的通知\n国办发〔2018〕99号\n各省、自治区、直辖市人民政府：\n"
            "一、推广的举措\n做好推广。\n二、组织实施\n抓好落实。\n附件：测试清单\n国务院办公厅\n2018年12月1日\n"
            "附件\n测试清单\n1\n测试举措\n")
    meta = meta_of(text)
    assert (meta.date, meta.issuers, meta.level) == ("2018-12-01", ["国务院办公厅"], "national")


@pytest.mark.parametrize("line, expected", [
    ("文　　号：测政〔2022〕5号　　成文日期：2022年3月1日", {"doc_number": "测政〔2022〕5号", "signed": "2022年3月1日"}),
    ("索 引 号：000/2023-1 | 发文机关：测试省人民政府", {"issuers": "测试省人民政府"}),
    ("| 标　　题： | 测试方案 |", {"title": "测试方案"}),
])
def test_spaced_keys_and_pairs_beside_a_pipe(line, expected):
    lines, dropped = normalize(line + "\n")
    assert not lines and printed_fields(dropped)[INFO_BLOCK] == expected


def test_a_doc_number_beside_the_signer_is_the_plans_own():
    text = "测试省人民政府文件\n测政〔2022〕5号　　签发人：某某\n\n测试省测试工作实施方案\n一、目标\n做好工作。\n"
    meta = meta_of(text)
    assert meta.doc_number == "测政〔2022〕5号" and meta.issuers == ["测试省人民政府"]


def test_a_national_body_with_a_local_branch_is_not_national():
    text = "关于印发测试方案的通知\n各有关单位：\n现印发给你们。\n\n国家税务总局上海市税务局\n2023年1月2日\n\n测试方案\n一、目标\n做好。\n"
    meta = meta_of(text)
    assert (meta.region, meta.level) == ("上海市", "province")


def test_a_reprint_title_line_in_brackets_is_the_title_without_them():
    assert meta_of("《测试市养老服务实施方案》\n一、目标\n做好工作。\n").title == "测试市养老服务实施方案"


@pytest.mark.parametrize("signed, printed, issuers", [
    ("市测试委", "测试市测试委员会", ["测试市测试委员会"]),
    ("区政府办公室", "测试区人民政府办公室", ["测试区人民政府办公室"]),
    ("国务院", "国务院办公厅", ["国务院"]),
    ("测试市应急委员会", "测试市应急管理局", ["测试市应急委员会"]),
])
def test_a_shortened_signature_takes_the_full_name_printed_in_the_page_metadata(signed, printed, issuers):
    text = (f"---\n发布单位: {printed}\n---\n关于印发测试方案的通知\n各有关单位：\n现印发给你们。\n\n{signed}\n"
            "2023年1月2日\n\n测试方案\n一、目标\n做好。\n")
    assert meta_of(text).issuers == issuers


@pytest.mark.parametrize("issuer", ["全国人民代表大会常务委员会", "国务院扶贫开发领导小组办公室", "生态环境部办公厅"])
def test_national_bodies(issuer):
    text = f"关于印发测试办法的通知\n各有关单位：\n现印发给你们。\n\n{issuer}\n2023年1月2日\n\n测试办法\n第一条 为了测试。\n"
    assert meta_of(text).level == "national"


def test_the_documents_a_notice_transmits_are_never_its_basis():
    text = ("测试市人民政府办公室关于印发两个规定的通知\n各区人民政府：\n"
            "根据《测试省物业管理条例》，现将《测试市甲规定》和《测试市乙规定》印发给你们，请认真执行。\n"
            "测试市人民政府办公室\n2025年2月10日\n测试市甲规定\n一、关于范围\n（一）做好工作。\n")
    assert [ref.title for ref in meta_of(text).basis] == ["测试省物业管理条例"]


def test_documents_a_notice_says_were_approved_and_issues_are_never_its_basis():
    text = ("测试院办公厅关于印发两个规定的通知\n各部门：\n"
            "测试部拟定的《测试甲规定》和《测试乙规定》已经测试院同意，现印发给你们，请认真贯彻执行。\n"
            "测试院办公厅\n2024年1月5日\n测试甲规定\n一、关于范围\n（一）做好工作。\n")
    assert meta_of(text).basis == []


def test_the_document_a_notice_says_it_makes_is_never_its_basis():
    # the notice names the plan it makes in other words than the plan's own title (c22 does): it is still no basis
    text = ("测试市交通委员会关于印发《测试市交通管理三年行动计划》的通知\n各相关部门：\n"
            "按照《测试市城市管理三年行动计划》等工作要求，结合实际，制定《测试市交通领域管理精细化工作方案》，现印发给你们。\n"
            "测试市交通委员会\n2024年4月3日\n测试市交通管理工作方案\n一、主要任务\n（一）做好工作。\n")
    assert [ref.title for ref in meta_of(text).basis] == ["测试市城市管理三年行动计划"]


def test_an_adoption_note_whose_date_is_no_date_leaves_the_date_to_the_other_sources():
    # `3月34日` is no date: the page's own date is the plan's (it used to stop the search at None)
    text = ("发布日期：2020-03-10\n# 测试市养犬管理条例\n\n2020年3月34日 测试市第十届人民代表大会常务委员会第五次会议通过\n\n"
            "<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n")
    meta = meta_of(text)
    assert (meta.date, meta.issuers) == ("2020-03-10", ["测试市人民代表大会常务委员会"])
