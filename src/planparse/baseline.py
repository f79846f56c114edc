"""Accepted findings: the baseline file `planparse check --write-baseline` writes, and how a finding is
recognised in it on later runs (the way ruff's and mypy's baselines work).

A finding is recognised by its file, its rule and a fingerprint of its message with line references left
out, so editing the text above it does not make it new; a second finding of the same fingerprint in the
same file is new. `structured` findings are never accepted this way: `--fix` repairs them.

    {"schema_name": "planparse/baseline", "schema_version": 1,
     "findings": [{"file": "data/raw/x.txt", "rule": "numbering", "fingerprint": "…", "message": "…"}]}

Files are named from the corpus root (config.py): the folder of its config file, else the baseline's folder.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .config import path_from
from .errors import ConfigError, display_path, printable_path
from .models.check import CheckReport, Finding, Rule
from .patterns import lazy_pattern
from .yamlio import write_atomic

BASELINE_SCHEMA_NAME: Final = "planparse/baseline"
# Line numbers inside a message: `line 12: …` (extraction warnings), `12 is also at line 19`, `(lines 3, 7)`.
_LINE_REFERENCE = lazy_pattern(r"\blines? \d+(?:, \d+)*")
# Findings that are repaired, not accepted.
_NEVER_ACCEPTED = {"structured"}


def fingerprint(finding: Finding) -> str:
    """What stays the same when lines move: the rule and the message without its line numbers."""
    message = _LINE_REFERENCE.sub("line", finding.message)
    return hashlib.sha256(f"{finding.rule}\n{message}".encode()).hexdigest()[:16]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entry(_Model):
    file: str  # from the corpus root, `/`-separated
    rule: Rule
    fingerprint: str
    message: str  # as it was when accepted, for the person reading the file


class BaselineFile(_Model):
    schema_name: Literal["planparse/baseline"] = BASELINE_SCHEMA_NAME
    schema_version: Literal[1] = 1
    findings: list[Entry]


class Baseline:
    """The accepted findings of a baseline file."""

    def __init__(self, path: Path, entries: Iterable[Entry], root: Path):
        self.path = path
        self.entries = list(entries)
        self.root = root  # the folder the entries name files from: the corpus root
        self.unmatched = 0  # after apply: entries of the checked files that no finding used (fixed since)

    def apply(self, report: CheckReport) -> None:
        """Mark the findings of `report` found in the baseline as accepted; each entry accepts one finding."""
        left = Counter((entry.file, entry.rule, entry.fingerprint) for entry in self.entries)
        checked = set()
        for file in report.files:
            name = path_from(self.root, file.file)
            checked.add(name)
            for index, finding in enumerate(file.findings):
                key = (name, finding.rule, fingerprint(finding))
                if finding.accepted is None and finding.rule not in _NEVER_ACCEPTED and left[key]:
                    left[key] -= 1
                    file.findings[index] = finding.model_copy(
                        update={"accepted": f"in the baseline {display_path(self.path)}"})
        self.unmatched = sum(count for (name, _, _), count in left.items() if name in checked)


def read_baseline(path: Path, root: Path) -> Baseline:
    shown = printable_path(path)
    try:
        document = BaselineFile.model_validate_json(path.read_bytes())
    except OSError as problem:
        raise ConfigError(f"cannot be read ({problem.strerror or problem}); make it with "
                          "`planparse check --write-baseline`", path=shown) from None
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"is not a planparse baseline ({where + ': ' if where else ''}{first['msg']}); "
                          "write it again with `planparse check --write-baseline`", path=shown) from None
    return Baseline(path, document.findings, root)


def write_baseline(path: Path, report: CheckReport, root: Path, previous: Baseline | None = None) -> Baseline:
    """Write the baseline that accepts every finding of `report` that counts (its files named from `root`),
    keeping the entries of `previous` for files this run did not check, and return it."""
    checked = {path_from(root, file.file) for file in report.files}
    entries = [entry for entry in (previous.entries if previous else []) if entry.file not in checked]
    entries += [Entry(file=path_from(root, file.file), rule=finding.rule, fingerprint=fingerprint(finding),
                      message=finding.message)
                for file in report.files for finding in file.findings
                if finding.accepted is None and finding.rule not in _NEVER_ACCEPTED]
    entries.sort(key=lambda entry: (entry.file, entry.rule, entry.message, entry.fingerprint))
    document = BaselineFile(findings=entries).model_dump(mode="json")
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return Baseline(path, entries, root)
