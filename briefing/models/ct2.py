"""The ctranslate2 engine: int8 CPU inference behind the ``Seq2SeqModel`` boundary.

A Hugging Face seq2seq folder (MarianMT, BART) is converted once with
``ctranslate2.converters.TransformersConverter`` and the result is cached on
disk, keyed by model id and revision:

- a local ``BRIEFING_MODEL_DIR`` model: ``<model_dir>/.ct2/<org>--<name>/<quant>-<revision>``, next to the
  model (not inside it: the folder's content stamp would change and miss the cache);
- a Hugging Face cache model (or a read-only model dir): ``$BRIEFING_CACHE_DIR`` (default
  ``$XDG_CACHE_HOME/briefing``, i.e. ``~/.cache/briefing``) ``/ct2/<org>--<name>/<quant>-<revision>``.

Conversion runs in a child process (``python -m briefing.models.ct2 SRC DST QUANT``) so the worker never
holds the fp32 torch weights: its peak memory is the int8 model only. It writes into a temporary folder that
is renamed into place, so concurrent workers and interrupted conversions never leave half a model behind.

Generation mirrors what ``transformers`` ``generate`` does for these models so greedy decoding gives the same
tokens as the torch engine: the decoder start token comes from the converted config,
``forced_bos_token_id`` is a ``target_prefix``, ``forced_eos_token_id`` is emulated (decode one token
fewer and close with EOS), and
``no_repeat_ngram_size`` / ``repetition_penalty`` / ``length_penalty`` / ``bad_words_ids`` come from the
model's generation config. Lengths count like ``min_new_tokens``/``max_new_tokens`` (checked in
``tests/bench/``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import ModelUnavailable
from briefing.models.engine import HFTokenizerSide

ENGINE = "ctranslate2"
DEFAULT_COMPUTE_TYPE = "int8"
# Batches are capped by source tokens, not by count, so peak memory stays bounded whatever the batch size
# setting while short sentences still batch widely. Two things grow with a batch: the encoder's attention
# scores (batch x heads x length^2 floats per layer) and, in beam search, the decoder's cross-attention
# keys/values, held for every hypothesis (source tokens x beams x layers x 2 x d_model). Measured on the
# real-size distilbart (int8, 2 cores): four 900-token chunks at beam 4 add ~0.35 GB while decoding; nine
# (the old 8192-token cap) added ~1 GB, at no gain in speed.
MAX_BATCH_TOKENS = 4096
MAX_BATCH_HYPOTHESIS_TOKENS = 16384


def batch_token_cap(longest: int, beams: int) -> int:
    """Source tokens per ctranslate2 batch: the memory caps above, never below one input."""
    return max(longest, min(MAX_BATCH_TOKENS, MAX_BATCH_HYPOTHESIS_TOKENS // max(1, beams)))


SEPARATE_VOCABS = "separate source/target vocabularies are not supported by ctranslate2 (torch is used)"

# Files of a finished conversion; their presence marks a usable cache entry.
_CONVERTED_MARKERS = ("model.bin", "config.json")


@dataclass(frozen=True)
class GenerationDefaults:
    """The parts of a model's generation config that change which tokens come out."""

    decoder_start_token_id: int | None = None
    eos_token_id: int | None = None
    forced_bos_token_id: int | None = None
    forced_eos_token_id: int | None = None
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    length_penalty: float = 1.0
    bad_words_ids: tuple[tuple[int, ...], ...] = ()
    max_position_embeddings: int | None = None


