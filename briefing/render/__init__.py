"""Rendering digests for readers: HTML and Markdown digest pages, JSON files, and the index page.

Templates live in ``briefing/templates`` and are rendered by Jinja2 with autoescaping; the Markdown
digest escapes every piece of input text. Input (articles, comments, paths, flags) never becomes markup.
"""

from __future__ import annotations

from briefing.render.files import digest_json, write_digest_files
from briefing.render.flags import DEGRADATION_CODES, FLAG_TEXT, digest_status
from briefing.render.html import render_html
from briefing.render.index import IndexEntry, index_entries, render_index, same_story_groups, write_index
from briefing.render.markdown import md_escape, render_markdown
from briefing.render.view import display_title, story_titles

__all__ = [
    "DEGRADATION_CODES",
    "FLAG_TEXT",
    "IndexEntry",
    "digest_json",
    "digest_status",
    "display_title",
    "index_entries",
    "md_escape",
    "render_html",
    "render_index",
    "render_markdown",
    "same_story_groups",
    "story_titles",
    "write_digest_files",
    "write_index",
]
