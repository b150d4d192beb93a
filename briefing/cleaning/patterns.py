"""Every pattern the cleaner knows, per language, in one place.

How to extend
-------------
Add regular expressions (Python ``re`` syntax, matched case-insensitively against the
WHOLE stripped line, so write what the line is, not what it contains) to the table of
a language in :data:`PATTERNS`, or add a new language key with the same kinds. Nothing
else needs to change: :mod:`briefing.cleaning.classify` compiles every language's
patterns of one kind into one rule, because a page in one language often carries
chrome in another (an English ad label on a French article).

Kinds (the removed-line reason each one gives is in :data:`REASONS`):

``advertisement``      ad labels ("Advertisement", "Publicité", "Anzeige").
``related_header``     the header of a related-articles box alone on its line ("More on
                       this topic", "Lire aussi"); the headlines and teasers after it go
                       to ``related``.
``related_inline``     a header that carries its headline on the same line after a
                       colon or dash ("Read more: Headline"); give the header only.
``share_bar``          whole-line share prompts ("Share this article").
``share_words``        words that make up a share bar when a line holds nothing else
                       ("Facebook Twitter Email").
``newsletter``         newsletter and subscription prompts.
``correction_notice``  "suggest a correction" / "press Ctrl + Enter" notices and
                       correction labels.
``credit``             credit lines ("Reporting by ...; Editing by ...", "With AFP").
``caption``            photo captions and photo credits.
``byline_words``       the word that starts a by-line ("By", "Par", "Von"); the name
                       after it must be capitalised, so "By the end of May, ..." is body.
``dateline``           words that start a publication date line ("Published", "Mis à
                       jour"); a bare date on its own line is a dateline too.
``comment_header``     the header that starts the comment section ("Comments (2)",
                       "3 commentaires"). A number in it is used as a hint for how many
                       comments to split into. Singular forms need a count, so an op-ed
                       label "Comment" never swallows an article.
``comment_ui``         whole-line comment chrome ("Load more comments", "Sort by").
``comment_ui_words``   words that make up comment chrome when a line holds nothing else
                       ("Reply · Like · Report").
``comment_labels``     badges on a comment ("Editor's pick", "Top comment").
``spoiler_notice``     spoiler / hidden-comment notices; they also separate comments.
``time_ago``           relative timestamps ("2 hours ago", "il y a 3 heures").
``months``             month names and abbreviations, used to build absolute dates.
``date_joiners``       the word between a date and a time ("at", "à", "um").
``wrote``              the verb of an author line "NAME wrote:" ("a écrit", "schrieb").
``posted_by``          the words of an author line "Posted by NAME".
``site_footer``        site notices cut wherever they stand ("All rights reserved", licence
                       and reproduction lines, "Our standards: ...").
``footer_tail``        phrases that make a line boilerplate only in the page-end zone below
                       the body or the comments (press-code, privacy, imprint lines).
``footer_links``       words of a footer link row when a line holds nothing else.
``login_prompt``       "log in / sign in ... to comment" prompts (cut as ``comment-ui``).
"""

from __future__ import annotations

from typing import Final

#: Removed-line reason (kebab-case, as in the schema) for each kind that cuts a line.
REASONS: Final[dict[str, str]] = {
    "advertisement": "advertisement",
    "related_header": "related-header",
    "share_bar": "share-bar",
    "newsletter": "newsletter",
    "correction_notice": "correction-notice",
    "credit": "credit",
    "caption": "caption",
    "byline": "byline",
    "dateline": "dateline",
    "comment_header": "comment-header",
    "comment_ui": "comment-ui",
    "comment_meta": "comment-meta",
    "spoiler_notice": "spoiler-notice",
    "site_footer": "site-footer",
    "navigation": "navigation",
}

#: A line longer than this (in words) is never chrome of that kind: real paragraphs
#: that happen to start like a prompt stay in the body.
MAX_WORDS: Final[dict[str, int]] = {
    "advertisement": 12,
    "related_header": 10,
    "related_inline": 40,
    "share_bar": 15,
    "newsletter": 30,
    "correction_notice": 45,
    "credit": 40,
    "caption": 60,
    "byline": 14,
    "dateline": 14,
    "comment_header": 30,
    "comment_ui": 15,
    "comment_labels": 6,
    "spoiler_notice": 20,
    "site_footer": 45,
    "footer_tail": 40,
    "footer_links": 25,
    "login_prompt": 25,
}

_EN: dict[str, tuple[str, ...]] = {
    "advertisement": (
        r"advertisements?",
        r"advertising",
        r"ads?",
        r"sponsored(?: content| links?| stories| by .{1,40})?",
        r"paid (?:content|post|partner content)",
        r"(?:promoted|partner) (?:content|stories)",
        r"(?:the )?(?:story|article) continues (?:below|after) (?:this |the )?(?:advertisement|ad)",
        r"continue reading (?:below|after (?:the |this )?(?:ad|advertisement))",
        r"scroll (?:down )?to continue(?: reading)?",
    ),
    "related_header": (
        r"more on (?:this|that) (?:topic|story|subject)",
        r"read more",
        r"read also",
        r"also read",
        r"related(?: coverage| articles?| stories| content| news| reading| links)?",
        r"more (?:stories|news|coverage|from .{1,40})",
        r"(?:you may|you might|we think you(?:['’]ll| will)) (?:also )?like",
        r"recommended(?: for you| reading| stories)?",
        r"see also",
        r"most (?:read|popular|viewed)",
        r"trending(?: now)?",
        r"top stories",
        r"don['’]t miss",
    ),
    "related_inline": (
        r"read more",
        r"read also",
        r"also read",
        r"related",
        r"see also",
        r"more on this",
    ),
    "share_bar": (
        r"share (?:this|the) (?:article|story|post|page)(?: on .{1,30})?",
        r"share (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|email|e-mail)",
        r"share article",
        r"copy (?:the )?link",
        r"link copied",
    ),
    "share_words": (
        "share",
        "shares",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "telegram",
        "reddit",
        "pinterest",
        "flipboard",
        "email",
        "e-mail",
        "mail",
        "print",
        "copy link",
        "messenger",
        "threads",
        "bluesky",
        "save",
        "gift article",
    ),
    "newsletter": (
        r"(?:sign up|subscribe|register)(?: now| today| here| free)? (?:for|to) (?:our|the|my|a) .{0,60}"
        r"(?:newsletter|bulletin|briefing|digest|alerts?)s?(?:[ :.,!-].*)?",
        r"(?:get|receive) (?:the latest|our|the best|the top|a daily|a weekly).{0,60}"
        r"(?:in your inbox|by email|newsletter).*",
        r"subscribe(?: now| today| here)?",
        r"(?:already a subscriber|not a subscriber|not subscribed)\?.*",
        r"enter your e-?mail(?: address)?.*",
        r"(?:become a (?:member|subscriber)|support our journalism)\b.{0,60}",
        r"this (?:article|story) is for subscribers(?: only)?.*",
    ),
    "correction_notice": (
        r"to suggest a correction.*",
        r"(?:you can also )?(?:highlight|select|mark) (?:the |a )?(?:text|error)"
        r" and press ctrl\s*\+\s*enter.*",
        r"(?:spotted|found) (?:an error|a typo|a mistake)\??.*",
        r"report an (?:error|issue|typo)\.?",
        # "Correction:", "Correction (March 14):", "Clarification, 14 March 2024:"
        r"(?:correction|clarification)(?:\s*\([^)]{1,40}\)|,?\s+[^:]{0,20}\d[^:]{0,10})?\s*:.*",
        r"(?:an earlier|a previous) version of this (?:article|story|report).*",
        r"this (?:article|story) (?:has been|was) corrected.*",
    ),
    "credit": (
        r"\(?(?:additional )?(?:reporting|writing|editing|compiled|research|graphics|production|translation)"
        r"(?: and editing)? by\b.*",
        r"\(?(?:with|via) (?:afp|reuters|ap|the associated press|dpa|efe|ansa|agencies|wire services)\)?\.?",
        r"(?:©|\(c\))\s*.{1,80}",
        r"copyright\s*(?:©|\(c\))?\s*\d{4}.{0,80}",
        r"all rights reserved\.?",
    ),
    "caption": (
        r"(?:photo|photograph|image|picture|illustration|video)s?(?: credit)?\s*(?::|\||/).+",
        r"pictured\s*:.+",
        r"credit\s*:.+",
        r"file photo\s*:.+",
        r"\(?(?:photo|image|picture|illustration)s? (?:by|courtesy of|from) [^.]{1,80}\)?\.?",
        # "... REUTERS/Jane Doe", "... (Photo by Staff/AFP)": agency names in their own case, so
        # "according to a Reuters/Ipsos poll." stays text.
        r".{5,300}\b(?-i:REUTERS|AFP|AP Photo|EPA|Getty Images|dpa|Shutterstock)\s*/\s*"
        r"(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?:/(?-i:File Photo|Pool|Handout))?\)?",
        r".{5,300}\((?:[^()]{1,60}/)?(?-i:AFP|Getty Images|Reuters|AP|EPA|Shutterstock)(?:/[^()]{1,40})?\)",
    ),
    "byline_words": ("by", "written by", "words by", "story by"),
    "dateline": (r"(?:first |last )?(?:published|updated|posted|modified)",),
    "comment_header": (
        r"\d+\s+(?:thoughts|responses|replies|comments|reactions) (?:on|to)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:replies|responses|posts|reactions)",
        r"(?:replies|responses|posts)\s*[(:]\s*\d+\)?",
        r"\d+\s+comments?",
        r"comments?\s*[(:]\s*\d+\)?",
        r"comments",
        r"(?:reader|readers['’]?|user|your) comments(?:\s*\(\d+\))?",
        r"join the (?:conversation|discussion|debate)",
        r"(?:show|view|see|read|load)(?: all)?(?: \d+)? comments(?:\s*\(\d+\))?",
        r"(?:leave|post|add|write) a comment",
        r"discussion\s*\(\d+\)",
        r"conversation\s*\(\d+\)",
    ),
    "comment_ui": (
        r"(?:leave|post|write|add) a (?:reply|response)(?: to .{1,80})?",
        r"cancel reply",
        r"post (?:a )?comment",
        r"(?:load|show|view|see) (?:\d+ )?more (?:comments|replies)",
        r"(?:view|show|see|hide) (?:all )?(?:\d+ )?repl(?:y|ies)",
        r"sort(?:ed)? by\b.{0,40}",
        r"(?:newest|oldest|most liked|best|top)(?: first)?\s*[|·•/]\s*"
        r"(?:newest|oldest|most liked|best|top).*",
        r"(?:log ?in|sign in|register) to (?:comment|reply|post|join).*",
        r"you must be (?:logged|signed) in.*",
        r"comments? (?:are|is|have been) (?:now )?closed.*",
        r"commenting (?:is|has been) (?:closed|disabled).*",
        r"this comment (?:has been|was) (?:removed|deleted).*",
        r"\[(?:deleted|removed)\]",
        r"(?:report|flag) (?:this )?comment",
        r"reply to (?:this )?comment",
        r"write a (?:reply|response)\.*",
    ),
    "comment_ui_words": (
        "reply",
        "replies",
        "like",
        "likes",
        "dislike",
        "report",
        "share",
        "flag",
        "upvote",
        "downvote",
        "vote",
        "votes",
        "recommend",
        "recommended",
        "permalink",
        "edit",
        "delete",
        "quote",
        "follow",
        "mute",
        "block",
    ),
    "comment_labels": (
        r"editor['’]?s? (?:pick|choice)",
        r"(?:top|featured|pinned|highlighted) comment",
        r"verified(?: (?:commenter|reader|subscriber))?",
        r"(?:staff|moderator|subscriber|author)",
    ),
    "spoiler_notice": (
        r"this comment (?:contains|may contain|has) spoilers?\b.*",
        r"spoilers?(?: alert| warning)?\s*[.!:]?(?: click (?:here )?to (?:read|reveal|show).*)?",
        r"this comment (?:has been|was|is) (?:hidden|collapsed).*",
        r"click (?:here )?(?:if you want )?to (?:read|reveal|show)(?: (?:this|the) comment)?\.?",
    ),
    "time_ago": (
        r"\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?"
        r"|y|yrs?|years?)\s+ago",
        r"an? (?:second|minute|hour|day|week|month|year) ago",
        r"just now",
        r"(?:yesterday|today)(?:\s+at\s+{time})?",
        r"\d+\s*(?:s|m|min|h|d|w|mo|y)",
    ),
    "months": (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ),
    "date_joiners": ("at", "on", ","),
    "wrote": ("wrote", "writes", "says", "said", "replied", "commented"),
    "posted_by": ("posted by", "comment by", "reply from"),
}

