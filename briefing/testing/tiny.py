"""Randomly initialised models of the real classes, under the real model names and file layouts.

``make_models(dir)`` writes every model of the manifest (``briefing.models.manifest``; more when the
settings add languages, overrides or a pattern):

- translation models: ``MarianMTModel`` + ``MarianTokenizer`` with real sentencepiece
  ``source.spm``/``target.spm`` (trained here on a small corpus; a source-multilingual model such as
  ``opus-mt-ROMANCE-en`` on all its source languages) and ``vocab.json``; a multi-target model's vocabulary
  holds its ``>>xx<<`` language tokens (``opus-mt-tc-big-en-pt``: ``>>por<<``, ``>>pob<<``), and a repo that
  ships only ``pytorch_model.bin`` (``opus-mt-en-uk``) gets that file instead of safetensors;
- ``sshleifer--distilbart-cnn-12-6``: ``BartForConditionalGeneration`` + a byte-level BPE tokenizer
  trained with ``tokenizers``, loadable with ``AutoTokenizer``; its config carries the real ``prefix: " "``.

``size="tiny"`` is for tests (a few hundred pieces trained on the small bundled corpus, d_model 32,
one layer each side, but BART keeps 1024 positions so chunking behaves like the real model).
``size="real"`` has the real architectures' shapes (the manifest's ``Architecture`` of each model, read
from its config.json: opus-mt base d_model 512, 6+6 layers, vocab 58101 unless confirmed otherwise, e.g.
zh-en 65001; opus-mt-tc-big-en-pt a transformer-big, d_model 1024, 16 heads, FFN 4096; distilbart-cnn-12-6:
d_model 1024, 12+6 layers, vocab 50264) for benchmarks, and tokenizers of the
real sizes trained on synthetic text drawn from word frequency lists (:mod:`briefing.testing.wordcorpus`,
which needs the optional ``wordfreq``: ``pip install -e '.[bench]'``), so that real text is cut into
about as many tokens as by the real tokenizers: BART's byte-level BPE gets 50 263 pieces from mostly
English text (as GPT-2's, which BART uses), each opus-mt side a 29 049-piece sentencepiece model of its
language. Rows the tokenizers leave free (pieces both sides of a Marian pair share) are padded with
``<unused-N>`` entries to the real embedding sizes (tokenizer size == embedding rows, which converters
such as ctranslate2 check).

Weights are random but deterministic: each model is seeded from its id and the size. One thing is
not random: ``final_logits_bias`` pushes the special tokens a decoder should never emit mid-text
(``<pad>``, ``<unk>``, BART's ``<s>``/``<mask>``) far down, as training would. Without it a random
decoder often repeats one of them, and skipping special tokens leaves an empty text.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from briefing.models import manifest
from briefing.models.hf import no_advice_warnings, quiet_transformers
from briefing.models.resolve import folder_name
from briefing.models.testmodel import mark_test_model
from briefing.settings import Settings
from briefing.testing.corpus import all_corpus_lines, corpus_lines

Size = Literal["tiny", "real"]


@dataclass(frozen=True)
class Shape:
    d_model: int
    encoder_layers: int
    decoder_layers: int
    heads: int
    ffn_dim: int
    max_positions: int
    vocab_size: int | None  # None: exactly the trained tokenizer's size
    spm_pieces: int  # sentencepiece / BPE pieces to train
    # 0: train on the bundled corpus; more: on this many synthetic sentences (wordcorpus, needs wordfreq).
    corpus_sentences: int = 0


# Per Marian side: the union of both sides' pieces plus </s>, <unk> and <pad> always fits 58 101 rows.
REAL_SPM_PIECES = (58101 - 3) // 2


MARIAN_SHAPES: dict[str, Shape] = {
    "tiny": Shape(32, 1, 1, 2, 64, 512, None, 300),
    # 30 000 sentences: as realistic as 50 000 on news text (de 4.7, fr 4.4 chars/token), half the time.
    "real": Shape(512, 6, 6, 8, 2048, 512, 58101, REAL_SPM_PIECES, corpus_sentences=30_000),
}
BART_SHAPES: dict[str, Shape] = {
    "tiny": Shape(32, 1, 1, 2, 64, 1024, None, 600),
    # Every row but <mask> (appended by train_bpe) a trained piece, as in the real vocabulary.
    "real": Shape(1024, 12, 6, 16, 4096, 1024, 50264, 50263, corpus_sentences=150_000),
}


def default_pairs(settings: Settings) -> list[tuple[str, str]]:
    """Every detected language into the briefing language, and the briefing language into each target."""
    home = settings.briefing_language
    pairs = [(lang, home) for lang in settings.detect_languages if lang != home]
    pairs += [(home, tgt) for tgt in settings.target_languages if tgt != home]
    return list(dict.fromkeys(pairs))


def default_languages(settings: Settings) -> list[str]:
    home = settings.briefing_language
    return list(dict.fromkeys([home, *settings.detect_languages, *settings.target_languages]))


def default_model_ids(settings: Settings) -> list[str]:
    """The summarizer(s) and every translation model the routes between the settings' languages use.

    With the default settings this is exactly the model manifest (``briefing.models.manifest``).
    """
    from briefing.models.routes import route_model_ids

    ids = [settings.summarizer, *settings.summarizers_by_language.values()]
    ids += route_model_ids(default_languages(settings), settings)
    return list(dict.fromkeys(ids))


@dataclass(frozen=True)
class MarianPlan:
    """What a tiny Marian copy needs: the languages of each sentencepiece side and the language tokens."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    language_tokens: tuple[str, ...] = ()
    weights: str = "safetensors"


