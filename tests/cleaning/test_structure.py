"""Article and comment-section structure on small hand-made pages (no language detection)."""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_text
from briefing.cleaning.article import find_title
from briefing.records import Related

pytestmark = pytest.mark.unit

P1 = "The council approved the budget on Monday after a long debate about housing."
P2 = "Opposition members said the plan did too little for young families in the city."
P3 = "A final vote on the transport section is expected before the summer break."


def page(*lines: str) -> str:
    return "\n".join(lines)


def reasons(result) -> list[str]:
    return [r.reason for r in result.removed]


# --- body ---------------------------------------------------------------------------------------


def test_paragraphs_are_blank_line_blocks_and_wrapped_lines_are_joined():
    result = clean_text(page(P1, "", "The mayor said the", "money would arrive in", "autumn.", "", P2))
    assert result.body == (P1, "The mayor said the money would arrive in autumn.", P2)


def test_sentence_lines_in_one_block_stay_separate_paragraphs():
    assert clean_text(page(P1, P2, P3)).body == (P1, P2, P3)


def test_ads_inside_a_wrapped_paragraph_do_not_split_it():
    result = clean_text(page(P1, "", "The mayor said the", "Advertisement", "money would arrive.", "", P2))
    assert result.body == (P1, "The mayor said the money would arrive.", P2)
    assert reasons(result) == ["advertisement"]


def test_blank_lines_are_not_logged():
    result = clean_text(page("", P1, "", "", "Advertisement", "", "", P2, ""))
    assert [r.text for r in result.removed] == ["Advertisement"]


# --- title --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["City approves budget", "", P1, "", P2], "City approves budget"),
        (["City approves budget", "By Jane Doe", "", P1], "City approves budget"),
        ([P1, "", P2], None),  # first line is a sentence
        (["City approves budget", P1, "", P2], None),  # not standing alone: could be a wrapped line
        (["Advertisement", "", P1], None),
        (["Only a headline"], None),
    ],
)
def test_title_detection(lines, title):
    assert find_title(lines)[0] == title
    result = clean_text(page(*lines))
    assert result.title == title
    if title:
        assert title not in result.body
        assert title not in [r.text for r in result.removed]


# --- related boxes ------------------------------------------------------------------------------


def test_box_with_headlines_and_glued_teaser_then_body_resumes():
    result = clean_text(
        page(
            P1,
            "",
            "Related coverage",
            "Harbour strike enters its second week",
            "Dock workers want a new pay deal before the summer season.",
            "Why the ferry timetable keeps changing",
            "",
            P2,
        )
    )
    assert result.body == (P1, P2)
    assert result.related == (
        Related(
            "Harbour strike enters its second week",
            "Dock workers want a new pay deal before the summer season.",
        ),
        Related("Why the ferry timetable keeps changing", None),
    )
    assert reasons(result) == ["related-header"]


def test_body_paragraph_after_a_compact_box_is_not_taken_as_a_teaser():
    result = clean_text(page(P1, "", "Read more", "Harbour strike enters its second week", "", P2))
    assert result.body == (P1, P2)
    assert result.related == (Related("Harbour strike enters its second week", None),)


def test_spaced_box_headline_then_teaser_in_the_next_block():
    result = clean_text(
        page(
            P1,
            "",
            "More on this topic",
            "",
            "Harbour strike enters its second week",
            "",
            "Dock workers want more.",
            "",
            P2,
        )
    )
    assert result.related == (Related("Harbour strike enters its second week", "Dock workers want more."),)
    assert result.body == (P1, P2)


def test_headline_glued_above_the_header_is_deduplicated_with_the_box_entry():
    headline = "‘We Stayed’ — The Family Who Kept the Bakery Open"
    result = clean_text(
        page(
            P1,
            "",
            P2,
            "",
            headline,
            "More on this topic",
            "",
            headline,
            "",
            "They explain why they never left.",
            "",
            P3,
        )
    )
    assert result.body == (P1, P2, P3)
    assert result.related == (Related(headline, "They explain why they never left."),)


