"""Language identification: whole texts, segments of mixed comments, inheritance, joiner."""

from __future__ import annotations

import pytest

from briefing.langid import detect_language, normalize_languages, split_segments
from briefing.settings import DEFAULT_DETECT_LANGUAGES

pytestmark = pytest.mark.unit

LANGS = DEFAULT_DETECT_LANGUAGES


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The ministers agreed to fund new night trains across the continent.", "en"),
        ("Les ministres ont accepté de financer de nouveaux trains de nuit.", "fr"),
        ("Die Minister haben beschlossen, neue Nachtzüge zu finanzieren.", "de"),
        ("Los ministros acordaron financiar nuevos trenes nocturnos.", "es"),
        ("I ministri hanno deciso di finanziare nuovi treni notturni.", "it"),
        ("Os ministros decidiram financiar novos comboios noturnos.", "pt"),
        ("De ministers besloten nieuwe nachttreinen te financieren.", "nl"),
        ("Ministrowie zgodzili się sfinansować nowe pociągi nocne.", "pl"),
        ("Министры согласились финансировать новые ночные поезда.", "ru"),
        ("Міністри погодилися фінансувати нові нічні потяги.", "uk"),
        ("وافق الوزراء على تمويل قطارات ليلية جديدة.", "ar"),
        ("部长们同意为新的夜间列车提供资金。", "zh"),
        ("閣僚たちは新しい夜行列車に資金を出すことで合意した。", "ja"),
        ("Bakanlar yeni gece trenlerini finanse etmeyi kabul etti.", "tr"),
    ],
)
def test_detect_language_default_set(text, language):
    code, confidence = detect_language(text, DEFAULT_DETECT_LANGUAGES)
    assert code == language
    assert 0.5 <= confidence <= 1.0


def test_detection_is_limited_to_the_configured_set():
    text = "Los ministros acordaron financiar nuevos trenes nocturnos."
    code, _ = detect_language(text, ["en", "fr", "it", "pt"])
    assert code in {"en", "fr", "it", "pt"}


def test_nothing_to_detect_gives_first_language_and_zero_confidence():
    assert detect_language("12345 !!!", ["de", "en"]) == ("de", 0.0)


@pytest.mark.parametrize("bad", [["xx"], ["english"], [], [" "]])
def test_unknown_language_codes_are_rejected(bad):
    with pytest.raises(ValueError):
        normalize_languages(bad)


def test_codes_are_normalised_and_deduplicated():
    assert normalize_languages(["EN", " fr", "en"]) == ("en", "fr")


def test_segments_join_back_to_the_text_exactly():
    text = (
        "This is long overdue and I am glad.\nThe price was the problem.\n\n"
        "On verra bien si les trains arrivent à l'heure."
    )
    segments = split_segments(text, LANGS)
    assert "".join(s.text for s in segments) == text
    assert [s.language for s in segments] == ["en", "fr"]
    assert segments[-1].text == "On verra bien si les trains arrivent à l'heure."
    assert all(0.0 <= (s.confidence or 0.0) <= 1.0 for s in segments)


def test_adjacent_sentences_of_one_language_merge():
    text = "Der Zug war pünktlich. Das Personal war freundlich. Ich fahre wieder mit."
    segments = split_segments(text, LANGS)
    assert [(s.language, s.text) for s in segments] == [("de", text)]


def test_short_sentences_inherit_their_neighbours_language():
    # "Endlich!" alone is too short to identify; it takes the German of its line.
    text = "Endlich! Ich fahre seit Jahren mit dem Nachtzug nach Hamburg und freue mich."
    segments = split_segments(text, LANGS)
    assert [s.language for s in segments] == ["de"]


def test_short_line_takes_the_previous_sentence_language():
    text = "The ferry was late again this morning, for the third time this week.\nOk."
    segments = split_segments(text, LANGS)
    assert [s.language for s in segments] == ["en"]
    assert "".join(s.text for s in segments) == text


