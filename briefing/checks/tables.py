# ruff: noqa: E501  (data tables: one row per language reads better than wrapped rows)
"""Word tables the fact extractor reads (data only): months, number words, scales, currencies, percent.

Keys are lower case. Inflected forms are listed where a language inflects (Slavic cases, plurals); a
prefix match is not used for these because "mar" or "mai" would then match ordinary words.
"""

from __future__ import annotations

from typing import Final


def _months(*rows: str) -> dict[str, int]:
    """One row per month: its names and abbreviations, space-separated."""
    out: dict[str, int] = {}
    for number, row in enumerate(rows, 1):
        for word in row.split():
            out[word] = number
    return out


MONTHS: Final[dict[str, int]] = _months(
    # en fr de es it pt nl pl ru uk (nominative and genitive forms)
    "january jan janvier januar jänner enero gennaio janeiro januari styczeń stycznia январь января январе "
    "січень січня",
    "february feb février fevrier februar febrero febbraio fevereiro februari luty lutego февраль февраля "
    "лютий лютого",
    "march mar mars märz marzo março maart marzec marca март марта марте березень березня",
    "april apr avril abril aprile kwiecień kwietnia апрель апреля квітень квітня",
    "may mai mayo maggio maio mei maj maja май мая травень травня",
    "june jun juin juni junio giugno junho czerwiec czerwca июнь июня червень червня",
    "july jul juillet juli julio luglio julho lipiec lipca июль июля липень липня",
    "august aug août aout agosto augustus sierpień sierpnia август августа серпень серпня",
    "september sep sept septembre septiembre setembro settembre wrzesień września сентябрь сентября "
    "вересень вересня",
    "october oct octobre oktober octubre ottobre outubro październik października октябрь октября "
    "жовтень жовтня",
    "november nov novembre noviembre novembro listopad listopada ноябрь ноября листопад листопада",
    "december dec décembre decembre dezember diciembre dicembre dezembro grudzień grudnia декабрь декабря "
    "грудень грудня",
)

# Month words that are also ordinary words in some language: a month only next to a day or a year.
AMBIGUOUS_MONTHS: Final[frozenset[str]] = frozenset(
    {
        "mar",
        "may",
        "mai",
        "maj",
        "mei",
        "jun",
        "jul",
        "sept",
        "aug",
        "dec",
        "nov",
        "oct",
        "apr",
        "feb",
        "jan",
        "sep",
        "листопад",
        "maio",
        "marca",
    }
)

# Spelled-out numbers per language, 1-12 and a few round ones: "two people" is "2 people". Case forms of
# Slavic numbers are listed ("трёх станций"). A summary is checked for these; "one" (an article or pronoun
# as often as a figure) only counts as found in a source (SOURCE_ONLY_NUMBER_WORDS).
# fmt: off
_NUMBER_ROWS: Final[dict[str, str]] = {
    "en": "two three four five six seven eight nine ten eleven twelve - twenty thirty forty fifty hundred dozen",
    "fr": "deux trois quatre cinq six sept huit neuf dix onze douze - vingt trente quarante cinquante cent douzaine",
    "de": "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf - zwanzig dreißig vierzig fünfzig hundert dutzend",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce - veinte treinta cuarenta cincuenta cien docena",
    "it": "due tre quattro cinque sei sette otto nove dieci undici dodici - venti trenta quaranta cinquanta cento dozzina",
    "pt": "dois três quatro cinco seis sete oito nove dez onze doze - vinte trinta quarenta cinquenta cem dúzia",
    "nl": "twee drie vier vijf zes zeven acht negen tien elf twaalf - twintig dertig veertig vijftig honderd dozijn",
    "pl": "dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście - dwadzieścia "
          "trzydzieści czterdzieści pięćdziesiąt sto tuzin",
    "ru": "два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать - двадцать тридцать сорок "
          "пятьдесят сто дюжина",
    "uk": "два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять - двадцять тридцять сорок "
          "п'ятдесят сто дюжина",
}
_ROUND = (20, 30, 40, 50, 100, 12)
_CASE_FORMS: Final[dict[str, dict[str, int]]] = {
    "pl": {"dwie": 2, "dwóch": 2, "dwu": 2, "dwoma": 2, "trzech": 3, "trzema": 3, "czterech": 4, "pięciu": 5},
    "ru": {"две": 2, "двух": 2, "двум": 2, "двумя": 2, "трёх": 3, "трех": 3, "трём": 3, "четырёх": 4, "четырех": 4,
           "пяти": 5},
    "uk": {"дві": 2, "двох": 2, "трьох": 3, "чотирьох": 4, "п'яти": 5},
    "pt": {"duas": 2},
}
# fmt: on


def _number_table(row: str) -> dict[str, int]:
    small, round_ = row.split(" - ")
    table = {word: n for n, word in enumerate(small.split(), 2)}
    table.update(zip(round_.split(), _ROUND, strict=True))
    return table


NUMBER_WORDS: Final[dict[str, dict[str, int]]] = {
    language: {**_number_table(row), **_CASE_FORMS.get(language, {})}
    for language, row in _NUMBER_ROWS.items()
}
SOURCE_ONLY_NUMBER_WORDS: Final[dict[str, dict[str, int]]] = {
    "en": {"one": 1},
    "fr": {"un": 1, "une": 1},
    "de": {"ein": 1, "eine": 1, "einen": 1},
    "es": {"uno": 1, "una": 1},
    "it": {"uno": 1, "una": 1},
    "pt": {"um": 1, "uma": 1},
    "nl": {"een": 1},
    "pl": {"jeden": 1, "jedna": 1},
    "ru": {"один": 1, "одна": 1},
    "uk": {"один": 1, "одна": 1},
}

