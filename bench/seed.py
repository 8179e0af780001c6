"""Seed a fresh database with N reports, fast, in a shape the app serves as its own.

1. Create the database (SQLite file, or DROP/CREATE on PostgreSQL), apply the real migrations and
   deploy the default diagram.
2. Agencies, liaisons, admins and citizens by bulk insert (one argon2 hash shared by all).
3. Drive one *template* report per variant through the real domain commands on a FakeClock
   (``lapor_gql.domain.reports``), so each variant has a real serialized workflow, pending actions,
   deadline, overdue flag and audit trail.
4. Bulk-copy the templates into N reports (executemany on SQLite, COPY on PostgreSQL), each with its
   own agency, reporter, tracking number, dates and a copy of the template's timeline.
5. Bearer tokens for the admin and each liaison are inserted directly (SHA-256 of the token, as the
   app stores them).

Template workflows are started a few hours before "now", so their deadlines lie days ahead of the
benchmark (none is due when the server starts); the overdue variants were disposed 10 days back and
escalated by the real timer sweep. Closed and archived copies are shifted back up to a year.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import secrets
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tortoise.connection import get_connection

from lapor_gql.clock import FakeClock, system_clock
from lapor_gql.config import PROJECT_ROOT
from lapor_gql.db import apply_migrations, close_database, is_sqlite, open_database
from lapor_gql.db.models import Classification, Role
from lapor_gql.domain import reports
from lapor_gql.domain.accounts import hash_password
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.processes import Runtime, deploy_diagram_file
from lapor_gql.workflow import COMPACT_STATE_PREFIX

from .rawdb import RawDB, create_pg_database, sqlite_path

CHUNK = 5000
N_AGENCIES = 30
AGENCY_NAMES = [
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Kesehatan", "Dinas Pendidikan",
    "Dinas Perhubungan", "Dinas Sosial", "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Catatan Sipil",
    "Dinas Pariwisata", "Dinas Kelautan dan Perikanan", "Dinas Pertanian", "Dinas Perindustrian",
    "Dinas Tenaga Kerja", "Dinas Koperasi dan UKM", "Dinas Pemuda dan Olahraga", "Dinas Perumahan",
    "Dinas Energi dan Sumber Daya Mineral", "Dinas Komunikasi dan Informatika", "Dinas Perpustakaan",
    "Dinas Pemberdayaan Perempuan", "Dinas Ketahanan Pangan", "Dinas Penanaman Modal",
    "Badan Pendapatan Daerah", "Badan Kepegawaian Daerah", "Badan Penanggulangan Bencana Daerah",
    "Satuan Polisi Pamong Praja", "RSUD Provinsi", "Biro Hukum", "Biro Umum", "Inspektorat",
    "Badan Kesatuan Bangsa dan Politik",
]  # fmt: skip
TITLES = [
    "Jalan berlubang", "Lampu jalan padam", "Antrean panjang di puskesmas", "Sampah menumpuk",
    "Pungutan liar di kelurahan", "Kekurangan guru", "Drainase tersumbat", "Izin usaha lambat",
    "Bantuan sosial tidak tepat sasaran", "Air PDAM keruh", "Angkutan umum tidak beroperasi",
    "Pelayanan KTP lambat",
]  # fmt: skip
PLACES = ["Pangkalpinang", "Sungailiat", "Muntok", "Koba", "Toboali", "Tanjung Pandan", "Manggar"]
CATEGORIES = ["Infrastruktur", "Kesehatan", "Pendidikan", "Lingkungan", "Pelayanan Publik", "Sosial"]
_TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@dataclass
class Template:
    key: str
    weight: int
    report_id: int = 0
    status: str = ""
    deadline: datetime | None = None
    is_overdue: bool = False
    pending_actions: str = "[]"
    state: str = ""
    next_timer_due_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def has_timer(self) -> bool:
        return self.next_timer_due_at is not None

    @property
    def movable(self) -> bool:
        """Finished reports may be shifted back in time; running ones keep their timers' dates."""
        return self.next_timer_due_at is None


# (key, weight): the status mix. Weights are percent of N.
VARIANTS: list[tuple[str, int]] = [
    ("submitted", 6),
    ("submitted_overdue", 2),
    ("on_hold", 2),
    ("archived", 8),
    ("disposed", 14),
    ("disposed_overdue", 5),
    ("disposed_reopened", 1),
    ("in_progress", 10),
    ("in_progress_long", 7),
    ("not_authority", 3),
    ("closed", 30),
    ("closed_long", 12),
]