def test_headline_glued_to_the_end_of_a_body_block_before_a_header_block():
    headline = "Harbour strike enters its second week"
    result = clean_text(page(P1, P2, headline, "", "Lire aussi", "Le port de Marseille se modernise", "", P3))
    assert result.body == (P1, P2, P3)
    assert [r.title for r in result.related] == [headline, "Le port de Marseille se modernise"]


def test_inline_read_more_lines_are_related_entries():
    result = clean_text(page(P1, "", "Read more: Harbour strike enters its second week", "", P2))
    assert result.related == (Related("Harbour strike enters its second week", None),)
    assert result.body == (P1, P2)
    assert result.removed == ()


# --- comment section ----------------------------------------------------------------------------


def test_comment_section_needs_a_paragraph_before_it():
    # A counter near the top is chrome, not the start of the comments.
    result = clean_text(page("12 Comments", "", P1, "", P2, "", "Comments (1)", "", "Nice piece, thanks."))
    assert result.body == (P1, P2)
    assert [c.text for c in result.comments] == ["Nice piece, thanks."]
    assert reasons(result) == ["comment-header", "comment-header"]


def test_author_and_timestamp_lines_and_chrome_split_comments():
    result = clean_text(
        page(
            P1,
            "",
            "Comments (3)",
            "Sort by: Newest",
            "",
            "Maria K. · 2 hours ago",
            "First line of Maria.",
            "Second line of Maria.",
            "Reply · Like · Report",
            "",
            "Jonas Weber",
            "3 hours ago",
            "Endlich eine gute Nachricht.",
            "",
            "Noch ein Absatz von Jonas.",
            "Reply · 12 Likes · Report",
            "",
            "lucia_travels wrote:",
            "Ojalá llegue pronto.",
        )
    )
    assert [(c.author, c.text) for c in result.comments] == [
        ("Maria K.", "First line of Maria.\nSecond line of Maria."),
        ("Jonas Weber", "Endlich eine gute Nachricht.\n\nNoch ein Absatz von Jonas."),
        ("lucia_travels", "Ojalá llegue pronto."),
    ]
    assert reasons(result) == [
        "comment-header",
        "comment-ui",
        "comment-meta",
        "comment-ui",
        "comment-meta",
        "comment-meta",
        "comment-ui",
        "comment-meta",
    ]


def test_count_hint_splits_at_the_widest_gap():
    result = clean_text(
        page(
            P1,
            "",
            "2 Comments",
            "",
            "First comment.",
            "",
            "",
            "Second comment, paragraph one.",
            "",
            "Paragraph two.",
        )
    )
    assert [c.text for c in result.comments] == [
        "First comment.",
        "Second comment, paragraph one.\n\nParagraph two.",
    ]


def test_without_count_or_chrome_every_block_is_a_comment():
    result = clean_text(page(P1, "", "Join the conversation", "", "One.", "", "Two.", "", "Three."))
    assert [c.text for c in result.comments] == ["One.", "Two.", "Three."]


def test_spoiler_notices_separate_comments_and_are_removed():
    notice = "This comment contains spoilers. Click here if you want to read."
    result = clean_text(page(P1, "", "Comments (2)", notice, "", "A.", "B.", notice, "", "C.", "", "D."))
    assert [c.text for c in result.comments] == ["A.\nB.", "C.\n\nD."]
    assert reasons(result) == ["comment-header", "spoiler-notice", "spoiler-notice"]


def test_more_comments_than_the_count_are_kept():
    result = clean_text(page(P1, "", "Comments (1)", "Ann · 1 hour ago", "A.", "Bob · 2 hours ago", "B."))
    assert [(c.author, c.text) for c in result.comments] == [("Ann", "A."), ("Bob", "B.")]


def test_ads_between_comments_are_removed_not_kept_as_words():
    result = clean_text(page(P1, "", "Kommentare", "Klaus · vor 2 Stunden", "Gut.", "Anzeige", "Mehr davon."))
    assert [c.text for c in result.comments] == ["Gut.\nMehr davon."]
    assert "advertisement" in reasons(result)
