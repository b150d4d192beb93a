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

from dataclasses import dataclass
from typing import Literal

from briefing.languages import language_name

Kind = Literal["summarizer", "translation"]
Weights = Literal["safetensors", "bin"]


@dataclass(frozen=True)
class ModelEntry:
    """One real model.

    ``sources``/``targets`` are the languages of the default set it serves (ISO 639-1). A multi-target
    model (``multi_target``) needs ``target_tokens[lang]`` at the start of every input sentence; a
    target it lists without a token is never guessed. ``weights`` is the one weight format ``pull``
    fetches (and ``make-tiny`` writes): ``bin`` for repos that hold only ``pytorch_model.bin``.
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
    weights: Weights = "safetensors"
    # Every source language the model was trained on (the spm of a tiny copy covers these).
    trained_sources: tuple[str, ...] = ()

    def token_for(self, target: str) -> str | None:
        return dict(self.target_tokens).get(target)


def _opus(
    src: str, tgt: str, confirmed: str, *, licence: str = "apache-2.0", weights: Weights = "safetensors"
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
        "config.json of sshleifer/distilbart-cnn-12-6 as copied into fine-tunes, e.g. "
        "https://huggingface.co/philschmid/distilbart-cnn-12-6-samsum/blame/main/config.json",
    ),
    _opus("fr", "en", _HF + "opus-mt-fr-en/tree/09920dd65adbe5c21e311869c412c36c2dd2ea08"),
    _opus("en", "fr", _HF + "opus-mt-en-fr/tree/dd287cf87efb91e88fff4c3f12bc105d1ed0a030"),
    _opus(
        "de",
        "en",
        "transformers Marian docs and OPUS-MT users list Helsinki-NLP/opus-mt-de-en (find_string: "
        "toEnglishModel 'Helsinki-NLP/opus-mt-de-en'); already the project's default before issue 12",
    ),
    _opus(
        "en",
        "de",
        "transformers MarianMT documentation examples use Helsinki-NLP/opus-mt-en-de; already the "
        "project's default before issue 12",
    ),
    _opus(
        "es",
        "en",
        "https://huggingface.co/streamkit/helsinki-models (repackages opus-mt-es-en); OPUS-MT-train "
        "models/es-en; already the project's default before issue 12",
    ),
    _opus("en", "es", _HF + "opus-mt-en-es/tree/0e9686e0e0893ab6747359e265992ca93d801afa"),
    _opus("it", "en", "https://huggingface.co/helsinki-nlp/opus-mt-it-en (model card)"),
    _opus("en", "it", _HF + "opus-mt-en-it/commit/4c56f4ddc9fcfccec7799f5cef4d90f7c99dd658"),
    _opus("nl", "en", _HF + "opus-mt-nl-en/tree/3ff195ce084fc29184151ac7c473c65c16a51b7e"),
    _opus("en", "nl", _HF + "opus-mt-en-nl/blob/187b041872874e73b6717086fb9edd2a280bdcb8/vocab.json"),
    _opus("pl", "en", _HF + "opus-mt-pl-en/tree/b45c2d7165310c7e2c2480f768c65e07a79635d0"),
    _opus(
        "ru",
        "en",
        _HF + "opus-mt-ru-en/tree/39fdcea592bdeb244fa87ce823e9f5c70d3a2bc3",
        licence="cc-by-4.0",
    ),
    _opus("en", "ru", _HF + "opus-mt-en-ru/tree/13dd880734a16cbfb049690c7f53cb94705ca1d2"),
    _opus("uk", "en", _HF + "opus-mt-uk-en/tree/refs%2Fpr%2F1"),
    # The repo's main branch holds pytorch_model.bin only (no safetensors): the .bin-only model.
    _opus("en", "uk", _HF + "opus-mt-en-uk/tree/aa06ba37ad59c0901d044c57c8a79ac26dbd4e4e", weights="bin"),
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
    ),
)

_BY_ID = {entry.model_id: entry for entry in MANIFEST}

# Language-token inventories the tiny copies of multi-target models carry (the real vocabularies hold
# these and more: the tiny ones must hold more than the one we send, so a wrong token would be found).
TINY_EXTRA_TOKENS: dict[str, tuple[str, ...]] = {
    "Helsinki-NLP/opus-mt-tc-big-en-pt": (">>por<<", ">>pob<<"),
    "Helsinki-NLP/opus-mt-en-zlw": (">>pol<<", ">>ces<<", ">>csb_Latn<<", ">>dsb<<", ">>hsb<<"),
}


def entry(model_id: str) -> ModelEntry | None:
    return _BY_ID.get(model_id)


def manifest_ids(kind: Kind | None = None) -> list[str]:
    return [e.model_id for e in MANIFEST if kind is None or e.kind == kind]


def direct_models(src: str, tgt: str) -> list[ModelEntry]:
    """Manifest translation models for ``src``→``tgt``, in order of preference (manifest order)."""
    return [e for e in MANIFEST if e.kind == "translation" and src in e.sources and tgt in e.targets]
