"""A plan given as a Plan, a structured file or a plan text: the one place that tells them apart.

Each reader is imported only when needed: a diff of two YAML files never loads the extraction steps.
"""

from __future__ import annotations

import os

from .models import Plan

# A path with one of these endings is a structured plan `extract` wrote: loaded (schema-checked), not extracted.
STRUCTURED_SUFFIXES = (".yaml", ".yml", ".json")

PlanSource = Plan | str | os.PathLike


def read_plan(source: PlanSource, *, lean: bool = False, warnings: bool = True) -> Plan:
    """A Plan as is; a `.yaml/.yml/.json` path loaded; any other path extracted (`lean`: only what
    alignment reads; `warnings=False`: no numbering or structure warnings; see planparse.extract.extract)."""
    if isinstance(source, Plan):
        return source
    if str(source).lower().endswith(STRUCTURED_SUFFIXES):
        from .yamlio import load

        return load(source)
    from .extract import extract

    return extract(source, lean=lean, warnings=warnings)
