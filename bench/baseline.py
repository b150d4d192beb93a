"""The naive baseline: what a first implementation does with transformers.

Per article: load the summarizer (fp32), summarize each chunk with its own ``generate`` (beam 4), then load
each translation model the article needs and translate every sentence of the summary and of each foreign
comment segment with its own ``generate`` (beam 4). Models are loaded again for every article, nothing is
batched, nothing is cached between runs.

It does the same work as the shipped pipeline on the same inputs: the same cleaning (``clean_file``), the
same chunk plan (``plan_chunks``, with a second pass when a body needs several chunks), the same translation
units (``split_sentences``, then ``briefing.translate.fit_units`` under the same cap), the same faithfulness
check of the summary (``briefing.summarize.checked_digest``: the summary it keeps, or the extractive one, is
what gets translated, into Briefing's languages by Briefing's route, through English where no direct model
is), and the same fixed output lengths: every summary decodes ``summary_max_tokens`` (min = max), every
translated unit ``translation_tokens`` (the bench's fixed length; Briefing's own cap stays at its default).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import one_line
from briefing.models.resolve import folder_name
from briefing.models.routes import translation_model_id
from briefing.settings import Settings


@dataclass
class Counters:
    """What a run did and where its time went (seconds)."""

    load_s: float = 0.0
    generate_s: float = 0.0
    generate_calls: int = 0
    inputs: int = 0
    new_tokens: int = 0
    loads: int = 0
    per_model: dict[str, dict[str, float]] = field(default_factory=dict)
    # The other models a run loads (lingua's language models, MiniLM): seconds by name.
    aux_loads: dict[str, float] = field(default_factory=dict)

    @property
    def aux_load_s(self) -> float:
        return sum(self.aux_loads.values())

    def add_generate(self, model_id: str, seconds: float, inputs: int, tokens: int) -> None:
        self.generate_s += seconds
        self.generate_calls += 1
        self.inputs += inputs
        self.new_tokens += tokens
        row = self.per_model.setdefault(model_id, {"calls": 0, "inputs": 0, "tokens": 0, "seconds": 0.0})
        row["calls"] += 1
        row["inputs"] += inputs
        row["tokens"] += tokens
        row["seconds"] += seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "model_load_s": round(self.load_s, 3),
            "model_loads": self.loads,
            "aux_model_load_s": {k: round(v, 3) for k, v in sorted(self.aux_loads.items())},
            "generate_s": round(self.generate_s, 3),
            "generate_calls": self.generate_calls,
            "generated_sequences": self.inputs,
            "new_tokens": self.new_tokens,
            "per_model": {
                k: {n: round(v, 3) if isinstance(v, float) else v for n, v in row.items()}
                for k, row in sorted(self.per_model.items())
            },
        }


class NaiveModel:
    """``from_pretrained`` fp32 model + tokenizer; one ``generate`` per text, beam 4."""

    def __init__(self, model_id: str, folder: Path, counters: Counters) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        started = time.perf_counter()
        self.model_id = model_id
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=torch.float32).eval()
        counters.load_s += time.perf_counter() - started
        counters.loads += 1
        self.counters = counters

    def generate(self, text: str, new_tokens: int, num_beams: int = 4) -> str:
        import torch

        started = time.perf_counter()
        encoded = self.tokenizer(text, return_tensors="pt", truncation=True)
        with torch.inference_mode():
            out = self.model.generate(
                **encoded,
                num_beams=num_beams,
                max_new_tokens=new_tokens,
                min_new_tokens=new_tokens,
                max_length=None,
                min_length=0,
            )
        tokens = int(out.shape[1]) - 1  # minus the decoder start token
        self.counters.add_generate(self.model_id, time.perf_counter() - started, 1, tokens)
        return self.tokenizer.decode(out[0], skip_special_tokens=True).strip()

    def count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def max_input(self) -> int:
        limit = getattr(self.model.config, "max_position_embeddings", 1024)
        return int(min(limit, self.tokenizer.model_max_length or limit))


def _load(model_id: str, model_dir: Path, counters: Counters) -> NaiveModel | None:
    folder = model_dir / folder_name(model_id)
    return NaiveModel(model_id, folder, counters) if (folder / "config.json").is_file() else None


def summarize_plan(model: NaiveModel, texts: list[str], language: str) -> list[str]:
    """The pipeline's chunk plan for ``texts`` with this model's tokenizer and input limit."""
    from briefing.summarize import plan_chunks

    return list(plan_chunks(texts, model.max_input() - 2, model.count, language).chunks)


def summarize(model: NaiveModel, paragraphs: list[str], language: str, new_tokens: int, beams: int) -> str:
    """Each chunk alone; several chunks get a second pass over their joined summaries."""
    texts = [p for p in paragraphs if p.strip()]
    for _ in range(4):
        chunks = summarize_plan(model, texts, language)
        parts = [model.generate(chunk, new_tokens, beams) for chunk in chunks]
        if len(parts) == 1:
            return parts[0]
        texts = parts
    return " ".join(texts)


def translation_units(model: NaiveModel, text: str, language: str, settings: Settings) -> list[str]:
    """The units Briefing translates ``text`` as: its sentences, cut by ``fit_units`` under the same cap."""
    from briefing.models.text import split_sentences
    from briefing.translate import fit_units, unit_budget

    budget = min(model.max_input() - 1, unit_budget(settings.translation_max_tokens))
    return [unit for _, unit in fit_units(split_sentences(text, language), language, model.count, budget)]


def translate(model: NaiveModel, text: str, language: str, settings: Settings, new_tokens: int) -> str:
    """One ``generate`` per unit, each decoding exactly ``new_tokens``."""
    beams = settings.translation_num_beams
    return " ".join(
        model.generate(unit, new_tokens, beams) for unit in translation_units(model, text, language, settings)
    )


def kept_summary(
    digest: Any, summary: str, read: list[str], language: str, settings: Settings
) -> tuple[str, str]:
    """The summary Briefing keeps after its faithfulness check (``briefing.summarize.checked_digest``, the
    same function): this one, trimmed, or the extractive summary of the article's own body, in its own
    language (random weights' summaries mostly fall back). Returns (text, language); the baselines then
    translate that, as Briefing does."""
    from dataclasses import replace

    from briefing.records import Summary
    from briefing.summarize import checked_digest

    model_id = settings.summarizer_for(language) or settings.summarizer
    drafted = replace(digest, summary=Summary(language, summary, "abstractive", model_id))
    final = checked_digest(drafted, read, model_id, settings.summary_check).summary
    return (final.text, final.language) if final is not None else (summary, language)


def summary_legs(src: str, tgt: str, settings: Settings, model_dir: Path) -> list[tuple[str, str, str]]:
    """(model id, from, to) of each leg of Briefing's route from ``src`` to ``tgt``: the direct model, or two
    legs through English (``briefing.models.routes.plan_route``); none when no route is there."""
    from briefing.models.routes import PIVOT_LANGUAGE, plan_route

    def available(model_id: str) -> str | None:
        return None if (model_dir / folder_name(model_id) / "config.json").is_file() else "missing"

    legs = plan_route(src, tgt, settings, available).models
    if len(legs) == 1:
        return [(legs[0], src, tgt)]
    if len(legs) == 2:
        return [(legs[0], src, PIVOT_LANGUAGE), (legs[1], PIVOT_LANGUAGE, tgt)]
    return []


def summary_languages(language: str, settings: Settings) -> list[str]:
    """What Briefing translates a summary in ``language`` into (``briefing.translate.summary_targets``)."""
    wanted = [settings.briefing_language, *settings.target_languages]
    return [lang for lang in dict.fromkeys(wanted) if lang != language]


def digest_article(
    path: Path, settings: Settings, model_dir: Path, counters: Counters, translation_tokens: int
) -> dict[str, Any]:
    """Clean, summarize, translate one article the naive way; returns a small report."""
    from briefing.cleaning import clean_file

    digest = clean_file(path, settings)
    home = settings.briefing_language
    paragraphs, language, via = list(digest.body), digest.language, None
    if settings.summarizer_for(language) is None:  # translate the body first, as the pipeline does
        via = translation_model_id(language, home, settings)
        model = _load(via, model_dir, counters)
        if model is None:
            return {"path": str(path), "skipped": f"{via} missing"}
        paragraphs = [
            translate(model, p, language, settings, translation_tokens) for p in paragraphs if p.strip()
        ]
        language = home
        del model
    summarizer = _load(settings.summarizer_for(language) or settings.summarizer, model_dir, counters)
    if summarizer is None:
        return {"path": str(path), "skipped": "summarizer missing"}
    summary = summarize(
        summarizer, paragraphs, language, settings.summary_max_tokens, settings.summary_num_beams
    )
    del summarizer  # a first implementation keeps one model in memory at a time
    summary, summary_language = kept_summary(digest, summary, paragraphs, language, settings)
    translations = {}
    for target in summary_languages(summary_language, settings):
        text = summary
        for model_id, src, _ in summary_legs(summary_language, target, settings, model_dir):
            model = _load(model_id, model_dir, counters)
            if model is None:
                break
            text = translate(model, text, src, settings, translation_tokens)
            del model
        else:
            translations[target] = text
    comments: dict[str, NaiveModel | None] = {}  # reloaded per article, shared by its comments
    translated_segments = 0
    for comment in digest.comments:
        for segment in comment.segments:
            if segment.language == home or not segment.text.strip():
                continue
            if segment.language not in comments:
                comments[segment.language] = _load(
                    translation_model_id(segment.language, home, settings), model_dir, counters
                )
            model = comments[segment.language]
            if model is not None:
                translate(model, segment.text, segment.language, settings, translation_tokens)
                translated_segments += 1
    return article_report(path, digest.language, via, summary, translations, translated_segments)


def article_report(
    path: Path,
    language: str,
    via: str | None,
    summary: str,
    translations: Iterable[str],
    translated_segments: int,
) -> dict[str, Any]:
    """What a baseline reports of one article (both baselines; compared in the bench JSON)."""
    return {
        "path": str(path),
        "language": language,
        "summary_via": via,
        "summary_chars": len(summary),
        "translations": sorted(translations),
        "translated_segments": translated_segments,
    }


def run_baseline(
    paths: list[Path], settings: Settings, model_dir: Path, translation_tokens: int
) -> dict[str, Any]:
    counters = Counters()
    return run_articles(
        paths, lambda path: digest_article(path, settings, model_dir, counters, translation_tokens), counters
    )


def run_articles(
    paths: list[Path], digest_one: Callable[[Path], dict[str, Any]], counters: Counters
) -> dict[str, Any]:
    """A baseline variant's run: each article in turn; a bad input fails alone, as in the pipeline."""
    articles = []
    failures = []
    for path in paths:
        try:
            articles.append(digest_one(path))
        except Exception as err:
            failures.append(f"{path}: {one_line(err, 160)}")
    digested = [a for a in articles if "skipped" not in a]
    return {"articles": len(digested), "failures": failures, "detail": articles, **counters.as_dict()}
