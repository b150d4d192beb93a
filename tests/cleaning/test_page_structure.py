"""Issue 14 rules, table-driven, each in at least two languages, with look-alikes that must stay text."""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_text
from briefing.cleaning.classify import classify_article_line, classify_comment_line, is_navigation_row
from briefing.cleaning.structure import author_lines, comments_only_start, footer_start, name_shaped

pytestmark = pytest.mark.unit

BODY = "The council approved the new budget on Monday after a long debate about housing costs."
BODY_FR = "Le conseil municipal a adopté lundi le nouveau budget après un long débat sur le logement."


def _article(line: str) -> str | None:
    found = classify_article_line(line)
    return found.reason if found else None


def _comment(line: str) -> str | None:
    found = classify_comment_line(line)
    return found.reason if found else None


# --- phrase tables: site footer, login prompts --------------------------------------------------

FOOTER_LINES = [
    ("All rights reserved. No part of this site may be reproduced without permission.", "en"),
    ("This article is licensed under a Creative Commons Attribution 4.0 licence.", "en"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "en"),
    ("Tous droits réservés – reproduction interdite sans autorisation", "fr"),
    ("Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung der Redaktion.", "de"),
    ("Todos los derechos reservados.", "es"),
    ("Queda prohibida la reproducción total o parcial sin autorización.", "es"),
    ("Tutti i diritti riservati", "it"),
    ("Todos os direitos reservados.", "pt"),
    ("Alle rechten voorbehouden.", "nl"),
    ("Wszelkie prawa zastrzeżone.", "pl"),
    ("Все права защищены.", "ru"),
    ("Всі права захищені.", "uk"),
]


@pytest.mark.parametrize(("line", "language"), FOOTER_LINES)
def test_site_footer_lines_are_cut_in_article_and_comments(line, language):
    assert _article(line) in {"site-footer", "credit"}, language
    assert _comment(line) == "site-footer", language


LOGIN_PROMPTS = [
    ("Log in to comment", "en"),
    ("Please sign in to join the conversation.", "en"),
    ("You must be logged in to post a comment.", "en"),
    ("Connectez-vous pour commenter", "fr"),
    ("Vous devez être connecté pour publier un message.", "fr"),
    ("Melden Sie sich an, um zu kommentieren.", "de"),
    ("Zum Kommentieren bitte anmelden.", "de"),
    ("Inicia sesión para comentar", "es"),
    ("Para comentar debes iniciar sesión.", "es"),
    ("Accedi per commentare", "it"),
    ("Per commentare devi effettuare il login.", "it"),
    ("Faça login para comentar", "pt"),
    ("Log in om te reageren", "nl"),
    ("Zaloguj się, aby skomentować", "pl"),
    ("Войдите, чтобы оставить комментарий", "ru"),
    ("Увійдіть, щоб залишити коментар", "uk"),
]


@pytest.mark.parametrize(("line", "language"), LOGIN_PROMPTS)
def test_login_prompts_are_comment_ui_everywhere(line, language):
    assert _comment(line) == "comment-ui", language
    assert _article(line) == "comment-ui", language


STAYS_TEXT = [
    "The company said all rights to the film had been sold to a streaming service last year.",
    "Les droits de diffusion ont été cédés à une chaîne publique pour trois saisons.",
    "Sie hat sich gestern angemeldet, um an dem Kurs über Stadtgeschichte teilzunehmen.",
    "I tried to log in to the council website to comment on the plan, but it kept crashing.",
]


@pytest.mark.parametrize("line", STAYS_TEXT)
def test_sentences_that_mention_rights_or_logging_in_stay_text(line):
    assert _article(line) is None
    assert _comment(line) is None


# --- navigation rows ----------------------------------------------------------------------------

NAV_ROWS = [
    ("About us | Contact | Privacy policy | Terms of use", True),
    ("Home · World · Business · Sport", True),
    ("Impressum | Datenschutz | AGB", True),
    ("Mentions légales | Confidentialité | Nous contacter", True),
    ("Prices rose 3% in May | 4% in June | 5% in July, the office said.", False),
    ("Reply · Like", False),
]


@pytest.mark.parametrize(("line", "expected"), NAV_ROWS)
def test_navigation_rows(line, expected):
    assert is_navigation_row(line) is expected


# --- page end zone ------------------------------------------------------------------------------

