"""Delivering the notification outbox: each PENDING row becomes one e-mail, sent once, or FAILED loudly.

How a row is delivered, and why this way:

1. **Claim** it in a short transaction: lock it (``FOR UPDATE SKIP LOCKED``: a row another worker
   holds right now is that worker's), check it is still PENDING and due, count the attempt and push
   ``next_attempt_at`` out by a lease (the send timeout plus a margin). Commit. Other workers now see
   the row as not due, so nobody else sends it while this worker does.
2. **Send** it outside any transaction, bounded by the send timeout. Holding the row lock while
   talking to the mail server would be simpler, but on SQLite every query of the process waits
   behind an open transaction, so one hanging server would freeze the whole app; on PostgreSQL it
   would pin a pooled connection and an open transaction to the network.
3. **Record** the outcome with an update that only applies while the row still carries this claim
   (PENDING, same ``attempts``): SENT with ``sent_at``; or the error and a backoff; or FAILED.

If the process dies after claiming, the lease runs out and the row is simply due again. The one
window for a duplicate e-mail is a crash (or a lost database) after the server accepted the message
and before step 3 committed, or a worker stalled for longer than the lease between the two; the
message then goes out again with the same ``Message-ID``, which receiving servers and mail clients
use to drop the second copy. Nothing is ever marked SENT that the server did not accept.

Failures: a temporary one (4xx, timeout, connection refused) is retried with exponential backoff up
to ``max_attempts``, then the row is FAILED and logged as an error. A permanent one (5xx to RCPT TO
or to the message itself) is FAILED at once: retrying the same address or content cannot help. A
failure of the server rather than the message (it is unreachable, refuses our login or sender) ends
the pass after that row, so an outage costs one connection attempt per pass, not one per queued row;
the other rows stay due, untouched, and are tried in later passes. ``retry_failed_notifications``
puts FAILED rows back in the queue once an admin has fixed the cause.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Protocol
from zoneinfo import ZoneInfo

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from lapor_gql.clock import aware_utc
from lapor_gql.config import Settings
from lapor_gql.db.models import Notification, NotificationStatus, Role, User
from lapor_gql.mail import MailSender, SendFailed

from .actors import Actor
from .audit import record_audit
from .errors import AccessDenied
from .messages import Audience, render_notification, single_line
from .processes import Runtime

log = logging.getLogger(__name__)

PENDING = NotificationStatus.PENDING.value
SENT = NotificationStatus.SENT.value
FAILED = NotificationStatus.FAILED.value

# How long a claim outlives the send timeout before another worker may take the row over: room for
# recording the outcome after a send that used all of its time.
LEASE_MARGIN = timedelta(seconds=60)
DEFAULT_MESSAGE_ID_DOMAIN = "lapor-gql"


@dataclass(frozen=True)
class OutboxPolicy:
    from_address: str = "LAPOR! <no-reply@localhost>"
    max_attempts: int = 20
    backoff_base: timedelta = timedelta(minutes=1)
    backoff_max: timedelta = timedelta(hours=1)
    send_timeout_seconds: float = 30.0
    time_zone: str = "Asia/Jakarta"

    @classmethod
    def from_settings(cls, settings: Settings) -> OutboxPolicy:
        return cls(
            from_address=settings.smtp_from,
            max_attempts=settings.outbox_max_attempts,
            backoff_base=timedelta(seconds=settings.outbox_backoff_base_seconds),
            backoff_max=timedelta(seconds=settings.outbox_backoff_max_seconds),
            send_timeout_seconds=settings.smtp_timeout_seconds,
            time_zone=settings.time_zone,
        )

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.send_timeout_seconds) + LEASE_MARGIN

    def backoff(self, attempts: int) -> timedelta:
        """Wait after the ``attempts``-th failed attempt: base, 2×base, 4×base … capped."""
        doublings = min(max(attempts - 1, 0), 30)  # 2**30 minutes is past any sane cap already
        return min(self.backoff_base * (2**doublings), self.backoff_max)

    @property
    def message_id_domain(self) -> str:
        _name, address = parseaddr(self.from_address)
        domain = address.rpartition("@")[2].strip()
        return domain or DEFAULT_MESSAGE_ID_DOMAIN


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    """Failed temporarily; due again after their backoff."""
    failed: int = 0
    """Marked FAILED in this pass: a permanent error, or the last allowed attempt failed."""
    server_unavailable: bool = False
    """The pass stopped early because the server (not a message) failed; the rest stay due."""

    @property
    def attempted(self) -> int:
        return self.sent + self.retrying + self.failed


class _Outcome(enum.Enum):
    SKIPPED = "skipped"  # another worker holds or already handled it
    SENT = "sent"
    RETRYING = "retrying"
    FAILED = "failed"


def message_id(notification: Notification, domain: str) -> str:
    """Stable across attempts, so a receiver can drop the copy a crash after sending made.

    The creation time rides along with the id because ids start again at 1 in a fresh database (a
    demo reset, a staging copy), and a mailbox that drops a "duplicate" would then drop a new message.
    """
    created = aware_utc(notification.created_at)
    return f"<notification-{notification.id}.{created:%Y%m%d%H%M%S%f}@{domain}>"


def compose_message(notification: Notification, recipient: User, policy: OutboxPolicy) -> EmailMessage:
    """The e-mail for one outbox row. Raises ValueError or HeaderParseError for an address that
    cannot be written."""
    audience: Audience = "reporter" if recipient.role == Role.CITIZEN.value else "officer"
    rendered = render_notification(
        notification.kind,
        notification.payload,
        recipient.name,
        audience,
        notification.created_at,
        ZoneInfo(policy.time_zone),
    )
    message = EmailMessage()
    message["From"] = policy.from_address
    message["To"] = Address(display_name=single_line(recipient.name), addr_spec=recipient.email)
    message["Subject"] = rendered.subject
    # The time of the event, not of this attempt: a retried message is the same message.
    message["Date"] = format_datetime(aware_utc(notification.created_at))
    message["Message-ID"] = message_id(notification, policy.message_id_domain)
    # RFC 3834: out-of-office robots must not answer a notification.
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = "id, en"
    # Quoted-printable keeps names and titles with non-ASCII letters 7-bit clean for any relay.
    message.set_content(rendered.body, cte="quoted-printable")
    return message


async def deliver_due_notifications(
    rt: Runtime,
    sender: MailSender,
    batch_size: int = 100,
    policy: OutboxPolicy | None = None,
    stop: asyncio.Event | None = None,
) -> DeliveryReport:
    """Send every PENDING notification due now, one row at a time; see the module docstring.

    Rows are found through the (status, next_attempt_at) index, read ``batch_size`` at a time with a
    keyset over (next_attempt_at, id), so a pass costs what is due, not what the table holds. Setting
    ``stop`` ends the pass after the row in flight.
    """
    policy = policy or OutboxPolicy.from_settings(Settings.from_environment())
    now = rt.clock()
    report = DeliveryReport()
    last_due: datetime | None = None
    last_id = 0
    while True:
        query = Notification.filter(status=PENDING, next_attempt_at__lte=now)
        if last_due is not None:
            query = query.filter(
                Q(next_attempt_at__gt=last_due) | Q(next_attempt_at=last_due, id__gt=last_id)
            )
        batch = (
            await query.order_by("next_attempt_at", "id")
            .limit(batch_size)
            .values_list("id", "next_attempt_at")
        )
        for notification_id, due in batch:
            if stop is not None and stop.is_set():
                return report
            last_due, last_id = due, notification_id
            outcome, server_unavailable = await _deliver_one(rt, sender, policy, notification_id, now)
            if outcome is _Outcome.SENT:
                report.sent += 1
            elif outcome is _Outcome.RETRYING:
                report.retrying += 1
            elif outcome is _Outcome.FAILED:
                report.failed += 1
            if server_unavailable:
                report.server_unavailable = True
                return report
        if len(batch) < batch_size:
            return report


async def _deliver_one(
    rt: Runtime, sender: MailSender, policy: OutboxPolicy, notification_id: int, due_by: datetime
) -> tuple[_Outcome, bool]:
    """One row: claim, send, record. Returns the outcome and whether the server itself is failing."""
    claimed = await _claim(rt, policy, notification_id, due_by)
    if not isinstance(claimed, tuple):
        return claimed, False
    notification, recipient = claimed
    attempt = notification.attempts
    failure: SendFailed | None
    try:
        message = compose_message(notification, recipient, policy)
    except (ValueError, HeaderParseError) as error:  # an address the e-mail format cannot carry
        failure = SendFailed(f"cannot write the message: {single_line(str(error))[:200]}", permanent=True)
    except Exception as error:  # a bug in the words: retried (a fix may ship), FAILED in the end
        log.exception("composing notification %s failed", notification_id)
        failure = SendFailed(f"cannot write the message: {type(error).__name__}")
    else:
        failure = await _send(sender, message, policy)
    if failure is None:
        if not await _settle(notification, attempt, status=SENT, sent_at=aware_utc(rt.clock())):
            _log_reclaimed(notification_id)
        return _Outcome.SENT, False
    return await _record_failure(rt, policy, notification, attempt, failure), failure.server_unavailable


async def _claim(
    rt: Runtime, policy: OutboxPolicy, notification_id: int, due_by: datetime
) -> tuple[Notification, User] | _Outcome:
    async with in_transaction():
        notification = (
            await Notification.filter(id=notification_id, status=PENDING, next_attempt_at__lte=due_by)
            .select_for_update(skip_locked=True)
            .first()
        )
        if notification is None:
            return _Outcome.SKIPPED  # another worker holds it, or got there first
        now = aware_utc(rt.clock())
        recipient = await User.get(id=notification.recipient_id)
        reason = None
        if notification.attempts >= policy.max_attempts:
            # Earlier claims never recorded an outcome (the worker died while sending each time).
            reason = f"gave up: {notification.attempts} attempt(s) ended without a recorded outcome"
        elif not recipient.is_active:
            # A deactivated account has left its post: it must not keep receiving report details.
            reason = "not sent: the recipient's account is deactivated"
        if reason is not None:
            notification.status, notification.last_error, notification.next_attempt_at = FAILED, reason, now
            await notification.save(update_fields=["status", "last_error", "next_attempt_at"])
            log.error("notification %s FAILED: %s", notification_id, reason)
            return _Outcome.FAILED
        notification.attempts += 1
        notification.next_attempt_at = now + policy.lease
        await notification.save(update_fields=["attempts", "next_attempt_at"])
    return notification, recipient


async def _send(sender: MailSender, message: EmailMessage, policy: OutboxPolicy) -> SendFailed | None:
    try:
        # The claim's lease assumes a send ends within the timeout, whatever the sender does.
        async with asyncio.timeout(policy.send_timeout_seconds):
            await sender.send(message)
    except SendFailed as failure:
        return failure
    except TimeoutError:
        return SendFailed(f"no answer within {policy.send_timeout_seconds:g} s", server_unavailable=True)
    except Exception as error:  # a bug or an unforeseen error in the sender: retried, never lost
        log.exception("sending notification e-mail %s failed unexpectedly", message["Message-ID"])
        return SendFailed(f"unexpected error: {type(error).__name__}")
    return None


async def _record_failure(
    rt: Runtime, policy: OutboxPolicy, notification: Notification, attempt: int, failure: SendFailed
) -> _Outcome:
    now = aware_utc(rt.clock())
    if failure.permanent or attempt >= policy.max_attempts:
        settled = await _settle(
            notification, attempt, status=FAILED, last_error=failure.reason, next_attempt_at=now
        )
        log.error(
            "notification %s FAILED after %d attempt(s)%s: %s",
            notification.id,
            attempt,
            " (permanent error)" if failure.permanent else "",
            failure.reason,
        )
        outcome = _Outcome.FAILED
    else:
        retry_at = now + policy.backoff(attempt)
        settled = await _settle(notification, attempt, last_error=failure.reason, next_attempt_at=retry_at)
        log.warning(
            "notification %s not sent (attempt %d of %d), retrying at %s: %s",
            notification.id,
            attempt,
            policy.max_attempts,
            retry_at.isoformat(),
            failure.reason,
        )
        outcome = _Outcome.RETRYING
    if not settled:
        _log_reclaimed(notification.id)
    return outcome


async def _settle(notification: Notification, attempt: int, **changes: object) -> bool:
    """Apply the outcome of this worker's claim, unless the row has moved on without it."""
    claim = Notification.filter(id=notification.id, status=PENDING, attempts=attempt)
    return await claim.update(**changes) == 1


