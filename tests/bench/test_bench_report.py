"""The benchmark's bookkeeping: inputs, ratios and acceptance, the README table (no models, no timing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import run as bench_run

pytestmark = pytest.mark.unit


def _result(run_s: float, articles: int = 4, rss: int = 10**9, **extra) -> dict:
    return {
        "articles": articles,
        "run_s": run_s,
        "wall_s": run_s + 5,
        "generate_s": run_s / 2,
        "new_tokens": 1000,
        "generated_sequences": 40,
        "generate_calls": 10,
        "model_load_s": 1.0,
        "model_loads": 3,
        "peak_rss_bytes": rss,
        "engines": {"m": "ctranslate2"},
        **extra,
    }


def test_prepare_inputs_copies_round_robin_under_distinct_names(tmp_path: Path) -> None:
    paths = bench_run.prepare_inputs(tmp_path / "inputs", 5)
    names = [p.name for p in paths]
    assert len(names) == 5 == len(set(names))
    originals = [n for n in names if "-copy" not in n]
    for name in names:
        if "-copy" in name:
            stem = name.split("-copy")[0]
            assert any(o.startswith(stem) for o in originals)
            original = next(p for p in paths if p.name.startswith(stem) and "-copy" not in p.name)
            assert (tmp_path / "inputs" / name).read_bytes() == original.read_bytes()


def test_summary_ratios_and_acceptance() -> None:
    baseline = _result(200.0)
    first = _result(20.0, rss=3 * 1024**3)
    second = _result(0.3)
    summary = bench_run.summarize(first, second, baseline)
    assert summary["speedup"] == 10.0
    assert summary["second_run_share"] == 0.015
    assert summary["acceptance"]["speedup >= 5.0"] is True
    assert summary["acceptance"]["second run <= 2% of first"] is True
    assert summary["acceptance"]["peak RSS <= 2.5 GB"] is False  # 3 GiB
    slow = bench_run.summarize(_result(60.0), _result(3.0), baseline)
    assert slow["acceptance"]["speedup >= 5.0"] is False
    assert slow["acceptance"]["second run <= 2% of first"] is False


def test_readme_block_is_replaced_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Bench\n\nintro\n\n{bench_run.TABLE_START}\nold\n{bench_run.TABLE_END}\n\nafter\n")
    monkeypatch.setattr(bench_run, "README", readme)
    bench_run.update_readme("| new | table |")
    text = readme.read_text()
    assert "old" not in text and "| new | table |" in text
    assert text.startswith("# Bench\n\nintro") and text.rstrip().endswith("after")
    assert text.count(bench_run.TABLE_START) == 1


def test_a_variant_reports_its_own_peak_memory_not_its_parents(tmp_path: Path) -> None:
    """A child started while this process holds ~400 MB more reports its own peak (ru_maxrss would not)."""
    import subprocess
    import sys

    held = bytearray(400 * 2**20)
    held[::4096] = b"\1" * len(held[::4096])  # touch every page so it is resident
    code = "from bench.child import peak_rss_bytes; print(peak_rss_bytes())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) < 200 * 2**20, int(out.stdout)
    del held
