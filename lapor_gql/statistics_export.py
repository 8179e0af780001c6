"""Statistics exports over HTTP: the figures per agency and, for admins, the reports behind them, as CSV
or XLSX, with the ``statistics`` query's filters and its authorization.

``GET /exports/statistics.csv`` and ``.xlsx``: each agency's figures in ranking order and a totals
row; admins for any agency, liaisons for their own (``domain.statistics.statistics`` decides).
``GET /exports/reports.csv`` and ``.xlsx``: the reports behind the figures, admins only
(``domain.statistics.statistics_scope``), read from the database in batches.

Parameters: ``from``, ``to`` (YYYY-MM-DD), ``agencyId`` (the Relay global id), ``includeSubUnits``
(true/false), ``classification``, ``category``, and ``lang`` (id/en; else Accept-Language) for the
header row and the words in cells. Any other parameter is refused, so a misspelt filter is an error
rather than an export of everything.

Who asks: ``Authorization: Bearer …``, or else the console's session cookie. The cookie counts here on
a GET, unlike on /graphql, so that a plain link downloads the file; an export changes nothing and
another site's page cannot read it: the cookie is SameSite=Strict, and where the browser says the
request comes from another origin's page (Sec-Fetch-Site) the cookie is ignored.

CSV is written as the rows arrive, in chunks, UTF-8 with a BOM (so Excel reads Indonesian text right);
a text cell starting with = + - @, a tab or a carriage return gets a leading apostrophe, since titles
are citizens' text and a spreadsheet would run them as formulas. XLSX is written by XlsxWriter in
constant-memory mode (each row goes to disk as it is written, strings inline) into an unnamed temporary
file, which is then streamed; it stores text as text, so no formula can arise there.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import IO, Generic, TypeVar
from zoneinfo import ZoneInfo

import xlsxwriter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from lapor_gql.browser_session import BrowserSession, clear_cookies
from lapor_gql.config import Settings
from lapor_gql.db import statistics_queries as sql
from lapor_gql.db.models import Agency, Classification
from lapor_gql.domain import statistics as domain
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.errors import AccessDenied, InvalidInput
from lapor_gql.domain.labels import Language, error_message, status_label
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.context import language_from_header
from lapor_gql.schema.ids import decode_id

PREFIX = "/exports"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
BOM = "\ufeff"
# What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A CSV chunk is sent once it holds this much text; an XLSX file is sent in pieces of this size.
CHUNK_CHARS = 64 * 1024
CHUNK_BYTES = 64 * 1024
# Rows handed to XlsxWriter at once, in a worker thread, so writing never holds up the event loop.
XLSX_BATCH = 1000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PARAMETERS = frozenset({"from", "to", "agencyId", "includeSubUnits", "classification", "category", "lang"})
# The status of a refusal: who asks is unknown (401), may not see this (403), asked wrongly (400).
REFUSAL_STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403}

HeaderActor = Callable[[Runtime, str | None], Awaitable[Actor]]
"""The actor of an ``Authorization`` header (``app.actor_from_authorization``)."""
TokenActor = Callable[[Runtime, str], Awaitable[Actor]]
"""The actor of a session cookie's token (``app.actor_from_token``)."""

Cell = str | int | float | datetime | None
Row = TypeVar("Row")


class Kind(Enum):
    """How a column's values are written: CSV text, and the XLSX cell type and number format."""

    TEXT = "@"
    COUNT = "0"
    RATE = "0.0%"
    DAYS = "0.00"
    SCORE = "#,##0.00"
    """An average rating (1 to 5), two decimals."""
    TIME = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Column(Generic[Row]):
    labels: dict[Language, str]
    kind: Kind
    value: Callable[[Row, Language], Cell]
    width: int = 14


def _text(
    label_id: str, label_en: str, value: Callable[[Row, Language], Cell], width: int = 14
) -> Column[Row]:
    return Column({"id": label_id, "en": label_en}, Kind.TEXT, value, width)


def _count(label_id: str, label_en: str, value: Callable[[Row], int | None]) -> Column[Row]:
    return Column({"id": label_id, "en": label_en}, Kind.COUNT, lambda row, _: value(row))


