"""`briefing check SOURCE SUMMARY [--language xx]`: the summary check alone, on two text files.

Prints the digest schema's ``summary.check`` object (mode ``drop``) as JSON. No model is loaded: the
language (for sentence splitting and number words) is detected from SUMMARY when not given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from briefing_cli.app import app
from briefing_cli.errors import fail, one_line_errors


@app.command("check")
def check_command(
    source: Path = typer.Argument(..., help="The text the summary was made from.", readable=False),  # noqa: B008
    summary: Path = typer.Argument(..., help="The summary to check.", readable=False),  # noqa: B008
    language: str | None = typer.Option(
        None, "--language", help="ISO 639-1 code of both texts (default: detected from SUMMARY)."
    ),
) -> None:
    """Which summary sentences state names, numbers, dates, amounts or quotations SOURCE does not contain.

    Exit 0 with the JSON object; exit 2 with one line `error: FILE: reason` for an unreadable file.
    """
    from briefing.checks.summary import check_summary
    from briefing.cleaning.decode import decode_bytes
    from briefing.io import dumps_json, read_bytes
    from briefing.languages import unknown_codes

    if language is not None and unknown_codes([language]):
        raise fail(f"error: --language: unknown language code {language!r} (ISO 639-1 expected)", 2)
    with one_line_errors(2):
        texts = [decode_bytes(read_bytes(path), str(path)).text for path in (source, summary)]
    language = language or _detected(texts[1])
    checked = check_summary(texts[0], texts[1], language, "drop")
    sys.stdout.write(dumps_json(checked.check.to_dict()))


def _detected(text: str) -> str:
    from briefing.langid import detect_language
    from briefing.settings import DEFAULT_DETECT_LANGUAGES

    try:
        return detect_language(text, DEFAULT_DETECT_LANGUAGES)[0] or "en"
    except Exception:  # detection is a convenience here: English splitting is a safe default
        return "en"
