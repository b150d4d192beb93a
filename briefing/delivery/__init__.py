"""Email editions: building messages, sending them over SMTP, remembering what was sent (no Prefect).

- :mod:`briefing.delivery.config` — the mail settings a run needs, or None when no email is wanted
- :mod:`briefing.delivery.message` — one multipart/alternative message per edition and reader language
- :mod:`briefing.delivery.smtp` — sending a message (none, STARTTLS or SSL), bounded timeout, one-line errors
- :mod:`briefing.delivery.outbox` — which (edition, language) messages are owed and which were sent

Composing these after an edition is written is the run's job (:mod:`briefing.run.mail`).
"""

from __future__ import annotations

from briefing.delivery.config import MailConfig, mail_config
from briefing.delivery.message import MAX_MESSAGE_BYTES, build_message, message_id
from briefing.delivery.outbox import Outbox
from briefing.delivery.smtp import SendError, send_message

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MailConfig",
    "Outbox",
    "SendError",
    "build_message",
    "mail_config",
    "message_id",
    "send_message",
]