_FR: dict[str, tuple[str, ...]] = {
    "advertisement": (
        r"publicit[ée]",
        r"pub",
        r"annonce",
        r"contenu (?:sponsoris[ée]|partenaire|promotionnel)",
        r"(?:la suite|l['’]article continue) (?:après|sous) (?:cette |la )?(?:publicit[ée]|annonce)",
    ),
    "related_header": (
        r"(?:[àa] )?lire aussi",
        r"(?:[àa] )?lire [ée]galement",
        r"sur le m[êe]me (?:sujet|th[èe]me)",
        r"(?:articles?|contenus?) (?:li[ée]s|associ[ée]s|recommand[ée]s)",
        r"(?:[àa] )?voir aussi",
        r"(?:les )?plus lus",
        r"(?:vous aimerez|vous pourriez aimer|ceci pourrait vous int[ée]resser).*",
        r"(?:[àa] )?d[ée]couvrir aussi",
    ),
    "related_inline": (r"(?:[àa] )?lire aussi", r"(?:[àa] )?lire [ée]galement", r"(?:[àa] )?voir aussi"),
    "share_bar": (
        r"partager (?:cet |l['’])article(?: sur .{1,30})?",
        r"partager sur (?:facebook|twitter|x|linkedin|whatsapp)",
        r"copier le lien",
    ),
    "share_words": ("partager", "partage", "imprimer", "envoyer", "courriel", "copier le lien"),
    "newsletter": (
        r"(?:inscrivez-vous|abonnez-vous)(?: gratuitement)?(?: [àa] (?:notre|nos|la|ma))? .{0,40}"
        r"(?:newsletters?|lettres? d['’]information|infolettres?).*",
        r"(?:recevez|retrouvez) .{0,60}(?:dans votre bo[îi]te (?:mail|e-mail|aux lettres)|par e-?mail).*",
        r"abonnez-vous(?: d[èe]s maintenant| maintenant)?[.!]?",
        r"(?:d[ée]j[àa] abonn[ée]|pas encore abonn[ée])\s*\?.*",
        r"cet article est r[ée]serv[ée] aux abonn[ée]s.*",
    ),
    "correction_notice": (
        r"(?:pour )?signaler une erreur.*",
        r"(?:une erreur|vous avez (?:rep[ée]r[ée]|trouv[ée]) une (?:erreur|faute))\s*\?.*",
        r".{0,40}s[ée]lectionnez le texte et appuyez sur ctrl\s*\+\s*entr[ée]e.*",
        r"(?:rectificatif|correctif|erratum|pr[ée]cision)(?:\s*\([^)]{1,40}\))?\s*:.*",
        r"une (?:pr[ée]c[ée]dente|premi[èe]re) version de cet article.*",
    ),
    "credit": (
        r"\(?avec (?:afp|reuters|ap|l['’]afp|ap et afp|agences?)\)?\.?",
        r"\(?(?:r[ée]daction|texte|reportage|traduction) ?: .{1,80}",
    ),
    "caption": (
        r"(?:photo|image|illustration|vid[ée]o)s?(?: d['’]illustration)?\s*(?::|\||/).+",
        r"cr[ée]dits? (?:photo|image)s?\s*:.+",
        r"\(?photo (?:d['’]illustration|prise par|de) [^.]{1,80}\)?\.?",
    ),
    "byline_words": ("par", "écrit par", "ecrit par"),
    "dateline": (r"(?:publi[ée]|mis [àa] jour|modifi[ée]|actualis[ée])(?: le)?",),
    "comment_header": (
        r"\d+\s+(?:r[ée]flexions?|r[ée]ponses?|commentaires?|r[ée]actions?) (?:sur"
        r"|[àa])\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:messages|r[ée]ponses|r[ée]actions)",
        r"(?:messages|r[ée]ponses|r[ée]actions)\s*[(:]\s*\d+\)?",
        r"\d+\s+commentaires?",
        r"commentaires?\s*[(:]\s*\d+\)?",
        r"commentaires",
        r"\d+\s+r[ée]actions?",
        r"r[ée]actions\s*\(\d+\)",
        r"r[ée]agissez(?: [àa] cet article)?",
        r"(?:voir|afficher|lire) (?:les |tous les )?(?:\d+ )?commentaires",
        r"participez (?:[àa] la discussion|au d[ée]bat)",
        r"(?:laisser|[ée]crire|ajouter) un commentaire",
    ),
    "comment_ui": (
        r"(?:laisser|[ée]crire|publier) (?:une r[ée]ponse|un commentaire)",
        r"annuler (?:la )?r[ée]ponse",
        r"(?:afficher|voir|charger) (?:plus de|les \d+|\d+ autres?) (?:commentaires|r[ée]ponses)",
        r"(?:voir|afficher|masquer) (?:les )?(?:\d+ )?r[ée]ponses?",
        r"trier par\b.{0,40}",
        r"connectez-vous pour (?:commenter|r[ée]agir|r[ée]pondre).*",
        r"ce commentaire a [ée]t[ée] (?:supprim[ée]|mod[ée]r[ée]).*",
        r"les commentaires sont (?:ferm[ée]s|clos).*",
        r"signaler (?:ce )?commentaire",
    ),
    "comment_ui_words": (
        "répondre",
        "repondre",
        "réponse",
        "réponses",
        "j'aime",
        "j’aime",
        "signaler",
        "partager",
        "citer",
        "modifier",
        "supprimer",
        "abus",
    ),
    "comment_labels": (
        r"(?:choix|s[ée]lection) de la r[ée]daction",
        r"abonn[ée]",
        r"commentaire (?:[ée]pingl[ée]|du jour)",
    ),
    "spoiler_notice": (
        r"ce commentaire (?:contient|peut contenir|r[ée]v[èe]le) des"
        r" (?:spoilers?|divulg[âa]cheurs?|d[ée]tails).*",
        r"attention,? (?:spoilers?|divulg[âa]chage).*",
        r"ce commentaire est masqu[ée].*",
        r"cliquez (?:ici )?pour (?:le )?(?:lire|afficher)\.?",
    ),
    "time_ago": (
        r"il y a\s+(?:\d+|une?|quelques)\s*"
        r"(?:s|sec(?:ondes?)?|min(?:utes?)?|h|heures?|j|jours?|sem(?:aines?)?"
        r"|mois|ans?)",
        r"(?:[àa] l['’]instant|maintenant)",
        r"(?:hier|aujourd['’]hui)(?:\s+[àa]\s+{time})?",
    ),
    "months": (
        "janvier",
        "février",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "decembre",
        "janv",
        "févr",
        "fevr",
        "avr",
        "juil",
        "sept",
        "oct",
        "nov",
        "déc",
        "dec",
    ),
    "date_joiners": ("à", "a", "le"),
    "wrote": ("a écrit", "a ecrit", "écrit", "ecrit", "a répondu", "a repondu", "dit"),
    "posted_by": ("posté par", "poste par", "publié par", "publie par", "réponse de"),
}

