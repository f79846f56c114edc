"""The `ics` format: tasks as a deadline calendar (RFC 5545) that Outlook, WPS and phone calendars import.

One all-day event per dated deadline of each unit's task, summary `单位：措施`, the role, the time limits,
the measure's text and its source (plan, 文号, lines) in the description. A regular recurring term
(`每年3月底前`) is one recurring event; the others (`长期坚持`) are listed in the description. UIDs are made of
the plan, measure, unit, role and the deadline's place, never of a date or the clock, so importing the
calendar of a revised plan again updates its events instead of adding copies; DTSTAMP is the plan's date.
Needs icalendar (the `office` extra)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ..extras import require
from . import Renderer
from ._lang import t
from ._text import deadline_text, lines_text, plan_name

if TYPE_CHECKING:
    from ..models.tasks import Assignment, TasksReport

_PRODID = "-//planparse//planparse tasks//ZH"


def tasks_ics(report: TasksReport) -> str:
    """A VCALENDAR of the report's dated deadlines and regular recurring terms."""
    icalendar = require("icalendar", "office", "a calendar (--format ics)")
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", t("tasks.title", plans="；".join(plan_name(plan) for plan in report.plans)))
    spans = _plan_spans(report)
    for row in report.assignments:
        for event in _events(icalendar, report, row, spans.get(row.plan)):
            calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _plan_spans(report: TasksReport) -> dict[int, tuple[datetime.date, datetime.date]]:
    """Each plan's first and last dated deadline: a recurring term starts after the first (or the plan's
    date) and repeats until the last, the plan's end (`各项工作任务…2025年年底前完成`)."""
    days: dict[int, list[datetime.date]] = {}
    for row in report.assignments:
        days.setdefault(row.plan, []).extend(datetime.date.fromisoformat(d.date) for d in row.deadlines if d.date)
    return {plan: (min(found), max(found)) for plan, found in days.items()}


def _events(icalendar, report: TasksReport, row: Assignment, span):
    """The events of one row: one per dated deadline, one recurring event per regular recurring term."""
    plan = report.plans[row.plan]
    stamp = datetime.date.fromisoformat(plan.date) if plan.date else None
    summary = f"{row.unit}：{row.headline or row.measure}"
    description = _description(report, row)
    for index, deadline in enumerate(row.deadlines):
        if not deadline.date:
            continue
        day = datetime.date.fromisoformat(deadline.date)
        yield _event(icalendar, _uid(report, row, f"deadline{index}"), stamp or day, day, summary, description)
    for index, term in enumerate(row.recurring):
        first = _first(term.rule, stamp, span)
        if first is None:
            continue
        event = _event(icalendar, _uid(report, row, f"recurring{index}"), stamp or first, first,
                       f"{summary}（{term.text}）", description)
        rule = icalendar.vRecur.from_ical(term.rule)
        if span and span[1] > first:
            rule["until"] = span[1]
        event.add("rrule", rule)
        yield event


def _event(icalendar, uid: str, stamp: datetime.date, day: datetime.date, summary: str, description: str):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.datetime(stamp.year, stamp.month, stamp.day, tzinfo=datetime.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))  # an all-day event ends the next day (RFC 5545 3.6.1)
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a deadline does not make its day busy
    return event


def _first(rule: str | None, stamp: datetime.date | None, span) -> datetime.date | None:
    """The first day a regular term falls on, from the plan's date (else its first deadline); None for a
    term that has no rule or a plan with no date at all to start from."""
    start = stamp or (span[0] if span else None)
    if rule is None or start is None:
        return None
    from dateutil.rrule import rrulestr  # installed with icalendar

    found = rrulestr(rule, dtstart=datetime.datetime(start.year, start.month, start.day)).after(
        datetime.datetime(start.year, start.month, start.day), inc=True)
    return found.date() if found else None


def _uid(report: TasksReport, row: Assignment, which: str) -> str:
    """Stable across runs and revisions of the plan: what the event is about, not when it falls."""
    plan = report.plans[row.plan]
    identity = "|".join([plan.title or plan.file, plan.region or "", row.measure, row.unit, row.role, which])
    import hashlib

    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32] + "@planparse"


def _description(report: TasksReport, row: Assignment) -> str:
    plan = report.plans[row.plan]
    lines = [t("labelled", label=t("col.role"), value=t(f"role.{row.role}"))]
    if row.deadlines:
        lines.append(t("labelled", label=t("col.deadline"), value=deadline_text(row)))
    if row.recurring:
        lines.append(t("labelled", label=t("col.recurring"), value="；".join(term.text for term in row.recurring)))
    source = plan_name(plan) + (f"（{plan.doc_number}）" if plan.doc_number else "")
    lines += ["", row.text, "", t("source", plan=source, measure=row.measure, lines=lines_text(row.lines))]
    return "\n".join(lines)


RENDERER = Renderer(renders={"tasks": tasks_ics}, order=7, notes={"tasks": "a deadline calendar"},
                    suffixes=(".ics",))
