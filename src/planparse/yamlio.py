"""Deterministic YAML/JSON output, safe schema-checked loading, and atomic file writes."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import OutputError, SchemaError
from .models import READABLE_SCHEMA_VERSIONS, SCHEMA_NAME, SCHEMA_VERSION, Plan


def _make_dumper(base: type) -> type:
    """Block style for the tree, flow style for short lists of numbers (`lines: [12, 14]`), literal
    blocks for multi-line text."""

    class Dumper(base):
        def represent_sequence(self, tag, sequence, flow_style=None):
            flat = bool(sequence) and all(isinstance(item, (int, float)) for item in sequence)
            return super().represent_sequence(tag, sequence, flow_style=flat)

    Dumper.add_representer(str, _represent_str)
    return Dumper


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


# libyaml's emitter is about 7× faster; a test holds that both emitters give the same bytes on every
# plan we have, so a machine without libyaml writes identical files.
PURE_PYTHON_DUMPER = _make_dumper(yaml.SafeDumper)
_DUMPER = _make_dumper(yaml.CSafeDumper) if getattr(yaml, "__with_libyaml__", False) else PURE_PYTHON_DUMPER


class _Alias(Exception):
    """An alias (`*name`) in YAML given to load: planparse never writes one."""


def _make_loader(base: type) -> type:
    """A safe loader that refuses aliases: an anchor repeated along chapters × sections × measures × items
    makes a 1 KB file build millions of objects (a billion-laughs that even fits the schema)."""

    class Loader(base):
        def construct_object(self, node, deep=False):
            if node in self.constructed_objects:  # the composer gives an alias its anchor's node again
                raise _Alias(node.start_mark.line + 1)
            return super().construct_object(node, deep=deep)

    return Loader


_LOADER = _make_loader(yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader)


def to_data(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def dumps(model: BaseModel, fmt: str = "yaml", *, dumper: type | None = None) -> str:
    data = to_data(model)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # Text with a tab (table cells) can only be written double-quoted, and the two emitters fold a long
    # double-quoted line at different places: such a plan is written unfolded, by either emitter alike.
    width = _UNFOLDED if _has_tab(data) else 100
    return yaml.dump(data, Dumper=dumper or _DUMPER, allow_unicode=True, sort_keys=False, width=width)


_UNFOLDED = 2**31 - 1


def _has_tab(value) -> bool:
    if isinstance(value, str):
        return "\t" in value
    if isinstance(value, dict):
        return any(_has_tab(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_tab(item) for item in value)
    return False


def loads_plan(text: str, path: str = "<yaml>") -> Plan:
    try:
        data = yaml.load(text, Loader=_LOADER)  # a safe loader: tags such as !!python/object are refused
    except _Alias as alias:
        raise SchemaError("refused: the YAML repeats a node through an alias (`*name`), which planparse never "
                          "writes and which can multiply a small file into gigabytes; write the plan out in full "
                          "(`planparse extract`)", path=path, line=alias.args[0]) from None
    except yaml.constructor.ConstructorError as error:
        raise SchemaError(f"refused: the YAML carries an unsafe or unknown tag ({error.problem}); "
                          "planparse only reads plain YAML it wrote", path=path) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SchemaError(f"is not valid YAML ({getattr(error, 'problem', error)})", path=path,
                          line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or data.get("schema_name") != SCHEMA_NAME:
        raise SchemaError(f"is not a planparse plan (no `schema_name: {SCHEMA_NAME}`); "
                          "make one with `planparse extract`", path=path)
    if data.get("schema_version") not in READABLE_SCHEMA_VERSIONS:
        raise SchemaError(f"has schema_version {data.get('schema_version')!r}, this planparse reads "
                          f"{', '.join(map(str, READABLE_SCHEMA_VERSIONS))}: re-extract it with `planparse extract`",
                          path=path)
    data = upgrade(data)
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SchemaError(f"does not match the plan schema at `{where}`: {first['msg']}", path=path) from None


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A plan of an older schema version as the current one. Version 2 only added fields and values
    (region_code, region_parents, chapter part, more levels and kinds); version 3 made each warning a
    mapping (code, line, message) instead of a string."""
    upgraded = {**data, "schema_version": SCHEMA_VERSION}
    if data.get("schema_version") in (1, 2) and isinstance(data.get("warnings"), list):
        upgraded["warnings"] = [_legacy_warning(warning) if isinstance(warning, str) else warning
                                for warning in data["warnings"]]
    return upgraded


