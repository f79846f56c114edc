"""`planparse tasks --format ics`, read back with icalendar: one all-day event per dated deadline, summary
`单位：措施`, the measure and its source in the description, regular recurring terms as recurring events,
UIDs that stay the same when a revised plan moves a deadline. (The bytes are a golden file: test_render.py.)"""

from __future__ import annotations

import datetime
import sys

import pytest
from typer.testing import CliRunner

import planparse
from planparse.cli import app
from planparse.render import render

from .conftest import ROOT

icalendar = pytest.importorskip("icalendar")

DIVISION = ROOT / "tests" / "golden" / "render" / "division.txt"
runner = CliRunner()


def _events(document: str) -> list:
    calendar = icalendar.Calendar.from_ical(document)
    assert calendar["version"] == "2.0" and calendar["prodid"]
    return list(calendar.walk("VEVENT"))


@pytest.fixture(scope="module")
def events():
    return _events(render(planparse.tasks([str(DIVISION)]), "ics"))


def test_one_all_day_event_per_dated_deadline(events):
    dated = [(str(event["summary"]), event.decoded("dtstart")) for event in events if "rrule" not in event]
    assert dated == [
        ("区卫生健康委员会：开展行政执法案卷评查", datetime.date(2023, 9, 30)),
        ("区卫生健康委员会：健全行政复议委员会工作机制", datetime.date(2023, 12, 31)),
        ("区司法局：推进行政审批告知承诺制", datetime.date(2023, 6, 30)),
        ("区司法局：开展行政执法案卷评查", datetime.date(2023, 9, 30)),
        ("区司法局：健全行政复议委员会工作机制", datetime.date(2023, 12, 31)),
        ("区司法局：建立行政执法监督员制度", datetime.date(2024, 12, 31)),
        ("区市场监督管理局：推进行政审批告知承诺制", datetime.date(2023, 6, 30)),
        ("区市场监督管理局：开展行政执法案卷评查", datetime.date(2023, 9, 30)),
        ("区行政服务中心：推进行政审批告知承诺制", datetime.date(2023, 6, 30)),
    ]
    for event in events:  # all-day: a DATE, ending the next day
        start = event.decoded("dtstart")
        assert type(start) is datetime.date and event.decoded("dtend") == start + datetime.timedelta(days=1)


def test_the_description_holds_role_time_limits_measure_and_source(events):
    event = next(e for e in events if str(e["summary"]) == "区司法局：健全行政复议委员会工作机制")
    assert str(event["description"]).split("\n") == [
        "职责：牵头", "完成时限：2023年年底前", "经常性时限：每年3月底前", "",
        "健全行政复议委员会工作机制。2023年年底前完成案件审理机制改革，每年3月底前报送上年度行政复议工作情况。",
        "牵头单位：区司法局", "参加单位：区卫生健康委员会", "",
        "来源：平桥区法治政府建设重点任务分工方案，措施 2，第11—15行"]


def test_regular_recurring_terms_are_recurring_events_until_the_plans_last_deadline(events):
    recurring = {str(event["summary"]): event for event in events if "rrule" in event}
    yearly = recurring["区司法局：健全行政复议委员会工作机制（每年3月底前）"]
    assert yearly["rrule"]["freq"] == ["YEARLY"] and yearly["rrule"]["bymonth"] == [3]
    assert yearly["rrule"]["bymonthday"] == [-1] and yearly["rrule"]["until"] == [datetime.date(2024, 12, 31)]
    # starts at the first 3月底 after the plan's first deadline (the plan has no date of its own)
    assert yearly.decoded("dtstart") == datetime.date(2024, 3, 31)
    quarterly = recurring["区司法局：开展行政执法案卷评查（每季度末前）"]
    assert quarterly["rrule"]["bymonth"] == [3, 6, 9, 12] and quarterly.decoded("dtstart") == datetime.date(2023, 6, 30)
    assert "区政府各部门：公开行政执法总体情况（每年1月31日前）" in recurring
    # 长期坚持 is no day: no event of its own, only in the description of the unit's dated events
    assert not any("长期坚持" in summary for summary in recurring)


def test_uids_are_unique_and_stay_when_a_revised_plan_moves_a_deadline(events, tmp_path):
    uids = [str(event["uid"]) for event in events]
    assert len(set(uids)) == len(uids) and all(uid.endswith("@planparse") for uid in uids)
    revised = tmp_path / "division.txt"
    revised.write_text(DIVISION.read_text(encoding="utf-8").replace("2023年6月底前", "2023年8月底前"), encoding="utf-8")
    moved = _events(render(planparse.tasks([str(revised)]), "ics"))
    assert [str(event["uid"]) for event in moved] == uids  # re-importing updates the events, adds none
    before = {str(e["uid"]): e.decoded("dtstart") for e in events if "rrule" not in e}
    after = {str(e["uid"]): e.decoded("dtstart") for e in moved if "rrule" not in e}
    assert {uid: (day, after[uid]) for uid, day in before.items() if after[uid] != day} == {
        uid: (datetime.date(2023, 6, 30), datetime.date(2023, 8, 31)) for uid, day in before.items()
        if day == datetime.date(2023, 6, 30)}


def test_the_calendar_is_written_by_the_cli_to_a_file_named_ics(tmp_path):
    out = tmp_path / "deadlines.ics"
    result = runner.invoke(app, ["tasks", str(DIVISION), "--unit", "平桥区司法局", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    events = _events(out.read_text(encoding="utf-8"))
    assert {str(event["summary"]).split("：")[0] for event in events} == {"区司法局"}
    assert str(events[0]["description"]).startswith("role: participating\ndeadline: 2023年6月底前")


def test_without_icalendar_one_line_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if icalendar were not installed
    result = runner.invoke(app, ["tasks", str(DIVISION), "--format", "ics"])
    assert result.exit_code == 2
    assert result.stderr == 'planparse: a calendar (--format ics) needs the office extra: pip install "planparse[office]"\n'
