"""Sending e-mail: the small contract the domain calls (here) and the SMTP adapter (``smtp.py``).

The domain builds the message and decides what a failure means for the outbox row; an adapter only
hands one message to a server and says, when it could not, whether trying again can help.
"""

from __future__ import annotations

from email.message import EmailMessage
from typing import Protocol


class SendFailed(Exception):
    """The message was not accepted.

    ``permanent``: trying this message again cannot help (the recipient's mailbox does not exist, the
    content was refused). ``server_unavailable``: the server or our account is the problem, not this
    message, so other messages would fail the same way right now (connection refused, timeout, login
    refused, our sender address refused). ``reason`` is for the outbox row and the log: it never holds
    credentials.
    """

    def __init__(self, reason: str, *, permanent: bool = False, server_unavailable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.server_unavailable = server_unavailable


class MailSender(Protocol):
    async def send(self, message: EmailMessage) -> None:
        """Hand one message to the mail server; return once it accepted it, else raise SendFailed."""
        ...
