"""What `planparse check` reports: findings per plan text, and the report over a corpus."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

CHECK_SCHEMA_NAME: Final = "planparse/check"
CHECK_SCHEMA_VERSION: Final = 1

Level = Literal["error", "warning"]
# What a finding is about; each is one rule of planparse.corpus_check.
Rule = Literal["numbering", "no-numbering", "completeness", "empty", "units", "deadline", "structured",
               "extraction"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Finding(Model):
    """One problem a person can act on: `file:line: message`, and the command that fixes it if there is one."""

    file: str
    line: int | None = None
    level: Level
    rule: Rule
    message: str
    fix: str | None = None  # a command that repairs it, e.g. `planparse check --fix data/raw/x.txt`

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.level}: {self.message}"


class FileReport(Model):
    """The check of one plan text. `problem` is set when the file cannot be read as a plan at all."""

    file: str
    structured: str | None = None  # the structured YAML compared against, when the corpus keeps one
    problem: str | None = None  # one line: why the file is unusable (empty, binary, undecodable, …)
    measures: int = 0
    findings: list[Finding] = Field(default_factory=list)
    fixed: bool = False  # --fix rewrote its structured YAML


class CheckReport(Model):
    schema_name: Literal["planparse/check"] = CHECK_SCHEMA_NAME
    schema_version: Literal[1] = CHECK_SCHEMA_VERSION
    strict: bool = False
    files: list[FileReport] = Field(default_factory=list)

    def findings(self, level: Level | None = None) -> list[Finding]:
        return [f for report in self.files for f in report.findings if level is None or f.level == level]

    @property
    def unusable(self) -> list[FileReport]:
        return [report for report in self.files if report.problem is not None]

    @property
    def problems(self) -> list[str]:
        """Why each unusable file is (one line each), in the order of the files."""
        return [report.problem for report in self.files if report.problem is not None]
