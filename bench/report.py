"""The bench's figures from the variants' results: ratios, acceptance, the README table, the daily growth.

Pure functions over the result dicts ``bench.child`` writes (no timing here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Acceptance targets of issue 28 (issue 16's were 6x, 2.5x, 2 %, 1.5 s, 2.0 GB).
TARGET_SPEEDUP = 9.0  # vs the naive baseline
TARGET_SPEEDUP_COMPETENT = 6.0
TARGET_SECOND_RUN = 0.015
TARGET_SECOND_RUN_S = 1.0
TARGET_RSS_BYTES = 1_800_000_000  # 1.8 GB, decimal (the stricter reading)
TARGET_LIMIT_RATIO = 1.10  # Briefing's generate time / the limit variant's (the engine's floor)
TARGET_REST_SHARE = 0.10  # the first run's time outside generate and model loads, of its run time
# The core's steps of the first run (``bench.instrument.SECTIONS``), in pipeline order; the others are
# inside these (MiniLM inside the discussion, same-story, write and the extractive summaries; lingua inside
# cleaning; the extractive summaries inside summarize).
STEP_SECTIONS = ("clean", "summarize", "translate", "discuss", "same-story", "write")
INNER_SECTIONS = ("language ID (lingua)", "MiniLM embeddings", "extractive summaries")
TOKEN_MATCH = 0.10  # generated tokens of the variants within 10 % of each other
DAILY_RSS_GROWTH = 0.10  # the 100-article peak within 10 % of the 16-article one
TABLE_START = "<!-- bench:results -->"
TABLE_END = "<!-- /bench:results -->"


def per_article(r: dict) -> float:
    return r["run_s"] / max(1, r["articles"])


def tokens_per_s(r: dict) -> float | None:
    return round(r["new_tokens"] / r["generate_s"], 1) if r.get("generate_s") else None


def token_spread(runs: list[dict]) -> float:
    """(most - fewest) / fewest generated tokens among ``runs``: 0.0 when they decoded the same."""
    counts = [r["new_tokens"] for r in runs]
    return (max(counts) - min(counts)) / max(1, min(counts))


def versus_limit(first: dict, limit: dict) -> dict[str, Any]:
    """Briefing's generate seconds against the limit variant's, in all and per model."""
    rows = {}
    for model_id, floor in sorted(limit["per_model"].items()):
        ours = first.get("per_model", {}).get(model_id, {})
        rows[model_id] = {
            "sequences": floor["sequences"],
            "ours_sequences": ours.get("inputs"),
            "ours_calls": ours.get("calls"),
            "ours_s": ours.get("seconds"),
            "limit_s": floor["seconds"],
            "best_batch_size": floor["best_batch_size"],
            "ratio": round(ours["seconds"] / floor["seconds"], 3) if ours and floor["seconds"] else None,
        }
    timed = [m for m in rows if rows[m]["ratio"] is not None]
    ours_s = sum(rows[m]["ours_s"] for m in timed)
    limit_s = sum(rows[m]["limit_s"] for m in timed)
    return {
        "ours_generate_s": round(ours_s, 3),
        "limit_generate_s": round(limit_s, 3),
        "ratio": round(ours_s / limit_s, 3) if limit_s else None,
        "same_sequences": limit["generated_sequences"] == first["generated_sequences"],
        "skipped": limit.get("skipped", {}),
        "per_model": rows,
    }


def rest_of_run(first: dict) -> dict[str, Any]:
    """The first run's time outside generate and model loads, laid out by step (each step's own time less the
    generate and load seconds inside it); what no step accounts for is Prefect's and the flow's own (task
    and flow runs, API calls, stored-result reads, the progress artifact).

    Model loads are every model's: the seq2seq models, and lingua's language models and MiniLM
    (``aux_model_load_s``). ``strict_*`` counts only the seq2seq loads as loads (lingua's and MiniLM's
    in the rest), the reading of the figures before lingua's load was a step of its own."""
    aux = sum((first.get("aux_model_load_s") or {}).values())
    strict = first["run_s"] - first["generate_s"] - first["model_load_s"]
    rest = strict - aux
    sections = first.get("sections") or {}
    parts = {name: sections[name]["rest_s"] for name in STEP_SECTIONS if name in sections}
    if parts:
        parts["Prefect and the flow (the rest)"] = round(rest - sum(parts.values()), 3)
    return {
        "rest_s": round(rest, 3),
        "share": round(rest / first["run_s"], 4),
        "aux_model_load_s": first.get("aux_model_load_s") or {},
        "strict_rest_s": round(strict, 3),
        "strict_share": round(strict / first["run_s"], 4),
        "parts_s": parts,
        "inside_s": {name: sections[name]["rest_s"] for name in INNER_SECTIONS if name in sections},
    }