def _days(label_id: str, label_en: str, value: Callable[[Row], float | None]) -> Column[Row]:
    return Column({"id": label_id, "en": label_en}, Kind.DAYS, lambda row, _: value(row), 18)


def _time(label_id: str, label_en: str, value: Callable[[Row], datetime | None]) -> Column[Row]:
    return Column({"id": label_id, "en": label_en}, Kind.TIME, lambda row, _: value(row), 18)


YES_NO: dict[bool, dict[Language, str]] = {
    True: {"id": "Ya", "en": "Yes"},
    False: {"id": "Tidak", "en": "No"},
}
BAND_LABELS: dict[domain.Band, dict[Language, str]] = {
    domain.Band.GREEN: {"id": "Hijau", "en": "Green"},
    domain.Band.YELLOW: {"id": "Kuning", "en": "Yellow"},
    domain.Band.RED: {"id": "Merah", "en": "Red"},
    domain.Band.NONE: {"id": "Belum terukur", "en": "Not measured"},
}
CLASSIFICATION_LABELS: dict[str, dict[Language, str]] = {
    Classification.COMPLAINT.value: {"id": "Pengaduan", "en": "Complaint"},
    Classification.ASPIRATION.value: {"id": "Aspirasi", "en": "Aspiration"},
    Classification.INFORMATION_REQUEST.value: {"id": "Permintaan informasi", "en": "Information request"},
}
TOTALS_LABEL: dict[Language, str] = {"id": "Jumlah", "en": "Total"}
SHEET_NAMES: dict[str, dict[Language, str]] = {
    "statistics": {"id": "Statistik", "en": "Statistics"},
    "reports": {"id": "Laporan", "en": "Reports"},
}
FILE_NAMES = {"statistics": "lapor-statistik", "reports": "lapor-laporan"}


# --- the columns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    """One agency's figures, or the totals (no code, no band, no rank)."""

    code: str | None
    name: str | None
    band: domain.Band | None
    rank: int | None
    figures: sql.Figures


def _rated(index: int, score: int) -> Column[FigureRow]:
    """How many ratings gave ``score`` (the ``index``-th of the distribution)."""
    return _count(
        f"Penilaian {score}", f"Rated {score}", lambda r: r.figures.reports.satisfaction.distribution[index]
    )


FIGURE_COLUMNS: tuple[Column[FigureRow], ...] = (
    _text("Kode instansi", "Agency code", lambda r, _: r.code),
    _text("Nama instansi", "Agency name", lambda r, lang: r.name or TOTALS_LABEL[lang], 36),
    _text("Zona kepatuhan", "Compliance band", lambda r, lang: BAND_LABELS[r.band][lang] if r.band else None),
    _count("Peringkat", "Rank", lambda r: r.rank),
    _count("Diterima", "Received", lambda r: r.figures.reports.received),
    _count("Terdisposisi", "Disposed", lambda r: r.figures.reports.disposed),
    _count("Ditindaklanjuti", "Followed up", lambda r: r.figures.reports.followed_up),
    _count("Selesai", "Closed", lambda r: r.figures.reports.closed),
    _count("Selesai otomatis", "Closed automatically", lambda r: r.figures.reports.auto_closed),
    _count("Diarsipkan", "Archived", lambda r: r.figures.reports.archived),
    _count("Dibuka kembali", "Reopened", lambda r: r.figures.reports.reopened),
    _count(
        "Pengajuan bukan wewenang",
        "Not-authority requests",
        lambda r: r.figures.reports.not_authority_requested,
    ),
    _count(
        "Bukan wewenang diterima",
        "Not-authority accepted",
        lambda r: r.figures.reports.not_authority_accepted,
    ),
    _count(
        "Bukan wewenang ditolak", "Not-authority rejected", lambda r: r.figures.reports.not_authority_rejected
    ),
    _count("Masih terbuka", "Open now", lambda r: r.figures.reports.open_now),
    _count("Lewat batas waktu saat ini", "Overdue now", lambda r: r.figures.reports.overdue_now),
    _count("Dieskalasi", "Escalated", lambda r: r.figures.reports.escalated),
    _count("Disposisi", "Dispositions", lambda r: r.figures.dispositions),
    _count("Tepat waktu", "Met", lambda r: r.figures.compliance.met),
    _count("Terlambat", "Missed", lambda r: r.figures.compliance.missed),
    _count("Menunggu tanggapan", "Pending", lambda r: r.figures.compliance.pending),
    _count("Ditarik", "Withdrawn", lambda r: r.figures.compliance.withdrawn),
    Column(
        {"id": "Ketepatan waktu", "en": "Compliance rate"},
        Kind.RATE,
        lambda r, _: r.figures.compliance.rate,
    ),
    _days(
        "Median hari kerja ke tanggapan pertama",
        "Median working days to first answer",
        lambda r: r.figures.compliance.answer_days.median,
    ),
    _days(
        "P90 hari kerja ke tanggapan pertama",
        "P90 working days to first answer",
        lambda r: r.figures.compliance.answer_days.p90,
    ),
    # Satisfaction: the ratings standing on the reports closed now.
    _count("Selesai saat ini", "Closed now", lambda r: r.figures.reports.satisfaction.closed_now),
    _count("Dinilai", "Rated", lambda r: r.figures.reports.satisfaction.rated),
    Column(
        {"id": "Porsi dinilai", "en": "Share rated"},
        Kind.RATE,
        lambda r, _: r.figures.reports.satisfaction.share_rated,
    ),
    Column(
        {"id": "Rata-rata penilaian", "en": "Average rating"},
        Kind.SCORE,
        lambda r, _: r.figures.reports.satisfaction.average,
    ),
    *(_rated(index, score) for index, score in enumerate(sql.RATING_SCORES)),
)

