"""Writing one digest's JSON, Markdown and HTML files, atomically and deterministically."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from briefing.io import dumps_json, write_text_if_changed
from briefing.records import Digest
from briefing.render.html import render_html
from briefing.render.markdown import render_markdown
from briefing.render.view import ARTICLE_ID_RE


def digest_json(digest: Digest) -> str:
    """``Digest.to_dict()`` as JSON, with ``<``, ``>``, ``&`` and ``=`` written as ``\\u`` escapes.

    Same data for any JSON reader; but no output file contains markup taken from the input, whatever
    program opens it (a browser showing a .json file, a page embedding it).
    """
    text = dumps_json(digest.to_dict())
    # These characters only occur inside JSON strings, where the escapes mean the same character.
    for char in "&<>=":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def write_digest_files(
    digest: Digest,
    out_dir: Path,
    *,
    story_titles: Mapping[str, str] | None = None,
    briefing_language: str | None = None,
    reader_languages: Sequence[str] = (),
) -> dict[str, Path]:
    """Write ``out_dir/digests/<article_id>.json|.md|.html``; returns {"json"|"md"|"html": path}.

    The content depends on the digest only (plus the source file's date), so reruns are byte-identical.
    ``story_titles`` (article id → title) labels the same-story links; ``briefing_language`` (the
    run's setting) says which comment segments are foreign (see ``view.briefing_language_of``); comments in
    ``reader_languages`` (the run's setting) are shown as written.
    """
    if not ARTICLE_ID_RE.match(digest.article_id):
        raise ValueError(f"article id not usable as a file name: {digest.article_id!r}")
    folder = Path(out_dir) / "digests"
    stem = digest.article_id
    options = {
        "story_titles": story_titles,
        "briefing_language": briefing_language,
        "reader_languages": tuple(reader_languages),
    }
    return {
        "json": write_text_if_changed(folder / f"{stem}.json", digest_json(digest)),
        "md": write_text_if_changed(folder / f"{stem}.md", render_markdown(digest, **options)),
        "html": write_text_if_changed(folder / f"{stem}.html", render_html(digest, **options)),
    }