_DE: dict[str, tuple[str, ...]] = {
    "advertisement": (
        r"anzeige",
        r"werbung",
        r"gesponsert",
        r"(?:bezahlter|gesponserter) (?:inhalt|beitrag)",
        r"(?:weiter|der artikel wird) nach der (?:anzeige|werbung)(?: fortgesetzt)?",
        r"lesen sie (?:nach der anzeige|unter der anzeige) weiter",
    ),
    "related_header": (
        r"mehr zum thema",
        r"lesen sie auch",
        r"lesen sie mehr",
        r"auch interessant",
        r"das (?:k[öo]nnte|d[üu]rfte) sie auch interessieren",
        r"(?:verwandte|[äa]hnliche) (?:artikel|themen|beitr[äa]ge)",
        r"(?:meistgelesen|am meisten gelesen)",
        r"weitere (?:artikel|nachrichten|meldungen)(?: zum thema)?",
        r"siehe auch",
    ),
    "related_inline": (r"lesen sie auch", r"mehr zum thema", r"auch interessant", r"siehe auch"),
    "share_bar": (
        r"(?:artikel|beitrag|seite) teilen(?: auf .{1,30})?",
        r"teilen (?:auf|per|via) (?:facebook|twitter|x|linkedin|whatsapp|e-mail|mail)",
        r"link kopieren",
    ),
    "share_words": ("teilen", "drucken", "versenden", "merken", "link kopieren"),
    "newsletter": (
        r".{0,40}newsletter (?:abonnieren|bestellen|anmelden)(?:[ :.!-].*)?",
        r"(?:jetzt |hier )?(?:abonnieren|anmelden|registrieren)(?: und .{0,60})?[.!]?",
        r"melden sie sich (?:jetzt |hier )?(?:f[üu]r|zu) (?:unseren?|den|dem) .{0,40}newsletter an.*",
        r"(?:sie sind bereits abonnent|noch kein abonnent)\?.*",
        r"dieser (?:artikel|beitrag) ist (?:nur )?f[üu]r abonnenten.*",
    ),
    "correction_notice": (
        r"(?:haben sie einen )?fehler (?:gefunden|entdeckt)\s*\?.*",
        r".{0,40}markieren sie (?:den text|die stelle) und dr[üu]cken sie strg\s*\+\s*enter.*",
        r"(?:korrektur|berichtigung|richtigstellung|anmerkung der redaktion)(?:\s*\([^)]{1,40}\))?\s*:.*",
        r"in einer (?:fr[üu]heren|ersten) version dieses (?:artikels|beitrags).*",
    ),
    "credit": (
        r"\(?mit material (?:von|der|des) .{1,60}\)?\.?",
        r"(?:dieser |der )?(?:artikel|beitrag|text) (?:wurde|ist) (?:mit|unter verwendung von) material"
        r" (?:von|der|des) .{1,40}(?:erstellt|entstanden|verfasst)\.?",
        r"\(?(?:mit|quelle:) (?:dpa|afp|reuters|ap|kna|epd|agenturen)"
        r"(?:[ ,/]+(?:dpa|afp|reuters|ap|kna|epd))*\)?\.?",
    ),
    "caption": (
        r"(?:foto|bild|grafik|video)s?\s*(?::|\||/).+",
        r"(?:bildquelle|bildrechte|fotograf)\s*:.+",
    ),
    "byline_words": ("von",),
    "dateline": (r"(?:ver[öo]ffentlicht|aktualisiert|stand|zuletzt aktualisiert)(?: am)?",),
    "comment_header": (
        r"\d+\s+(?:gedanken|kommentare?|antworten|reaktionen) (?:zu|auf)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:antworten|beitr[äa]ge|reaktionen)",
        r"(?:antworten|beitr[äa]ge|reaktionen)\s*[(:]\s*\d+\)?",
        r"\d+\s+(?:leser)?kommentare?",
        r"(?:leser)?kommentare?\s*[(:]\s*\d+\)?",
        r"(?:leser)?kommentare",
        r"diskutieren sie mit",
        r"(?:kommentar schreiben|kommentieren sie)",
        r"(?:alle )?(?:\d+ )?kommentare (?:anzeigen|lesen|einblenden)",
    ),
    "comment_ui": (
        r"(?:schreibe|hinterlasse|verfasse) (?:einen kommentar|eine antwort)",
        r"antwort abbrechen",
        r"kommentar (?:abschicken|absenden)",
        r"(?:weitere|mehr) (?:kommentare|antworten) (?:laden|anzeigen)",
        r"(?:\d+ )?antworten (?:anzeigen|ausblenden)",
        r"sortieren nach\b.{0,40}",
        r"(?:melden sie sich an|einloggen),? um (?:zu kommentieren|mitzudiskutieren).*",
        r"dieser kommentar wurde (?:entfernt|gel[öo]scht|moderiert).*",
        r"die kommentarfunktion (?:ist|wurde) (?:geschlossen|deaktiviert).*",
        r"kommentar melden",
    ),
    "comment_ui_words": (
        "antworten",
        "antwort",
        "gefällt mir",
        "gefaellt mir",
        "melden",
        "teilen",
        "empfehlen",
        "zitieren",
        "bearbeiten",
        "löschen",
    ),
    "comment_labels": (r"(?:redaktionsempfehlung|empfehlung der redaktion)", r"abonnent(?:in)?"),
    "spoiler_notice": (
        r"dieser kommentar enth[äa]lt spoiler.*",
        r"spoiler[- ]?(?:warnung|alarm).*",
        r"dieser kommentar (?:ist|wurde) (?:ausgeblendet|verborgen).*",
        r"(?:hier )?klicken,? um (?:ihn|den kommentar) (?:zu lesen|anzuzeigen)\.?",
    ),
    "time_ago": (
        r"vor\s+(?:\d+|einer?|einem)\s*(?:sek(?:\.|unden?)?|min(?:\.|uten?)?|std\.?|stunden?|tag(?:en)?"
        r"|wochen?"
        r"|monat(?:en)?|jahr(?:en)?)",
        r"gerade (?:eben|jetzt)",
        r"(?:gestern|heute)(?:,?\s+(?:um\s+)?{time})?",
    ),
    "months": (
        "januar",
        "jänner",
        "februar",
        "märz",
        "maerz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "jan",
        "feb",
        "mär",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
    ),
    "date_joiners": ("um", "am", ","),
    "wrote": ("schrieb", "schreibt", "antwortete", "meint", "sagt"),
    "posted_by": ("geschrieben von", "kommentar von", "antwort von"),
}

_ES: dict[str, tuple[str, ...]] = {
    "advertisement": (
        r"publicidad",
        r"anuncio",
        r"(?:contenido )?patrocinado",
        r"(?:la noticia|el art[íi]culo) contin[úu]a (?:tras|despu[ée]s de) la publicidad",
    ),
    "related_header": (
        r"m[áa]s informaci[óo]n",
        r"m[áa]s noticias(?: de .{1,40})?",
        r"(?:lee|lea) (?:tambi[ée]n|m[áa]s)",
        r"te puede interesar",
        r"(?:noticias|art[íi]culos) relacionad[oa]s",
        r"(?:lo )?m[áa]s le[íi]do",
        r"sobre el mismo tema",
        r"ver tambi[ée]n",
    ),
    "related_inline": (r"(?:lee|lea) tambi[ée]n", r"m[áa]s informaci[óo]n", r"ver tambi[ée]n"),
    "share_bar": (
        r"compart(?:ir|e) (?:este|el) (?:art[íi]culo|noticia)(?: en .{1,30})?",
        r"compartir en (?:facebook|twitter|x|linkedin|whatsapp)",
        r"copiar (?:el )?enlace",
    ),
    "share_words": ("compartir", "comparte", "imprimir", "enviar", "correo", "copiar enlace"),
    "newsletter": (
        r"(?:suscr[íi]bete|reg[íi]strate|ap[úu]ntate) (?:a|al|en) (?:nuestro|nuestra|la|el|los) .{0,40}"
        r"(?:bolet[íi]n|newsletter|bolet[íi]nes).*",
        r"recibe .{0,60}(?:en tu (?:correo|email|bandeja)|por correo).*",
        r"suscr[íi]bete(?: ahora| aqu[íi])?[.!]?",
        r"(?:¿)?ya eres suscriptor\?.*",
    ),
    "correction_notice": (
        r"(?:¿)?(?:has|ha) (?:visto|encontrado) (?:un|alg[úu]n) error\?.*",
        r".{0,40}selecciona el texto y pulsa ctrl\s*\+\s*enter.*",
        r"(?:fe de erratas|correcci[óo]n|aclaraci[óo]n)(?:\s*\([^)]{1,40}\))?\s*:.*",
        r"una versi[óo]n anterior de (?:este art[íi]culo|esta noticia).*",
    ),
    "credit": (
        r"\(?con informaci[óo]n de .{1,60}\)?\.?",
        r"\(?(?:con|fuente:) (?:efe|afp|reuters|ap|europa press|agencias)\)?\.?",
    ),
    "caption": (r"(?:foto|fotograf[íi]a|imagen|v[íi]deo)s?\s*(?::|\||/).+",),
    "byline_words": ("por", "escrito por"),
    "dateline": (r"(?:publicado|actualizado|modificado)(?: el)?",),
    "comment_header": (
        r"\d+\s+(?:comentarios?|respuestas?|pensamientos?) (?:en|sobre|a)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:respuestas|mensajes|reacciones)",
        r"(?:respuestas|mensajes)\s*[(:]\s*\d+\)?",
        r"\d+\s+comentarios?",
        r"comentarios?\s*[(:]\s*\d+\)?",
        r"comentarios",
        r"[úu]nete a la conversaci[óo]n",
        r"(?:deja|escribe|a[ñn]ade) (?:un|tu) comentario",
        r"(?:ver|mostrar|leer) (?:los |todos los )?(?:\d+ )?comentarios",
    ),
    "comment_ui": (
        r"(?:deja|dejar|escribe) (?:una respuesta|un comentario)",
        r"cancelar respuesta",
        r"publicar comentario",
        r"(?:cargar|ver|mostrar) m[áa]s (?:comentarios|respuestas)",
        r"(?:ver|mostrar|ocultar) (?:las )?(?:\d+ )?respuestas?",
        r"ordenar por\b.{0,40}",
        r"(?:inicia sesi[óo]n|reg[íi]strate) para (?:comentar|responder).*",
        r"este comentario (?:ha sido|fue) (?:eliminado|borrado|moderado).*",
        r"los comentarios est[áa]n cerrados.*",
    ),
    "comment_ui_words": (
        "responder",
        "respuesta",
        "respuestas",
        "me gusta",
        "denunciar",
        "reportar",
        "compartir",
        "citar",
    ),
    "comment_labels": (r"(?:destacado|elecci[óo]n del editor|suscriptor)",),
    "spoiler_notice": (
        r"este comentario (?:contiene|puede contener) spoilers?.*",
        r"(?:alerta|aviso) de spoiler.*",
        r"este comentario est[áa] oculto.*",
    ),
    "time_ago": (
        r"hace\s+(?:\d+|una?|unos|unas)\s*(?:s|seg(?:undos?)?|min(?:utos?)?|h|horas?|d|d[íi]as?|semanas?"
        r"|mes(?:es)?|a[ñn]os?)",
        r"(?:ayer|hoy)(?:,?\s+a las\s+{time})?",
        r"ahora mismo",
    ),
    "months": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "setiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "ene",
        "abr",
        "ago",
        "dic",
    ),
    "date_joiners": ("a las", "de", ","),
    "wrote": ("escribió", "escribio", "escribe", "dijo", "respondió", "respondio"),
    "posted_by": ("publicado por", "escrito por", "respuesta de"),
}

