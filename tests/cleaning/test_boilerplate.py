"""The line model's pieces on small made-up inputs: features, tree evaluation, the gate, and the
comment-section check that keeps menus and link lists out of reader comments."""

from __future__ import annotations

import pytest

from briefing.cleaning.blocks import FEATURES, block_features, function_density, runs_of
from briefing.cleaning.boilerplate import BlockModel, KeepAll, Tree, blank_boilerplate, menu_shaped
from briefing.cleaning.comments import RawComment
from briefing.cleaning.section_check import comment_shaped, real_comments

pytestmark = pytest.mark.unit

PROSE = "The council approved the budget on Monday after a long debate about housing in the city."
PROSE_DE = (
    "Der Stadtrat hat am Montag den Haushalt nach einer langen Debatte über den Wohnungsbau beschlossen."
)
MENU = ["Home", "News", "Sport", "Weather", "Local Elections"]


def column(name: str) -> int:
    return FEATURES.index(name)


def test_runs_give_each_line_its_run_length_and_place():
    blocks, runs = runs_of(["Home", "News", "", PROSE, "", ""])
    assert blocks == ["Home", "News", PROSE]
    assert runs == [(2, 0), (2, 1), (1, 0)]


def test_function_density_reads_every_detection_language():
    assert function_density(PROSE.split()) > 0.3
    assert function_density(PROSE_DE.split()) > 0.3
    assert function_density(MENU) == 0.0


def test_features_tell_prose_from_a_menu_and_find_the_prose_region():
    blocks, runs = runs_of([*MENU, "", PROSE, "", PROSE_DE, "", "Home"])
    rows = block_features(blocks, runs)
    assert all(len(row) == len(FEATURES) for row in rows)
    prose, menu, last = rows[len(MENU)], rows[0], rows[-1]
    assert prose[column("ends_sentence")] == 1.0 and menu[column("ends_sentence")] == 0.0
    assert prose[column("in_prose_region")] == 1.0 and menu[column("in_prose_region")] == 0.0
    assert menu[column("short_no_punct")] == 1.0
    # "Home" appears twice on the page.
    assert last[column("repeated")] == 1.0 and prose[column("repeated")] == 0.0


def stump(feature: str, threshold: float, below: float, above: float) -> Tree:
    return Tree(
        (column(feature), -1, -1), (threshold, 0.0, 0.0), (1, -1, -1), (2, -1, -1), (0.0, below, above)
    )


def test_tree_model_keeps_what_its_trees_score_as_article():
    model = BlockModel(0.0, (stump("ends_sentence", 0.5, -3.0, 3.0),))
    assert model.keep([*MENU, PROSE]) == [False] * len(MENU) + [True]


def test_scraped_page_loses_its_menu_lines_and_keeps_the_rules_lines():
    model = BlockModel(0.0, (stump("ends_sentence", 0.5, -3.0, 3.0),))
    lines = [*MENU, "", PROSE, "", "Advertisement", "", PROSE_DE]
    out, removed = blank_boilerplate(lines, frozenset(), model)
    assert [r.text for r in removed] == MENU
    assert {r.reason for r in removed} == {"boilerplate"}
    # Chrome the pattern rules know ("Advertisement") stays theirs; blanked lines keep paragraphs apart.
    assert out == ["", "", "", "", "", "", PROSE, "", "Advertisement", "", PROSE_DE]


def test_text_without_menu_lines_is_left_to_the_rules():
    model = BlockModel(0.0, (stump("ends_sentence", 0.5, -3.0, 3.0),))
    lines = [PROSE, "", "The mayor said the", "money would arrive in", "autumn."]
    assert blank_boilerplate(lines, frozenset(), model) == (lines, ())
    assert blank_boilerplate([*MENU, PROSE], frozenset(), KeepAll()) == ([*MENU, PROSE], ())


def test_menu_shape_is_short_capitalised_and_unfinished():
    assert menu_shaped("Latest News")
    assert not menu_shaped("The mayor said the")
    assert not menu_shaped("money would arrive")
    assert not menu_shaped("Read this.")


def test_a_menu_block_is_not_a_comment_section():
    menu = RawComment("Most read\nPolitics\nBusiness\nSport\nTravel")
    assert not comment_shaped(menu.text)
    assert not real_comments([menu, RawComment("Tags\nbudget\nhousing")], None, headed=True)


def test_by_lines_are_not_commenters_and_real_comments_still_are():
    article = RawComment(PROSE, author="By Staff Reporter")
    assert not real_comments([article], None, headed=False)
    comments = [RawComment("I agree, this was overdue.", "Anna"), RawComment("Not in my street!", "Tom")]
    assert real_comments(comments, None, headed=False)
    # Without authors, a header's count or a header over nothing but comment-shaped blocks is enough.
    plain = [RawComment("One."), RawComment("Two.")]
    assert real_comments(plain, 2, headed=True)
    assert real_comments(plain, None, headed=True)
    assert not real_comments(plain, None, headed=False)
