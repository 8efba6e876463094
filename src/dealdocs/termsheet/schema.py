"""The JSON Schema of the term sheet, generated from the model.

Editors use it (through the `# yaml-language-server: $schema=...` line atop each
term sheet) to complete and validate keys as the lawyer types. The copy kept in
the repository's `schema/` folder is checked against this in the tests.
"""

from __future__ import annotations

import json
from typing import Any

from dealdocs.termsheet.model import Deal

SCHEMA_FILE = "termsheet.schema.json"


def term_sheet_schema() -> dict[str, Any]:
    schema = Deal.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "dealdocs term sheet",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(term_sheet_schema(), indent=2, sort_keys=True) + "\n"
