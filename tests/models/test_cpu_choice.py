"""Engine choice by CPU: table-driven over cpuinfo flag sets and what ctranslate2 supports."""

from __future__ import annotations

import pytest

from briefing.models import cpu
from briefing.models.cpu import CpuFeatures, EngineChoice, choose_engine, parse_cpuinfo

pytestmark = pytest.mark.unit

BASE = "fpu sse sse2 ssse3 sse4_1 sse4_2 avx fma"
AVX2 = f"{BASE} avx2"
AVX512 = f"{AVX2} avx512f avx512bw avx512vl"
VNNI = f"{AVX512} avx512_vnni"
BF16 = f"{VNNI} avx512_bf16"
AMX = f"{BF16} amx_bf16 amx_tile amx_int8"
ARM = "fp asimd evtstrm aes pmull sha1 sha2 crc32"

CT2_4X = {"float32", "int8", "int8_float32"}  # ctranslate2 4.x on an AMD CPU (no MKL: no int16)
CT2_MKL = {"float32", "int8", "int8_float32", "int16"}  # on an Intel CPU (MKL)
CT2_BF16 = {"float32", "int8", "int8_float32", "int8_bfloat16", "bfloat16"}  # a build with CPU bf16
FLOAT_ONLY = {"float32"}


def features(flags: str, cores: int = 2, logical: int | None = None) -> CpuFeatures:
    return CpuFeatures(frozenset(flags.split()), "test cpu", logical or cores, cores)


@pytest.mark.parametrize(
    ("flags", "supported", "isa", "compute_type"),
    [
        (AVX2, CT2_4X, "avx2", "int8"),
        (AVX2, CT2_MKL, "avx2", "int8"),
        (AVX512, CT2_4X, "avx512", "int8"),
        (VNNI, CT2_MKL, "avx512_vnni", "int8"),
        (BF16, CT2_4X, "avx512_bf16", "int8"),  # no CPU bf16 in this ctranslate2: int8
        (BF16, CT2_BF16, "avx512_bf16", "int8_bfloat16"),
        (AMX, CT2_BF16, "amx", "int8_bfloat16"),
        (AMX, CT2_MKL, "amx", "int8"),
        (VNNI, CT2_BF16, "avx512_vnni", "int8"),  # bf16 offered, but the CPU lacks the instructions
        (ARM, CT2_4X, "neon", "int8"),
        (BASE, CT2_4X, "generic", "float32"),  # no AVX2: int8 has no fast kernel
        (AVX2, {"int8_float32", "float32"}, "avx2", "int8_float32"),
        (AVX2, FLOAT_ONLY, "avx2", "float32"),
        (BASE, {"int8"}, "generic", "int8"),
    ],
)
def test_auto_choice_by_cpu(flags: str, supported: set[str], isa: str, compute_type: str) -> None:
    choice = choose_engine(features(flags), supported)
    assert (choice.engine, choice.isa, choice.compute_type) == ("ctranslate2", isa, compute_type)
    assert choice.reason == f"auto for {isa}"


def test_without_ctranslate2_torch_is_chosen() -> None:
    choice = choose_engine(features(VNNI, cores=4), None)
    assert (choice.engine, choice.compute_type, choice.workers, choice.intra_threads) == ("torch", None, 1, 4)
    assert "not installed" in choice.reason


def test_nothing_supported_falls_back_to_torch() -> None:
    assert choose_engine(features(AVX2), set()).engine == "torch"


@pytest.mark.parametrize(
    ("requested", "supported", "compute_type", "reason_part"),
    [
        ("float32", CT2_4X, "float32", "set by ct2_compute_type"),
        ("int16", CT2_MKL, "int16", "set by ct2_compute_type"),
        ("int16", CT2_4X, "int8", "'int16' is not supported on this CPU"),
        ("int4", CT2_4X, "int8", "'int4' is not a compute type"),
    ],
)
def test_override(requested: str, supported: set[str], compute_type: str, reason_part: str) -> None:
    choice = choose_engine(features(AVX2), supported, requested)
    assert choice.compute_type == compute_type
    assert reason_part in choice.reason


@pytest.mark.parametrize(
    ("cores", "workers", "threads"),
    [(1, 1, 1), (2, 2, 1), (3, 3, 1), (4, 4, 1), (8, 4, 2), (10, 4, 2)],
)
def test_physical_cores_become_workers_then_threads(cores: int, workers: int, threads: int) -> None:
    """One worker per physical core up to MAX_WORKERS; hyper-threads never count."""
    choice = choose_engine(features(AVX2, cores=cores, logical=2 * cores), CT2_4X)
    assert (choice.workers, choice.intra_threads) == (workers, threads)
    assert choice.workers <= cpu.MAX_WORKERS