_IT: dict[str, tuple[str, ...]] = {
    "advertisement": (
        r"pubblicit[àa]",
        r"annuncio",
        r"(?:contenuto )?sponsorizzat[oa]",
        r"(?:articolo|contenuto) sponsorizzato",
    ),
    "related_header": (
        r"leggi anche",
        r"(?:articoli|notizie) correlat[ie]",
        r"potrebbe (?:interessarti|interessarvi)",
        r"(?:i )?pi[ùu] lett[ie]",
        r"(?:vedi|guarda) anche",
        r"sullo stesso (?:argomento|tema)",
    ),
    "related_inline": (r"leggi anche", r"vedi anche"),
    "share_bar": (
        r"condividi (?:questo|l['’])articolo(?: su .{1,30})?",
        r"condividi su (?:facebook|twitter|x|whatsapp)",
        r"copia (?:il )?link",
    ),
    "share_words": ("condividi", "stampa", "invia", "copia link"),
    "newsletter": (
        r"iscriviti (?:alla|alle|alla nostra|alle nostre) .{0,40}newsletter.*",
        r"ricevi .{0,60}(?:via e-?mail|nella tua (?:casella|email)).*",
        r"abbonati(?: ora| subito)?[.!]?",
        r"sei gi[àa] abbonato\?.*",
    ),
    "correction_notice": (
        r"(?:hai )?(?:trovato|notato) un errore\?.*",
        r"segnala un errore\.?",
        r".{0,40}seleziona il testo e premi ctrl\s*\+\s*invio.*",
        r"(?:rettifica|correzione|errata corrige)(?:\s*\([^)]{1,40}\))?\s*:.*",
    ),
    "credit": (r"\(?(?:con|fonte:) (?:ansa|afp|reuters|ap|agi|adnkronos|agenzie)\)?\.?",),
    "caption": (r"(?:foto|immagine|video)s?\s*(?::|\||/).+",),
    "byline_words": ("di", "scritto da"),
    "dateline": (r"(?:pubblicato|aggiornato|modificato)(?: il)?",),
    "comment_header": (
        r"\d+\s+(?:commenti|commento|risposte|pensieri) (?:su|a)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:risposte|messaggi|interventi)",
        r"(?:risposte|messaggi)\s*[(:]\s*\d+\)?",
        r"\d+\s+comment[oi]",
        r"commenti?\s*[(:]\s*\d+\)?",
        r"commenti",
        r"partecipa alla discussione",
        r"(?:lascia|scrivi|aggiungi) un commento",
        r"(?:mostra|vedi|leggi) (?:i |tutti i )?(?:\d+ )?commenti",
    ),
    "comment_ui": (
        r"(?:lascia|scrivi) (?:una risposta|un commento)",
        r"annulla risposta",
        r"invia commento",
        r"(?:carica|mostra|vedi) (?:altri|pi[ùu]) (?:commenti|risposte)",
        r"(?:mostra|vedi|nascondi) (?:le )?(?:\d+ )?rispost[ae]",
        r"ordina per\b.{0,40}",
        r"(?:accedi|registrati) per (?:commentare|rispondere).*",
        r"questo commento [èe] stato (?:rimosso|eliminato|moderato).*",
    ),
    "comment_ui_words": ("rispondi", "risposta", "risposte", "mi piace", "segnala", "condividi", "cita"),
    "comment_labels": (r"(?:scelto dalla redazione|in evidenza|abbonato)",),
    "spoiler_notice": (
        r"questo commento contiene spoiler.*",
        r"attenzione,? spoiler.*",
        r"questo commento [èe] nascosto.*",
    ),
    "time_ago": (
        r"(?:\d+|un|una|uno)\s*(?:second[oi]|minut[oi]|min|or[ae]|h|giorn[oi]|settiman[ae]|mes[ei]"
        r"|ann[oi])\s+fa",
        r"(?:ieri|oggi)(?:,?\s+alle\s+{time})?",
        r"(?:adesso|proprio ora)",
    ),
    "months": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
        "gen",
        "mag",
        "giu",
        "lug",
        "ott",
        "dic",
    ),
    "date_joiners": ("alle", "ore", ","),
    "wrote": ("ha scritto", "scrive", "ha risposto", "dice"),
    "posted_by": ("pubblicato da", "scritto da", "risposta di"),
}

_PT: dict[str, tuple[str, ...]] = {
    "advertisement": (
        r"publicidade",
        r"an[úu]ncio",
        r"(?:conte[úu]do )?patrocinado",
        r"continua (?:depois|ap[óo]s) a publicidade",
    ),
    "related_header": (
        r"leia (?:tamb[ée]m|mais)",
        r"veja (?:tamb[ée]m|mais)",
        r"(?:not[íi]cias|artigos|mat[ée]rias) relacionad[oa]s",
        r"(?:os )?mais lid[oa]s",
        r"sobre o mesmo (?:assunto|tema)",
        r"saiba mais",
    ),
    "related_inline": (r"leia tamb[ée]m", r"veja tamb[ée]m", r"saiba mais"),
    "share_bar": (
        r"(?:compartilh|partilh)ar (?:este|o) artigo(?: n[oa] .{1,30})?",
        r"(?:compartilh|partilh)ar n[oa] (?:facebook|twitter|x|whatsapp)",
        r"copiar (?:o )?link",
    ),
    "share_words": ("compartilhar", "partilhar", "imprimir", "enviar", "copiar link"),
    "newsletter": (
        r"(?:assine|inscreva-se|subscreva|receba) (?:a|na|em|nossa|a nossa)? ?.{0,40}"
        r"(?:newsletter|boletim).*",
        r"assine(?: j[áa]| agora)?[.!]?",
        r"j[áa] [ée] assinante\?.*",
    ),
    "correction_notice": (
        r"(?:encontrou|viu) (?:um|algum) erro\?.*",
        r".{0,40}selecione o texto e (?:pressione|prima) ctrl\s*\+\s*enter.*",
        r"(?:corre[çc][ãa]o|errata|esclarecimento)(?:\s*\([^)]{1,40}\))?\s*:.*",
    ),
    "credit": (r"\(?(?:com|fonte:) (?:lusa|afp|reuters|ap|ag[êe]ncia brasil|ag[êe]ncias)\)?\.?",),
    "caption": (r"(?:foto|imagem|v[íi]deo)s?\s*(?::|\||/).+",),
    "byline_words": ("por",),
    "dateline": (r"(?:publicado|atualizado|actualizado)(?: em)?",),
    "comment_header": (
        r"\d+\s+(?:coment[áa]rios?|respostas?|pensamentos?) (?:sobre|em|para"
        r"|a)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:respostas|mensagens|rea[çc][õo]es)",
        r"(?:respostas|mensagens)\s*[(:]\s*\d+\)?",
        r"\d+\s+coment[áa]rios?",
        r"coment[áa]rios?\s*[(:]\s*\d+\)?",
        r"coment[áa]rios",
        r"participe da (?:conversa|discuss[ãa]o)",
        r"(?:deixe|escreva) (?:um|seu|o seu) coment[áa]rio",
        r"(?:ver|mostrar|ler) (?:os |todos os )?(?:\d+ )?coment[áa]rios",
    ),
    "comment_ui": (
        r"(?:deixe|deixa|escreva) (?:uma resposta|um coment[áa]rio)",
        r"cancelar resposta",
        r"publicar coment[áa]rio",
        r"(?:carregar|ver|mostrar) mais (?:coment[áa]rios|respostas)",
        r"(?:ver|mostrar|ocultar) (?:as )?(?:\d+ )?respostas?",
        r"ordenar por\b.{0,40}",
        r"(?:entre|fa[çc]a login|inicie sess[ãa]o) para (?:comentar|responder).*",
        r"este coment[áa]rio foi (?:removido|apagado|moderado).*",
    ),
    "comment_ui_words": (
        "responder",
        "resposta",
        "respostas",
        "curtir",
        "gostei",
        "denunciar",
        "compartilhar",
        "partilhar",
    ),
    "comment_labels": (r"(?:escolha do editor|destaque|assinante)",),
    "spoiler_notice": (
        r"este coment[áa]rio cont[ée]m spoilers?.*",
        r"alerta de spoiler.*",
        r"este coment[áa]rio est[áa] oculto.*",
    ),
    "time_ago": (
        r"h[áa]\s+(?:\d+|uma?)\s*(?:s|segundos?|min(?:utos?)?|h|horas?|d|dias?|semanas?|m[eê]s(?:es)?|anos?)",
        r"(?:ontem|hoje)(?:,?\s+[àa]s\s+{time})?",
        r"agora mesmo",
    ),
    "months": (
        "janeiro",
        "fevereiro",
        "março",
        "marco",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
        "fev",
        "abr",
        "mai",
        "ago",
        "set",
        "out",
        "dez",
    ),
    "date_joiners": ("às", "as", "de", ","),
    "wrote": ("escreveu", "escreve", "disse", "respondeu"),
    "posted_by": ("publicado por", "escrito por", "resposta de"),
}

