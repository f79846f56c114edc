"""Corpus validation: every plan text → findings a person can act on (numbering, completeness, units,
deadlines, stale structured YAML). No printing; the CLI renders the report and decides the exit code.

Each rule is a small function `Subject -> findings`, run in order over one plan (the markdown-it habit);
a new kind of mistake is a new rule in RULES. What extract already found (numbering slips, doubtful
structure) is read from the plan's warnings by their code, never found again. Only `--fix` writes,
through `yamlio.write_atomic`.
"""

from __future__ import annotations

import glob
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .completeness import characters as characters_of
from .completeness import compare
from .errors import InputError, OutputError, PlanparseError, SchemaError, display_path, printable_path
from .extract import extract_source, read_source
from .models import Deadline, ExtractionWarning, Plan, WarningCode
from .models.check import CheckReport, FileReport, Finding, Level, Rule
from .normalize import editor_lines, fold
from .plans import STRUCTURED_SUFFIXES
from .yamlio import dumps, loads_plan, write_atomic

if TYPE_CHECKING:
    from .baseline import Baseline
    from .config import CorpusConfig

DEFAULT_PATH = "data/raw"
# What a folder is searched for: every format extract reads. A file named explicitly is checked whatever its name.
PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# A text repeated many times over (or a corpus gone badly wrong) must not print a million lines.
MAX_FINDINGS_PER_RULE = 25
# Deadlines this many years outside the plan period are doubtful (a typo such as 2205年, or an old plan).
PERIOD_SLACK_YEARS = 1


def check(paths: Sequence[str | os.PathLike] = (DEFAULT_PATH,), *, fix: bool = False, strict: bool = False,
          structured_dir: str | os.PathLike | None = None, config: CorpusConfig | None = None,
          baseline: Baseline | None = None) -> CheckReport:
    """Check every plan text under `paths` (files or folders). Raises InputError when a path is missing or a
    folder holds no plan texts; a file that cannot be read as a plan is reported in its FileReport.problem.
    The findings the corpus's `config` or its `baseline` accepts are marked accepted (they do not count)."""
    texts = collect_plan_texts(paths)
    structured = Path(structured_dir) if structured_dir is not None else None
    reports = [check_file(path, shown, fix=fix, structured_dir=structured) for path, shown in texts]
    if strict:
        for report in reports:
            report.findings = [f.model_copy(update={"level": "error"}) for f in report.findings]
    checked = CheckReport(strict=strict, files=reports)
    for accepting in (config, baseline):
        if accepting is not None:
            accepting.apply(checked)
    return checked


def collect_plan_texts(paths: Sequence[str | os.PathLike]) -> list[tuple[Path, str]]:
    """(path, name as shown) of every plan text named or found in a folder, each once, in a stable order."""
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError("no such file or folder; check the path", path=str(given))
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if _is_plan_file(p, path))
            if not inside:
                raise InputError(f"no plan texts ({', '.join('*' + s for s in PLAN_SUFFIXES)}) in this folder",
                                 path=str(given))
            found += [(p, printable_path(p)) for p in inside]
        else:
            texts = _texts_of_structured(path)
            found += [(text, printable_path(text)) for text in texts] or [(path, printable_path(given))]
    seen: set[Path] = set()
    unique = []
    for path, shown in found:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append((path, shown))
    return unique


def _raw_folder_of(path: Path) -> Path | None:
    """The `raw` folder beside the `structured` folder a structured YAML is in (as typed: `data/raw` for
    `data/structured/x.yaml`); None for any other file."""
    if path.suffix.lower() not in STRUCTURED_SUFFIXES or path.resolve().parent.name != "structured":
        return None
    return Path(os.path.normpath(path.parent / os.pardir / "raw"))


def _texts_of_structured(path: Path) -> list[Path]:
    """The plan texts a structured YAML was made from (`…/structured/<name>.yaml` → `…/raw/<name>.txt`), so
    that a changed YAML handed over by a pre-commit hook is checked through its text."""
    raw = _raw_folder_of(path)
    if raw is None or not raw.is_dir():
        return []
    return sorted(text for text in raw.glob(glob.escape(path.stem) + ".*") if _is_plan_file(text, raw))


def _is_plan_file(path: Path, folder: Path) -> bool:
    """A plan file found in a folder: a plan format, not hidden, and not the `~$plan.docx` owner file Word
    leaves beside a document it has open."""
    return (path.suffix.lower() in PLAN_SUFFIXES and not path.name.startswith("~$") and path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(folder).parts))


# --- one plan text ------------------------------------------------------------------------------------