def summarize(
    first: dict, second: dict, naive: dict, competent: dict | None, limit: dict | None = None
) -> dict[str, Any]:
    """Ratios and acceptance of one default-scenario run (``competent``/``limit`` None when skipped)."""
    ratio = per_article(naive) / per_article(first)
    ratio_competent = per_article(competent) / per_article(first) if competent else None
    second_share = second["run_s"] / first["run_s"]
    rss = first["peak_rss_bytes"]
    compared = [naive, first] + ([competent] if competent else [])
    spread = token_spread(compared)
    acceptance = {
        f"speedup vs naive >= {TARGET_SPEEDUP}": ratio >= TARGET_SPEEDUP,
        f"speedup vs competent >= {TARGET_SPEEDUP_COMPETENT}": (
            ratio_competent is not None and ratio_competent >= TARGET_SPEEDUP_COMPETENT
        ),
        f"second run <= {TARGET_SECOND_RUN:.1%} of first": second_share <= TARGET_SECOND_RUN,
        f"second run <= {TARGET_SECOND_RUN_S} s": second["run_s"] <= TARGET_SECOND_RUN_S,
        f"peak RSS <= {TARGET_RSS_BYTES / 1e9:.1f} GB": rss <= TARGET_RSS_BYTES,
        f"generated tokens within {TOKEN_MATCH:.0%}": spread <= TOKEN_MATCH,
        "articles digested match": len({r["articles"] for r in [*compared, second]}) == 1,
    }
    rest = rest_of_run(first)
    acceptance[f"outside generate and model loads <= {TARGET_REST_SHARE:.0%} of the first run"] = (
        rest["share"] <= TARGET_REST_SHARE
    )
    floor = versus_limit(first, limit) if limit else None
    if floor is not None:
        acceptance[f"generate <= {TARGET_LIMIT_RATIO:.2f}x the limit's"] = (
            floor["ratio"] is not None and floor["ratio"] <= TARGET_LIMIT_RATIO
        )
        acceptance["limit ran the same sequences"] = floor["same_sequences"]
    out: dict[str, Any] = {
        "articles": naive["articles"],
        "baseline_per_article_s": round(per_article(naive), 2),
        "competent_per_article_s": round(per_article(competent), 2) if competent else None,
        "ours_per_article_s": round(per_article(first), 2),
        "speedup": round(ratio, 2),
        "speedup_competent": round(ratio_competent, 2) if ratio_competent is not None else None,
        "second_run_s": second["run_s"],
        "second_run_share": round(second_share, 4),
        "second_run_process_share": round(second["wall_s"] / first["wall_s"], 4),
        "baseline_tokens_per_s": tokens_per_s(naive),
        "competent_tokens_per_s": tokens_per_s(competent) if competent else None,
        "ours_tokens_per_s": tokens_per_s(first),
        "ours_end_to_end_tokens_per_s": round(first["new_tokens"] / first["run_s"], 1),
        "baseline_end_to_end_tokens_per_s": round(naive["new_tokens"] / naive["run_s"], 1),
        "token_spread": round(spread, 4),
        "same_work": {
            f"{name}_{key}": r[src]
            for name, r in (("baseline", naive), ("ours", first), ("competent", competent))
            if r
            for key, src in (("new_tokens", "new_tokens"), ("sequences", "generated_sequences"))
        },
        "versus_limit": floor,
        # The best speed-ups any run could show on this machine: the limit variant's generate and loads
        # alone (no cleaning, stages, Prefect or files) against each baseline's run.
        "ceiling": _ceiling(limit, naive, competent) if limit and "generate_s" in limit else None,
        "rest_of_first_run": rest,
        "compute_types_used": sorted(set(first.get("engines", {}).values())),
        "acceptance": acceptance,
    }
    return out


def _ceiling(limit: dict, naive: dict, competent: dict | None) -> dict[str, Any]:
    floor_s = limit["generate_s"] + limit.get("model_load_s", 0.0)
    return {
        "limit_generate_and_load_s": round(floor_s, 2),
        "speedup": round(naive["run_s"] / floor_s, 2),
        "speedup_competent": round(competent["run_s"] / floor_s, 2) if competent else None,
    }


