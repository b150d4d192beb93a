"""Sending one message over SMTP (smtplib): plain, STARTTLS or implicit TLS, every socket step bounded by the
timeout, and every failure turned into one line (:class:`SendError`) that never holds the password."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path

from briefing.delivery.config import MailConfig
from briefing.errors import one_line


class SendError(Exception):
    """A message that could not be sent; the text is one line naming the server and the reason."""


def read_password(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip("\r\n")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else type(err).__name__
        raise SendError(f"smtp_password_file {path}: cannot be read ({reason})") from None


def send_message(message: EmailMessage, config: MailConfig, recipients: list[str]) -> list[str]:
    """Send ``message`` to ``recipients`` (the envelope); returns the addresses the server refused when it
    took the others. Raises :class:`SendError` when nobody got it."""
    where = f"{config.host}:{config.port}"
    password = read_password(config.password_file) if config.user else None
    try:
        refused = _send(message, config, recipients, password)
    except smtplib.SMTPRecipientsRefused as err:
        codes = sorted({f"{code}" for code, _ in err.recipients.values()})
        raise SendError(f"{where} refused every recipient ({', '.join(codes)})") from None
    except smtplib.SMTPAuthenticationError as err:
        raise SendError(f"{where} refused the login of {config.user!r} ({err.smtp_code})") from None
    except smtplib.SMTPResponseException as err:
        raise SendError(f"{where} answered {err.smtp_code} {_text(err.smtp_error)}") from None
    except smtplib.SMTPServerDisconnected as err:
        # smtplib reports a read that timed out as a disconnection: the timeout is the cause.
        if isinstance(err.__context__, TimeoutError):
            raise SendError(f"{where} did not answer within {config.timeout_s:g} s") from None
        raise SendError(f"{where} closed the connection") from None
    except TimeoutError:
        raise SendError(f"{where} did not answer within {config.timeout_s:g} s") from None
    except ConnectionRefusedError:
        raise SendError(f"{where} refused the connection") from None
    except ssl.SSLError as err:
        raise SendError(f"{where}: TLS failed ({err.reason or type(err).__name__})") from None
    except smtplib.SMTPException as err:
        raise SendError(f"{where}: {one_line(err)}") from None
    except OSError as err:
        raise SendError(f"{where}: {err.strerror or type(err).__name__}") from None
    return sorted(refused)


def _send(
    message: EmailMessage, config: MailConfig, recipients: list[str], password: str | None
) -> dict[str, tuple[int, bytes]]:
    context = ssl.create_default_context()
    if config.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            config.host, config.port, timeout=config.timeout_s, context=context
        )
    else:
        client = smtplib.SMTP(config.host, config.port, timeout=config.timeout_s)
    with client:
        if config.security == "starttls":
            client.starttls(context=context)
        if config.user:
            client.login(config.user, password or "")
        return client.send_message(message, from_addr=config.sender, to_addrs=recipients)


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return " ".join(text.split())[:200]