_NL: dict[str, tuple[str, ...]] = {
    "advertisement": (
        r"advertentie",
        r"reclame",
        r"gesponsord(?:e inhoud)?",
        r"(?:het artikel|lees) (?:gaat )?verder (?:na|onder) de advertentie",
    ),
    "related_header": (
        r"lees (?:ook|meer)",
        r"meer over (?:dit|het) onderwerp",
        r"gerelateerde (?:artikelen|berichten|nieuws)",
        r"(?:meest gelezen|populair)",
        r"bekijk ook",
    ),
    "related_inline": (r"lees ook", r"lees meer", r"bekijk ook"),
    "share_bar": (
        r"deel (?:dit|het) artikel(?: (?:op|via) .{1,30})?",
        r"delen (?:op|via) (?:facebook|twitter|x|whatsapp)",
        r"kopieer (?:de )?link",
    ),
    "share_words": ("delen", "deel", "printen", "afdrukken", "mailen", "kopieer link"),
    "newsletter": (
        r"(?:meld je aan|schrijf je in|abonneer je)(?: gratis)?(?: voor| op)? (?:onze|de|het) .{0,40}"
        r"(?:nieuwsbrief|newsletter).*",
        r"ontvang .{0,60}(?:in je (?:mailbox|inbox)|per e-?mail).*",
        r"word (?:nu )?abonnee[.!]?",
        r"al abonnee\?.*",
    ),
    "correction_notice": (
        r"(?:fout|typfout) (?:gezien|gevonden|opgemerkt)\?.*",
        r".{0,40}selecteer de tekst en druk op ctrl\s*\+\s*enter.*",
        r"(?:correctie|rectificatie|verbetering)(?:\s*\([^)]{1,40}\))?\s*:.*",
    ),
    "credit": (r"\(?(?:met|bron:) (?:anp|afp|reuters|ap|belga|persbureaus)\)?\.?",),
    "caption": (r"(?:foto|beeld|afbeelding|video)s?\s*(?::|\||/).+",),
    "byline_words": ("door",),
    "dateline": (r"(?:gepubliceerd|bijgewerkt|aangepast)(?: op)?",),
    "comment_header": (
        r"\d+\s+(?:reacties?|gedachten|antwoorden) op\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:antwoorden|berichten)",
        r"(?:antwoorden|berichten)\s*[(:]\s*\d+\)?",
        r"\d+\s+reacties?",
        r"reacties?\s*[(:]\s*\d+\)?",
        r"reacties",
        r"\d+\s+commentaren",
        r"praat mee",
        r"(?:plaats|schrijf) een reactie",
        r"(?:bekijk|toon|lees) (?:alle )?(?:\d+ )?reacties",
    ),
    "comment_ui": (
        r"(?:laat|schrijf|plaats) (?:een reactie|een antwoord)(?: achter)?",
        r"reactie annuleren",
        r"reactie plaatsen",
        r"(?:laad|toon|bekijk) meer (?:reacties|antwoorden)",
        r"(?:toon|bekijk|verberg) (?:\d+ )?(?:antwoorden|reacties)",
        r"sorteer op\b.{0,40}",
        r"(?:log in|meld je aan) om te reageren.*",
        r"deze reactie is (?:verwijderd|gemodereerd).*",
    ),
    "comment_ui_words": (
        "reageren",
        "beantwoorden",
        "antwoord",
        "antwoorden",
        "vind ik leuk",
        "rapporteren",
        "melden",
        "delen",
    ),
    "comment_labels": (r"(?:keuze van de redactie|uitgelicht|abonnee)",),
    "spoiler_notice": (r"deze reactie bevat spoilers?.*", r"spoileralert.*", r"deze reactie is verborgen.*"),
    "time_ago": (
        r"(?:\d+|een)\s*(?:s|sec(?:onden?)?|min(?:uten?)?|minuut|u|uur|d|dagen?|dag|weken?|week|maanden?"
        r"|maand"
        r"|jaar|jaren)\s+geleden",
        r"(?:gisteren|vandaag)(?:,?\s+om\s+{time})?",
        r"zojuist",
    ),
    "months": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "jan",
        "feb",
        "mrt",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "nov",
        "dec",
    ),
    "date_joiners": ("om", ","),
    "wrote": ("schreef", "schrijft", "zei", "reageerde"),
    "posted_by": ("geplaatst door", "reactie van"),
}

_PL: dict[str, tuple[str, ...]] = {
    "wrote": ("napisał", "napisała", "pisze", "odpowiedział", "odpowiedziała"),
    "comment_ui": (
        r"(?:dodaj|napisz|zostaw) (?:komentarz|odpowied[źz])",
        r"anuluj odpowied[źz]",
    ),
    "advertisement": (r"reklama", r"materia[łl] (?:sponsorowany|partnera)"),
    "related_header": (
        r"czytaj (?:te[żz]|wi[ęe]cej)",
        r"zobacz (?:te[żz]|r[óo]wnie[żz])",
        r"powi[ąa]zane (?:artyku[łl]y|tematy)",
    ),
    "related_inline": (r"czytaj te[żz]", r"zobacz te[żz]"),
    "comment_header": (
        r"\d+\s+(?:komentarz(?:e|y)?|odpowied(?:zi|ź)) (?:do|na temat|o)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:odpowiedzi|wpis(?:y|[óo]w)?)",
        r"odpowiedzi\s*[(:]\s*\d+\)?",
        r"\d+\s+komentarz(?:e|y)?",
        r"komentarze?\s*[(:]\s*\d+\)?",
        r"komentarze",
    ),
    "comment_ui_words": ("odpowiedz", "lubię to", "zgłoś", "udostępnij"),
    "spoiler_notice": (r"ten komentarz zawiera spoilery?.*",),
    "time_ago": (
        r"(?:\d+)\s*(?:sekund[y]?|minut[y]?|godzin[y]?|godz\.|dni|dzie[ńn]|tygodni[e]?|miesi[ęe]c[y]?"
        r"|lat[a]?)\s+temu",
    ),
    "share_words": ("udostępnij",),
}

_RU: dict[str, tuple[str, ...]] = {
    "wrote": ("написал", "написала", "пишет", "ответил", "ответила"),
    "comment_ui": (
        r"(?:оставьте|оставить|написать) (?:комментарий|ответ)",
        r"отменить ответ",
    ),
    "advertisement": (r"реклама",),
    "related_header": (r"читайте (?:также|ещ[её])", r"по теме", r"смотрите также"),
    "related_inline": (r"читайте также", r"по теме"),
    "comment_header": (
        r"\d+\s+(?:комментари(?:й|я|ев)|ответ(?:а|ов)?|мысл(?:ь|и|ей)) (?:к|на"
        r"|о)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:ответ(?:а|ов)?|сообщени(?:е|я|й))",
        r"ответы\s*[(:]\s*\d+\)?",
        r"\d+\s+комментари(?:й|я|ев)",
        r"комментарии?\s*[(:]\s*\d+\)?",
        r"комментарии",
    ),
    "comment_ui_words": ("ответить", "нравится", "пожаловаться", "поделиться"),
    "time_ago": (
        r"\d+\s*(?:секунд[уы]?|минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[иьюя]|месяц(?:а|ев)?|лет"
        r"|год(?:а)?)\s+назад",
    ),
    "share_words": ("поделиться",),
}

_UK: dict[str, tuple[str, ...]] = {
    "wrote": ("написав", "написала", "пише", "відповів", "відповіла"),
    "comment_ui": (
        r"(?:залиште|залишити|написати) (?:коментар|відповідь)",
        r"скасувати відповідь",
    ),
    "advertisement": (r"реклама",),
    "related_header": (r"читайте також", r"за темою", r"дивіться також"),
    "related_inline": (r"читайте також",),
    "comment_header": (
        r"\d+\s+(?:коментар(?:і|ів)?|відповід(?:ь|і|ей)) (?:до|на|про)\s+[“\x22«‘'„].{1,150}[”\x22»’'“]",
        r"\d+\s+(?:відповід(?:ь|і|ей)|повідомлен(?:ня|ь))",
        r"відповіді\s*[(:]\s*\d+\)?",
        r"\d+\s+коментар(?:і|ів)?",
        r"коментарі?\s*[(:]\s*\d+\)?",
        r"коментарі",
    ),
    "comment_ui_words": ("відповісти", "подобається", "поскаржитися", "поділитися"),
    "time_ago": (
        r"\d+\s*(?:секунд[уи]?|хвилин[уи]?|годин[уи]?|дн(?:і|ів)|день|тижн(?:і|ів)|місяц(?:і|ів)|рок(?:и"
        r"|ів))\s+тому",
    ),
    "share_words": ("поділитися",),
}

# Arabic, Chinese, Japanese, Turkish (issue 22): ads, related boxes and comment chrome. CJK lines carry
# no spaces, so a header may end in a full-width colon; Turkish "İ" matches "i" case-insensitively.
_AR: dict[str, tuple[str, ...]] = {
    "advertisement": (r"إعلان", r"إعلانات", r"محتوى (?:مدعوم|إعلاني|ممول)"),
    "related_header": (
        r"اقرأ (?:أيضا|أيضاً|ايضا|المزيد)\s*:?",
        r"(?:مقالات|أخبار|مواضيع) ذات صلة\s*:?",
        r"قد يهمك(?: أيضا| أيضاً)?\s*:?",
    ),
    "related_inline": (r"اقرأ (?:أيضا|أيضاً|ايضا|المزيد)",),
    "comment_header": (r"\d+\s+تعليقات?", r"التعليقات\s*[(:]\s*\d+\)?", r"التعليقات"),
    "comment_ui_words": ("رد", "إعجاب", "إبلاغ", "مشاركة"),
    "time_ago": (
        r"منذ\s+\d+\s*(?:ثانية|ثوان|دقيقة|دقائق|ساعة|ساعات|يوم|أيام|أسبوع|أسابيع|شهر|أشهر|سنة)",
        r"منذ\s+(?:دقيقة|دقيقتين|ساعة|ساعتين|يوم|يومين|أسبوع|أسبوعين|شهر|شهرين)",
    ),
    "share_bar": (r"شارك(?: هذا)? (?:المقال|الخبر)",),
    "share_words": ("مشاركة", "شارك"),
}

_ZH: dict[str, tuple[str, ...]] = {
    "advertisement": (r"广告", r"廣告", r"推广", r"推廣", r"赞助内容", r"贊助內容"),
    "related_header": (
        r"(?:相关|相關)(?:阅读|閱讀|新闻|新聞|文章|报道|報導)\s*[:：]?",
        r"(?:延伸|推荐|推薦)(?:阅读|閱讀)\s*[:：]?",
        r"猜你喜欢\s*[:：]?",
        # With its headline on the line: a CJK headline is one "word" (no spaces), too few for related_inline.
        r"(?:相关|相關|延伸|推荐|推薦)(?:阅读|閱讀|新闻|新聞|报道|報導)\s*[:：]\s*\S{2,60}",
    ),
    "related_inline": (r"(?:相关|相關|延伸|推荐|推薦)(?:阅读|閱讀)",),
    "comment_header": (
        r"\d+\s*条评论",
        r"\d+\s*則留言",
        r"(?:网友)?(?:评论|評論|留言)\s*[(（:：]\s*\d+\s*[)）]?",
        r"(?:网友)?(?:评论|評論|留言)",
    ),
    "comment_ui_words": ("回复", "回覆", "点赞", "讚", "举报", "檢舉"),
    "time_ago": (r"\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|年)前",),
    "share_bar": (r"分享(?:本文|到|至)?\s*[:：]?",),
}

