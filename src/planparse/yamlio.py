"""Deterministic YAML/JSON output, safe schema-checked loading, and atomic file writes."""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import re
import secrets
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .collector import paused as collector_paused
from .errors import OutputError, SchemaError
from .jsontext import dumps as json_text
from .models import READABLE_SCHEMA_VERSIONS, SCHEMA_NAME, SCHEMA_VERSION, Plan
from .patterns import lazy_pattern

if TYPE_CHECKING:
    from .models.diff import DiffReport

ModelT = TypeVar("ModelT", bound=BaseModel)

_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}"
                                                for name in ("str", "int", "float", "bool", "null", "seq", "map"))


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

        def resolve(self, kind, value, implicit):
            # The composer asks about every scalar: about plain text whose first character no implicit
            # resolver looks at (most of a plan: Chinese) the answer is text; about the short values that
            # repeat (keys, numbers, null), the answer it gave before.
            if kind is not yaml.ScalarNode or not implicit[0] or None in self.yaml_implicit_resolvers \
                    or self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            if value[:1] not in self.yaml_implicit_resolvers:
                return self.DEFAULT_SCALAR_TAG
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= _REMEMBERED_LENGTH and len(_PLAIN_TAGS) < _REMEMBERED_VALUES:
                    _PLAIN_TAGS[value] = tag
            return tag

    return Loader


# The tags the loader's resolver gave to short plain values (its implicit resolvers are fixed: the answer
# for a value never changes), kept up to a bound whatever the files loaded.
_PLAIN_TAGS: dict[str, str] = {}
_REMEMBERED_LENGTH, _REMEMBERED_VALUES = 24, 4096

_LOADER = _make_loader(yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader)


def _load_data(text: str) -> Any:
    """The data of a YAML document, as yaml.load with the safe loader builds it, read from the parser's
    events: a plan's text, numbers, nulls, lists and mappings are built as they come, with no node tree
    (which was most of the time of loading a plan). Anything planparse never writes (an anchor or alias,
    an explicit tag on a list or mapping, a key that is not text, a second document) sends the whole
    document through yaml.load, whose answer or error it then is."""
    loader = _LOADER(text)
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # the document's start
        data = _event_data(loader, loader.get_event())
        if loader.check_event(yaml.DocumentEndEvent):
            loader.get_event()
            if loader.check_event(yaml.StreamEndEvent):
                return data
    except (_Unusual, yaml.constructor.ConstructorError):  # (an error yaml.load may meet elsewhere first)
        pass
    finally:
        loader.dispose()
    return yaml.load(text, Loader=_LOADER)


class _Unusual(Exception):
    """Something in a YAML document that _load_data leaves to yaml.load."""


# Lists and mappings nested deeper than this are refused: a plan's YAML nests about ten deep, a diff report's
# about as deep, and a few bytes of `[[[[…` must not exhaust the stack of a recursive reader (theirs or yaml's).
MAX_NESTING = 64


class _TooDeep(Exception):
    """Lists and mappings nested deeper than MAX_NESTING: refused, not left to yaml.load."""


def _event_data(loader, event) -> Any:
    if type(event) is yaml.ScalarEvent:
        return _scalar_data(loader, event, _scalar_tag(loader, event))
    return _collection_data(loader, event, 1)


def _collection_data(loader, event, depth: int) -> Any:
    """A list or mapping, from its start event to its end event. (The loop takes each event as it comes and
    looks at its type, rather than asking the parser first: a plan is tens of thousands of events.)"""
    kind = type(event)
    if kind not in (yaml.MappingStartEvent, yaml.SequenceStartEvent) or event.anchor is not None \
            or event.tag not in (None, "!"):
        raise _Unusual
    if depth > MAX_NESTING:
        raise _TooDeep(event.start_mark.line + 1)
    get = loader.get_event
    if kind is yaml.SequenceStartEvent:
        items = []
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                items.append(_scalar_data(loader, event, _scalar_tag(loader, event)))
            elif kind is yaml.SequenceEndEvent:
                return items
            else:
                items.append(_collection_data(loader, event, depth + 1))
    mapping: dict[str, Any] = {}
    while True:
        key = get()
        kind = type(key)
        if kind is yaml.MappingEndEvent:
            return mapping
        if kind is not yaml.ScalarEvent or not _text_key(loader, key):
            raise _Unusual
        event = get()
        if type(event) is yaml.ScalarEvent:
            mapping[key.value] = _scalar_data(loader, event, _scalar_tag(loader, event))
        else:
            mapping[key.value] = _collection_data(loader, event, depth + 1)


