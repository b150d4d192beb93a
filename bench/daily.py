"""Inputs of the daily-scale scenario (``python -m bench.run --scenario daily``).

A day's briefing: 100 articles, three target languages, readers commenting in five languages. The articles
are the project's examples and seeds copied round-robin (as in the default scenario); each copy gets five
reader comments, one in each of :data:`COMMENT_LANGUAGES`, rotated through the lines below so that copies
differ. The comments are written for this benchmark (general reactions that fit any news story).
"""

from __future__ import annotations

import re
from pathlib import Path

TARGET_LANGUAGES = ("fr", "de", "es")
COMMENT_LANGUAGES = ("de", "fr", "es", "it", "nl")
AUTHORS = ("R. Vogel", "Claire M.", "andres_g", "Giulia P.", "Bram de Wit", "T. Lindqvist", "Nadia K.")

COMMENTS: dict[str, tuple[str, ...]] = {
    "de": (
        "Ich habe den Artikel zweimal gelesen und frage mich immer noch, wer am Ende die Rechnung bezahlt.",
        "Gute Zusammenfassung. In unserer Stadt wird seit Monaten über genau dieses Thema gestritten.",
        "Schön und gut, aber solche Versprechen haben wir schon oft gehört. Ich warte auf die Zahlen.",
    ),
    "fr": (
        "Article intéressant, mais il manque l'avis des habitants qui vivent cela au quotidien.",
        "On nous annonce la même chose tous les deux ans. Cette fois, j'attends de voir les résultats.",
        "Merci pour ce dossier clair. Les chiffres du deuxième paragraphe m'ont surpris.",
    ),
    "es": (
        "Muy buen reportaje. Me gustaría saber qué opinan los trabajadores del sector.",
        "Siempre se habla de inversiones, pero nadie explica cuánto tiempo tardarán en notarse.",
        "En mi región pasó algo parecido hace unos años y al final el proyecto se quedó a medias.",
    ),
    "it": (
        "Articolo chiaro e ben documentato. Speriamo che qualcuno ascolti anche i cittadini.",
        "Belle parole, ma i fondi promessi arrivano sempre in ritardo. Vedremo tra un anno.",
        "Da noi se ne discute da tempo e nessuno sembra avere una soluzione convincente.",
    ),
    "nl": (
        "Goed stuk. Ik vraag me alleen af waarom de gemeente hier zo lang over heeft gedaan.",
        "Mooie plannen, maar wie gaat dit allemaal betalen? Daar lees ik helaas niets over.",
        "Bij ons in de buurt speelt precies hetzelfde en de meningen zijn sterk verdeeld.",
    ),
}
_COUNT_HEADER = re.compile(r"^Comments \((\d+)\)[ \t]*$", re.MULTILINE)


def comment_block(index: int) -> str:
    """Five comments, one per language; which line each language says is the ``k``-th base-3 digit of
    ``index``, so the first 3 ** 5 = 243 articles all get different blocks: copies of one input then never
    have the same bytes (Briefing digests identical files once, and 100 copies of 6 inputs would repeat)."""
    blocks = []
    for k, language in enumerate(COMMENT_LANGUAGES):
        lines = COMMENTS[language]
        author = AUTHORS[(index + k) % len(AUTHORS)]
        line = lines[(index // len(lines) ** k + k) % len(lines)]
        blocks.append(f"{author} · {k + 1} hours ago\n{line}\nReply · Like · Report")
    return "\n\n".join(blocks)


def with_comments(text: str, index: int) -> str:
    """``text`` with the five comments added: inside its comment section when it has one, else a new one."""
    block = comment_block(index)
    found = _COUNT_HEADER.search(text)
    if found is None:
        return f"{text.rstrip()}\n\nComments ({len(COMMENT_LANGUAGES)})\n\n{block}\n"
    count = int(found.group(1)) + len(COMMENT_LANGUAGES)
    head, tail = text[: found.start()], text[found.end() :]
    return f"{head}Comments ({count})\n\n{block}\n{tail}"


def add_comments(paths: list[Path]) -> None:
    """Rewrite each (copied) input with its comments, in the file's own encoding where it can hold them
    (some inputs are deliberately not UTF-8); the originals under examples/ are never touched. A file the
    pipeline would reject stays as it is (it fails alone there, as it should)."""
    from briefing.cleaning.decode import decode_bytes
    from briefing.errors import InputError

    for index, path in enumerate(paths):
        try:
            decoded = decode_bytes(path.read_bytes(), str(path))
        except InputError:
            continue
        text = with_comments(decoded.text, index)
        try:
            data = text.encode(decoded.encoding)
        except (LookupError, UnicodeEncodeError):
            data = text.encode("utf-8")
        path.write_bytes(data)