def _log_reclaimed(notification_id: int) -> None:
    log.warning(
        "notification %s was taken over by another worker while this one was sending (lease ran out);"
        " its e-mail may arrive twice, with the same Message-ID",
        notification_id,
    )


async def retry_failed_notifications(
    rt: Runtime, actor: Actor | None, notification_ids: Sequence[int] | None = None
) -> int:
    """Put FAILED notifications (all, or these ids) back in the queue, due now, with a fresh count of
    attempts; ``last_error`` stays until the next attempt. Admins only; ``actor=None`` is the command
    line. Returns how many rows were queued again."""
    if actor is not None:
        if actor.is_anonymous:
            raise AccessDenied("UNAUTHENTICATED")
        if not actor.has_role(Role.ADMIN):
            raise AccessDenied("FORBIDDEN")
    now = aware_utc(rt.clock())
    async with in_transaction():
        query = Notification.filter(status=FAILED)
        if notification_ids is not None:
            query = query.filter(id__in=list(notification_ids))
        rows = await query.order_by("id").select_for_update()
        for row in rows:
            await record_audit(
                actor,
                "notification_retried",
                "notification",
                row.id,
                now,
                before={"status": FAILED, "attempts": row.attempts, "lastError": row.last_error},
                after={"status": PENDING, "attempts": 0},
            )
        if rows:
            await Notification.filter(id__in=[row.id for row in rows], status=FAILED).update(
                status=PENDING, attempts=0, next_attempt_at=now
            )
    if rows:
        log.info("%d failed notification(s) queued again", len(rows))
    return len(rows)