# `line 29: numbering: measure 3 follows 1; 2 is missing`: the line a version 1 or 2 warning started with.
_LEGACY_WARNING_LINE = re.compile(r"line (\d+): (.*)", re.DOTALL)


def _legacy_warning(warning: str) -> dict[str, Any]:
    """A warning string of a version 1 or 2 file; what kind of warning it was is not told apart."""
    found = _LEGACY_WARNING_LINE.fullmatch(warning)
    if found is None:
        return {"code": "legacy", "line": None, "message": warning}
    return {"code": "legacy", "line": int(found.group(1)), "message": found.group(2)}


def load(path: str | os.PathLike) -> Plan:
    """Load a plan YAML (or JSON) written by `planparse extract`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemaError("no such file; check the path", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"cannot be read as UTF-8 YAML ({error})", path=str(path)) from None
    return loads_plan(text, str(path))


def write_atomic(path: str | os.PathLike, document: str | bytes, *,
                 inputs: tuple[str | os.PathLike, ...] = ()) -> None:
    """Write a document (text as UTF-8, or bytes) through a temporary file in the same folder, then rename:
    never a half-written file, and no temporary file left behind, whatever stops the write (an error,
    Ctrl-C, SIGTERM through the CLI).
    A FIFO, device or other special file is written as a stream (renaming would replace the node), a
    symlink's target is replaced (not the link), and a path that is one of `inputs` is refused."""
    path = Path(path)
    refuse_overwriting_inputs(path, inputs)
    if path.exists() and not path.is_file() and not path.is_dir():  # stat follows links: /dev/stdout → a pipe
        _write_stream(path, _encoded(document))
        return
    if path.is_symlink():
        path = path.resolve()
    temporary: Path | None = None
    try:
        # The name is chosen before the file is made, so that a signal at any point finds it to remove.
        while True:
            temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
            try:
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
                break
            except FileExistsError:
                continue
            except OSError as error:
                temporary = None
                raise OutputError(f"cannot write here ({error.strerror}); choose a writable folder",
                                  path=str(path.parent)) from None
        with os.fdopen(handle, "wb") as out:
            out.write(_encoded(document))
        os.chmod(temporary, 0o644)  # whatever the umask: an output file is an ordinary file
        os.replace(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise OutputError(f"cannot be written ({error.strerror})", path=str(path)) from None
    except BaseException:  # OutputError, KeyboardInterrupt, or SystemExit from the CLI's SIGTERM handler
        _remove(temporary)
        raise


def _remove(temporary: Path | None) -> None:
    if temporary is not None:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _encoded(document: str | bytes) -> bytes:
    return document.encode("utf-8") if isinstance(document, str) else document


def _write_stream(path: Path, data: bytes) -> None:
    """Write to a FIFO or device as `cat > node` would; a FIFO nobody reads is refused, not waited on."""
    try:
        flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
        try:
            handle = os.open(path, flags)
        except OSError as error:
            if error.errno == errno.ENXIO:  # a FIFO without a reader: opening it would block forever
                raise OutputError("is a FIFO that nobody reads; start its reader first, or write to a file",
                                  path=str(path)) from None
            raise
        if flags & getattr(os, "O_NONBLOCK", 0):  # POSIX: non-blocking only to find a reader, then a stream
            os.set_blocking(handle, True)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except OSError as error:
        raise OutputError(f"cannot be written ({error.strerror})", path=str(path)) from None


def refuse_overwriting_inputs(path: str | os.PathLike, inputs) -> None:
    """An output that names one of the inputs would replace the plan by its own report."""
    for given in inputs:
        if given == "-" or not isinstance(given, (str, os.PathLike)):
            continue
        try:
            same = os.path.samefile(path, given)
        except OSError:  # either does not exist (yet): not the same file
            continue
        if same:
            raise OutputError("is also an input; writing there would replace it: choose another output file",
                              path=str(path))
