"""HTML digest pages from Jinja2 templates with autoescaping: input text never becomes markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from pathlib import Path

import jinja2
import markupsafe

from briefing.languages import language_name
from briefing.records import Digest
from briefing.render.template_cache import cache_for
from briefing.render.view import build_view, format_time, language_attr


def _escape_equals(value: object) -> object:
    """Plain strings (input) are escaped here, with ``=`` as ``&#61;`` on top of autoescaping.

    The browser shows the same text, but an attribute-like string from input (``onerror=...``)
    is not even found by a plain-text search of the page. Markup made by templates passes as is.
    """
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return markupsafe.Markup(str(markupsafe.escape(value)).replace("=", "&#61;"))
    return value


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("briefing", "templates"),
        # Every template here is HTML (named *.html.j2, which select_autoescape would miss): escape all.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_escape_equals,
        # Compiled templates are kept between processes (briefing.render.template_cache): this module sets
        # the options they were compiled under.
        bytecode_cache=cache_for(Path(__file__).read_text(encoding="utf-8")),
    )
    env.globals.update(lang_attr=language_attr, language_name=language_name, format_time=format_time)
    return env


def render_html(
    digest: Digest,
    *,
    generated_at: datetime | None = None,
    story_titles: Mapping[str, str] | None = None,
    briefing_language: str | None = None,
    reader_languages: Sequence[str] = (),
) -> str:
    """The digest page: self-contained (inline CSS, no scripts, no fetches), phone-friendly, printable."""
    view = build_view(
        digest,
        generated_at=generated_at,
        story_titles=story_titles,
        briefing_language=briefing_language,
        reader_languages=reader_languages,
    )
    page_lang = view.briefing_language if language_attr(view.briefing_language) else "en"
    return environment().get_template("digest.html.j2").render(v=view, page_lang=page_lang)