REPORT_COLUMNS: tuple[Column[sql.ReportRow], ...] = (
    _text("Nomor tiket", "Tracking number", lambda r, _: r.tracking_number, 18),
    _text("Judul", "Title", lambda r, _: r.title, 48),
    _text(
        "Klasifikasi",
        "Classification",
        lambda r, lang: CLASSIFICATION_LABELS.get(r.classification, {}).get(lang, r.classification),
        20,
    ),
    _text("Kategori", "Category", lambda r, _: r.category, 20),
    _text("Rahasia", "Confidential", lambda r, lang: YES_NO[r.is_confidential][lang]),
    _text("Kode instansi", "Agency code", lambda r, _: r.agency_code),
    _text("Nama instansi", "Agency name", lambda r, _: r.agency_name, 36),
    _text("Status", "Status", lambda r, lang: status_label(r.status, lang), 28),
    _time("Dikirim", "Submitted", lambda r: r.submitted_at),
    _time("Disposisi pertama", "First disposed", lambda r: r.first_disposed_at),
    _time("Tanggapan pertama", "First answer", lambda r: r.first_answer_at),
    _time("Selesai pertama", "First closed", lambda r: r.first_closed_at),
    _days("Hari kerja ke disposisi", "Working days to disposition", lambda r: r.days_to_disposition),
    _days(
        "Hari kerja ke tanggapan pertama", "Working days to first answer", lambda r: r.days_to_first_answer
    ),
    _days("Hari kerja ke selesai", "Working days to closure", lambda r: r.days_to_closure),
    _count("Dibuka kembali (kali)", "Times reopened", lambda r: r.reopen_count),
    _text("Dieskalasi", "Escalated", lambda r, lang: YES_NO[r.escalated][lang]),
    _count("Penilaian pelapor", "Reporter's rating", lambda r: r.rating_score),
)


def header_row(columns: Sequence[Column[Row]], language: Language, time_zone: str) -> list[str]:
    """The header in ``language``; times are local times of ``time_zone``, which their labels name."""
    return [
        f"{column.labels[language]} ({time_zone})" if column.kind is Kind.TIME else column.labels[language]
        for column in columns
    ]