FOOTER_PAGES = [
    ([BODY, "", "© 2026 Harbour Times", "About us | Contact", "Regulated by IPSO."], 2),
    ([BODY_FR, "", "Mentions légales | Confidentialité | Nous contacter", "© 2026 Le Courrier"], 2),
    ([BODY, "", "Comments (1)", "", "Anna Berg · 2 hours ago", "Good news.", "Alle Rechte vorbehalten."], 6),
]


@pytest.mark.parametrize(("lines", "start"), FOOTER_PAGES)
def test_page_end_zone_starts_at_its_topmost_anchor(lines, start):
    assert footer_start(lines) == start


@pytest.mark.parametrize(
    "lines",
    [
        [BODY, "", "Read our privacy policy before you sign the petition, the organisers said."],
        [
            BODY_FR,
            "",
            "Le président de la société éditrice a démissionné mardi après trois ans à la tête du groupe.",
        ],
        [BODY, "", "Comments (1)", "", "Anna Berg", "I read the terms of use twice and still do not get it."],
    ],
)
def test_text_at_the_page_end_is_not_footer(lines):
    assert footer_start(lines) is None


def test_footer_lines_after_the_comments_never_reach_the_last_comment():
    page = "\n".join(
        [
            BODY,
            "",
            "Kommentare (1)",
            "",
            "Jana Reuter · vor 3 Stunden",
            "Gute Idee.",
            "",
            "Impressum | Datenschutz | Kontakt",
            "Alle Rechte vorbehalten.",
        ]
    )
    result = clean_text(page)
    assert [c.text for c in result.comments] == ["Gute Idee."]
    assert [r.reason for r in result.removed][-2:] == ["site-footer", "site-footer"]


# --- names alone above comments -----------------------------------------------------------------

NAMES = [
    ("Margaret Hale", True),
    ("Karim B.", True),
    ("Pieter van Dijk", True),
    ("Ольга Смирнова", True),
    ("kasia_88", True),
    ("mike.t", True),
    ("Great article", False),
    ("Agreed.", False),
    ("Well said Hugh!!", False),
    ("the council", False),
    ("Merci beaucoup pour cet article", False),
]


@pytest.mark.parametrize(("line", "expected"), NAMES)
def test_name_shaped_lines(line, expected):
    assert name_shaped(line) is expected


SECTIONS = [
    (["Margaret Hale", "I use that library every week.", "", "Tom Brennan", "Closing it makes sense."], "en"),
    (
        ["Claire Dumont", "Enfin, la halle est magnifique.", "", "Karim B.", "Les prix n'ont pas baissé."],
        "fr",
    ),
    (
        ["Оксана Коваль", "", "Нарешті відкрили міст.", "", "Андрій Мельник", "", "Добре, що є велосмуга."],
        "uk",
    ),
]


@pytest.mark.parametrize(("lines", "language"), SECTIONS)
def test_a_repeated_name_then_text_shape_gives_authors(lines, language):
    result = clean_text("\n".join([BODY, "", "Comments (2)", "", *lines]))
    authors = [c.author for c in result.comments]
    assert authors == [line for line in lines if line and name_shaped(line)], language
    assert all(c.author not in c.text for c in result.comments), language


@pytest.mark.parametrize(
    "lines",
    [
        [
            "Agreed",
            "",
            "The plan is fine as it is and should go ahead.",
            "",
            "Thanks",
            "",
            "Nobody asked us.",
        ],
        ["Margaret Hale", "I use that library every week and will miss it on Mondays."],
        ["Bravo", "", "C'est une très bonne nouvelle pour tout le quartier.", "", "Merci", "", "Enfin !"],
    ],
)
def test_no_authors_without_a_repeated_shape(lines):
    assert author_lines(lines) == set()


@pytest.mark.parametrize(
    ("header", "shown"),
    [("Comments (15)", ["Giulia Ferri", "Alberto Neri"]), ("Kommentare (9)", ["Jana Reuter", "Lena Vogt"])],
)
def test_a_header_count_above_the_comments_shown_does_not_split_them(header, shown):
    lines = [BODY, "", header, ""]
    for name in shown:
        lines += [name, "First paragraph of a comment here.", "", "Second paragraph of the same one.", ""]
    result = clean_text("\n".join(lines))
    assert [c.author for c in result.comments] == shown
    assert all("\n\n" in c.text for c in result.comments)


# --- comments-only pages ------------------------------------------------------------------------

