"""The benchmark's bookkeeping: inputs, ratios and acceptance, the README table (no models, no timing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import daily, report
from bench import run as bench_run


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


@pytest.mark.unit
def test_prepare_inputs_copies_round_robin_under_distinct_names(tmp_path: Path) -> None:
    paths = bench_run.prepare_inputs(tmp_path / "inputs", 8)
    names = [p.name for p in paths]
    assert len(names) == 8 == len(set(names))
    assert any("-copy" in n for n in names)
    # Distinct bytes: Briefing digests identical files once (duplicates), so copies must differ.
    assert len({p.read_bytes() for p in paths}) == 8
    originals = [n for n in names if "-copy" not in n]
    for name in names:
        if "-copy" in name:
            stem = name.split("-copy")[0]
            assert any(o.startswith(stem) for o in originals)
            original = next(p for p in paths if p.name.startswith(stem) and "-copy" not in p.name)
            copy = (tmp_path / "inputs" / name).read_bytes()
            assert copy != original.read_bytes() and copy.rstrip(b"\n") == original.read_bytes().rstrip(b"\n")


@pytest.mark.unit
def test_summary_ratios_and_acceptance() -> None:
    naive = _result(200.0)
    competent = _result(140.0, new_tokens=1050)
    first = _result(20.0, rss=3 * 1024**3)
    second = _result(0.28)
    summary = report.summarize(first, second, naive, competent)
    assert (summary["speedup"], summary["speedup_competent"]) == (10.0, 7.0)
    assert summary["second_run_share"] == 0.014
    assert summary["token_spread"] == 0.05
    accepted = summary["acceptance"]
    assert accepted["speedup vs naive >= 9.0"] is True
    assert accepted["speedup vs competent >= 6.0"] is True
    assert accepted["second run <= 1.5% of first"] is True
    assert accepted["second run <= 1.0 s"] is True
    assert accepted["generated tokens within 10%"] is True
    assert accepted["peak RSS <= 1.8 GB"] is False  # 3 GiB
    slow = report.summarize(_result(60.0), _result(1.2), naive, _result(100.0, new_tokens=1200))
    assert slow["acceptance"]["speedup vs naive >= 9.0"] is False
    assert slow["acceptance"]["speedup vs competent >= 6.0"] is False
    assert slow["acceptance"]["second run <= 1.5% of first"] is False
    assert slow["acceptance"]["second run <= 1.0 s"] is False
    assert slow["acceptance"]["generated tokens within 10%"] is False  # 1200 vs 1000
    assert summary["versus_limit"] is None  # no limit variant: no such check
    assert not any("limit" in check for check in accepted)


@pytest.mark.unit
def test_summary_without_the_competent_baseline_fails_its_target() -> None:
    summary = report.summarize(_result(20.0), _result(0.3), _result(200.0), None)
    assert summary["speedup_competent"] is None
    assert summary["acceptance"]["speedup vs competent >= 6.0"] is False


def _limit(per_model: dict[str, float], sequences: int = 40) -> dict:
    rows = {m: {"sequences": 20, "seconds": s, "best_batch_size": 16} for m, s in per_model.items()}
    return {"generated_sequences": sequences, "per_model": rows, "skipped": {}}


@pytest.mark.unit
def test_generate_time_is_compared_with_the_limit_model_by_model() -> None:
    first = _result(
        20.0,
        per_model={
            "sum": {"calls": 3, "inputs": 20, "tokens": 500, "seconds": 6.0},
            "en-fr": {"calls": 2, "inputs": 20, "tokens": 500, "seconds": 4.2},
        },
    )
    close = report.summarize(first, _result(0.2), _result(200.0), None, _limit({"sum": 5.8, "en-fr": 3.7}))
    floor = close["versus_limit"]
    assert floor["ours_generate_s"] == 10.2 and floor["limit_generate_s"] == 9.5
    assert floor["ratio"] == round(10.2 / 9.5, 3)
    assert floor["per_model"]["en-fr"]["ratio"] == round(4.2 / 3.7, 3)
    assert close["acceptance"]["generate <= 1.10x the limit's"] is True
    assert close["acceptance"]["limit ran the same sequences"] is True
    far = report.summarize(first, _result(0.2), _result(200.0), None, _limit({"sum": 4.0, "en-fr": 3.0}, 39))
    assert far["acceptance"]["generate <= 1.10x the limit's"] is False  # 10.2 / 7.0
    assert far["acceptance"]["limit ran the same sequences"] is False
    lines = "\n".join(report._limit_lines(far["versus_limit"]))
    assert "| en-fr | 20 | 4.20 s (2) | 3.00 s | 16 | 1.40× |" in lines


@pytest.mark.unit
def test_markdown_table_has_a_column_per_variant() -> None:
    runs = {
        "baseline": _result(200.0),
        "competent": _result(60.0),
        "ours_first": _result(20.0),
        "ours_second": _result(0.3),
    }
    data = {
        "finished_at": "2026-01-01T00:00:00+00:00",
        "machine": {
            "cpus": 2,
            "cpu_model": "Test CPU",
            "load_average_before": [0.1, 0.2, 0.3],
            "engine_choice": {"label": "ctranslate2:int8 (avx2, 2 threads)"},
            "cpu_signature": "Test CPU; 2 CPU(s); isa avx2 [avx2 fma]; ctranslate2:int8 (avx2, 2 threads)",
        },
        "config": {"summary_tokens": 64, "translation_tokens": 40, "beams": 4, "engine": "auto"},
        "runs": runs,
        "summary": report.summarize(
            runs["ours_first"], runs["ours_second"], runs["baseline"], runs["competent"]
        ),
    }
    table = report.markdown_table(data)
    header = next(line for line in table.splitlines() if line.startswith("| |"))
    assert header.count("|") == 6 and "competent baseline" in header
    assert "ctranslate2:int8 (avx2, 2 threads)" in table
    assert "vs competent: **3.00×**" in table
    assert "`Test CPU; 2 CPU(s); isa avx2 [avx2 fma]; ctranslate2:int8 (avx2, 2 threads)`" in table
    assert "compute types used: `ctranslate2`" in table  # the first run's engines


@pytest.mark.unit
def test_the_cpu_signature_names_model_features_and_engine() -> None:
    machine = {
        "cpus": 2,
        "cpu_model": "AMD EPYC",
        "engine_choice": {
            "isa": "avx512_bf16",
            "flags": ["avx2", "avx512_bf16"],
            "label": "ct2:int8",
            "embedding_precision": "bfloat16",
        },
    }
    assert (
        bench_run.cpu_signature(machine)
        == "AMD EPYC; 2 CPU(s); isa avx512_bf16 [avx2 avx512_bf16]; ct2:int8; MiniLM bfloat16"
    )


@pytest.mark.unit
def test_daily_growth_reports_each_size_and_the_rss_growth() -> None:
    growth = report.daily_growth(
        {16: _result(32.0, articles=16), 100: _result(150.0, articles=100, rss=1.05e9)}
    )
    assert growth["sizes"]["16"]["per_article_s"] == 2.0
    assert growth["sizes"]["100"]["per_article_s"] == 1.5
    assert growth["growth"]["per_article_time"] == 0.75
    assert growth["growth"]["peak_rss"] == 0.05
    assert growth["acceptance"]["peak RSS growth <= 10%"] is True
    assert growth["acceptance"]["per-article time at the largest <= at the smallest"] is True
    slower = report.daily_growth({16: _result(32.0, articles=16), 100: _result(250.0, articles=100)})
    assert slower["acceptance"]["per-article time at the largest <= at the smallest"] is False
    worse = report.daily_growth(
        {16: _result(32.0, articles=16), 100: _result(150.0, articles=100, rss=1.2e9)}
    )
    assert worse["acceptance"]["peak RSS growth <= 10%"] is False
    assert "| 100 | 100 |" in report.daily_table(growth)
    assert growth["acceptance"]["every input digested"] is True
    skipped = report.daily_growth(
        {16: _result(32.0, articles=16), 100: {**_result(150.0, articles=61), "inputs": 100}}
    )
    assert skipped["acceptance"]["every input digested"] is False
    assert "| 100 | 61 |" in report.daily_table(skipped)


@pytest.mark.unit
def test_daily_reports_the_discussion_share_of_the_run() -> None:
    growth = report.daily_growth(
        {16: {**_result(32.0, articles=16), "discussion_s": 1.6}, 100: _result(150.0, articles=100)}
    )
    assert growth["sizes"]["16"]["discussion_share"] == 0.05
    assert growth["sizes"]["100"]["discussion_share"] == 0.0  # a result written before the discussion
    assert "| 1.6 s (5.0%) |" in report.daily_table(growth)


@pytest.mark.unit
def test_daily_comments_go_into_the_comment_section(tmp_path: Path) -> None:
    plain = "Title\n\nA body paragraph.\n"
    added = daily.with_comments(plain, 0)
    assert added.startswith(plain.rstrip()) and "Comments (5)" in added
    existing = "Title\n\nBody.\n\nComments (2)\nSort by: Newest\n\nA. B.\nOne comment here.\n"
    merged = daily.with_comments(existing, 1)
    assert "Comments (7)" in merged and "Comments (2)" not in merged
    assert merged.index("Comments (7)") < merged.index("Sort by: Newest")
    for language in daily.COMMENT_LANGUAGES:
        assert any(line in merged for line in daily.COMMENTS[language])
    # Every article of the 100-article scenario gets its own block, so no copy duplicates another.
    assert len({daily.comment_block(i) for i in range(243)}) == 243


@pytest.mark.unit
def test_readme_block_is_replaced_in_place(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Bench\n\nintro\n\n{report.TABLE_START}\nold\n{report.TABLE_END}\n\nafter\n")
    report.update_readme(readme, "| new | table |")
    text = readme.read_text()
    assert "old" not in text and "| new | table |" in text
    assert text.startswith("# Bench\n\nintro") and text.rstrip().endswith("after")
    assert text.count(report.TABLE_START) == 1


@pytest.mark.cli
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


@pytest.mark.unit
def test_daily_comments_keep_a_files_own_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    original = "Caf\u00e9 owners \u2014 a title\n\nThe body of the article, long enough to read.\n"
    path.write_bytes(original.encode("cp1252"))
    daily.add_comments([path])
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # still cp1252, as the input was
    text = data.decode("cp1252")
    assert text.startswith(original.rstrip()) and daily.COMMENTS["de"][0] in text


@pytest.mark.unit
def test_competent_translation_batches_every_unit_in_one_call() -> None:
    from bench import competent
    from briefing.settings import Settings

    class Fake:
        def __init__(self) -> None:
            self.calls: list[tuple[list[str], int]] = []

        def count(self, text: str) -> int:
            return len(text.split())

        def max_input(self) -> int:
            return 512

        def generate_batch(self, texts: list[str], new_tokens: int, num_beams: int = 4) -> list[str]:
            self.calls.append((list(texts), new_tokens))
            return [f"<{t}>" for t in texts]

    fake = Fake()
    long = ", ".join(f"clause number {i} of a long sentence" for i in range(4)) + "."
    texts = ["First point here. Second point there.", "", "Only one sentence in this text.", long]
    # Cap 40: units of at most unit_budget(40) = 14 tokens, so the 28-word sentence is cut at its commas.
    out = competent.translate_all(fake, texts, "en", Settings(translation_max_tokens=40), 40)  # type: ignore[arg-type]
    assert len(fake.calls) == 1  # one generate for every unit of every text
    units, new_tokens = fake.calls[0]
    assert new_tokens == 40  # every unit decodes the bench's fixed length
    assert units[:3] == ["First point here.", "Second point there.", "Only one sentence in this text."]
    assert len(units) > 4 and all(fake.count(u) <= 14 for u in units[3:])
    assert out[0] == "<First point here.> <Second point there.>" and out[1] == ""
    assert out[3] == " ".join(f"<{u}>" for u in units[3:])


@pytest.mark.unit
def test_the_rest_of_the_first_run_is_laid_out_by_step_and_judged_against_its_target() -> None:
    from bench import report

    def section(seconds: float, model_s: float = 0.0) -> dict:
        return {"calls": 1, "seconds": seconds, "generate_and_load_s": model_s, "rest_s": seconds - model_s}

    sections = {
        "clean": section(1.0),
        "summarize": section(30.0, 29.0),
        "translate": section(10.0, 9.5),
        "write": section(0.5),
        "MiniLM embeddings": section(0.4),
    }
    first = {**_result(50.0), "generate_s": 37.0, "model_load_s": 8.0, "sections": sections}
    rest = report.rest_of_run(first)
    assert rest["rest_s"] == 5.0 and rest["share"] == 0.1
    assert rest["parts_s"] == {
        "clean": 1.0,
        "summarize": 1.0,
        "translate": 0.5,
        "write": 0.5,
        "Prefect and the flow (the rest)": 2.0,
    }
    assert rest["inside_s"] == {"MiniLM embeddings": 0.4}
    summary = report.summarize(first, _result(0.5), _result(500.0, articles=4), None)
    assert summary["acceptance"]["outside generate and model loads <= 10% of the first run"] is True
    slower = {**first, "generate_s": 30.0}
    verdict = report.summarize(slower, _result(0.5), _result(500.0, articles=4), None)["acceptance"]
    assert verdict["outside generate and model loads <= 10% of the first run"] is False


@pytest.mark.unit
def test_a_section_counts_its_own_seconds_and_the_model_seconds_inside_it_once() -> None:
    import types

    from bench.baseline import Counters
    from bench.instrument import time_sections

    counters = Counters()
    module = types.ModuleType("fake_stage")

    def stage(n: int) -> int:
        counters.generate_s += 0.25  # what a model call inside the step would add
        return module.stage(n - 1) if n else 0  # through the module attribute, as stages call themselves

    module.stage = stage
    import sys

    sys.modules["fake_stage"] = module
    try:
        sections = time_sections(counters, {"step": (("fake_stage", "stage"),)})
        module.stage(2)
    finally:
        del sys.modules["fake_stage"]
    row = sections["step"].as_dict()
    assert row["calls"] == 1  # nested calls counted once
    assert row["generate_and_load_s"] == 0.75


@pytest.mark.unit
def test_the_ceiling_is_the_limit_variants_generate_and_loads_against_each_baseline() -> None:
    limit = {**_limit({"sum": 5.8}), "generate_s": 9.0, "model_load_s": 1.0}
    summary = report.summarize(_result(20.0), _result(0.2), _result(200.0), _result(60.0), limit)
    assert summary["ceiling"] == {
        "limit_generate_and_load_s": 10.0,
        "speedup": 20.0,
        "speedup_competent": 6.0,
    }


@pytest.mark.unit
def test_the_rerun_reported_is_the_median_of_its_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    times = iter([0.9, 0.5, 0.7])
    labels: list[str] = []

    def fake_child(variant: str, label: str, inputs: Path, output: Path, env: dict) -> dict:
        labels.append(label)
        return _result(next(times))

    monkeypatch.setattr(bench_run, "run_child", fake_child)
    chosen = bench_run.median_rerun("ours", Path("in"), {})
    assert labels == ["ours_second1", "ours_second2", "ours_second3"]
    assert chosen["run_s"] == 0.7 and chosen["samples_run_s"] == [0.9, 0.5, 0.7]
    assert report._rerun_samples(chosen) == "; the median of 3 second runs (0.90, 0.50, 0.70 s)"
    assert report._rerun_samples(_result(0.4)) == ""