# Scale words after a figure: "1.4 billion", "3 Mio.", "2 млрд". French/German "billion" is 10^12.
SCALE_WORDS: Final[dict[str, dict[str, int]]] = {
    "en": {
        "thousand": 10**3,
        "k": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "m": 10**6,
        "mn": 10**6,
        "billion": 10**9,
        "billions": 10**9,
        "bn": 10**9,
        "trillion": 10**12,
    },
    "fr": {
        "mille": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "md": 10**9,
        "milliard": 10**9,
        "milliards": 10**9,
        "mds": 10**9,
        "billion": 10**12,
        "billions": 10**12,
    },
    "de": {
        "tausend": 10**3,
        "tsd": 10**3,
        "million": 10**6,
        "millionen": 10**6,
        "mio": 10**6,
        "milliarde": 10**9,
        "milliarden": 10**9,
        "mrd": 10**9,
        "billion": 10**12,
        "billionen": 10**12,
    },
    "es": {
        "mil": 10**3,
        "millón": 10**6,
        "millones": 10**6,
        "millon": 10**6,
        "billón": 10**12,
        "billones": 10**12,
    },
    "it": {
        "mila": 10**3,
        "mille": 10**3,
        "milione": 10**6,
        "milioni": 10**6,
        "mln": 10**6,
        "miliardo": 10**9,
        "miliardi": 10**9,
        "mld": 10**9,
        "mrd": 10**9,
    },
    "pt": {
        "mil": 10**3,
        "milhão": 10**6,
        "milhões": 10**6,
        "milhao": 10**6,
        "bilhão": 10**9,
        "bilhões": 10**9,
        "mi": 10**6,
        "bi": 10**9,
    },
    "nl": {
        "duizend": 10**3,
        "miljoen": 10**6,
        "mln": 10**6,
        "miljard": 10**9,
        "mld": 10**9,
        "mrd": 10**9,
        "biljoen": 10**12,
    },
    "pl": {
        "tys": 10**3,
        "tysiąc": 10**3,
        "tysięcy": 10**3,
        "tysiące": 10**3,
        "mln": 10**6,
        "milion": 10**6,
        "miliony": 10**6,
        "milionów": 10**6,
        "mld": 10**9,
        "miliard": 10**9,
        "miliardy": 10**9,
        "miliardów": 10**9,
    },
    "ru": {
        "тыс": 10**3,
        "тысяча": 10**3,
        "тысячи": 10**3,
        "тысяч": 10**3,
        "млн": 10**6,
        "миллион": 10**6,
        "миллиона": 10**6,
        "миллионов": 10**6,
        "млрд": 10**9,
        "миллиард": 10**9,
        "миллиарда": 10**9,
        "миллиардов": 10**9,
        "трлн": 10**12,
    },
    "uk": {
        "тис": 10**3,
        "тисяча": 10**3,
        "тисячі": 10**3,
        "тисяч": 10**3,
        "млн": 10**6,
        "мільйон": 10**6,
        "мільйони": 10**6,
        "мільйонів": 10**6,
        "млрд": 10**9,
        "мільярд": 10**9,
        "мільярди": 10**9,
        "мільярдів": 10**9,
        "трлн": 10**12,
    },
}
# "mil millones" / "mil milhões" (10^9) are two words: read before the single words.
COMPOUND_SCALES: Final[dict[str, int]] = {"mil millones": 10**9, "mil milhões": 10**9}

# Currency symbols and words → ISO code. Words are matched after the figure (and scale), symbols either side.
CURRENCY_SYMBOLS: Final[dict[str, str]] = {
    "us$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "zł": "PLN",
    "chf": "CHF",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rub": "RUB",
    "uah": "UAH",
    "pln": "PLN",
}
CURRENCY_WORDS: Final[dict[str, str]] = {
    **dict.fromkeys(
        [
            "dollar",
            "dollars",
            "dólar",
            "dólares",
            "dollari",
            "dolarów",
            "dolary",
            "dolara",
            "доллар",
            "долларов",
            "доллара",
            "долар",
            "доларів",
            "долари",
        ],
        "USD",
    ),
    **dict.fromkeys(["euro", "euros", "evro", "евро", "євро", "euro's"], "EUR"),
    **dict.fromkeys(["pound", "pounds", "pfund", "livres", "sterling"], "GBP"),
    **dict.fromkeys(["rouble", "roubles", "ruble", "rubles", "рубль", "рублей", "рубля", "рублів"], "RUB"),
    **dict.fromkeys(["hryvnia", "hryvnias", "гривня", "гривень", "гривні", "гривен"], "UAH"),
    **dict.fromkeys(["złoty", "zloty", "złotych", "złote", "zlotys"], "PLN"),
    **dict.fromkeys(["yen", "yuan", "франков", "francs", "franken"], "OTHER"),
}

# What makes a figure a percentage when it follows it (a regular expression, matched case-insensitively).
PERCENT_PATTERN: Final[str] = (
    r"%|per\s?cent\b|pct\b|prozent\b|pour\s?cent\b|por\s?ciento\b|por\s?cento\b|per\s?cento\b|"
    r"procent\w*|proc\.|процент\w*|відсот\w*|percentage points?\b|prozentpunkte\w*|points? de pourcentage"
)