_JA: dict[str, tuple[str, ...]] = {
    "advertisement": (r"広告", r"スポンサーリンク", r"PR"),
    "related_header": (
        r"関連(?:記事|ニュース)\s*[:：]?",
        r"あわせて読みたい\s*[:：]?",
        r"こちらもおすすめ\s*[:：]?",
        r"おすすめ記事\s*[:：]?",
        r"(?:関連記事|関連ニュース|あわせて読みたい)\s*[:：]\s*\S{2,60}",
    ),
    "related_inline": (r"関連記事", r"あわせて読みたい"),
    "comment_header": (
        r"\d+\s*件のコメント",
        r"コメント\s*[(（:：]\s*\d+\s*(?:件)?\s*[)）]?",
        r"コメント(?:一覧)?",
    ),
    "comment_ui_words": ("返信", "いいね", "通報"),
    "time_ago": (r"\d+\s*(?:秒|分|時間|日|週間|か月|ヶ月|年)前",),
    "share_bar": (r"(?:この記事を)?シェア(?:する)?",),
}

_TR: dict[str, tuple[str, ...]] = {
    "advertisement": (r"reklam", r"sponsorlu(?: içerik)?"),
    "related_header": (
        r"[iİ]lgili haberler\s*:?",
        r"benzer haberler\s*:?",
        r"bunlar da ilginizi çekebilir\s*:?",
        r"ayrıca okuyun\s*:?",
    ),
    "related_inline": (r"[iİ]lgili haber", r"ayrıca okuyun"),
    "comment_header": (r"\d+\s+yorum", r"yorumlar\s*[(:]\s*\d+\)?", r"yorumlar"),
    "comment_ui_words": ("yanıtla", "cevapla", "beğen", "şikayet et"),
    "time_ago": (r"\d+\s*(?:saniye|dakika|saat|gün|hafta|ay|yıl)\s+önce",),
    "share_bar": (r"(?:bu haberi )?paylaş",),
    "share_words": ("paylaş",),
    "wrote": ("yazdı",),
}

# --- page-end boilerplate and sign-in prompts (all ten languages) ---------------------------------

#: ``site_footer``: whole-line footer notices cut wherever they stand (rights, licences).
_SITE_FOOTER: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:proudly )?powered by [^.!?]{1,40}\.?",
        r"follow us(?: on| at)? .{0,80}",
        r"(?:download|get) (?:our|the) (?:free )?app.{0,80}",
        r"(?:©|\(c\)|copyright)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?.{0,60}\ball rights reserved\b.{0,200}",
        r"(?:this|the) (?:article|story|content|work|text) is (?:published |licensed |available )?under"
        r" (?:a |the )?(?:creative commons|cc[ -]by|open licen[cs]e).{0,80}",
        r"licensed under (?:a |the )?(?:creative commons|cc[ -]by).{0,80}",
        r"(?:©|\(c\)|copyright)\s*(?:\d{4}|.{1,60}?\d{4})(?:\s*[-–]\s*\d{4})?[^.!?]{0,80}\.?",
        r"(?:no part of this|reproduction|republication|redistribution) .{0,60}"
        r"(?:prohibited|without (?:prior )?(?:written )?permission|not permitted).{0,40}",
        r"(?:our standards|editorial standards)\s*:.{0,80}",
        r"(?:the )?[\w .&'’-]{0,40}trust principles\.?",
    ),
    "fr": (
        r"(?:fi[èe]rement )?propuls[ée] par [^.!?]{1,40}\.?",
        r"suivez-nous(?: sur)? .{0,80}",
        r"t[ée]l[ée]chargez (?:notre|l['’])\s?application.{0,80}",
        r".{0,60}\btous droits r[ée]serv[ée]s\b.{0,200}",
        r"(?:reproduction|diffusion|toute reproduction) .{0,60}(?:interdite|sans autorisation).{0,40}",
        r"(?:cet article|ce contenu|ce texte) est (?:publi[ée] |diffus[ée] )?sous licence.{0,80}",
        r"(?:nos engagements|notre charte)(?: [ée]ditoriale| de d[ée]ontologie)?\s*:.{0,80}",
    ),
    "de": (
        r"(?:stolz )?betrieben mit [^.!?]{1,40}\.?",
        r"folgen sie uns(?: auf)? .{0,80}",
        r"folge uns(?: auf)? .{0,80}",
        r"(?:laden sie|hol dir) (?:unsere|die) app.{0,80}",
        r".{0,60}\balle rechte vorbehalten\b.{0,200}",
        r"(?:nachdruck|vervielf[äa]ltigung|weiterverbreitung|verwendung) .{0,60}"
        r"(?:nur mit|ohne) .{0,30}(?:genehmigung|erlaubnis|zustimmung).{0,40}",
        r"(?:dieser artikel|dieser inhalt|dieser text) (?:steht|ist|wird) .{0,30}lizenz.{0,80}",
        r"(?:unsere (?:grunds[äa]tze|standards|leitlinien))\s*:.{0,80}",
    ),
    "es": (
        r"(?:orgullosamente )?(?:funciona con|impulsado por) [^.!?]{1,40}\.?",
        r"s[íi]guenos(?: en)? .{0,80}",
        r"descarga (?:nuestra|la) app.{0,80}",
        r".{0,60}\btodos los derechos reservados\b.{0,200}",
        r"(?:queda prohibida|prohibida) (?:la )?(?:reproducci[óo]n|copia|distribuci[óo]n).{0,80}",
        r"(?:este art[íi]culo|este contenido|este texto) (?:se publica|est[áa] publicado|est[áa]) bajo"
        r" (?:una )?licencia.{0,80}",
        r"(?:nuestros (?:principios|est[áa]ndares)(?: editoriales)?)\s*:.{0,80}",
    ),
    "it": (
        r"(?:orgogliosamente )?(?:realizzato con|powered by) [^.!?]{1,40}\.?",
        r"seguici(?: su)? .{0,80}",
        r"scarica (?:la nostra|l['’])\s?app.{0,80}",
        r".{0,60}\btutti i diritti riservati\b.{0,200}",
        r"(?:[èe] vietata|vietata) (?:la )?(?:riproduzione|copia|diffusione).{0,80}",
        r"(?:questo articolo|questo contenuto|questo testo) [èe] (?:pubblicato |distribuito )?"
        r"(?:sotto|con) (?:una )?licenza.{0,80}",
        r"(?:i nostri (?:principi|standard)(?: editoriali)?)\s*:.{0,80}",
    ),
    "pt": (
        r"(?:orgulhosamente )?(?:desenvolvido com|com tecnologia) [^.!?]{1,40}\.?",
        r"(?:siga-nos|segue-nos|siga o .{1,30})(?: no| na| em)? .{0,80}",
        r"(?:descarregue|baixe) (?:a nossa|o nosso|o) app.{0,80}",
        r".{0,60}\btodos os direitos reservados\b.{0,200}",
        r"(?:[ée] proibida|proibida) (?:a )?(?:reprodu[çc][ãa]o|c[óo]pia|distribui[çc][ãa]o).{0,80}",
        r"(?:este artigo|este conte[úu]do|este texto) (?:[ée] publicado|est[áa]) (?:sob|com) "
        r"(?:uma )?licen[çc]a.{0,80}",
        r"(?:os nossos|nossos) (?:princ[íi]pios|padr[õo]es)(?: editoriais)?\s*:.{0,80}",
    ),
    "nl": (
        r"(?:trots )?mogelijk gemaakt door [^.!?]{1,40}\.?",
        r"volg ons(?: op)? .{0,80}",
        r"download (?:onze|de) app.{0,80}",
        r".{0,60}\balle rechten voorbehouden\b.{0,200}",
        r"(?:niets uit deze|overname|verveelvoudiging) .{0,80}(?:zonder|toestemming).{0,60}",
        r"(?:dit artikel|deze inhoud|deze tekst) (?:valt|is|wordt) .{0,30}licentie.{0,80}",
        r"(?:onze (?:principes|journalistieke code|standaarden))\s*:.{0,80}",
    ),
    "pl": (
        r"(?:dumnie )?(?:wspierane|napędzane) przez [^.!?]{1,40}\.?",
        r"obserwuj nas(?: na)? .{0,80}",
        r"pobierz (?:nasz[aą]|) ?aplikacj[ęe].{0,80}",
        r".{0,60}\bwszelkie prawa zastrze[żz]one\b.{0,200}",
        r"(?:kopiowanie|powielanie|przedruk) .{0,60}(?:zabronione|bez zgody).{0,60}",
        r"(?:ten artyku[łl]|ta tre[śs][ćc]|ten tekst) (?:jest )?(?:dost[ęe]pny |udost[ęe]pniony "
        r"|publikowany )?"
        r"na licencji.{0,80}",
        r"(?:nasze (?:zasady|standardy)(?: redakcyjne)?)\s*:.{0,80}",
    ),
    "ru": (
        r"(?:сайт )?работает на [^.!?]{1,40}\.?",
        r"(?:подписывайтесь на нас|следите за нами)(?: в| на)? .{0,80}",
        r"скачайте (?:наше )?приложение.{0,80}",
        r".{0,60}\bвсе права защищены\b.{0,200}",
        r"(?:перепечатка|копирование|использование) .{0,60}(?:запрещен[аоы]?|без (?:письменного )?разрешения"
        r"|только с).{0,60}",
        r"(?:эта статья|этот материал|этот текст) (?:опубликован[а]? |распространяется )?(?:под|по) "
        r"лицензи[ей].{0,80}",
        r"(?:наши (?:принципы|стандарты))\s*:.{0,80}",
    ),
    "uk": (
        r"(?:сайт )?працює на [^.!?]{1,40}\.?",
        r"(?:підписуйтесь на нас|стежте за нами)(?: у| в| на)? .{0,80}",
        r"завантажте (?:наш[уе] )?(?:застосунок|додаток).{0,80}",
        r".{0,60}\bвсі права захищені\b.{0,200}",
        r"(?:передрук|копіювання|використання) .{0,60}(?:заборонен[оаі]|без (?:письмового )?дозволу"
        r"|лише з).{0,60}",
        r"(?:ця стаття|цей матеріал|цей текст) (?:опублікован[аий] |поширюється )?(?:під|за) "
        r"ліцензі[єю].{0,80}",
        r"(?:наші (?:принципи|стандарти))\s*:.{0,80}",
    ),
}

