"""translate_digests with tiny models: summaries to targets, foreign segments to English, pivot."""

from __future__ import annotations

import pytest

from briefing.records import Summary
from briefing.translate import TranslationRequest, translate_digests, translate_texts
from tests.models.factories import make_digest, mixed_comment

pytestmark = pytest.mark.tiny_model


def with_summary(digest, language="en", text="The council will rebuild the bridge. A ferry runs meanwhile."):
    from dataclasses import replace

    return replace(digest, summary=Summary(language, text, "abstractive", "some/model"))


def test_summary_and_foreign_segments_are_translated(tiny_settings, validate_digest):
    digest = with_summary(make_digest(comments=[mixed_comment()]))
    (out,) = translate_digests([digest], tiny_settings)

    assert [t.language for t in out.translations] == ["fr", "de"]
    assert [t.model for t in out.translations] == ["Helsinki-NLP/opus-mt-en-fr", "Helsinki-NLP/opus-mt-en-de"]
    en_segment, fr_segment = out.comments[0].segments
    assert en_segment.translation is None
    assert fr_segment.translation.language == "en"
    assert fr_segment.translation.model == "Helsinki-NLP/opus-mt-fr-en"
    assert fr_segment.text == mixed_comment().segments[1].text  # the original stays
    assert "translation-unavailable" not in out.flag_codes()
    validate_digest(out.to_dict())


def test_digest_without_summary_gets_no_translations(tiny_settings):
    (out,) = translate_digests([make_digest()], tiny_settings)
    assert out.translations is None


def test_french_summary_is_translated_to_english_and_pivots_to_german(tiny_settings):
    digest = with_summary(make_digest(language="fr"), "fr", "Le conseil reconstruira le pont.")
    (out,) = translate_digests([digest], tiny_settings)
    by_lang = {t.language: t.model for t in out.translations}
    assert by_lang == {
        "en": "Helsinki-NLP/opus-mt-fr-en",
        "de": "Helsinki-NLP/opus-mt-fr-en -> Helsinki-NLP/opus-mt-en-de",
    }
    assert "translation-pivot" in out.flag_codes()


def test_tiny_batch_of_mixed_pairs_keeps_order(tiny_settings):
    sentences = [f"Phrase numéro {n} pour le test." for n in range(7)]
    requests = [TranslationRequest("fr", "en", s) for s in sentences]
    requests += [TranslationRequest("de", "en", "Ein Satz."), TranslationRequest("fr", "en", sentences[3])]
    outcomes = translate_texts(requests, tiny_settings.replace(batch_size=4))
    assert all(o.text is not None for o in outcomes)
    assert [o.model for o in outcomes] == ["Helsinki-NLP/opus-mt-fr-en"] * 7 + [
        "Helsinki-NLP/opus-mt-de-en",
        "Helsinki-NLP/opus-mt-fr-en",
    ]
    # The same sentence at two places of the run comes back the same (greedy, same batch shape).
    assert outcomes[8].text == outcomes[3].text


def test_unknown_language_segment_is_flagged_not_fatal(tiny_settings):
    from briefing.records import Comment, Segment

    comment = Comment("Tere hommikust.", "et", (Segment("Tere hommikust.", "et", 0.6),))
    (out,) = translate_digests([with_summary(make_digest(comments=[comment]))], tiny_settings)
    assert out.comments[0].segments[0].translation is None
    assert any(f.code == "translation-unavailable" and "et→en" in f.detail for f in out.flags)
    assert [t.language for t in out.translations] == ["fr", "de"]
