"""The checks inside the stages, with a scripted engine: chosen summaries and translations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

import briefing.translate as translate_module
from briefing.models import cache
from briefing.models.resolve import ResolvedModel
from briefing.records import Summary
from briefing.render import render_html, render_markdown
from briefing.settings import Settings
from briefing.summarize import summarize_digests
from briefing.translate import translate_digests
from tests.models.factories import FakeEngine, make_digest, mixed_comment

SUMMARIZER = "sshleifer/distilbart-cnn-12-6"
FAITHFUL = "The city council approved a plan to rebuild the old harbour bridge by 2027."
INVENTED_FIGURE = "The new bridge will cost 1.4 billion."
INVENTED_NAME = "Mayor Laura Chen opposed the plan in the council."
COMMON_NOUN = "Residents asked for a temporary ferry during the works."


class ScriptedEngine(FakeEngine):
    """Echoes like :class:`FakeEngine`, then ``script`` turns the echoed input into the output."""

    def __init__(self, model_id: str, script: Callable[[str], str]) -> None:
        super().__init__(model_id, max_input_tokens=2000)
        self.script = script

    def detokenize(self, ids) -> str:
        return self.script("".join(chr(i) for i in ids))


@pytest.fixture
def scripted(monkeypatch):
    """``scripted[model_id] = function(input) -> output`` decides what each model answers."""
    scripts: dict[str, Callable[[str], str]] = {}

    def resolve(model_id: str, settings: Settings) -> ResolvedModel:
        return ResolvedModel(model_id, f"/scripted/{model_id}", "local-test", True)

    def load(resolved: ResolvedModel, settings: Settings, engine: str):
        return ScriptedEngine(resolved.model_id, scripts.get(resolved.model_id, lambda text: text))

    monkeypatch.setattr(cache, "resolve_cached", resolve)
    monkeypatch.setattr(translate_module, "resolve_cached", resolve)
    monkeypatch.setattr(cache, "_load", load)
    cache.clear_model_cache()
    yield scripts
    cache.clear_model_cache()


def summarize(scripted, summary: str, **settings) -> object:
    scripted[SUMMARIZER] = lambda _input: summary
    (out,) = summarize_digests(
        [make_digest()], Settings(summary_max_tokens=60, summary_min_tokens=0, **settings)
    )
    return out


@pytest.mark.unit
def test_invented_figure_is_dropped_and_said_in_one_sentence(scripted, validate_digest):
    out = summarize(scripted, f"{FAITHFUL} {INVENTED_FIGURE} {COMMON_NOUN}")
    assert out.summary.method == "abstractive"
    assert out.summary.text == f"{FAITHFUL} {COMMON_NOUN}"  # the sentence-initial common noun stays
    check = out.summary.check
    assert (check.mode, check.sentences) == ("drop", 3)
    assert [(u.text, u.missing, u.dropped) for u in check.unsupported] == [
        (INVENTED_FIGURE, ("1.4 billion",), True)
    ]
    (flag,) = [f for f in out.flags if f.code == "unsupported-content"]
    assert (flag.stage, flag.cause, flag.target, flag.models) == (
        "check",
        "unsupported-content",
        "summary",
        (SUMMARIZER,),
    )
    validate_digest(out.to_dict())
    page = render_html(out)
    assert "1 sentence removed: the article does not mention 1.4 billion" in page
    assert "1.4 billion." not in page.split('id="summary"')[1].split("</section>")[0].replace(
        "mention 1.4", ""
    )


@pytest.mark.unit
def test_invented_name_is_dropped(scripted):
    out = summarize(scripted, f"{FAITHFUL} {INVENTED_NAME} {COMMON_NOUN}")
    assert [u.missing for u in out.summary.check.unsupported] == [("Laura", "Chen")]
    assert INVENTED_NAME not in out.summary.text


@pytest.mark.pipeline
def test_under_half_left_falls_back_to_the_extractive_summary(scripted, validate_digest):
    out = summarize(scripted, f"{INVENTED_FIGURE} {INVENTED_NAME} {FAITHFUL}")
    assert out.summary.method == "extractive"
    assert {"extractive-fallback", "unsupported-content"} <= set(out.flag_codes())
    assert len(out.summary.check.unsupported) == 2
    validate_digest(out.to_dict())


@pytest.mark.unit
def test_flag_mode_keeps_the_sentence_and_marks_it_on_the_page(scripted, validate_digest):
    text = f"{FAITHFUL} {INVENTED_FIGURE} {COMMON_NOUN}"
    out = summarize(scripted, text, summary_check="flag")
    assert out.summary.text == text
    assert [u.dropped for u in out.summary.check.unsupported] == [False]
    validate_digest(out.to_dict())
    assert (
        f'<mark class="unsupported" title="Not supported by the article">{INVENTED_FIGURE}</mark>'
        in render_html(out)
    )
    assert f"**[unsupported]** _{INVENTED_FIGURE}_" in render_markdown(out).replace("\\.", ".")


@pytest.mark.unit
def test_off_is_the_unchecked_summary(scripted):
    text = f"{FAITHFUL} {INVENTED_FIGURE}"
    out = summarize(scripted, text, summary_check="off")
    assert out.summary.text == text and out.summary.check.mode == "off"
    assert "unsupported-content" not in out.flag_codes()


@pytest.mark.unit
def test_article_summarized_through_a_translation_is_checked_against_that_translation(scripted):
    english = {"Le conseil a voté 2 500 logements.": "The council voted for 2,500 homes."}
    scripted["Helsinki-NLP/opus-mt-fr-en"] = lambda text: english.get(text.strip(), text)
    scripted[SUMMARIZER] = lambda _input: "The council voted for 2 500 homes. It costs 9 million."
    digest = make_digest(language="fr", body=["Le conseil a voté 2 500 logements."] * 6)
    (out,) = summarize_digests([digest], Settings(summary_max_tokens=20, summary_min_tokens=0))
    assert "summary-via-translation" in out.flag_codes()
    assert [u.missing for u in out.summary.check.unsupported] == [("9 million",)]


def with_summary(text: str):
    return replace(
        make_digest(comments=[mixed_comment()]), summary=Summary("en", text, "abstractive", SUMMARIZER)
    )


@pytest.mark.unit
def test_number_changed_by_translation_is_flagged(scripted, validate_digest):
    scripted["Helsinki-NLP/opus-mt-en-fr"] = lambda text: "Le pont coûtera 14 millions d'euros."
    scripted["Helsinki-NLP/opus-mt-en-de"] = lambda text: "Die Brücke kostet 4 Millionen Euro."
    scripted["Helsinki-NLP/opus-mt-fr-en"] = lambda text: "Finally a good decision for the neighbourhood!"
    (out,) = translate_digests([with_summary("The bridge will cost 4 million euros.")], Settings())
    (flag,) = [f for f in out.flags if f.code == "translation-mismatch"]
    assert (flag.stage, flag.cause, flag.target, flag.pair) == (
        "check",
        "translation-mismatch",
        "translation:fr",
        "en-fr",
    )
    assert flag.models == ("Helsinki-NLP/opus-mt-en-fr",)
    validate_digest(out.to_dict())
    page = render_html(out)
    summary_section = page.split('id="summary"')[1].split("</section>")[0]
    assert summary_section.index("The bridge will cost") < summary_section.index(
        "14 millions"
    )  # original first
    assert summary_section.count("this machine translation has different figures") == 1


@pytest.mark.unit
def test_translation_copying_the_source_is_flagged(scripted, validate_digest):
    scripted["Helsinki-NLP/opus-mt-fr-en"] = lambda text: text  # the French comment comes back unchanged
    scripted["Helsinki-NLP/opus-mt-en-fr"] = lambda text: "Le pont sera reconstruit."
    scripted["Helsinki-NLP/opus-mt-en-de"] = lambda text: "Die Brücke wird neu gebaut."
    (out,) = translate_digests([with_summary("The bridge will be rebuilt.")], Settings())
    flags = [f for f in out.flags if f.stage == "check"]
    assert [(f.code, f.target, f.pair) for f in flags] == [("untranslated-output", "comment:1", "fr-en")]
    validate_digest(out.to_dict())
    assert "looks untranslated" in render_html(out)


@pytest.mark.unit
def test_fallback_of_a_translated_article_is_its_own_body_not_via_translation(scripted):
    scripted["Helsinki-NLP/opus-mt-fr-en"] = lambda text: "The council voted for 2,500 homes."
    scripted[SUMMARIZER] = lambda _input: "It costs 9 million. Pierre Lamy said so. The council voted."
    digest = make_digest(language="fr", body=["Le conseil a voté 2 500 logements."] * 6)
    (out,) = summarize_digests([digest], Settings(summary_max_tokens=20, summary_min_tokens=0))
    assert out.summary.method == "extractive" and out.summary.language == "fr"
    assert "summary-via-translation" not in out.flag_codes()
    assert {"extractive-fallback", "unsupported-content"} <= set(out.flag_codes())