def _text_key(loader, key) -> bool:
    """Whether a mapping key reads as text. A plan repeats a few dozen plain keys thousands of times: a plain
    key once resolved to text is known to be text from then on (the resolver's answer depends only on the
    value), up to a bound."""
    plain = key.tag is None and key.anchor is None and key.implicit[0]
    if plain and key.value in _TEXT_KEYS:
        return True
    if _scalar_tag(loader, key) != _STR:
        return False
    if plain and len(_TEXT_KEYS) < _REMEMBERED_VALUES:
        _TEXT_KEYS.add(key.value)
    return True


_TEXT_KEYS: set[str] = set()


def _scalar_tag(loader, event) -> str:
    if event.anchor is not None:
        raise _Unusual
    if event.tag is None or event.tag == "!":
        return loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    return event.tag


def _scalar_data(loader, event, tag: str) -> Any:
    value = event.value
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    try:
        if tag == _INT and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)  # (0-prefixed is octal in YAML 1.1; `1_000`, `1:30` and `+1` are the constructor's)
        # floats, booleans, dates, explicit tags (refused when unknown): the safe constructor's own reading
        return loader.construct_object(yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style),
                                       deep=True)
    except ValueError as error:  # an integer of more digits than Python converts (4,300), a date like 2023-02-30
        raise _Unreadable(event.start_mark.line + 1, str(error)) from None


class _Unreadable(Exception):
    """A value YAML types but Python cannot make (line, reason): refused; planparse writes no such value."""


