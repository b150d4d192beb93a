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
