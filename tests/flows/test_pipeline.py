"""Pure pipeline helpers: language options, cache keys, status rows, the run's Markdown briefing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.records import ArticleFailure, Digest, Flag, Source, Summary, Translation
from briefing.run import inputs, keys, options, report
from briefing.settings import Settings

pytestmark = pytest.mark.unit


def _digest(article_id: str = "story-0123456789", language: str = "en", **changes) -> Digest:
    base = Digest(
        article_id=article_id,
        source=Source(path=f"in/{article_id}.txt", sha256="cd" * 32, encoding="utf-8"),
        title="Council approves <b>budget</b>",
        language=language,
        body=("First paragraph.",),
    )
    return Digest(**{**base.__dict__, **changes})


def test_languages_keep_the_briefing_language_and_translate_to_the_others():
    settings = options.run_settings(Settings(), languages=["en", "fr", "de"])
    assert settings.briefing_language == "en"
    assert settings.target_languages == ("fr", "de")
    assert options.run_settings(Settings(), languages=["en"]).target_languages == ()
    assert options.target_languages(["de", "EN", "de", "fr"], "en") == ("de", "fr")


def test_parse_languages_rejects_unknown_codes_by_name():
    assert options.parse_languages("en, fr,de", ("en", "fr", "de")) == ("en", "fr", "de")
    with pytest.raises(ValueError, match="xx"):
        options.parse_languages("en,xx", ("en", "fr"))
    with pytest.raises(ValueError):
        options.parse_languages(" , ", ("en",))


def test_summary_length_option_keeps_min_below_max():
    settings = options.run_settings(Settings(), summary_max_tokens=20)
    assert settings.summary_max_tokens == 20
    assert settings.summary_min_tokens <= 20


def _keys(settings: Settings, ref: inputs.ArticleRef, digest: Digest) -> tuple[str, str, str]:
    stamps = keys.ModelStamps(settings)
    clean = keys.clean_key(ref, settings)
    summary = keys.summary_key(clean, digest, settings, stamps)
    return clean, summary, keys.translation_key(summary, digest, settings, stamps)


def test_language_list_changes_only_the_translation_key():
    ref = inputs.ArticleRef("in/a.txt", "ab" * 32)
    digest = _digest()
    before = _keys(options.run_settings(Settings(), languages=["en", "fr", "de"]), ref, digest)
    after = _keys(options.run_settings(Settings(), languages=["en", "fr"]), ref, digest)
    assert before[:2] == after[:2]
    assert before[2] != after[2]


def test_content_and_summary_settings_change_the_right_keys():
    settings = Settings()
    digest = _digest()
    ref = inputs.ArticleRef("in/a.txt", "ab" * 32)
    base = _keys(settings, ref, digest)
    changed_bytes = _keys(settings, inputs.ArticleRef("in/a.txt", "ef" * 32), digest)
    assert all(a != b for a, b in zip(base, changed_bytes, strict=True))
    shorter = _keys(settings.replace(summary_max_tokens=60), ref, digest)
    assert shorter[0] == base[0] and shorter[1] != base[1] and shorter[2] != base[2]
    flagged = _keys(settings.replace(summary_check="flag"), ref, digest)  # the check shapes the summary
    assert flagged[0] == base[0] and flagged[1] != base[1]
    # Unrelated settings (where outputs go, batch size) do not invalidate anything.
    same = _keys(settings.replace(output_dir=Path("elsewhere"), batch_size=3), ref, digest)
    assert same == base


def test_a_rebuilt_or_new_model_folder_changes_the_summary_key(tmp_path: Path):
    settings = Settings(model_dir=tmp_path)
    ref = inputs.ArticleRef("in/a.txt", "ab" * 32)
    digest = _digest()
    missing = _keys(settings, ref, digest)
    folder = tmp_path / settings.summarizer.replace("/", "--")
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    present = _keys(settings, ref, digest)
    assert present[0] == missing[0] and present[1] != missing[1]
    (folder / "model.safetensors").write_bytes(b"new weights")
    os.utime(folder / "config.json", ns=(1, 1))
    rebuilt = _keys(settings, ref, digest)
    assert rebuilt[1] not in (present[1], missing[1])


def test_translation_models_cover_comment_languages_and_targets():
    from briefing.records import Comment, Segment

    comment = Comment("Bonjour.", "fr", (Segment("Bonjour.", "fr"),))
    ids = keys.translation_model_ids(_digest(comments=(comment,)), Settings(target_languages=("de",)))
    assert "Helsinki-NLP/opus-mt-fr-en" in ids
    assert "Helsinki-NLP/opus-mt-en-de" in ids
    assert all(not i.endswith("-en-en") for i in ids)


def test_unreadable_inputs_become_failures_and_readable_ones_refs(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("Some text\n")
    refs, failures = inputs.article_refs([good, tmp_path / "missing.txt"])
    assert [r.path for r in refs] == [str(good)]
    assert failures == [ArticleFailure(str(tmp_path / "missing.txt"), "no such file")]


def test_expand_inputs_defaults_to_the_bundled_examples():
    assert inputs.default_input_paths() == [inputs.EXAMPLES_DIR]
    assert inputs.EXAMPLES_DIR.name == "examples"


def test_status_rows_and_markdown_briefing(tmp_path: Path):
    ok = _digest(
        summary=Summary("en", "A *short* summary <i>.", "abstractive", "m"),
        translations=(Translation("fr", "Un résumé.", "m2"),),
    )
    degraded = _digest(
        "other-0123456789",
        flags=(Flag("extractive-fallback", "no model"),),
        summary=Summary("en", "Picked.", "extractive", None),
    )
    failure = ArticleFailure("in/bad.txt", "empty file")
    rows = report.status_rows([ok, degraded], [failure])
    assert [(r["article"], r["status"]) for r in rows] == [
        ("story-0123456789", "ok"),
        ("other-0123456789", "degraded"),
        ("-", "failed"),
    ]
    assert rows[1]["flags"] == "extractive-fallback" and rows[2]["flags"] == "empty file"
    files = {"story-0123456789": {"json": tmp_path / "d" / "story-0123456789.json"}}
    text = report.briefing_markdown([ok, degraded], [failure], files, tmp_path / "index.html")
    assert "1 ok, 1 degraded; 1 failed" in text
    assert (tmp_path / "d" / "story-0123456789.json").as_uri() in text
    assert "<b>" not in text and "<i>" not in text  # article text never becomes markup
    assert "Un résumé." in text and "in/bad.txt" in text and "empty file" in text