def marian_plan(model_id: str) -> MarianPlan | None:
    """The manifest's description of a translation model, or one read from an ``opus-mt-xx-yy`` id."""
    known = manifest.entry(model_id)
    if known is not None:
        if known.kind != "translation":
            return None
        return MarianPlan(
            known.trained_sources or known.sources,
            known.targets,
            manifest.TINY_EXTRA_TOKENS.get(model_id, tuple(tok for _, tok in known.target_tokens)),
            known.weights,
        )
    pair = _pair_from_id(model_id)
    return MarianPlan((pair[0],), (pair[1],)) if pair else None


def make_models(
    out_dir: str | Path,
    *,
    size: Size = "tiny",
    settings: Settings | None = None,
    model_ids: Sequence[str] | None = None,
) -> list[Path]:
    """Write random models for the default set (or ``model_ids``) under ``out_dir/<org>--<name>``.

    Translation models are built as the manifest describes them (languages of each side, ``>>xx<<``
    tokens of multi-target models, ``pytorch_model.bin`` for .bin-only repos); an id outside the manifest
    is a Marian pair when named ``opus-mt-xx-yy``; anything else is built as a BART summarizer.
    """
    if size not in MARIAN_SHAPES:
        raise ValueError(f"unknown size {size!r}: expected 'tiny' or 'real'")
    if MARIAN_SHAPES[size].corpus_sentences or BART_SHAPES[size].corpus_sentences:
        from briefing.testing.wordcorpus import require_wordfreq

        require_wordfreq()  # before any folder is written
    quiet_transformers()
    settings = settings or Settings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wanted = list(model_ids) if model_ids is not None else default_model_ids(settings)
    spm_cache: dict[tuple[str, ...], bytes] = {}
    written = []
    for model_id in wanted:
        target = out / folder_name(model_id)
        plan = marian_plan(model_id)
        if plan is not None:
            shape = marian_shape(model_id, size)
            _write_marian(target, model_id, plan, shape, spm_cache, size)
        else:
            _write_bart(target, model_id, BART_SHAPES[size], size)
        mark_test_model(target)  # random weights: digests made with it say so
        written.append(target)
    return written


def _architecture(model_id: str) -> manifest.Architecture:
    known = manifest.entry(model_id)
    return known.architecture if known is not None else manifest.OPUS_BASE


