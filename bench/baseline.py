"""The baseline: a bare Starlette app that serves the benchmark's data with hand-written SQL.

No ORM, no GraphQL: asyncpg (a pool of 5, Tortoise's default) or one aiosqlite connection, a few
queries per request, JSON out with orjson (as the app encodes its responses). It does what the real
app must do for the same answer — checks the bearer token in the database, applies the same
visibility rules (confidential reports, anonymous reporters, internal notes, officer names), labels
and available actions — so the gap between the two is what the stack (GraphQL, ORM, per-field
resolvers) costs.

Serve it with ``uvicorn --factory bench.baseline:create_app`` and ``BENCH_DATABASE_URL`` set to the
same URL as ``LAPOR_DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lapor_gql.config import Settings
from lapor_gql.domain.labels import action_label, status_label
from lapor_gql.workflow import ProcessDiagram, WorkflowEngine
from lapor_gql.workflow.working_days import WorkingCalendar

from .rawdb import RawDB, Tx

REPORT_COLUMNS = (
    "r.id, r.tracking_number, r.title, r.status, r.is_overdue, r.deadline, r.pending_actions,"
    " r.created_at, r.agency_id, r.reporter_id, r.is_confidential, r.is_anonymous"
)


class JSONResponse(Response):
    """orjson-encoded, like the app's responses (``LaporGraphQL.encode_json``)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class Viewer:
    def __init__(self, user_id: int | None, role: str | None, agency_id: int | None) -> None:
        self.user_id, self.role, self.agency_id = user_id, role, agency_id

    def handles(self, agency_id: int | None) -> bool:
        return self.role == "LIAISON" and self.agency_id is not None and self.agency_id == agency_id

    def lanes(self, agency_id: int | None, reporter_id: int | None) -> set[str]:
        lanes = set()
        if self.role == "ADMIN":
            lanes.add("admin")
        if self.handles(agency_id):
            lanes.add("liaison")
        if self.user_id is not None and self.user_id == reporter_id:
            lanes.add("reporter")
        return lanes


ANONYMOUS = Viewer(None, None, None)


def iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    text = str(value)
    return text.replace(" ", "T", 1)


def as_json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, str) else value


def available(
    viewer: Viewer, pending: Any, agency_id: int | None, reporter_id: int | None
) -> list[dict[str, str]]:
    lanes = viewer.lanes(agency_id, reporter_id)
    actions: list[str] = []
    for p in as_json(pending) or []:
        if p["lane"] in lanes and p["action"] not in actions:
            actions.append(p["action"])
    return [{"code": action} for action in actions]


def visibility(viewer: Viewer, args: list[object]) -> str:
    """SQL condition equal to policy.visible_reports; appends its parameters to ``args``."""
    if viewer.role == "ADMIN":
        return "1=1"
    parts = ["r.is_confidential = ?"]
    args.append(False)
    if viewer.user_id is not None:
        parts.append("r.reporter_id = ?")
        args.append(viewer.user_id)
    if viewer.role == "LIAISON" and viewer.agency_id is not None:
        parts.append("r.agency_id = ?")
        args.append(viewer.agency_id)
    return "(" + " OR ".join(parts) + ")"


async def diagram_of_definition(db: RawDB | Tx, definition_id: int) -> ProcessDiagram:
    """The diagram a stored workflow state runs on (states reference it: workflow.state_format)."""
    rows = await db.fetch(
        "SELECT bpmn_xml, decision_tables FROM process_definition WHERE id = ?", definition_id
    )
    xml, tables = rows[0]
    tables = json.loads(tables) if isinstance(tables, str | bytes) else tables
    return ProcessDiagram.from_xml(str(xml).encode("utf-8"), [str(t).encode("utf-8") for t in tables or ()])


