"""Every flag code the pipeline can emit has a plain sentence; pages, banner and console say the actual
case (random test models, models missing, offline, a model that failed) and its fix, never a raw code."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from briefing.records import Flag, Summary
from briefing.render import render_html
from briefing.render.advice import ADVICE, degradation_case
from briefing.render.edition import edition_markdown
from briefing.render.flags import FLAG_TEXT
from briefing.render.index import render_index
from briefing.render.quality import quality_notes
from briefing.run.report import briefing_markdown
from briefing.run.summary import summary_lines
from tests.models.factories import make_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


def _emitted_codes() -> set[str]:
    """Codes in ``Flag("code", ...)`` / ``Flag(CONSTANT, ...)`` calls and ``*_FLAG = "code"`` constants
    anywhere in the code."""
    codes: set[str] = set()
    for folder in ("briefing", "tasks", "flows"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = {
                t.id: node.value.value
                for node in tree.body
                if isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                for t in node.targets
                if isinstance(t, ast.Name)
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Flag" and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        codes.add(first.value)
                    if isinstance(first, ast.Name) and first.id in constants:
                        codes.add(constants[first.id])
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                    names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                    if any(n.endswith("_FLAG") for n in names) and isinstance(node.value.value, str):
                        codes.add(node.value.value)
    return codes


def test_the_walk_finds_the_codes_the_pipeline_emits():
    codes = _emitted_codes()
    # Not vacuous: codes from cleaning, summary, translation, sources and test models are all found.
    assert {"decoded-with-replacement", "chunked", "translation-truncated", "feed-text-fallback"} <= codes
    assert {"test-model", "body-too-short", "model-unavailable"} <= codes


@pytest.mark.parametrize("code", sorted(_emitted_codes()))
def test_every_emitted_code_has_a_plain_sentence_and_no_page_shows_it(code: str):
    assert code in FLAG_TEXT, f"flag code {code!r} has no plain sentence in briefing/render/flags.py"
    flag = Flag(code, "x→y: something happened")
    summary = Summary(language="en", text="The harbour reopened.", method="abstractive", model="m")
    digest = dataclasses.replace(make_digest("a-0123456789"), summary=summary).with_flags(flag)
    for note in quality_notes([digest]):
        assert code not in note.text
    page, _ = parse(render_html(digest))
    # Only the collapsed technical "Details" may name the code.
    assert not any(code in t.text() for t in page.find_all(cls="flag-text"))
    lines = summary_lines([digest], [])
    assert not any(code in line for line in lines), lines
    assert code not in briefing_markdown([digest], [], {}, None)  # the run's artifact in the Prefect UI


def _degraded(*flags: Flag):
    return make_digest("b-0123456789").with_flags(*flags)


DISTILBART = ("sshleifer/distilbart-cnn-12-6",)
CASES = {
    "test-models": Flag(
        "test-model",
        "random test models: sshleifer/distilbart-cnn-12-6",
        models=DISTILBART,
        cause="test-model",
    ),
    "offline": Flag(
        "model-unavailable",
        "sshleifer/distilbart-cnn-12-6: not in BRIEFING_MODEL_DIR, not in the Hugging Face cache, "
        "and offline",
        stage="summary",
        models=DISTILBART,
        cause="offline",
    ),
    "models-missing": Flag(
        "translation-unavailable",
        "de→en: Helsinki-NLP/opus-mt-de-en not found",
        stage="translation",
        pair="de-en",
        models=("Helsinki-NLP/opus-mt-de-en",),
        cause="model-missing",
    ),
    "model-failed": Flag(
        "extractive-fallback",
        "sshleifer/distilbart-cnn-12-6: CUDA error; summary is lead",
        stage="summary",
        models=DISTILBART,
        cause="failed",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_console_and_banner_name_the_actual_case_and_its_fix(case: str):
    digests = [_degraded(CASES[case])]
    advice = degradation_case(digests)
    assert advice is ADVICE[case]
    lines = summary_lines(digests, [])
    assert lines[1] == f"Degraded because: {advice.reason} in 1 digest(s)"
    assert lines[2] == "Fix: " + advice.fix.replace("`", "")
    assert "see the flags" not in lines[2]
    banner = parse(render_index(digests, []))[0].by_id("banner")
    assert advice.headline in banner.text()
    assert banner.find("code").text() in advice.fix
    assert advice.headline in edition_markdown(digests, [], "2026-12-02 06:30")
    # The cases say different things: a reader can tell test models from missing models from offline.
    assert len({a.headline for a in ADVICE.values()}) == len(ADVICE)


def test_test_models_say_so_even_beside_missing_models():
    digests = [_degraded(CASES["models-missing"]), _degraded(CASES["test-models"])]
    lines = summary_lines(digests, [])
    assert lines[1].startswith("Degraded because: made with random test models")
    assert "also: models are not installed" in lines[1]
    assert "unset it" in lines[2] and "briefing models pull" in lines[2]


def test_an_offline_run_is_one_case_whatever_each_flag_says():
    offline_summary = CASES["offline"]
    digests = [
        _degraded(
            offline_summary,
            Flag("extractive-fallback", "distilbart is unavailable; summary is lead", cause="offline"),
        ),
        _degraded(
            CASES["models-missing"],
            Flag(
                "extractive-fallback",
                "no summarizer for 'fr' and its body could not be translated to en",
                cause="translation-unavailable",
            ),
        ),
    ]
    lines = summary_lines(digests, [])
    assert lines[1] == f"Degraded because: {ADVICE['offline'].reason} in 2 digest(s)"


def test_tiny_model_page_has_no_raw_code():
    flags = (
        CASES["test-models"],
        Flag("translation-truncated", "en→fr: a piece reached the 512-token output cap"),
    )
    page, _ = parse(render_html(_degraded(*flags)))
    texts = [t.text() for t in page.find_all(cls="flag-text")]
    assert texts and not any("translation-truncated" in t or t.startswith("Note:") for t in texts)
