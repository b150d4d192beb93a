"""Pages, Markdown and feeds read a flag's fields (stage, pair, models, cause, target), never ``detail``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from briefing.records import ArticleFailure, Digest, Flag
from briefing.render import render_html, render_markdown
from briefing.render.advice import digest_cases
from briefing.render.edition import edition_markdown
from briefing.render.index import failure_reason, render_index
from briefing.render.quality import quality_notes, technical_line
from tests.render.conftest import friendly_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit

WHEN = datetime(2024, 1, 2, 8, 0, tzinfo=UTC)


def _unavailable(pair: str, cause: str, *models: str, detail: str = "words nobody parses") -> Flag:
    return Flag(
        "translation-unavailable",
        detail,
        stage="translation",
        pair=pair,
        models=models or None,
        cause=cause,
    )


def test_details_line_is_built_from_the_fields_alone():
    flag = _unavailable("es-en", "model-missing", "Helsinki-NLP/opus-mt-es-en", detail="")
    assert technical_line(flag) == (
        "translation-unavailable · es → en · Helsinki-NLP/opus-mt-es-en · model not installed"
    )
    failed = Flag("model-unavailable", "", stage="summary", models=("org/sum",), cause="failed")
    assert technical_line(failed) == "model-unavailable · org/sum · model failed while running"
    # A detail that names a pair and a model, on a flag without fields: nothing is read from it.
    bare = Flag("translation-unavailable", "fr→en: Helsinki-NLP/opus-mt-fr-en not found")
    assert technical_line(bare) == "translation-unavailable · model failed while running"


def test_check_flags_name_their_pair_not_their_model():
    flag = Flag(
        "translation-mismatch",
        "de→en: the translation does not have Elf",
        stage="check",
        pair="de-en",
        models=("Helsinki-NLP/opus-mt-de-en",),
        cause="translation-mismatch",
        target="comment:2",
    )
    assert technical_line(flag) == "translation-mismatch · de → en"


def test_untranslated_notes_read_pair_and_cause():
    digest = friendly_digest(
        flags=(
            _unavailable("de-en", "model-missing", "Helsinki-NLP/opus-mt-de-en"),
            _unavailable("en-fr", "failed", "Helsinki-NLP/opus-mt-en-fr"),
        ),
        translations=(),
    )
    texts = [n.text for n in quality_notes([digest])]
    assert "The summary was not translated into French: the translation model failed." in texts
    assert "Reader comments in German were not translated: the translation model failed." in texts
    root, _ = parse(render_html(digest))
    note = root.by_id("comment-2").find(cls="untranslated").text()
    assert note == "Not translated (de → en): no translation model is installed"


def test_offline_is_read_from_the_cause():
    offline = Flag(
        "model-unavailable", "org/sum: gone", stage="summary", models=("org/sum",), cause="offline"
    )
    missing = replace(offline, cause="model-missing", detail="org/sum: offline offline offline")
    assert digest_cases(friendly_digest(flags=(offline,))) == ["offline"]
    assert digest_cases(friendly_digest(flags=(missing,))) == ["models-missing"]


def _reworded(digest: Digest) -> Digest:
    """The same flags, their details in other words (naming other pairs, models and causes)."""
    words = "en→ja: offline, not found; Helsinki-NLP/opus-mt-xx-yy missing"
    return replace(
        digest, flags=tuple(replace(f, detail=f"{words} #{n}") for n, f in enumerate(digest.flags))
    )


def test_rewording_a_flags_detail_changes_no_page_markdown_or_feed(tmp_path):
    from briefing.editions.feeds import FeedInfo, atom_feed, feed_item, json_feed

    digest = friendly_digest()
    other = _reworded(digest)
    assert [f.detail for f in other.flags] != [f.detail for f in digest.flags]
    assert render_html(other, generated_at=WHEN) == render_html(digest, generated_at=WHEN)
    assert render_markdown(other) == render_markdown(digest)
    assert edition_markdown([other], [], "Briefing", generated_at=WHEN) == edition_markdown(
        [digest], [], "Briefing", generated_at=WHEN
    )
    assert render_index([other], [], generated_at=WHEN) == render_index([digest], [], generated_at=WHEN)
    info = FeedInfo("en", "Briefing", "https://example.org/", "https://example.org/feeds/en.xml")

    def feeds(d: Digest) -> tuple[bytes, str]:
        item = feed_item(d, "en", "https://example.org/d.html", "T", WHEN, None)
        return atom_feed(info, [item]), json_feed(info, [item])

    assert feeds(other) == feeds(digest)
    # ...and the page does say what the fields say.
    details = [d for n in quality_notes([digest]) for d in n.details]
    assert "translation-unavailable · de → en · Helsinki-NLP/opus-mt-de-en · model not installed" in details


def test_changing_a_field_changes_the_page():
    digest = friendly_digest()
    failed = replace(digest, flags=tuple(replace(f, cause="failed") for f in digest.flags))
    root, _ = parse(render_html(failed))
    note = root.by_id("comment-2").find(cls="untranslated").text()
    assert note == "Not translated (de → en): the translation model failed"


def test_a_failed_stage_is_read_from_the_failure_not_its_reason():
    raised = ArticleFailure.of_stage("in/a.txt", "translate", "RuntimeError: boom")
    assert raised.reason == "translate failed: RuntimeError: boom"
    assert (
        failure_reason(raised) == "The translate stage failed for this article; the run's log has the error."
    )
    # A reason that merely reads like a stage's is shown as it is.
    plain = ArticleFailure("in/b.txt", "download failed: 404 Not Found")
    assert failure_reason(plain) == "download failed: 404 Not Found"


def test_flag_fields_round_trip_and_validate(validate_digest):
    flags = (
        _unavailable("de-en", "model-missing", "Helsinki-NLP/opus-mt-de-en"),
        Flag("chunked", "2 chunks", stage="summary", target="summary"),
        Flag(
            "translation-mismatch",
            "x",
            stage="check",
            pair="fr-en",
            models=("a/b",),
            cause="c",
            target="comment:2",
        ),
        Flag("something-new", "no fields"),
    )
    digest = friendly_digest(flags=flags)
    data = validate_digest(digest.to_dict())
    assert data["flags"][3] == {"code": "something-new", "detail": "no fields"}
    assert data["flags"][0]["models"] == ["Helsinki-NLP/opus-mt-de-en"]
    assert Digest.from_dict(data) == digest
