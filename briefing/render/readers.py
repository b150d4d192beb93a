"""What readers say, as pages show it: the discussion line, its gist and the representative comments.

Each representative is shown in the briefing language (its machine translation), with the original one
click away; a comment in the briefing language or in one of the reader's languages is shown as written.
Plain text from untrusted input: escaping is the renderers' job.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.discussion.wording import readers_line, share_text
from briefing.languages import language_name
from briefing.records import Digest
from briefing.render.reading import strip_bidi


@dataclass(frozen=True)
class RepresentativeView:
    number: int  # the comment's number on the page (1-based: ``#comment-<n>``)
    author: str | None
    share: str  # "about 40% of the comments"
    text: str  # in the briefing language where Briefing has it, else as written
    language: str  # the language of ``text``
    original: str | None  # the comment as written, when ``text`` is its translation
    original_language: str
    original_language_name: str
    translation_note: str | None  # "Machine-translated fr → en by <model>"


@dataclass(frozen=True)
class ReadersView:
    line: str  # "Readers (12 comments in 3 languages)"
    gist: str | None
    gist_language: str | None
    representatives: tuple[RepresentativeView, ...]


def representative_view(
    digest: Digest, index: int, share: float, briefing_language: str
) -> RepresentativeView:
    comment = digest.comments[index]
    parts, models, translated = [], [], False
    for segment in comment.segments:
        translation = segment.translation
        if translation is not None and translation.language == briefing_language:
            parts.append(translation.text)
            models.append((segment.language, translation.model))
            translated = True
        else:
            parts.append(segment.text)
    text = " ".join(" ".join(p.split()) for p in parts if p.strip()) or comment.text
    note = None
    if translated:
        pairs = sorted({f"{src} → {briefing_language} by {model}" for src, model in models})
        note = "Machine-translated " + "; ".join(pairs)
    return RepresentativeView(
        number=index + 1,
        author=" ".join(strip_bidi(comment.author).split()) if comment.author else None,
        share=share_text(share),
        text=text,
        language=briefing_language if translated else comment.language,
        original=comment.text if translated else None,
        original_language=comment.language,
        original_language_name=language_name(comment.language),
        translation_note=note,
    )


def readers_view(digest: Digest, briefing_language: str) -> ReadersView | None:
    """The discussion of ``digest`` as shown under its summary; None when it has none."""
    discussion = digest.discussion
    if discussion is None:
        return None
    representatives = tuple(
        representative_view(digest, r.comment, r.share, briefing_language)
        for r in discussion.representatives
        if 0 <= r.comment < len(digest.comments)  # a hand-edited digest may point anywhere
    )
    gist = discussion.gist
    return ReadersView(
        line=readers_line(discussion),
        gist=gist.text if gist else None,
        gist_language=gist.language if gist else None,
        representatives=representatives,
    )