def to_data(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def dumps(model: BaseModel, fmt: str = "yaml", *, dumper: type | None = None) -> str:
    with collector_paused():  # (half the time of writing a 10 MB plan, bench_all.py)
        if fmt == "yaml" and isinstance(model, Plan):
            return _plan_yaml(model, dumper or _DUMPER)
        data = to_data(model)
        if fmt == "json":
            return json_text(data, ensure_ascii=False, indent=2) + "\n"
        width = _UNFOLDED if _has_tab(data) else 100
        return yaml.dump(data, Dumper=dumper or _DUMPER, allow_unicode=True, sort_keys=False, width=width)


# Text with a tab (table cells) can only be written double-quoted, and the two emitters fold a long
# double-quoted line at different places: such a plan is written unfolded, by either emitter alike.
_UNFOLDED = 2**31 - 1


def _plan_yaml(plan: Plan, dumper_class: type) -> str:
    """A plan as YAML, written as the emitter's events straight from its models: the bytes yaml.dump
    writes of `plan.model_dump(mode="json")` (a test holds it), without that copy of the plan and the
    node tree built from it, which were most of the time and memory of writing a large plan."""
    stream = io.StringIO()
    dumper = dumper_class(stream, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=_UNFOLDED if _has_tab(plan) else 100)
    dumper.open()
    dumper.emit(yaml.DocumentStartEvent(explicit=False))
    _PlanEvents(dumper).value(plan)
    dumper.emit(yaml.DocumentEndEvent(explicit=False))
    dumper.close()
    return stream.getvalue()


class _PlanEvents:
    """The events a dumper's serializer makes of the plan's data, as _make_dumper represents it: block
    mappings of the fields in schema order, flow style for lists of numbers, literal blocks for text
    with line breaks. Every value of a plan is a model, a list or tuple, a str, int, float, bool or None."""

    def __init__(self, dumper):
        self.dumper = dumper
        self.emit = dumper.emit
        resolvers = dumper.yaml_implicit_resolvers
        # Text whose first character no implicit resolver looks at is read back as text: most of a plan's
        # text is Chinese, and asking the resolver about each piece was a fifth of the time.
        self.looked_at = None if None in resolvers or dumper.yaml_path_resolvers else resolvers.keys()
        # The resolver's answers about the short values that repeat (field names, numbers, null): without
        # path resolvers (looked_at is set) its answer depends on the value alone, so it is asked once.
        self.resolved: dict[str, str] = {}
        # Events are data the emitters read and never change: the ones every model repeats (its field names,
        # the start and end of a mapping or list) are made once per dump and emitted again.
        self.keys: dict[str, yaml.ScalarEvent] = {}
        self.mapping_start = yaml.MappingStartEvent(None, _MAP, True, flow_style=False)
        self.mapping_end = yaml.MappingEndEvent()
        self.sequence_starts = {flat: yaml.SequenceStartEvent(None, _SEQ, True, flow_style=flat)
                                for flat in (False, True)}
        self.sequence_end = yaml.SequenceEndEvent()

    def value(self, value) -> None:
        kind = type(value)
        # The exact types a plan is made of are dispatched first, the commonest first (a str subclass or
        # any other type goes the way of the isinstance chain below, as before).
        if kind is str:
            self.scalar(_STR, value, "|" if "\n" in value else None)
        elif kind is list or kind is tuple:
            self.sequence(value)
        elif value is None:
            self.scalar(_NULL, "null")
        elif kind is int:
            self.scalar(_INT, str(value))
        elif isinstance(value, str):
            self.scalar(_STR, value, "|" if "\n" in value else None)
        elif isinstance(value, BaseModel):
            self.emit(self.mapping_start)
            for name in _field_names(type(value)):
                key = self.keys.get(name)
                if key is None:
                    key = self.keys[name] = self.scalar_event(_STR, name)
                self.emit(key)
                self.value(getattr(value, name))
            self.emit(self.mapping_end)
        elif isinstance(value, (list, tuple)):
            self.sequence(value)
        elif isinstance(value, bool):
            self.scalar(_BOOL, "true" if value else "false")
        elif isinstance(value, int):
            self.scalar(_INT, str(value))
        elif isinstance(value, float):
            self.scalar(_FLOAT, self.dumper.represent_float(value).value)
        else:
            raise TypeError(f"a plan holds no {type(value).__name__}")

    def sequence(self, value: list | tuple) -> None:
        flat = bool(value) and all(isinstance(item, (int, float)) for item in value)
        self.emit(self.sequence_starts[flat])
        for item in value:
            self.value(item)
        self.emit(self.sequence_end)

    def scalar(self, tag: str, text: str, style: str | None = None) -> None:
        self.emit(self.scalar_event(tag, text, style))

    def scalar_event(self, tag: str, text: str, style: str | None = None) -> yaml.ScalarEvent:
        # As the serializer does: the tag is left implicit where the resolver would read it back as is.
        if self.looked_at is None:
            plain = self.dumper.resolve(yaml.ScalarNode, text, (True, False)) == tag
        elif tag is _STR and text[:1] not in self.looked_at:
            plain = True
        else:
            resolved = self.resolved.get(text)
            if resolved is None:
                resolved = self.dumper.resolve(yaml.ScalarNode, text, (True, False))
                if len(text) <= _REMEMBERED_LENGTH:
                    self.resolved[text] = resolved
            plain = resolved == tag
        return yaml.ScalarEvent(None, tag, (plain, tag == _STR), text, style=style)


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def _has_tab(data: BaseModel | dict[str, Any]) -> bool:
    """Whether any text in a model (or its data) holds a tab."""
    pending: list = [data]
    pop, extend = pending.pop, pending.extend
    while pending:
        value = pop()
        kind = type(value)
        # the exact types a plan is made of first (most values are text, lists and line numbers)
        if kind is str:
            if "\t" in value:
                return True
        elif kind is list or kind is tuple:
            extend(value)
        elif kind is int or value is None:
            continue
        elif isinstance(value, str):
            if "\t" in value:
                return True
        elif isinstance(value, BaseModel):
            extend(value.__dict__.values())
        elif isinstance(value, dict):
            extend(value.values())
        elif isinstance(value, (list, tuple)):
            extend(value)
    return False


def _parsed(text: str, path: str) -> Any:
    """The data of a YAML (or JSON) text planparse wrote, read safely: aliases and tags refused."""
    try:
        data = _load_data(text)  # a safe loader: tags such as !!python/object are refused
    except _Alias as alias:
        raise SchemaError("refused: the YAML repeats a node through an alias (`*name`), which planparse never "
                          "writes and which can multiply a small file into gigabytes; write the plan out in full "
                          "(`planparse extract`)", path=path, line=alias.args[0]) from None
    except yaml.constructor.ConstructorError as error:
        raise SchemaError(f"refused: the YAML carries an unsafe or unknown tag ({error.problem}); "
                          "planparse only reads plain YAML it wrote", path=path) from None
    except yaml.reader.ReaderError as error:  # (its own message runs over two lines)
        code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
        raise SchemaError(f"is not valid YAML (character U+{code:04X} is not allowed in YAML); a plan YAML is UTF-8 "
                          "text: save it as UTF-8, or write it again with `planparse extract`", path=path,
                          line=text.count("\n", 0, error.position) + 1) from None
    except (_Unreadable, ValueError) as error:  # (ValueError: yaml.load's own reading of an unusual file)
        line, reason = error.args if isinstance(error, _Unreadable) else (None, str(error))
        what = ("a number of thousands of digits, which planparse never writes (text of digits is written quoted)"
                if "integer string conversion" in reason else f"a value that cannot be read ({reason})")
        raise SchemaError(f"refused: {what}", path=path, line=line) from None
    except (_TooDeep, RecursionError) as error:  # (RecursionError: yaml.load's own reading of an unusual file)
        raise SchemaError(f"refused: lists and mappings nested over {MAX_NESTING} deep, which planparse never "
                          "writes", path=path,
                          line=error.args[0] if isinstance(error, _TooDeep) else None) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SchemaError(f"is not valid YAML ({getattr(error, 'problem', error)})", path=path,
                          line=mark.line + 1 if mark else None) from None
    return data


def loads_plan(text: str, path: str = "<yaml>") -> Plan:
    with collector_paused():  # (a plan's data and models are tens of thousands of objects and no cycles)
        data = _document(text, path, SCHEMA_NAME, READABLE_SCHEMA_VERSIONS, what="plan", make="planparse extract",
                         redo="re-extract it with `planparse extract`")
        return _validated(Plan, upgrade(data), "plan", path)


def _document(text: str, path: str, name: str, versions: Collection[int], *, what: str, make: str, redo: str,
              reads: str = "") -> dict[str, Any]:
    """The data of a planparse document of schema `name` in one of `versions` (or one line saying why not)."""
    data = _parsed(text, path)
    if not isinstance(data, dict) or data.get("schema_name") != name:
        raise SchemaError(f"is not a planparse {what} (no `schema_name: {name}`); make one with `{make}`", path=path)
    if data.get("schema_version") not in versions:
        raise SchemaError(f"has schema_version {data.get('schema_version')!r}, this planparse reads {reads}"
                          f"{', '.join(map(str, versions))}: {redo}", path=path)
    return data


def _validated(model: type[ModelT], data: dict[str, Any], what: str, path: str) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SchemaError(f"does not match the {what} schema at `{where}`: {first['msg']}", path=path) from None


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
_LEGACY_WARNING_LINE = lazy_pattern(r"line (\d+): (.*)", re.DOTALL)


def _legacy_warning(warning: str) -> dict[str, Any]:
    """A warning string of a version 1 or 2 file; what kind of warning it was is not told apart."""
    found = _LEGACY_WARNING_LINE.fullmatch(warning)
    if found is None:
        return {"code": "legacy", "line": None, "message": warning}
    return {"code": "legacy", "line": int(found.group(1)), "message": found.group(2)}


def load(path: str | os.PathLike) -> Plan:
    """Load a plan YAML (or JSON) written by `planparse extract`."""
    return loads_plan(_read_text(Path(path)), str(path))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemaError("no such file; check the path", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"cannot be read as UTF-8 YAML ({error})", path=str(path)) from None


def loads_diff(text: str, path: str = "<yaml>") -> DiffReport:
    """A diff report (YAML or JSON, `planparse diff --format yaml|json`) of any readable schema version, as
    the current one (models.diff.upgrade_diff)."""
    from .models.diff import DIFF_SCHEMA_NAME, READABLE_DIFF_SCHEMA_VERSIONS, DiffReport, upgrade_diff

    data = _document(text, path, DIFF_SCHEMA_NAME, READABLE_DIFF_SCHEMA_VERSIONS, what="diff report",
                     make="planparse diff --format yaml", redo="run `planparse diff` again", reads="diff reports of ")
    return _validated(DiffReport, upgrade_diff(data), "diff", path)


def load_diff(path: str | os.PathLike) -> DiffReport:
    """Load a diff report written by `planparse diff --format yaml` (or json), version 1 or 2."""
    return loads_diff(_read_text(Path(path)), str(path))


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
