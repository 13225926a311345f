"""The one loader for the project's YAML data files.

Every word list, pattern table and settings file under `bot/` is read here, with
YAML 1.2 semantics (`ruamel.yaml`): only `true`/`false` are booleans, so words
such as `no`, `yes`, `on`, `off` and a locale code `NO` stay strings. (YAML 1.1,
which `yaml.safe_load` speaks, silently turned the word "no" in a word list
into `False`.) Duplicate keys are an error too.

A file may come with a pydantic schema (`Schema` below forbids unknown keys):
a wrong key or type then fails at start-up with the file and line, instead of
quietly matching nothing at run time.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence, TypeVar, overload

import pydantic
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

Model = TypeVar("Model", bound=pydantic.BaseModel)


class DataFileError(ValueError):
    """A data file that cannot be read or does not fit its schema."""


class Schema(pydantic.BaseModel):
    """Base for data-file schemas: a key the schema does not name is an error."""

    class Config:
        extra = pydantic.Extra.forbid
        allow_mutation = False


@overload
def load(path: str | Path, schema: None = None) -> Any: ...
@overload
def load(path: str | Path, schema: type[Model]) -> Model: ...


def load(path: str | Path, schema: type[pydantic.BaseModel] | None = None) -> Any:
    """The content of the YAML file at `path`, checked against `schema` if given.

    Without a schema: plain dicts, lists, strings and numbers (a fresh copy each
    call; callers cache what they build from it). With one: the schema's model.
    Raises `DataFileError` naming the file (and the line, when known).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = YAML(typ="safe").load(text)
    except (OSError, YAMLError) as error:
        raise DataFileError(f"{path}: {error}") from error
    if schema is None:
        return data
    try:
        return schema.parse_obj({} if data is None else data)
    except pydantic.ValidationError as error:
        problems = [_describe(text, path, problem) for problem in error.errors()]
        raise DataFileError("\n".join(problems)) from error


def data_path(module_file: str, relative: str) -> Path:
    """The path of a data file next to a module (pass the module's `__file__`)."""
    return Path(module_file).resolve().parent / relative


def _describe(text: str, path: Path, problem: dict[str, Any]) -> str:
    """One schema problem as "file:line: key.path: message"."""
    where = ".".join(str(part) for part in problem["loc"] if part != "__root__")
    line = _line_of(text, problem["loc"])
    place = f"{path}:{line}" if line else str(path)
    return f"{place}: {where or 'top level'}: {problem['msg']}"


def _line_of(text: str, loc: Sequence[Any]) -> int | None:
    """The 1-based line of the deepest node of `loc` found in the file, if any."""
    try:
        node = YAML(typ="rt").load(text)
    except YAMLError:
        return None
    line: int | None = None
    for part in loc:
        try:
            if isinstance(node, dict) and part in node:
                line = node.lc.key(part)[0] + 1
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0] + 1
            else:
                break
            node = node[part]
        except (AttributeError, KeyError, TypeError):
            break
    return line
