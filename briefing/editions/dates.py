"""An article's date for ordering and display: its own publication date, else its file's date (labelled).

The file's modification time is only a fallback: it says when the file was saved, not when the article was
written, so pages call it "file date" and never "published".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from briefing.records import Digest

DateKind = Literal["published", "file"]


@dataclass(frozen=True)
class ArticleDate:
    moment: datetime  # aware (UTC when the source gave no zone)
    kind: DateKind
    has_time: bool

    @property
    def label(self) -> str:
        return "Published" if self.kind == "published" else "File date"

    def text(self) -> str:
        """``2024-03-14`` for a date, ``2024-03-14 09:15 UTC`` for a date-time."""
        if not self.has_time:
            return self.moment.date().isoformat()
        return self.moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def parse_published(value: str | None) -> ArticleDate | None:
    """An ISO 8601 date or date-time (the digest's ``published``) as an :class:`ArticleDate`."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return ArticleDate(datetime(day.year, day.month, day.day, tzinfo=UTC), "published", False)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return ArticleDate(moment, "published", True)


def file_date(path: str) -> ArticleDate | None:
    """The source file's modification time (UTC), or None when the file is not there."""
    try:
        moment = datetime.fromtimestamp(Path(path).stat().st_mtime, tz=UTC)
    except (OSError, ValueError):
        return None
    return ArticleDate(moment, "file", True)


def article_date(digest: Digest) -> ArticleDate | None:
    return parse_published(digest.published) or file_date(digest.source.path)
