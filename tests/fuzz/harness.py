"""What the fuzzer runs: each command (extract, diff, compare, check, and load of a plan YAML) on one generated input, under a time
limit, checking what must hold for every input. A command may refuse an input with a PlanparseError (one
line, exit 2 in the CLI); any other exception, a run over the time limit, JSON that is not JSON, or a
character of the input that is in no place of the plan (or in two) is a failure.

Used by tests/fuzz/test_fuzz.py (a few seconds in the suite) and benchmarks/fuzz.py (at length)."""

from __future__ import annotations

import json
import signal
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from hypothesis import strategies as st

import planparse
from planparse import PlanparseError, dumps, extract, extract_text
from planparse.completeness import compare as placed_characters
from planparse.yamlio import loads_plan

COMMANDS = ("extract", "diff", "compare", "check", "load")
# The bar: no input under 100 KB may take more than 2 s. The suite allows more (a loaded CI machine).
DEFAULT_TIME_LIMIT = 2.0
CRASHERS = Path(__file__).parent / "crashers"


class Hang(Exception):
    """A command worked past the time limit on one input."""


@contextmanager
def time_limit(seconds: float):
    """Interrupt the command when it has used `seconds` of CPU time (SIGPROF), and fail it if it ended past
    them anyway (C code such as a regex match may not be interruptible until it returns). CPU time, not the
    wall clock: several fuzzers on a busy machine must not see each other's load as hangs."""
    def expired(signum, frame):
        raise Hang(f"over {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    started = time.process_time()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    used = time.process_time() - started
    if used > seconds:
        raise Hang(f"took {used:.1f} s of CPU time, over {seconds} s")


def _json_constant(name: str):
    raise AssertionError(f"JSON output holds {name}, which is not JSON")


def _plan(text: str):
    """Extract a text, checking it loses and doubles nothing and that both output formats are valid."""
    plan = extract_text(text)
    lost, doubled = placed_characters(text, plan)
    assert not lost and not doubled, (f"lost {dict(lost)}", f"doubled {dict(doubled)}")
    json.loads(dumps(plan, "json"), parse_constant=_json_constant)
    dumps(plan, "yaml")
    return plan


def run_extract(data: str | bytes) -> None:
    """Text through the whole pipeline; bytes through decoding first (any encoding, damaged or not)."""
    if isinstance(data, bytes):
        plan = extract(data)
        json.loads(dumps(plan, "json"), parse_constant=_json_constant)
    else:
        _plan(data)


def run_diff(template: str, local: str) -> None:
    first, second = _plan(template), _plan(local)
    planparse.diff(first, second, detail=True)
    planparse.diff(first, first)


def run_compare(template: str, local: str) -> None:
    first, second = _plan(template), _plan(local)
    planparse.compare(first, [second, first])


def run_check(data: str | bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="planparse-fuzz") as folder:
        path = Path(folder) / "plan.txt"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        report = planparse.check([path])
        json.loads(report.model_dump_json(), parse_constant=_json_constant)


def run_load(document: str | bytes) -> None:
    """A plan YAML (or JSON), as `diff` and `load` read one: text as given, bytes through a file."""
    if isinstance(document, bytes):
        with tempfile.TemporaryDirectory(prefix="planparse-fuzz") as folder:
            path = Path(folder) / "plan.yaml"
            path.write_bytes(document)
            plan = planparse.load(path)
    else:
        plan = loads_plan(document, "fuzz.yaml")
    json.loads(dumps(plan, "json"), parse_constant=_json_constant)


def run(command: str, inputs: tuple, seconds: float = DEFAULT_TIME_LIMIT) -> None:
    """One case: the command on its inputs under the time limit; PlanparseError is an accepted refusal."""
    runner = {"extract": run_extract, "diff": run_diff, "compare": run_compare, "check": run_check,
              "load": run_load}[command]
    with time_limit(seconds):
        try:
            runner(*inputs)
        except PlanparseError as error:
            message = str(error)
            assert message and "\n" not in message, f"a refusal must be one line: {message!r}"


def warm_up() -> None:
    """Load what commands import lazily (jieba's dictionary, numpy, scipy) before any time limit counts."""
    text = "一、总体要求\n1.推进依法行政，牵头单位：县司法局，2023年底前完成80%。\n2.加强监督。\n"
    for command in COMMANDS:
        run(command, (text, text) if command in ("diff", "compare") else (text,), seconds=120)
    run("load", (dumps(extract_text(text)),), seconds=120)


# --- inputs ---------------------------------------------------------------------------------------------

# The pieces plans are made of, and the pieces that broke the parsers: huge numbers, long runs of one
# character, line separators editors do not break at, labels inside brackets, dated lines.
_PIECES = [
    "一、", "二、", "（一）", "（二）", "1.", "2．", "3、", "（1）", "①", "第一章", "第二章", "第1条", "第99999条",
    "第 3 项指标：", "附件", "附件1", "| ", " | ", "|---|", "\t", "牵头单位：", "责任单位:", "配合单位：", "（牵头单位：",
    "牵头", "区司法局、区法院", "等部门按职责分工负责", "2022年年底前", "2023年6月30日前", "每年12月底前", "长期坚持",
    "完成", "各项任务", "本方案", "《条例》", "〔2021〕3号", "—、", "---", "# ", "**", "发布时间:2025-04-01",
    "工作任务：", "。", "，", "；", "：", " ", "\u3000", "\n", "\n\n", "\r\n", "\r", "\f", "\x0b", "\x1c", "\u2028",
    "\x85", "\ufeff", "健全", "机制", "推进依法行政", "加强监督", "80%", "不低于95%", "以上", "(", ")", "（", "）",
    "ａ", "１", "99999991", "100000000000000000000", "一二三四五六七八九十", "上", "某县实施方案",
]
_piece = st.sampled_from(_PIECES)
# A run of one piece: a few, or hundreds (the quadratic loops showed at thousands, the linear-time test
# times those; here runs only need to reach the loops).
_run = st.tuples(_piece, st.integers(2, 300)).map(lambda pair: pair[0] * pair[1])
_big_number = st.integers(0, 10**60).map(str) | st.integers(1, 5000).map(lambda n: "9" * n)
_line = st.lists(st.one_of(_piece, _piece, _piece, _run, _big_number, st.text(max_size=8)), max_size=12).map("".join)
texts = st.lists(_line, max_size=24).map("\n".join)
_encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030"])


@st.composite
def _encoded(draw) -> bytes:
    """A text in an encoding planparse reads, sometimes damaged: a few bytes replaced or cut."""
    data = bytearray(draw(texts).encode(draw(_encodings), errors="replace"))
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if data and draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    return bytes(data)


documents = texts | _encoded() | st.binary(max_size=200)

# What turns a plan YAML into another YAML, or into no YAML: indentation, block and flow collections, quotes,
# anchors, aliases and tags (refused), merge keys, documents, comments, values YAML reads as other types.
_YAML_PIECES = ["\n", "  ", "- ", ": ", "? ", "{", "}", "[", "]", ", ", "'", '"', "|", ">", "&a ", "*a", "<<: ", "!!str ",
                "!!python/object:os.system ", "!!binary ", "---\n", "...\n", "# ", "~", "null", "yes", "on", "012",
                "1_000", "1e999", "2021-05-25", "\t", "\\", "\x00", "\ufeff", "措施", "schema_version: 1\n", "text: "]


@st.composite
def _plan_yaml(draw) -> str | bytes:
    """The YAML of a plan extracted from a generated text, edited: pieces inserted, spans deleted, the start
    of a line repeated (as aliases would multiply it), cut short; sometimes as bytes in another encoding, or
    damaged."""
    try:
        document = dumps(extract_text(draw(texts)))
    except PlanparseError:
        document = "schema_name: planparse-plan\nschema_version: 3\n"
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(document)))
        edit = draw(st.integers(0, 3))
        if edit == 0:
            document = document[:at] + draw(st.sampled_from(_YAML_PIECES)) + document[at:]
        elif edit == 1:
            document = document[:at] + document[at + draw(st.integers(1, 40)):]
        elif edit == 2:
            start = document.rfind("\n", 0, at) + 1
            document = document[:start] + document[start:at + 1] * draw(st.integers(2, 50)) + document[at + 1:]
        else:
            document = document[:at]
    if draw(st.integers(0, 4)) == 0:
        data = bytearray(document.encode(draw(_encodings), errors="replace"))
        if data and draw(st.booleans()):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    return document


INPUTS = {
    "extract": st.tuples(documents),
    "diff": st.tuples(texts, texts),
    "compare": st.tuples(texts, texts),
    "check": st.tuples(documents),
    "load": st.tuples(_plan_yaml()),
}


def crasher_cases() -> list[tuple[str, str, tuple]]:
    """(file name, command, inputs) of every past crasher: `<name>.txt` runs through extract, check and load
    (a file named `*.bin.txt` is given as bytes), and through diff and compare as the template, with
    `<name>.local.txt` as the local plan when there is one, else with itself."""
    cases = []
    for path in sorted(CRASHERS.glob("*.txt")):
        data = path.read_bytes()
        document = data if path.name.endswith(".bin.txt") else data.decode("utf-8", "surrogatepass")
        cases += [(path.name, "extract", (document,)), (path.name, "check", (document,)),
                  (path.name, "load", (document,))]
        local = path.with_name(path.name.removesuffix(".txt") + ".local.txt")
        if isinstance(document, str) and not path.name.endswith(".local.txt"):
            pair = local.read_text(encoding="utf-8") if local.exists() else document
            cases += [(path.name, "diff", (document, pair)), (path.name, "compare", (document, pair))]
    return cases
