"""``python -m bench.compute_types`` (``make bench-compute``): ctranslate2's compute types side by side.

Times every compute type the installed ctranslate2 supports on this CPU (``int8``, ``int8_float32``,
``float32``, and ``int16`` / ``int8_bfloat16`` where offered), optionally against the torch fp32 engine, on
one fixed batch of inputs with fixed output lengths (min = max), beam 4. Rounds interleave the types
(round 1: A, B, C; round 2: A, B, C; ...) so that a load change on a shared machine hits them alike; the
report gives each type's median seconds per batch, tokens/s and its ratio to ``int8``, the engine choice
``briefing.models.cpu`` makes here, and whether the measured fastest type is the one it picks.

Models: ``--model-dir`` and ``--model-id`` time a model you have (e.g. the bench's real-size set under
``bench/.models/real-*``). Without them a model of the real architecture is built once into
``bench/.models/compute-*`` (random weights; opus-mt: 6+6 layers, d_model 512, 58 101 rows; distilbart:
12+6, 1024, 50 264) with a small tokenizer, which costs seconds instead of the minutes the real tokenizers
take; speed depends on the shapes, not on the tokenizer. ``--size tiny`` uses the tests' tiny shapes (a
smoke check of the script, not a measurement). One conversion to float32 is made; ctranslate2 quantizes
it to each compute type when loading.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.models import MODELS_ROOT

MODEL_IDS = {"marian": "Helsinki-NLP/opus-mt-en-fr", "bart": "sshleifer/distilbart-cnn-12-6"}


def build_model(kind: str, size: str, root: Path = MODELS_ROOT) -> tuple[str, Path]:
    """A model of ``kind`` with the ``size`` shapes and a small tokenizer (cached under ``root``)."""
    from briefing.models.resolve import folder_name
    from briefing.testing import tiny

    model_id = MODEL_IDS[kind]
    folder = root / f"compute-{size}" / folder_name(model_id)
    if (folder / "config.json").is_file():
        return model_id, folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    tiny.quiet_transformers()
    if kind == "marian":  # real shapes, a 300-piece tokenizer per side, padded to the real rows
        shape = replace(tiny.MARIAN_SHAPES[size], spm_pieces=300, corpus_sentences=0)
        tiny._write_marian(folder, model_id, ("en", "fr"), shape, {}, size)
    else:
        shape = replace(tiny.BART_SHAPES[size], spm_pieces=600, corpus_sentences=0)
        tiny._write_bart(folder, model_id, shape, size)
    return model_id, folder


def fixed_batch(vocabulary: list[str], inputs: int, length: int) -> list[list[str]]:
    """``inputs`` sources of ``length`` tokens each, drawn deterministically from ordinary vocabulary rows."""
    usable = [t for t in vocabulary if not (t.startswith("<") and t.endswith(">"))] or vocabulary
    step = max(1, len(usable) // 997)
    return [[usable[(i * 31 + k * step) % len(usable)] for k in range(length)] for i in range(inputs)]


def _vocabulary(converted: Path) -> list[str]:
    for name in ("shared_vocabulary.json", "source_vocabulary.json"):
        if (converted / name).is_file():
            return json.loads((converted / name).read_text(encoding="utf-8"))
    raise SystemExit(f"bench: no vocabulary in {converted}")


def time_ct2(
    converted: Path,
    compute_type: str,
    threads: int,
    batch: list[list[str]],
    args: argparse.Namespace,
    resolved: dict[str, str],
) -> list[float]:
    """Load with ``compute_type``, one warm-up batch, then ``args.calls`` timed batches (seconds each)."""
    import ctranslate2

    translator = ctranslate2.Translator(
        str(converted), device="cpu", compute_type=compute_type, inter_threads=1, intra_threads=threads
    )
    options = {
        "beam_size": args.beams,
        "max_decoding_length": args.new_tokens,
        "min_decoding_length": args.new_tokens,
        "return_scores": False,
    }
    translator.translate_batch(batch, **options)  # warm-up at the timed shapes (kernels, caches)
    resolved[compute_type] = translator.compute_type
    times = []
    for _ in range(args.calls):
        began = time.perf_counter()
        translator.translate_batch(batch, **options)
        times.append(time.perf_counter() - began)
    del translator
    gc.collect()
    return times


def time_torch(folder: Path, threads: int, inputs: int, args: argparse.Namespace) -> list[float]:
    """The torch fp32 engine on a batch of the same shape (ids from the same rows)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    torch.set_num_threads(threads)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=torch.float32).eval()
    vocab = model.config.vocab_size
    ids = torch.tensor(
        [[(i * 31 + k * 7) % (vocab - 2) + 1 for k in range(args.input_tokens)] for i in range(inputs)]
    )
    options = {
        "num_beams": args.beams,
        "max_new_tokens": args.new_tokens,
        "min_new_tokens": args.new_tokens,
        "max_length": None,
        "min_length": 0,
    }
    with torch.inference_mode():
        model.generate(input_ids=ids, **options)
        times = []
        for _ in range(args.calls):
            began = time.perf_counter()
            model.generate(input_ids=ids, **options)
            times.append(time.perf_counter() - began)
    del model
    gc.collect()
    return times


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from briefing.models import cpu, ct2_convert

    if args.model_dir:
        model_id = args.model_id or MODEL_IDS[args.model]
        from briefing.models.resolve import folder_name

        folder = Path(args.model_dir) / folder_name(model_id)
    else:
        model_id, folder = build_model(args.model, args.size)
    converted = ct2_convert.ensure_converted(model_id, folder, "bench", local=True, quantization="float32")
    supported = sorted(cpu.supported_compute_types() or ())
    types = [t for t in (args.types.split(",") if args.types else supported) if t in supported]
    choice = cpu.engine_choice()
    thread_counts = [int(t) for t in args.threads.split(",")] if args.threads else [choice.intra_threads]
    batch = fixed_batch(_vocabulary(converted), args.inputs, args.input_tokens)
    variants = [(t, n) for t in types for n in thread_counts] + (
        [("torch-fp32", n) for n in thread_counts] if args.torch else []
    )
    samples: dict[str, list[float]] = {f"{t}@{n}": [] for t, n in variants}
    resolved: dict[str, str] = {}  # requested -> what ctranslate2 runs (int8 -> int8_float32 for fp32 models)
    for round_ in range(args.rounds):
        shift = round_ % len(variants)  # each round starts with another variant: no fixed position bias
        for compute_type, threads in variants[shift:] + variants[:shift]:
            key = f"{compute_type}@{threads}"
            if compute_type == "torch-fp32":
                samples[key] += time_torch(folder, threads, args.inputs, args)
            else:
                samples[key] += time_ct2(converted, compute_type, threads, batch, args, resolved)
            print(f"[compute {time.strftime('%H:%M:%S')}] round {round_ + 1}: {key} done", flush=True)
    tokens = args.inputs * args.new_tokens
    baseline_key = next((k for k in samples if k.startswith("int8@")), next(iter(samples)))
    base = statistics.median(samples[baseline_key])
    rows = {
        key: {
            "median_s": round(statistics.median(values), 4),
            "min_s": round(min(values), 4),
            "samples": len(values),
            "tokens_per_s": round(tokens / statistics.median(values), 1),
            f"time_vs_{baseline_key}": round(statistics.median(values) / base, 3),
        }
        for key, values in samples.items()
    }
    fastest = min(rows, key=lambda k: rows[k]["median_s"])
    fastest_type = fastest.split("@")[0]
    chosen = choice.compute_type or ""
    return {
        "model_id": model_id,
        "model_folder": str(folder),
        "size": "given" if args.model_dir else args.size,
        "batch": {"inputs": args.inputs, "input_tokens": args.input_tokens, "new_tokens": args.new_tokens},
        "beams": args.beams,
        "rounds": args.rounds,
        "calls_per_round": args.calls,
        "supported_compute_types": supported,
        "engine_choice": {"label": choice.label(), "reason": choice.reason},
        "results": rows,
        "fastest": fastest,
        "resolved_compute_types": resolved,
        # int8 and int8_float32 are one computation for fp32-saved models: compare what actually runs
        "choice_is_fastest": resolved.get(fastest_type, fastest_type) == resolved.get(chosen, chosen),
    }