def read_generation_defaults(location: str | os.PathLike[str]) -> GenerationDefaults:
    """The generation settings torch would use, read through transformers' ``GenerationConfig``.

    Like ``from_pretrained`` of the model: ``generation_config.json`` when present, else ``config.json``
    read as a generation config (its legacy generation fields, class defaults for the rest), so both
    engines decode alike.
    """
    from transformers import AutoConfig, GenerationConfig

    folder = Path(location)
    # A folder: never the Hub (only briefing.models.resolve may go online, and not when offline).
    config = AutoConfig.from_pretrained(str(folder), local_files_only=True)
    try:
        generation = GenerationConfig.from_pretrained(str(folder), local_files_only=True)
    except OSError:
        # What transformers' ``GenerativePreTrainedModel.adjust_generation_fn`` does when a repo has no
        # generation_config.json (sshleifer/distilbart-cnn-12-6): building the model config pops the
        # generation fields, so ``from_model_config`` would lose num_beams 4, no_repeat_ngram_size 3 and
        # length_penalty 2.0; config.json is re-read as a generation config instead.
        generation = GenerationConfig.from_pretrained(
            str(folder), config_file_name="config.json", _from_model_config=True, local_files_only=True
        )
    eos = _first(generation.eos_token_id)
    if eos is None:
        eos = _first(getattr(config, "eos_token_id", None))
    return GenerationDefaults(
        decoder_start_token_id=_first(generation.decoder_start_token_id)
        if generation.decoder_start_token_id is not None
        else getattr(config, "decoder_start_token_id", None),
        eos_token_id=eos,
        forced_bos_token_id=generation.forced_bos_token_id,
        forced_eos_token_id=_first(generation.forced_eos_token_id),
        no_repeat_ngram_size=int(generation.no_repeat_ngram_size or 0),
        repetition_penalty=float(generation.repetition_penalty or 1.0),
        length_penalty=float(1.0 if generation.length_penalty is None else generation.length_penalty),
        bad_words_ids=tuple(tuple(int(i) for i in seq) for seq in generation.bad_words_ids or ()),
        max_position_embeddings=getattr(config, "max_position_embeddings", None),
    )


def _first(value: Any) -> int | None:
    """Several ids (EOS lists): the first is the one written at the end."""
    if isinstance(value, (list, tuple)):
        return int(value[0]) if value else None
    return None if value is None else int(value)


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
    cmd = [sys.executable, "-m", "briefing.models.ct2", str(location), str(target), quantization]
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


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class CTranslate2Seq2SeqModel(HFTokenizerSide):
    """A converted model plus its Hugging Face tokenizer; implements the ``Seq2SeqModel`` protocol."""

    engine = ENGINE

    def __init__(
        self,
        model_id: str,
        location: str,
        translator: Any,
        tokenizer: Any,
        defaults: GenerationDefaults,
        *,
        max_input_tokens: int,
        target_vocabulary: frozenset[str] | None = None,
        weights_dir: str | None = None,
    ) -> None:
        self.model_id = model_id
        self.location = location
        self.weights_dir = weights_dir
        self.max_input_tokens = max_input_tokens
        self._translator = translator
        # As ctranslate2 resolved it (an fp32-saved model's "int8" runs as "int8_float32"); digests record it.
        self.compute_type = str(getattr(translator, "compute_type", "") or "")
        self._init_tokenizer(tokenizer, location)
        self._defaults = defaults
        self._prefix = (
            tokenizer.convert_ids_to_tokens([defaults.forced_bos_token_id])
            if defaults.forced_bos_token_id is not None
            else None
        )
        # Marian's bad word is <pad>, which the converter drops from the vocabulary: nothing to suppress.
        suppress = [tokenizer.convert_ids_to_tokens(list(seq)) for seq in defaults.bad_words_ids]
        self._suppress = [
            seq for seq in suppress if target_vocabulary is None or all(t in target_vocabulary for t in seq)
        ]

    def generate(
        self,
        batch_ids: Sequence[Sequence[int]],
        *,
        max_new_tokens: int,
        min_new_tokens: int = 0,
        num_beams: int = 1,
    ) -> list[list[int]]:
        """Generated ids per input, in input order: no decoder start token, stopped before EOS.

        The inputs are one batch of the caller's (``briefing.models.batching`` sizes batches); ctranslate2
        sorts them by length and splits them so that none holds more than :func:`batch_token_cap` source
        tokens.
        """
        if not batch_ids:
            return []
        self._check_input_lengths(batch_ids)
        max_len, min_len = self._lengths(max_new_tokens, min_new_tokens)
        with self._tokenizer_lock:
            sources = [self._tokenizer.convert_ids_to_tokens(list(ids)) for ids in batch_ids]
        options: dict[str, Any] = {
            "beam_size": max(1, num_beams),
            "max_decoding_length": max_len,
            "min_decoding_length": min_len,
            "max_batch_size": batch_token_cap(max(len(ids) for ids in batch_ids), num_beams),
            "batch_type": "tokens",
            "return_scores": False,
            "return_end_token": False,
            "no_repeat_ngram_size": self._defaults.no_repeat_ngram_size,
            "repetition_penalty": self._defaults.repetition_penalty,
            # transformers ignores the length penalty in greedy search; so does ctranslate2 with beam 1
            "length_penalty": self._defaults.length_penalty,
        }
        if self._suppress:
            options["suppress_sequences"] = self._suppress
        if self._prefix is not None:
            options["target_prefix"] = [list(self._prefix) for _ in sources]
        results = self._translator.translate_batch(sources, **options)
        with self._tokenizer_lock:
            return [list(self._tokenizer.convert_tokens_to_ids(r.hypotheses[0])) for r in results]

    def _lengths(self, max_new_tokens: int, min_new_tokens: int) -> tuple[int, int]:
        """ctranslate2's lengths count like transformers' new tokens (forced BOS prefix included).

        With ``forced_eos_token_id`` transformers spends the last allowed step on EOS, which the protocol
        strips: decode one token fewer.
        """
        max_len = max(1, max_new_tokens)
        if self._defaults.forced_eos_token_id is not None and max_len > 1:
            max_len -= 1
        return max_len, max(0, min(min_new_tokens, max_len))


