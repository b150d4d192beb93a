"""Story vectors shared by same-story links and continuity (``briefing.story_vectors``), with a counting fake
MiniLM: a text is embedded once per process, and once per output folder across runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from briefing import story_vectors
from briefing.models import minilm

pytestmark = pytest.mark.unit


@pytest.fixture
def embedded(monkeypatch) -> list[str]:
    """Every text the fake model embeds; a fresh process memory."""
    seen: list[str] = []

    def fake_embed(texts):
        seen.extend(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest() * 48, dtype=np.uint8)[:384] for t in texts]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), 384)

    monkeypatch.setattr(minilm, "embed", fake_embed)
    monkeypatch.setattr(story_vectors, "_memory", {})
    return seen


def test_a_text_is_embedded_once_per_process_and_rows_keep_the_callers_order(embedded):
    first = story_vectors.embed_texts(["pier", "library"])
    again = story_vectors.embed_texts(["library", "bikes", "pier"])
    assert embedded == ["pier", "library", "bikes"]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])


def test_an_edition_reads_earlier_vectors_from_the_output_folder_and_keeps_only_those_it_used(
    embedded, tmp_path: Path, monkeypatch
):
    vectors = story_vectors.StoredVectors.read(tmp_path)
    vectors.embed(["monday pier", "monday library"])
    vectors.save(tmp_path)
    assert (tmp_path / story_vectors.FILE_NAME).is_file()

    monkeypatch.setattr(story_vectors, "_memory", {})  # the next run: a new process
    embedded.clear()
    vectors = story_vectors.StoredVectors.read(tmp_path)
    rows = vectors.embed(["tuesday pier", "monday pier"])
    assert embedded == ["tuesday pier"]  # Monday's vector came from the folder
    vectors.save(tmp_path)
    kept = story_vectors.read_vectors(tmp_path / story_vectors.FILE_NAME, minilm.WEIGHTS_SHA256)
    assert set(kept) == {story_vectors.text_key("tuesday pier"), story_vectors.text_key("monday pier")}
    assert np.array_equal(kept[story_vectors.text_key("tuesday pier")], rows[0])


def test_keep_saves_only_vectors_already_known_and_embeds_nothing(embedded, tmp_path: Path):
    story_vectors.embed_texts(["linked today"])  # as the run's same-story links do
    vectors = story_vectors.StoredVectors.read(tmp_path)
    vectors.keep(["linked today", "never embedded"])
    vectors.save(tmp_path)
    assert embedded == ["linked today"]
    kept = story_vectors.read_vectors(tmp_path / story_vectors.FILE_NAME, minilm.WEIGHTS_SHA256)
    assert set(kept) == {story_vectors.text_key("linked today")}


def test_vectors_of_other_weights_or_an_unreadable_file_are_ignored(embedded, tmp_path: Path):
    path = tmp_path / story_vectors.FILE_NAME
    other = {story_vectors.text_key("a"): np.ones(384, np.float32)}
    story_vectors.write_vectors(path, other, "other weights")
    assert story_vectors.read_vectors(path, minilm.WEIGHTS_SHA256) == {}
    path.write_bytes(b"not an npz file")
    assert story_vectors.read_vectors(path, minilm.WEIGHTS_SHA256) == {}
    vectors = story_vectors.StoredVectors.read(tmp_path)
    vectors.embed(["a"])
    assert embedded == ["a"]
