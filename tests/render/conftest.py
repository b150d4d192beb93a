"""Hand-built digests for the render tests: a friendly one with a French comment, and a hostile one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.records import Comment, Digest, Flag, Related, Removed, Segment, Source, Summary, Translation
from tests.browser_support import chromium  # noqa: F401  (the shared headless-Chromium fixture)

FR_ORIGINAL = "Je ne suis pas du tout d'accord avec cette analyse."
FR_TRANSLATION = "I do not agree with this analysis at all."
FR_MODEL = "Helsinki-NLP/opus-mt-fr-en"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(document.cookie)>"
HOSTILE = f'{SCRIPT} {IMG} <a href="javascript:alert(2)">x</a> " onmouseover="alert(3)'


def friendly_digest(source_path: str = "articles/market-report.txt", **changes) -> Digest:
    """Summary with two translations, a French comment with its translation, flags, removed lines."""
    digest = Digest(
        article_id="market-report-0a1b2c3d4e",
        source=Source(path=source_path, sha256="ab" * 32, encoding="utf-8"),
        title="Harbour reopens after the winter storms",
        language="en",
        body=(
            "The harbour reopened on Monday after three weeks of repairs to the sea wall.",
            "Fishing boats returned at dawn, and the ferry timetable resumes on Friday.",
        ),
        removed=(
            Removed(text="Sponsored: win a cruise today", reason="advertisement"),
            Removed(text="Share on social media", reason="share-bar"),
        ),
        related=(Related(title="Storm season ends early", teaser="Forecasters expect a calm spring."),),
        comments=(
            Comment(
                text=f"{FR_ORIGINAL} Good news for the town though.",
                language="fr",
                author="Camille",
                segments=(
                    Segment(
                        text=FR_ORIGINAL,
                        language="fr",
                        confidence=0.97,
                        translation=Translation(language="en", text=FR_TRANSLATION, model=FR_MODEL),
                    ),
                    Segment(text="Good news for the town though.", language="en", confidence=0.9),
                ),
            ),
            Comment(
                text="Endlich wieder offen.",
                language="de",
                author=None,
                segments=(Segment(text="Endlich wieder offen.", language="de", confidence=0.8),),
            ),
        ),
        flags=(
            Flag(
                code="extractive-fallback",
                detail="sshleifer/distilbart-cnn-12-6 not found offline",
                stage="summary",
                models=("sshleifer/distilbart-cnn-12-6",),
                cause="offline",
                target="summary",
            ),
            Flag(
                code="translation-unavailable",
                detail="de → en: Helsinki-NLP/opus-mt-de-en not found",
                stage="translation",
                pair="de-en",
                models=("Helsinki-NLP/opus-mt-de-en",),
                cause="model-missing",
            ),
            Flag(code="something-new", detail="a code the renderer does not know"),
        ),
        summary=Summary(
            language="en",
            text="The harbour reopened after repairs; ferries resume on Friday.",
            method="extractive",
            model=None,
        ),
        translations=(
            Translation(language="fr", text="Le port a rouvert après des réparations.", model="tiny/en-fr"),
            Translation(
                language="de", text="Der Hafen ist nach Reparaturen wieder offen.", model="tiny/en-de"
            ),
        ),
        same_story_as=("harbour-news-9f8e7d6c5b",),
        models={"summarizer": "extractive", "translation:fr-en": FR_MODEL},
    )
    return _replace(digest, **changes)


def hostile_digest(source_path: str = f"evil/{SCRIPT}.txt", **changes) -> Digest:
    """Every text field a reader sees carries markup and javascript: attempts."""
    digest = Digest(
        article_id="evil-0000000001",
        source=Source(path=source_path, sha256="cd" * 32, encoding=f"utf-8{IMG}"),
        title=f"Title {HOSTILE}",
        language="en",
        body=(f"Body {HOSTILE}", f"# not a heading {IMG}", "1. not a list [link](javascript:alert(4))"),
        removed=(Removed(text=f"Removed {HOSTILE}", reason=f"reason{IMG}"),),
        related=(Related(title=f"Related {SCRIPT}", teaser=f"Teaser {IMG}"),),
        comments=(
            Comment(
                text=f"Comment {HOSTILE}",
                language="fr",
                author=f"Author {IMG}",
                segments=(
                    Segment(
                        text=f"Commentaire {SCRIPT}",
                        language="fr",
                        confidence=0.9,
                        translation=Translation(language="en", text=f"Comment {IMG}", model=f"m{SCRIPT}"),
                    ),
                    Segment(text=f"Native {IMG}", language="en", confidence=0.9),
                    Segment(text=f"Untranslated {SCRIPT}", language="de", confidence=0.9),
                ),
            ),
        ),
        flags=(
            Flag(code=f"code{SCRIPT}", detail=f"detail {IMG}"),
            Flag(code="translation-unavailable", detail=f"why {SCRIPT}"),
        ),
        summary=Summary(language="en", text=f"Summary {HOSTILE}", method="abstractive", model=f"m{IMG}"),
        translations=(Translation(language="fr", text=f"Résumé {SCRIPT}", model=f"m{IMG}"),),
        same_story_as=("javascript:alert(5)", f"x{SCRIPT}", "ok-id-1"),
        models={f"stage{SCRIPT}": f"model{IMG}"},
    )
    return _replace(digest, **changes)


def _replace(digest: Digest, **changes) -> Digest:
    return replace(digest, **changes) if changes else digest


@pytest.fixture
def friendly() -> Digest:
    return friendly_digest()


@pytest.fixture
def hostile() -> Digest:
    return hostile_digest()