COMMENTS_ONLY = [
    [
        "Comments (2)",
        "",
        "Rachel Adams · 2 hours ago",
        "The timetable is a mess.",
        "Reply · Like",
        "",
        "Gareth Lewis · 3 hours ago",
        "Same here in our valley.",
        "Reply · Like",
    ],
    [
        "Reacties (2)",
        "",
        "Henk de Boer",
        "Nog nooit zo'n hoog water gezien.",
        "",
        "Joost Verhagen",
        "Het waterschap doet wat het kan.",
    ],
    [
        "Marek Nowak · 3 godziny temu",
        "Mieszkam przy tej ulicy od lat.",
        "Odpowiedz · Lubię to",
        "",
        "Katarzyna Lis · 5 godzin temu",
        "Najgorszy jest kurz.",
        "Odpowiedz · Lubię to",
    ],
]


@pytest.mark.parametrize("lines", COMMENTS_ONLY)
def test_a_comments_only_page_has_no_body(lines):
    result = clean_text("\n".join(lines))
    assert result.body == ()
    assert len(result.comments) == 2
    assert all(c.author for c in result.comments)


@pytest.mark.parametrize(
    "lines",
    [
        ["Night trains return", "3 comments", "", BODY, "", "The vote is expected before the summer break."],
        ["Retour des trains de nuit", "12 commentaires", "", BODY_FR, "", "Le vote est attendu avant l'été."],
    ],
)
def test_a_comment_counter_above_an_article_is_not_a_comment_section(lines):
    assert comments_only_start(lines) is None
    assert BODY in clean_text("\n".join(lines)).body or BODY_FR in clean_text("\n".join(lines)).body


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Register or log in to comment", "en"),
        ("Registrati o accedi per commentare", "it"),
        ("Inscrivez-vous ou connectez-vous pour commenter", "fr"),
        ("Zarejestruj się lub zaloguj się, aby skomentować", "pl"),
    ],
)
def test_login_prompts_name_both_ways_to_an_account(line, language):
    assert _comment(line) == "comment-ui", language


@pytest.mark.parametrize(
    ("lines", "start"),
    [
        ([BODY, "", "dpa-infocom GmbH", "© 2026 dpa. Alle Rechte vorbehalten."], 2),
        ([BODY_FR, "", "Groupe Presse Ouest", "Tous droits réservés."], 2),
        ([BODY, "Funding arrives in the autumn", "", "Tous droits réservés."], 3),
    ],
)
def test_a_short_label_glued_above_the_footer_joins_it(lines, start):
    assert footer_start(lines) == start


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Follow us on Facebook, Instagram and X", "en"),
        ("Suivez-nous sur Facebook et Instagram", "fr"),
        ("Folgen Sie uns auf Instagram", "de"),
        ("Download our free app for iOS and Android", "en"),
        ("Scarica la nostra app", "it"),
    ],
)
def test_social_and_app_lines_are_site_footer(line, language):
    assert _comment(line) == "site-footer", language
    assert _article(line) in {"site-footer", "share-bar"}, language


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Want to join the discussion? Log in or create an account.", "en"),
        ("Envie de réagir ? Connectez-vous.", "fr"),
        ("Sie möchten mitdiskutieren? Jetzt anmelden.", "de"),
        ("Comments are moderated and may take a few hours to appear.", "en"),
        ("Les commentaires sont modérés avant publication.", "fr"),
        ("Kommentare werden vor der Veröffentlichung geprüft.", "de"),
    ],
)
def test_question_form_login_prompts_and_moderation_notices(line, language):
    assert _comment(line) == "comment-ui", language


@pytest.mark.parametrize(
    "lines",
    [
        ["Comments (3)", "", "The first comment, short.", "", "A second one.", "", "And a third."],
        ["Reader comments", "", "Un premier commentaire.", "", "Un deuxième commentaire."],
        ["Kommentare (2)", "", "Ein erster Kommentar.", "", "Ein zweiter Kommentar."],
    ],
)
def test_a_header_opening_the_page_with_plain_blocks_is_a_comments_only_page(lines):
    result = clean_text("\n".join(lines))
    assert result.body == ()
    assert len(result.comments) == len([line for line in lines[1:] if line])


