"""Reader languages are not translated; digests made with make-tiny's random models are flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefing.translate as translate
from briefing.models.testmodel import MARKER_NAME, flag_test_models, is_test_model, mark_test_model
from briefing.records import Comment, Digest, Segment, Source, Summary
from briefing.settings import Settings


def _digest(**changes) -> Digest:
    segments = (
        Segment(text="Das stimmt so nicht.", language="de", confidence=0.9),
        Segment(text="Esto no es verdad.", language="es", confidence=0.9),
    )
    base = Digest(
        article_id="note-0123456789",
        source=Source(path="in/note.txt", sha256="ab" * 32, encoding="utf-8"),
        title="Note",
        language="en",
        body=("One paragraph of text.",),
        comments=(Comment(text="Das stimmt so nicht. Esto no es verdad.", language="de", segments=segments),),
        summary=Summary(language="en", text="A note.", method="extractive", model=None),
    )
    return Digest(**{**base.__dict__, **changes})


@pytest.mark.unit
def test_segments_in_reader_languages_are_not_sent_to_translation(monkeypatch):
    seen = []

    def fake(requests, settings):
        seen.extend(requests)
        return [translate.TranslationOutcome(f"[{r.src}]{r.text}", "m", ()) for r in requests]

    monkeypatch.setattr(translate, "translate_texts", fake)
    settings = Settings(target_languages=(), reader_languages=("de",))
    [out] = translate.translate_digests([_digest()], settings)
    assert [(r.src, r.tgt) for r in seen] == [("es", "en")]
    german, spanish = out.comments[0].segments
    assert german.translation is None and spanish.translation is not None
    assert "translation-unavailable" not in out.flag_codes()


def _fake_model(root: Path, model_id: str, test: bool) -> Path:
    folder = root / model_id.replace("/", "--")
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps({"model_type": "bart"}), encoding="utf-8")
    if test:
        mark_test_model(folder)
    return folder


@pytest.mark.unit
def test_digest_made_with_a_marked_model_gets_the_test_model_flag(tmp_path):
    _fake_model(tmp_path, "org/random-bart", test=True)
    _fake_model(tmp_path, "org/real-bart", test=False)
    settings = Settings(model_dir=tmp_path, offline=True)
    random_one = _digest(models={"summarizer": "org/random-bart"})
    real_one = _digest(models={"summarizer": "org/real-bart", "translation:de-en": "org/real-bart"})
    flagged, clean = flag_test_models([random_one, real_one], settings)
    assert flagged.flag_codes() == ("test-model",) and "org/random-bart" in flagged.flags[0].detail
    assert clean.flag_codes() == ()


@pytest.mark.unit
def test_pivot_routes_name_each_leg(tmp_path):
    _fake_model(tmp_path, "org/a", test=False)
    _fake_model(tmp_path, "org/b", test=True)
    settings = Settings(model_dir=tmp_path, offline=True)
    [out] = flag_test_models([_digest(models={"translation:fr-de": "org/a -> org/b"})], settings)
    assert out.flag_codes() == ("test-model",)


@pytest.mark.tiny_model
def test_make_tiny_marks_its_models(tiny_models):
    folders = [p for p in tiny_models.iterdir() if (p / "config.json").is_file()]
    assert folders and all(is_test_model(p) and (p / MARKER_NAME).is_file() for p in folders)