@dataclass
class Seeded:
    """What the workloads need to know about a seeded database (also written next to it as JSON)."""

    database: str  # "sqlite" | "postgres"
    url: str
    reports: int
    seed_seconds: float
    template_seconds: float
    bulk_seconds: float
    db_bytes: int
    workflow_bytes: int
    state_bytes_avg: int
    events: int
    status_counts: dict[str, int]
    admin_token: str
    liaison_tokens: dict[int, str]  # agency id -> token of its first liaison
    agency_ids: list[int]
    disposed: list[tuple[int, int]]  # (report id, agency id): transition candidates
    detail_ids: list[tuple[int, int]]  # (report id, agency id): detail-view sample
    open_reports: int  # reports with a pending timer


def tracking_number(year: int, number: int) -> str:
    chars = []
    for _ in range(6):
        number, digit = divmod(number, 32)
        chars.append(_TRACKING_ALPHABET[digit])
    return f"LPR-{year}-{''.join(reversed(chars))}"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def reset_database(url: str) -> None:
    if is_sqlite(url):
        path = Path(sqlite_path(url))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        await create_pg_database(url)


async def database_bytes(raw: RawDB) -> tuple[int, int]:
    """(whole database, report_workflow table incl. TOAST and indexes)."""
    if raw.is_pg:
        row = (await raw.fetch("SELECT pg_database_size(current_database())"))[0]
        wf = (await raw.fetch("SELECT pg_total_relation_size('report_workflow')"))[0]
        return int(row[0]), int(wf[0])
    await raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = sqlite_path(raw.url)
    size = sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
    try:
        wf = await raw.fetch("SELECT SUM(pgsize) FROM dbstat WHERE name = 'report_workflow'")
        wf_bytes = int(wf[0][0] or 0)
    except Exception:  # noqa: BLE001 - dbstat is a compile-time option of SQLite
        wf_bytes = 0
    return size, wf_bytes


async def _people(raw: RawDB, now: datetime, citizens: int) -> tuple[dict[str, int], dict[int, list[int]]]:
    """Agencies, admins, an analyst, 1–2 liaisons per agency and the citizens. Returns ids."""
    await raw.insert_rows(
        "agency",
        ["id", "code", "name", "address", "phone", "email", "website", "description", "is_active",
         "created_at", "parent_id", "service_hours"],
        [[1, "BABEL", "Pemerintah Provinsi Kepulauan Bangka Belitung", "", "", "", "", "", True, now, None,
          ""]]
        + [
            [i + 2, f"PD{i + 1:02d}", AGENCY_NAMES[i], f"Jl. Merdeka No. {i + 1}, Pangkalpinang",
             "0717 400000", f"pd{i + 1}@babelprov.go.id", "", "", True, now, 1, "Senin–Jumat 08.00–16.00"]
            for i in range(N_AGENCIES)
        ],
    )  # fmt: skip
    password_hash = hash_password("Bench!2026")
    users: list[list[object]] = []
    ids: dict[str, int] = {}
    liaisons: dict[int, list[int]] = {}

    def add(name: str, email: str, role: Role, agency_id: int | None) -> int:
        user_id = len(users) + 1
        users.append([user_id, name, email, password_hash, role.value, True, now, agency_id, None, ""])
        return user_id

    ids["admin"] = add("Admin Diskominfo", "admin@bench.lapor", Role.ADMIN, None)
    ids["admin2"] = add("Admin Dua", "admin2@bench.lapor", Role.ADMIN, None)
    ids["analyst"] = add("Analis", "analyst@bench.lapor", Role.ANALYST, None)
    for i in range(N_AGENCIES):
        agency_id = i + 2
        count = 2 if i % 3 == 0 else 1
        liaisons[agency_id] = [
            add(f"Penghubung PD{i + 1:02d}-{k}", f"pd{i + 1}-{k}@bench.lapor", Role.LIAISON, agency_id)
            for k in range(count)
        ]
    ids["first_citizen"] = len(users) + 1
    for k in range(citizens):
        add(f"Warga {k}", f"warga{k}@example.id", Role.CITIZEN, None)
    ids["last_citizen"] = len(users)
    await raw.insert_rows(
        "app_user",
        [
            "id",
            "name",
            "email",
            "password_hash",
            "role",
            "is_active",
            "created_at",
            "agency_id",
            "nik",
            "phone",
        ],
        users,
    )
    return ids, liaisons


