"""One email per edition and reader language: multipart/alternative (plain text, then HTML), under
:data:`MAX_MESSAGE_BYTES` (Gmail clips larger HTML), with a Message-ID that is the same every time this
edition is sent in this language (a re-send is recognised as the same message by mail clients)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from briefing.delivery.config import MailConfig
from briefing.records import Digest
from briefing.render.email import MailEdition, email_html, email_text, mail_edition

MAX_MESSAGE_BYTES = 100_000


def message_id(edition_id: str, language: str, sender: str) -> str:
    domain = sender.rpartition("@")[2].strip("<> ") or "briefing.invalid"
    return f"<briefing.{edition_id}.{language}@{domain}>"


def build_message(
    digests: Sequence[Digest],
    edition_id: str,
    label: str,
    language: str,
    config: MailConfig,
    when: datetime,
    more: Sequence[tuple[str, str]] = (),
    marks: Mapping[str, str] | None = None,
) -> EmailMessage:
    """The message for readers of ``language``; summaries are left out (headlines and links kept, and a
    link to the web edition) when the whole message would exceed :data:`MAX_MESSAGE_BYTES`. ``more``:
    (article id, headline) of the stories beyond the edition's cap; ``marks``: article id -> its mark."""
    edition = mail_edition(
        digests, language, label, config.web_base_url, edition_id, config.unsubscribe_url, more, marks
    )
    message = _message(edition, edition_id, config, when, short=False)
    if len(message.as_bytes()) <= MAX_MESSAGE_BYTES:
        return message
    stories = edition.stories
    while True:  # headlines only; an edition too large even so keeps as many stories as fit
        short = replace(edition, stories=stories)
        message = _message(short, edition_id, config, when, short=True)
        if len(message.as_bytes()) <= MAX_MESSAGE_BYTES or len(stories) <= 1:
            return message
        stories = stories[: len(stories) * 3 // 4]


def _message(
    edition: MailEdition, edition_id: str, config: MailConfig, when: datetime, *, short: bool
) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["Subject"] = edition.subject
    message["From"] = config.sender
    message["To"] = config.sender  # readers are envelope recipients: no reader sees the others' addresses
    message["Date"] = format_datetime(when)
    message["Message-ID"] = message_id(edition_id, edition.language, config.sender)
    message["Auto-Submitted"] = "auto-generated"
    if config.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{config.unsubscribe_url}>"
    # Quoted-printable: both parts stay legible in the raw message too.
    text, html = email_text(edition, short=short), email_html(edition, short=short)
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = edition.language  # after the parts: set_content clears Content-* headers
    return message
