"""Field extractors: small pure functions from normalised text to typed values (deadlines, targets, citations,
units, tasks).

The names below are imported from their modules when first asked for: importing one extractor (align reads
`fields.units` alone for a plan loaded from YAML) need not compile every extractor's patterns."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .citations import find_citations, find_doc_number, mask_references
    from .deadlines import default_deadline, find_deadlines, find_recurring
    from .targets import find_targets
    from .tasks import KNOWN_TASK_TYPES, task_type
    from .units import Assignments, assignment_line, find_assignments, split_units

# name → the module of this package that defines it
_MODULE_OF = {
    "find_citations": "citations", "find_doc_number": "citations", "mask_references": "citations",
    "default_deadline": "deadlines", "find_deadlines": "deadlines", "find_recurring": "deadlines",
    "find_targets": "targets", "KNOWN_TASK_TYPES": "tasks", "task_type": "tasks",
    "Assignments": "units", "assignment_line": "units", "find_assignments": "units", "split_units": "units",
}

__all__ = [
    "KNOWN_TASK_TYPES", "Assignments", "assignment_line", "default_deadline", "find_assignments",
    "find_citations", "find_deadlines", "find_doc_number", "find_recurring", "find_targets",
    "mask_references", "split_units", "task_type",
]


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
