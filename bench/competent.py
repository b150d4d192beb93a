"""The competent baseline: what an experienced transformers user writes without Briefing's machinery.

Models are loaded once per process (fp32 torch, kept for the whole run), and within one article every input
of one model goes into one ``generate`` (padded batch, beam 4): all chunks of the body for the summarizer,
all sentences of the summary for each target language, all sentences of the article's comments in one
language for that language's model, all sentences of a foreign body for its translation into the briefing
language. Nothing is batched *across* articles, there is no int8 engine, no length sorting, no memory cap
and no cache between runs.

Same work as the other variants (``bench/baseline.py``): the same cleaning, chunk plan, translation units
and translate-then-summarize routing, the same faithfulness check of the summary (what it keeps is what
gets translated, by Briefing's route), the same fixed output lengths (min = max new tokens: every translated
unit decodes exactly the bench's ``translation_tokens``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.baseline import (
    Counters,
    NaiveModel,
    article_report,
    kept_summary,
    run_articles,
    summarize_plan,
    summary_languages,
    summary_legs,
    translation_units,
)
from briefing.models.resolve import folder_name
from briefing.models.routes import translation_model_id
from briefing.settings import Settings


class BatchedModel(NaiveModel):
    """A model loaded once; one padded ``generate`` per list of texts."""

    def generate_batch(self, texts: list[str], new_tokens: int, num_beams: int = 4) -> list[str]:
        import torch

        if not texts:
            return []
        started = time.perf_counter()
        encoded = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=True)
        with torch.inference_mode():
            out = self.model.generate(
                **encoded,
                num_beams=num_beams,
                max_new_tokens=new_tokens,
                min_new_tokens=new_tokens,
                max_length=None,
                min_length=0,
            )
        tokens = (int(out.shape[1]) - 1) * len(texts)  # every row decodes exactly new_tokens steps
        self.counters.add_generate(self.model_id, time.perf_counter() - started, len(texts), tokens)
        return [self.tokenizer.decode(row, skip_special_tokens=True).strip() for row in out]


class LoadedModels:
    """Each model loaded on first use and kept (a competent script's module-level dict)."""

    def __init__(self, model_dir: Path, counters: Counters) -> None:
        self.model_dir = model_dir
        self.counters = counters
        self._models: dict[str, BatchedModel | None] = {}

    def get(self, model_id: str) -> BatchedModel | None:
        if model_id not in self._models:
            folder = self.model_dir / folder_name(model_id)
            found = (folder / "config.json").is_file()
            self._models[model_id] = BatchedModel(model_id, folder, self.counters) if found else None
        return self._models[model_id]


def summarize(model: BatchedModel, paragraphs: list[str], language: str, new_tokens: int, beams: int) -> str:
    """All chunks of one body in one ``generate``; several chunks get a second pass, batched the same way."""
    texts = [p for p in paragraphs if p.strip()]
    for _ in range(4):
        chunks = summarize_plan(model, texts, language)
        parts = model.generate_batch(chunks, new_tokens, beams)
        if len(parts) == 1:
            return parts[0]
        texts = parts
    return " ".join(texts)


def translate_all(
    model: BatchedModel, texts: list[str], language: str, settings: Settings, new_tokens: int
) -> list[str]:
    """Every unit of ``texts`` in one ``generate``; the translations re-joined per text."""
    per_text = [translation_units(model, text, language, settings) for text in texts]
    units = [u for group in per_text for u in group]
    translated = iter(model.generate_batch(units, new_tokens, settings.translation_num_beams))
    return [" ".join(next(translated) for _ in group) for group in per_text]


def digest_article(
    path: Path, settings: Settings, models: LoadedModels, translation_tokens: int
) -> dict[str, Any]:
    """Clean, summarize, translate one article with batched ``generate`` calls; returns a small report."""
    from briefing.cleaning import clean_file

    digest = clean_file(path, settings)
    home = settings.briefing_language
    paragraphs, language, via = [p for p in digest.body if p.strip()], digest.language, None
    if settings.summarizer_for(language) is None:  # translate the body first, as the pipeline does
        via = translation_model_id(language, home, settings)
        model = models.get(via)
        if model is None:
            return {"path": str(path), "skipped": f"{via} missing"}
        paragraphs = translate_all(model, paragraphs, language, settings, translation_tokens)
        language = home
    summarizer = models.get(settings.summarizer_for(language) or settings.summarizer)
    if summarizer is None:
        return {"path": str(path), "skipped": "summarizer missing"}
    summary = summarize(
        summarizer, paragraphs, language, settings.summary_max_tokens, settings.summary_num_beams
    )
    summary, summary_language = kept_summary(digest, summary, paragraphs, language, settings)
    translations = []
    for target in summary_languages(summary_language, settings):
        text = summary
        for model_id, src, _ in summary_legs(summary_language, target, settings, models.model_dir):
            model = models.get(model_id)
            if model is None:
                break
            [text] = translate_all(model, [text], src, settings, translation_tokens)
        else:
            translations.append(target)
    by_language: dict[str, list[str]] = {}
    for comment in digest.comments:
        for segment in comment.segments:
            if segment.language != home and segment.text.strip():
                by_language.setdefault(segment.language, []).append(segment.text)
    translated_segments = 0
    for seg_language, texts in sorted(by_language.items()):
        model = models.get(translation_model_id(seg_language, home, settings))
        if model is not None:
            translate_all(model, texts, seg_language, settings, translation_tokens)
            translated_segments += len(texts)
    return article_report(path, digest.language, via, summary, translations, translated_segments)


def run_competent(
    paths: list[Path], settings: Settings, model_dir: Path, translation_tokens: int
) -> dict[str, Any]:
    counters = Counters()
    models = LoadedModels(model_dir, counters)
    return run_articles(
        paths, lambda path: digest_article(path, settings, models, translation_tokens), counters
    )
