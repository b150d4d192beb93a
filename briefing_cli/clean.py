"""`briefing clean FILE`: the cleaning stage only, as one JSON object on stdout.

No summarizer or translator is loaded and torch is not imported: decoding, line
classification and language identification (lingua + pysbd) only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from briefing.settings import load_settings
from briefing_cli.app import app
from briefing_cli.errors import fail, one_line_errors


@app.command("clean")
def clean_command(
    file: Path = typer.Argument(  # noqa: B008
        ...,
        help="The article file: text (UTF-8 or a legacy code page), or a saved web page (.html or HTML).",
        readable=False,  # an unreadable file is `error: FILE: reason`, not a usage error
    ),
    detect_languages: str | None = typer.Option(
        None,
        "--detect-languages",
        help="Comma-separated ISO 639-1 codes the language detector may answer "
        "(default: setting detect_languages, en,fr,de,es,it,pt,nl,pl,ru,uk).",
    ),
) -> None:
    """Clean one article: body, related, comments (with language segments) and removed lines.

    A saved web page is extracted like a fetched one first (title, by-line, date, canonical URL, site).
    Prints a digest object (no summary/translations). Exit 2 with one line
    `error: FILE: reason` when the file is missing, empty, binary or undecodable.
    """
    from briefing.io import dumps_json
    from briefing.langid import normalize_languages
    from briefing.sources.articles import clean_article_file

    try:
        settings = load_settings()
        if detect_languages is not None:
            settings = settings.replace(detect_languages=detect_languages)
        normalize_languages(settings.detect_languages)
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    with one_line_errors(2):
        digest = clean_article_file(file, settings)
    sys.stdout.write(dumps_json(digest.to_dict()))
