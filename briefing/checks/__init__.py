"""Faithfulness checks, pure functions of (source, output) with no model: a summary against the text its
summarizer read (:mod:`briefing.checks.summary`), a translation against its original
(:mod:`briefing.checks.translation`). Facts are read by :mod:`briefing.checks.facts`."""

from __future__ import annotations

from briefing.checks.facts import Fact, extract_facts, parse_number
from briefing.checks.summary import CheckedSummary, check_summary, removal_sentence
from briefing.checks.translation import TranslationIssue, check_translation

__all__ = [
    "CheckedSummary",
    "Fact",
    "TranslationIssue",
    "check_summary",
    "check_translation",
    "extract_facts",
    "parse_number",
    "removal_sentence",
]