def load_ct2_model(
    model_id: str,
    location: str | os.PathLike[str],
    *,
    revision: str | None,
    local: bool,
    compute_type: str = DEFAULT_COMPUTE_TYPE,
    intra_threads: int | None = None,
) -> CTranslate2Seq2SeqModel:
    """Convert (cached) and load ``model_id`` from ``location`` (what ``briefing.models.cache`` calls).

    Raises :class:`ModelUnavailable` when ctranslate2 is missing or the model does not convert; the models
    cache then falls back to torch. Quantization of the cached conversion follows ``compute_type``.
    """
    try:
        import ctranslate2
    except ImportError as err:
        raise ModelUnavailable(model_id, f"ctranslate2 not importable: {err}") from None
    from transformers import AutoTokenizer

    if _has_separate_vocabs(location):  # before converting: the conversion would be wasted
        raise ModelUnavailable(model_id, SEPARATE_VOCABS)
    converted = ensure_converted(model_id, location, revision, local=local, quantization=compute_type)
    try:
        translator = ctranslate2.Translator(
            str(converted),
            device="cpu",
            compute_type=compute_type,
            inter_threads=1,
            intra_threads=intra_threads or available_cores(),
        )
        tokenizer = AutoTokenizer.from_pretrained(str(location), local_files_only=True)
        defaults = read_generation_defaults(location)
    except Exception as err:  # a broken cache entry or tokenizer: one line, then torch takes over
        raise ModelUnavailable(model_id, f"ctranslate2 load failed: {err}") from None
    if getattr(tokenizer, "separate_vocabs", False):
        # The converter writes one shared vocabulary, so source and target ids would be mixed up: such a
        # model decodes correctly only under torch (the models cache falls back to it).
        raise ModelUnavailable(model_id, SEPARATE_VOCABS)
    return CTranslate2Seq2SeqModel(
        model_id,
        str(location),
        translator,
        tokenizer,
        defaults,
        max_input_tokens=_max_input_tokens(defaults, tokenizer),
        target_vocabulary=read_target_vocabulary(converted),
        weights_dir=str(converted),
    )


def _has_separate_vocabs(location: str | os.PathLike[str]) -> bool:
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


def _max_input_tokens(defaults: GenerationDefaults, tokenizer: Any) -> int:
    limits = [defaults.max_position_embeddings or 512]
    model_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(model_max, int) and 0 < model_max < 1_000_000:
        limits.append(model_max)
    return min(limits)


def _main(argv: Sequence[str]) -> int:
    """``python -m briefing.models.ct2 SRC DST QUANT``: the conversion child process."""
    if len(argv) != 3:
        print("usage: python -m briefing.models.ct2 SRC DST QUANTIZATION", file=sys.stderr)
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
