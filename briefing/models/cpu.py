"""Engine choices by CPU: which ctranslate2 compute type and how many threads, from what the CPU offers.

The same code ran 6.0x faster than the naive baseline on an AVX2-only AMD EPYC and 4.4x on an AVX-512/VNNI
Intel Xeon: a fixed ``int8`` with "all logical CPUs" as threads is not the best choice everywhere. This
module reads the CPU's features (``/proc/cpuinfo`` flags, the CPUs this process may use and how many
physical cores they are) and what the installed ctranslate2 supports
(``ctranslate2.get_supported_compute_types("cpu")``), and picks:

- **compute type**, the first of :data:`AUTO_PREFERENCE` for the CPU's instruction-set tier that ctranslate2
  supports here. ``int8`` everywhere ctranslate2 has a fast int8 GEMM (AVX2 and up, Arm NEON): for models
  saved in float32 (distilbart, opus-mt) it is the same computation as ``int8_float32`` (int8 matrix
  products, float32 for the rest). On AVX-512 BF16 / AMX CPUs, ``int8_bfloat16`` comes first where the
  installed ctranslate2 offers it on CPU (4.x builds do not, so ``int8`` is what runs). ``float32`` on
  x86 without AVX2, where int8 has no fast kernel. ``bench/compute_types.py`` (``make bench-compute``)
  measures the supported types side by side on one model, to check the table on a new CPU.
- **threads**: the physical cores among the CPUs this process may use (hyper-threads share a core's vector
  units, so a second thread per core only adds contention to GEMM-bound decoding), laid out as ``workers``
  (ctranslate2's ``inter_threads``: batches decoded in parallel, sharing one copy of the weights) of
  ``intra_threads`` each: one worker per core, up to :data:`MAX_WORKERS`. Beam search over a batch of short
  sentences is many small matrix products that two threads split badly; two batches side by side, one per
  core, keep both busy. Measured on the real-size models (int8, AMD EPYC, 2 cores, the bench's inputs):
  distilbart's 22 chunks 35-39 s as 1 worker x 2 threads, 25.8 s as 2 workers x 1 thread; opus-mt-en-de's
  46 sentences 4.2-5.2 s against 3.3 s. ``briefing.models.batching`` splits each call so every worker gets
  batches, within one memory budget for all of them.
- **engine**: ``torch`` when ctranslate2 is not importable (the model cache falls back anyway).

``settings.ct2_compute_type`` overrides the automatic choice (``"auto"`` by default); a type this
ctranslate2 does not support on this CPU falls back to the automatic one, and the reason says so. The
choice is computed once per process and recorded in each digest's ``models["engine"]`` and in the bench JSON.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

# Instruction-set tiers, best first: the first whose flags are all present names the CPU.
ISA_TIERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("amx", frozenset({"amx_tile", "amx_int8"})),
    ("avx512_bf16", frozenset({"avx512f", "avx512_vnni", "avx512_bf16"})),
    ("avx512_vnni", frozenset({"avx512f", "avx512_vnni"})),
    ("avx512", frozenset({"avx512f"})),
    ("avx2", frozenset({"avx2"})),
    ("neon", frozenset({"asimd"})),  # aarch64 /proc/cpuinfo "Features"
)
GENERIC = "generic"

# Compute types to try per tier, in order; the first the installed ctranslate2 supports on CPU wins.
AUTO_PREFERENCE: dict[str, tuple[str, ...]] = {
    "amx": ("int8_bfloat16", "int8", "int8_float32", "float32"),
    "avx512_bf16": ("int8_bfloat16", "int8", "int8_float32", "float32"),
    "avx512_vnni": ("int8", "int8_float32", "float32"),
    "avx512": ("int8", "int8_float32", "float32"),
    "avx2": ("int8", "int8_float32", "float32"),
    "neon": ("int8", "int8_float32", "float32"),
    GENERIC: ("float32", "int8"),
}
# MiniLM's precision per tier (torch; float32 where a tier is not listed): bfloat16 where the CPU multiplies
# bfloat16 natively (AVX-512 BF16, AMX), where oneDNN runs it in fewer cycles than float32; elsewhere
# bfloat16 is emulated and slower. Measured on the AMD EPYC (avx512_bf16, 2 cores), 227 body sentences:
# 0.81 s float32, 0.51 s bfloat16; every row within cosine 0.9999 of float32's, pairwise similarities
# within 0.005 (``tests/models/test_minilm.py`` bounds both). On the 179 gold bodies of the AEB pages
# (``../shared/data/aeb``): the extractive summary picked other sentences in 5 (near-equal centralities),
# and 1 of 15 931 article pairs moved across a similarity of 0.5 or of 0.6 (same-story links at 0.55).
EMBEDDING_PRECISION: dict[str, str] = {"amx": "bfloat16", "avx512_bf16": "bfloat16"}
EMBEDDING_PRECISIONS = ("float32", "bfloat16")  # what briefing.models.bert_encoder runs
# Every compute type ctranslate2 knows (``ct2_compute_type`` must be one of these or "auto").
COMPUTE_TYPES = (
    "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float32", "float16", "bfloat16",
)  # fmt: skip
AUTO = "auto"
# More workers than this splits a call into batches too small to keep a core's vector units busy (and each
# worker holds its own activations); past it, the remaining cores become threads within each worker. Only
# the 2-core layout is measured (see above).
MAX_WORKERS = 4

log = logging.getLogger("briefing.models")


@dataclass(frozen=True)
class CpuFeatures:
    """What the engine choice looks at."""

    flags: frozenset[str]
    model: str
    logical_cpus: int  # CPUs this process may run on
    physical_cores: int  # distinct cores among them

    @property
    def isa(self) -> str:
        """The best instruction-set tier whose flags are all present (``generic`` when none)."""
        for name, needed in ISA_TIERS:
            if needed <= self.flags:
                return name
        return GENERIC


@dataclass(frozen=True)
class EngineChoice:
    """The engine and ctranslate2 options this process uses, and why."""

    engine: str  # "ctranslate2" or "torch"
    compute_type: str | None  # None for torch (float32)
    intra_threads: int  # threads per worker
    isa: str
    reason: str
    workers: int = 1  # ctranslate2's inter_threads: batches decoded side by side (torch: always 1)

    def label(self) -> str:
        """What digests and the bench record, e.g. ``ctranslate2:int8 (avx2, 2 workers x 1 thread)``."""
        kind = f"ctranslate2:{self.compute_type}" if self.engine == "ctranslate2" else "torch:float32"
        threads = f"{self.intra_threads} thread{'s' if self.intra_threads != 1 else ''}"
        return f"{kind} ({self.isa}, {f'{self.workers} workers x ' if self.workers > 1 else ''}{threads})"


# --- reading the CPU ------------------------------------------------------------------------------


def parse_cpuinfo(text: str, allowed: Collection[int] | None = None) -> CpuFeatures:
    """Features from ``/proc/cpuinfo`` text, counting only processors in ``allowed`` (all when None).

    Flags are those every counted processor has (x86 ``flags``, aarch64 ``Features``). Physical cores are
    distinct ``(physical id, core id)`` pairs; where the file has no core ids (VMs, Arm) each processor
    counts as a core.
    """
    processors = [_fields(block) for block in text.split("\n\n") if block.strip()]
    processors = [p for p in processors if "processor" in p and p["processor"].isdigit()]
    if allowed is not None:
        processors = [p for p in processors if int(p["processor"]) in allowed] or processors
    flag_sets = [frozenset((p.get("flags") or p.get("features") or "").split()) for p in processors]
    flags = frozenset.intersection(*flag_sets) if flag_sets else frozenset()
    model = next((p.get("model name", "") for p in processors if p.get("model name")), "")
    cores = {(p.get("physical id", "0"), p["core id"]) for p in processors if "core id" in p}
    logical = max(1, len(processors))
    physical = len(cores) if cores and all("core id" in p for p in processors) else logical
    return CpuFeatures(flags=flags, model=model, logical_cpus=logical, physical_cores=max(1, physical))


def _fields(block: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def read_cpu_features(cpuinfo: Path = Path("/proc/cpuinfo")) -> CpuFeatures:
    """This machine's features, for the CPUs this process may use."""
    allowed = _allowed_cpus()
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:  # not Linux: no flags known, every allowed CPU a core
        count = len(allowed) if allowed else (os.cpu_count() or 1)
        return CpuFeatures(frozenset(), "", count, count)
    features = parse_cpuinfo(text, allowed)
    if allowed and features.logical_cpus > len(allowed):  # cpuinfo without processor numbers we can match
        count = len(allowed)
        return CpuFeatures(features.flags, features.model, count, min(count, features.physical_cores))
    return features


