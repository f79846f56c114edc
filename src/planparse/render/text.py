"""The `text` format: a check report as one `path:line: rule: message` line per finding that counts, for
editors, grep and CI logs (`path: rule: message` for a finding about the whole file; a warning says so
after its rule). Accepted findings are left out; nothing is printed for a clean corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Renderer

if TYPE_CHECKING:
    from ..models.check import CheckReport, Finding


def finding_line(finding: Finding) -> str:
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    level = "" if finding.level == "error" else f"{finding.level}: "
    return f"{where}: {finding.rule}: {level}{' '.join(finding.message.splitlines())}"


def check_text(report: CheckReport) -> str:
    return "".join(finding_line(finding) + "\n" for finding in report.findings())


RENDERER = Renderer(renders={"check": check_text}, order=6, notes={"check": "path:line: rule: message lines"})