class Baseline:
    def __init__(self, url: str) -> None:
        self.db = RawDB(url)
        self.engine = WorkflowEngine()
        # Parsed once per version, as the app's Runtime.diagram_by_id does.
        self.diagrams: dict[int, ProcessDiagram] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="baseline-engine")
        self.calendar = WorkingCalendar()

    async def start(self) -> None:
        await self.db.open(pool_size=5)
        settings = Settings.from_environment()
        holidays = await self.db.fetch("SELECT date FROM holiday WHERE agency_id IS NULL")
        days = frozenset(d if isinstance(d, date) else date.fromisoformat(str(d)) for (d,) in holidays)
        self.calendar = WorkingCalendar(
            weekend=settings.weekend_days, holidays=days, time_zone=settings.time_zone
        )

    async def close(self) -> None:
        await self.db.close()
        self.executor.shutdown()

    async def viewer(self, request: Request) -> Viewer | None:
        header = request.headers.get("authorization")
        if not header:
            return ANONYMOUS
        token = header.partition(" ")[2].strip()
        digest = hashlib.sha256(token.encode()).hexdigest()
        rows = await self.db.fetch(
            "SELECT u.id, u.role, u.agency_id, t.expires_at, t.revoked_at, u.is_active FROM access_token t"
            " JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ?",
            digest,
        )
        if not rows or rows[0][4] is not None or not rows[0][5]:
            return None
        return Viewer(rows[0][0], rows[0][1], rows[0][2])

    # ------------------------------------------------------------------------------ reads

    async def inbox(self, request: Request) -> Response:
        viewer = await self.viewer(request)
        if viewer is None:
            return JSONResponse({"error": "TOKEN_INVALID"}, status_code=401)
        agency_id = int(request.query_params["agency"])
        first = int(request.query_params.get("first", "50"))
        args: list[object] = []
        condition = visibility(viewer, args)
        rows = await self.db.fetch(
            f"SELECT {REPORT_COLUMNS}, a.code, a.name FROM report r LEFT JOIN agency a ON a.id = r.agency_id"
            f" WHERE {condition} AND r.agency_id = ? ORDER BY r.id DESC LIMIT ?",
            *args,
            agency_id,
            first + 1,
        )
        page = rows[:first]
        ids = [r[0] for r in page]
        timelines = await self._last_events(ids, 3, viewer, {r[0]: r[8] for r in page})
        nodes = []
        for r in page:
            nodes.append(
                {
                    "id": r[0], "trackingNumber": r[1], "title": r[2], "status": r[3],
                    "statusLabel": status_label(r[3], "id"), "isOverdue": bool(r[4]), "deadline": iso(r[5]),
                    "availableActions": available(viewer, r[6], r[8], r[9]), "createdAt": iso(r[7]),
                    "agency": {"id": r[8], "code": r[12], "name": r[13]} if r[8] is not None else None,
                    "timeline": timelines.get(r[0], []),
                }
            )  # fmt: skip
        return JSONResponse({"reports": nodes, "hasNextPage": len(rows) > first})

    async def _last_events(
        self, ids: Sequence[int], last: int, viewer: Viewer, agency_of: dict[int, int | None]
    ) -> dict[int, list[dict[str, Any]]]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        # Every event of the page, then the last visible ones per report (as the app's loader does;
        # a viewer who may not see internal entries would filter before taking the last ones).
        rows = await self.db.fetch(
            "SELECT report_id, action, to_status, created_at, actor_role, message, is_public, details"
            f" FROM report_event WHERE report_id IN ({marks}) ORDER BY report_id, id",
            *ids,
        )
        grouped: dict[int, list[dict[str, Any]]] = {}
        for report_id, action, to_status, created_at, role, message, is_public, details in rows:
            if not is_public and not (viewer.role == "ADMIN" or viewer.handles(agency_of[report_id])):
                continue
            label = as_json(details).get("label") if role == "SYSTEM" else None
            grouped.setdefault(report_id, []).append(
                {
                    "action": action, "actionLabel": action_label(action, "id", label),
                    "toStatus": to_status, "createdAt": iso(created_at), "actorRole": role,
                    "message": message,
                }
            )  # fmt: skip
        return {k: v[-last:] for k, v in grouped.items()}

    async def public(self, request: Request) -> Response:
        first = int(request.query_params.get("first", "20"))
        rows = await self.db.fetch(
            "SELECT r.id, r.tracking_number, r.title, r.status, r.created_at, r.agency_id, a.name"
            " FROM report r LEFT JOIN agency a ON a.id = r.agency_id WHERE r.is_confidential = ?"
            " ORDER BY r.id DESC LIMIT ?",
            False,
            first + 1,
        )
        nodes = [
            {
                "id": r[0],
                "trackingNumber": r[1],
                "title": r[2],
                "status": r[3],
                "statusLabel": status_label(r[3], "id"),
                "createdAt": iso(r[4]),
                "agency": {"id": r[5], "name": r[6]} if r[5] is not None else None,
            }  # fmt: skip
            for r in rows[:first]
        ]
        return JSONResponse({"reports": nodes, "hasNextPage": len(rows) > first})

    async def detail(self, request: Request) -> Response:
        viewer = await self.viewer(request)
        if viewer is None:
            return JSONResponse({"error": "TOKEN_INVALID"}, status_code=401)
        report_id = int(request.path_params["id"])
        args: list[object] = []
        condition = visibility(viewer, args)
        rows = await self.db.fetch(
            f"SELECT {REPORT_COLUMNS}, a.code, a.name, r.body, r.category, u.name FROM report r"
            " LEFT JOIN agency a ON a.id = r.agency_id LEFT JOIN app_user u ON u.id = r.reporter_id"
            f" WHERE {condition} AND r.id = ?",
            *args,
            report_id,
        )
        if not rows:
            return JSONResponse({"report": None})
        r = rows[0]
        agency_id, reporter_id, anonymous = r[8], r[9], bool(r[11])
        officer_names = viewer.role == "ADMIN" or viewer.handles(agency_id)
        sees_reporter = not anonymous or viewer.role == "ADMIN" or viewer.user_id == reporter_id
        events = await self.db.fetch(
            "SELECT e.action, e.from_status, e.to_status, e.message, e.internal_note, e.actor_role,"
            " e.actor_id, u.name, e.created_at, e.is_public, e.details FROM report_event e"
            " LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.report_id = ? ORDER BY e.id",
            report_id,
        )
        timeline = []
        for (
            action,
            from_s,
            to_s,
            message,
            note,
            role,
            actor_id,
            actor_name,
            created,
            public,
            details,
        ) in events:
            if not public and not officer_names:
                continue
            shown = sees_reporter if actor_id == reporter_id else officer_names
            label = as_json(details).get("label") if role == "SYSTEM" else None
            timeline.append(
                {
                    "action": action, "actionLabel": action_label(action, "id", label), "fromStatus": from_s,
                    "toStatus": to_s, "message": message, "internalNote": note if officer_names else None,
                    "actorRole": role,
                    "actor": {"name": actor_name} if actor_id is not None and shown else None,
                    "createdAt": iso(created),
                }
            )  # fmt: skip
        report = {
            "id": r[0], "trackingNumber": r[1], "title": r[2], "body": r[14], "status": r[3],
            "statusLabel": status_label(r[3], "id"), "isOverdue": bool(r[4]), "deadline": iso(r[5]),
            "availableActions": available(viewer, r[6], agency_id, reporter_id), "category": r[15],
            "createdAt": iso(r[7]),
            "agency": {"id": agency_id, "name": r[13]} if agency_id is not None else None,
            "reporter": {"name": r[16]} if reporter_id is not None and sees_reporter else None,
            "timeline": timeline,
        }  # fmt: skip
        return JSONResponse({"report": report})

    # ------------------------------------------------------------------------------ writes

    async def transition(self, request: Request) -> Response:
        """follow_up or close: the same engine call and the same writes as the domain command."""
        viewer = await self.viewer(request)
        if viewer is None:
            return JSONResponse({"error": "TOKEN_INVALID"}, status_code=401)
        action = request.path_params["action"]
        report_id = int(request.path_params["id"])
        body = await request.json()
        text = str(body.get("text", ""))
        now = datetime.now(UTC)
        lock = " FOR UPDATE" if self.db.is_pg else ""
        args: list[object] = []
        condition = visibility(viewer, args)
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                f"SELECT r.id, r.status, r.version, r.agency_id, r.reporter_id, r.tracking_number, r.title"
                f" FROM report r WHERE {condition} AND r.id = ?{lock}",
                *args,
                report_id,
            )
            if not rows:
                return JSONResponse({"error": "NOT_FOUND"}, status_code=404)
            _, from_status, version, agency_id, reporter_id, tracking, title = rows[0]
            state_rows = await tx.fetch(
                f"SELECT state, definition_id FROM report_workflow WHERE report_id = ?{lock}", report_id
            )
            state, definition_id = state_rows[0][0], int(state_rows[0][1])
            diagram = self.diagrams.get(definition_id)
            if diagram is None:
                diagram = self.diagrams[definition_id] = await diagram_of_definition(tx, definition_id)
            lanes = viewer.lanes(agency_id, reporter_id)
            loop = asyncio.get_running_loop()
            snap = await loop.run_in_executor(
                self.executor,
                lambda: self.engine.perform(
                    state, action, lanes, {}, calendar=self.calendar, diagram=diagram
                ),
            )
            pending_rows = [{"action": p.action, "lane": p.lane} for p in snap.pending_actions]
            pending = orjson.dumps(pending_rows).decode()
            status = snap.status or from_status
            changed = await tx.execute(
                "UPDATE report SET status = ?, deadline = ?, is_overdue = ?, pending_actions = ?,"
                " updated_at = ?, version = ? WHERE id = ? AND version = ?",
                status, snap.deadline, snap.is_overdue, pending, now, version + 1, report_id, version,
            )  # fmt: skip
            if changed != 1:
                raise RuntimeError("conflict")
            await tx.execute(
                "UPDATE report_workflow SET state = ?, next_timer_due_at = ?, updated_at = ?"
                " WHERE report_id = ?",
                snap.state,
                snap.next_timer_due_at,
                now,
                report_id,
            )
            event = await tx.fetch(
                "INSERT INTO report_event (report_id, actor_id, actor_role, action, from_status, to_status,"
                " message, internal_note, is_public, details, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                report_id, viewer.user_id, viewer.role, action, from_status, status, text, "", True, "{}",
                now,
            )  # fmt: skip
            for notice in snap.notices:
                recipients: list[int] = []
                if "liaison" in notice.notify and agency_id is not None:
                    recipients += [
                        row[0]
                        for row in await tx.fetch(
                            "SELECT id FROM app_user WHERE is_active = ? AND role = 'LIAISON'"
                            " AND agency_id = ? ORDER BY id",
                            True,
                            agency_id,
                        )
                    ]
                if "admin" in notice.notify:
                    recipients += [
                        row[0]
                        for row in await tx.fetch(
                            "SELECT id FROM app_user WHERE is_active = ? AND role = 'ADMIN' ORDER BY id", True
                        )
                    ]
                if "reporter" in notice.notify and reporter_id is not None:
                    recipients.append(reporter_id)
                skipped = viewer.user_id if viewer.user_id != reporter_id else None
                payload = orjson.dumps(
                    {
                        "eventId": event[0][0], "trackingNumber": tracking, "title": title, "status": status,
                        "deadline": iso(snap.deadline), "step": action,
                    }
                ).decode()  # fmt: skip
                rows_out = [
                    [uid, report_id, notice.kind, payload, "PENDING", 0, now, None, "", now]
                    for uid in dict.fromkeys(recipients)
                    if uid != skipped
                ]
                if rows_out:
                    await tx.executemany(
                        "INSERT INTO notification (recipient_id, report_id, kind, payload, status, attempts,"
                        " next_attempt_at, sent_at, last_error, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows_out,
                    )
        return JSONResponse(
            {
                "report": {
                    "id": report_id, "trackingNumber": tracking, "title": title, "status": status,
                    "statusLabel": status_label(status, "id"), "isOverdue": snap.is_overdue,
                    "deadline": iso(snap.deadline),
                    "availableActions": [{"code": p.action} for p in snap.pending_actions if p.lane in lanes],
                    "agency": {"id": agency_id},
                }
            }
        )  # fmt: skip


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def create_app(baseline: Baseline | None = None) -> Starlette:
    """With ``baseline`` given (already started, e.g. for counting statements in-process), the app
    neither opens nor closes it."""
    own = baseline is None
    served = Baseline(os.environ["BENCH_DATABASE_URL"]) if baseline is None else baseline

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if own:
            await served.start()
        try:
            yield
        finally:
            if own:
                await served.close()

    return Starlette(
        routes=[
            Route("/inbox", served.inbox),
            Route("/public", served.public),
            Route("/report/{id:int}", served.detail),
            Route("/report/{id:int}/{action}", served.transition, methods=["POST"]),
            Route("/healthz", _healthz),
        ],
        lifespan=lifespan,
    )
