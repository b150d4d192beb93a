"""Abstractive summaries with ``model.generate``: preprocess → generate → postprocess.

- Preprocess (pure, :func:`plan_chunks`): the body is cut into chunks that fit the
  model's input at paragraph boundaries, then sentence boundaries; a sentence longer
  than the limit alone is cut between words and flagged (``long-sentence-split``).
  Nothing is truncated.
- Generate: the chunks of *all* digests go to the model together, in length-sorted
  batches.
- Postprocess: decode; a body of more than one chunk gets a second pass over its
  joined chunk summaries (repeated while they still do not fit), ``chunks`` records
  how many pieces the body was cut into, and a ``chunked`` flag says so.

A body that already fits the summary budget is its own summary (``briefing.short_body``, flagged
``body-too-short``); otherwise the minimum summary length scales with the input (``SUMMARY_MIN_SHARE``).
An article in a language without its own summarizer is translated into the briefing
language first (``summary-via-translation``). When a model cannot be had, the digest
gets an extractive summary (``briefing.extractive``) with ``model-unavailable`` and
``extractive-fallback`` flags naming the model and the reason; the run goes on.

Every abstractive summary is then checked against the text its model read (``briefing.checks``, setting
``summary_check``): unsupported sentences are dropped or marked, and ``summary.check`` records what was found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from briefing.checks.summary import CheckedSummary, check_summary, removal_sentence
from briefing.errors import ModelUnavailable, one_line
from briefing.extractive import Extract, extractive_summaries, extractive_summary
from briefing.models.batching import GenerationParams, generate_ids
from briefing.models.cache import load_seq2seq
from briefing.models.cpu import engine_label
from briefing.models.engine import Seq2SeqModel
from briefing.models.text import Piece, pack, split_to_fit
from briefing.records import Digest, Flag, Summary
from briefing.settings import Settings
from briefing.short_body import ShortBody, body_tokens, short_body_digest, via_translation_flag
from briefing.translate import TranslationRequest, translate_texts

# Tokens allowed for the "\n\n" / " " between packed pieces (BPE may merge across them).
SEPARATOR_TOKENS = 2
# Passes over chunk summaries before giving up on a single combined one (never reached in practice:
# each pass shrinks the text to at most ``summary_max_tokens`` per chunk).
MAX_PASSES = 4
# A summary must be at least this share of its input's tokens long only up to ``summary_min_tokens``: the
# minimum scales with the input, so a short body is never padded with invented text.
SUMMARY_MIN_SHARE = 0.2
EXTRACTIVE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


# --- preprocess (pure) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChunkPlan:
    """Chunks in reading order, and how many pieces came from cutting a sentence inside."""

    chunks: tuple[str, ...]
    forced_pieces: int = 0


def plan_chunks(
    paragraphs: Sequence[str], budget: int, count: Callable[[str], int], language: str = "en"
) -> ChunkPlan:
    """Pack paragraphs (split to sentences, then words, only when needed) into chunks of
    at most ``budget`` tokens as measured by ``count`` (tokens without special tokens)."""
    pieces: list[Piece] = []
    paragraph_of: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        for piece in split_to_fit(paragraph, budget, count, language):
            pieces.append(piece)
            paragraph_of.append(index)
    chunks = []
    position = 0
    for group in pack(pieces, budget, SEPARATOR_TOKENS):
        text = ""
        for offset, piece in enumerate(group):
            if offset:
                same = paragraph_of[position + offset] == paragraph_of[position + offset - 1]
                text += " " if same else "\n\n"
            text += piece.text
        chunks.append(text)
        position += len(group)
    return ChunkPlan(tuple(chunks), sum(1 for p in pieces if p.forced))


def chunk_for_model(
    model: Seq2SeqModel, paragraphs: Sequence[str], language: str
) -> tuple[ChunkPlan, list[list[int]]]:
    """:func:`plan_chunks` with the model's tokenizer, verified: every chunk's ids fit its input."""
    specials = len(model.tokenize([""])[0])
    limit = model.max_input_tokens
    known: dict[str, int] = {}
    paragraphs = [p for p in paragraphs if p.strip()]
    for text, ids in zip(paragraphs, model.tokenize(paragraphs), strict=True):
        known[text] = len(ids) - specials

    def count(text: str) -> int:
        if text not in known:
            known[text] = len(model.tokenize([text])[0]) - specials
        return known[text]

    budget = limit - specials
    for _ in range(6):
        plan = plan_chunks(paragraphs, budget, count, language)
        ids = model.tokenize(list(plan.chunks))
        if all(len(row) <= limit for row in ids):
            return plan, ids
        budget = max(1, int(budget * 0.9))  # joins tokenized longer than the sum of their parts
    raise ValueError(f"{model.model_id}: could not cut the text into pieces of {limit} tokens")


# --- generate + postprocess -----------------------------------------------------------------------


@dataclass(frozen=True)
class AbstractiveResult:
    text: str
    chunks: int
    forced_pieces: int
    input_tokens: int
    passes: int = 1


def summarize_texts(
    model: Seq2SeqModel,
    bodies: Sequence[tuple[Sequence[str], str]],
    settings: Settings,
) -> list[AbstractiveResult]:
    """Summaries of ``(paragraphs, language)`` bodies with one model, batched across bodies."""
    params = GenerationParams(
        max_new_tokens=settings.summary_max_tokens,
        min_new_tokens=settings.summary_min_tokens,
        num_beams=settings.summary_num_beams,
        min_ratio=SUMMARY_MIN_SHARE,
    )
    plans = [chunk_for_model(model, paragraphs, language) for paragraphs, language in bodies]
    current = _generate_grouped(model, [ids for _, ids in plans], params, settings.batch_size)
    passes_of = [1] * len(bodies)
    for _ in range(MAX_PASSES - 1):
        pending = [i for i, parts in enumerate(current) if len([p for p in parts if p]) > 1]
        if not pending:
            break
        again = [chunk_for_model(model, [p for p in current[i] if p], bodies[i][1]) for i in pending]
        outputs = _generate_grouped(model, [ids for _, ids in again], params, settings.batch_size)
        for i, parts in zip(pending, outputs, strict=True):
            current[i] = parts
            passes_of[i] += 1
    results = []
    for i, ((plan, ids), parts) in enumerate(zip(plans, current, strict=True)):
        text = _tidy(" ".join(p for p in parts if p))
        tokens = sum(len(row) for row in ids)
        results.append(AbstractiveResult(text, len(plan.chunks), plan.forced_pieces, tokens, passes_of[i]))
    return results


def _generate_grouped(
    model: Seq2SeqModel, groups: Sequence[Sequence[list[int]]], params: GenerationParams, batch_size: int
) -> list[list[str]]:
    """Generate for all inputs of all groups in one batched run; texts regrouped."""
    flat = [ids for group in groups for ids in group]
    texts = [_tidy(model.detokenize(out)) for out in generate_ids(model, flat, params, batch_size)]
    regrouped, start = [], 0
    for group in groups:
        regrouped.append(texts[start : start + len(group)])
        start += len(group)
    return regrouped


def _tidy(text: str) -> str:
    return " ".join(text.split())


# --- digests --------------------------------------------------------------------------------------


@dataclass
class _Job:
    """One digest to summarize abstractively: which text, in which language, with which model."""

    index: int
    paragraphs: list[str]
    language: str
    model_id: str
    flags: list[Flag] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)


def summarize_digests(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """Fill ``summary``, ``models`` and flags of every digest; chunks of all digests are batched."""
    out = list(digests)
    jobs: list[_Job] = []
    foreign: list[int] = []
    for i, digest in enumerate(digests):
        if not any(p.strip() for p in digest.body):
            out[i] = digest.with_flags(_no_body_flag())
            continue
        model_id = settings.summarizer_for(digest.language)
        if model_id:
            jobs.append(_Job(i, list(digest.body), digest.language, model_id))
        else:
            foreign.append(i)
    jobs += _translated_jobs(digests, foreign, settings, out)

    by_model: dict[str, list[_Job]] = {}
    for job in jobs:
        by_model.setdefault(job.model_id, []).append(job)
    for model_id, group in by_model.items():
        try:
            model = load_seq2seq(model_id, settings)
        except ModelUnavailable as err:
            for job in group:
                out[job.index] = _fallback(digests[job.index], job, err.reason, err.cause)
            continue
        finished = [
            (job, _finish(digests[job.index], job, model, result, settings.summary_max_tokens))
            for job, result in _run_isolated(model, group, settings)
        ]
        checked = checked_digests(
            [(digest, job.paragraphs, job.model_id) for job, digest in finished], settings.summary_check
        )
        for (job, _), digest in zip(finished, checked, strict=True):
            out[job.index] = digest
    return out


def checked_digests(items: Sequence[tuple[Digest, Sequence[str], str]], mode: str) -> list[Digest]:
    """:func:`checked_digest` of each (digest, text read, model id); the extractive summaries of those that
    fall back are made together (their sentences embedded in one MiniLM call)."""
    checks = [_check(digest, read, mode) for digest, read, _ in items]
    falling = [i for i, checked in enumerate(checks) if checked is not None and _falls_back(checked, mode)]
    extracts = extractive_summaries([(items[i][0].body, items[i][0].language) for i in falling])
    made = dict(zip(falling, extracts, strict=True))
    return [
        checked_digest(digest, read, model_id, mode, checks[i], made.get(i))
        for i, (digest, read, model_id) in enumerate(items)
    ]


def _check(digest: Digest, read: Sequence[str], mode: str) -> CheckedSummary | None:
    summary = digest.summary
    if summary is None or summary.method != "abstractive":
        return None
    return check_summary(read, summary.text, summary.language, mode)


def _falls_back(checked: CheckedSummary, mode: str) -> bool:
    """Under ``drop``, too little of the summary is left after the check: the extractive one replaces it."""
    too_little = checked.too_little_left or not checked.text
    return bool(checked.check.unsupported) and mode == "drop" and too_little


def checked_digest(
    digest: Digest,
    read: Sequence[str],
    model_id: str,
    mode: str,
    checked: CheckedSummary | None = None,
    extract: Extract | None = None,
) -> Digest:
    """An abstractive summary checked against ``read``, the text its summarizer read (``briefing.checks``).

    ``drop`` removes the unsupported sentences, and when under half of them are left the digest gets the
    extractive summary instead; ``flag`` keeps them (pages mark them). Either way ``summary.check`` says
    what was found and an ``unsupported-content`` flag says it in one sentence. ``checked`` and ``extract``:
    the check's result and the extractive summary when the caller made them already (a batch).
    """
    summary = digest.summary
    checked = checked or _check(digest, read, mode)
    if summary is None or checked is None:
        return digest
    check = checked.check
    if not check.unsupported:
        return replace(digest, summary=replace(summary, check=check))
    flag = Flag(
        "unsupported-content",
        removal_sentence(check),
        stage="check",
        models=(model_id,),
        cause="unsupported-content",
        target="summary",
    )
    if _falls_back(checked, mode):
        kept = check.sentences - len(check.unsupported)
        why = f"{model_id}'s summary kept {kept} of {check.sentences} sentences after the faithfulness check"
        # The extractive summary is of the article's own body: no longer "via translation".
        kept_flags = tuple(f for f in digest.flags if f.code != "summary-via-translation")
        body_only = replace(digest, flags=kept_flags)
        fallback = _extractive(body_only, [flag], why, "unsupported-content", (model_id,), extract)
        if fallback.summary is not None:
            return replace(fallback, summary=replace(fallback.summary, check=check))
        return fallback
    text = checked.text if mode == "drop" else summary.text
    return replace(digest, summary=replace(summary, text=text, check=check)).with_flags(flag)


def _run_isolated(
    model: Seq2SeqModel, group: list[_Job], settings: Settings
) -> list[tuple[_Job, AbstractiveResult | str | ShortBody]]:
    """All jobs in one batched run; when that fails, each alone, so one bad body fails only itself.

    A body no longer than the summary budget is not generated from (``briefing.short_body``).
    """
    short: list[tuple[_Job, AbstractiveResult | str | ShortBody]] = []
    long_jobs = []
    for job in group:
        try:
            tokens = body_tokens(model, job.paragraphs)
        except Exception:  # the batched run below reports the failure on this digest
            tokens = settings.summary_max_tokens + 1
        if tokens <= settings.summary_max_tokens:
            short.append((job, ShortBody(tokens)))
        else:
            long_jobs.append(job)
    return short + _run_batched(model, long_jobs, settings) if long_jobs else short


def _run_batched(
    model: Seq2SeqModel, group: list[_Job], settings: Settings
) -> list[tuple[_Job, AbstractiveResult | str | ShortBody]]:
    try:
        results = summarize_texts(model, [(j.paragraphs, j.language) for j in group], settings)
        return list(zip(group, results, strict=True))
    except Exception:
        return [(job, _run_one(model, job, settings)) for job in group]


def _run_one(model: Seq2SeqModel, job: _Job, settings: Settings) -> AbstractiveResult | str:
    try:
        return summarize_texts(model, [(job.paragraphs, job.language)], settings)[0]
    except Exception as err:  # reported on this digest as a model failure, never raised
        return f"generation failed: {one_line(err)}"


def _translated_jobs(
    digests: Sequence[Digest], indices: list[int], settings: Settings, out: list[Digest]
) -> list[_Job]:
    """Jobs for articles without a summarizer of their own: body translated to the briefing language."""
    if not indices:
        return []
    home = settings.briefing_language
    requests, owners = [], []
    for i in indices:
        for paragraph in digests[i].body:
            if paragraph.strip():
                requests.append(TranslationRequest(digests[i].language, home, paragraph))
                owners.append(i)
    outcomes = translate_texts(requests, settings)
    jobs = []
    for i in indices:
        digest = digests[i]
        mine = [o for o, owner in zip(outcomes, owners, strict=True) if owner == i]
        flags = list(dict.fromkeys(f for o in mine for f in o.flags))
        translated = [o.text for o in mine]
        if all(t is not None for t in translated) and any(t.strip() for t in translated if t):
            label = mine[0].model or ""
            summarizer = settings.summarizer_for(home) or settings.summarizer
            flags.append(via_translation_flag(digest.language, home, label, summarizer))
            jobs.append(
                _Job(i, [t for t in translated if t], home, summarizer, flags, {"summary_translation": label})
            )
        else:
            reason = f"no summarizer for '{digest.language}' and its body could not be translated to {home}"
            out[i] = _extractive(digest, flags, reason, "translation-unavailable")
    return jobs


def _finish(
    digest: Digest, job: _Job, model: Seq2SeqModel, result: AbstractiveResult | str | ShortBody, budget: int
) -> Digest:
    if isinstance(result, str):
        return _fallback(digest, job, result, "failed")
    if isinstance(result, ShortBody):
        return short_body_digest(digest, job.paragraphs, job.language, result, budget, job.flags, job.models)
    if not result.text:
        flag = Flag(
            "model-output-empty",
            f"{job.model_id} produced no text for this article",
            stage="summary",
            models=(job.model_id,),
            cause="empty-output",
            target="summary",
        )
        why = f"{job.model_id} produced no text"
        return _extractive(digest, [*job.flags, flag], why, "empty-output", (job.model_id,))
    flags = list(job.flags)
    if result.chunks > 1:
        flags.append(
            Flag(
                "chunked",
                f"body of {result.input_tokens} tokens summarized in {result.chunks} chunks of at most "
                f"{model.max_input_tokens} tokens, then combined ({result.passes} passes in all)",
                stage="summary",
                target="summary",
            )
        )
    if result.forced_pieces:
        flags.append(
            Flag(
                "long-sentence-split",
                f"a sentence longer than the model's {model.max_input_tokens}-token input was cut "
                f"between words into {result.forced_pieces} pieces",
                stage="summary",
                target="summary",
            )
        )
    summary = Summary(job.language, result.text, "abstractive", job.model_id, result.chunks)
    models = {
        **digest.models,
        **job.models,
        "summarizer": job.model_id,
        "summarizer_path": model.location,
        "summarizer_engine": model.engine,
        "engine": engine_label(model),  # compute type, CPU tier and threads (briefing.models.cpu)
    }
    return replace(digest, summary=summary, models=models).with_flags(*flags)


def _fallback(digest: Digest, job: _Job, reason: str, cause: str) -> Digest:
    """Summarizer (or its generation) unavailable: extractive summary of the original body. ``cause`` is
    the flags' (``ModelUnavailable.cause``; ``failed`` when generation failed)."""
    unavailable = Flag(
        "model-unavailable",
        f"{job.model_id}: {reason}",
        stage="summary",
        models=(job.model_id,),
        cause=cause,
        target="summary",
    )
    flags = [f for f in [*job.flags, unavailable] if f.code != "summary-via-translation"]
    return _extractive(digest, flags, f"{job.model_id} is unavailable", cause, (job.model_id,))