class DeliveryRound(Protocol):
    """What a watcher of the delivery loop is told of one round."""

    outcome: str
    counts: dict[str, int]


# How the server watches each round (a log line, metrics); the domain knows nothing of either.
RoundWatcher = Callable[[], AbstractContextManager[DeliveryRound]]


@dataclass
class _UnwatchedRound:
    outcome: str = "ok"
    counts: dict[str, int] = field(default_factory=dict)


def _unwatched() -> AbstractContextManager[DeliveryRound]:
    return contextlib.nullcontext(_UnwatchedRound())


async def run_delivery_loop(
    rt: Runtime,
    sender: MailSender,
    interval: float,
    policy: OutboxPolicy | None = None,
    watch_round: RoundWatcher = _unwatched,
) -> None:
    """Deliver due notifications every ``interval`` seconds, and soon after any committed report
    change (which may have queued some), until cancelled."""
    wake, stopping = asyncio.Event(), asyncio.Event()
    listener = asyncio.create_task(_wake_on_changes(rt, wake))
    try:
        while True:
            wake.clear()  # before the pass: a change committed during it wakes the next one
            server_unavailable = False
            delivery = asyncio.create_task(
                deliver_due_notifications(rt, sender, policy=policy, stop=stopping)
            )
            with watch_round() as round_:
                try:
                    try:
                        delivered = await asyncio.shield(delivery)
                    except asyncio.CancelledError:
                        # Shutting down: let the row in flight be recorded (within the send timeout), or
                        # a restart in mid-send would e-mail it again once its claim ran out.
                        stopping.set()
                        with contextlib.suppress(Exception):
                            await delivery
                        raise
                    server_unavailable = delivered.server_unavailable
                    round_.counts.update(
                        sent=delivered.sent, retrying=delivered.retrying, failed=delivered.failed
                    )
                    if server_unavailable:
                        round_.outcome = "server_unavailable"
                    if delivered.attempted:
                        log.info(
                            "outbox: %d sent, %d to retry, %d failed",
                            delivered.sent,
                            delivered.retrying,
                            delivered.failed,
                        )
                except Exception:  # the loop must outlive a database hiccup; the rows stay due
                    round_.outcome = "error"
                    log.exception("outbox delivery pass failed")
            if server_unavailable:
                # A busy app would otherwise knock on a dead server after every change.
                await asyncio.sleep(interval)
                continue
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a cancellation that
            # arrives just as the event is set, and the app would never shut down.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await wake.wait()
    finally:
        listener.cancel()
        # A listener that died earlier must not turn a clean shutdown into an error; it was only a
        # way to wake up sooner than the interval.
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await listener


async def _wake_on_changes(rt: Runtime, wake: asyncio.Event) -> None:
    async with rt.changes.subscribe() as changes:
        async for _change in changes:
            wake.set()
