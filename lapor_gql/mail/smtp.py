"""Sending one message over SMTP with aiosmtplib, configured by the ``LAPOR_SMTP_*`` settings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from email.message import EmailMessage

import aiosmtplib

from lapor_gql.config import Settings

from . import SendFailed

REASON_MAX = 500


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    security: str = "starttls"
    """``none``, ``starttls`` (required: a server that does not offer it is an error, so a stripped
    STARTTLS cannot expose the password) or ``tls`` (implicit TLS, usually port 465)."""
    timeout_seconds: float = 30.0
    """The most one attempt may take, from connecting to the server's answer after the message."""

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig | None:
        """None when no host is set: the outbox is then not delivered at all."""
        if settings.smtp_host is None:
            return None
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            security=settings.smtp_security,
            timeout_seconds=settings.smtp_timeout_seconds,
        )


class SmtpSender:
    """A ``MailSender`` that opens one SMTP connection per message.

    Notifications are few per minute, so a connection per message costs little and leaves no idle
    connection for a server to drop between passes.
    """

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    async def send(self, message: EmailMessage) -> None:
        config = self.config
        try:
            # aiosmtplib's timeout bounds each network step; this one bounds the whole attempt, so a
            # server that answers just slowly enough at every step still cannot hold it for long.
            async with asyncio.timeout(config.timeout_seconds):
                refused, _ = await aiosmtplib.send(
                    message,
                    hostname=config.host,
                    port=config.port,
                    username=config.username,
                    password=config.password,
                    use_tls=config.security == "tls",
                    start_tls=config.security == "starttls",
                    timeout=config.timeout_seconds,
                )
        except aiosmtplib.SMTPRecipientsRefused as error:
            raise _recipients_refused(error.recipients) from None
        except aiosmtplib.SMTPRecipientRefused as error:
            raise _recipients_refused([error]) from None
        except aiosmtplib.SMTPDataError as error:
            # After DATA the server judged this message (size, content, a full mailbox), not itself.
            raise SendFailed(
                _reason(f"message refused: {error.code} {error.message}"), permanent=error.code >= 500
            ) from None
        except aiosmtplib.SMTPSenderRefused as error:
            raise SendFailed(
                _reason(f"sender address refused: {error.code} {error.message}"), server_unavailable=True
            ) from None
        except aiosmtplib.SMTPAuthenticationError as error:
            raise SendFailed(
                _reason(f"login refused: {error.code} {error.message}"), server_unavailable=True
            ) from None
        except aiosmtplib.SMTPResponseException as error:
            raise SendFailed(
                _reason(f"server refused: {error.code} {error.message}"), server_unavailable=True
            ) from None
        except (aiosmtplib.SMTPTimeoutError, TimeoutError):
            raise SendFailed(
                f"no answer from {config.host} within {config.timeout_seconds:g} s", server_unavailable=True
            ) from None
        except (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected) as error:
            raise SendFailed(
                _reason(f"cannot reach the server: {error.message}"), server_unavailable=True
            ) from None
        except aiosmtplib.SMTPException as error:
            raise SendFailed(
                _reason(f"{type(error).__name__}: {error.message}"), server_unavailable=True
            ) from None
        except OSError as error:  # refused or reset connections, unknown hosts, TLS failures
            raise SendFailed(
                _reason(f"cannot reach the server: {error.strerror or error}"), server_unavailable=True
            ) from None
        # With a single recipient a refusal raises above; refuse to report success if one slipped by.
        if refused:
            recipient, response = next(iter(refused.items()))
            raise SendFailed(
                _reason(f"recipient {recipient} refused: {response.code} {response.message}"),
                permanent=response.code >= 500,
            )


def _recipients_refused(errors: list[aiosmtplib.SMTPRecipientRefused]) -> SendFailed:
    # 5xx to RCPT TO is the receiving side's final word on that address (no such mailbox); 4xx (a
    # full mailbox, greylisting) is worth another try.
    reason = "; ".join(f"recipient {e.recipient} refused: {e.code} {e.message}" for e in errors)
    return SendFailed(_reason(reason), permanent=bool(errors) and all(e.code >= 500 for e in errors))


def _reason(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"
