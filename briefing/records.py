"""Typed, immutable records that flow through the pipeline.

Every stage takes records and returns new ones (``dataclasses.replace``); nothing
is mutated in place. ``to_dict`` gives the JSON shape of
``../shared/contracts/digest.schema.json``; ``from_dict`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

SCHEMA_VERSION = 1

SummaryMethod = Literal["abstractive", "extractive"]


@dataclass(frozen=True)
class Flag:
    """A quality or degradation note a reader should see (``code`` is kebab-case).

    The optional fields say what it concerns, for pages and feeds to read (never parse ``detail``):
    ``stage`` that raised it, language ``pair`` ("fr-en"), ``models`` involved, machine-readable ``cause``
    and ``target`` inside the digest ("summary", "translation:fr", "comment:2"). Absent ones are omitted
    from the JSON.
    """

    code: str
    detail: str
    stage: str | None = None
    pair: str | None = None
    models: tuple[str, ...] | None = None
    cause: str | None = None
    target: str | None = None

    _OMIT_NONE = ("stage", "pair", "models", "cause", "target")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        models = data.get("models")
        return cls(
            data["code"],
            data["detail"],
            data.get("stage"),
            data.get("pair"),
            tuple(models) if models is not None else None,
            data.get("cause"),
            data.get("target"),
        )


@dataclass(frozen=True)
class Removed:
    """An input line that was cut, with the kebab-case reason."""

    text: str
    reason: str


@dataclass(frozen=True)
class Related:
    """A related-article box entry: headline and optional teaser."""

    title: str
    teaser: str | None = None


@dataclass(frozen=True)
class Translation:
    language: str
    text: str
    model: str


@dataclass(frozen=True)
class Segment:
    """A run of one language inside a comment (one sentence or more)."""

    text: str
    language: str
    confidence: float | None = None
    translation: Translation | None = None


@dataclass(frozen=True)
class Comment:
    text: str
    language: str
    segments: tuple[Segment, ...]
    author: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the raw article came from: the local file (for a fetched article, its stored raw copy) and,
    for articles from the web, the canonical URL, the site's name, the feed it was found in and when."""

    path: str
    sha256: str
    encoding: str
    url: str | None = None
    site: str | None = None
    feed: str | None = None
    fetched_at: str | None = None


@dataclass(frozen=True)
class Unsupported:
    """A summary sentence with facts its source does not contain (``missing``, as written)."""

    text: str
    missing: tuple[str, ...]
    dropped: bool = False


