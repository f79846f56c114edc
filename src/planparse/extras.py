"""The optional parts of planparse and the one check that an optional library is installed.

The default install reads plans (.txt, .md, .docx) and diffs them; what only some users need is an extra
(`pip install "planparse[pdf]"`), declared in pyproject.toml. Code that needs an extra's library calls
`require` where it imports it, so a missing one is one line naming the extra, never an ImportError.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtra


def require(module: str, extra: str, purpose: str, *, path: str | None = None) -> ModuleType:
    """`module`, imported; MissingExtra (`<purpose> needs the <extra> extra: pip install …`) when it is not
    installed. `path` names the file that asked for it, when there is one."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f'{purpose} needs the {extra} extra: pip install "planparse[{extra}]"',
                           path=path) from None
