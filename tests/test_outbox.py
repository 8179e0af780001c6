"""The notification outbox goes out by e-mail: once per row, in both languages, through outages.

A real SMTP server (aiosmtpd, on 127.0.0.1 and a free port, in its own thread) receives the mail;
it can refuse (4xx or 5xx), be stopped, or be replaced by a socket that never answers. Time moves
with the FakeClock; the only real waiting is the short SMTP timeout of the timeout test.
Runs on SQLite and, with LAPOR_TEST_DATABASE_URL set, on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from tortoise.transactions import in_transaction
from typer.testing import CliRunner

from lapor_gql.cli import app as cli_app
from lapor_gql.clock import FakeClock, system_clock
from lapor_gql.config import Settings
from lapor_gql.db.models import AuditEvent, Classification, Notification, Report, Role, User
from lapor_gql.domain import outbox, reports
from lapor_gql.domain.errors import AccessDenied
from lapor_gql.domain.messages import KNOWN_KINDS, format_time, render_notification
from lapor_gql.domain.notifications import queue_report_notifications, recipients_for
from lapor_gql.domain.outbox import OutboxPolicy, deliver_due_notifications, retry_failed_notifications
from lapor_gql.domain.processes import Runtime
from lapor_gql.mail import SendFailed
from lapor_gql.mail.smtp import SmtpConfig, SmtpSender

from .query_count import count_queries
from .served_app import served
from .world import World, add_person, make_world

DRAFT = reports.ReportDraft(
    title="Jalan berlubang di Jl. Mentok", body="Lubang besar.", classification=Classification.COMPLAINT
)
POLICY = OutboxPolicy(from_address="LAPOR! Babel <lapor@babelprov.test>", send_timeout_seconds=5)
JAKARTA = ZoneInfo("Asia/Jakarta")


# --------------------------------------------------------------------------- a real SMTP server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RecordingHandler:
    """Keeps every accepted message; refuses on command, per recipient or for every message."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse_recipients: dict[str, str] = {}
        self.refuse_data: str | None = None
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if reply := self.refuse_recipients.get(address):
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.refuse_data:
            return self.refuse_data
        message = cast(EmailMessage, message_from_bytes(envelope.content, policy=default_policy))
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10) -> bool:
        """Block (in a worker thread) until ``count`` messages arrived; for the background loop test."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)

    def message_ids(self) -> Counter[str]:
        return Counter(str(message["Message-ID"]) for message in self.messages)


class MailServer:
    def __init__(self) -> None:
        self.port = _free_port()
        self.handler = RecordingHandler()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def sender(self, timeout_seconds: float = 5) -> SmtpSender:
        return SmtpSender(
            SmtpConfig(host="127.0.0.1", port=self.port, security="none", timeout_seconds=timeout_seconds)
        )

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port whose connections are accepted by the kernel but never get a greeting."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


# --------------------------------------------------------------------------- helpers


async def _queue(rt: Runtime, world: World, count: int = 1) -> list[int]:
    """Submit and dispose ``count`` reports: per report a receipt to budi and the dispose notice to
    budi and the PU liaison."""
    ids = []
    for _ in range(count):
        report = await reports.submit_report(rt, world.budi.actor, DRAFT)
        await reports.dispose_report(rt, world.admin.actor, report.id, world.pu.id, "Catatan internal: XYZ")
        ids.append(report.id)
    return ids


async def _rows() -> list[Notification]:
    return await Notification.all().order_by("id")


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(cast(EmailMessage, body).get_content())


async def _expected_message_ids(rows: list[Notification] | None = None) -> Counter[str]:
    rows = rows if rows is not None else await _rows()
    return Counter(outbox.message_id(row, POLICY.message_id_domain) for row in rows)


# --------------------------------------------------------------------------- delivery


async def test_real_actions_are_mailed_once_in_indonesian_and_english(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "Catatan internal: XYZ")
    clock.advance(hours=1)
    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Akan kami tambal.")
    queued = await _rows()
    assert [(row.kind, row.recipient_id) for row in queued] == [
        ("submitted", world.budi.user.id),
        ("dispose", world.pu_liaison.user.id),
        ("dispose", world.budi.user.id),
        ("follow_up", world.budi.user.id),
    ]

    clock.advance(minutes=5)
    delivered = await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)

    assert (delivered.sent, delivered.retrying, delivered.failed) == (4, 0, 0)
    assert mail_server.handler.message_ids() == await _expected_message_ids()
    assert [str(m["To"]) for m in mail_server.messages] == [
        "Budi <budi@lapor.test>",
        "Pu Liaison <pu_liaison@lapor.test>",
        "Budi <budi@lapor.test>",
        "Budi <budi@lapor.test>",
    ]
    for row in await _rows():
        assert (row.status, row.attempts, row.sent_at, row.last_error) == ("SENT", 1, clock(), "")

    tracking = report.tracking_number
    to_liaison = mail_server.messages[1]
    assert to_liaison["Subject"] == f"[LAPOR!] Disposisi laporan {tracking} untuk instansi Anda"
    assert to_liaison["From"] == "LAPOR! Babel <lapor@babelprov.test>"
    assert to_liaison["Auto-Submitted"] == "auto-generated"
    text = _text(to_liaison)
    indonesian, english = text.split("----- English -----")
    # Monday 08:00 UTC is 15:00 in Jakarta; three working days on is Thursday.
    for expected in (
        "Yth. Pu Liaison,",
        "Laporan berikut telah didisposisikan ke instansi Anda.",
        f"Nomor laporan : {tracking}",
        "Judul         : Jalan berlubang di Jl. Mentok",
        "Status        : Terdisposisi, Belum Ditindaklanjuti",
        "Batas waktu   : Kamis, 5 Maret 2026 pukul 15.00 WIB",
    ):
        assert expected in indonesian
    for expected in (
        "Dear Pu Liaison,",
        "The report below has been disposed to your agency.",
        f"Tracking number : {tracking}",
        "Status          : Disposed, awaiting follow-up",
        "Deadline        : Thursday, 5 March 2026, 15:00 WIB",
    ):
        assert expected in english
    assert "XYZ" not in text and "Catatan internal" not in text  # internal notes never leave
    receipt, to_reporter = _text(mail_server.messages[0]), _text(mail_server.messages[2])
    assert "laporan Anda telah kami terima" in receipt and "we have received your report" in receipt
    assert "diteruskan kepada instansi yang berwenang" in to_reporter
    assert "forwarded to the responsible agency" in to_reporter

    again = await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)
    assert again.attempted == 0
    assert len(mail_server.messages) == 4


async def test_a_command_that_fails_after_queueing_its_mail_sends_nothing(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    assert (await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)).sent == 1

    class Boom(Exception):
        pass

    original = reports._queue_notices

    async def queue_then_fail(*args: Any, **kwargs: Any) -> None:
        await original(*args, **kwargs)
        assert await Notification.filter(kind="dispose").count() == 2  # written, inside the transaction
        raise Boom

    monkeypatch.setattr(reports, "_queue_notices", queue_then_fail)
    with pytest.raises(Boom):
        await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    monkeypatch.undo()

    # The same with the failure in an enclosing transaction, after the command returned.
    with pytest.raises(Boom):
        async with in_transaction():
            await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
            assert await Notification.filter(kind="dispose").count() == 2
            raise Boom

    assert await Notification.filter(kind="dispose").count() == 0
    assert (await Report.get(id=report.id)).status == "SUBMITTED"
    nothing = await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)
    assert nothing.attempted == 0
    assert len(mail_server.messages) == 1  # the receipt of the submission only


async def test_an_outage_then_recovery_delivers_every_message_exactly_once(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    await _queue(runtime, world, count=3)  # 9 messages
    sender = mail_server.sender()
    mail_server.stop()

    # The server is down: one connection attempt, then the pass stops; every row stays queued.
    down = await deliver_due_notifications(runtime, sender, policy=POLICY)
    assert (down.attempted, down.retrying, down.server_unavailable) == (1, 1, True)
    first, *rest = await _rows()
    assert (first.status, first.attempts, first.next_attempt_at) == (
        "PENDING",
        1,
        clock() + timedelta(minutes=1),
    )
    assert "cannot reach the server: Error connecting to 127.0.0.1" in first.last_error
    assert {(row.status, row.attempts, row.last_error) for row in rest} == {("PENDING", 0, "")}

    # Back, but refusing every message for now: each due row gets its attempt and its backoff.
    mail_server.start()
    mail_server.handler.refuse_data = "451 4.3.0 try later"
    refusing = await deliver_due_notifications(runtime, sender, policy=POLICY)
    assert (refusing.attempted, refusing.retrying, refusing.server_unavailable) == (8, 8, False)
    for row in await _rows():
        assert (row.status, row.attempts) == ("PENDING", 1)
        assert row.next_attempt_at == clock() + timedelta(minutes=1)
        assert row.last_error in ("message refused: 451 4.3.0 try later", first.last_error)
    assert mail_server.messages == []
    assert (await deliver_due_notifications(runtime, sender, policy=POLICY)).attempted == 0  # all wait

    # Recovered: after the backoff every message goes out exactly once.
    mail_server.handler.refuse_data = None
    clock.advance(minutes=1)
    recovered_at = clock()
    recovered = await deliver_due_notifications(runtime, sender, policy=POLICY)
    assert (recovered.sent, recovered.retrying, recovered.failed) == (9, 0, 0)
    clock.advance(hours=2)
    assert (await deliver_due_notifications(runtime, sender, policy=POLICY)).attempted == 0
    assert mail_server.handler.message_ids() == await _expected_message_ids()
    assert {(row.status, row.attempts, row.sent_at) for row in await _rows()} == {("SENT", 2, recovered_at)}


async def test_backoff_doubles_up_to_its_cap_then_failed_is_logged_and_can_be_retried(
    db: None,
    clock: FakeClock,
    runtime: Runtime,
    mail_server: MailServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    world = await make_world(clock)
    await reports.submit_report(runtime, world.budi.actor, DRAFT)
    policy = OutboxPolicy(
        max_attempts=5,
        backoff_base=timedelta(minutes=1),
        backoff_max=timedelta(minutes=4),
        send_timeout_seconds=5,
    )
    sender = mail_server.sender()
    mail_server.handler.refuse_data = "451 4.7.1 greylisted, try later"

    waits = []
    for attempt in range(1, 5):
        assert (await deliver_due_notifications(runtime, sender, policy=policy)).retrying == 1
        row = await Notification.get()
        assert (row.status, row.attempts) == ("PENDING", attempt)
        waits.append(row.next_attempt_at - clock())
        clock.advance(waits[-1] - timedelta(seconds=1))
        assert (await deliver_due_notifications(runtime, sender, policy=policy)).attempted == 0  # not yet
        clock.advance(seconds=1)
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 4)]

    with caplog.at_level(logging.ERROR, logger="lapor_gql.domain.outbox"):
        last = await deliver_due_notifications(runtime, sender, policy=policy)
    assert (last.failed, last.retrying) == (1, 0)
    row = await Notification.get()
    assert (row.status, row.attempts, row.last_error) == (
        "FAILED",
        5,
        "message refused: 451 4.7.1 greylisted, try later",
    )
    assert any(f"notification {row.id} FAILED after 5 attempt(s)" in r.getMessage() for r in caplog.records)
    clock.advance(days=30)
    assert (await deliver_due_notifications(runtime, sender, policy=policy)).attempted == 0  # not by itself
    assert mail_server.messages == []

    # An admin retries once the cause is fixed; a citizen may not.
    with pytest.raises(AccessDenied):
        await retry_failed_notifications(runtime, world.budi.actor)
    mail_server.handler.refuse_data = None
    assert await retry_failed_notifications(runtime, world.admin.actor) == 1
    row = await Notification.get()
    assert (row.status, row.attempts, row.next_attempt_at) == ("PENDING", 0, clock())
    audit = await AuditEvent.get(action="notification_retried")
    assert (audit.actor_id, audit.object_id, audit.before["attempts"]) == (world.admin.user.id, row.id, 5)
    assert (await deliver_due_notifications(runtime, sender, policy=policy)).sent == 1
    assert len(mail_server.messages) == 1
    assert await retry_failed_notifications(runtime, None) == 0


def test_default_backoff_is_one_minute_doubling_to_an_hour() -> None:
    policy = OutboxPolicy()
    minutes = [policy.backoff(attempt) / timedelta(minutes=1) for attempt in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert policy.backoff(10_000) == timedelta(hours=1)


async def test_a_recipient_refused_for_good_fails_at_once_and_the_others_go_out(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    await _queue(runtime, world)
    mail_server.handler.refuse_recipients["budi@lapor.test"] = "550 5.1.1 no such mailbox"

    delivered = await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)

    assert (delivered.sent, delivered.failed, delivered.retrying) == (1, 2, 0)
    by_recipient = {(row.recipient_id, row.kind): row for row in await _rows()}
    refused = by_recipient[(world.budi.user.id, "submitted")]
    assert (refused.status, refused.attempts) == ("FAILED", 1)
    assert refused.last_error == "recipient budi@lapor.test refused: 550 5.1.1 no such mailbox"
    assert by_recipient[(world.pu_liaison.user.id, "dispose")].status == "SENT"
    assert [str(m["To"]) for m in mail_server.messages] == ["Pu Liaison <pu_liaison@lapor.test>"]


async def test_a_temporary_recipient_refusal_is_retried(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    await reports.submit_report(runtime, world.budi.actor, DRAFT)
    mail_server.handler.refuse_recipients["budi@lapor.test"] = "452 4.2.2 mailbox full"
    assert (await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)).retrying == 1
    mail_server.handler.refuse_recipients.clear()
    clock.advance(minutes=1)
    assert (await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)).sent == 1


async def test_a_server_that_never_answers_times_out_and_the_message_is_retried(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    await _queue(runtime, world)
    with silent_server() as port:
        hanging = SmtpSender(SmtpConfig(host="127.0.0.1", port=port, security="none", timeout_seconds=0.3))
        started = time.monotonic()
        stuck = await deliver_due_notifications(runtime, hanging, policy=POLICY)
        elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed
    assert (stuck.attempted, stuck.server_unavailable) == (1, True)  # the other two did not wait too
    first = (await _rows())[0]
    assert (first.status, first.attempts) == ("PENDING", 1)
    assert first.last_error == "no answer from 127.0.0.1 within 0.3 s"

    clock.advance(minutes=1)
    recovered = await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)
    assert recovered.sent == 3
    assert mail_server.handler.message_ids() == await _expected_message_ids()


async def test_the_outbox_bounds_a_sender_that_ignores_its_own_timeout(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    await reports.submit_report(runtime, world.budi.actor, DRAFT)

    class Stuck:
        async def send(self, message: EmailMessage) -> None:
            await asyncio.Event().wait()

    policy = OutboxPolicy(send_timeout_seconds=0.05)
    stuck = await deliver_due_notifications(runtime, Stuck(), policy=policy)
    assert (stuck.retrying, stuck.server_unavailable) == (1, True)
    assert (await Notification.get()).last_error == "no answer within 0.05 s"


async def test_two_workers_at_once_send_each_message_once(
    db: None, clock: FakeClock, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    # Two runtimes are two server processes; on PostgreSQL each claims on its own connection.
    first, second = Runtime(clock=clock), Runtime(clock=clock)
    await _queue(first, world, count=8)  # 24 messages

    results = await asyncio.gather(
        deliver_due_notifications(first, mail_server.sender(), batch_size=5, policy=POLICY),
        deliver_due_notifications(second, mail_server.sender(), batch_size=5, policy=POLICY),
    )

    assert sum(result.sent for result in results) == 24, results
    assert all(result.sent for result in results), results  # they really worked side by side
    assert all(result.retrying == result.failed == 0 for result in results)
    assert mail_server.handler.message_ids() == await _expected_message_ids()
    assert {(row.status, row.attempts) for row in await _rows()} == {("SENT", 1)}


async def test_a_crash_between_sending_and_recording_resends_with_the_same_message_id(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one duplicate window: the server took the message, the outcome never reached the database."""
    world = await make_world(clock)
    await reports.submit_report(runtime, world.budi.actor, DRAFT)

    async def database_gone(*args: Any, **kwargs: Any) -> bool:
        raise ConnectionError("database went away")

    monkeypatch.setattr(outbox, "_settle", database_gone)
    with pytest.raises(ConnectionError):
        await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)
    monkeypatch.undo()
    row = await Notification.get()
    assert (row.status, row.attempts) == ("PENDING", 1)  # never claimed to be sent
    assert row.next_attempt_at == clock() + POLICY.lease  # nobody else takes it while it is claimed
    assert (await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)).attempted == 0

    clock.advance(POLICY.lease)
    assert (await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)).sent == 1
    assert (await Notification.get()).status == "SENT"
    assert mail_server.handler.message_ids() == Counter({outbox.message_id(row, POLICY.message_id_domain): 2})