#: ``footer_tail``: lines that are boilerplate only at the END of a page, below the body or the
#: comments (a news story may well mention a press code; the page's closing lines that name it
#: are the site's own notice). Matched anywhere in the line.
_FOOTER_TAIL: dict[str, tuple[str, ...]] = {
    "en": (
        r".*\b(?:trust principles|editorial (?:standards|guidelines|code|policy)|editors['’] code"
        r"|independent press standards|press (?:council|complaints commission)|regulated by (?:the )?ipso"
        r"|registered (?:office|in england(?: and wales)?)|company (?:number|no\.?|registration))\b.*",
    ),
    "fr": (
        r".*\b(?:charte (?:[ée]ditoriale|de d[ée]ontologie)|conseil de d[ée]ontologie journalistique"
        r"|soci[ée]t[ée] [ée]ditrice\s*:|direct(?:eur|rice) de la publication\s*:).*",
    ),
    "de": (
        r".*\b(?:pressekodex|deutschen presserats?|redaktionelle (?:grunds[äa]tze|leitlinien)"
        r"|verantwortlich im sinne|registergericht|handelsregister)\b.*",
    ),
    "es": (
        r".*\b(?:c[óo]digo deontol[óo]gico|principios editoriales|libro de estilo|dep[óo]sito legal)\b.*",
    ),
    "it": (
        r".*\b(?:codice deontologico|carta dei doveri|principi editoriali|p\.\s?iva|partita iva"
        r"|registrazione (?:presso il )?tribunale)\b.*",
    ),
    "pt": (
        r".*\b(?:c[óo]digo deontol[óo]gico|estatuto editorial|princ[íi]pios editoriais|ficha t[ée]cnica)\b.*",
    ),
    "nl": (
        r".*\b(?:journalistieke (?:code|principes)|raad voor de journalistiek|redactiestatuut|colofon)\b.*",
    ),
    "pl": (r".*\b(?:kodeks etyki|zasady etyki dziennikarskiej|wydawca:|redaktor naczelny:).*",),
    "ru": (r".*(?:редакционн\w+ политик\w+|учредитель:|свидетельство о регистрации|главный редактор:).*",),
    "uk": (r".*(?:редакційн\w+ політик\w+|засновник:|свідоцтво про реєстрацію|головний редактор:).*",),
}

#: ``login_prompt``: "log in / sign in ... to comment" prompts and their variants, cut in the
#: article part and in the comment section alike (a comments-only page may open with one).
_LOGIN_PROMPT: dict[str, tuple[str, ...]] = {
    "en": (
        r"[^?]{3,60}\?\s*(?:please )?(?:log ?in|sign ?in|register|subscribe|create an account)\b.{0,80}",
        r"comments (?:are|will be) (?:moderated|reviewed|pre-moderated|checked).{0,120}",
        r"(?:please )?(?:read|see|follow|respect) our (?:community (?:guidelines|standards|rules)|house"
        r" rules|comment(?:ing|s)? policy).{0,80}",
        r"(?:please )?(?:log ?in|sign ?in|sign up|register|subscribe)(?: or (?:register|sign up|log ?in"
        r"|sign ?in"
        r"|create an account))?"
        r"(?: now)?,? (?:to|and) (?:comment|reply|post|join|leave|add|read|see|view|participate)\b.*",
        r"(?:to (?:comment|post a comment|reply|join the (?:discussion|conversation)),?\s*)"
        r"(?:please )?(?:log ?in|sign ?in|register|subscribe).*",
        r"you (?:must|need to|have to) (?:be (?:logged|signed) in|log ?in|sign ?in|register).*",
        r"(?:only )?(?:registered users|subscribers|members) can (?:comment|post|reply).*",
        r"(?:already (?:have an account|registered)|don['’]t have an account)\?.{0,60}",
        r"(?:log ?in|sign ?in)(?: / | or |\s*\|\s*)(?:register|sign up|create an account)\.?",
    ),
    "fr": (
        r"[^?]{3,60}\?\s*(?:connectez-vous|identifiez-vous|inscrivez-vous|abonnez-vous|cr[ée]ez un"
        r" compte)\b.{0,80}",
        r"les commentaires sont mod[ée]r[ée]s.{0,120}",
        r".{0,40}charte de mod[ée]ration.{0,80}",
        r"(?:veuillez vous |merci de vous )?(?:connectez-vous|identifiez-vous|inscrivez-vous|abonnez-vous"
        r"|(?:vous )?connecter|(?:vous )?identifier)(?: ou (?:inscrivez-vous|connectez-vous|cr[ée]ez un"
        r" compte))?,?"
        r" (?:pour|afin de) (?:commenter|r[ée]agir|r[ée]pondre|participer|publier|laisser).*",
        r"pour (?:commenter|r[ée]agir|r[ée]pondre|participer),? (?:veuillez |merci de )?(?:vous )?"
        r"(?:connecter|identifier|connectez-vous|identifiez-vous|abonner|abonnez-vous).*",
        r"vous devez [êe]tre (?:connect[ée]|identifi[ée]|abonn[ée]).*",
        r"(?:seuls )?les (?:abonn[ée]s|membres|utilisateurs inscrits) peuvent (?:commenter|r[ée]agir).*",
        r"(?:d[ée]j[àa] (?:abonn[ée]|inscrit)|pas encore de compte)\s*\?.{0,60}",
        r"(?:se connecter|connexion)(?: / | ou |\s*\|\s*)(?:s['’]inscrire|inscription|cr[ée]er un compte)\.?",
    ),
    "de": (
        r"[^?]{3,60}\?\s*(?:jetzt )?(?:melden sie sich|loggen sie sich|registrieren sie sich|anmelden"
        r"|einloggen|registrieren)\b.{0,80}",
        r"(?:alle )?kommentare werden (?:moderiert|gepr[üu]ft|vor der ver[öo]ffentlichung"
        r" gepr[üu]ft).{0,120}",
        r".{0,40}\bnetiquette\b.{0,80}",
        r"(?:bitte )?(?:melden sie sich|meld(?:e|en) dich|loggen sie sich|logg dich|registrieren sie sich"
        r"|registriere dich) (?:an|ein)?,? ?(?:um|,\s*um) .{0,40}(?:zu )?(?:kommentieren|antworten"
        r"|diskutieren"
        r"|schreiben|posten|teilzunehmen).*",
        r"(?:um|zum) (?:zu )?(?:kommentieren|antworten|mitdiskutieren),? .{0,20}(?:anmelden|einloggen"
        r"|registrieren"
        r"|melden sie sich an|loggen sie sich ein).*",
        r"(?:sie m[üu]ssen|du musst) (?:angemeldet|eingeloggt|registriert) sein.*",
        r"(?:nur )?(?:registrierte (?:nutzer|leser)\w*|abonnenten|mitglieder) k[öo]nnen (?:kommentieren"
        r"|antworten).*",
        r"(?:anmelden|einloggen)(?: / | oder |\s*\|\s*)(?:registrieren|konto erstellen)\.?",
        r"zum kommentieren (?:bitte )?(?:anmelden|einloggen|registrieren)\.?",
    ),
    "es": (
        r"[^?]{3,60}\?\s*(?:inicia sesi[óo]n|reg[íi]strate|identif[íi]cate|suscr[íi]bete)\b.{0,80}",
        r"los comentarios (?:son|est[áa]n|ser[áa]n) moderados.{0,120}",
        r".{0,40}normas de participaci[óo]n.{0,80}",
        r"(?:por favor,? )?(?:inicia|inicie) (?:sesi[óo]n|la sesi[óo]n)(?: o reg[íi]strate)?,? para "
        r"(?:comentar|responder|participar|publicar).*",
        r"(?:reg[íi]strate|reg[íi]strese|suscr[íi]bete|identif[íi]cate|con[ée]ctate|accede) "
        r"(?:o (?:inicia sesi[óo]n|reg[íi]strate) )?para (?:comentar|responder|participar|publicar).*",
        r"para (?:comentar|responder|participar),? (?:debes|tienes que|necesitas|es necesario) "
        r"(?:iniciar sesi[óo]n|registrarte|estar registrado|identificarte|suscribirte).*",
        r"(?:debes|tienes que|necesitas) (?:iniciar sesi[óo]n|estar registrado|identificarte).*",
        r"(?:solo|s[óo]lo) (?:los )?(?:suscriptores|usuarios registrados) pueden comentar.*",
        r"(?:iniciar sesi[óo]n|entrar)(?: / | o |\s*\|\s*)(?:registrarse|crear cuenta)\.?",
    ),
    "it": (
        r"[^?]{3,60}\?\s*(?:accedi|registrati|iscriviti|effettua il login)\b.{0,80}",
        r"i commenti (?:sono|vengono|saranno) moderati.{0,120}",
        r".{0,40}\bnetiquette\b.{0,80}",
        r"(?:accedi|effettua il login|fai login|registrati|iscriviti|entra)(?: o (?:registrati|accedi"
        r"|iscriviti))?,? per "
        r"(?:commentare|rispondere|partecipare|lasciare).*",
        r"per (?:commentare|rispondere|partecipare),? (?:devi |[èe] necessario )?(?:accedere|effettuare il"
        r" login"
        r"|essere registrat[oi]|registrarti|accedi).*",
        r"devi (?:essere (?:registrat|loggat|autenticat)[oi]|accedere|effettuare il login).*",
        r"(?:solo )?(?:gli )?(?:abbonati|utenti registrati) possono commentare.*",
        r"(?:accedi|login)(?: / | o |\s*\|\s*)(?:registrati|crea un account)\.?",
    ),
    "pt": (
        r"[^?]{3,60}\?\s*(?:fa[çc]a login|entre|inicie sess[ãa]o|registe-se|cadastre-se|assine)\b.{0,80}",
        r"os coment[áa]rios (?:s[ãa]o|est[ãa]o|ser[ãa]o) moderados.{0,120}",
        r".{0,40}regras de (?:participa[çc][ãa]o|utiliza[çc][ãa]o).{0,80}",
        r"(?:fa[çc]a|efetue|efectue) (?:o )?(?:login|log-in|inicie sess[ãa]o)(?: ou (?:registe-se|cadastre-se"
        r"|entre))?,? para "
        r"(?:comentar|responder|participar|publicar).*",
        r"(?:entre|inicie sess[ãa]o|registe-se|cadastre-se|assine|inscreva-se) (?:na sua conta )?para "
        r"(?:comentar|responder|participar).*",
        r"para (?:comentar|responder|participar),? (?:[ée] (?:necess[áa]rio|preciso)|precisa|tem de|deve) "
        r"(?:fazer login|estar (?:registad|cadastrad|logad)o|entrar|iniciar sess[ãa]o|ser assinante).*",
        r"(?:voc[êe] )?(?:precisa|tem de|deve) (?:estar (?:logad|registad|cadastrad)o|fazer login|iniciar"
        r" sess[ãa]o).*",
        r"(?:apenas|s[óo]) (?:os )?(?:assinantes|utilizadores registados|usu[áa]rios cadastrados) podem"
        r" comentar.*",
    ),
    "nl": (
        r"[^?]{3,60}\?\s*(?:log ?in|meld je aan|registreer|word abonnee)\b.{0,80}",
        r"reacties worden (?:gemodereerd|gecontroleerd|beoordeeld).{0,120}",
        r".{0,40}\bhuisregels\b.{0,80}",
        r"(?:log ?in|meld je aan|meld u aan|registreer(?: je| u)?|word abonnee)(?: of (?:registreer|log"
        r" ?in))?,? "
        r"(?:om (?:te )?|en )(?:reageren|te reageren|reageer|mee te praten|te discussi[ëe]ren).*",
        r"(?:om te reageren|wil je reageren\?|reageren\?),? (?:moet je|dien je|moet u|log ?in|meld je aan).*",
        r"je moet (?:ingelogd|aangemeld|geregistreerd) zijn.*",
        r"(?:alleen )?(?:abonnees|geregistreerde gebruikers|leden) kunnen reageren.*",
        r"(?:inloggen)(?: / | of |\s*\|\s*)(?:registreren|account aanmaken)\.?",
    ),
    "pl": (
        r"[^?]{3,60}\?\s*(?:zaloguj si[ęe]|zarejestruj si[ęe])\b.{0,80}",
        r"komentarze s[ąa] moderowane.{0,120}",
        r".{0,40}regulamin (?:komentowania|komentarzy).{0,80}",
        r"(?:zaloguj si[ęe]|zarejestruj si[ęe])(?: lub (?:zarejestruj|zaloguj)(?: si[ęe])?)?,? (?:aby|by"
        r"|[żz]eby) "
        r"(?:skomentowa[ćc]|komentowa[ćc]|doda[ćc] komentarz|odpowiedzie[ćc]|wzi[ąa][śs][ćc] udzia[łl]).*",
        r"(?:aby|by|[żz]eby) (?:skomentowa[ćc]|komentowa[ćc]|doda[ćc] komentarz),? (?:musisz si[ęe]"
        r" zalogowa[ćc]"
        r"|zaloguj si[ęe]|nale[żz]y si[ęe] zalogowa[ćc]).*",
        r"musisz by[ćc] zalogowany.*",
        r"(?:tylko )?(?:zalogowani|zarejestrowani) (?:u[żz]ytkownicy )?mog[ąa] komentowa[ćc].*",
    ),
    "ru": (
        r"[^?]{3,60}\?\s*(?:войдите|авторизуйтесь|зарегистрируйтесь)\b.{0,80}",
        r"комментарии (?:проходят (?:пре)?модерацию|модерируются).{0,120}",
        r".{0,40}правила комментирования.{0,80}",
        r"(?:войдите|авторизуйтесь|зарегистрируйтесь)(?: или (?:зарегистрируйтесь|войдите))?,? (?:чтобы"
        r"|для того,?"
        r" чтобы) "
        r"(?:оставить комментарий|комментировать|ответить|прокомментировать).*",
        r"(?:чтобы|для того,? чтобы) (?:оставить комментарий|комментировать|прокомментировать),? "
        r"(?:войдите|авторизуйтесь|необходимо (?:войти|авторизоваться)|нужно войти).*",
        r"(?:вы должны|необходимо|нужно) (?:войти|авторизоваться|быть авторизован\w*).*",
        r"(?:только )?(?:зарегистрированные|авторизованные) пользователи могут комментировать.*",
    ),
    "uk": (
        r"[^?]{3,60}\?\s*(?:увійдіть|авторизуйтеся|зареєструйтеся)\b.{0,80}",
        r"коментарі (?:проходять (?:пре)?модерацію|модеруються).{0,120}",
        r".{0,40}правила коментування.{0,80}",
        r"(?:увійдіть|авторизуйтеся|зареєструйтеся)(?: або (?:зареєструйтеся|увійдіть))?,? (?:щоб|аби) "
        r"(?:залишити коментар|коментувати|відповісти|прокоментувати).*",
        r"(?:щоб|аби) (?:залишити коментар|коментувати|прокоментувати),? "
        r"(?:увійдіть|авторизуйтеся|потрібно (?:увійти|авторизуватися)).*",
        r"(?:ви повинні|потрібно|необхідно) (?:увійти|авторизуватися|бути авторизован\w*).*",
        r"(?:лише |тільки )?(?:зареєстровані|авторизовані) користувачі можуть коментувати.*",
    ),
}