def gb(value: int) -> str:
    return f"{value / 1e9:.2f} GB"


def _cells(runs: list[dict | None], cell: Any) -> str:
    return " | ".join("-" if r is None else cell(r) for r in runs)


def markdown_table(data: dict[str, Any]) -> str:
    s = data["summary"]
    runs = data["runs"]
    b, c, o1, o2 = runs["baseline"], runs.get("competent"), runs["ours_first"], runs["ours_second"]
    cols = [b, c, o1, o2]
    cfg, machine = data["config"], data["machine"]
    lines = [
        f"Run {data['finished_at']} on {machine['cpus']} CPU(s) ({machine['cpu_model']}), "
        f"{s['articles']} articles, summary {cfg['summary_tokens']} / translation "
        f"{cfg['translation_tokens']} new tokens fixed, beam {cfg['beams']}, engine setting "
        f"`{cfg['engine']}`, engine choice `{machine.get('engine_choice', {}).get('label', '-')}`. "
        f"Load average before: {', '.join(f'{x:.1f}' for x in machine['load_average_before'])}.",
        "",
        f"CPU and engine: `{machine.get('cpu_signature', '-')}`; compute types used: "
        f"{', '.join(f'`{t}`' for t in s.get('compute_types_used', [])) or '-'}. Figures from runs whose "
        "line differs are not comparable.",
        "",
        "| | naive baseline | competent baseline | Briefing, first run | Briefing, second run (unchanged) |",
        "|---|---:|---:|---:|---:|",
        f"| per-article time | {_cells(cols[:3], _per_article)} | {per_article(o2):.3f} s |",
        f"| run time (flow / loop) | {_cells(cols[:3], _run_s)} | {o2['run_s']:.2f} s |",
        f"| process wall time | {_cells(cols, _wall_s)} |",
        f"| model load time | {_cells(cols, _loads)} |",
        f"| generation tokens/s | {_cells(cols[:3], lambda r: str(tokens_per_s(r)))} | - |",
        f"| end-to-end tokens/s | {_cells(cols[:3], _end_to_end)} | - |",
        f"| generated sequences / tokens | {_cells(cols, _work)} |",
        f"| generate calls | {_cells(cols, lambda r: str(r['generate_calls']))} |",
        f"| peak RSS | {_cells(cols, lambda r: gb(r['peak_rss_bytes']))} |",
        "",
        f"- Speed-up per article vs naive: **{s['speedup']:.2f}×** (target ≥ {TARGET_SPEEDUP:.0f}×); "
        f"vs competent: **{_fmt_ratio(s['speedup_competent'])}** (target ≥ {TARGET_SPEEDUP_COMPETENT}×).",
        *_ceiling_lines(s.get("ceiling")),
        f"- Generated tokens differ by {s['token_spread']:.1%} between variants "
        f"(must be ≤ {TOKEN_MATCH:.0%}).",
        f"- Second run / first run: **{s['second_run_share']:.2%}** of the flow time, {o2['run_s']:.2f} s "
        f"({s['second_run_process_share']:.1%} of the process wall time incl. imports; targets ≤ "
        f"{TARGET_SECOND_RUN:.1%} and ≤ {TARGET_SECOND_RUN_S} s){_rerun_samples(o2)}.",
        f"- Peak RSS of the first run: **{gb(o1['peak_rss_bytes'])}** "
        f"(target ≤ {TARGET_RSS_BYTES / 1e9:.1f} GB).",
        f"- Engines used by the first run: {', '.join(sorted(set(o1['engines'].values()))) or '-'} "
        f"({len(o1['engines'])} model(s) loaded).",
        *_limit_lines(s.get("versus_limit")),
        *_rest_lines(s.get("rest_of_first_run")),
        f"- Acceptance: {_verdicts(s['acceptance'])}.",
    ]
    return "\n".join(lines)