async def _templates(
    rt_start: datetime, now: datetime, ids: dict[str, int], pd1: int, pd2: int
) -> list[Template]:
    """One report per variant through the real commands; returns them read back from the database."""
    clock = FakeClock(rt_start)
    rt = Runtime(clock=clock)
    admin = Actor(ids["admin"], Role.ADMIN)
    citizen = Actor(ids["first_citizen"], Role.CITIZEN)
    liaison = Actor(ids["pd1_liaison"], Role.LIAISON, pd1)
    made: dict[str, int] = {}

    async def submit(key: str) -> int:
        draft = reports.ReportDraft(
            title=f"Template {key}",
            body="Laporan contoh untuk benchmark.",
            classification=Classification.COMPLAINT,
            category="Infrastruktur",
            location_text="Pangkalpinang",
        )
        report = await reports.submit_report(rt, citizen, draft)
        made[key] = report.id
        return report.id

    async def dispose(rid: int) -> None:
        await reports.dispose_report(rt, admin, rid, pd1, "Mohon ditindaklanjuti.")

    async def follow_up(rid: int) -> None:
        await reports.follow_up_report(rt, liaison, rid, "Sudah kami tangani, tim turun ke lapangan.")

    async def reply(rid: int) -> None:
        await reports.reply_to_report(rt, citizen, rid, "Terima kasih, mohon kabar selanjutnya.")

    # Ten days back: the ones that will be overdue.
    await submit("submitted_overdue")
    await dispose(await submit("disposed_overdue"))
    clock.set(now - 6 * HOUR)
    await reports.fire_due_timers(rt)

    # A few hours back, an hour per step: the rest.
    rid = await submit("submitted")
    rid = await submit("on_hold")
    await reports.hold_report(rt, admin, rid, "Menunggu kelengkapan data pelapor.")
    rid = await submit("archived")
    await reports.archive_report(rt, admin, rid, "Bukan kewenangan pemerintah provinsi.")
    disposed = await submit("disposed")
    reopened = await submit("disposed_reopened")
    progress = await submit("in_progress")
    progress_long = await submit("in_progress_long")
    not_authority = await submit("not_authority")
    closed = await submit("closed")
    closed_long = await submit("closed_long")
    clock.advance(HOUR)
    for rid in (disposed, reopened, progress, progress_long, not_authority, closed, closed_long):
        await dispose(rid)
    clock.advance(HOUR)
    for rid in (reopened, progress, progress_long, closed, closed_long):
        await follow_up(rid)
    await reports.request_not_authority(rt, liaison, not_authority, "Jalan nasional, kewenangan pusat.", pd2)
    await reports.close_report(rt, liaison, closed, "Sudah diperbaiki.")
    await reports.close_report(rt, liaison, reopened, "Sudah diperbaiki.")
    clock.advance(HOUR)
    await reports.reopen_report(rt, liaison, reopened, "Rusak lagi setelah hujan.")
    for rid in (progress_long, closed_long):
        await reply(rid)
    clock.advance(HOUR)
    for rid in (progress_long, closed_long):
        await follow_up(rid)
        await reply(rid)
    clock.advance(HOUR)
    await follow_up(progress_long)
    await follow_up(closed_long)
    await reports.close_report(rt, liaison, closed_long, "Selesai ditangani.")

    conn = get_connection("default")
    templates = []
    for key, weight in VARIANTS:
        t = Template(key, weight, report_id=made[key])
        row = (
            await conn.execute_query_dict(
                "SELECT r.status, r.deadline, r.is_overdue, r.pending_actions, r.created_at, r.updated_at,"
                " r.version, w.state, w.next_timer_due_at FROM report r"
                " JOIN report_workflow w ON w.report_id = r.id WHERE r.id = " + str(t.report_id)
            )
        )[0]
        t.status, t.version = row["status"], row["version"]
        t.deadline, t.next_timer_due_at = _dt(row["deadline"]), _dt(row["next_timer_due_at"])
        t.created_at, t.updated_at = _dt(row["created_at"]), _dt(row["updated_at"])
        t.is_overdue = bool(row["is_overdue"])
        pending = row["pending_actions"]
        t.pending_actions = pending if isinstance(pending, str) else json.dumps(pending)
        t.state = row["state"]
        if not t.state.startswith(COMPACT_STATE_PREFIX):
            # The bench measures states as the app stores them now: referencing their diagram.
            raise RuntimeError(f"template {key}'s workflow state embeds its diagram spec")
        t.events = await conn.execute_query_dict(
            "SELECT actor_role, action, from_status, to_status, message, internal_note, is_public, details,"
            " created_at FROM report_event WHERE report_id = " + str(t.report_id) + " ORDER BY id"
        )
        for event in t.events:
            event["created_at"] = _dt(event["created_at"])
            details = event["details"]
            event["details"] = json.loads(details) if isinstance(details, str) else details
            event["is_public"] = bool(event["is_public"])
        if t.next_timer_due_at is not None and t.next_timer_due_at <= system_clock() + HOUR:
            raise RuntimeError(f"template {key} has a timer due at {t.next_timer_due_at}: it would fire")
        templates.append(t)
    return templates