def marian_shape(model_id: str, size: Size) -> Shape:
    """The shape of a Marian copy: the manifest's architecture at real size (opus-mt-tc-big-en-pt is a
    transformer-big; the vocabulary where its config.json was confirmed, else the 58 101 rows of
    opus-mt-en-de); at tiny size the small dimensions, but the real positions."""
    arch = _architecture(model_id)
    base = MARIAN_SHAPES[size]
    if size == "tiny":
        return replace(base, max_positions=arch.max_positions)
    if arch.vocab_size is not None:  # each side's pieces: half the rows, as for the default
        base = replace(base, vocab_size=arch.vocab_size, spm_pieces=(arch.vocab_size - 3) // 2)
    return replace(
        base,
        d_model=arch.d_model,
        encoder_layers=arch.encoder_layers,
        decoder_layers=arch.decoder_layers,
        heads=arch.heads,
        ffn_dim=arch.ffn_dim,
        max_positions=arch.max_positions,
    )


def _pair_from_id(model_id: str) -> tuple[str, str] | None:
    """``.../opus-mt-fr-en`` -> ("fr", "en") for ids outside the manifest."""
    name = model_id.rsplit("/", 1)[-1]
    if not name.startswith("opus-mt-"):
        return None
    parts = name[len("opus-mt-") :].split("-")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _discourage(model, token_ids: list[int], bias: float = -20.0) -> None:
    """Make ``token_ids`` (specials that never appear inside a text) unlikely outputs."""
    import torch

    with torch.no_grad():
        model.final_logits_bias[0, token_ids] = bias


def _seed(model_id: str, size: str) -> int:
    return zlib.crc32(f"{model_id}|{size}".encode())


# --- MarianMT -------------------------------------------------------------------------------------


def train_spm(language: str, pieces: int, lines: Sequence[str] | None = None) -> bytes:
    """A unigram sentencepiece model (serialized) for ``language`` trained on ``lines``.

    ``lines`` defaults to the bundled corpus (the tiny models).
    """
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines(language, repeats=20) if lines is None else lines),
        model_writer=buffer,
        vocab_size=pieces,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        unk_id=0,
        eos_id=1,
        bos_id=-1,
        pad_id=-1,
        minloglevel=2,
    )
    return buffer.getvalue()


def _spm_pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_proto=model)
    return [
        proc.id_to_piece(i)
        for i in range(proc.get_piece_size())
        if not (proc.is_control(i) or proc.is_unknown(i))
    ]


def marian_vocab(
    source_spm: bytes, target_spm: bytes, vocab_size: int | None, language_tokens: Sequence[str] = ()
) -> dict[str, int]:
    """Opus-mt layout: ``</s>``=0, ``<unk>``=1, a multi-target model's ``>>xx<<`` tokens, the pieces of
    both sides, ``<pad>`` last."""
    tokens = ["</s>", "<unk>", *language_tokens]
    tokens += list(dict.fromkeys(_spm_pieces(source_spm) + _spm_pieces(target_spm)))
    if vocab_size is not None:
        if len(tokens) + 1 > vocab_size:
            tokens = tokens[: vocab_size - 1]
        tokens += [f"<unused-{i}>" for i in range(vocab_size - 1 - len(tokens))]
    tokens.append("<pad>")
    return {tok: i for i, tok in enumerate(tokens)}


def _synthetic_lines(language: str, shape: Shape) -> list[str] | None:
    """The real-size tokenizers' training text for ``language``; None: the bundled corpus."""
    if not shape.corpus_sentences:
        return None
    from briefing.testing.wordcorpus import training_lines

    return training_lines(language, shape.corpus_sentences)


