"""The UI form's parameter descriptions: plain text that renders as written (Markdown/HTML-safe)."""

from __future__ import annotations

import re

import pytest
from prefect.utilities.callables import parameter_schema

from flows.briefing import briefing_flow

pytestmark = pytest.mark.unit


def test_every_parameter_has_a_description_with_nothing_a_renderer_would_swallow():
    properties = parameter_schema(briefing_flow.fn).properties
    assert "reader_languages" in properties
    for name, prop in properties.items():
        description = prop.get("description") or ""
        assert description, name
        # "<article_id>" would be read as an HTML tag by the UI's Markdown renderer and vanish.
        assert not re.search(r"<[A-Za-z/!]", description), (name, description)


def _has_null(schema: object) -> bool:
    if isinstance(schema, dict):
        if schema.get("type") == "null":
            return True
        return any(_has_null(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_has_null(v) for v in schema)
    return False


def test_the_run_form_has_no_none_typed_field_and_shows_the_language_choices():
    from briefing.settings import DEFAULT_DETECT_LANGUAGES

    schema = parameter_schema(briefing_flow.fn)
    properties = schema.model_dump()["properties"] if hasattr(schema, "model_dump") else schema.properties
    for name, prop in properties.items():
        # An "X | None" parameter is an anyOf with a null branch: the UI prints 'Property is type "None"'.
        assert not _has_null(prop), (name, prop)
        assert "default" in prop, name  # every field shows what an untouched form means
    for name in ("languages", "reader_languages"):
        prop = properties[name]
        assert prop["type"] == "array" and prop["default"] == []
        items = prop["items"]
        items = schema.definitions.get(items["$ref"].rsplit("/", 1)[-1], items) if "$ref" in items else items
        assert items["enum"] == list(DEFAULT_DETECT_LANGUAGES), items  # the choices, visible, no toggle
    assert properties["summary_max_tokens"]["default"] == 0
    # The server refuses 1-15 (and over 512) when a run is created, as it did with the optional field.
    from prefect.utilities.schema_tools.validation import validate

    openapi = schema.model_dump_for_openapi()
    for value, errors in ((0, 0), (130, 0), (5, 1), (600, 1)):
        assert len(validate({"summary_max_tokens": value}, openapi)) == errors, value
    assert "0: the configured length (default 130)" in " ".join(
        properties["summary_max_tokens"]["description"].split()
    )
    assert "configured target languages (default fr and de)" in " ".join(
        properties["languages"]["description"].split()
    )
