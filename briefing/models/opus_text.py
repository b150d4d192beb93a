"""OPUS-MT's own input preprocessing, as its models were trained (pure).

OPUS-MT-train ``scripts/preprocess-spm.sh`` (Helsinki-NLP/OPUS-MT-train, confirmed in the stored copy of
the repository) runs, before sentencepiece:

1. a small ``sed`` character map: CJK / full-width punctuation and digits to ASCII, curly double quotes
   and guillemet-like brackets to ``"``, the right single quote to ``'``, the ellipsis to ``...``;
2. ``perl -C -pe 's/(?!\\n)\\p{C}/ /g'``: every "Other" character (control, format such as zero-width
   space/joiners and bidi marks, private use, unassigned) becomes a space;
3. ``perl -CIOE -pe 's/[\\x{2060}\\x{200B}\\x{feff}]//g'`` (a no-op after step 2, kept for fidelity);
4. ``sed 's/  */ /g;s/^ *//g;s/ *$//g'``: runs of ASCII spaces squeezed, the line trimmed.

Nothing else is touched: a non-breaking space (Unicode Zs, not C) stays, so ``5 000`` or ``1 000 Mal``
reaches the tokenizer unchanged (sentencepiece's own nmt_nfkc normalisation maps it to a space, as in
training). Moses punctuation normalisation (sacremoses, used before) rewrote such numbers to ``5.000``.
"""

from __future__ import annotations

import re
import unicodedata

# The sed map of preprocess-spm.sh, in its order. "１" -> '"' is in the original script (a slip there, but
# the models were trained with it); "。 *" and "． *" take the spaces after them.
_CHAR_MAP: tuple[tuple[str, str], ...] = (
    ("，", ","),
    ("、", ","),
    ("”", '"'),
    ("“", '"'),
    ("∶", ":"),
    ("：", ":"),
    ("？", "?"),
    ("《", '"'),
    ("》", '"'),
    ("）", ")"),
    ("！", "!"),
    ("（", "("),
    ("；", ";"),
    ("１", '"'),
    ("」", '"'),
    ("「", '"'),
    ("０", "0"),
    ("３", "3"),
    ("２", "2"),
    ("５", "5"),
    ("６", "6"),
    ("９", "9"),
    ("７", "7"),
    ("８", "8"),
    ("４", "4"),
    ("～", "~"),
    ("’", "'"),
    ("…", "..."),
    ("━", "-"),
    ("〈", "<"),
    ("〉", ">"),
    ("【", "["),
    ("】", "]"),
    ("％", "%"),
)
_TABLE = str.maketrans(dict(_CHAR_MAP))
_FULL_STOPS = re.compile(r"[。．] *")
_SPACES = re.compile(r" {2,}")


def _is_other(char: str) -> bool:
    return unicodedata.category(char).startswith("C") and char != "\n"


def opus_preprocess(text: str) -> str:
    """``text`` as preprocess-spm.sh hands it to sentencepiece (one line at a time there: newlines kept)."""
    text = _FULL_STOPS.sub(". ", text).translate(_TABLE)
    text = "".join(" " if _is_other(c) else c for c in text)
    lines = (_SPACES.sub(" ", line).strip(" ") for line in text.split("\n"))
    return "\n".join(lines)