async def test_a_deactivated_recipient_is_not_mailed(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    await _queue(runtime, world)
    await User.filter(id=world.pu_liaison.user.id).update(is_active=False)

    delivered = await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)

    assert (delivered.sent, delivered.failed) == (2, 1)
    row = await Notification.get(recipient_id=world.pu_liaison.user.id)
    assert (row.status, row.attempts, row.last_error) == (
        "FAILED",
        0,
        "not sent: the recipient's account is deactivated",
    )
    assert all("pu_liaison" not in str(m["To"]) for m in mail_server.messages)


async def test_an_idle_pass_costs_one_query(db: None, clock: FakeClock, runtime: Runtime) -> None:
    world = await make_world(clock)
    await _queue(runtime, world, count=3)
    await Notification.all().update(status="SENT")

    class Unused:
        async def send(self, message: EmailMessage) -> None:
            raise AssertionError("nothing is due")

    with count_queries() as statements:
        assert (await deliver_due_notifications(runtime, Unused(), policy=POLICY)).attempted == 0
    assert len(statements) == 1


async def test_the_rows_written_in_one_statement_go_to_whom_recipients_for_names(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    """The outbox rows are an INSERT of what it selects: the same people, in the same order, as the
    plain reading of who each role means, active ones only, the acting officer left out."""
    world = await make_world(clock)
    second = await add_person(world, clock, "pu_liaison_two", Role.LIAISON, world.pu)
    gone = await add_person(world, clock, "pu_liaison_gone", Role.LIAISON, world.pu)
    await User.filter(id=gone.user.id).update(is_active=False)
    await add_person(world, clock, "second_admin", Role.ADMIN)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    await report.refresh_from_db()
    roles = {"liaison", "admin", "reporter"}

    for actor in (second.user.id, world.budi.user.id, None):
        await Notification.all().delete()
        async with in_transaction():
            await queue_report_notifications(report, "probe", roles, clock(), {"n": 1}, actor_user_id=actor)
        written = await Notification.all().order_by("id").values_list("recipient_id", flat=True)
        named = await recipients_for(report, roles)
        assert gone.user.id not in named
        assert written == [user_id for user_id in named if user_id != actor or actor == world.budi.user.id]
    assert (await Notification.get(recipient_id=world.budi.user.id)).payload == {"n": 1}


async def test_the_background_loop_mails_soon_after_a_committed_change(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    # An hour between rounds: only the change feed can make this mail go out during the test.
    loop = asyncio.create_task(outbox.run_delivery_loop(runtime, mail_server.sender(), 3600, POLICY))
    try:
        for _ in range(100):  # let the loop subscribe to the change feed before anything changes
            if getattr(runtime.changes, "subscriber_count", 1):
                break
            await asyncio.sleep(0)
        report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
        assert await asyncio.to_thread(mail_server.handler.wait_for, 1)
    finally:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop
    assert report.tracking_number in str(mail_server.messages[0]["Subject"])
    assert (await Notification.get()).status == "SENT"


# --------------------------------------------------------------------------- the words


def _payload(**overrides: object) -> dict[str, object]:
    return {
        "eventId": 1,
        "trackingNumber": "LPR-2026-ABC123",
        "title": "Jalan rusak",
        "status": "DISPOSED",
        "deadline": datetime(2026, 3, 5, 8, 0, tzinfo=UTC).isoformat(),
        "step": "dispose",
    } | overrides


@pytest.mark.parametrize("kind", sorted(KNOWN_KINDS))
@pytest.mark.parametrize("audience", ["reporter", "officer"])
def test_every_known_kind_reads_in_both_languages(kind: str, audience: Any) -> None:
    created = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    message = render_notification(kind, _payload(), "Siti Aminah", audience, created, JAKARTA)
    assert message.subject.startswith("[LAPOR!] ") and "LPR-2026-ABC123" in message.subject
    indonesian, english = message.body.split("----- English -----")
    assert "Yth. Siti Aminah," in indonesian and "Dear Siti Aminah," in english
    assert "Jalan rusak" in indonesian and "Jalan rusak" in english
    assert "Terdisposisi, Belum Ditindaklanjuti" in indonesian and "Disposed, awaiting follow-up" in english
    assert "Kamis, 5 Maret 2026 pukul 15.00 WIB" in indonesian
    assert "Thursday, 5 March 2026, 15:00 WIB" in english
    assert "Senin, 2 Maret 2026 pukul 15.00 WIB" in indonesian  # when it happened
    generic = render_notification("SOMETHING_ELSE", _payload(step="x"), "S", audience, created, JAKARTA)
    assert message.body != generic.body  # every known kind has words of its own


def test_an_unknown_kind_is_named_by_its_step_and_a_title_cannot_forge_lines() -> None:
    created = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    payload = _payload(step="Second-level review", deadline=None, title="Judul\r\nBcc: x@evil.test")
    message = render_notification("REVIEW_ESCALATED", payload, "Budi\nSantoso", "officer", created, JAKARTA)
    assert message.subject == "[LAPOR!] Perkembangan laporan LPR-2026-ABC123: Second-level review"
    assert "Ada perkembangan pada laporan berikut: Second-level review." in message.body
    assert "There is an update on the report below: Second-level review." in message.body
    assert "Judul Bcc: x@evil.test" in message.body and "\nBcc:" not in message.body
    assert "Yth. Budi Santoso," in message.body
    assert "Batas waktu" not in message.body and "Deadline" not in message.body


def test_times_are_shown_in_the_configured_zone() -> None:
    moment = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    assert format_time(moment, ZoneInfo("Asia/Jayapura"), "id") == "Kamis, 5 Maret 2026 pukul 17.00 WIT"
    assert format_time(moment, ZoneInfo("Asia/Makassar"), "en") == "Thursday, 5 March 2026, 16:00 WITA"


# --------------------------------------------------------------------------- settings and the CLI


def test_smtp_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAPOR_SMTP_HOST", raising=False)
    assert SmtpConfig.from_settings(Settings.from_environment()) is None
    monkeypatch.setenv("LAPOR_SMTP_HOST", "smtp.babelprov.test")
    monkeypatch.setenv("LAPOR_SMTP_PORT", "2525")
    monkeypatch.setenv("LAPOR_SMTP_USERNAME", "lapor")
    monkeypatch.setenv("LAPOR_SMTP_PASSWORD", "rahasia-sekali")
    monkeypatch.setenv("LAPOR_SMTP_STARTTLS", "TLS")
    monkeypatch.setenv("LAPOR_SMTP_TIMEOUT_SECONDS", "7.5")
    monkeypatch.setenv("LAPOR_OUTBOX_MAX_ATTEMPTS", "3")
    settings = Settings.from_environment()
    config = SmtpConfig.from_settings(settings)
    assert config == SmtpConfig("smtp.babelprov.test", 2525, "lapor", "rahasia-sekali", "tls", 7.5)
    assert "rahasia" not in repr(settings) and "rahasia" not in repr(config)
    assert OutboxPolicy.from_settings(settings).max_attempts == 3
    monkeypatch.setenv("LAPOR_SMTP_STARTTLS", "yes")
    with pytest.raises(ValueError, match="LAPOR_SMTP_STARTTLS"):
        Settings.from_environment()


async def test_a_refused_login_is_a_server_problem_without_the_password_in_it() -> None:
    server = MailServer()
    server.start()
    try:
        # aiosmtpd offers no AUTH on a plain connection, so the login cannot even start.
        sender = SmtpSender(
            SmtpConfig(
                host="127.0.0.1", port=server.port, username="u", password="pw-SECRET", security="none"
            )
        )
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@x.test", "b@x.test", "s"
        message.set_content("x")
        with pytest.raises(SendFailed) as failure:
            await sender.send(message)
    finally:
        server.stop()
    assert failure.value.server_unavailable and not failure.value.permanent
    assert "SECRET" not in failure.value.reason


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{path}")
    for name in ("LAPOR_SMTP_HOST", "LAPOR_SMTP_PORT", "LAPOR_SMTP_STARTTLS"):
        monkeypatch.delenv(name, raising=False)
    return path


def _due_now(database_file: Path) -> int:
    with sqlite3.connect(database_file) as connection:
        rows = connection.execute("SELECT next_attempt_at FROM notification WHERE status = 'PENDING'")
        now = datetime.now(UTC)
        return sum(datetime.fromisoformat(value) <= now for (value,) in rows)


def test_outbox_run_mails_the_demo_notifications_once(
    database_file: Path, mail_server: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert runner.invoke(cli_app, ["seed-demo"]).exit_code == 0
    due = _due_now(database_file)
    assert due > 0
    with sqlite3.connect(database_file) as connection:
        (pending,) = connection.execute(
            "SELECT count(*) FROM notification WHERE status = 'PENDING'"
        ).fetchone()
    assert due == pending  # the demo queues nothing dated in the future

    unconfigured = runner.invoke(cli_app, ["outbox", "run"])
    assert unconfigured.exit_code == 2
    assert "LAPOR_SMTP_HOST is not set" in unconfigured.output

    monkeypatch.setenv("LAPOR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LAPOR_SMTP_PORT", str(mail_server.port))
    monkeypatch.setenv("LAPOR_SMTP_STARTTLS", "none")
    first = runner.invoke(cli_app, ["outbox", "run"])
    second = runner.invoke(cli_app, ["outbox", "run"])

    assert first.exit_code == 0, first.output
    assert f"sent {due}, to retry 0, failed 0" in first.output
    assert "sent 0, to retry 0, failed 0" in second.output
    assert len(mail_server.handler.message_ids()) == due == len(mail_server.messages)
    with sqlite3.connect(database_file) as connection:
        (sent,) = connection.execute("SELECT count(*) FROM notification WHERE status = 'SENT'").fetchone()
        assert sent == due
        connection.execute("UPDATE notification SET status = 'FAILED' WHERE id IN (1, 2)")
    retried = runner.invoke(cli_app, ["outbox", "retry-failed", "1"])
    assert retried.exit_code == 0 and "queued 1 failed notification(s) again" in retried.output


# --------------------------------------------------------------------------- the served app


SUBMIT = """mutation Submit {
  reportSubmit(input: {title: "Lampu jalan mati", body: "Sejak seminggu.", classification: COMPLAINT}) {
    report { trackingNumber } errors { code }
  }
}"""


async def test_the_served_app_mails_what_its_mutations_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mail_server: MailServer
) -> None:
    url = f"sqlite://{tmp_path / 'served.sqlite3'}"
    monkeypatch.setenv("LAPOR_DATABASE_URL", url)
    monkeypatch.setenv("LAPOR_TIMER_INTERVAL_SECONDS", "3600")
    monkeypatch.setenv("LAPOR_OUTBOX_INTERVAL_SECONDS", "3600")  # only a committed change wakes it
    monkeypatch.setenv("LAPOR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LAPOR_SMTP_PORT", str(mail_server.port))
    monkeypatch.setenv("LAPOR_SMTP_STARTTLS", "none")

    async with served(url) as client:
        world = await make_world(system_clock)
        response = await client.post(
            "/graphql", json={"query": SUBMIT}, headers={"Authorization": f"Bearer {world.budi.token}"}
        )
        tracking = response.json()["data"]["reportSubmit"]["report"]["trackingNumber"]
        assert await asyncio.to_thread(mail_server.handler.wait_for, 1)

    (receipt,) = mail_server.messages
    assert str(receipt["To"]) == "Budi <budi@lapor.test>"
    assert receipt["Subject"] == f"[LAPOR!] Laporan {tracking} telah diterima"


async def test_without_a_mail_server_the_app_runs_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite://{tmp_path / 'served.sqlite3'}"
    monkeypatch.setenv("LAPOR_DATABASE_URL", url)
    monkeypatch.setenv("LAPOR_TIMER_INTERVAL_SECONDS", "3600")
    monkeypatch.delenv("LAPOR_SMTP_HOST", raising=False)

    with caplog.at_level(logging.WARNING, logger="lapor_gql"):
        async with served(url) as client:
            world = await make_world(system_clock)
            response = await client.post(
                "/graphql", json={"query": SUBMIT}, headers={"Authorization": f"Bearer {world.budi.token}"}
            )
            assert response.json()["data"]["reportSubmit"]["errors"] == []
            assert (await Notification.get()).status == "PENDING"

    warnings = [r.getMessage() for r in caplog.records if "LAPOR_SMTP_HOST" in r.getMessage()]
    assert warnings == ["LAPOR_SMTP_HOST is not set: notifications are queued but not e-mailed"]


async def test_an_address_that_cannot_be_written_fails_at_once(
    db: None, clock: FakeClock, runtime: Runtime, mail_server: MailServer
) -> None:
    world = await make_world(clock)
    await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await User.filter(id=world.budi.user.id).update(email="budi@lapor.test@elsewhere")

    delivered = await deliver_due_notifications(runtime, mail_server.sender(), policy=POLICY)

    assert (delivered.failed, delivered.server_unavailable) == (1, False)
    row = await Notification.get()
    assert (row.status, row.attempts) == ("FAILED", 1)
    assert row.last_error == "cannot write the message: Invalid Domain"
    assert mail_server.messages == []