@dataclass(frozen=True)
class SummaryCheck:
    """The faithfulness check of a summary (``briefing.checks``): ``sentences`` the model produced."""

    mode: str  # drop | flag | off
    sentences: int
    unsupported: tuple[Unsupported, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SummaryCheck:
        return cls(
            data["mode"],
            int(data["sentences"]),
            tuple(
                Unsupported(u["text"], tuple(u["missing"]), bool(u.get("dropped", False)))
                for u in data.get("unsupported", ())
            ),
        )


@dataclass(frozen=True)
class Summary:
    language: str
    text: str
    method: SummaryMethod
    model: str | None
    chunks: int = 1
    check: SummaryCheck | None = None

    _OMIT_NONE = ("check",)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        check = data.get("check")
        return cls(
            data["language"],
            data["text"],
            data["method"],
            data.get("model"),
            int(data.get("chunks", 1)),
            SummaryCheck.from_dict(check) if check else None,
        )


@dataclass(frozen=True)
class Gist:
    """A one-line gist of the comments in the briefing language (``briefing.discussion``)."""

    language: str
    text: str
    method: SummaryMethod
    model: str | None = None


@dataclass(frozen=True)
class Representative:
    """A comment (index into ``Digest.comments``) standing for a group holding ``share`` of the comments."""

    comment: int
    share: float


@dataclass(frozen=True)
class Discussion:
    """What readers say: comment counts, a gist, and the comments standing for the main threads."""

    comments: int
    languages: dict[str, int]
    gist: Gist | None
    representatives: tuple[Representative, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Discussion:
        gist = data.get("gist")
        return cls(
            comments=data["comments"],
            languages=dict(data["languages"]),
            gist=Gist(**gist) if gist else None,
            representatives=tuple(Representative(**r) for r in data["representatives"]),
        )


@dataclass(frozen=True)
class Digest:
    """One article's digest. ``briefing clean`` produces it with ``summary=None``."""

    article_id: str
    source: Source
    title: str | None
    language: str
    body: tuple[str, ...]
    # The article's own publication date (ISO 8601) and by-line, never a file's modification time.
    published: str | None = None
    byline: str | None = None
    removed: tuple[Removed, ...] = ()
    related: tuple[Related, ...] = ()
    comments: tuple[Comment, ...] = ()
    flags: tuple[Flag, ...] = ()
    summary: Summary | None = None
    translations: tuple[Translation, ...] | None = None
    same_story_as: tuple[str, ...] = ()
    models: dict[str, str] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
    # Set by ``briefing.discussion`` for articles with enough comments; omitted from the JSON when None.
    discussion: Discussion | None = None

    def with_flags(self, *new: Flag) -> Digest:
        """Return a copy with ``new`` flags appended (duplicates dropped, order kept)."""
        merged = list(self.flags)
        for flag in new:
            if flag not in merged:
                merged.append(flag)
        return replace(self, flags=tuple(merged))

    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)

    def to_dict(self) -> dict[str, Any]:
        """The schema's JSON object. ``summary``/``translations``/``discussion`` are omitted when absent."""
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("summary", "translations", "discussion") and value is None:
                continue
            out[f.name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Digest:
        summary = data.get("summary")
        translations = data.get("translations")
        discussion = data.get("discussion")
        return cls(
            article_id=data["article_id"],
            source=Source(**data["source"]),
            title=data.get("title"),
            language=data["language"],
            body=tuple(data["body"]),
            published=data.get("published"),
            byline=data.get("byline"),
            removed=tuple(Removed(**r) for r in data.get("removed", ())),
            related=tuple(Related(**r) for r in data.get("related", ())),
            comments=tuple(_comment_from_dict(c) for c in data.get("comments", ())),
            flags=tuple(Flag.from_dict(f) for f in data.get("flags", ())),
            summary=Summary.from_dict(summary) if summary else None,
            translations=(
                tuple(Translation(**t) for t in translations) if translations is not None else None
            ),
            same_story_as=tuple(data.get("same_story_as", ())),
            models=dict(data.get("models", {})),
            timings_ms=dict(data.get("timings_ms", {})),
            discussion=Discussion.from_dict(discussion) if discussion else None,
        )


def _comment_from_dict(data: dict[str, Any]) -> Comment:
    segments = tuple(
        Segment(
            text=s["text"],
            language=s["language"],
            confidence=s.get("confidence"),
            translation=Translation(**s["translation"]) if s.get("translation") else None,
        )
        for s in data["segments"]
    )
    return Comment(text=data["text"], language=data["language"], segments=segments, author=data.get("author"))


def _plain(value: Any) -> Any:
    """Dataclasses/tuples/dicts to JSON-ready dicts/lists, keeping ``None``."""
    if hasattr(value, "__dataclass_fields__"):
        omit = getattr(value, "_OMIT_NONE", ())
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)
            if not (f.name in omit and getattr(value, f.name) is None)
        }
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class ArticleFailure:
    """An article of a batch that got no digest, and why (one line, no traceback).

    ``stage`` is set when a pipeline stage raised (``reason`` then carries the exception's text, which
    pages leave to the run's log); see :meth:`of_stage`.
    """

    path: str
    reason: str
    stage: str | None = None

    @classmethod
    def of_stage(cls, path: str, stage: str, why: str) -> ArticleFailure:
        """``stage`` raised ``why`` for ``path``: the reason reads "<stage> failed: <why>"."""
        return cls(path, f"{stage} failed: {why}", stage)

    def one_line(self) -> str:
        return f"error: {self.path}: {self.reason}"
