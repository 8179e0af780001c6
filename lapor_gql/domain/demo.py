"""Demo data for Provinsi Kepulauan Bangka Belitung.

Reports are driven through the real commands on a clock that starts weeks ago, so every status,
deadline and audit entry is one the lifecycle itself produced.

Every demo account shares ``DEMO_PASSWORD``, which the README publishes: demo data belongs in
development only, and a production server refuses to start while an account still holds it.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tortoise.expressions import Q

from lapor_gql.clock import FakeClock, system_clock
from lapor_gql.config import Settings
from lapor_gql.db.models import Agency, Classification, Report, Role, User

from . import reports
from .accounts import hash_password, password_matches
from .actors import Actor
from .calendar import import_holidays_ics
from .processes import Runtime

DEMO_PASSWORD = "Lapor!2026"
"""Published in the README; never to be held by an account outside development."""
# Story time for the demo clock, not deadlines: those come from the diagram.
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)

AGENCIES = [
    (
        "PU",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Jl. Pulau Bangka, Air Itam, Pangkalpinang",
        "pu@babelprov.go.id",
    ),
    ("DINKES", "Dinas Kesehatan", "Jl. Pulau Bangka, Air Itam, Pangkalpinang", "dinkes@babelprov.go.id"),
    ("DINDIK", "Dinas Pendidikan", "Jl. Pulau Bangka, Air Itam, Pangkalpinang", "dindik@babelprov.go.id"),
]

USERS = [
    ("Admin Diskominfo Babel", "admin@lapor.babelprov.go.id", Role.ADMIN, None),
    ("Analis Proses", "analyst@lapor.babelprov.go.id", Role.ANALYST, None),
    ("Penghubung Dinas PU", "pu@lapor.babelprov.go.id", Role.LIAISON, "PU"),
    ("Penghubung Dinas Kesehatan", "dinkes@lapor.babelprov.go.id", Role.LIAISON, "DINKES"),
    ("Penghubung Dinas Pendidikan", "dindik@lapor.babelprov.go.id", Role.LIAISON, "DINDIK"),
    ("Budi Santoso", "budi@example.id", Role.CITIZEN, None),
    ("Siti Aminah", "siti@example.id", Role.CITIZEN, None),
]


async def accounts_holding_demo_password() -> list[str]:
    """The e-mails of active accounts that still log in with ``DEMO_PASSWORD``, in creation order.

    Checked: the demo's own addresses, and every admin and analyst, whose accounts could do the most
    harm. Not every citizen and liaison: argon2 takes ~100 ms per account on purpose.
    """
    demo_emails = [email for _, email, _, _ in USERS]
    candidates = await User.filter(
        Q(email__in=demo_emails) | Q(role__in=[Role.ADMIN.value, Role.ANALYST.value]), is_active=True
    ).order_by("id")

    def still_demo() -> list[str]:
        return [user.email for user in candidates if password_matches(user.password_hash, DEMO_PASSWORD)]

    # Off the event loop: the check may run while a server is already answering.
    return await asyncio.to_thread(still_demo)


class DemoPasswordInUse(RuntimeError):
    """Outside development, accounts still hold the published demo password: do not serve."""

    def __init__(self, emails: list[str]) -> None:
        super().__init__(
            "refusing to start: these accounts still use the demo password published in the README: "
            f"{', '.join(emails)}. Change their passwords first (passwordChange, e.g. on a development "
            "server bound to 127.0.0.1), or deactivate the accounts that are not admins."
        )
        self.emails = emails


async def refuse_demo_password_outside_development(settings: Settings) -> None:
    """Raise ``DemoPasswordInUse`` when a non-development server would serve a known password."""
    if settings.is_development:
        return
    exposed = await accounts_holding_demo_password()
    if exposed:
        raise DemoPasswordInUse(exposed)


async def seed_demo_data() -> bool:
    """Seed an empty database; returns False and touches nothing if any user exists."""
    if await User.exists():
        return False
    # The shipped holiday calendars (national holidays and cuti bersama), so deadlines skip them.
    for path in sorted((Settings.from_environment().workflows_dir / "calendars").glob("*.ics")):
        await import_holidays_ics(path.read_bytes(), None, None)
    province = await Agency.create(code="BABEL", name="Pemerintah Provinsi Kepulauan Bangka Belitung")
    agencies: dict[str, Agency] = {}
    for code, name, address, email in AGENCIES:
        agencies[code] = await Agency.create(
            code=code, name=name, parent=province, address=address, email=email
        )
    password_hash = hash_password(DEMO_PASSWORD)
    people: dict[str, Actor] = {}
    for name, email, role, agency_code in USERS:
        agency = agencies[agency_code] if agency_code else None
        user = await User.create(
            name=name, email=email, role=role.value, agency=agency, password_hash=password_hash
        )
        people[email.split("@")[0]] = Actor(user.id, role, agency.id if agency else None)

    # The story below spans 21 days; it must end before "now", or some of its events (and queued
    # notifications) would be dated in the future.
    clock = FakeClock(system_clock() - 23 * DAY)
    rt = Runtime(clock=clock)
    admin, pu, dinkes, dindik = people["admin"], people["pu"], people["dinkes"], people["dindik"]
    budi, siti = people["budi"], people["siti"]

    async def submit(who: Actor, title: str, body: str, **extra: object) -> Report:
        draft = reports.ReportDraft(
            title=title,
            body=body,
            classification=extra.pop("classification", Classification.COMPLAINT),  # type: ignore[arg-type]
            category=str(extra.pop("category", "Infrastruktur")),
            location_text=str(extra.pop("location", "Pangkalpinang")),
            incident_date=extra.pop("incident_date", clock().date() - 2 * DAY),  # type: ignore[arg-type]
            **extra,  # type: ignore[arg-type]
        )
        return await reports.submit_report(rt, who, draft)

    # Twenty days ago: reports that have long since moved on.
    closed = await submit(
        siti,
        "Lampu jalan padam di Jl. Jenderal Sudirman",
        "Sudah dua minggu lampu jalan padam, rawan kecelakaan malam hari.",
    )
    await reports.dispose_report(rt, admin, closed.id, agencies["PU"].id, "Mohon dicek ke lapangan.")
    clock.advance(1 * DAY)
    await reports.follow_up_report(rt, pu, closed.id, "Tim sudah mengganti lampu pada 5 titik.")
    await reports.close_report(rt, pu, closed.id, "Lampu sudah menyala kembali.")

    auto_closed = await submit(
        budi,
        "Kekurangan guru di SDN 12 Sungailiat",
        "Satu guru mengajar dua kelas sekaligus.",
        category="Pendidikan",
        location="Sungailiat",
    )
    await reports.dispose_report(rt, admin, auto_closed.id, agencies["DINDIK"].id, "")
    clock.advance(1 * DAY)
    await reports.follow_up_report(
        rt, dindik, auto_closed.id, "Guru tambahan dijadwalkan mulai semester depan."
    )

    archived = await submit(
        siti,
        "Saran umum",
        "Pemerintah harus lebih baik.",
        classification=Classification.ASPIRATION,
        category="Lainnya",
    )
    await reports.archive_report(rt, admin, archived.id, "Masukan terlalu umum untuk ditindaklanjuti.")

    clock.advance(8 * DAY)
    overdue = await submit(
        siti,
        "Antrean panjang di Puskesmas Girimaya",
        "Pasien menunggu lebih dari 4 jam.",
        category="Kesehatan",
        is_anonymous=True,
    )
    await reports.dispose_report(
        rt, admin, overdue.id, agencies["DINKES"].id, "Mohon segera ditindaklanjuti."
    )

    not_authority = await submit(
        budi,
        "Saluran air tersumbat di Kelurahan Bukit Intan",
        "Air meluap ke jalan setiap hujan.",
        category="Infrastruktur",
    )
    await reports.dispose_report(rt, admin, not_authority.id, agencies["DINKES"].id, "")
    await reports.request_not_authority(
        rt, dinkes, not_authority.id, "Drainase adalah kewenangan Dinas PU.", agencies["PU"].id
    )

    clock.advance(5 * DAY)
    on_hold = await submit(
        budi, "Pungutan di sekolah", "Ada pungutan seragam yang tidak jelas.", category="Pendidikan"
    )
    await reports.hold_report(rt, admin, on_hold.id, "Menunggu bukti kuitansi dari pelapor.")

    conversation = await submit(
        siti,
        "Jembatan rusak di Desa Kemuja",
        "Papan jembatan lapuk dan berlubang.",
        location="Mendo Barat, Bangka",
    )
    await reports.dispose_report(rt, admin, conversation.id, agencies["PU"].id, "")
    clock.advance(1 * DAY)
    await reports.follow_up_report(rt, pu, conversation.id, "Perbaikan masuk anggaran perubahan tahun ini.")
    await reports.reply_to_report(rt, siti, conversation.id, "Kapan tepatnya? Anak-anak lewat setiap hari.")

    clock.advance(4 * DAY)
    confidential = await submit(
        siti,
        "Dugaan pungli izin praktik",
        "Petugas meminta uang tambahan untuk izin praktik bidan.",
        category="Kesehatan",
        is_confidential=True,
    )
    await reports.dispose_report(
        rt, admin, confidential.id, agencies["DINKES"].id, "Rahasia: tangani dengan hati-hati."
    )
    await reports.follow_up_report(rt, dinkes, confidential.id, "Inspektorat sudah kami libatkan.")

    in_progress = await submit(
        budi,
        "Bantuan seragam belum diterima",
        "Bantuan seragam gratis belum sampai ke SMPN 2 Koba.",
        category="Pendidikan",
        location="Koba, Bangka Tengah",
    )
    await reports.dispose_report(rt, admin, in_progress.id, agencies["DINDIK"].id, "")
    await reports.follow_up_report(
        rt, dindik, in_progress.id, "Distribusi tahap dua dijadwalkan minggu depan."
    )

    clock.advance(1 * DAY)
    disposed = await submit(
        budi,
        "Jalan berlubang di Jl. Soekarno-Hatta",
        "Lubang besar dekat simpang, sudah ada pengendara jatuh.",
        latitude=-2.1291,
        longitude=106.1138,
        incident_date=clock().date() - 3 * DAY,
    )
    await reports.dispose_report(
        rt, admin, disposed.id, agencies["PU"].id, "Prioritas: membahayakan pengendara."
    )

    await submit(
        siti,
        "Informasi jadwal vaksinasi anak",
        "Di mana jadwal imunisasi anak bulan ini?",
        classification=Classification.INFORMATION_REQUEST,
        category="Kesehatan",
    )
    clock.set(system_clock() - 2 * HOUR)
    await submit(
        budi, "Sampah menumpuk di Pasar Pagi", "Sampah tidak diangkut selama seminggu.", category="Lingkungan"
    )

    # Now: let every deadline that passed in the meantime do what the diagram says.
    clock.set(system_clock())
    await reports.fire_due_timers(rt)
    return True
