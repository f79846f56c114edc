"""planparse.exit_codes decides every exit code: from a command's result, or from the error it raised."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from planparse import exit_codes
from planparse.cli import app
from planparse.errors import InputError
from planparse.models.check import CheckReport, FileReport, Finding
from planparse.models.diff import Coverage

from .conftest import RAW

runner = CliRunner()


def test_an_error_exits_with_its_own_code(monkeypatch):
    monkeypatch.setattr(InputError, "exit_code", 3)
    for arguments in (["extract", "nosuch.txt"], ["diff", "nosuch.txt", str(RAW / "nanyang-2022.txt")],
                      ["check", "nosuch.txt"]):
        result = runner.invoke(app, arguments)
        assert result.exit_code == 3, result.output
        assert result.stderr.startswith("planparse: nosuch.txt: no such file") and result.stderr.count("\n") == 1


def test_a_run_exits_with_its_worst_error():
    assert exit_codes.of_errors([]) == exit_codes.OK
    assert exit_codes.of_errors([InputError("empty"), InputError("binary")]) == exit_codes.BAD_INPUT


def _check(*files: FileReport) -> CheckReport:
    return CheckReport(files=list(files))


@pytest.mark.parametrize("files, code", [
    ([FileReport(file="a.txt")], exit_codes.OK),
    ([FileReport(file="a.txt", findings=[Finding(file="a.txt", level="warning", rule="units", message="m")])],
     exit_codes.OK),
    ([FileReport(file="a.txt", findings=[Finding(file="a.txt", level="error", rule="numbering", message="m")])],
     exit_codes.FINDINGS),
    ([FileReport(file="a.txt", findings=[Finding(file="a.txt", level="error", rule="numbering", message="m")]),
      FileReport(file="b.txt", problem="the file is empty")], exit_codes.BAD_INPUT),
])
def test_a_check_exits_on_errors_and_unusable_files(files, code):
    assert exit_codes.of_check(_check(*files)) == code


def test_coverage_below_fail_under_is_a_finding():
    covered = Coverage(full=0.7, partial=0.1, missing=0.2)  # 0.7 + 0.1 is 0.7999999999999999 in floats
    assert covered.covered == 0.8
    assert exit_codes.of_coverage([covered], 0.8) == exit_codes.OK
    assert exit_codes.of_coverage([covered], 0.81) == exit_codes.FINDINGS
    assert exit_codes.of_coverage([covered], None) == exit_codes.OK
    assert exit_codes.of_coverage([Coverage(full=1, partial=0, missing=0), covered], 0.9) == exit_codes.FINDINGS
