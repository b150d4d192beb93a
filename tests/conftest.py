"""Shared fixtures (where the seeds and contracts are, a schema validator) and the one-tier-per-test rule.

Every test carries exactly one tier marker (pyproject.toml lists them with what each costs); collection
fails naming any test with none or several, so ``make test-fast`` (``-m unit``) never silently drops a test
nor runs a slow one.
"""

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

# The tier markers, cheapest first; a test carries the one of the costliest thing it needs (pyproject.toml
# [tool.pytest.ini_options] markers say what each costs).
TIERS = (
    "unit",
    "local_http",
    "local_smtp",
    "pipeline",
    "tiny_model",
    "cli",
    "flow",
    "browser",
    "server",
    "scale",
)


def tier_errors(items: list[pytest.Item]) -> list[str]:
    """One line per test whose tier markers are not exactly one (none, or several)."""
    errors = []
    for item in items:
        tiers = sorted({mark.name for mark in item.iter_markers()} & set(TIERS))
        if len(tiers) != 1:
            found = ", ".join(tiers) if tiers else "none"
            errors.append(f"{item.nodeid}: {found} (needs exactly one of: {', '.join(TIERS)})")
    return errors


@pytest.hookimpl(tryfirst=True)  # before -m/-k deselect: a test must never drop out of every tier unseen
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]):
    errors = tier_errors(items)
    if errors:
        raise pytest.UsageError(
            f"{len(errors)} test(s) without exactly one tier marker:\n" + "\n".join(errors)
        )


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