def _allowed_cpus() -> set[int] | None:
    try:
        return set(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return None


def supported_compute_types() -> frozenset[str] | None:
    """What the installed ctranslate2 supports on this CPU; None when ctranslate2 is not importable."""
    try:
        import ctranslate2
    except ImportError:
        return None
    return frozenset(ctranslate2.get_supported_compute_types("cpu"))


# --- choosing -------------------------------------------------------------------------------------


def choose_engine(
    features: CpuFeatures, supported: Iterable[str] | None, requested: str = AUTO
) -> EngineChoice:
    """The engine choice for ``features`` given ctranslate2's ``supported`` types (None: not installed)."""
    threads = features.physical_cores
    isa = features.isa
    if supported is None:
        return EngineChoice("torch", None, threads, isa, "ctranslate2 is not installed")
    available = frozenset(supported)
    workers, per_worker = worker_layout(threads)
    layout = {"intra_threads": per_worker, "isa": isa, "workers": workers}
    note = ""
    if requested != AUTO:
        if requested in available:
            return EngineChoice("ctranslate2", requested, reason="set by ct2_compute_type", **layout)
        why = "is not supported on this CPU" if requested in COMPUTE_TYPES else "is not a compute type"
        note = f"ct2_compute_type {requested!r} {why}; "
    for compute_type in AUTO_PREFERENCE[isa]:
        if compute_type in available:
            return EngineChoice("ctranslate2", compute_type, reason=f"{note}auto for {isa}", **layout)
    return EngineChoice("torch", None, threads, isa, f"{note}ctranslate2 offers no CPU compute type here")


def worker_layout(cores: int) -> tuple[int, int]:
    """``(workers, threads per worker)`` for ``cores`` physical cores: one worker per core up to
    :data:`MAX_WORKERS`, the other cores as threads within each."""
    workers = max(1, min(cores, MAX_WORKERS))
    return workers, max(1, cores // workers)


@lru_cache(maxsize=4)
def engine_choice(requested: str = AUTO) -> EngineChoice:
    """This process's choice (computed once per requested value; an override that cannot apply is logged)."""
    choice = choose_engine(read_cpu_features(), supported_compute_types(), requested)
    if requested != AUTO and choice.compute_type != requested:
        log.warning("%s", choice.reason)
    return choice


@lru_cache(maxsize=1)
def embedding_precision() -> str:
    """MiniLM's precision on this CPU: :data:`EMBEDDING_PRECISION` of its tier, else ``float32``."""
    return EMBEDDING_PRECISION.get(read_cpu_features().isa, "float32")


def ct2_load_options(requested: str = AUTO) -> dict[str, object]:
    """Keyword arguments for ``ct2.load_ct2_model``: the chosen compute type, workers and threads."""
    choice = engine_choice(requested)
    return {
        "compute_type": choice.compute_type or "int8",
        "workers": choice.workers,
        "intra_threads": choice.intra_threads,
    }


def engine_label(model: object) -> str:
    """What ran ``model``: ``ctranslate2:<type> (<isa>, W workers x N threads)`` or ``torch:float32 (<isa>,
    N threads)``.

    The ctranslate2 type is the model's own (``compute_type``, as ctranslate2 resolved it) when it has one.
    """
    choice = engine_choice()
    if getattr(model, "engine", None) == "ctranslate2":
        compute_type = getattr(model, "compute_type", None) or choice.compute_type or "int8"
        return replace(choice, engine="ctranslate2", compute_type=compute_type, reason="").label()
    return EngineChoice("torch", None, _torch_threads(), choice.isa, "").label()


def _torch_threads() -> int:
    try:
        import torch
    except ImportError:
        return 1
    return int(torch.get_num_threads())
