"""The model manifest: every model the default settings may use, as it really exists on the Hub.

Data only (one place). Each entry says what the model is, which languages it reads and writes, the
sentence-initial target token a multi-target model needs (``>>por<<``), its licence, which weight
file the Hub repo holds, and where its existence was confirmed. Routing (``briefing.models.routes``),
``briefing models pull`` and ``briefing models make-tiny`` all read this table; nothing else names a
default model id.

Pairs with no model of their own are not guessed:

- ``Helsinki-NLP/opus-mt-pt-en`` and ``opus-mt-en-pt`` do not exist on the Hub
  (https://github.com/huggingface/transformers/issues/26382,
  https://github.com/Helsinki-NLP/OPUS-MT-train/issues/33): pt→en goes through the source-multilingual
  ``opus-mt-ROMANCE-en``, en→pt through the multi-target ``opus-mt-tc-big-en-pt`` with ``>>por<<``.
- No Helsinki-NLP ``opus-mt-en-pl`` was found (https://github.com/Helsinki-NLP/OPUS-MT-train/issues/46):
  en→pl goes through the West-Slavic multi-target ``opus-mt-en-zlw`` with ``>>pol<<``.
- No pair between two non-English languages is listed: those routes pivot through English, and the
  route table (``briefing models list --routes``) and the ``translation-pivot`` flag say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from briefing.languages import language_name

Kind = Literal["summarizer", "translation"]
Weights = Literal["safetensors", "bin"]
GenerationFile = Literal["generation_config.json", "config.json"]


@dataclass(frozen=True)
class Architecture:
    """The real checkpoint's shape (config.json), for memory estimates and the real-size bench copies."""

    d_model: int
    encoder_layers: int
    decoder_layers: int
    heads: int
    ffn_dim: int
    activation: str
    max_positions: int
    vocab_size: int | None = None  # None: not confirmed (it differs per OPUS-MT pair)
    eos_token_id: int | None = None


@dataclass(frozen=True)
class Layout:
    """How the Hub repository lays a model out: what ``make-tiny`` copies and a test checks.

    ``generation_file`` is where transformers finds the generation settings: ``config.json`` for a repo
    without generation_config.json (its legacy fields, re-read as a GenerationConfig), and
    ``generation`` the fields that change decoding, as the repo holds them. ``tokenizer_langs`` is
    tokenizer_config.json's (source_lang, target_lang) when confirmed.
    """

    generation_file: GenerationFile
    generation: tuple[tuple[str, object], ...] = ()
    tokenizer_langs: tuple[str, str] | None = None


# distilbart-cnn-12-6: no generation_config.json; the CNN/DailyMail decoding settings live in config.json.
DISTILBART_LAYOUT = Layout(
    "config.json",
    (
        ("num_beams", 4),
        ("no_repeat_ngram_size", 3),
        ("length_penalty", 2.0),
        ("min_length", 56),
        ("max_length", 142),
        ("early_stopping", True),
    ),
)
# OPUS-MT conversions carry a generation_config.json; renormalize_logits is true in them.
OPUS_LAYOUT = Layout("generation_config.json", (("num_beams", 4), ("renormalize_logits", True)))
OPUS_BASE = Architecture(512, 6, 6, 8, 2048, "swish", 512)


@dataclass(frozen=True)
class ModelEntry:
    """One real model.

    ``sources``/``targets`` are the languages of the default set it serves (ISO 639-1). A multi-target
    model (``multi_target``) needs ``target_tokens[lang]`` at the start of every input sentence; a
    target it lists without a token is never guessed. ``weights`` is the weight file the repo's main
    branch holds (``make-tiny`` writes the same; ``pull`` takes safetensors whenever a repo has them):
    most default repos hold only ``pytorch_model.bin`` (their safetensors, where any, sit on a
    ``refs/pr/N`` conversion branch). ``layout``/``architecture``/``revision`` are documented in
    docs/MODELS.md with where each was confirmed.
    """

    model_id: str
    kind: Kind
    what: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    licence: str
    confirmed: str
    target_tokens: tuple[tuple[str, str], ...] = ()
    multi_target: bool = False
    weights: Weights = "bin"
    # Every source language the model was trained on (the spm of a tiny copy covers these).
    trained_sources: tuple[str, ...] = ()
    layout: Layout = OPUS_LAYOUT
    architecture: Architecture = OPUS_BASE
    # The Hub commit ``pull`` downloads (None: none confirmed; the repo's main branch is used).
    revision: str | None = None

    def token_for(self, target: str) -> str | None:
        return dict(self.target_tokens).get(target)


