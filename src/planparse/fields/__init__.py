"""Field extractors: small pure functions from normalised text to typed values (deadlines, targets, citations,
units, tasks)."""

from .citations import find_citations, find_doc_number, mask_references
from .deadlines import default_deadline, find_deadlines, find_recurring
from .targets import find_targets
from .tasks import KNOWN_TASK_TYPES, task_type
from .units import Assignments, assignment_line, find_assignments, split_units

__all__ = [
    "KNOWN_TASK_TYPES", "Assignments", "assignment_line", "default_deadline", "find_assignments",
    "find_citations", "find_deadlines", "find_doc_number", "find_recurring", "find_targets",
    "mask_references", "split_units", "task_type",
]
