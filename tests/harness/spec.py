"""The Bot API specification (api.json) compiled once into checkers.

The real server answers 400 when a request names a field the method does not take, misses a
required one or sends the wrong JSON type; the emulator does the same, so a bot that passes
here sends nothing Telegram would reject for shape. Form and query values arrive as strings
(PTB JSON-encodes every non-string value), so top-level values are decoded per declared type.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

Checker = Callable[[Any, str], list[str]]

_MUST_BE = re.compile(r"must be ([a-z_]+)")
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


def find_api_json() -> Path:
    """api.json from `$BOT_API_SPEC`, or `shared/` beside the clone (or any ancestor)."""
    override = os.environ.get("BOT_API_SPEC")
    if override:
        return Path(override)
    relative = Path("shared") / "data" / "telegram-bot-api" / "api.json"
    for parent in Path(__file__).resolve().parents:
        if (parent / relative).is_file():
            return parent / relative
    raise FileNotFoundError(f"{relative} not found beside the repository")


@dataclass(frozen=True)
class UploadedFile:
    """A multipart file part, the only thing that satisfies `InputFile`."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class FieldSpec:
    name: str
    types: tuple[str, ...]
    required: bool
    check: Checker


@dataclass(frozen=True)
class MethodSpec:
    name: str
    fields: dict[str, FieldSpec]
    required: tuple[str, ...]


class SpecError(Exception):
    """A request the real server would refuse with 400."""