def test_three_language_comment():
    text = (
        "I took the night train from Vienna last spring and loved every minute of it. "
        "Ich würde sofort wieder mit dem Nachtzug fahren, wenn es billiger wäre. "
        "Ojalá incluyan pronto una línea hacia Madrid y Barcelona."
    )
    segments = split_segments(text, LANGS)
    assert [s.language for s in segments] == ["en", "de", "es"]
    assert "".join(s.text for s in segments) == text


def test_empty_text_has_no_segments():
    assert split_segments("  \n ", LANGS) == ()


def test_segmenting_is_safe_from_several_threads():
    """Prefect runs tasks in a thread pool: concurrent calls must give the sequential answers."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"Comment number {i} says the trains were late again. On verra bien demain, dit-il encore."
        if i % 2
        else f"Der Zug Nummer {i} war heute wieder pünktlich. The staff were friendly and helpful."
        for i in range(24)
    ]
    expected = [split_segments(text, LANGS) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda text: split_segments(text, LANGS), texts))
    assert got == expected


# --- issue 14: a sentence is labelled by its function words, not by a proper noun ----------------

from briefing.langid import function_word_language, mask_names  # noqa: E402

LANGS = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We changed trains at the station and then walked to the old town.", "en"),
        ("Nous avons pris le train pour la mer avec les enfants.", "fr"),
        ("Wir sind mit dem Zug nach Hamburg gefahren und haben dort übernachtet.", "de"),
        ("Мы ехали на поезде, и это было очень удобно.", "ru"),
        ("Hauptbahnhof Friedrichstraße", None),
    ],
)
def test_function_word_language(text, expected):
    assert function_word_language(text, LANGS) == expected


@pytest.mark.parametrize(
    ("sentence", "masked"),
    [
        ("We met at the Bahnhof Friedrichstraße and then left.", "We met at the and then left."),
        ("I love the Mercado de San Miguel at night.", "I love the de at night."),
    ],
)
def test_mask_names_drops_capitalised_words_after_the_first(sentence, masked):
    assert mask_names(sentence) == masked


@pytest.mark.parametrize(
    "text",
    [
        "Last month we changed trains at the Bahnhof Friedrichstraße and then at Dresden Hauptbahnhof.",
        "We visited the Musée des Beaux-Arts and the Cathédrale Notre-Dame de Rouen on the same afternoon.",
        "We stayed near the Plaza Mayor last summer and walked to the Mercado de San Miguel every evening.",
        "I did my PhD at the Uniwersytet Jagielloński and the international office helped me a lot.",
    ],
)
def test_english_sentence_naming_a_foreign_place_is_english(text):
    segments = split_segments(text, LANGS)
    assert [s.language for s in segments] == ["en"]


def test_a_german_sentence_naming_an_english_place_stays_german():
    text = "Wir waren gestern im Natural History Museum und danach noch lange im Hyde Park."
    assert [s.language for s in split_segments(text, LANGS)] == ["de"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We finally saw the Rijksmuseum. Prachtig museum, echt een aanrader voor iedereen.", ["en", "nl"]),
        ("I grew up near the Plac Zbawiciela. Teraz mieszkam w Krakowie i bardzo tęsknię.", ["en", "pl"]),
        ("Loved the Mercado de San Miguel! We went there every evening and the food was great.", ["en"]),
        ("The trip was lovely. Musée d'Orsay, Sainte-Chapelle and Montmartre in one day! Worth it.", ["en"]),
        ("Ja pracuję w Muzeum Narodowym. I love it.", ["pl", "en"]),
    ],
)
def test_a_first_english_sentence_naming_a_local_place_stays_english(text, expected):
    assert [s.language for s in split_segments(text, LANGS)] == expected


@pytest.mark.parametrize(
    ("token_text", "expected"), [("I think so and I agree", "en"), ("i w domu i w pracy", "pl")]
)
def test_english_i_is_matched_in_its_own_case(token_text, expected):
    assert function_word_language(token_text, LANGS) == expected