def _side_spm(languages: tuple[str, ...], shape: Shape, cache: dict[tuple[str, ...], bytes]) -> bytes:
    """One sentencepiece model for a side that reads/writes ``languages`` (a group: their lines mixed)."""
    if languages not in cache:
        if len(languages) == 1:
            lang = languages[0]
            cache[languages] = train_spm(lang, shape.spm_pieces, _synthetic_lines(lang, shape))
        else:
            share = max(1, shape.corpus_sentences // len(languages)) if shape.corpus_sentences else 0
            lines: list[str] = []
            for lang in languages:
                lines += _synthetic_lines(lang, replace(shape, corpus_sentences=share)) or corpus_lines(
                    lang, repeats=20
                )
            cache[languages] = train_spm(languages[0], shape.spm_pieces, lines)
    return cache[languages]


def _write_marian(
    target: Path,
    model_id: str,
    plan: MarianPlan,
    shape: Shape,
    spm_cache: dict[tuple[str, ...], bytes],
    size: str,
) -> None:
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    source_spm = _side_spm(plan.sources, shape, spm_cache)
    target_spm = _side_spm(plan.targets, shape, spm_cache)
    vocab = marian_vocab(source_spm, target_spm, shape.vocab_size, plan.language_tokens)
    pad_id = vocab["<pad>"]
    target.mkdir(parents=True, exist_ok=True)
    (target / "source.spm").write_bytes(source_spm)
    (target / "target.spm").write_bytes(target_spm)
    (target / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    src, tgt = plan.sources[0], plan.targets[0]

    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=shape.d_model,
        encoder_layers=shape.encoder_layers,
        decoder_layers=shape.decoder_layers,
        encoder_attention_heads=shape.heads,
        decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn_dim,
        decoder_ffn_dim=shape.ffn_dim,
        max_position_embeddings=shape.max_positions,
        activation_function=_architecture(model_id).activation,
        scale_embedding=True,
        pad_token_id=pad_id,
        eos_token_id=0,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        normalize_before=False,
        normalize_embedding=False,
    )
    torch.manual_seed(_seed(model_id, size))
    model = MarianMTModel(config).eval()
    # Language tokens only ever start an input, as in training: never an output.
    _discourage(model, [pad_id, vocab["<unk>"], *(vocab[t] for t in plan.language_tokens)])
    layout = _layout(model_id, manifest.OPUS_LAYOUT)
    generation = {
        "decoder_start_token_id": pad_id,
        "eos_token_id": 0,
        "pad_token_id": pad_id,
        "forced_eos_token_id": 0,
        "bad_words_ids": [[pad_id]],
        "max_length": 512,
        **tiny_generation(layout, size),
    }
    model.generation_config = GenerationConfig(**generation)
    _save(model, target, plan.weights)
    _place_generation(target, layout, generation)
    source_lang, target_lang = layout.tokenizer_langs or (src, tgt)
    with no_advice_warnings():
        tokenizer = MarianTokenizer(
            source_spm=str(target / "source.spm"),
            target_spm=str(target / "target.spm"),
            vocab=str(target / "vocab.json"),
            source_lang=source_lang,
            target_lang=target_lang,
            model_max_length=shape.max_positions,
        )
    tokenizer.save_pretrained(target)


# --- layout as on the Hub ---------------------------------------------------------------------------

# The one deliberate difference from the real generation settings: transformers applies
# no_repeat_ngram_size in Python at every step, which made tiny test runs ~4x slower and tests nothing
# about routing. The layout (which file holds the settings) is never changed. tests/models check this.
TINY_GENERATION_OVERRIDES: dict[str, object] = {"no_repeat_ngram_size": 0}


def _layout(model_id: str, default: manifest.Layout) -> manifest.Layout:
    known = manifest.entry(model_id)
    return known.layout if known is not None else default


def tiny_generation(layout: manifest.Layout, size: str) -> dict[str, object]:
    """The layout's generation fields, with the tiny overrides for ``size="tiny"``."""
    fields = dict(layout.generation)
    if size == "tiny":
        fields.update({k: v for k, v in TINY_GENERATION_OVERRIDES.items() if k in fields})
    return fields


def _save(model, target: Path, weights: str) -> None:
    """``save_pretrained``, then the weight file the real repo's main branch holds (most: the .bin)."""
    import torch

    model.save_pretrained(target)
    if weights == "bin":
        torch.save(model.state_dict(), target / "pytorch_model.bin")
        for path in target.glob("*.safetensors"):
            path.unlink()


def _place_generation(target: Path, layout: manifest.Layout, generation: dict[str, object]) -> None:
    """Put the generation settings where the real repo has them.

    A repo without generation_config.json (distilbart-cnn-12-6) keeps them in config.json as legacy
    fields; ``save_pretrained`` would write a generation_config.json and drop them from config.json.
    """
    if layout.generation_file == "generation_config.json":
        return
    (target / "generation_config.json").unlink(missing_ok=True)
    path = target / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config.update(generation)
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# --- BART -----------------------------------------------------------------------------------------

BART_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]


