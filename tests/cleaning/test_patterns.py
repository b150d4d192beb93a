"""Table-driven tests: one table per rule, each line with the reason it must be cut for.

Every rule has lines in several languages, and every table has lines that look close
but are real text and must NOT be cut (a rule that cuts everything would fail those).
"""

from __future__ import annotations

import pytest

from briefing.cleaning.classify import (
    classify_article_line,
    classify_comment_line,
    comment_header,
    is_timestamp,
    looks_like_name,
)
from briefing.cleaning.patterns import PATTERNS, REASONS

pytestmark = pytest.mark.unit


def _reason(line: str) -> str | None:
    found = classify_article_line(line)
    return found.reason if found else None


def _comment_reason(line: str) -> str | None:
    found = classify_comment_line(line)
    return found.reason if found else None


ADVERTISEMENT = [
    ("Advertisement", "en"),
    ("ADVERTISEMENT", "en"),
    ("- Advertisement -", "en"),
    ("Story continues below advertisement", "en"),
    ("Sponsored content", "en"),
    ("Publicité", "fr"),
    ("La suite après cette publicité", "fr"),
    ("Anzeige", "de"),
    ("Werbung", "de"),
    ("Publicidad", "es"),
    ("Pubblicità", "it"),
    ("Publicidade", "pt"),
    ("Advertentie", "nl"),
    ("Reklama", "pl"),
    ("Реклама", "ru"),
]


@pytest.mark.parametrize(("line", "language"), ADVERTISEMENT)
def test_advertisement_lines_are_cut(line, language):
    assert _reason(line) == "advertisement", language


RELATED_HEADERS = [
    ("More on this topic", "en"),
    ("Read more:", "en"),
    ("Related coverage", "en"),
    ("Related", "en"),
    ("You may also like", "en"),
    ("Lire aussi", "fr"),
    ("À lire aussi", "fr"),
    ("Sur le même sujet", "fr"),
    ("Mehr zum Thema", "de"),
    ("Lesen Sie auch", "de"),
    ("Te puede interesar", "es"),
    ("Noticias relacionadas", "es"),
    ("Leggi anche", "it"),
    ("Leia também", "pt"),
    ("Lees ook", "nl"),
    ("Czytaj też", "pl"),
    ("Читайте также", "ru"),
]


@pytest.mark.parametrize(("line", "language"), RELATED_HEADERS)
def test_related_box_headers(line, language):
    found = classify_article_line(line)
    assert found is not None and found.kind == "related_header", language
    assert found.reason == "related-header"


RELATED_INLINE = [
    ("Read more: Ministers clash over rail budget", "Ministers clash over rail budget"),
    ("READ MORE: Ferry strike enters second week", "Ferry strike enters second week"),
    ("Lire aussi : Les trains de nuit reviennent à Paris", "Les trains de nuit reviennent à Paris"),
    ("Lesen Sie auch: Der Hafen wächst weiter", "Der Hafen wächst weiter"),
    ("Leggi anche: Nuove regole per i treni", "Nuove regole per i treni"),
    ("Lee también: El puerto crece otra vez", "El puerto crece otra vez"),
]


@pytest.mark.parametrize(("line", "title"), RELATED_INLINE)
def test_inline_related_lines_give_their_headline(line, title):
    found = classify_article_line(line)
    assert found is not None and found.kind == "related_inline"
    assert found.title == title
    assert found.reason is None  # the line goes to `related`, not `removed`


SHARE_AND_NEWSLETTER = [
    ("Share this article", "share-bar"),
    ("Share on Facebook", "share-bar"),
    ("Facebook Twitter LinkedIn Email", "share-bar"),
    ("Share | Tweet | Email | Print", "share-bar"),
    ("Partager cet article", "share-bar"),
    ("Artikel teilen", "share-bar"),
    ("Compartir en WhatsApp", "share-bar"),
    ("Condividi su Facebook", "share-bar"),
    ("Sign up for our daily newsletter", "newsletter"),
    ("Subscribe to our Europe newsletter: the week's biggest stories.", "newsletter"),
    ("Subscribe now", "newsletter"),
    ("Inscrivez-vous à notre newsletter Transports", "newsletter"),
    ("Newsletter abonnieren", "newsletter"),
    ("Suscríbete a nuestro boletín diario", "newsletter"),
    ("Iscriviti alla nostra newsletter", "newsletter"),
    ("Schrijf je in voor onze nieuwsbrief", "newsletter"),
]


