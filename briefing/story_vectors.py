"""Story embeddings shared by same-story links and continuity: each story text is embedded once.

Both compare digests by the MiniLM embedding of their story text (``briefing.same_story.story_text``):
same-story links today's digests (the run's link step), continuity compares today's with the digests of the
last week's editions (when the edition is made, in the write step). Without sharing, the edition embedded
today's texts a second time and, every run, a week of earlier digests again: at ~50 ms a 256-token story
text on two cores, 700 earlier articles cost about 35 s a run, for vectors that never change.

So vectors are kept by text: in this process (what same-story embedded, for the edition of the same run)
and in the output folder (:data:`FILE_NAME`, beside ``editions.json``), written after each edition with the
vectors of the texts it used, so the file stays the size of the continuity window. A vector belongs to the
weights that made it: the file records MiniLM's weights digest, and a file made by other weights, or one
that cannot be read, is ignored (everything is embedded again). Texts are never deduplicated inside one
call: every text not already known is embedded, as it was before.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from briefing.io import atomic_write_bytes
from briefing.models import minilm

FILE_NAME = ".story-vectors.npz"
# Vectors kept in this process (each 384 floats: 4096 hold 6 MB): enough for a run's stories.
MAX_IN_MEMORY = 4096
_memory: dict[str, np.ndarray] = {}
log = logging.getLogger(__name__)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """One MiniLM row per text: those this process embedded before, the others now (one call), kept."""
    return _rows(texts, {}, set())


def _rows(texts: Sequence[str], known: dict[str, np.ndarray], used: set[str]) -> np.ndarray:
    keys = [text_key(t) for t in texts]
    found = {k: v for k in keys if (v := known.get(k, _memory.get(k))) is not None}
    missing = [i for i, k in enumerate(keys) if k not in found]
    computed = minilm.embed([texts[i] for i in missing]) if missing else np.zeros((0, 384), np.float32)
    fresh = {keys[i]: computed[n] for n, i in enumerate(missing)}
    _remember(fresh)
    used.update(keys)
    rows = [found[k] if k in found else fresh[k] for k in keys]
    return np.stack(rows) if rows else np.zeros((0, 384), dtype=np.float32)


def _remember(vectors: dict[str, np.ndarray]) -> None:
    for key, vector in vectors.items():
        if len(_memory) >= MAX_IN_MEMORY:
            _memory.pop(next(iter(_memory)))  # the oldest
        _memory[key] = vector


class StoredVectors:
    """The output folder's story vectors (:data:`FILE_NAME`): :meth:`embed` answers from them, this
    process's and MiniLM; :meth:`save` keeps the vectors of the texts asked for since :meth:`read`."""

    def __init__(self, known: dict[str, np.ndarray]) -> None:
        self.known = known
        self.used: set[str] = set()

    @classmethod
    def read(cls, out_dir: Path) -> StoredVectors:
        return cls(read_vectors(out_dir / FILE_NAME, minilm.WEIGHTS_SHA256))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return _rows(texts, self.known, self.used)

    def keep(self, texts: Sequence[str]) -> None:
        """Keep these texts' vectors at :meth:`save` where they are known already (nothing is embedded)."""
        self.used.update(k for k in map(text_key, texts) if k in self.known or k in _memory)

    def save(self, out_dir: Path) -> None:
        rows = {k: self.known.get(k, _memory.get(k)) for k in sorted(self.used)}
        kept = {k: v for k, v in rows.items() if v is not None}
        if not kept and not (out_dir / FILE_NAME).exists():
            return
        try:
            write_vectors(out_dir / FILE_NAME, kept, minilm.WEIGHTS_SHA256)
        except OSError as err:  # a cache: the next edition embeds again
            log.warning("story vectors not kept in %s: %s", out_dir / FILE_NAME, err.strerror or err)


def read_vectors(path: Path, weights: str) -> dict[str, np.ndarray]:
    """Key -> vector from ``path`` when ``weights`` made it; empty when absent, unreadable or not theirs."""
    try:
        with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as data:
            if str(data["weights"]) != weights:
                return {}
            keys, matrix = [str(k) for k in data["keys"]], np.asarray(data["vectors"], dtype=np.float32)
    except (OSError, ValueError, KeyError, EOFError):
        return {}
    if matrix.ndim != 2 or len(matrix) != len(keys):
        return {}
    return dict(zip(keys, matrix, strict=True))


def write_vectors(path: Path, vectors: dict[str, np.ndarray], weights: str) -> None:
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]) if keys else np.zeros((0, 384), dtype=np.float32)
    buffer = io.BytesIO()
    np.savez(buffer, keys=np.array(keys, dtype=str), vectors=matrix.astype(np.float32), weights=weights)
    atomic_write_bytes(path, buffer.getvalue())