def train_bpe(
    pieces: int, vocab_size: int | None, lines: Sequence[str] | None = None
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Byte-level BPE (vocab, merges) on ``lines`` (default: the bundled corpus); ``<mask>`` last,
    padded to ``vocab_size``."""
    from tokenizers import ByteLevelBPETokenizer

    trainer = ByteLevelBPETokenizer()
    trainer.train_from_iterator(
        all_corpus_lines() if lines is None else lines,
        vocab_size=pieces,
        min_frequency=2,
        special_tokens=BART_SPECIALS,
        show_progress=False,
    )
    data = json.loads(trainer._tokenizer.to_str())
    vocab: dict[str, int] = dict(data["model"]["vocab"])
    merges = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in data["model"]["merges"]]
    tokens = [tok for tok, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    if vocab_size is not None:
        tokens += [f"<unused-{i}>" for i in range(vocab_size - 1 - len(tokens))]
    tokens.append("<mask>")
    return {tok: i for i, tok in enumerate(tokens)}, merges


def _write_bart(target: Path, model_id: str, shape: Shape, size: str) -> None:
    import torch
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer, GenerationConfig

    lines = None
    if shape.corpus_sentences:
        from briefing.testing.wordcorpus import mixed_lines

        lines = mixed_lines(shape.corpus_sentences)  # mostly English, as GPT-2's BPE (BART's) was trained
    vocab, merges = train_bpe(shape.spm_pieces, shape.vocab_size, lines)
    tokenizer = BartTokenizer(vocab=vocab, merges=merges, model_max_length=shape.max_positions)
    bos, pad, eos = vocab["<s>"], vocab["<pad>"], vocab["</s>"]
    config = BartConfig(
        vocab_size=len(vocab),
        d_model=shape.d_model,
        encoder_layers=shape.encoder_layers,
        decoder_layers=shape.decoder_layers,
        encoder_attention_heads=shape.heads,
        decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn_dim,
        decoder_ffn_dim=shape.ffn_dim,
        max_position_embeddings=shape.max_positions,
        activation_function="gelu",
        bos_token_id=bos,
        pad_token_id=pad,
        eos_token_id=eos,
        decoder_start_token_id=eos,
        forced_bos_token_id=bos,
        forced_eos_token_id=eos,
        normalize_before=False,
        scale_embedding=False,
        tie_word_embeddings=True,
        prefix=" ",  # distilbart-cnn-12-6's config asks for it before every input
    )
    torch.manual_seed(_seed(model_id, size))
    model = BartForConditionalGeneration(config).eval()
    _discourage(model, [bos, pad, vocab["<unk>"], vocab["<mask>"]])
    layout = _layout(model_id, manifest.DISTILBART_LAYOUT)
    generation = {
        "bos_token_id": bos,
        "pad_token_id": pad,
        "eos_token_id": eos,
        "decoder_start_token_id": eos,
        "forced_bos_token_id": bos,
        "forced_eos_token_id": eos,
        **tiny_generation(layout, size),
    }
    target.mkdir(parents=True, exist_ok=True)
    model.generation_config = GenerationConfig(**generation)
    known = manifest.entry(model_id)
    _save(model, target, known.weights if known is not None else "safetensors")
    tokenizer.save_pretrained(target)
    _place_generation(target, layout, generation)