@pytest.mark.parametrize(
    "section",
    [
        [
            "Hugh",
            "Well said, the budget is a disgrace.",
            "",
            "Marta",
            "I disagree.",
            "",
            "Sven",
            "Nobody asked.",
        ],
        [
            "Hugo",
            "Très bon article.",
            "",
            "Léa",
            "Je ne suis pas d'accord.",
            "",
            "Inès",
            "Enfin une bonne nouvelle.",
        ],
    ],
)
def test_single_first_names_glued_to_every_comment_are_authors(section):
    result = clean_text("\n".join([BODY, "", "Comments (3)", "", *section]))
    assert [c.author for c in result.comments] == section[0::3]


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        ("12 thoughts so far", ["Anna Berg · 2 hours ago", "Tom Hale · 3 hours ago"]),
        ("5 Kommentare bisher", ["Jana Reuter · vor 3 Stunden", "Lena Vogt · gestern"]),
        ("", ["Claire Dumont a écrit :", "Karim B. a écrit :"]),
    ],
)
def test_a_section_without_a_known_header_is_found_by_its_author_lines(header, authors):
    lines = [BODY, ""] + ([header, ""] if header else [])
    for author in authors:
        lines += [author, "Une remarque courte sur le sujet.", ""]
    result = clean_text("\n".join(lines))
    assert result.body == (BODY,)
    assert len(result.comments) == 2 and all(c.author for c in result.comments)
    if header:
        assert ("comment-header", header) in [(r.reason, r.text) for r in result.removed]


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ('3 thoughts on "Ten years of repairing bicycles"', "en"),
        ("2 réflexions sur « Le marché rouvre »", "fr"),
        ("4 Gedanken zu „Der Radweg am Kanal“", "de"),
    ],
)
def test_blog_style_count_headers(line, language):
    assert _comment(line) == "comment-header", language


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Leave a Reply", "comment-ui"),
        ("Annuler la réponse", "comment-ui"),
        ("Proudly powered by WordPress", "site-footer"),
        ("Fièrement propulsé par WordPress", "site-footer"),
    ],
)
def test_comment_form_and_platform_lines(line, kind):
    assert _comment(line) == kind


@pytest.mark.parametrize(
    "section",
    [
        ["Anna Berg", "The budget leaves out the tenants.", "Tom Hale", "Closing it on Mondays makes sense."],
        ["Claire Dumont", "La halle est magnifique.", "Karim B.", "Les prix n'ont pas baissé."],
    ],
)
def test_dense_threads_with_no_blank_line_between_comments(section):
    result = clean_text("\n".join([BODY, "", "Comments (2)", *section]))
    assert [(c.author, c.text) for c in result.comments] == [
        (section[0], section[1]),
        (section[2], section[3]),
    ]


@pytest.mark.parametrize(
    "page",
    [
        "Comments (2)\n\nRachel Adams · 2 hours ago\nThe timetable is a mess.\n\n"
        "Gareth Lewis · 3 hours ago\nSame here in our valley, nobody asked us.\n",
        "Kommentare (2)\n\nJana Reuter · vor 3 Stunden\nDie Lücke ist morgens wirklich gefährlich.\n\n"
        "Lena Vogt · gestern\nMan könnte den Weg auch um die Bäume herum führen.\n",
    ],
)
def test_a_comments_only_file_is_a_digest_with_comments_and_no_body(page, validate_digest):
    from briefing.cleaning import COMMENTS_ONLY_FLAG, clean_bytes

    digest = clean_bytes(page.encode(), "comments.txt")
    assert digest.body == ()
    assert len(digest.comments) == 2
    assert COMMENTS_ONLY_FLAG in digest.flag_codes()
    assert digest.language == digest.comments[0].language
    validate_digest(digest.to_dict())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Courier Media Ltd, 4 Dock Street, Leeds", True),
        ("Verlag Muster GmbH · Hafenstraße 3 · Kiel", True),
        ("Contact the newsroom: news@example.com", True),
        ("Téléphone : 01 23 45 67 89", True),
        ("ООО «Сибирские вести», тел. +7 383 000 00 00", True),
        ("The Siemens GmbH plant in Görlitz will close next year, the company said on Monday.", False),
        ("Ministers met on 12.03.2024 in Brussels.", False),
        ("Prices rose 3.5% in 2024 and 2025.", False),
    ],
)
def test_short_imprint_lines_anchor_the_page_end(line, expected):
    from briefing.cleaning.classify import footer_anchor

    assert footer_anchor(line) is expected