@pytest.mark.parametrize(("line", "reason"), SHARE_AND_NEWSLETTER)
def test_share_bars_and_newsletter_prompts(line, reason):
    assert _reason(line) == reason


CORRECTIONS_CREDITS_CAPTIONS = [
    ("To suggest a correction or clarification, write to us here", "correction-notice"),
    ("You can also highlight the text and press Ctrl + Enter", "correction-notice"),
    ("Correction: An earlier version of this story misstated the date of the vote.", "correction-notice"),
    ("Spotted an error? Let us know.", "correction-notice"),
    ("Rectificatif : une version précédente indiquait une mauvaise date.", "correction-notice"),
    ("Fehler gefunden? Markieren Sie den Text und drücken Sie Strg + Enter.", "correction-notice"),
    ("Fe de erratas: la cifra correcta es 40 millones.", "correction-notice"),
    ("Reporting by Anna Smith; Editing by Paul Jones", "credit"),
    ("(Additional reporting by Jan Novak in Prague)", "credit"),
    ("With AFP", "credit"),
    ("Avec AFP", "credit"),
    ("Mit Material von dpa", "credit"),
    ("Con información de EFE", "credit"),
    ("Photo: A ferry leaves the harbour at dawn.", "caption"),
    ("FILE PHOTO: A view of the port. REUTERS/Jane Doe", "caption"),
    ("Crédit photo : Jean Martin", "caption"),
    ("Foto: Hafen von Kiel im Winter", "caption"),
    ("Commuters wait on a platform in Vienna. (Photo by Staff/AFP)", "caption"),
    ("By Jane Doe", "byline"),
    ("By JANE DOE and Max Mustermann, Reuters", "byline"),
    ("Par Claire Dumas", "byline"),
    ("Von Lena Hartmann", "byline"),
    ("Published 14 March 2024", "dateline"),
    ("Updated: May 12, 2023 at 10:14 am", "dateline"),
    ("Publié le 6 février 2024 à 11h20", "dateline"),
    ("Aktualisiert am 22.01.2024, 09:15 Uhr", "dateline"),
    ("Published on 14 March 2024 | 10:14 GMT", "dateline"),
    ("Thursday 14 March 2024", "dateline"),
    ("© 2024 Reuters", "credit"),
    ("Copyright 2024 The Associated Press. All rights reserved.", "credit"),
    ("Correction, March 14: The fund is 480 million euros.", "correction-notice"),
]


@pytest.mark.parametrize(("line", "reason"), CORRECTIONS_CREDITS_CAPTIONS)
def test_notices_credits_captions_bylines(line, reason):
    assert _reason(line) == reason


COMMENT_HEADERS = [
    ("Comments (2)", 2, "en"),
    ("12 Comments", 12, "en"),
    ("Comments", None, "en"),
    ("Join the conversation", None, "en"),
    ("3 commentaires", 3, "fr"),
    ("Commentaires (7)", 7, "fr"),
    ("Kommentare (5)", 5, "de"),
    ("Kommentare", None, "de"),
    ("4 comentarios", 4, "es"),
    ("Commenti (9)", 9, "it"),
    ("2 comentários", 2, "pt"),
    ("6 reacties", 6, "nl"),
    ("Komentarze (3)", 3, "pl"),
]


@pytest.mark.parametrize(("line", "count", "language"), COMMENT_HEADERS)
def test_comment_section_headers_and_their_count(line, count, language):
    found = comment_header(line)
    assert found is not None, language
    assert found.reason == "comment-header"
    assert found.count == count


COMMENT_CHROME = [
    ("Reply · Like · Report", "comment-ui"),
    ("Reply · 12 Likes · Report", "comment-ui"),
    ("Répondre · J’aime · Signaler", "comment-ui"),
    ("Antworten · Gefällt mir · Melden", "comment-ui"),
    ("Responder | Me gusta | Denunciar", "comment-ui"),
    ("Rispondi · Mi piace · Segnala", "comment-ui"),
    ("Load more comments", "comment-ui"),
    ("Sort by: Newest", "comment-ui"),
    ("This comment contains spoilers. Click here if you want to read.", "spoiler-notice"),
    ("Ce commentaire contient des spoilers", "spoiler-notice"),
    ("Dieser Kommentar enthält Spoiler", "spoiler-notice"),
    ("Este comentario contiene spoilers", "spoiler-notice"),
    ("Maria K. · 2 hours ago", "comment-meta"),
    ("3 hours ago", "comment-meta"),
    ("il y a 3 heures", "comment-meta"),
    ("vor 2 Stunden", "comment-meta"),
    ("hace 5 minutos", "comment-meta"),
    ("2 ore fa", "comment-meta"),
    ("3 uur geleden", "comment-meta"),
    ("May 12, 2023 at 10:14 am", "comment-meta"),
    ("jdoe42 wrote:", "comment-meta"),
    ("Posted by Hans Müller", "comment-meta"),
    ("Henk · hier à 18h05", "comment-meta"),
    ("Editor's pick", "comment-meta"),
]


