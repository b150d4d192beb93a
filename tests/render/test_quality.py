"""Quality notes a reader understands: one sentence per kind, merged, details reduced, no raw errors."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.records import Comment, Flag, Removed, Segment
from briefing.render import render_html, render_markdown
from briefing.render.quality import quality_notes, technical_line
from tests.render.conftest import friendly_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit

RAW_ERROR = "Traceback (most recent call last): RuntimeError: CUDA kernel 0x7f blew up"


def _comment(language: str) -> Comment:
    segment = Segment(text=f"Text in {language}.", language=language, confidence=0.9)
    return Comment(text=segment.text, language=language, segments=(segment,))


def _missing(src: str, tgt: str) -> Flag:
    model = f"Helsinki-NLP/opus-mt-{src}-{tgt}"
    return Flag(
        "translation-unavailable",
        f"{src}→{tgt}: {model} not found",
        stage="translation",
        pair=f"{src}-{tgt}",
        models=(model,),
        cause="model-missing",
    )


def _digest(article_id: str, comment_languages: tuple[str, ...], targets: tuple[str, ...]):
    flags = [_missing(c, "en") for c in comment_languages]
    flags += [_missing("en", t) for t in targets]
    return friendly_digest(
        article_id=article_id,
        comments=tuple(_comment(c) for c in comment_languages),
        flags=tuple(flags),
        translations=(),
    )


def test_one_sentence_per_kind_merged_across_digests_and_pairs():
    digests = [_digest("a-1", ("de", "fr"), ("fr",)), _digest("b-2", ("es", "de"), ("de",))]
    texts = [n.text for n in quality_notes(digests)]
    assert texts == [
        "The summary was not translated into German and French: no translation model is installed.",
        "Reader comments in German, Spanish and French were not translated: "
        "no translation model is installed.",
    ]
    comments = quality_notes(digests)[1]
    assert (
        "translation-unavailable · es → en · Helsinki-NLP/opus-mt-es-en · model not installed"
        in comments.details
    )


def test_raw_exception_text_never_reaches_a_page():
    digest = friendly_digest(
        flags=(
            Flag(
                "model-unavailable",
                f"sshleifer/distilbart-cnn-12-6: {RAW_ERROR}",
                stage="summary",
                models=("sshleifer/distilbart-cnn-12-6",),
                cause="failed",
            ),
            Flag(
                "translation-unavailable",
                f"de→en: {RAW_ERROR}",
                stage="translation",
                pair="de-en",
                cause="failed",
            ),
        )
    )
    assert technical_line(digest.flags[0]) == (
        "model-unavailable · sshleifer/distilbart-cnn-12-6 · model failed while running"
    )
    for page in (render_html(digest), render_markdown(digest)):
        assert "Traceback" not in page and "0x7f" not in page
    notes = [n.text for n in quality_notes([digest])]
    assert "Reader comments in German were not translated: the translation model failed." in notes


def test_test_model_digest_is_never_ok_and_says_so():
    digest = friendly_digest(flags=(Flag("test-model", "random test models: tiny/bart"),))
    root, _ = parse(render_html(digest))
    assert root.by_id("status").text() == "degraded"
    assert root.by_id("test-model-note").text() == "Made with random test models — the text is meaningless."
    assert "made without any degradation" not in root.text()
    assert "Made with random test models — the text is meaningless." in render_markdown(digest)


def test_bidi_controls_are_removed_from_titles_and_names():
    digest = friendly_digest(
        title="Harbour \u202ereopens\u202c after storms",
        comments=(replace(_comment("en"), author="Ca\u2066mi\u2069lle"),),
        flags=(),
    )
    other = "b" * 12
    digest = replace(
        digest,
        removed=(Removed("Adverti\u202esement\u202c", "advertisement"),),
        same_story_as=(other,),
    )
    page = render_html(digest, story_titles={other: "Pier \u2067closes\u2069 today"})
    root, _ = parse(page)
    assert root.by_id("title").text() == "Harbour reopens after storms"
    assert root.find(cls="comment-author").text() == "Camille"
    assert root.by_id("title").attrs["dir"] == "auto"
    markdown = render_markdown(digest, story_titles={other: "Pier \u2067closes\u2069 today"})
    for shown in (page, markdown):  # the "Same story" label and the removed-text table too
        assert not set(shown) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        assert "Pier closes today" in shown and "Advertisement" in shown


def test_reader_language_segments_are_shown_as_written(monkeypatch):
    digest = friendly_digest(comments=(_comment("de"),), flags=())
    monkeypatch.setenv("BRIEFING_READER_LANGUAGES", "de,es")  # the core never reads it: the caller's say
    root, _ = parse(render_html(digest))
    assert not root.by_id("comment-1").find(cls="untranslated").text().startswith("Shown as written")
    root, _ = parse(render_html(digest, reader_languages=("de", "es")))
    note = root.by_id("comment-1").find(cls="untranslated").text()
    assert note == "Shown as written: German is one of your reader languages"


def test_a_stage_failures_exception_text_stays_off_the_page(tmp_path):
    from briefing.records import ArticleFailure
    from briefing.render import write_index

    failure = ArticleFailure.of_stage("in/a.txt", "summarize", RAW_ERROR)
    root, _ = parse(write_index([], [failure], tmp_path).read_text(encoding="utf-8"))
    assert root.find(cls="reason").text() == (
        "The summarize stage failed for this article; the run's log has the error."
    )
    assert "Traceback" not in root.text()
