"""The batched model stages, and the isolation that keeps one bad article from failing a batch."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from briefing.errors import InputError, one_line
from briefing.records import ArticleFailure, Digest
from briefing.settings import Settings

T = TypeVar("T")
R = TypeVar("R")
_log = logging.getLogger(__name__)


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

    def alone(digest: Digest, batched: Digest | None) -> Digest:
        if batched is not None:
            return batched
        try:
            return discuss_digests([digest], settings)[0]
        except Exception as err:
            _log.warning("discussion of %s skipped: %s", digest.article_id, one_line(err))
            return digest

    if not digests:
        return []
    # One article's comments may break the batch: the others still get theirs.
    done = isolate(
        "discuss",
        digests,
        alone,
        lambda digest, err: stage_failure("discuss", digest, err),  # never: ``alone`` does not raise
        [],
        batch=lambda batch: by_article(batch, discuss_digests(batch, settings)),
    )
    return [digest for _, digest in done]


def link_stories(digests: Sequence[Digest]) -> list[Digest]:
    from briefing.same_story import link_same_story

    return list(link_same_story(list(digests))) if len(digests) > 1 else list(digests)


# The batched model stages by name (``briefing.run.compose.MODEL_STAGES``).
BATCHES: dict[str, Callable[[Sequence[Digest], Settings], list[Digest]]] = {
    "summarize": summarize_batch,
    "translate": translate_batch,
    "discuss": discuss_batch,
}


class StageFailed(Exception):
    """A stage run elsewhere (a Prefect task) failed for ``reason``: raised so :func:`isolate` sees it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def failure_reason(err: BaseException) -> str:
    """The one-line reason of a failed step (the InputError's reason when it is one)."""
    if isinstance(err, InputError | StageFailed):
        return err.reason
    return one_line(err)


def isolate(
    stage: str,
    items: Sequence[T],
    one: Callable[[T, R | None], R],
    fail: Callable[[T, BaseException], ArticleFailure],
    failures: list[ArticleFailure],
    *,
    batch: Callable[[list[T]], Sequence[R | None]] | None = None,
    after: Callable[[T, bool], None] | None = None,
    logger: logging.Logger | logging.LoggerAdapter | None = None,
) -> list[tuple[T, R]]:
    """The one place a run's failures are isolated: ``batch`` (when given) over every item, then ``one`` for
    each item with what the batch computed for it (None when the batch raised or left it out, and ``one``
    computes it alone). An item whose ``one`` raises fails alone (``fail`` makes its line, appended to
    ``failures``); the others go on. ``after`` is told each item's outcome (progress)."""
    computed: Sequence[R | None] = [None] * len(items)
    if batch is not None and items:
        try:
            computed = batch(list(items))
        except Exception as err:
            (logger or _log).warning(
                "%s batch failed (%s); retrying one article at a time", stage, failure_reason(err)
            )
    done: list[tuple[T, R]] = []
    for item, batched in zip(items, computed, strict=True):
        try:
            done.append((item, one(item, batched)))
            ok = True
        except Exception as err:
            failures.append(fail(item, err))
            ok = False
        if after is not None:
            after(item, ok)
    return done


def each_or_none(items: Sequence[T], fn: Callable[[T], R]) -> list[R | None]:
    """``fn`` over each item, None where it raised: a batch's way of leaving an item for its caller to run
    alone (:func:`isolate`), where the failure is reported with its own reason."""
    out: list[R | None] = []
    for item in items:
        try:
            out.append(fn(item))
        except Exception:
            out.append(None)
    return out


def by_article(digests: Sequence[Digest], results: Sequence[Digest]) -> list[Digest | None]:
    """A batch's ``results`` lined up with its input ``digests`` (by article id; None for one missing)."""
    found = {d.article_id: d for d in results}
    return [found.get(d.article_id) for d in digests]


def run_isolated(
    stage: str,
    fn: Callable[[Sequence[Digest], Settings], list[Digest]],
    digests: Sequence[Digest],
    settings: Settings,
) -> tuple[list[Digest], list[ArticleFailure]]:
    """A batched stage run with :func:`isolate`: one article that breaks a model call fails alone."""
    failures: list[ArticleFailure] = []
    done = isolate(
        stage,
        digests,
        lambda digest, batched: batched if batched is not None else fn([digest], settings)[0],
        lambda digest, err: stage_failure(stage, digest, err),
        failures,
        batch=lambda batch: by_article(batch, fn(batch, settings)),
    )
    return [digest for _, digest in done], failures


def stage_failure(stage: str, digest: Digest, err: BaseException) -> ArticleFailure:
    return ArticleFailure.of_stage(digest.source.path, stage, failure_reason(err))


def link_or_keep(digests: Sequence[Digest]) -> list[Digest]:
    """Same-story links are a nicety: when they cannot be computed the digests stay unlinked."""
    try:
        return link_stories(digests)
    except Exception as err:
        logging.getLogger(__name__).warning("same-story links skipped: %s", one_line(err))
        return list(digests)
