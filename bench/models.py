"""Real-size random models for the benchmark, built once into ``bench/.models/`` (git-ignored).

The folder is keyed by a hash of the generator's source and the transformers version (like
``tests/tiny_models.py``), so a changed generator builds a new set instead of timing a stale one.
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


def generator_key() -> str:
    import transformers

    import briefing.models.corpus as corpus
    import briefing.models.tiny as tiny

    digest = hashlib.sha256()
    for module in (tiny, corpus):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(transformers.__version__.encode())
    return digest.hexdigest()[:12]


def real_model_dir(root: Path = MODELS_ROOT) -> tuple[Path, float | None]:
    """The real-size default model set (built now when missing) and the build seconds (None: reused)."""
    target = root / f"real-{generator_key()}"
    if (target / _MARKER).is_file():
        return target, None
    from briefing.models.tiny import make_models

    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        make_models(staging, size="real")
        (staging / _MARKER).write_text("ok\n")
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    for stale in root.glob("real-*"):  # older generator versions are never timed again
        if stale != target:
            shutil.rmtree(stale, ignore_errors=True)
    return target, time.perf_counter() - started


if __name__ == "__main__":
    folder, seconds = real_model_dir()
    print(folder, "reused" if seconds is None else f"built in {seconds:.0f} s")