def _opus(
    src: str,
    tgt: str,
    confirmed: str,
    *,
    licence: str = "apache-2.0",
    weights: Weights = "bin",
    revision: str | None = None,
) -> ModelEntry:
    return ModelEntry(
        f"Helsinki-NLP/opus-mt-{src}-{tgt}",
        "translation",
        f"OPUS-MT MarianMT, {language_name(src)} → {language_name(tgt)}",
        (src,),
        (tgt,),
        licence,
        confirmed,
        weights=weights,
        revision=revision,
    )


_HF = "https://huggingface.co/Helsinki-NLP/"

MANIFEST: tuple[ModelEntry, ...] = (
    ModelEntry(
        "sshleifer/distilbart-cnn-12-6",
        "summarizer",
        "DistilBART (12 encoder, 6 decoder layers) fine-tuned on CNN/DailyMail; English summaries; its "
        'config sets prefix " " and min_length 56 / max_length 142',
        ("en",),
        ("en",),
        "apache-2.0",
        "licence: https://huggingface.co/sshleifer/distilbart-cnn-12-6/blob/"
        "81307c8ebc2324cb13840e70673a7d20408c7fff/README.md (license: apache-2.0); generation fields in "
        "config.json, no generation_config.json: issue 22's check of the repo, the config as copied into "
        "fine-tunes (https://huggingface.co/philschmid/distilbart-cnn-12-6-samsum/blame/main/config.json) "
        "and transformers 5 generation/utils.py adjust_generation_fn (config.json re-read as a "
        "GenerationConfig when generation_config.json is missing)",
        layout=DISTILBART_LAYOUT,
        architecture=Architecture(1024, 12, 6, 16, 4096, "gelu", 1024, 50264, 2),
        # A commit seen on huggingface.co (README blame); not confirmed to be the newest.
        revision="81307c8ebc2324cb13840e70673a7d20408c7fff",
    ),
    _opus(
        "fr",
        "en",
        _HF + "opus-mt-fr-en/tree/09920dd65adbe5c21e311869c412c36c2dd2ea08",
        revision="09920dd65adbe5c21e311869c412c36c2dd2ea08",
    ),
    _opus(
        "en",
        "fr",
        _HF + "opus-mt-en-fr/tree/dd287cf87efb91e88fff4c3f12bc105d1ed0a030",
        revision="dd287cf87efb91e88fff4c3f12bc105d1ed0a030",
    ),
    _opus(
        "de",
        "en",
        "transformers Marian docs and OPUS-MT users list Helsinki-NLP/opus-mt-de-en (find_string: "
        "toEnglishModel 'Helsinki-NLP/opus-mt-de-en'); already the project's default before issue 12",
    ),
    _opus(
        "en",
        "de",
        "transformers MarianMT documentation examples use Helsinki-NLP/opus-mt-en-de; licence "
        "cc-by-4.0 per issue 22's check of the Hub model card (not re-found in the stored copies)",
        licence="cc-by-4.0",
    ),
    _opus(
        "es",
        "en",
        "https://huggingface.co/streamkit/helsinki-models (repackages opus-mt-es-en); OPUS-MT-train "
        "models/es-en; already the project's default before issue 12",
    ),
    _opus(
        "en",
        "es",
        _HF + "opus-mt-en-es/tree/0e9686e0e0893ab6747359e265992ca93d801afa",
        revision="0e9686e0e0893ab6747359e265992ca93d801afa",
    ),
    _opus("it", "en", "https://huggingface.co/helsinki-nlp/opus-mt-it-en (model card)"),
    _opus(
        "en",
        "it",
        _HF + "opus-mt-en-it/commit/4c56f4ddc9fcfccec7799f5cef4d90f7c99dd658",
        revision="4c56f4ddc9fcfccec7799f5cef4d90f7c99dd658",
    ),
    _opus(
        "nl",
        "en",
        _HF + "opus-mt-nl-en/tree/3ff195ce084fc29184151ac7c473c65c16a51b7e",
        revision="3ff195ce084fc29184151ac7c473c65c16a51b7e",
    ),
    _opus(
        "en",
        "nl",
        _HF + "opus-mt-en-nl/blob/187b041872874e73b6717086fb9edd2a280bdcb8/vocab.json",
        revision="187b041872874e73b6717086fb9edd2a280bdcb8",
    ),
    _opus(
        "pl",
        "en",
        _HF + "opus-mt-pl-en/tree/b45c2d7165310c7e2c2480f768c65e07a79635d0",
        revision="b45c2d7165310c7e2c2480f768c65e07a79635d0",
    ),
    _opus(
        "ru",
        "en",
        _HF + "opus-mt-ru-en/tree/39fdcea592bdeb244fa87ce823e9f5c70d3a2bc3",
        licence="cc-by-4.0",
        revision="39fdcea592bdeb244fa87ce823e9f5c70d3a2bc3",
    ),
    _opus(
        "en",
        "ru",
        _HF + "opus-mt-en-ru/tree/13dd880734a16cbfb049690c7f53cb94705ca1d2",
        revision="13dd880734a16cbfb049690c7f53cb94705ca1d2",
    ),
    _opus("uk", "en", _HF + "opus-mt-uk-en/tree/refs%2Fpr%2F1"),
    # The repo's main branch holds pytorch_model.bin only (no safetensors).
    _opus(
        "en",
        "uk",
        _HF + "opus-mt-en-uk/tree/aa06ba37ad59c0901d044c57c8a79ac26dbd4e4e",
        revision="aa06ba37ad59c0901d044c57c8a79ac26dbd4e4e",
    ),
    ModelEntry(
        "Helsinki-NLP/opus-mt-ROMANCE-en",
        "translation",
        "OPUS-MT MarianMT, Romance languages (fr, es, pt, it, ro, ca, gl, ...) → English; source-"
        "multilingual, no token needed; the pt→en model (opus-mt-pt-en does not exist)",
        ("pt",),
        ("en",),
        "apache-2.0",
        _HF + "opus-mt-ROMANCE-en/blame/e9ca9975e3972afd80732f08ce01d3a1339f47f8/README.md "
        "(source languages include pt, pt_br, pt_BR, pt_PT; target en)",
        trained_sources=("fr", "es", "it", "pt"),
    ),
    ModelEntry(
        "Helsinki-NLP/opus-mt-tc-big-en-pt",
        "translation",
        "OPUS-MT transformer-big, English → Portuguese (por: European, pob: Brazilian); multi-target, "
        "a sentence-initial >>por<< or >>pob<< token is required (opus-mt-en-pt does not exist)",
        ("en",),
        ("pt",),
        "cc-by-4.0",
        _HF + "opus-mt-tc-big-en-pt/blob/main/README.md?code=true (languages en, pt, pt_br; licence "
        "cc-by-4.0; tokenizer_config separate_vocabs false); >>por<< / >>pob<< as used with this model "
        "in public code (find_string '>>por<<')",
        target_tokens=(("pt", ">>por<<"),),
        multi_target=True,
        # transformer-big (issue 22's check of its config.json); the checkpoint was replaced in 2023
        # (the older one gives gibberish on transformers >= 4.31): no commit of the new one confirmed.
        architecture=Architecture(1024, 6, 6, 16, 4096, "relu", 1024, None, 44670),
    ),
    ModelEntry(
        "Helsinki-NLP/opus-mt-en-zlw",
        "translation",
        "OPUS-MT MarianMT, English → West Slavic (Polish, Czech, ...); multi-target, a sentence-initial "
        ">>pol<< token selects Polish (no Helsinki-NLP opus-mt-en-pl exists)",
        ("en",),
        ("pl",),
        "apache-2.0",
        _HF + "opus-mt-en-zlw/tree/56fe0eb6407c713f8b0e269cfb732355a21d4b49 (tokenizer_config "
        "source eng, target zlw); >>pol<< as used with this model in public code (find_string "
        "'opus-mt-en-zlw')",
        target_tokens=(("pl", ">>pol<<"),),
        multi_target=True,
        layout=replace(OPUS_LAYOUT, tokenizer_langs=("eng", "zlw")),
        revision="56fe0eb6407c713f8b0e269cfb732355a21d4b49",
    ),
    # --- Arabic, Chinese, Japanese, Turkish (issue 22) ---
    _opus(
        "ar",
        "en",
        "used as the ar→en OPUS-MT model in public code (find_string 'opus-mt-ar-en'); Apache-2.0 per a "
        "per-checkpoint licence audit of the Hub cards (find_string '>>tur<<', licence matrix, "
        "'dedicated Apache-2.0 OPUS-MT checkpoints, both directions: Arabic')",
    ),
    ModelEntry(
        "Helsinki-NLP/opus-mt-en-ar",
        "translation",
        "OPUS-MT MarianMT, English → Arabic (ara, arq, arz, ...); multi-target, a sentence-initial "
        ">>ara<< selects Modern Standard Arabic",
        ("en",),
        ("ar",),
        "apache-2.0",
        "model card quoted in public code: 'a sentence-initial language token is required in the form "
        ">>ara<<' (find_string '>>ara<<'); Apache-2.0 per the same licence audit as opus-mt-ar-en",
        target_tokens=(("ar", ">>ara<<"),),
        multi_target=True,
    ),
    replace(
        _opus(
            "zh",
            "en",
            "README (zho-eng, license cc-by-4.0) as copied at https://huggingface.co/fengtc/opus-mt-zh-en/"
            "blame/main/README.md; revision cf109095479db38d6df799875e34039d4938aaa6 named in a third-party "
            "NOTICE (find_string '>>cmn_Hans<<'); architecture: config.json as vendored in "
            "https://github.com/chenbob1987/Helsinki-NLP-opus-mt-zh-en/blob/"
            "09d5169d83642af0636135099ae4c8326daf9ef3/config.json (base shape, swish, vocab_size 65001, "
            "eos 0; the repo's README is the Hub card of zho-eng opus-2020-07-17)",
            licence="cc-by-4.0",
            revision="cf109095479db38d6df799875e34039d4938aaa6",
        ),
        architecture=Architecture(512, 6, 6, 8, 2048, "swish", 512, 65001, 0),
    ),
    ModelEntry(
        "Helsinki-NLP/opus-mt-en-zh",
        "translation",
        "OPUS-MT MarianMT, English → Chinese (cmn_Hans, cmn_Hant, yue, ...); multi-target, a "
        "sentence-initial >>cmn_Hans<< selects Simplified Mandarin",
        ("en",),
        ("zh",),
        # Sources disagree (a licence audit: Apache-2.0; a NOTICE: CC BY 4.0): credited as cc-by.
        "apache-2.0 or cc-by-4.0 (sources disagree)",
        ">>cmn_Hans<< as used with this model in public code (find_string '>>cmn_Hans<<'); revision "
        "408d9bc410a388e1d9aef112a2daba955b945255 named in a third-party NOTICE",
        target_tokens=(("zh", ">>cmn_Hans<<"),),
        multi_target=True,
        revision="408d9bc410a388e1d9aef112a2daba955b945255",
    ),
    _opus(
        "ja",
        "en",
        "used as the ja→en OPUS-MT model in public code (find_string 'opus-mt-en-zh': OPUS_MODELS "
        "('ja', 'en'): 'Helsinki-NLP/opus-mt-ja-en'); licence not confirmed in the stored copies",
        licence="not confirmed",
    ),
    _opus(
        "tr",
        "en",
        "used as the tr→en OPUS-MT model in public code (find_string 'opus-mt-tr-en'); CC-BY-4.0 per the "
        "licence audit (find_string '>>tur<<')",
        licence="cc-by-4.0",
    ),
    ModelEntry(
        "Helsinki-NLP/opus-mt-en-trk",
        "translation",
        "OPUS-MT MarianMT, English → Turkic languages; multi-target, a sentence-initial >>tur<< selects "
        "Turkish",
        ("en",),
        ("tr",),
        "apache-2.0",
        "licence audit of the Hub cards (find_string '>>tur<<'): 'opus-mt-en-trk ... Apache-2.0, "
        "confirmed target tag >>tur<<'; Turkic OPUS-MT cards list >>tur<< among valid labels",
        target_tokens=(("tr", ">>tur<<"),),
        multi_target=True,
    ),
)

