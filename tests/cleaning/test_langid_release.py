"""Releasing lingua's models after cleaning changes no answer: detection loads them again when needed."""

from __future__ import annotations

import pytest

from briefing import langid

LANGUAGES = ("en", "fr", "de")
TEXT = (
    "The council met on Tuesday evening to discuss the new bus lines.\n"
    "Le conseil a finalement adopté le projet après trois heures de débat."
)


@pytest.mark.pipeline
def test_answers_are_the_same_after_release() -> None:
    before = (langid.detect_language(TEXT, LANGUAGES), langid.split_segments(TEXT, LANGUAGES))
    assert langid.release_models() >= 1
    after = (langid.detect_language(TEXT, LANGUAGES), langid.split_segments(TEXT, LANGUAGES))
    assert after == before
    assert [s.language for s in after[1]] == ["en", "fr"]


@pytest.mark.unit
def test_release_unloads_each_cached_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    unloaded: list[str] = []

    class Detector:
        def __init__(self, name: str) -> None:
            self.name = name

        def unload_language_models(self) -> None:
            unloaded.append(self.name)

    monkeypatch.setattr(langid, "_DETECTORS", {("en", "fr"): Detector("a"), ("de", "en"): Detector("b")})
    assert langid.release_models() == 2
    assert sorted(unloaded) == ["a", "b"]


@pytest.mark.unit
def test_release_with_no_detector_built_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(langid, "_DETECTORS", {})
    assert langid.release_models() == 0