def _limit_lines(floor: dict | None) -> list[str]:
    """Briefing's generate time against the limit variant's, per model (nothing when it was skipped)."""
    if not floor:
        return []
    lines = [
        f"- Generate time vs the limit variant (the same sequences through ctranslate2 directly, each "
        f"model's in one length-sorted call at the fastest batch size found here): "
        f"**{_fmt_ratio(floor['ratio'])}** ({floor['ours_generate_s']:.1f} s vs "
        f"{floor['limit_generate_s']:.1f} s; target ≤ {TARGET_LIMIT_RATIO:.2f}×).",
        "",
        "| model | sequences | Briefing generate (calls) | limit | best batch | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for model_id, row in floor["per_model"].items():
        ours = "-" if row["ours_s"] is None else f"{row['ours_s']:.2f} s ({row['ours_calls']})"
        lines.append(
            f"| {model_id} | {row['sequences']} | {ours} | {row['limit_s']:.2f} s | {row['best_batch_size']} "
            f"| {_fmt_ratio(row['ratio'])} |"
        )
    lines += [f"- Not in the limit: {m} ({why})." for m, why in floor.get("skipped", {}).items()]
    return [*lines, ""]


def _ceiling_lines(ceiling: dict | None) -> list[str]:
    if not ceiling:
        return []
    return [
        f"- Ceiling on this machine: the limit variant's generate and loads alone "
        f"({ceiling['limit_generate_and_load_s']:.1f} s, nothing else) would be "
        f"{ceiling['speedup']:.2f}× naive and {_fmt_ratio(ceiling['speedup_competent'])} competent.",
    ]


def _rest_lines(rest: dict | None) -> list[str]:
    """The first run's time outside generate and model loads, step by step."""
    if not rest:
        return []
    parts = "; ".join(f"{name} {seconds:.2f} s" for name, seconds in rest["parts_s"].items())
    inside = "; ".join(f"{name} {seconds:.2f} s" for name, seconds in rest["inside_s"].items())
    aux = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in rest["aux_model_load_s"].items())
    return [
        f"- Outside generate and model loads: **{rest['rest_s']:.1f} s, {rest['share']:.1%}** of the first "
        f"run (target ≤ {TARGET_REST_SHARE:.0%}): {parts or 'no step timings'}"
        + (f" (inside those: {inside})." if inside else "."),
        f"- Model loads besides the seq2seq models: {aux or 'none'}; counted in the rest, as the figures "
        f"of issue 28 did: **{rest['strict_rest_s']:.1f} s, {rest['strict_share']:.1%}**.",
    ]


def _verdicts(acceptance: dict[str, bool]) -> str:
    return ", ".join(f"{check}: {'yes' if ok else '**no**'}" for check, ok in acceptance.items())


def _per_article(r: dict) -> str:
    return f"{per_article(r):.2f} s"


def _run_s(r: dict) -> str:
    return f"{r['run_s']:.1f} s"


def _wall_s(r: dict) -> str:
    return f"{r['wall_s']:.1f} s"


def _loads(r: dict) -> str:
    return f"{r['model_load_s']:.1f} s ({r['model_loads']} loads)"


def _end_to_end(r: dict) -> str:
    return f"{r['new_tokens'] / r['run_s']:.1f}"


def _work(r: dict) -> str:
    return f"{r['generated_sequences']} / {r['new_tokens']}"


def _fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}×"


def daily_growth(by_size: dict[int, dict], served: dict | None = None) -> dict[str, Any]:
    """Per-article time, tokens/s and peak RSS at each size; their growth from the smallest to the largest;
    the served run's time to the edition and email, with its parts, when one was timed."""
    sizes = sorted(by_size)
    rows = {
        str(n): {
            "articles": by_size[n]["articles"],
            "inputs": by_size[n].get("inputs", by_size[n]["articles"]),
            "run_s": by_size[n]["run_s"],
            "per_article_s": round(per_article(by_size[n]), 3),
            "generation_tokens_per_s": tokens_per_s(by_size[n]),
            "end_to_end_tokens_per_s": round(by_size[n]["new_tokens"] / by_size[n]["run_s"], 1),
            "peak_rss_bytes": by_size[n]["peak_rss_bytes"],
            # What readers say (embedding and grouping the comments): its share of the run's time.
            "discussion_s": by_size[n].get("discussion_s", 0.0),
            "discussion_share": round(by_size[n].get("discussion_s", 0.0) / by_size[n]["run_s"], 4),
        }
        for n in sizes
    }
    small, large = rows[str(sizes[0])], rows[str(sizes[-1])]
    rss_growth = large["peak_rss_bytes"] / small["peak_rss_bytes"] - 1
    acceptance = {
        f"peak RSS growth <= {DAILY_RSS_GROWTH:.0%}": rss_growth <= DAILY_RSS_GROWTH,
        "per-article time at the largest <= at the smallest": large["per_article_s"]
        <= small["per_article_s"],
        "every input digested": all(
            by_size[n]["articles"] == by_size[n].get("inputs", by_size[n]["articles"]) for n in sizes
        ),
    }
    if served is not None:
        acceptance["served run: edition and email written, parts reported"] = bool(
            served.get("editions") and served.get("emails") and served.get("parts_s")
        )
    return {
        "sizes": rows,
        "growth": {
            "per_article_time": round(large["per_article_s"] / small["per_article_s"], 3),
            "end_to_end_tokens_per_s": round(
                large["end_to_end_tokens_per_s"] / small["end_to_end_tokens_per_s"], 3
            ),
            "peak_rss": round(rss_growth, 4),
        },
        "served": _served_summary(served) if served is not None else None,
        "acceptance": acceptance,
    }