def table(report: dict[str, Any]) -> str:
    key = next(k for k in next(iter(report["results"].values())) if k.startswith("time_vs_"))
    lines = [
        f"{report['model_id']} ({report['size']} shapes), batch {report['batch']['inputs']} x "
        f"{report['batch']['input_tokens']} tokens -> {report['batch']['new_tokens']} new, "
        f"beam {report['beams']}, "
        f"{report['rounds']} rounds x {report['calls_per_round']} calls; choice here: "
        f"{report['engine_choice']['label']}",
        "",
        f"| type@threads | median s/batch | min s | tokens/s | {key.replace('_', ' ')} |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in report["results"].items():
        lines.append(f"| {name} | {row['median_s']} | {row['min_s']} | {row['tokens_per_s']} | {row[key]} |")
    lines.append(f"\nFastest: {report['fastest']} (auto choice is fastest: {report['choice_is_fastest']}).")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compute_types", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--model", choices=sorted(MODEL_IDS), default="marian")
    parser.add_argument("--size", choices=["real", "tiny"], default="real", help="shapes of the built model")
    parser.add_argument("--model-dir", help="time a model from this folder instead of building one")
    parser.add_argument("--model-id", help="model id under --model-dir (default: the --model kind's id)")
    parser.add_argument("--types", help="comma-separated compute types (default: all supported)")
    parser.add_argument("--threads", help="comma-separated intra_threads counts (default: the auto choice)")
    parser.add_argument("--torch", action="store_true", help="also time the torch fp32 engine")
    parser.add_argument("--inputs", type=int, default=16, help="inputs per batch")
    parser.add_argument("--input-tokens", type=int, default=32, help="tokens per input")
    parser.add_argument("--new-tokens", type=int, default=40, help="fixed output length")
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds over the types")
    parser.add_argument("--calls", type=int, default=2, help="timed batches per type per round")
    parser.add_argument("--result", type=Path, default=MODELS_ROOT.parent / "results" / "compute_types.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from briefing.io import atomic_write_text, dumps_json

    load_before = list(os.getloadavg())
    report = measure(args)
    report["load_average_before"] = load_before
    report["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    report["load_average_after"] = list(os.getloadavg())
    atomic_write_text(args.result, dumps_json(report))
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