def neutralized(text: str) -> str:
    """Text a spreadsheet shows as it is: one that would start a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# --- the endpoints --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRequest:
    query: domain.StatisticsQuery
    language: Language


class BadParameter(Exception):
    def __init__(self, parameter: str, code: str = "INVALID", **params: object) -> None:
        super().__init__(f"{parameter}: {code}")
        self.parameter = parameter
        self.code = code
        self.params = params


class StatisticsExports:
    def __init__(
        self, settings: Settings, runtime: Runtime, actor_of_header: HeaderActor, actor_of_token: TokenActor
    ) -> None:
        self.settings = settings
        self.runtime = runtime
        self.actor_of_header = actor_of_header
        self.actor_of_token = actor_of_token
        self.bands = domain.ComplianceBands(
            green=settings.compliance_green, yellow=settings.compliance_yellow
        )

    def routes(self) -> list[Route]:
        routes = []
        for file_format in FORMATS:
            routes += [
                Route(f"{PREFIX}/statistics.{file_format}", self._endpoint(self.figures, file_format)),
                Route(f"{PREFIX}/reports.{file_format}", self._endpoint(self.reports, file_format)),
            ]
        return routes

    def _endpoint(
        self, export: Callable[[Request, str], Awaitable[Response]], file_format: str
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return await export(request, file_format)

        return endpoint

    async def figures(self, request: Request, file_format: str) -> Response:
        """Each agency's figures in ranking order, then the totals."""
        return await self._export(request, file_format, self._figure_rows)

    async def reports(self, request: Request, file_format: str) -> Response:
        """The reports behind the figures, oldest first (admins only)."""
        return await self._export(request, file_format, self._report_rows)

    async def _figure_rows(self, actor: Actor, ask: ExportRequest) -> _Export[FigureRow]:
        found = await domain.statistics(self.runtime, actor, ask.query, self.bands)
        agencies = {
            agency_id: (code, name)
            for agency_id, code, name in await Agency.filter(
                id__in=[entry.agency_id for entry in found.agencies]
            ).values_list("id", "code", "name")
        }
        rows = [
            FigureRow(*agencies.get(entry.agency_id, (None, None)), entry.band, entry.rank, entry.figures)
            for entry in found.agencies
        ]
        rows.append(FigureRow(None, None, None, None, found.totals))
        return _Export("statistics", FIGURE_COLUMNS, _listed(rows), found.period)

    async def _report_rows(self, actor: Actor, ask: ExportRequest) -> _Export[sql.ReportRow]:
        period, scope = await domain.statistics_scope(self.runtime, actor, ask.query)
        return _Export("reports", REPORT_COLUMNS, sql.report_rows(scope), period)

    async def _export(
        self,
        request: Request,
        file_format: str,
        gather: Callable[[Actor, ExportRequest], Awaitable[_Export[Row]]],
    ) -> Response:
        language = language_from_header(request.headers.get("accept-language"))
        session = BrowserSession.from_cookies(request.cookies, secure=not self.settings.is_development)
        authorization = request.headers.get("authorization")
        # The Authorization header wins; the cookie counts only from the console's own pages.
        cookie_token = session.token if not authorization and _from_own_origin(request) else None
        try:
            language = _language(request.query_params, language)
            if cookie_token is not None:
                actor = await self.actor_of_token(self.runtime, cookie_token)
            else:
                actor = await self.actor_of_header(self.runtime, authorization)
            if actor.is_anonymous:
                raise AccessDenied("UNAUTHENTICATED")
            export = await gather(actor, _export_request(request.query_params, language))
        except AccessDenied as denied:
            refusal = _refusal(REFUSAL_STATUS.get(denied.code, 401), denied.code, language)
            # A cookie that no longer counts is cleared: the page cannot remove an HttpOnly cookie itself.
            if cookie_token is not None and refusal.status_code == 401:
                clear_cookies(refusal, secure=session.secure)
            return refusal
        except BadParameter as bad:
            return _refusal(400, bad.code, language, bad.parameter, **bad.params)
        except InvalidInput as invalid:
            problem = invalid.problems[0]
            return _refusal(400, problem.code, language, problem.field, **problem.params)
        period = export.period
        headers = {
            "Content-Disposition": f'attachment; filename="{FILE_NAMES[export.name]}-{period.date_from}-'
            f'{period.date_to}.{file_format}"',
            "Cache-Control": "no-store",
        }
        header = header_row(export.columns, language, period.time_zone)
        zone = ZoneInfo(period.time_zone)
        if file_format == "csv":
            chunks = csv_chunks(header, export.columns, export.rows, language, zone)
            return StreamingResponse(chunks, headers=headers, media_type=CSV_MEDIA_TYPE)
        sheet = SHEET_NAMES[export.name][language]
        file = await xlsx_file(sheet, header, export.columns, export.rows, language, zone)
        headers["Content-Length"] = str(file.tell())
        return StreamingResponse(file_chunks(file), headers=headers, media_type=XLSX_MEDIA_TYPE)