def _cpuinfo(entries: list[tuple[int, int, int, str]]) -> str:
    """(processor, physical id, core id, flags) per logical CPU, as /proc/cpuinfo writes them."""
    blocks = [
        f"processor\t: {p}\nmodel name\t: Test CPU\nphysical id\t: {phys}\n"
        f"core id\t\t: {core}\nflags\t\t: {fl}"
        for p, phys, core, fl in entries
    ]
    return "\n\n".join(blocks) + "\n"


def test_parse_cpuinfo_counts_hyperthreads_once() -> None:
    text = _cpuinfo([(0, 0, 0, AVX2), (1, 0, 1, AVX2), (2, 0, 0, AVX2), (3, 0, 1, AVX2)])
    parsed = parse_cpuinfo(text)
    assert (parsed.logical_cpus, parsed.physical_cores, parsed.isa) == (4, 2, "avx2")
    assert parsed.model == "Test CPU"


def test_parse_cpuinfo_counts_only_allowed_cpus() -> None:
    text = _cpuinfo([(0, 0, 0, VNNI), (1, 0, 1, VNNI), (2, 1, 0, VNNI), (3, 1, 1, VNNI)])
    parsed = parse_cpuinfo(text, allowed={2, 3})
    assert (parsed.logical_cpus, parsed.physical_cores, parsed.isa) == (2, 2, "avx512_vnni")


def test_parse_cpuinfo_flags_common_to_all_processors() -> None:
    text = _cpuinfo([(0, 0, 0, VNNI), (1, 0, 1, AVX2)])
    assert parse_cpuinfo(text).isa == "avx2"


def test_parse_cpuinfo_arm_features_without_core_ids() -> None:
    text = "processor\t: 0\nFeatures\t: " + ARM + "\n\nprocessor\t: 1\nFeatures\t: " + ARM + "\n"
    parsed = parse_cpuinfo(text)
    assert (parsed.logical_cpus, parsed.physical_cores, parsed.isa) == (2, 2, "neon")


def test_labels_name_engine_type_tier_and_threads() -> None:
    assert EngineChoice("ctranslate2", "int8", 2, "avx2", "").label() == "ctranslate2:int8 (avx2, 2 threads)"
    assert EngineChoice("torch", None, 1, "generic", "").label() == "torch:float32 (generic, 1 thread)"
    two_workers = EngineChoice("ctranslate2", "int8", 1, "avx2", "", workers=2)
    assert two_workers.label() == "ctranslate2:int8 (avx2, 2 workers x 1 thread)"


def test_engine_label_prefers_the_models_own_compute_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        cpu, "engine_choice", lambda requested="auto": EngineChoice("ctranslate2", "int8", 3, "avx2", "")
    )

    class Loaded:
        engine = "ctranslate2"
        compute_type = "int8_float32"

    assert cpu.engine_label(Loaded()) == "ctranslate2:int8_float32 (avx2, 3 threads)"


def test_load_options_follow_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cpu, "read_cpu_features", lambda: features(AVX2, cores=3))
    monkeypatch.setattr(cpu, "supported_compute_types", lambda: frozenset(CT2_4X))
    cpu.engine_choice.cache_clear()
    try:
        layout = {"workers": 3, "intra_threads": 1}
        assert cpu.ct2_load_options("auto") == {"compute_type": "int8", **layout}
        assert cpu.ct2_load_options("float32") == {"compute_type": "float32", **layout}
    finally:
        cpu.engine_choice.cache_clear()


def test_this_machine_gives_a_usable_choice() -> None:
    """Whatever the CPU, the real reading yields a known tier and at least one thread."""
    found = cpu.read_cpu_features()
    assert found.physical_cores >= 1 and found.logical_cpus >= found.physical_cores
    assert found.isa in {name for name, _ in cpu.ISA_TIERS} | {cpu.GENERIC}


@pytest.mark.parametrize(
    ("flags", "precision"),
    [(AMX, "bfloat16"), (BF16, "bfloat16"), (VNNI, "float32"), (AVX2, "float32"), (ARM, "float32")],
)
def test_minilm_runs_bfloat16_only_where_the_cpu_computes_it_natively(
    monkeypatch: pytest.MonkeyPatch, flags: str, precision: str
) -> None:
    monkeypatch.setattr(cpu, "read_cpu_features", lambda: features(flags))
    cpu.embedding_precision.cache_clear()
    try:
        assert cpu.embedding_precision() == precision
    finally:
        cpu.embedding_precision.cache_clear()
