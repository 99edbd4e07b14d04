"""Content validation declared once, as JSON Schemas (napsite/schemas/), with messages an editor can act on."""
from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path

from .loaders import Document
from .memo import VALIDATED
from .problems import Problems, did_you_mean

SCHEMA_DIR = Path(__file__).with_name("schemas")
NAMES = ("site", "sections", "institutions", "measure", "note", "page", "searches")
_TYPES = {"string": "text in quotes", "array": "a list", "object": "a group of fields",
          "integer": "a whole number", "number": "a number"}


@cache
def _python_pattern(pattern: str) -> re.Pattern:
    """A schema pattern as JSON Schema (ECMA 262) means it: `$` is the end of the text. Python's
    `$` also matches before a final line break, which let "1.1\\n" pass as an id."""
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern))


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


@cache
def _validator(name: str):
    """jsonschema's validator, which words the errors: imported only when a file has one (the
    import alone costs a tenth of a second, a third of building the real site)."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    def whole_pattern(validator, pattern, instance, schema):
        if validator.is_type(instance, "string") and not _python_pattern(pattern).search(instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    return validators.extend(Draft202012Validator, {"pattern": whole_pattern})(_schema(name))


# Keywords that say nothing about validity; any keyword outside these and _surely_valid's own
# makes it answer False, and jsonschema decides.
_ANNOTATIONS = frozenset({"$schema", "$defs", "title", "description", "x-message", "$comment"})
_TYPE_CHECKS = {"string": lambda v: isinstance(v, str), "array": lambda v: isinstance(v, list),
                "object": lambda v: isinstance(v, dict), "null": lambda v: v is None,
                "boolean": lambda v: isinstance(v, bool),
                "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
                "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)}


def _pointer(root: dict, ref: str):
    """The part of the schema that a local reference ('#/$defs/text/properties/az') names."""
    if not ref.startswith("#/"):
        return None
    here = root
    for part in ref[2:].split("/"):
        if not isinstance(here, dict) or part not in here or "~" in part or "%" in part:
            return None
        here = here[part]
    return here


def _surely_valid(schema, value, root: dict) -> bool:
    """True only when `value` certainly meets `schema`; False when it does not or when in doubt.

    The fast path for the common case, a valid file: it answers for the keywords our schemas use,
    with JSON Schema's meaning (patterns as in _python_pattern), and anything it does not know
    (another keyword, an enum of non-strings, a float) is left to jsonschema, which also words
    every error. So it can make validation faster, never more lenient."""
    if schema is True:
        return True
    if not isinstance(schema, dict):
        return False
    for keyword, rule in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "type":
            if not any(_TYPE_CHECKS[t](value) for t in ([rule] if isinstance(rule, str) else rule)):
                return False
        elif keyword == "$ref":
            target = _pointer(root, rule)
            if target is None or not _surely_valid(target, value, root):
                return False
        elif keyword == "enum":
            if not (isinstance(value, str) and all(isinstance(c, str) for c in rule) and value in rule):
                return False
        elif keyword == "pattern":
            if isinstance(value, str) and not _python_pattern(rule).search(value):
                return False
        elif keyword in ("minLength", "maxLength"):
            if isinstance(value, str) and not (len(value) >= rule if keyword == "minLength" else len(value) <= rule):
                return False
        elif keyword == "minItems":
            if isinstance(value, list) and len(value) < rule:
                return False
        elif keyword == "minProperties":
            if isinstance(value, dict) and len(value) < rule:
                return False
        elif keyword == "uniqueItems":
            if isinstance(value, list) and rule and not (
                    all(isinstance(v, str) for v in value) and len(set(value)) == len(value)):
                return False
        elif keyword == "items":
            if isinstance(value, list) and not all(_surely_valid(rule, v, root) for v in value):
                return False
        elif keyword == "required":
            if isinstance(value, dict) and not all(k in value for k in rule):
                return False
        elif keyword == "dependentRequired":
            if isinstance(value, dict) and not all(d in value for k, ds in rule.items() if k in value for d in ds):
                return False
        elif keyword == "properties":
            if isinstance(value, dict) and not all(_surely_valid(rule[k], v, root)
                                                   for k, v in value.items() if k in rule):
                return False
        elif keyword == "additionalProperties":
            if isinstance(value, dict):
                if set(schema) & {"patternProperties"}:
                    return False
                known = schema.get("properties", {})
                if not all(_surely_valid(rule, v, root) for k, v in value.items() if k not in known):
                    return False
        else:
            return False
    return True


def schema_files() -> dict[str, bytes]:
    return {f"{name}.schema.json": (SCHEMA_DIR / f"{name}.schema.json").read_bytes() for name in NAMES}


def validate(doc: Document, name: str, problems: Problems, what: str = "") -> bool:
    """Report every schema violation in `doc`; True when there was none."""
    return VALIDATED((name, what, doc.path, doc.source), lambda found: _validate(doc, name, found, what), problems)


def _validate(doc: Document, name: str, problems: Problems, what: str) -> bool:
    if _surely_valid(_schema(name), doc.data, _schema(name)):
        return True
    errors = sorted(_validator(name).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    misspelt = _misspelt_required(errors)
    for error in errors:
        key = tuple(error.absolute_path)
        if error.validator == "required" and (key, error.message.split("'")[1]) in misspelt:
            continue  # "unknown field 'titel' (did you mean 'title'?)" already says it: one mistake, one error
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            for extra in [k for k in error.instance if k not in error.schema.get("properties", {})]:
                problems.error(doc.path, doc.line(*key, extra), _unknown_field(extra, error.schema, key))
            continue
        if error.validator == "dependentRequired" and isinstance(error.instance, dict):
            for given, needed in error.validator_value.items():
                for missing in needed:
                    if given in error.instance and missing not in error.instance:
                        problems.error(doc.path, doc.line(*key, given), _dependency(given, missing))
            continue
        problems.error(doc.path, doc.line(*key), _message(error, key, what))
    return not errors


def _misspelt_required(errors) -> set[tuple]:
    """(where, field) of each missing required field that an unknown field there is a near miss for."""
    found = set()
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for extra in (k for k in error.instance if k not in allowed):
                for close in difflib.get_close_matches(str(extra), sorted(allowed), n=1, cutoff=0.6):
                    found.add((tuple(error.absolute_path), close))
    return found

def _dependency(given: str, missing: str) -> str:
    if missing == "assessed_by":
        return ("a status needs 'assessed_by' (there is no default): add a line assessed_by: government, "
                "independent or editorial; government = a state body about its own work, independent = a "
                "monitor, study or the press, editorial = this site's own reading of the cited sources")
    return f"'{given}' is only allowed together with '{missing}': add '{missing}:' or remove '{given}:'"


def _unknown_field(name, schema: dict, key: tuple) -> str:
    allowed = schema.get("properties", {})
    inside = f" in '{'.'.join(map(str, key))}'" if key else ""
    hint = did_you_mean(name, allowed) or f" (allowed: {', '.join(allowed)})"
    return f"unknown field '{name}'{inside}{hint}"


def _message(error, key: tuple, what: str) -> str:
    field = ".".join(str(k) for k in key)
    where = f"'{field}': " if field else (f"{what}: " if what else "")
    if error.validator == "required":
        missing = error.message.split("'")[1]
        hint = error.schema.get("properties", {}).get(missing, {}).get("x-message") if missing in ("reported_by", "publisher") else ""
        return f"{where}the field '{missing}' is missing; add it" + (f": {hint}" if hint else "")
    if error.validator == "enum":
        choices = error.validator_value
        return (f"{where}'{error.instance}' is not allowed{did_you_mean(error.instance, choices)}; "
                f"use one of: {', '.join(map(str, choices))}")
    if error.validator == "uniqueItems":
        return f"{where}the list names the same item twice; keep each once"
    if "x-message" in error.schema:
        return f"{where}{error.schema['x-message']}"
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{where}expected {' or '.join(_TYPES.get(t, t) for t in wanted)}"
    if error.validator == "minLength":
        return f"{where}must not be empty"
    return f"{where}{error.message}"