# Directions with no usable model, said plainly by ``models list --routes`` and on pages.
NO_MODEL: dict[tuple[str, str], str] = {
    ("en", "ja"): "no English → Japanese model in the manifest (Helsinki-NLP/opus-mt-en-jap is not "
    "Japanese: its 'jap' is another language's code; Japanese is ja/jpn)",
}

_BY_ID = {entry.model_id: entry for entry in MANIFEST}

# Language-token inventories the tiny copies of multi-target models carry (the real vocabularies hold
# these and more: the tiny ones must hold more than the one we send, so a wrong token would be found).
TINY_EXTRA_TOKENS: dict[str, tuple[str, ...]] = {
    "Helsinki-NLP/opus-mt-tc-big-en-pt": (">>por<<", ">>pob<<"),
    "Helsinki-NLP/opus-mt-en-zlw": (">>pol<<", ">>ces<<", ">>csb_Latn<<", ">>dsb<<", ">>hsb<<"),
    "Helsinki-NLP/opus-mt-en-ar": (">>ara<<", ">>arq<<", ">>arz<<"),
    "Helsinki-NLP/opus-mt-en-zh": (">>cmn_Hans<<", ">>cmn_Hant<<", ">>yue<<"),
    "Helsinki-NLP/opus-mt-en-trk": (">>tur<<", ">>aze_Latn<<", ">>kaz_Cyrl<<"),
}