@pytest.mark.parametrize(("line", "reason"), COMMENT_CHROME)
def test_comment_chrome(line, reason):
    assert _comment_reason(line) == reason


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Maria K. · 2 hours ago", "Maria K."),
        ("jdoe42 wrote:", "jdoe42"),
        ("Posted by Hans Müller", "Hans Müller"),
        ("Sophie B. · il y a 3 heures", "Sophie B."),
        ("ewa_k · gestern um 21:40", "ewa_k"),
        ("3 hours ago", None),
    ],
)
def test_comment_meta_lines_carry_the_author(line, author):
    found = classify_comment_line(line)
    assert found is not None and found.kind == "comment_meta"
    assert found.author == author


REAL_TEXT = [
    "France on Wednesday asked China to make clear to Russia that Moscow is in an impasse.",
    "By the end of the year, prices had risen by a third.",
    "By Tuesday, the talks had collapsed.",
    "Advertisement revenue fell by a fifth last year, the company said.",
    "Readers who share this view wrote to the paper in large numbers.",
    "Comments by the ambassador questioned the sovereignty of ex-Soviet states.",
    "The comment section of the report was removed before publication.",
    "Related companies were also fined by the regulator.",
    "She said the correction to the budget would come later this year.",
    "Photo booths have returned to several stations in Paris.",
    "Subscribers to the service will pay less from June, the company said in a statement.",
    "Lire aussi les conclusions du rapport permet de mieux comprendre la décision.",
    "Anzeigen gegen den Betreiber wurden im Sommer erstattet.",
    "Support fell to 38 percent, according to a Reuters/Ipsos poll.",
    "Updated figures from 2023 show the economy shrank.",
    "Clarification of the rules: the ministry said more would follow.",
    "Copyright holders complained to the commission on Friday.",
    "See a mistake in this reasoning, critics said.",
    "Published reports suggest the deal will be signed in 2025.",
]


@pytest.mark.parametrize("line", REAL_TEXT)
def test_real_sentences_are_not_cut_in_the_article(line):
    assert classify_article_line(line) is None
    assert comment_header(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Well said Hugh!!",
        "Faite plus la France.",
        "I took the sleeper from Vienna last spring and loved it.",
        "Reply to the minister: we will not pay.",
        "Like many others, I was surprised by the result.",
    ],
)
def test_comment_words_are_not_cut_in_the_comment_section(line):
    assert classify_comment_line(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [("2 hours ago", True), ("12.05.2023 10:14", True), ("il y a une heure", True), ("Maria K.", False)],
)
def test_timestamps(line, expected):
    assert is_timestamp(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Maria K.", True),
        ("jdoe_42", True),
        ("Jonas Weber", True),
        ("Well said Hugh!!", False),
        ("Great.", False),
    ],
)
def test_name_lines(line, expected):
    assert looks_like_name(line) is expected


def test_every_language_table_uses_known_kinds():
    known = set(REASONS) | {
        "related_inline",
        "share_words",
        "byline_words",
        "comment_ui_words",
        "comment_labels",
        "time_ago",
        "months",
        "date_joiners",
        "wrote",
        "posted_by",
        "footer_tail",
        "footer_links",
        "login_prompt",
    }
    for language, table in PATTERNS.items():
        assert set(table) <= known, (language, set(table) - known)


def test_header_tables_cover_at_least_seven_languages():
    for kind in ("advertisement", "related_header", "comment_header"):
        languages = [code for code, table in PATTERNS.items() if table.get(kind)]
        assert {"en", "fr", "de", "es", "it", "pt", "nl"} <= set(languages), kind


def test_extending_a_language_table_adds_a_rule(monkeypatch):
    """The patterns module is the one place to extend: a new entry is picked up after recompiling."""
    from briefing.cleaning import classify

    assert _reason("Reklaam") is None
    monkeypatch.setitem(PATTERNS, "et", {"advertisement": (r"reklaam",)})
    classify._rules.cache_clear()
    try:
        assert _reason("Reklaam") == "advertisement"
    finally:
        monkeypatch.undo()
        classify._rules.cache_clear()
    assert _reason("Reklaam") is None
