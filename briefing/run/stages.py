"""The batched model stages, and the isolation that keeps one bad article from failing a batch."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from briefing.errors import one_line
from briefing.records import ArticleFailure, Digest
from briefing.settings import Settings


def summarize_batch(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """Summarize every digest in one batched call (raises on a real failure)."""
    from briefing.summarize import summarize_digests

    return list(summarize_digests(list(digests), settings)) if digests else []


def translate_batch(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """Translate every digest's summary and foreign comments in one batched call."""
    from briefing.models.testmodel import flag_test_models
    from briefing.translate import translate_digests

    return flag_test_models(translate_digests(list(digests), settings), settings) if digests else []


def discuss_batch(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """What readers say, for every digest with enough comments (comments embedded across articles).

    A discussion is a nicety: when it cannot be computed the digest goes on without one (and a warning
    says why); it never fails an article.
    """
    from briefing.discussion import discuss_digests

    if not digests:
        return []
    try:
        return discuss_digests(list(digests), settings)
    except Exception as err:
        if len(digests) > 1:  # one article's comments may be the cause: the others still get theirs
            return [d for digest in digests for d in discuss_batch([digest], settings)]
        logging.getLogger(__name__).warning(
            "discussion of %s skipped: %s", digests[0].article_id, one_line(err)
        )
        return list(digests)


def link_stories(digests: Sequence[Digest]) -> list[Digest]:
    from briefing.same_story import link_same_story

    return list(link_same_story(list(digests))) if len(digests) > 1 else list(digests)


def run_isolated(
    stage: str,
    fn: Callable[[Sequence[Digest], Settings], list[Digest]],
    digests: Sequence[Digest],
    settings: Settings,
) -> tuple[list[Digest], list[ArticleFailure]]:
    """Run a batched stage; if the batch raises, retry one article at a time.

    So one article that breaks a model call fails alone and the rest still get
    their digests.
    """
    try:
        return fn(digests, settings), []
    except Exception:
        pass
    done: list[Digest] = []
    failures: list[ArticleFailure] = []
    for digest in digests:
        try:
            done.extend(fn([digest], settings))
        except Exception as err:
            failures.append(stage_failure(stage, digest, err))
    return done, failures


def stage_failure(stage: str, digest: Digest, err: BaseException) -> ArticleFailure:
    return ArticleFailure.of_stage(digest.source.path, stage, one_line(err))


def link_or_keep(digests: Sequence[Digest]) -> list[Digest]:
    """Same-story links are a nicety: when they cannot be computed the digests stay unlinked."""
    try:
        return link_stories(digests)
    except Exception as err:
        logging.getLogger(__name__).warning("same-story links skipped: %s", one_line(err))
        return list(digests)
