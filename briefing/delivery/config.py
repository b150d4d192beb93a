"""The mail settings a run needs, taken once from :class:`~briefing.settings.Settings`.

The password stays in its file until a message is sent: it is never part of a record, a log line or an
error message (a ``repr`` of :class:`MailConfig` shows the file's path only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.settings import Settings

DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True)
class MailConfig:
    host: str
    port: int
    security: str  # none | starttls | ssl
    sender: str
    recipients: dict[str, tuple[str, ...]]  # reader language -> addresses (only languages with some)
    user: str = ""
    password_file: Path | None = field(default=None, repr=True)
    timeout_s: float = 30.0
    unsubscribe_url: str = ""
    web_base_url: str = ""  # the public URL of the output folder ("" = file:// links)

    @property
    def languages(self) -> list[str]:
        return list(self.recipients)


def mail_config(settings: Settings) -> MailConfig | None:
    """The mail settings, or None when no email is wanted (no recipients, or no SMTP host)."""
    recipients = {lang: tuple(a) for lang, a in settings.email_recipients.items() if a}
    if not recipients or not settings.smtp_host:
        return None
    return MailConfig(
        host=settings.smtp_host,
        port=settings.smtp_port or DEFAULT_PORTS.get(settings.smtp_security, 25),
        security=settings.smtp_security,
        sender=settings.email_from,
        recipients=recipients,
        user=settings.smtp_user,
        password_file=settings.smtp_password_file,
        timeout_s=settings.smtp_timeout_s,
        unsubscribe_url=settings.email_unsubscribe_url,
        web_base_url=settings.feed_base_url.rstrip("/"),
    )
