"""A Hugging Face seq2seq folder (MarianMT, BART) converted for ctranslate2; the conversions' disk cache.

The folder is converted once with ``ctranslate2.converters.TransformersConverter`` and the result is cached on
disk, keyed by model id, quantization and revision:

- a local ``BRIEFING_MODEL_DIR`` model: ``<model_dir>/.ct2/<org>--<name>/<quant>-<revision>``, next to the
  model (not inside it: the folder's content stamp would change and miss the cache);
- a Hugging Face cache model (or a read-only model dir): ``$BRIEFING_CACHE_DIR`` (default
  ``$XDG_CACHE_HOME/briefing``, i.e. ``~/.cache/briefing``) ``/ct2/<org>--<name>/<quant>-<revision>``.

Conversion runs in a child process (``python -m briefing.models.ct2_convert SRC DST QUANT``) so the worker
never holds the fp32 torch weights: its peak memory is the int8 model only. It writes into a temporary folder
that is renamed into place, so concurrent workers and interrupted conversions never leave half a model behind.
The engine that loads a conversion is :mod:`briefing.models.ct2`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing.errors import ModelUnavailable

DEFAULT_COMPUTE_TYPE = "int8"


SEPARATE_VOCABS = "separate source/target vocabularies are not supported by ctranslate2 (torch is used)"


# Files of a finished conversion; their presence marks a usable cache entry.
_CONVERTED_MARKERS = ("model.bin", "config.json")


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def cache_root() -> Path:
    """Where converted Hub-cache models go: ``$BRIEFING_CACHE_DIR`` or ``$XDG_CACHE_HOME/briefing``."""
    explicit = os.environ.get("BRIEFING_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg).expanduser() / "briefing"


def _folder_name(model_id: str) -> str:
    return model_id.strip("/").replace("/", "--")


def _safe_revision(revision: str | None) -> str:
    text = revision or "unknown"
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text)[:80]


def converted_dir(
    model_id: str,
    location: str | os.PathLike[str],
    revision: str | None,
    *,
    local: bool,
    quantization: str = DEFAULT_COMPUTE_TYPE,
) -> Path:
    """The cache folder for the converted model (it may not exist yet).

    Local folders keep the conversion next to the model when the model dir is writable; Hub-cache models (and
    read-only model dirs) use :func:`cache_root`.
    """
    leaf = f"{quantization}-{_safe_revision(revision)}"
    if local:
        model_dir = Path(location).parent
        if os.access(model_dir, os.W_OK):
            return model_dir / ".ct2" / _folder_name(model_id) / leaf
    return cache_root() / "ct2" / _folder_name(model_id) / leaf


def is_converted(folder: Path) -> bool:
    return all((folder / name).is_file() for name in _CONVERTED_MARKERS)


def convert_in_process(
    location: str | os.PathLike[str], target: str | os.PathLike[str], quantization: str
) -> Path:
    """Convert ``location`` into ``target`` atomically (temp folder + rename). Imports torch."""
    import ctranslate2

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        converter = ctranslate2.converters.TransformersConverter(str(location))
        converter.convert(str(tmp), quantization=quantization, force=True)
        try:
            os.rename(tmp, target)
        except OSError:
            if not is_converted(target):  # not "another worker won the race": a real failure
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_converted(
    model_id: str,
    location: str | os.PathLike[str],
    revision: str | None,
    *,
    local: bool,
    quantization: str = DEFAULT_COMPUTE_TYPE,
    timeout_s: float = 1800,
) -> Path:
    """Return the converted folder, converting in a child process when it is not cached yet.

    Raises :class:`ModelUnavailable` with the converter's last error line when conversion fails (the caller
    falls back to torch).
    """
    target = converted_dir(model_id, location, revision, local=local, quantization=quantization)
    if is_converted(target):
        return target
    cmd = [sys.executable, "-m", "briefing.models.ct2_convert", str(location), str(target), quantization]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise ModelUnavailable(model_id, f"ctranslate2 conversion took over {timeout_s:.0f} s") from None
    if proc.returncode != 0 or not is_converted(target):
        lines = [ln for ln in (proc.stderr or "").strip().splitlines() if ln.strip()]
        reason = lines[-1].strip() if lines else f"converter exited with {proc.returncode}"
        raise ModelUnavailable(model_id, f"ctranslate2 conversion failed: {reason[:200]}")
    _remove_stale_conversions(target)
    return target


def _remove_stale_conversions(current: Path) -> None:
    """Drop older revisions of the same model and quantization: they are never read again."""
    quant = current.name.split("-", 1)[0]
    for sibling in current.parent.iterdir():
        if (
            sibling != current
            and sibling.is_dir()
            and sibling.name.startswith(f"{quant}-")
            and not sibling.name.endswith(".tmp")
        ):
            shutil.rmtree(sibling, ignore_errors=True)


def has_separate_vocabs(location: str | os.PathLike[str]) -> bool:
    folder = Path(location)
    tokenizer_config = _read_json(folder / "tokenizer_config.json")
    return bool(tokenizer_config.get("separate_vocabs")) or (folder / "target_vocab.json").is_file()


def read_target_vocabulary(converted: Path) -> frozenset[str] | None:
    """The converted model's target tokens (``shared_`` or ``target_vocabulary.json``), None if unknown."""
    for name in ("target_vocabulary.json", "shared_vocabulary.json"):
        path = converted / name
        if path.is_file():
            return frozenset(json.loads(path.read_text(encoding="utf-8")))
    return None


def _main(argv: Sequence[str]) -> int:
    """``python -m briefing.models.ct2_convert SRC DST QUANT``: the conversion child process."""
    if len(argv) != 3:
        print("usage: python -m briefing.models.ct2_convert SRC DST QUANTIZATION", file=sys.stderr)
        return 2
    src, dst, quant = argv
    try:
        convert_in_process(src, dst, quant)
    except Exception as err:  # reported as one line by the parent
        print(f"{type(err).__name__}: {' '.join(str(err).split())}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