@pytest.mark.parametrize(
    ("section", "authors"),
    [
        (
            [
                "Anna Berg",
                "Verified reader",
                "The budget leaves out tenants.",
                "",
                "Tom Hale",
                "Subscriber",
                "Fine.",
            ],
            ["Anna Berg", "Tom Hale"],
        ),
        (
            ["Marek napisał:", "To dobra decyzja.", "", "Kasia napisała:", "Nie zgadzam się."],
            ["Marek", "Kasia"],
        ),
        (
            ["Ольга написала:", "Наконец-то тепло.", "", "Игорь ответил:", "У нас до сих пор холодно."],
            ["Ольга", "Игорь"],
        ),
    ],
)
def test_badges_under_names_and_wrote_lines_in_more_languages(section, authors):
    result = clean_text("\n".join([BODY, "", "Comments (2)", "", *section]))
    assert [c.author for c in result.comments] == authors


@pytest.mark.parametrize(
    "section",
    [
        [
            "altstadtfan",
            "Endlich weniger Autos.",
            "",
            "radler_rgb",
            "Bitte überdacht.",
            "",
            "kiez_72",
            "Und wo parken?",
        ],
        ["lectora", "Muy buena noticia.", "", "pepe_88", "No estoy de acuerdo.", "", "ana.g", "Ya era hora."],
    ],
)
def test_plain_lower_case_handles_join_a_shape_set_by_other_handles(section):
    result = clean_text("\n".join([BODY, "", "3 comments", "", *section]))
    assert [c.author for c in result.comments] == section[0::3]


def test_a_lower_case_word_alone_is_no_author_without_a_shape():
    lines = ["agreed", "The plan is fine as it is.", "", "nonsense", "Nobody asked us."]
    assert author_lines(lines) == set()


@pytest.mark.parametrize(
    ("header", "section", "authors"),
    [
        (
            "Comments (2)",
            ["Hugh", "", "Well said.", "", "Another point.", "", "Marta", "", "I disagree."],
            ["Hugh", "Marta"],
        ),
        ("Commentaires (2)", ["Hugo", "", "Très juste.", "", "Léa", "", "Pas d'accord."], ["Hugo", "Léa"]),
    ],
)
def test_single_names_in_their_own_block_count_when_the_header_count_agrees(header, section, authors):
    result = clean_text("\n".join([BODY, "", header, "", *section]))
    assert [c.author for c in result.comments] == authors


@pytest.mark.parametrize(
    ("tail", "footer"),
    [
        (["The Ashby Gazette is regulated by the Independent Press Standards Organisation."], "en"),
        (
            ["Conformément à la charte de déontologie du journal.", "Société éditrice : Presse Ouest SAS"],
            "fr",
        ),
    ],
)
def test_boilerplate_between_the_body_and_the_comments_is_cut(tail, footer):
    page = [BODY, "", *tail, "", "Comments (2)", "", "Anna Berg", "Good.", "", "Tom Hale", "Bad."]
    result = clean_text("\n".join(page))
    assert result.body == (BODY,), footer
    assert [c.author for c in result.comments] == ["Anna Berg", "Tom Hale"]
    assert all(r.reason in {"site-footer", "credit"} for r in result.removed if r.text in tail)


@pytest.mark.parametrize(
    "section",
    [
        ["Anna Berg:", "The budget leaves out tenants.", "", "Tom Hale:", "Closing it makes sense."],
        ["Claire Dumont :", "La halle est magnifique.", "", "Karim B. :", "Les prix n'ont pas baissé."],
    ],
)
def test_a_name_with_a_colon_opens_a_comment(section):
    result = clean_text("\n".join([BODY, "", "Comments (2)", "", *section]))
    assert [c.author for c in result.comments] == [section[0].rstrip(" :"), section[3].rstrip(" :")]
    assert all(":" not in c.text.split("\n")[0][-1:] for c in result.comments)


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("4 replies", 4),
        ("12 messages", 12),
        ("3 Beiträge", 3),
        ("5 risposte", 5),
        ("3 odpowiedzi", 3),
        ("7 ответов", 7),
        ("Reacties (4)", 4),
        ("Réactions (3)", 3),
    ],
)
def test_forum_count_headers(line, count):
    from briefing.cleaning.classify import comment_header

    found = comment_header(line)
    assert found is not None and found.count == count


@pytest.mark.parametrize("line", ["Más noticias", "More stories", "Más noticias de Murcia"])
def test_more_news_box_headers(line):
    assert _article(line) == "related-header"
