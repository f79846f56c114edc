"""The `sarif` format: a check report as SARIF 2.1.0, the static-analysis log GitHub code scanning and
editors' SARIF viewers read. Each rule is a reporting descriptor; each finding a result at its file and line,
with a partial fingerprint (rule and message without line numbers, as the baseline recognises it) so an
alert keeps its identity when lines move. An accepted finding is a suppressed result whose justification
is the reason; a file that could not be read is a notification of the run, which then did not succeed."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, get_args
from urllib.parse import quote

from . import Renderer

if TYPE_CHECKING:
    from ..models.check import CheckReport, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_FINGERPRINT_KEY = "planparseFinding/v1"


def _location(file: str, line: int | None) -> dict:
    # A finding about the whole file points at its first line: code scanning places every result on a line.
    return {"physicalLocation": {"artifactLocation": {"uri": quote(file.replace(os.sep, "/"))},
                                 "region": {"startLine": line or 1}}}


def _result(finding: Finding, rules: list[str]) -> dict:
    from ..baseline import fingerprint

    result = {"ruleId": finding.rule, "ruleIndex": rules.index(finding.rule), "level": finding.level,
              "message": {"text": finding.message}, "locations": [_location(finding.file, finding.line)],
              "partialFingerprints": {_FINGERPRINT_KEY: fingerprint(finding)}}
    if finding.accepted is not None:
        result["suppressions"] = [{"kind": "external", "justification": finding.accepted}]
    return result


def check_sarif(report: CheckReport) -> str:
    from ..models.check import RULE_DESCRIPTIONS, Rule
    from ..version import __version__

    rules = list(get_args(Rule))
    descriptors = [{"id": rule, "name": rule, "shortDescription": {"text": RULE_DESCRIPTIONS[rule]},
                    "defaultConfiguration": {"level": "warning" if rule == "extraction" else "error"}}
                   for rule in rules]
    results = [_result(finding, rules) for file in report.files for finding in file.findings]
    notifications = [{"level": "error", "message": {"text": file.problem}, "locations": [_location(file.file, None)]}
                     for file in report.unusable if file.problem]
    run = {"tool": {"driver": {"name": "planparse", "version": __version__, "semanticVersion": __version__,
                               "rules": descriptors}},
           "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
           "columnKind": "unicodeCodePoints",
           "results": results}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


RENDERER = Renderer(renders={"check": check_sarif}, order=8, notes={"check": "SARIF 2.1.0 for code scanning"})