def needs_credit(licence: str) -> bool:
    """CC-BY models must be credited wherever their output is shown (an unsure licence is credited)."""
    return "cc-by" in licence.lower()


# Who to credit, per Hub organisation (the OPUS-MT model cards name the group).
_AUTHORS = {"Helsinki-NLP": "the Language Technology Research Group at the University of Helsinki (OPUS-MT)"}


def credit_lines(model_ids: Iterable[str]) -> tuple[str, ...]:
    """One attribution line per CC-BY manifest model among ``model_ids`` (pages and feeds show them)."""
    lines = []
    for model_id in dict.fromkeys(model_ids):
        known = entry(model_id)
        if known is not None and needs_credit(known.licence):
            author = _AUTHORS.get(model_id.split("/", 1)[0], model_id.split("/", 1)[0])
            lines.append(
                f"{model_id} by {author} ({known.what.split(';')[0]}), licence {known.licence}: "
                f"https://huggingface.co/{model_id}"
            )
    return tuple(lines)


def entry(model_id: str) -> ModelEntry | None:
    return _BY_ID.get(model_id)


def manifest_ids(kind: Kind | None = None) -> list[str]:
    return [e.model_id for e in MANIFEST if kind is None or e.kind == kind]


def direct_models(src: str, tgt: str) -> list[ModelEntry]:
    """Manifest translation models for ``src``→``tgt``, in order of preference (manifest order)."""
    return [e for e in MANIFEST if e.kind == "translation" and src in e.sources and tgt in e.targets]