class Spec:
    """Methods by lower-case name (Telegram matches method names case-insensitively)."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.version: str = raw.get("version", "")
        self._types: dict[str, Any] = raw["types"]
        self._checkers: dict[str, Checker] = {}
        self.methods: dict[str, MethodSpec] = {}
        for name, method in raw["methods"].items():
            fields = {
                f["name"]: FieldSpec(
                    f["name"], tuple(f["types"]), f["required"], self.checker(f["types"])
                )
                for f in method.get("fields", [])
            }
            required = tuple(n for n, f in fields.items() if f.required)
            self.methods[name.lower()] = MethodSpec(name, fields, required)

    def method(self, name: str) -> MethodSpec | None:
        return self.methods.get(name.lower())

    # -- requests -------------------------------------------------------------------------

    def decode(
        self, method: MethodSpec, params: Mapping[str, Any], *, from_form: bool
    ) -> dict[str, Any]:
        """Typed parameters, or SpecError with Telegram-style wording for the first fault."""
        decoded: dict[str, Any] = {}
        for name, value in params.items():
            field = method.fields.get(name)
            if field is None:
                raise SpecError(f'unknown parameter "{name}" for method {method.name}')
            value = _decode_value(value, field.types) if from_form else value
            errors = field.check(value, name)
            if errors:
                raise SpecError(errors[0])
            decoded[name] = value
        for name in method.required:
            if name not in decoded:
                raise SpecError(f'parameter "{name}" is required for method {method.name}')
        return decoded

    # -- compiled checkers ----------------------------------------------------------------

    def checker(self, types: list[str] | tuple[str, ...]) -> Checker:
        key = " | ".join(types)
        found = self._checkers.get(key)
        if found is None:
            options = [self._single(t) for t in types]
            found = options[0] if len(options) == 1 else _any_of(options, types)
            self._checkers[key] = found
        return found

    def _single(self, type_name: str) -> Checker:
        if type_name.startswith("Array of "):
            inner = self.checker([type_name.removeprefix("Array of ")])
            return _array_of(inner, type_name)
        scalar = _SCALARS.get(type_name)
        if scalar is not None:
            return scalar
        return self._object(type_name)

    def _object(self, type_name: str) -> Checker:
        """Lazy so that recursive types compile; unions try the subtypes whose tag fits."""

        def check(value: Any, path: str) -> list[str]:
            return self._compiled_object(type_name)(value, path)

        return check

    def _compiled_object(self, type_name: str) -> Checker:
        key = f"object:{type_name}"
        found = self._checkers.get(key)
        if found is not None:
            return found
        raw = self._types.get(type_name)
        if raw is None:
            raise KeyError(f"api.json has no type {type_name}")
        if "subtypes" in raw:
            found = self._union(type_name, raw["subtypes"])
        else:
            found = self._fields_checker(type_name, raw.get("fields", []))
        self._checkers[key] = found
        return found

    def _fields_checker(self, type_name: str, raw_fields: list[dict[str, Any]]) -> Checker:
        fields = {f["name"]: (self.checker(f["types"]), f["required"]) for f in raw_fields}
        required = [n for n, (_, req) in fields.items() if req]

        def check(value: Any, path: str) -> list[str]:
            if not isinstance(value, dict):
                return [f"{path} must be an object {type_name}"]
            errors: list[str] = []
            for name, item in value.items():
                entry = fields.get(name)
                if entry is None:
                    errors.append(f'{path}: unknown field "{name}" in {type_name}')
                else:
                    errors.extend(entry[0](item, f"{path}.{name}"))
            errors.extend(
                f'{path}: field "{name}" is required in {type_name}'
                for name in required
                if name not in value
            )
            return errors

        return check

    def _union(self, type_name: str, subtypes: list[str]) -> Checker:
        tags: dict[str, str | None] = {s: self._tag(s) for s in subtypes}

        def check(value: Any, path: str) -> list[str]:
            if not isinstance(value, dict):
                return [f"{path} must be an object {type_name}"]
            tag = value.get("type")
            candidates = [s for s, t in tags.items() if t is None or t == tag]
            if not candidates:
                return [f'{path}: unsupported {type_name} type "{tag}"']
            first: list[str] = []
            for subtype in candidates:
                errors = self._compiled_object(subtype)(value, path)
                if not errors:
                    return []
                first = first or errors
            return first

        return check

    def _tag(self, subtype: str) -> str | None:
        for field in self._types[subtype].get("fields", []):
            if field["name"] == "type":
                match = _MUST_BE.search(field["description"])
                return match.group(1) if match else None
        return None


def _decode_value(value: Any, types: tuple[str, ...]) -> Any:
    """A form/query string read the way the Bot API server reads it for these types."""
    if not isinstance(value, str):
        return value
    if "Integer" in types and re.fullmatch(r"-?\d+", value):
        return int(value)
    if "Float" in types:
        try:
            return float(value)
        except ValueError:
            pass
    if "Boolean" in types and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    if "String" in types:
        return value
    if any(t not in _SCALARS for t in types):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _any_of(options: list[Checker], types: list[str] | tuple[str, ...]) -> Checker:
    def check(value: Any, path: str) -> list[str]:
        first: list[str] = []
        for option in options:
            errors = option(value, path)
            if not errors:
                return []
            first = first or errors
        if isinstance(value, dict | list):
            return first
        return [f"{path} must be {' or '.join(types)}"]

    return check


def _array_of(inner: Checker, type_name: str) -> Checker:
    def check(value: Any, path: str) -> list[str]:
        if not isinstance(value, list):
            return [f"{path} must be {type_name}"]
        errors: list[str] = []
        for index, item in enumerate(value):
            errors.extend(inner(item, f"{path}[{index}]"))
        return errors

    return check


def _scalar(name: str, accept: Callable[[Any], bool]) -> Checker:
    def check(value: Any, path: str) -> list[str]:
        return [] if accept(value) else [f"{path} must be {name}"]

    return check


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_input_file(value: Any) -> bool:
    return isinstance(value, UploadedFile) or (
        isinstance(value, str) and value.startswith("attach://")
    )


_SCALARS: dict[str, Checker] = {
    "Integer": _scalar("Integer", _is_int),
    "Float": _scalar("Float", lambda v: _is_int(v) or isinstance(v, float)),
    "String": _scalar("String", lambda v: isinstance(v, str)),
    "Boolean": _scalar("Boolean", lambda v: isinstance(v, bool)),
    "True": _scalar("True", lambda v: v is True),
    "InputFile": _scalar("InputFile", _is_input_file),
}


@cache
def load_spec(path: str | None = None) -> Spec:
    """Parsed and compiled once per process: the emulator must stay cheap per request."""
    with open(path or find_api_json(), encoding="utf-8") as handle:
        return Spec(json.load(handle))