def routes(
    settings: Settings, runtime: Runtime, actor_of_header: HeaderActor, actor_of_token: TokenActor
) -> list[Route]:
    """The export routes, to go before the console's catch-all."""
    return StatisticsExports(settings, runtime, actor_of_header, actor_of_token).routes()


@dataclass(frozen=True)
class _Export(Generic[Row]):
    name: str
    columns: Sequence[Column[Row]]
    rows: AsyncIterator[Row]
    period: domain.Period


def _from_own_origin(request: Request) -> bool:
    # Browsers say where a request comes from; "same-site" is a sibling subdomain, another origin.
    # Without the header (an old browser, a script) SameSite=Strict still keeps other sites' pages out.
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


def _refusal(
    status: int, code: str, language: Language, parameter: str | None = None, **params: object
) -> JSONResponse:
    """An error as the API words them (``errors[].extensions.code``), with the parameter it is about."""
    message = error_message(code, language, **params)
    extensions: dict[str, object] = {"code": code}
    if parameter is not None:
        extensions["parameter"] = parameter
        message = f"{parameter}: {message}"
    return JSONResponse(
        {"errors": [{"message": message, "extensions": extensions}]},
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


# --- parameters -----------------------------------------------------------------------------


def _language(params: QueryParams, fallback: Language) -> Language:
    given = params.get("lang")
    if given is None:
        return fallback
    if given not in ("id", "en"):
        raise BadParameter("lang")
    return "en" if given == "en" else "id"


def _export_request(params: QueryParams, language: Language) -> ExportRequest:
    """The filters of the query string, as the ``statistics`` query's filter takes them."""
    seen: set[str] = set()
    for name, _ in params.multi_items():
        if name not in PARAMETERS or name in seen:
            raise BadParameter(name)
        seen.add(name)
    agency_id = None
    if (given_agency := params.get("agencyId")) is not None:
        agency_id = decode_id(given_agency, "Agency")
        if agency_id is None:
            raise BadParameter("agencyId")
    category = params.get("category")
    if category is not None and len(category.strip()) > domain.CATEGORY_MAX:
        raise BadParameter("category", "TOO_LONG", max=domain.CATEGORY_MAX)
    return ExportRequest(
        query=domain.StatisticsQuery(
            date_from=_date(params, "from"),
            date_to=_date(params, "to"),
            agency_id=agency_id,
            include_sub_units=_flag(params, "includeSubUnits", default=True),
            classification=_classification(params),
            category=category,
        ),
        language=language,
    )


def _date(params: QueryParams, name: str) -> date | None:
    given = params.get(name)
    if given is None:
        return None
    # fromisoformat alone would also take 20260301 and 2026-W09-1.
    if not ISO_DATE.fullmatch(given):
        raise BadParameter(name)
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise BadParameter(name) from None


def _flag(params: QueryParams, name: str, *, default: bool) -> bool:
    given = params.get(name)
    if given is None:
        return default
    if given not in ("true", "false"):
        raise BadParameter(name)
    return given == "true"


def _classification(params: QueryParams) -> Classification | None:
    given = params.get("classification")
    if given is None:
        return None
    try:
        return Classification(given)
    except ValueError:
        raise BadParameter("classification") from None


# --- writing --------------------------------------------------------------------------------


async def _listed(rows: Iterable[Row]) -> AsyncIterator[Row]:
    for row in rows:
        yield row


def csv_cells(columns: Sequence[Column[Row]], row: Row, language: Language, zone: ZoneInfo) -> list[str]:
    cells = []
    for column in columns:
        value = column.value(row, language)
        if value is None:
            cells.append("")
        elif column.kind is Kind.TEXT:
            cells.append(neutralized(str(value)))
        elif column.kind is Kind.TIME and isinstance(value, datetime):
            cells.append(value.astimezone(zone).isoformat(timespec="seconds"))
        elif column.kind is Kind.RATE and isinstance(value, float):
            cells.append(f"{value:.4f}")
        elif column.kind in (Kind.DAYS, Kind.SCORE) and isinstance(value, float | int):
            cells.append(f"{value:.2f}")
        else:
            cells.append(str(value))
    return cells


async def csv_chunks(
    header: list[str],
    columns: Sequence[Column[Row]],
    rows: AsyncIterator[Row],
    language: Language,
    zone: ZoneInfo,
) -> AsyncIterator[bytes]:
    """The CSV as the rows arrive: a chunk whenever ``CHUNK_CHARS`` of text are ready."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(header)
    async for row in rows:
        writer.writerow(csv_cells(columns, row, language, zone))
        if buffer.tell() >= CHUNK_CHARS:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


async def xlsx_file(
    sheet_name: str,
    header: list[str],
    columns: Sequence[Column[Row]],
    rows: AsyncIterator[Row],
    language: Language,
    zone: ZoneInfo,
) -> IO[bytes]:
    """The workbook in an unnamed temporary file (gone once closed), positioned at its end."""
    file = tempfile.TemporaryFile()
    try:
        # XlsxWriter keeps the rows written so far in a file of its own until the workbook closes: in a
        # folder of ours, removed also when the export fails half-way (the database gone, say).
        with tempfile.TemporaryDirectory(prefix="lapor-export-") as scratch:
            sheet = _XlsxSheet(file, scratch, sheet_name, header, columns)
            batch: list[list[Cell]] = []
            async for row in rows:
                batch.append(_xlsx_cells(columns, row, language, zone))
                if len(batch) >= XLSX_BATCH:
                    await run_in_threadpool(sheet.write_rows, batch)
                    batch = []
            await run_in_threadpool(sheet.write_rows, batch)
            await run_in_threadpool(sheet.close)
    except BaseException:
        file.close()
        raise
    return file


def _xlsx_cells(columns: Sequence[Column[Row]], row: Row, language: Language, zone: ZoneInfo) -> list[Cell]:
    cells = [column.value(row, language) for column in columns]
    # Excel has no time zones: local times, as the header says.
    return [
        cell.astimezone(zone).replace(tzinfo=None) if isinstance(cell, datetime) else cell for cell in cells
    ]


class _XlsxSheet:
    """One worksheet written row by row (XlsxWriter's constant_memory: a row is on disk once the next
    begins, and strings are stored inline rather than in a shared table that would grow)."""

    def __init__(
        self, file: IO[bytes], scratch: str, name: str, header: list[str], columns: Sequence[Column[Row]]
    ) -> None:
        self.workbook = xlsxwriter.Workbook(
            file,
            {
                "constant_memory": True,
                "tmpdir": scratch,
                # Cells are written by type below; never turn text into a formula, a number or a link.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.sheet = self.workbook.add_worksheet(name)
        self.kinds = [column.kind for column in columns]
        self.formats = {kind: self.workbook.add_format({"num_format": kind.value}) for kind in Kind}
        bold = self.workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        for index, column in enumerate(columns):
            self.sheet.set_column(index, index, column.width)
        self.sheet.freeze_panes(1, 0)
        for index, label in enumerate(header):
            self.sheet.write_string(0, index, label, bold)
        self.next_row = 1

    def write_rows(self, rows: Sequence[Sequence[Cell]]) -> None:
        for cells in rows:
            for index, (kind, cell) in enumerate(zip(self.kinds, cells, strict=True)):
                if cell is None:
                    continue
                if isinstance(cell, datetime):
                    self.sheet.write_datetime(self.next_row, index, cell, self.formats[kind])
                elif isinstance(cell, str):
                    self.sheet.write_string(self.next_row, index, cell)
                else:
                    self.sheet.write_number(self.next_row, index, cell, self.formats[kind])
            self.next_row += 1

    def close(self) -> None:
        self.workbook.close()


async def file_chunks(file: IO[bytes]) -> AsyncIterator[bytes]:
    """The file from its start, in pieces; closed (and so removed) at the end or on a disconnect."""
    try:
        file.seek(0)
        while chunk := await run_in_threadpool(file.read, CHUNK_BYTES):
            yield chunk
    finally:
        file.close()