def _served_summary(served: dict) -> dict[str, Any]:
    keys = (
        "state", "editions", "emails", "total_s", "parts_s", "other_s", "model_loads_s", "model_loads",
        "edition_written_s", "email_received_s", "flow_end_s", "process_exit_s", "schedule_wait_s",
    )  # fmt: skip
    return {k: served.get(k) for k in keys}


def daily_table(growth: dict[str, Any]) -> str:
    rows = growth["sizes"]
    lines = [
        "| inputs | digested | run time | per-article | generation tokens/s | end-to-end tokens/s "
        "| peak RSS | discussion |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows.values():
        lines.append(
            f"| {r['inputs']} | {r['articles']} | {r['run_s']:.1f} s | {r['per_article_s']:.2f} s "
            f"| {r['generation_tokens_per_s']} | {r['end_to_end_tokens_per_s']} | {gb(r['peak_rss_bytes'])} "
            f"| {r.get('discussion_s', 0.0):.1f} s ({r.get('discussion_share', 0.0):.1%}) |"
        )
    g = growth["growth"]
    lines.append(
        f"\nGrowth smallest -> largest: per-article time ×{g['per_article_time']}, end-to-end tokens/s "
        f"×{g['end_to_end_tokens_per_s']}, peak RSS {g['peak_rss']:+.1%} (target ≤ {DAILY_RSS_GROWTH:.0%})."
    )
    lines += _served_lines(growth.get("served"))
    lines.append(f"Acceptance: {_verdicts(growth['acceptance'])}.")
    return "\n".join(lines)


def _rerun_samples(second: dict) -> str:
    samples = second.get("samples_run_s") or []
    if len(samples) < 2:
        return ""
    return f"; the median of {len(samples)} second runs ({', '.join(f'{v:.2f}' for v in samples)} s)"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def _schedule_wait(seconds: float | None) -> str:
    """The runner's start of the process against the scheduled time (it prefetches runs: may be early)."""
    if seconds is None:
        return "scheduled time unknown"
    side = "after" if seconds >= 0 else "before"
    return f"the runner started the process {abs(seconds):.2f} s {side} the scheduled time, not counted"


def _served_lines(served: dict | None) -> list[str]:
    """The served run: from the flow-run process's start to the edition and email, part by part."""
    if not served:
        return []
    lines = [
        "",
        f"Served run (`briefing serve`, one new article in a local feed, run state {served['state']}): "
        f"edition and email **{served['total_s']:.2f} s** after the flow-run process started "
        f"(edition at {_seconds(served['edition_written_s'])}, "
        f"email at {_seconds(served['email_received_s'])}; {_schedule_wait(served['schedule_wait_s'])}).",
        "",
        "| part | seconds |",
        "|---|---:|",
    ]
    lines += [f"| {part} | {_seconds(value)} |" for part, value in served["parts_s"].items()]
    lines += [
        f"| other (flow code between tasks, Prefect) | {_seconds(served['other_s'])} |",
        f"| of the stages: model loads ({served['model_loads']}) | {_seconds(served['model_loads_s'])} |",
    ]
    return lines


def update_readme(readme: Path, table: str) -> None:
    from briefing.io import atomic_write_text

    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    block = f"{TABLE_START}\n{table}\n{TABLE_END}"
    if TABLE_START in text and TABLE_END in text:
        head, rest = text.split(TABLE_START, 1)
        tail = rest.split(TABLE_END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n## Latest results\n\n" + block + "\n"
    atomic_write_text(readme, text)