def _no_body_flag() -> Flag:
    return Flag("no-body", "the article has no body text to summarize", stage="summary", target="summary")


def _extractive(
    digest: Digest,
    flags: list[Flag],
    why: str,
    cause: str,
    failed: tuple[str, ...] = (),
    extract: Extract | None = None,
) -> Digest:
    """The extractive summary (``extract`` when made already), flagged ``extractive-fallback`` with
    ``why`` (its ``cause``: why the abstractive one could not be had; ``failed``: the models that could not
    make it)."""
    extract = extract or extractive_summary(digest.body, digest.language)
    if extract is None:
        return digest.with_flags(*flags, _no_body_flag())
    how = (
        f"{len(extract.sentences)} body sentence(s) picked by {EXTRACTIVE_MODEL} sentence centrality"
        if extract.method == "minilm-centrality"
        else f"the first {len(extract.sentences)} body sentence(s): {extract.note}"
    )
    summary = Summary(digest.language, extract.text, "extractive", None, 1)
    models = {**digest.models, "extractive": EXTRACTIVE_MODEL}
    fallback = Flag(
        "extractive-fallback",
        f"{why}; summary is {how}",
        stage="summary",
        models=(*failed, EXTRACTIVE_MODEL),
        cause=cause,
        target="summary",
    )
    return replace(digest, summary=summary, models=models).with_flags(*flags, fallback)
