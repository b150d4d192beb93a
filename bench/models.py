"""Real-size random models for the benchmark, built once into ``bench/.models/`` (git-ignored).

The folder is keyed by a hash of the generator's source and the transformers version (like
``tests/tiny_models.py``), so a changed generator builds a new set instead of timing a stale one.

``make_models(size="real")`` trains tokenizers of the real sizes on synthetic text drawn from word
frequency lists (``briefing.testing.wordcorpus``, needs the ``bench`` extra: ``wordfreq``), so English news
costs about as many tokens as with the real BART tokenizer (~4.6 characters per token) and the summarizer
cuts bodies into as many chunks as the real model would. BART's 50 264 rows are all trained pieces; an
opus-mt vocabulary is the union of its two 29 049-piece sides, padded with ``<unused-N>`` rows to 58 101
(a few thousand where both languages share many pieces, e.g. en/fr).

One adjustment after ``make_models(size="real")``: a random decoder picks ``<unused-N>`` rows as readily as
real ones, and their text (``<unused-123>``) re-tokenizes into ~8 pieces, so summaries fed to a second pass
or to translation would be longer than real ones. :func:`discourage_unused_rows` gives those rows a
``final_logits_bias`` of -20 (as ``make_models`` already does for special tokens), so generated text is made
of real pieces and round-trips like real text. Both variants load the same adjusted models.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
MODELS_ROOT = BENCH_DIR / ".models"
_MARKER = ".complete"
# Bump when the build below changes (it is part of the folder key).
BUILD_VERSION = "3-wordfreq-tokenizers"
UNUSED_BIAS = -20.0


def generator_key() -> str:
    import transformers

    import briefing.testing.corpus as corpus
    import briefing.testing.tiny as tiny
    import briefing.testing.wordcorpus as wordcorpus

    digest = hashlib.sha256()
    for module in (tiny, corpus, wordcorpus):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(transformers.__version__.encode())
    digest.update(_version_of("wordfreq").encode())  # its word lists are the tokenizers' training text
    digest.update(BUILD_VERSION.encode())
    return digest.hexdigest()[:12]


def _version_of(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "absent"


def discourage_unused_rows(folder: Path) -> int:
    """Set ``final_logits_bias`` of the ``<unused-N>`` vocabulary rows to a large negative value."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder)
    unused = [i for tok, i in tokenizer.get_vocab().items() if tok.startswith("<unused-")]
    if not unused:
        return 0
    model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=torch.float32)
    with torch.no_grad():
        model.final_logits_bias[0, [i for i in unused if i < model.final_logits_bias.shape[1]]] = UNUSED_BIAS
    model.save_pretrained(folder)
    return len(unused)


def real_model_dir(root: Path = MODELS_ROOT) -> tuple[Path, float | None]:
    """The real-size default model set (built now when missing) and the build seconds (None: reused)."""
    target = root / f"real-{generator_key()}"
    if (target / _MARKER).is_file():
        return target, None
    from briefing.testing.tiny import make_models

    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        for folder in make_models(staging, size="real"):
            discourage_unused_rows(folder)
        (staging / _MARKER).write_text("ok\n")
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    for stale in root.glob("real-*"):  # older generator versions are never timed again
        if stale != target:
            shutil.rmtree(stale, ignore_errors=True)
    return target, time.perf_counter() - started


def ensure_models(model_dir: Path, model_ids: list[str]) -> list[str]:
    """Build any of ``model_ids`` missing from ``model_dir`` (same generator; e.g. a third target language's
    pair for the daily scenario). Returns the ids built."""
    from briefing.models.resolve import folder_name
    from briefing.testing.tiny import make_models

    missing = [m for m in model_ids if not (model_dir / folder_name(m) / "config.json").is_file()]
    if not missing:
        return []
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=model_dir.parent))
    try:
        for folder in make_models(staging, size="real", model_ids=missing):
            discourage_unused_rows(folder)
            folder.rename(model_dir / folder.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return missing


if __name__ == "__main__":
    folder, seconds = real_model_dir()
    print(folder, "reused" if seconds is None else f"built in {seconds:.0f} s")
