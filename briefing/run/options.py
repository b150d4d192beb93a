"""A run's options (languages, summary length, output folder) applied to the settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from briefing.settings import Settings

# Summary length bounds offered as a run parameter.
MIN_SUMMARY_TOKENS = 16
MAX_SUMMARY_TOKENS = 512


def check_summary_max_tokens(value: int | None) -> None:
    """The CLI's ``--summary-max-tokens`` in range, else ValueError with a one-line reason (exit 2)."""
    if value is not None and not MIN_SUMMARY_TOKENS <= value <= MAX_SUMMARY_TOKENS:
        raise ValueError(
            f"--summary-max-tokens {value}: must be between {MIN_SUMMARY_TOKENS} and {MAX_SUMMARY_TOKENS}"
        )


def run_settings(
    settings: Settings,
    languages: Sequence[str] | None = None,
    summary_max_tokens: int | None = None,
    offline: bool | None = None,
    output_dir: str | Path | None = None,
    reader_languages: Sequence[str] | None = None,
) -> Settings:
    """Apply a run's options to ``settings``.

    ``languages`` is the list a reader wants the briefing in. The briefing
    language stays ``settings.briefing_language`` (summaries are written in it);
    the translation targets become the listed languages other than it, in the
    order given. So ``en,fr,de`` with the default briefing language ``en`` means
    "summaries in English, translated to French and German"; ``en`` alone means
    no translations.
    """
    changes: dict[str, object] = {}
    if languages is not None:
        changes["target_languages"] = target_languages(languages, settings.briefing_language)
    if summary_max_tokens is not None:
        changes["summary_max_tokens"] = summary_max_tokens
        changes["summary_min_tokens"] = min(settings.summary_min_tokens, summary_max_tokens)
    if offline:
        changes["offline"] = True
    if output_dir is not None:
        changes["output_dir"] = Path(output_dir)
    if reader_languages is not None:
        changes["reader_languages"] = tuple(
            dict.fromkeys(c.strip().lower() for c in reader_languages if c.strip())
        )
    return settings.replace(**changes) if changes else settings


def target_languages(languages: Iterable[str], briefing_language: str) -> tuple[str, ...]:
    """The listed languages minus the briefing language, duplicates dropped, order kept."""
    out: list[str] = []
    for raw in languages:
        code = raw.strip().lower()
        if code and code != briefing_language and code not in out:
            out.append(code)
    return tuple(out)


def parse_languages(text: str, allowed: Sequence[str]) -> tuple[str, ...]:
    """``"en,fr,de"`` -> ``("en", "fr", "de")``; raises ValueError naming unknown codes."""
    codes = tuple(c.strip().lower() for c in text.split(",") if c.strip())
    if not codes:
        raise ValueError("--languages needs at least one language code")
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValueError(f"unknown language code(s): {', '.join(unknown)} (known: {', '.join(allowed)})")
    return codes
