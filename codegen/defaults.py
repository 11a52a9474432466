"""Check a `default` against the schema it is written in, by the spec's own JSON Schema rules.

Draft-07 does not validate defaults, yet the generated models hand them out as values; one that
breaks its schema would make every frame that leaves the field out invalid.
"""

import re
from typing import Any
from urllib.parse import quote

from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT7

DOC_URI = "urn:codegen:spec"


class DefaultChecker:
    def __init__(self, doc: dict[str, Any]) -> None:
        self._registry: Registry[Any] = Registry().with_resource(
            DOC_URI, Resource.from_contents(doc, default_specification=DRAFT7)
        )

    def problem(self, value: Any, schema_ptr: str) -> str | None:
        """Why the schema at `schema_ptr` ('#/...') refuses `value`; None when it accepts it (or
        cannot be read, which is reported elsewhere)."""
        ref = DOC_URI + "#" + quote(schema_ptr.removeprefix("#"), safe="/~")
        validator = Draft7Validator({"$ref": ref}, registry=self._registry)
        try:
            error = best_match(validator.iter_errors(value))
        except (Unresolvable, re.error):
            return None
        return None if error is None else error.message
