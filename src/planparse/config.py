"""A corpus's own settings for `planparse check`: `.planparse.toml`, or `[tool.planparse]` in its
`pyproject.toml`, the nearest found from the working folder up. They name the baseline file and the
findings the corpus accepts, each with the reason. A mistake in them is one line naming the file (and line).

    baseline = ".planparse-baseline.json"      # the default

    [[accept]]                                 # in pyproject.toml: [[tool.planparse.accept]]
    file = "data/raw/baofeng-2022-draft.txt"   # from the folder of this file; a glob such as data/raw/*.txt too
    rule = "numbering"
    message = "45 is missing"                  # optional: only the findings whose message holds this
    reason = "the official text skips 45 (checked against the printed copy, 2024-03-05)"
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import get_args

from .errors import ConfigError, printable_path
from .models.check import CheckReport, Finding, Rule
from .patterns import lazy_pattern

DEFAULT_BASELINE = ".planparse-baseline.json"
_SETTINGS = {"baseline", "accept"}
_ACCEPT_KEYS = {"file", "rule", "message", "reason"}
# tomllib's position in a syntax error: `Expected '=' after a key in a key/value pair (at line 3, column 5)`.
_AT_LINE = lazy_pattern(r"\s*\(at line (\d+), column \d+\)$")


@dataclass(frozen=True)
class Acceptance:
    """Findings a corpus accepts: those of `rule` in the files `file` matches whose message holds `message`."""

    file: str
    rule: Rule
    reason: str
    message: str | None = None

    def accepts(self, finding: Finding, file: str) -> bool:
        """Whether it accepts `finding`, whose file is `file` (from the config's folder)."""
        return (finding.rule == self.rule and fnmatchcase(file, self.file)
                and (self.message is None or self.message in finding.message))


@dataclass(frozen=True)
class CorpusConfig:
    root: Path  # the folder the config's paths start from: the config file's, else the working folder
    baseline: Path
    accept: tuple[Acceptance, ...] = ()
    source: Path | None = None  # the config file, None when the corpus has none

    def apply(self, report: CheckReport) -> None:
        """Mark the findings of `report` the config accepts as accepted, with the config's reason."""
        for file in report.files:
            name = path_from(self.root, file.file)
            for index, finding in enumerate(file.findings):
                reason = next((rule.reason for rule in self.accept if rule.accepts(finding, name)), None)
                if reason is not None and finding.accepted is None:
                    file.findings[index] = finding.model_copy(update={"accepted": reason})


def path_from(folder: Path, file: str) -> str:
    """A checked file's name from `folder`, `/`-separated, as the config and the baseline write it."""
    try:
        return Path(os.path.relpath(Path(file).resolve(), folder.resolve())).as_posix()
    except ValueError:  # on another drive (Windows): as given
        return Path(file).as_posix()


def find_config(start: Path | None = None) -> CorpusConfig:
    """The settings of the corpus the folder `start` (default: the working folder) is in."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        own = folder / ".planparse.toml"
        if own.is_file():
            return load_config(own)
        project = folder / "pyproject.toml"
        # Only a pyproject.toml that speaks of planparse is parsed: another project's broken one is not ours.
        if (project.is_file() and "planparse" in _read_text(project)
                and "planparse" in _read_toml(project).get("tool", {})):
            return load_config(project)
    return CorpusConfig(root=start, baseline=start / DEFAULT_BASELINE)


def load_config(path: Path) -> CorpusConfig:
    document = _read_toml(path)
    in_pyproject = path.name == "pyproject.toml"
    settings = document.get("tool", {}).get("planparse", {}) if in_pyproject else document
    table = "[tool.planparse]" if in_pyproject else "the top level"
    unknown = sorted(set(settings) - _SETTINGS)
    if unknown:
        raise ConfigError(f"unknown setting `{unknown[0]}` in {table}; planparse reads "
                          f"{' and '.join(sorted(_SETTINGS))}", path=printable_path(path))
    baseline = settings.get("baseline", DEFAULT_BASELINE)
    if not isinstance(baseline, str) or not baseline:
        raise ConfigError("`baseline` must be a file name, such as \".planparse-baseline.json\"",
                          path=printable_path(path))
    entries = settings.get("accept", [])
    header = "[[tool.planparse.accept]]" if in_pyproject else "[[accept]]"
    if not isinstance(entries, list):
        raise ConfigError(f"`accept` must be a list of tables, each written {header}", path=printable_path(path))
    text = _read_text(path)
    accept = tuple(_acceptance(entry, path, _entry_line(text, header, index))
                   for index, entry in enumerate(entries))
    return CorpusConfig(root=path.parent, baseline=path.parent / baseline, accept=accept, source=path)


def _acceptance(entry: object, path: Path, line: int | None) -> Acceptance:
    def refuse(message: str) -> ConfigError:
        return ConfigError(message, path=printable_path(path), line=line)

    if not isinstance(entry, dict):
        raise refuse("each accepted finding is a table with file, rule and reason")
    unknown = sorted(set(entry) - _ACCEPT_KEYS)
    if unknown:
        raise refuse(f"unknown key `{unknown[0]}` in an accepted finding; it takes file, rule, message and reason")
    for key in ("file", "rule", "reason"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            said = {"reason": "say why the finding is accepted (reason = \"…\"): the next reader needs it",
                    "file": "name the plan file (file = \"data/raw/<name>.txt\", from this file's folder)",
                    "rule": f"name its rule (rule = \"numbering\"; the rules: {', '.join(get_args(Rule))})"}[key]
            raise refuse(f"an accepted finding without `{key}`: {said}")
    if entry["rule"] not in get_args(Rule):
        raise refuse(f"no rule `{entry['rule']}`; the rules are {', '.join(get_args(Rule))}")
    message = entry.get("message")
    if message is not None and (not isinstance(message, str) or not message):
        raise refuse("`message` must be a part of the finding's message, such as \"45 is missing\"")
    return Acceptance(file=entry["file"], rule=entry["rule"], reason=entry["reason"].strip(), message=message)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise ConfigError(f"cannot be read ({problem})", path=printable_path(path)) from None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as problem:
        message = str(problem)
        at = _AT_LINE.search(message)
        raise ConfigError(f"is not valid TOML: {_AT_LINE.sub('', message)}", path=printable_path(path),
                          line=int(at.group(1)) if at else None) from None


def _entry_line(text: str, header: str, index: int) -> int | None:
    """The line of the `index`-th `header` table in `text` (None when the list is written inline)."""
    pattern = re.compile(r"^\s*\[\[\s*" + r"\s*\.\s*".join(map(re.escape, header.strip("[]").split("."))) + r"\s*\]\]")
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]
    return lines[index] if index < len(lines) else None