def _dt(value: object) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


async def seed(url: str, database: str, n_reports: int, seed_value: int = 2026) -> Seeded:
    started = time.perf_counter()
    rng = random.Random(seed_value)
    now = system_clock().replace(microsecond=0)
    print(f"[seed] {database}: fresh database, migrations, default diagram", flush=True)
    await reset_database(url)
    await apply_migrations(url)
    await open_database(url)
    raw = await RawDB(url).open(bulk=True)
    try:
        definition = await deploy_diagram_file(PROJECT_ROOT / "workflows" / "report_lifecycle.bpmn")
        citizens = max(200, min(5000, n_reports // 4))
        ids, liaisons = await _people(raw, now, citizens)
        agency_ids = sorted(liaisons)
        ids["pd1_liaison"] = liaisons[agency_ids[0]][0]
        await _fix_sequences(raw, ["agency", "app_user"])

        t0 = time.perf_counter()
        templates = await _templates(now - 10 * DAY, now, ids, agency_ids[0], agency_ids[1])
        template_seconds = time.perf_counter() - t0
        print(
            f"[seed] {len(templates)} template reports driven through the domain in {template_seconds:.1f} s;"
            f" state {len(templates[0].state) / 1024:.0f} KiB each",
            flush=True,
        )

        # --- bulk copy -------------------------------------------------------------------------
        t1 = time.perf_counter()
        first_id = max(t.report_id for t in templates) + 1
        event_rows = await raw.fetch("SELECT COALESCE(MAX(id), 0) FROM report_event")
        next_event_id = int(event_rows[0][0]) + 1
        to_make = max(0, n_reports - len(templates))
        weights = [t.weight for t in templates]
        status_counts: dict[str, int] = {}
        for t in templates:
            status_counts[t.status] = status_counts.get(t.status, 0) + 1
        disposed: list[tuple[int, int]] = []
        detail_ids: list[tuple[int, int]] = []
        open_reports = sum(t.has_timer for t in templates)
        events_total = sum(len(t.events) for t in templates)
        year = now.year
        report_cols = [
            "id", "tracking_number", "title", "body", "classification", "category", "location_text",
            "latitude", "longitude", "incident_date", "is_anonymous", "is_confidential", "status",
            "deadline", "is_overdue", "pending_actions", "version", "created_at", "updated_at",
            "agency_id", "reporter_id", "access_code_hash",
        ]  # fmt: skip
        workflow_cols = ["report_id", "definition_id", "state", "next_timer_due_at", "updated_at"]
        event_cols = [
            "id", "report_id", "actor_id", "actor_role", "action", "from_status", "to_status", "message",
            "internal_note", "is_public", "details", "created_at",
        ]  # fmt: skip
        classifications = [c.value for c in Classification]
        done = 0
        while done < to_make:
            size = min(CHUNK, to_make - done)
            report_rows: list[list[object]] = []
            workflow_rows: list[list[object]] = []
            events: list[list[object]] = []
            for k in range(size):
                rid = first_id + done + k
                t = rng.choices(templates, weights)[0]
                agency_id = (
                    rng.choice(agency_ids) if t.status not in ("SUBMITTED", "ON_HOLD", "ARCHIVED") else None
                )
                reporter = rng.randint(ids["first_citizen"], ids["last_citizen"])
                shift = (
                    timedelta(days=rng.uniform(1, 365))
                    if t.movable
                    else timedelta(minutes=rng.uniform(0, 30))
                )
                assert t.created_at is not None and t.updated_at is not None
                title = f"{rng.choice(TITLES)} di {rng.choice(PLACES)} ({rid})"
                report_rows.append([
                    rid, tracking_number(year, rid), title,
                    f"{title}. Mohon segera ditindaklanjuti oleh instansi terkait. " * 3,
                    rng.choice(classifications), rng.choice(CATEGORIES), rng.choice(PLACES),
                    None, None, (t.created_at - shift).date() - timedelta(days=2),
                    rng.random() < 0.05, rng.random() < 0.10, t.status,
                    t.deadline, t.is_overdue, t.pending_actions, t.version,
                    t.created_at - shift, t.updated_at - shift if t.movable else t.updated_at,
                    agency_id, reporter, None,
                ])  # fmt: skip
                workflow_rows.append([rid, definition.id, t.state, t.next_timer_due_at, t.updated_at])
                liaison = liaisons[agency_id][0] if agency_id else None
                for e in t.events:
                    role = e["actor_role"]
                    actor = {"CITIZEN": reporter, "ADMIN": ids["admin"], "LIAISON": liaison}.get(role)
                    details = e["details"]
                    if e["action"] == "dispose" and agency_id is not None:
                        details = {**details, "agencyId": agency_id}
                    events.append([
                        next_event_id, rid, actor, role, e["action"], e["from_status"], e["to_status"],
                        e["message"], e["internal_note"], e["is_public"], json.dumps(details),
                        e["created_at"] - shift if t.movable else e["created_at"],
                    ])  # fmt: skip
                    next_event_id += 1
                status_counts[t.status] = status_counts.get(t.status, 0) + 1
                open_reports += t.has_timer
                if t.status == "DISPOSED" and agency_id is not None:
                    disposed.append((rid, agency_id))
                if agency_id is not None and len(detail_ids) < 2000 and rng.random() < 0.5:
                    detail_ids.append((rid, agency_id))
            await raw.insert_rows("report", report_cols, report_rows)
            await raw.insert_rows("report_workflow", workflow_cols, workflow_rows)
            await raw.insert_rows("report_event", event_cols, events)
            events_total += len(events)
            done += size
            elapsed = time.perf_counter() - t1
            print(
                f"[seed] reports {done + len(templates):>7}/{n_reports}"
                f" ({100 * done / max(1, to_make):3.0f}%)"
                f"  events {events_total:>8}  {elapsed:6.1f} s  ({done / max(elapsed, 1e-9):,.0f} reports/s)",
                flush=True,
            )
        await _fix_sequences(raw, ["report", "report_event"])
        await raw.execute("ANALYZE")
        bulk_seconds = time.perf_counter() - t1

        # --- tokens ---------------------------------------------------------------------------
        admin_token = "bench-admin-" + secrets.token_urlsafe(24)
        liaison_tokens = {a: f"bench-pd{a}-" + secrets.token_urlsafe(24) for a in agency_ids}
        token_rows: list[list[object]] = [
            [token_digest(admin_token), now, now + 30 * DAY, None, ids["admin"]]
        ] + [
            [token_digest(tok), now, now + 30 * DAY, None, liaisons[a][0]]
            for a, tok in liaison_tokens.items()
        ]
        await raw.insert_rows(
            "access_token", ["token_hash", "created_at", "expires_at", "revoked_at", "user_id"], token_rows
        )
        db_bytes, workflow_bytes = await database_bytes(raw)
        seed_seconds = time.perf_counter() - started
        rng.shuffle(disposed)
        rng.shuffle(detail_ids)
        seeded = Seeded(
            database=database,
            url=url,
            reports=n_reports,
            seed_seconds=round(seed_seconds, 2),
            template_seconds=round(template_seconds, 2),
            bulk_seconds=round(bulk_seconds, 2),
            db_bytes=db_bytes,
            workflow_bytes=workflow_bytes,
            state_bytes_avg=round(sum(len(t.state) for t in templates) / len(templates)),
            events=events_total,
            status_counts=dict(sorted(status_counts.items())),
            admin_token=admin_token,
            liaison_tokens=liaison_tokens,
            agency_ids=agency_ids,
            disposed=disposed,
            detail_ids=detail_ids[:500],
            open_reports=open_reports,
        )
        print(
            f"[seed] done: {n_reports} reports, {events_total} events in {seed_seconds:.1f} s"
            f" (bulk {bulk_seconds:.1f} s); database {db_bytes / 2**20:,.0f} MiB, of which report_workflow"
            f" {workflow_bytes / 2**20:,.0f} MiB; workflow state {seeded.state_bytes_avg / 1024:.0f} KiB"
            f" per report",
            flush=True,
        )
        return seeded
    finally:
        await raw.close()
        await close_database()


async def _fix_sequences(raw: RawDB, tables: list[str]) -> None:
    if raw.is_pg:
        for table in tables:
            await raw.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM \"{table}\"))"
            )


def save(seeded: Seeded, path: Path) -> None:
    path.write_text(json.dumps(asdict(seeded), default=str))
