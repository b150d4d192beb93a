"""An edition as an email, in one reader language: a plain-text part that reads well alone and an HTML part
with its CSS inlined (mail clients drop <style> blocks and block remote content): no scripts, no images.

The stories come in the edition's order (same-story articles together). Each shows its headline, outlet,
date and the summary in the reader's language (the original, labelled, when no translation was made), and
links to the digest on the web edition. ``short`` keeps headlines and links only, for editions whose full
message would be too large for a mail client to show whole.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.editions.dates import article_date
from briefing.editions.feeds import summary_in
from briefing.editions.stories import order_stories
from briefing.languages import language_name
from briefing.records import Digest
from briefing.render.html import environment
from briefing.render.reading import strip_bidi
from briefing.render.view import display_title

WIDTH = 72


@dataclass(frozen=True)
class MailItem:
    title: str
    link: str  # the digest on the web edition
    site: str | None
    date_text: str | None
    text: str | None  # the summary, in ``text_language``
    text_language: str | None
    translated: bool  # False: the original summary, the reader's language had no translation
    mark: str | None = None  # "Update · first reported Tuesday" for a continuing story


@dataclass(frozen=True)
class MailEdition:
    label: str  # "2024-05-01 06:30 UTC"
    language: str
    web_url: str  # the edition page
    stories: tuple[tuple[MailItem, ...], ...]
    unsubscribe_url: str = ""
    more: tuple[tuple[str, str], ...] = ()  # (headline, link) of the stories beyond the edition's cap

    @property
    def subject(self) -> str:
        return f"Briefing — edition of {self.label} ({language_name(self.language)})"

    @property
    def count(self) -> int:
        return sum(len(s) for s in self.stories)


def mail_edition(
    digests: Sequence[Digest],
    language: str,
    label: str,
    base_url: str,
    edition_id: str,
    unsubscribe_url: str = "",
    more: Sequence[tuple[str, str]] = (),
    marks: Mapping[str, str] | None = None,
) -> MailEdition:
    """The edition's stories for a reader of ``language``; links start with ``base_url`` (output folder)."""
    marks = marks or {}
    stories = tuple(
        tuple(_item(d, language, base_url, marks.get(d.article_id)) for d in story.digests)
        for story in order_stories(digests)
    )
    links = tuple((title, f"{base_url}/digests/{article}.html") for article, title in more)
    web_url = f"{base_url}/editions/{edition_id}.html"
    return MailEdition(label, language, web_url, stories, unsubscribe_url, links)


def _item(digest: Digest, language: str, base_url: str, mark: str | None) -> MailItem:
    found = summary_in(digest, language)
    when = article_date(digest)
    site = digest.source.site
    return MailItem(
        title=display_title(digest)[0],
        link=f"{base_url}/digests/{digest.article_id}.html",
        site=strip_bidi(" ".join(site.split())) if site and site.strip() else None,
        date_text=f"{when.label}: {when.text()}" if when else None,
        text=found[0] if found else None,
        text_language=found[1] if found else None,
        translated=bool(found and found[1] == language),
        mark=mark,
    )


def email_text(edition: MailEdition, *, short: bool = False) -> str:
    """The plain-text part: numbered stories, wrapped at 72 columns, links written out."""
    lines = [edition.subject, "=" * min(len(edition.subject), WIDTH), ""]
    number = 0
    for story in edition.stories:
        if len(story) > 1:
            lines += [f"Same story, {len(story)} articles:", ""]
        for item in story:
            number += 1
            if item.mark:
                lines.append(f"   [{item.mark}]")
            lines += textwrap.wrap(f"{number}. {item.title}", WIDTH, subsequent_indent="   ")
            meta = " · ".join(x for x in (item.site, item.date_text) if x)
            if meta:
                lines += textwrap.wrap(meta, WIDTH, initial_indent="   ", subsequent_indent="   ")
            if not short and item.text:
                lines.append("")
                if not item.translated and item.text_language:
                    lines.append(f"   [{language_name(item.text_language)}, no translation was made]")
                lines += textwrap.wrap(item.text, WIDTH, initial_indent="   ", subsequent_indent="   ")
            lines += [f"   {item.link}", ""]
    if edition.more:
        lines += ["More", "----", ""]
        for title, link in edition.more:
            lines += textwrap.wrap(f"- {title}", WIDTH, subsequent_indent="  ") + [f"  {link}"]
        lines.append("")
    if short:
        lines += ["The summaries did not fit in one email: read them in the web edition.", ""]
    lines += [f"Web edition: {edition.web_url}", ""]
    lines.append("Summaries and translations are machine-made.")
    if edition.unsubscribe_url:
        lines.append(f"Unsubscribe: {edition.unsubscribe_url}")
    return "\n".join(lines) + "\n"


def email_html(edition: MailEdition, *, short: bool = False) -> str:
    """The HTML part (inline styles only)."""
    return (
        environment()
        .get_template("email.html.j2")
        .render(e=edition, short=short, page_lang="en", language_name=language_name)
    )