@dataclass
class Subject:
    """One plan text under check: where it is, its decoded text and the plan extracted from it."""

    path: Path
    shown: str
    text: str | None  # the text the plan was extracted from (None for a plan built in memory)
    plan: Plan
    _source_lines: list[str] | None = field(default=None, repr=False)

    @property
    def source_lines(self) -> list[str]:
        if self._source_lines is None:
            self._source_lines = editor_lines(self.text) if self.text else []  # as normalize numbers them
        return self._source_lines

    def finding(self, rule: Rule, line: int | None, message: str, level: Level = "error",
                fix: str | None = None) -> Draft:
        return Draft(rule, line, message, level, fix)


class Draft(NamedTuple):
    """A finding before it becomes a Finding: cheap to make, since a rule may find thousands."""

    rule: Rule
    line: int | None
    message: str
    level: Level = "error"
    fix: str | None = None

    def finding(self, file: str) -> Finding:
        return Finding(file=file, line=self.line, level=self.level, rule=self.rule, message=self.message,
                       fix=self.fix)


def check_file(path: Path, shown: str, *, fix: bool = False, structured_dir: Path | None = None) -> FileReport:
    yaml_path = structured_yaml_path(path, structured_dir)
    report = FileReport(file=shown, structured=display_path(yaml_path) if yaml_path else None)
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        raw = _raw_folder_of(path)
        report.problem = (f"{shown}: is a YAML/JSON file; planparse check reads plan texts (.txt/.md/.docx/.pdf) "
                          "and compares their structured YAML itself" if raw is None else
                          f"{shown}: is a structured YAML without its plan text ({printable_path(raw)}/{path.stem}"
                          ".txt, .md, .docx or .pdf); add the text, or delete the YAML")
        return report
    try:
        source = read_source(path, name=source_name(path, shown) if yaml_path else shown)
    except PlanparseError as problem:  # named as the user typed it, not as source.file
        report.problem = str(type(problem)(problem.message, path=shown, line=problem.line))
        return report
    # The text the plan was made from (decoded, or rendered from .docx/.pdf), for the rules that compare with it.
    subject = Subject(path, shown, source.text, extract_source(source))
    plan = subject.plan
    report.measures = sum(1 for _ in plan.iter_measures())
    for rule in RULES:
        report.findings += _capped(rule(subject), subject)
    if yaml_path is not None:
        try:
            found, report.fixed = structured_findings(subject, yaml_path, fix=fix, structured_dir=structured_dir)
            report.findings += found
        except OutputError as problem:
            report.problem = str(problem)
    return report


def _capped(drafts: Iterable[Draft], subject: Subject) -> list[Finding]:
    iterator = iter(drafts)
    kept = [draft.finding(subject.shown) for draft in islice(iterator, MAX_FINDINGS_PER_RULE)]
    rest = sum(1 for _ in iterator)
    if rest:
        last = kept[-1]
        kept.append(Finding(file=subject.shown, level=last.level, rule=last.rule,
                            message=f"… and {rest} more {last.rule} findings like these"))
    return kept


# --- the rules -----------------------------------------------------------------------------------------

# The rule that reports each of extract's warnings, and at what level: a numbering slip is an error of
# the numbering rule; a text without structure is the no-numbering rule's error, said in its own words.
WARNING_RULES: dict[WarningCode, tuple[Rule, Level] | None] = {
    "numbering-gap": ("numbering", "error"),
    "numbering-duplicate": ("numbering", "error"),
    "numbering-misnumbered": ("numbering", "error"),
    "no-structure": None,
    "long-measure": ("extraction", "warning"),
    "unknown-numbering-style": ("extraction", "warning"),
    "run-in-items": ("extraction", "warning"),
    "items-as-measures": ("extraction", "warning"),
    "unmarked-sections": ("extraction", "warning"),
    "unmarked-chapters": ("extraction", "warning"),
    "traditional-script": ("extraction", "warning"),
    "legacy": ("extraction", "warning"),
}


def _reported_warnings(subject: Subject, rule: Rule) -> Iterator[Draft]:
    for warning in subject.plan.warnings:
        reported = WARNING_RULES[warning.code]
        if reported is not None and reported[0] == rule:
            yield subject.finding(rule, warning.line, _finding_message(rule, warning), level=reported[1])


def _finding_message(rule: Rule, warning: ExtractionWarning) -> str:
    """A numbering finding names its line beside the message; an extraction finding repeats extract's
    warning as extract prints it (`line 12: the `（一）` items …`)."""
    return warning.message if rule == "numbering" else str(warning)


