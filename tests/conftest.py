"""Shared fixtures: where the seeds and contracts are, and a schema validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SCHEMA_PATH = SHARED / "contracts" / "digest.schema.json"
EXAMPLES = ROOT / "examples"

SEED_000 = SEEDS / "000_9cb80fd36aa6ce7f.txt"
SEED_001 = SEEDS / "001_abac2460bdf5679e.txt"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def validate_digest():
    """Call with a digest dict; fails the test with every schema error listed."""
    validator = _validator()

    def check(data: dict) -> dict:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
        return data

    return check
