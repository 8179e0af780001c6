"""The statistics exports over HTTP: CSV and XLSX of the figures per agency (admins any agency,
liaisons their own), and of the reports behind them (admins only), with the ``statistics`` query's
filters, its authorization and its numbers; streamed, and safe to open in a spreadsheet.

Three reports on the first Monday of March 2026: one disposed to PU and answered the same day (met),
one disposed to DINKES and answered two weeks later (missed), its title written to start a formula,
and one nobody has disposed yet.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import openpyxl
import pytest

from lapor_gql.app import create_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db.models import Classification, Report, ReportFact
from lapor_gql.domain import reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import encode_id

from .conftest import START
from .world import PASSWORD, World, make_world

PERIOD = {"from": "2026-03-01", "to": "2026-03-31"}
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TITLE = '=HYPERLINK("http://evil.test","klik")'
STATISTICS = """
query ExportedStatistics($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    totals { ...Numbers }
    agencies { agency { code name } band rank figures { ...Numbers } }
  }
}
fragment Numbers on StatisticsFigures {
  received disposed followedUp closed autoClosed archived reopened
  notAuthorityRequested notAuthorityAccepted notAuthorityRejected openNow overdueNow escalated
  dispositions compliance { met missed pending withdrawn rate answerDays { median p90 } }
  satisfaction { closedNow rated shareRated average distribution { count } }
}
"""
# The figure columns after code, name, band and rank, as the statistics query names them.
NUMBERS = (
    "received disposed followedUp closed autoClosed archived reopened notAuthorityRequested "
    "notAuthorityAccepted notAuthorityRejected openNow overdueNow escalated dispositions"
).split()
COMPLIANCE = ("met", "missed", "pending", "withdrawn")
LOGIN = """
mutation Login($input: TokenCreateInput!) {
  tokenCreate(input: $input) { token errors { code } }
}
"""


@dataclass
class Stage:
    world: World
    met: Report
    missed: Report
    undisposed: Report


@pytest.fixture
async def world(db: None, clock: FakeClock) -> World:
    return await make_world(clock)


@pytest.fixture
async def stage(world: World, clock: FakeClock, runtime: Runtime) -> Stage:
    met = await reports.submit_report(
        runtime,
        world.budi.actor,
        reports.ReportDraft(
            title="Jalan berlubang di Pangkalpinang",
            body="Sudah sebulan.",
            classification=Classification.COMPLAINT,
            category="Jalan",
        ),
    )
    missed = await reports.submit_report(
        runtime,
        world.siti.actor,
        reports.ReportDraft(
            title=FORMULA_TITLE,
            body="Puskesmas tutup.",
            classification=Classification.ASPIRATION,
            category="Kesehatan",
        ),
    )
    undisposed = await reports.submit_report(
        runtime,
        world.budi.actor,
        reports.ReportDraft(title="Sekolah bocor", body="Atap.", classification=Classification.COMPLAINT),
    )
    await reports.dispose_report(runtime, world.admin.actor, met.id, world.pu.id, "")
    await reports.dispose_report(runtime, world.admin.actor, missed.id, world.dinkes.id, "")
    clock.advance(hours=2)
    await reports.follow_up_report(runtime, world.pu_liaison.actor, met.id, "Sedang diperbaiki.")
    clock.advance(days=14)
    await reports.follow_up_report(runtime, world.dinkes_liaison.actor, missed.id, "Sudah dibuka.")
    return Stage(world, met, missed, undisposed)


async def download(client: httpx.AsyncClient, path: str, token: str | None, **params: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.get(path, params=params, headers=headers)


def csv_rows(response: httpx.Response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM, so Excel reads the file as UTF-8"
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(response: httpx.Response) -> list[list[Any]]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def error_of(response: httpx.Response) -> dict[str, Any]:
    [error] = response.json()["errors"]
    return error["extensions"]


# --- the figures ----------------------------------------------------------------------------


async def test_an_admin_downloads_the_figures_as_csv_with_the_numbers_of_the_statistics_query(
    client: httpx.AsyncClient, gql, stage: Stage
) -> None:
    response = await download(client, "/exports/statistics.csv", stage.world.admin.token, **PERIOD)
    expected = (await gql(STATISTICS, {"filter": PERIOD}, stage.world.admin.token)).data["statistics"]

    assert response.status_code == 200
    assert response.headers["content-type"] == CSV_TYPE
    assert response.headers["content-disposition"] == (
        'attachment; filename="lapor-statistik-2026-03-01-2026-03-31.csv"'
    )
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    header, *agencies, totals = csv_rows(response)
    assert header[:6] == [
        "Kode instansi",
        "Nama instansi",
        "Zona kepatuhan",
        "Peringkat",
        "Diterima",
        "Terdisposisi",
    ]
    assert header[22:25] == [
        "Ketepatan waktu",
        "Median hari kerja ke tanggapan pertama",
        "P90 hari kerja ke tanggapan pertama",
    ]
    assert header[25:] == [
        "Selesai saat ini",
        "Dinilai",
        "Porsi dinilai",
        "Rata-rata penilaian",
        *(f"Penilaian {score}" for score in range(1, 6)),
    ]
    # Ranked: PU answered in time, DINKES late.
    assert [row[:4] for row in agencies] == [
        ["PU", "Dinas Pekerjaan Umum", "Hijau", "1"],
        ["DINKES", "Dinas Kesehatan", "Merah", "2"],
    ]
    assert totals[:4] == ["", "Jumlah", "", ""]
    for row, figures in zip(
        [*agencies, totals], [*(a["figures"] for a in expected["agencies"]), expected["totals"]], strict=True
    ):
        assert row[4:] == expected_cells(figures)
    assert totals[4] == "3"  # the undisposed report counts in the totals only


def expected_cells(figures: dict[str, Any]) -> list[str]:
    compliance = figures["compliance"]
    days = compliance["answerDays"]
    satisfaction = figures["satisfaction"]
    return [
        *(str(figures[name]) for name in NUMBERS),
        *(str(compliance[name]) for name in COMPLIANCE),
        "" if compliance["rate"] is None else f"{compliance['rate']:.4f}",
        *("" if days[name] is None else f"{days[name]:.2f}" for name in ("median", "p90")),
        str(satisfaction["closedNow"]),
        str(satisfaction["rated"]),
        "" if satisfaction["shareRated"] is None else f"{satisfaction['shareRated']:.4f}",
        "" if satisfaction["average"] is None else f"{satisfaction['average']:.2f}",
        *(str(entry["count"]) for entry in satisfaction["distribution"]),
    ]


async def test_the_xlsx_holds_the_same_figures_as_numbers(
    client: httpx.AsyncClient, gql, stage: Stage
) -> None:
    response = await download(client, "/exports/statistics.xlsx", stage.world.admin.token, **PERIOD)
    expected = (await gql(STATISTICS, {"filter": PERIOD}, stage.world.admin.token)).data["statistics"]

    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX_TYPE
    assert response.headers["content-disposition"].endswith(
        'filename="lapor-statistik-2026-03-01-2026-03-31.xlsx"'
    )
    assert int(response.headers["content-length"]) == len(response.content)
    header, pu, dinkes, totals = xlsx_rows(response)
    assert header[0] == "Kode instansi"
    assert pu[:5] == ["PU", "Dinas Pekerjaan Umum", "Hijau", 1, 1]
    assert dinkes[:4] == ["DINKES", "Dinas Kesehatan", "Merah", 2]
    assert totals[:4] == [None, "Jumlah", None, None]
    for row, figures in zip(
        [pu, dinkes, totals], [*(a["figures"] for a in expected["agencies"]), expected["totals"]], strict=True
    ):
        compliance = figures["compliance"]
        assert row[4:18] == [figures[name] for name in NUMBERS]
        assert row[18:22] == [compliance[name] for name in COMPLIANCE]
        # Excel keeps 15 significant digits.
        assert row[22] == pytest.approx(compliance["rate"])
        assert row[23:25] == pytest.approx(
            [compliance["answerDays"]["median"], compliance["answerDays"]["p90"]]
        )
        satisfaction = figures["satisfaction"]
        assert row[25:27] == [satisfaction["closedNow"], satisfaction["rated"]]
        assert row[27:29] == [satisfaction["shareRated"], satisfaction["average"]]
        assert row[29:] == [entry["count"] for entry in satisfaction["distribution"]]


async def test_headers_are_english_with_lang_en_or_an_english_accept_language(
    client: httpx.AsyncClient, stage: Stage
) -> None:
    by_parameter = await download(
        client, "/exports/statistics.csv", stage.world.admin.token, lang="en", **PERIOD
    )
    by_header = await client.get(
        "/exports/statistics.xlsx",
        params=PERIOD,
        headers={"Authorization": f"Bearer {stage.world.admin.token}", "Accept-Language": "en-GB,en;q=0.9"},
    )

    header, pu, _dinkes, totals = csv_rows(by_parameter)
    assert header[:5] == ["Agency code", "Agency name", "Compliance band", "Rank", "Received"]
    assert pu[2] == "Green" and totals[1] == "Total"
    assert xlsx_rows(by_header)[0][24:26] == ["P90 working days to first answer", "Closed now"]


async def test_the_filters_narrow_the_figures_as_in_the_statistics_query(
    client: httpx.AsyncClient, gql, stage: Stage
) -> None:
    narrowed = {**PERIOD, "agencyId": encode_id("Agency", stage.world.dinkes.id), "includeSubUnits": "false"}

    response = await download(client, "/exports/statistics.csv", stage.world.admin.token, **narrowed)
    by_classification = await download(
        client, "/exports/statistics.csv", stage.world.admin.token, classification="ASPIRATION", **PERIOD
    )
    by_category = await download(
        client, "/exports/statistics.csv", stage.world.admin.token, category="Jalan", **PERIOD
    )

    expected = (
        await gql(
            STATISTICS,
            {"filter": {**PERIOD, "agencyId": narrowed["agencyId"], "includeSubUnits": False}},
            stage.world.admin.token,
        )
    ).data["statistics"]
    _header, dinkes, totals = csv_rows(response)
    assert dinkes[0] == "DINKES"
    assert totals[4:] == expected_cells(expected["totals"])
    assert [row[0] for row in csv_rows(by_classification)[1:]] == ["DINKES", ""]
    assert [row[0] for row in csv_rows(by_category)[1:]] == ["PU", ""]


# --- the reports behind the figures ---------------------------------------------------------


async def test_an_admin_downloads_the_reports_behind_the_figures(
    client: httpx.AsyncClient, stage: Stage
) -> None:
    response = await download(client, "/exports/reports.csv", stage.world.admin.token, **PERIOD)

    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="lapor-laporan-2026-03-01-2026-03-31.csv"'
    )
    header, *rows = csv_rows(response)
    assert header[:3] == ["Nomor tiket", "Judul", "Klasifikasi"]
    assert "Dikirim (Asia/Jakarta)" in header
    assert [row[0] for row in rows] == [
        stage.met.tracking_number,
        stage.missed.tracking_number,
        stage.undisposed.tracking_number,
    ]
    met = dict(zip(header, rows[0], strict=True))
    assert met["Judul"] == "Jalan berlubang di Pangkalpinang"
    assert met["Klasifikasi"] == "Pengaduan"
    assert met["Kode instansi"] == "PU"
    assert met["Rahasia"] == "Tidak"
    # Local time with its offset: 08:00 UTC is 15:00 in Jakarta.
    assert met["Dikirim (Asia/Jakarta)"] == "2026-03-02T15:00:00+07:00"
    assert met["Penilaian pelapor"] == ""  # not rated (tests/test_rating.py rates some)
    assert dict(zip(header, rows[2], strict=True))["Kode instansi"] == ""


async def test_the_reports_export_applies_the_filters(client: httpx.AsyncClient, stage: Stage) -> None:
    pu = encode_id("Agency", stage.world.pu.id)

    by_agency = await download(client, "/exports/reports.csv", stage.world.admin.token, agencyId=pu, **PERIOD)
    by_classification = await download(
        client,
        "/exports/reports.xlsx",
        stage.world.admin.token,
        classification="ASPIRATION",
        lang="en",
        **PERIOD,
    )
    before = await download(
        client, "/exports/reports.csv", stage.world.admin.token, **{"from": "2026-02-01", "to": "2026-02-28"}
    )

    assert [row[0] for row in csv_rows(by_agency)[1:]] == [stage.met.tracking_number]
    header, *rows = xlsx_rows(by_classification)
    assert [row[0] for row in rows] == [stage.missed.tracking_number]
    missed = dict(zip(header, rows[0], strict=True))
    assert missed["Classification"] == "Aspiration"
    assert missed["Title"] == FORMULA_TITLE  # a text cell: XLSX never reads it as a formula
    assert missed["Submitted (Asia/Jakarta)"].isoformat() == "2026-03-02T15:00:00"
    assert csv_rows(before)[1:] == []


async def test_text_that_would_start_a_formula_is_neutralised_in_csv(
    client: httpx.AsyncClient, stage: Stage, runtime: Runtime
) -> None:
    await reports.submit_report(
        runtime,
        stage.world.budi.actor,
        reports.ReportDraft(
            title="+62 812 hubungi saya",
            body="-",
            classification=Classification.COMPLAINT,
            category="@kategori",
        ),
    )

    response = await download(client, "/exports/reports.csv", stage.world.admin.token, **PERIOD)

    titles = {row[1]: row[3] for row in csv_rows(response)[1:]}
    assert titles["'" + FORMULA_TITLE] == "Kesehatan"
    assert titles["'+62 812 hubungi saya"] == "'@kategori"
    assert "Jalan berlubang di Pangkalpinang" in titles


# --- who may download -----------------------------------------------------------------------


async def test_a_liaison_gets_only_their_own_agencys_figures(client: httpx.AsyncClient, stage: Stage) -> None:
    response = await download(client, "/exports/statistics.csv", stage.world.pu_liaison.token, **PERIOD)

    _header, pu, totals = csv_rows(response)
    assert pu[:4] == ["PU", "Dinas Pekerjaan Umum", "Hijau", "1"]
    assert totals[4] == "1"


async def test_a_liaison_may_not_ask_for_another_agency(client: httpx.AsyncClient, world: World) -> None:
    dinkes = encode_id("Agency", world.dinkes.id)

    for path in ("/exports/statistics.csv", "/exports/statistics.xlsx"):
        response = await download(client, path, world.pu_liaison.token, agencyId=dinkes, **PERIOD)

        assert response.status_code == 403, path
        assert error_of(response) == {"code": "FORBIDDEN"}
        assert response.headers["cache-control"] == "no-store"


# Who may download which export: admins every one; liaisons the figures; nobody else anything.
WHO_MAY = {
    "admin": {"statistics", "reports"},
    "pu_liaison": {"statistics"},
    "analyst": set(),
    "budi": set(),
}


async def test_only_admins_and_liaisons_download(client: httpx.AsyncClient, world: World) -> None:
    for person, allowed in WHO_MAY.items():
        for export in ("statistics", "reports"):
            for file_format in ("csv", "xlsx"):
                path = f"/exports/{export}.{file_format}"
                response = await download(client, path, world.people[person].token, **PERIOD)

                if export in allowed:
                    assert response.status_code == 200, (person, path)
                else:
                    assert response.status_code == 403, (person, path)
                    assert error_of(response) == {"code": "FORBIDDEN"}


async def test_without_a_valid_token_the_answer_is_401(client: httpx.AsyncClient, world: World) -> None:
    for path in ("/exports/statistics.csv", "/exports/reports.xlsx"):
        anonymous = await client.get(path, params=PERIOD)
        forged = await download(client, path, "not-a-token", **PERIOD)
        not_bearer = await client.get(
            path, params=PERIOD, headers={"Authorization": f"Basic {world.admin.token}"}
        )

        assert anonymous.status_code == 401, path
        assert error_of(anonymous) == {"code": "UNAUTHENTICATED"}
        assert anonymous.json()["errors"][0]["message"] == "Silakan masuk terlebih dahulu."
        assert forged.status_code == not_bearer.status_code == 401
        assert error_of(forged) == error_of(not_bearer) == {"code": "TOKEN_INVALID"}


async def test_the_console_session_cookie_downloads_from_the_consoles_own_pages(
    client: httpx.AsyncClient, stage: Stage
) -> None:
    login = await client.post(
        "/graphql",
        content=json.dumps(
            {
                "query": LOGIN,
                "variables": {"input": {"email": "admin@lapor.test", "password": PASSWORD, "cookie": True}},
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    assert login.status_code == 200 and "lapor_session" in client.cookies

    # A link on the console's page: a GET with the cookies and no CSRF header.
    from_the_console = await client.get(
        "/exports/statistics.csv", params=PERIOD, headers={"Sec-Fetch-Site": "same-origin"}
    )
    typed_in = await client.get("/exports/reports.csv", params=PERIOD, headers={"Sec-Fetch-Site": "none"})
    from_a_sibling_site = await client.get(
        "/exports/reports.csv", params=PERIOD, headers={"Sec-Fetch-Site": "same-site"}
    )

    assert from_the_console.status_code == typed_in.status_code == 200
    assert from_a_sibling_site.status_code == 401
    assert error_of(from_a_sibling_site) == {"code": "UNAUTHENTICATED"}


async def test_a_session_cookie_that_is_no_longer_valid_is_cleared(
    client: httpx.AsyncClient, world: World
) -> None:
    client.cookies.set("lapor_session", "ended-long-ago")

    response = await client.get("/exports/statistics.csv", params=PERIOD)

    assert response.status_code == 401
    assert error_of(response) == {"code": "TOKEN_INVALID"}
    assert any(
        cookie.startswith("lapor_session=") and "Max-Age=0" in cookie
        for cookie in response.headers.get_list("set-cookie")
    )


# --- parameters -----------------------------------------------------------------------------


# Each bad query string, and the error code and parameter it is answered with (HTTP 400).
BAD_PARAMETERS = [
    ({"from": "2026-02-30"}, "INVALID", "from"),
    ({"from": "20260301"}, "INVALID", "from"),
    ({"to": "maret"}, "INVALID", "to"),
    ({"from": "2026-03-31", "to": "2026-03-01"}, "INVALID", "to"),
    ({"from": "1999-12-31"}, "INVALID", "from"),
    ({"agencyId": "bukan-id"}, "INVALID", "agencyId"),
    ({"agencyId": encode_id("User", 1)}, "INVALID", "agencyId"),
    ({"agencyId": encode_id("Agency", 999_999)}, "NOT_FOUND", "agencyId"),
    ({"includeSubUnits": "ya"}, "INVALID", "includeSubUnits"),
    ({"classification": "complaint"}, "INVALID", "classification"),
    ({"category": "x" * 101}, "TOO_LONG", "category"),
    ({"lang": "fr"}, "INVALID", "lang"),
    ({"agency_id": "1"}, "INVALID", "agency_id"),
]


async def test_a_bad_parameter_is_a_400_naming_it(client: httpx.AsyncClient, world: World) -> None:
    for params, code, parameter in BAD_PARAMETERS:
        for path in ("/exports/statistics.csv", "/exports/reports.xlsx"):
            response = await download(client, path, world.admin.token, **params)

            assert response.status_code == 400, (path, params)
            assert error_of(response) == {"code": code, "parameter": parameter}, (path, params)
            assert response.json()["errors"][0]["message"].startswith(f"{parameter}: ")


async def test_a_repeated_parameter_is_refused(client: httpx.AsyncClient, world: World) -> None:
    response = await client.get(
        "/exports/reports.csv?from=2026-03-01&from=2026-02-01",
        headers={"Authorization": f"Bearer {world.admin.token}"},
    )

    assert response.status_code == 400
    assert error_of(response) == {"code": "INVALID", "parameter": "from"}


async def test_the_consoles_history_routing_leaves_the_exports_path_alone(client: httpx.AsyncClient) -> None:
    response = await client.get("/exports/unknown")

    assert response.status_code == 404


# --- streaming ------------------------------------------------------------------------------

MANY = 3000


async def test_a_large_export_streams_in_many_chunks(world: World, runtime: Runtime) -> None:
    await seed_reports(MANY, world.pu.id)
    app = create_app(Settings.from_environment(), runtime, manage_database=False)

    csv_start, csv_chunks = await asgi_get(app, "/exports/reports.csv", world.admin.token)
    xlsx_start, xlsx_chunks = await asgi_get(app, "/exports/reports.xlsx", world.admin.token)

    assert csv_start["status"] == xlsx_start["status"] == 200
    assert len(csv_chunks) > 5, "sent as the rows arrive, not in one piece"
    rows = list(csv.reader(io.StringIO(b"".join(csv_chunks).decode("utf-8-sig"))))
    assert len(rows) == MANY + 1
    assert rows[-1][1] == f"Laporan {MANY - 1}"
    assert len(xlsx_chunks) > 1
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_chunks)), read_only=True)
    assert workbook.worksheets[0].max_row == MANY + 1


async def seed_reports(count: int, agency_id: int) -> None:
    """Reports and their facts written directly: the export reads only these two tables."""
    at = START
    await Report.bulk_create(
        [
            Report(
                tracking_number=f"LPR-2026-{index:06d}",
                title=f"Laporan {index}",
                body="-",
                classification=Classification.COMPLAINT.value,
                status="DISPOSED",
                agency_id=agency_id,
                created_at=at,
                updated_at=at,
            )
            for index in range(count)
        ],
        batch_size=500,
    )
    ids = (
        await Report.filter(tracking_number__startswith="LPR-2026-")
        .order_by("id")
        .values_list("id", flat=True)
    )
    await ReportFact.bulk_create(
        [
            ReportFact(
                report_id=report_id,
                agency_id=agency_id,
                classification=Classification.COMPLAINT.value,
                status="DISPOSED",
                submitted_at=at,
                submitted_on=(at + timedelta(hours=7)).date(),
                submitted_month=202603,
                first_disposed_at=at,
                days_to_disposition=0.25,
            )
            for report_id in ids
        ],
        batch_size=500,
    )


async def asgi_get(app: Any, path: str, token: str) -> tuple[dict[str, Any], list[bytes]]:
    """Call the app as a server would and keep each body message, which httpx would join."""
    query = "&".join(f"{name}={value}" for name, value in PERIOD.items())
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", b"lapor.test"), (b"authorization", f"Bearer {token}".encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("lapor.test", 80),
    }
    start: dict[str, Any] = {}
    chunks: list[bytes] = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]
    done = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if requests:
            return requests.pop()
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["body"]:
            chunks.append(message["body"])

    await app(scope, receive, send)
    done.set()
    return start, chunks