def numbering_findings(subject: Subject) -> Iterator[Draft]:
    """Chapters, sections and measures whose numbers skip, repeat or run out of order (numbering.py)."""
    return _reported_warnings(subject, "numbering")


def no_numbering_findings(subject: Subject) -> Iterator[Draft]:
    if not subject.plan.chapters:
        yield subject.finding("no-numbering", None,
                              "no recognisable numbering (一、 / （一） / 1. / 第一条 …): the whole text is kept as "
                              "front matter; is this a plan text?")


def completeness_findings(subject: Subject) -> Iterator[Draft]:
    if subject.text is None:
        return
    lost, doubled = compare(subject.text, subject.plan)
    if lost:
        yield subject.finding("completeness", _first_line_with(subject, lost),
                              f"{sum(lost.values())} characters are in no node and not in dropped "
                              f"({_sample(lost)}): extraction lost text")
    if doubled:
        yield subject.finding("completeness", _first_line_with(subject, doubled),
                              f"{sum(doubled.values())} characters are placed twice ({_sample(doubled)})")


def _sample(counter) -> str:
    return "".join(sorted(counter, key=lambda ch: -counter[ch])[:10])


def _first_line_with(subject: Subject, characters: Counter) -> int | None:
    """Where the text went missing: the first line made only of such characters (a whole lost line), else
    the first line holding the rarest of them."""
    folded = [characters_of(line) for line in subject.source_lines]
    for number, line in enumerate(folded, start=1):
        if line and not line - characters:
            return number
    rarest = min(characters, key=lambda ch: sum(line[ch] for line in folded))
    return next((number for number, line in enumerate(folded, start=1) if line[rarest]), None)


def empty_findings(subject: Subject) -> Iterator[Draft]:
    for chapter in subject.plan.chapters:
        nodes = [("chapter", chapter)] + [("section", section) for section in chapter.sections]
        for kind, node in nodes:
            if node.marker and not node.title.strip():
                yield subject.finding("empty", node.lines[0], f"{kind} {node.marker} has an empty title")
    for measure in subject.plan.iter_measures():
        if not measure.text.strip():
            yield subject.finding("empty", measure.lines[0], f"measure {measure.marker} has no text")


def unit_findings(subject: Subject) -> Iterator[Draft]:
    if subject.plan.meta.kind != "division_of_labor":
        return
    for measure in subject.plan.iter_measures():
        if not measure.lead_units and not measure.responsible_units:
            yield subject.finding("units", measure.lines[0],
                                  f"measure {measure.number if measure.number is not None else measure.marker} "
                                  "names no lead unit (牵头单位) or responsible unit (责任单位)")


def deadline_findings(subject: Subject) -> Iterator[Draft]:
    plan = subject.plan
    low, high = _period_window(plan)
    dated: list[tuple[str, tuple[int, int], Deadline]] = []
    for chapter in plan.chapters:
        for section in chapter.sections:
            dated += [(f"section {section.marker}", section.lines, d) for d in section.deadlines]
    dated += [(f"measure {m.number if m.number is not None else m.marker}", m.lines, d)
              for m in plan.iter_measures() for d in m.deadlines]
    dated.sort(key=lambda item: item[1])
    if plan.default_deadline:
        closing = [b.lines for b in plan.back_matter if b.role == "closing"]
        dated.append(("the closing paragraph", closing[0] if closing else (1, 1), plan.default_deadline))
    spans: dict[tuple[int, int], _FoldedSpan] = {}
    for owner, span, deadline in dated:
        if span not in spans:
            spans[span] = _FoldedSpan(subject.source_lines, span)
        line = spans[span].line_of(deadline.text)
        if deadline.date is None:
            yield subject.finding("deadline", line, f"deadline `{deadline.text}` of {owner} is not a real date")
            continue
        year = int(deadline.date[:4])
        if (low is not None and year < low) or (high is not None and year > high):
            yield subject.finding("deadline", line, f"deadline `{deadline.text}` of {owner} falls outside the plan "
                                  f"period {_period_text(plan)}", level="warning")


def _period_window(plan: Plan) -> tuple[int | None, int | None]:
    """Years a deadline may fall in: the plan period widened by the slack; without a period, not before
    the year the plan was issued."""
    period = plan.meta.period
    start = period.start if period and period.start else None
    end = period.end if period and period.end else None
    if start is None and plan.meta.date:
        start = int(plan.meta.date[:4])
    return (start - PERIOD_SLACK_YEARS if start else None, end + PERIOD_SLACK_YEARS if end else None)


