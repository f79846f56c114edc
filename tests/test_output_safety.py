"""Output safety (issue 14, part B): outputs never replace an input, a FIFO or a device, never collide,
never stay half-written or silently cut, and plan text is data in every renderer (rich, CSV)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from planparse.cli import app
from planparse.errors import OutputError
from planparse.yamlio import write_atomic

runner = CliRunner()
PLAN = "一、总体要求\n\n1.推进依法行政，健全行政决策制度体系。\n\n2.加强行政复议工作。\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and rlimits are POSIX")


def planparse(*arguments: str, env: dict | None = None, preexec_fn=None, **options) -> subprocess.CompletedProcess:
    """The real entry point (main(): signals, stream encodings, exit codes), in a subprocess."""
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-c", "from planparse.cli import main; main()", *arguments],
                          stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, preexec_fn=preexec_fn,
                          timeout=60, **options)


def one_error_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8").splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


def test_output_naming_the_input_is_refused_and_the_input_kept(tmp_path):
    plan = tmp_path / "same.txt"
    plan.write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(plan), "-o", str(plan)])
    assert result.exit_code == 2 and "is also an input" in result.stderr
    assert plan.read_text(encoding="utf-8") == PLAN
    result = runner.invoke(app, ["diff", str(plan), str(plan), "--format", "csv", "-o", str(plan)])
    assert result.exit_code == 2 and plan.read_text(encoding="utf-8") == PLAN


def test_out_dir_inputs_with_one_stem_are_refused_before_anything_is_written(tmp_path):
    for name in ("a/plan.txt", "b/plan.txt"):
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(tmp_path / "a/plan.txt"), str(tmp_path / "b/plan.txt"),
                                 "--out-dir", str(out)])
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert result.stderr.count("\n") == 1 and list(out.iterdir()) == []


@POSIX
def test_fifo_output_is_written_as_a_stream(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader is there before the writer comes
    try:
        write_atomic(fifo, "schema_name: planparse/plan\n")
        assert os.read(reader, 1000) == b"schema_name: planparse/plan\n" and not fifo.is_file()
    finally:
        os.close(reader)


@POSIX
def test_fifo_without_a_reader_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="is a FIFO that nobody reads"):
        write_atomic(fifo, "x\n")
    assert not fifo.is_file() and not list(tmp_path.glob(".pipe.*"))


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_symlink_to_a_device_is_written_through_and_kept(tmp_path):
    link = tmp_path / "out.yaml"
    link.symlink_to("/dev/null")
    write_atomic(link, "x\n")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch, stop):
    def interrupted(*arguments):
        raise stop()

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(stop):
        write_atomic(tmp_path / "out.yaml", "x\n")
    assert list(tmp_path.iterdir()) == []


@POSIX
def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path):
    import signal
    import time

    script = ("import os, time, planparse.cli as cli, planparse.yamlio as yamlio\n"
              "real = os.replace\n"
              "def slow(*a):\n"
              "    open(os.environ['READY'], 'w').close(); time.sleep(30); real(*a)\n"
              "yamlio.os.replace = slow\n"
              "import sys; sys.argv = ['planparse', 'extract', os.environ['PLAN'], '-o', os.environ['OUT']]\n"
              "cli.main()\n")
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    env = {**os.environ, "READY": str(tmp_path / "ready"), "PLAN": str(plan), "OUT": str(tmp_path / "out.yaml")}
    process = subprocess.Popen([sys.executable, "-c", script], env=env, stderr=subprocess.DEVNULL)
    deadline = time.time() + 20
    while not (tmp_path / "ready").exists() and time.time() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    assert process.wait(10) == 143
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.txt", "ready"]


@POSIX
@pytest.mark.parametrize("command, limit", [(["extract"], 4096), (["diff", "{plan}"], 4096), (["check"], 100)])
def test_stdout_that_cannot_grow_is_an_error(tmp_path, command, limit):
    import resource

    plan = tmp_path / "plan.txt"
    measures = "".join(f"{n}.推进第{n}项依法行政工作，健全行政决策制度体系。\n" for n in range(1, 200))
    plan.write_text("一、总体要求\n" + measures, encoding="utf-8")  # some 60 KB of YAML, 20 KB of table
    arguments = [command[0], str(plan)] + [part.format(plan=plan) for part in command[1:]]
    with open(tmp_path / "out.txt", "wb") as out:
        result = planparse(*arguments, stdout=out,
                           preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert result.returncode == 2
    assert "cannot write the output: File too large" in one_error_line(result.stderr)


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "latin-1"}, {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}])
def test_output_is_utf8_whatever_the_locale(tmp_path, env):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    for arguments in (["extract", str(plan)], ["diff", str(plan), str(plan), "--format", "markdown"],
                      ["diff", str(plan), str(plan)], ["compare", str(plan), str(plan), "--format", "csv"]):
        result = planparse(*arguments, env=env)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        assert "推进依法行政" in result.stdout.decode("utf-8")


# ---------------------------------------------------------------- plan text is data (F13, F19)

MARKUP = "一、总体要求\n\n1.推进[link=https://example.invalid]依法行政[/link]，健全制度[/x]。\n\n2.[bold]加强行政复议工作[/]。\n"


def test_rich_markup_in_a_plan_is_shown_as_written():
    from rich.console import Console

    from planparse import diff, extract_text
    from planparse.align import compare
    from planparse.render import show

    plan = extract_text(MARKUP)
    for report in (diff(plan, plan), compare(plan, [plan])):
        terminal, plain = io.StringIO(), io.StringIO()
        Console(file=terminal, width=300, force_terminal=True).print(show(report, "terminal"))  # `[/x]` would crash
        Console(file=plain, width=300).print(show(report, "terminal"))
        assert "\x1b]8;" not in terminal.getvalue()  # no clickable link
        assert "推进[link=" in plain.getvalue() and "[bold]加强" in plain.getvalue()  # as written (headlines cut)


@pytest.mark.parametrize("cell, written", [("=1+1", "'=1+1"), ("+86 123", "'+86 123"), ("-1", "'-1"),
                                           ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("推进=1", "推进=1"),
                                           ("0.500", "0.500"), ("", "")])
def test_csv_cell(cell, written):
    from planparse.render.csv import csv_cell

    assert csv_cell(cell) == written


def test_csv_reports_never_start_a_cell_with_a_formula():
    from planparse import diff, extract_text
    from planparse.align import compare
    from planparse.render import render

    plan = extract_text("一、总体要求\n\n1.=HYPERLINK(\"http://example.invalid\")\n\n2.@SUM(A1:A9)加强行政复议工作。\n")
    for report in (diff(plan, plan), compare(plan, [plan])):
        for row in csv.reader(io.StringIO(render(report, "csv"))):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row


@POSIX
@pytest.mark.skipif(not os.path.islink("/dev/stdout"), reason="no /dev/stdout link here")
def test_output_to_dev_stdout_goes_down_the_pipe_and_keeps_the_link(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    result = planparse("extract", str(plan), "-o", "/dev/stdout")
    assert result.returncode == 0 and result.stdout.startswith(b"schema_name: planparse/plan")
    assert os.path.islink("/dev/stdout")
