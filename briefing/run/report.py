"""A run's outputs and report: digest files, index, status table, the Markdown briefing artifact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from briefing.records import ArticleFailure, Digest
from briefing.run import unchanged
from briefing.settings import Settings

# Beside ``digests/`` (not in it: readers glob it for ``*.json``): what each digest's files were rendered
# from (a stamp) and how they looked once written (size and modification time), so a rerun leaves unchanged
# pages alone without rendering them again.
RENDERED_NAME = ".digest-pages.json"


def write_digests(
    digests: Sequence[Digest], out_dir: str | Path, settings: Settings | None = None
) -> dict[str, dict[str, Path]]:
    """Write every digest's JSON/Markdown/HTML atomically; returns the paths by article id. The pages read
    the run's briefing and reader languages from ``settings`` (the defaults without).

    A digest whose files were rendered from the same inputs (the digest, the titles of the stories it links
    to, the languages, the rendering code) and are still as they were written is not rendered again: a
    rerun over unchanged inputs rewrites nothing, while a file deleted, truncated or edited since is."""
    from briefing.render import write_digest_files

    settings = settings or Settings()
    out = Path(out_dir)
    titles = {d.article_id: d.title or d.article_id for d in digests}
    known = read_rendered(out)
    rendered: dict[str, dict[str, object]] = {}
    written: dict[str, dict[str, Path]] = {}
    for d in digests:
        stamp = render_stamp(d, titles, settings)
        paths = unchanged_files(out, d.article_id, stamp, known.get(d.article_id))
        if paths is None:
            paths = write_digest_files(
                d,
                out,
                story_titles=titles,
                briefing_language=settings.briefing_language,
                reader_languages=settings.reader_languages,
            )
        written[d.article_id] = paths
        rendered[d.article_id] = unchanged.record(stamp, paths)
    kept = {k: v for k, v in known.items() if (out / "digests" / f"{k}.json").exists()}
    if rendered and {**kept, **rendered} != known:
        unchanged.write_records(out / RENDERED_NAME, {**kept, **rendered})
    return written


def render_stamp(digest: Digest, titles: dict[str, str], settings: Settings) -> str:
    """What a digest's pages are rendered from: the digest, its linked stories' titles, the languages and
    the rendering code."""
    from briefing.run.keys import cache_key, code_stamp

    linked = {a: titles.get(a) for a in digest.same_story_as}
    return cache_key(
        "render",
        digest.to_dict(),
        linked,
        settings.briefing_language,
        list(settings.reader_languages),
        code_stamp("briefing.render", "briefing.records"),
    )


def read_rendered(out: Path) -> dict[str, dict[str, object]]:
    return unchanged.read_records(out / RENDERED_NAME)


def unchanged_files(out: Path, article_id: str, stamp: str, known: object) -> dict[str, Path] | None:
    """The digest's file paths when they were rendered from ``stamp`` and are as written; else None."""
    paths = {kind: out / "digests" / f"{article_id}.{kind}" for kind in ("json", "md", "html")}
    return paths if unchanged.unchanged(known, stamp, paths) else None


def write_run_index(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: str | Path,
    generated_at: datetime | None = None,
    settings: Settings | None = None,
) -> Path:
    """The run's edition (when it digested anything new), ``index.html`` and the feeds; returns the index."""
    from briefing.run.publish import publish_run

    when = generated_at or datetime.now(UTC)
    return publish_run(digests, failures, Path(out_dir), settings, when).index


def digest_status(digest: Digest) -> str:
    from briefing.render import digest_status as status

    return status(digest)


def status_rows(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> list[dict[str, str]]:
    """One row per article: the per-article status table of a run."""
    rows = [
        {
            "article": d.article_id,
            "file": d.source.path,
            "status": digest_status(d),
            "flags": ", ".join(d.flag_codes()) or "-",
            "summary": d.summary.method if d.summary else "-",
            "translations": ", ".join(t.language for t in d.translations or ()) or "-",
        }
        for d in digests
    ]
    rows += [
        {
            "article": "-",
            "file": f.path,
            "status": "failed",
            "flags": f.reason,
            "summary": "-",
            "translations": "-",
        }
        for f in failures
    ]
    return rows


def briefing_markdown(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    files: dict[str, dict[str, Path]],
    index: Path | None,
) -> str:
    """The run's briefing as Markdown: each article's title, summary and links to its files."""
    lines = ["# Briefing", ""]
    counts = _status_counts(digests, failures)
    lines.append(
        f"{len(digests)} digest(s): {counts['ok']} ok, {counts['degraded']} degraded; "
        f"{counts['failed']} failed."
    )
    if index is not None:
        lines += ["", f"Index: [{_md_escape(str(index))}]({index.resolve().as_uri()})"]
    for digest in digests:
        title = digest.title or digest.article_id
        lines += ["", f"## {_md_escape(title)}", ""]
        lines.append(f"*{digest.language}* · status **{digest_status(digest)}** · `{digest.article_id}`")
        if digest.summary is not None:
            lines += ["", _md_escape(digest.summary.text)]
        for tr in digest.translations or ():
            lines += ["", f"**{tr.language}:** {_md_escape(tr.text)}"]
        links = [
            f"[{kind}]({Path(p).resolve().as_uri()})"
            for kind, p in sorted(files.get(digest.article_id, {}).items())
        ]
        if links:
            lines += ["", "Files: " + " · ".join(links)]
        if digest.flags:  # plain sentences, as on the pages (the status table keeps the codes)
            from briefing.render.quality import quality_notes

            lines += ["", "Notes: " + " ".join(_md_escape(n.text) for n in quality_notes([digest]))]
    if failures:
        lines += ["", "## Failed", ""]
        # Escaped text, not a code span: a backtick in a file name would end the span and let HTML through.
        lines += [f"- {_md_escape(f.path)}: {_md_escape(f.reason)}" for f in failures]
    return "\n".join(lines) + "\n"


def _status_counts(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> dict[str, int]:
    counts = {"ok": 0, "degraded": 0, "failed": len(failures)}
    for digest in digests:
        counts[digest_status(digest)] = counts.get(digest_status(digest), 0) + 1
    return counts


def _md_escape(text: str) -> str:
    """Keep article text from being read as Markdown markup or HTML by the UI."""
    from briefing.render import md_escape

    return md_escape(" ".join(text.split()))