def _period_text(plan: Plan) -> str:
    period = plan.meta.period
    if period and (period.start or period.end):
        return f"{period.start or '…'}–{period.end or '…'}"
    return f"(issued {plan.meta.date})"


class _FoldedSpan:
    """The source lines of one node's span, folded and joined once, where its deadlines are found in turn:
    each from where the one before it was, so a measure of n dated lines is read once, not n times."""

    def __init__(self, source_lines: list[str], span: tuple[int, int]):
        self.first = span[0]
        folded = [fold(line) for line in source_lines[span[0] - 1:span[1]]]
        self.starts = [0]
        for line in folded[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.text = "\n".join(folded)
        self.cursor = 0

    def line_of(self, needle: str) -> int:
        """The line holding `needle` at or after the last one found, else anywhere in the span, else the
        span's first line."""
        at = self.text.find(needle, self.cursor) if "\n" not in needle else -1
        if at < 0:
            at = self.text.find(needle) if "\n" not in needle else -1
        if at < 0:
            return self.first
        self.cursor = at
        return self.first + bisect_right(self.starts, at) - 1


def extraction_findings(subject: Subject) -> Iterator[Draft]:
    """Extract's warnings about doubtful structure, as warnings a person should look at."""
    return _reported_warnings(subject, "extraction")


RULES: list[Callable[[Subject], Iterable[Draft]]] = [
    no_numbering_findings,
    numbering_findings,
    completeness_findings,
    empty_findings,
    unit_findings,
    deadline_findings,
    extraction_findings,
]


# --- structured YAML -----------------------------------------------------------------------------------


def structured_yaml_path(path: Path, structured_dir: Path | None) -> Path | None:
    """Where the structured YAML of a plan text lives: `<structured_dir>/<name>.yaml`, or by the corpus
    convention `…/raw/<name>.txt` → `…/structured/<name>.yaml` when that folder exists; else None (a
    corpus that keeps no structured YAML)."""
    if structured_dir is not None:
        return structured_dir / f"{path.stem}.yaml"
    folder = path.resolve().parent
    if folder.name == "raw" and (folder.parent / "structured").is_dir():
        return folder.parent / "structured" / f"{path.stem}.yaml"
    return None


def source_name(path: Path, shown: str) -> str:
    """`source.file` of the structured YAML, as the golden files are made: a text in a corpus's `raw`
    folder is named from the corpus root (`data/raw/nanyang-2022.txt`, wherever check runs from); any other
    as it was typed, as `planparse extract <path>` would name it."""
    resolved = path.resolve()
    if resolved.parent.name == "raw":
        return resolved.relative_to(resolved.parent.parent.parent).as_posix()
    return shown


def structured_findings(subject: Subject, yaml_path: Path, *, fix: bool,
                        structured_dir: Path | None) -> tuple[list[Finding], bool]:
    """The finding about the structured YAML (none when it equals a fresh extraction), and whether --fix
    rewrote it. Raises OutputError when --fix cannot write."""
    fresh = dumps(subject.plan)
    unreadable = None
    try:
        current: str | None = yaml_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    except (OSError, UnicodeDecodeError) as error:
        current, unreadable = "", f"cannot be read ({error})"
    if current == fresh:
        return [], False
    if fix:
        write_atomic(yaml_path, fresh)
        return [], True
    command = "planparse check --fix " + (f"--structured {_quote(display_path(structured_dir))} " if structured_dir
                                          else "") + _quote(subject.shown)
    shown_yaml = display_path(yaml_path)
    if current is None:
        message = f"{shown_yaml} is missing; make it with `{command}`"
    else:
        problem = unreadable or _staleness(current, fresh, shown_yaml)
        message = f"{shown_yaml} {problem}; rewrite it with `{command}`"
    return [subject.finding("structured", None, message, fix=command).finding(subject.shown)], False


def _staleness(current: str, fresh: str, shown_yaml: str) -> str:
    try:
        loads_plan(current, shown_yaml)  # safe_load: tags such as !!python/object are refused, never run
    except SchemaError as problem:
        return f"cannot be used ({problem.message})"
    current_lines, fresh_lines = current.splitlines(), fresh.splitlines()
    for number, (old, new) in enumerate(zip(current_lines, fresh_lines), start=1):
        if old != new:
            return f"is stale: line {number} differs from a fresh extraction"
    return f"is stale: it has {len(current_lines)} lines, a fresh extraction {len(fresh_lines)}"


def _quote(text: str) -> str:
    return text if re.fullmatch(r"[\w./@%+=:,-]+", text) else "'" + text.replace("'", "'\\''") + "'"
