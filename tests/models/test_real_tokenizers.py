"""Real-size tokenizers: trained on synthetic wordfreq text, they cut real news like real tokenizers do.

The full-size training (50 263 BPE pieces, 29 049 per spm side, 30 000+ sentences) takes minutes; these
tests train small ones on a few thousand sentences, which already separates realistic segmentation
(>= 3.5 characters per token) from the bundled-corpus tokenizers (~2).
"""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from briefing.testing import tiny, wordcorpus

needs_wordfreq = pytest.mark.skipif(
    find_spec("wordfreq") is None, reason="wordfreq (the bench extra) is missing: pip install -e '.[bench]'"
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REALISTIC = 3.5  # characters per token; real BART / opus-mt tokenizers: ~4-5 on news text
BUNDLED_PIECES = 2000  # what the real-size models were trained to on the bundled corpus before


def _paragraphs(name: str) -> str:
    """The example's running-text paragraphs (12+ words): no title, byline or boxes, no cleaner needed."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return "\n\n".join(line for line in text.splitlines() if len(line.split()) >= 12)


def _bpe_chars_per_token(vocab: dict[str, int], merges: list[tuple[str, str]], text: str) -> float:
    from transformers import BartTokenizer

    tokenizer = BartTokenizer(vocab=vocab, merges=merges)
    return len(text) / len(tokenizer(text, add_special_tokens=False)["input_ids"])


def _spm_ids(model: bytes, text: str) -> list[int]:
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_proto=model).encode(text)


def _spm_chars_per_token(model: bytes, text: str) -> float:
    return len(text) / len(_spm_ids(model, text))


@pytest.mark.tiny_model
@needs_wordfreq
def test_synthetic_lines_are_deterministic_and_per_language():
    first = wordcorpus.synthetic_lines("fr", 300, seed=1)
    assert first == wordcorpus.synthetic_lines("fr", 300, seed=1)
    assert first != wordcorpus.synthetic_lines("fr", 300, seed=2)
    # A longer run starts with the shorter one, so one language's lines serve every size alike.
    assert wordcorpus.synthetic_lines("fr", 600, seed=1)[:300] == first
    assert len(first) == 300
    text = " ".join(first)
    assert any(word in text.split() for word in ("de", "la", "le", "et"))
    assert "l'" in text or "l\u2019" in text  # elisions are glued back: "l'heure", not "l heure"
    assert any(ch.isdigit() for ch in text)
    cyrillic = " ".join(wordcorpus.synthetic_lines("ru", 50))
    assert sum("\u0400" <= ch <= "\u04ff" for ch in cyrillic) > len(cyrillic) / 2


@pytest.mark.tiny_model
@needs_wordfreq
def test_bpe_from_synthetic_english_segments_news_realistically():
    text = _paragraphs("eu-night-trains.txt")
    assert len(text) > 1500
    vocab, merges = tiny.train_bpe(20_000, None, wordcorpus.synthetic_lines("en", 30_000))
    assert len(vocab) == 20_000 + 1  # every piece asked for (enough distinct words), and <mask>
    synthetic = _bpe_chars_per_token(vocab, merges, text)
    old_vocab, old_merges = tiny.train_bpe(BUNDLED_PIECES, None)
    bundled = _bpe_chars_per_token(old_vocab, old_merges, text)
    assert REALISTIC <= synthetic <= 6.0, synthetic
    assert bundled < REALISTIC, bundled  # what the real-size models had before


@pytest.mark.tiny_model
@needs_wordfreq
def test_spm_from_synthetic_french_segments_news_realistically():
    text = _paragraphs("lyon-bus-hydrogene.txt")
    assert len(text) > 1000
    model = tiny.train_spm("fr", 16_000, wordcorpus.training_lines("fr", 15_000))
    assert 0 not in _spm_ids(model, text)  # <unk>: every character of the text is known ("-", "«")
    synthetic = _spm_chars_per_token(model, text)
    bundled = _spm_chars_per_token(tiny.train_spm("fr", BUNDLED_PIECES), text)
    assert REALISTIC <= synthetic <= 6.0, synthetic
    assert bundled < REALISTIC, bundled


@pytest.mark.unit
@pytest.mark.parametrize(
    ("folded", "german"),
    [
        ("strasse", "straße"),
        ("schliesslich", "schließlich"),
        ("ausserdem", "außerdem"),
        ("massnahmen", "maßnahmen"),
        ("dass", "dass"),
        ("ausstellung", "ausstellung"),
        ("russland", "russland"),
    ],
)
def test_german_words_get_their_eszett_back(folded, german):
    # wordfreq case-folds "ß" to "ss"; German news text has both, and its tokenizers know both
    assert wordcorpus._german_spelling(folded) == german


@pytest.mark.unit
def test_real_size_without_wordfreq_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # import wordfreq -> ImportError
    with pytest.raises(wordcorpus.MissingExtra, match=r"pip install -e '\.\[bench\]'"):
        tiny.make_models(tmp_path / "m", size="real")
    assert not (tmp_path / "m").exists()  # failed before writing anything


@pytest.mark.unit
def test_cli_real_size_without_wordfreq_is_one_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from briefing_cli import app

    monkeypatch.setitem(sys.modules, "wordfreq", None)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    result = CliRunner().invoke(app, ["models", "make-tiny", str(tmp_path / "m"), "--size", "real"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "[bench]" in lines[0], result.output
    assert "Traceback" not in result.output