#: ``footer_links``: words of a footer link row when a line holds nothing else
#: ("About us | Contact | Privacy policy").
_FOOTER_LINKS: dict[str, tuple[str, ...]] = {
    "en": (
        "about",
        "about us",
        "contact",
        "contact us",
        "privacy",
        "privacy policy",
        "terms",
        "terms of use",
        "terms of service",
        "cookies",
        "cookie policy",
        "cookie settings",
        "advertise",
        "advertise with us",
        "careers",
        "jobs",
        "sitemap",
        "site map",
        "accessibility",
        "help",
        "faq",
        "imprint",
        "legal",
        "masthead",
        "rss",
        "archive",
        "corrections",
        "subscriptions",
    ),
    "fr": (
        "à propos",
        "qui sommes-nous",
        "contact",
        "nous contacter",
        "mentions légales",
        "confidentialité",
        "politique de confidentialité",
        "cgu",
        "cgv",
        "plan du site",
        "publicité",
        "recrutement",
        "gestion des cookies",
        "aide",
        "accessibilité",
    ),
    "de": (
        "impressum",
        "kontakt",
        "datenschutz",
        "datenschutzerklärung",
        "agb",
        "nutzungsbedingungen",
        "über uns",
        "werbung",
        "mediadaten",
        "karriere",
        "hilfe",
        "barrierefreiheit",
        "cookie-einstellungen",
    ),
    "es": (
        "aviso legal",
        "quiénes somos",
        "contacto",
        "privacidad",
        "política de privacidad",
        "cookies",
        "política de cookies",
        "publicidad",
        "mapa del sitio",
        "ayuda",
        "términos de uso",
    ),
    "it": (
        "chi siamo",
        "contatti",
        "privacy",
        "note legali",
        "pubblicità",
        "mappa del sito",
        "lavora con noi",
        "termini di servizio",
        "aiuto",
    ),
    "pt": (
        "quem somos",
        "contacto",
        "contato",
        "contactos",
        "privacidade",
        "política de privacidade",
        "termos de uso",
        "publicidade",
        "ficha técnica",
        "estatuto editorial",
        "ajuda",
    ),
    "nl": (
        "over ons",
        "contact",
        "colofon",
        "privacy",
        "privacybeleid",
        "cookiebeleid",
        "adverteren",
        "algemene voorwaarden",
        "vacatures",
        "klantenservice",
    ),
    "pl": (
        "o nas",
        "kontakt",
        "regulamin",
        "polityka prywatności",
        "reklama",
        "redakcja",
        "pomoc",
        "kariera",
    ),
    "ru": ("о нас", "контакты", "реклама", "политика конфиденциальности", "правила", "редакция", "вакансии"),
    "uk": ("про нас", "контакти", "реклама", "політика конфіденційності", "правила", "редакція", "вакансії"),
}


def _with_page_end(language: str, table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {
        **table,
        "site_footer": _SITE_FOOTER[language],
        "footer_tail": _FOOTER_TAIL[language],
        "footer_links": _FOOTER_LINKS[language],
        "login_prompt": _LOGIN_PROMPT[language],
    }


#: Legal forms of publishers (case-sensitive): a short line at the page end naming one is the
#: publisher's imprint ("Courier Media Ltd, 4 Dock Street").
COMPANY_SUFFIXES: Final[tuple[str, ...]] = (
    "Ltd",
    "Limited",
    "plc",
    "Inc.",
    "LLC",
    "GmbH",
    "GmbH & Co. KG",
    "S.A.",
    "S.L.",
    "S.A.S.",
    "SAS",
    "SARL",
    "S.p.A.",
    "S.r.l.",
    "Lda.",
    "B.V.",
    "N.V.",
    "Sp. z o.o.",
    "ООО",
    "АО",
    "ТОВ",
    "ПрАТ",
)

#: language code -> kind -> patterns (regexes, or plain words for ``*_words``,
#: ``months``, ``date_joiners``, ``wrote``, ``posted_by``). A ``{time}`` placeholder
#: in ``time_ago`` stands for a clock time ("10:14", "10h14", "9.30 pm").
PATTERNS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": _with_page_end("en", _EN),
    "fr": _with_page_end("fr", _FR),
    "de": _with_page_end("de", _DE),
    "es": _with_page_end("es", _ES),
    "it": _with_page_end("it", _IT),
    "pt": _with_page_end("pt", _PT),
    "nl": _with_page_end("nl", _NL),
    "pl": _with_page_end("pl", _PL),
    "ru": _with_page_end("ru", _RU),
    "uk": _with_page_end("uk", _UK),
    "ar": _AR,
    "zh": _ZH,
    "ja": _JA,
    "tr": _TR,
}

#: Words that may sit between two share/chrome words ("Reply · Like", "12 likes").
CHROME_SEPARATORS: Final[str] = r"[\s·•|/,;:()\[\]\-–—+*#0-9]"
