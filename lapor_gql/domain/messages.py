"""The words of a notification e-mail: Indonesian first, the same in English below it.

Everything shown comes from the notification's payload (tracking number, title, status, deadline,
step label and the diagram's own labels of the step, ``stepLabels``), written when the row was
queued, plus the recipient's name. The payload never carries internal notes, messages or reporter
identities, so nothing here can leak them; keep it that way.
The subject names only the tracking number, never the title: subjects show up in previews and lists
where a confidential report's title has no business.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from .actions import labels_from
from .labels import Language, action_label, status_label

Audience = Literal["reporter", "officer"]
"""Who reads it: the reporter of the report, or an officer (the agency's liaison, an admin)."""

SERVICE_NAME = "LAPOR!"
# Indonesian first: the service's language; English below it for everyone else.
LANGUAGES: tuple[Language, ...] = ("id", "en")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


@dataclass(frozen=True)
class _Text:
    subject: str
    lead: str


# kind → audience → language → text. ``{tracking}`` and ``{step}`` are filled in. A kind whose
# audiences read the same text lists it under both; the diagram decides who receives a kind, so
# every kind has both variants and a diagram that notifies someone new still reads sensibly.
_TEXTS: dict[str, dict[Audience, dict[Language, _Text]]] = {}


def _define(kind: str, reporter: tuple[_Text, _Text], officer: tuple[_Text, _Text] | None = None) -> None:
    officer = officer or reporter
    _TEXTS[kind] = {
        "reporter": {"id": reporter[0], "en": reporter[1]},
        "officer": {"id": officer[0], "en": officer[1]},
    }


_define(
    "submitted",
    (
        _Text(
            "Laporan {tracking} telah diterima",
            "Terima kasih, laporan Anda telah kami terima dan akan diverifikasi oleh admin. Simpan "
            "nomor laporan di bawah ini untuk memantau perkembangannya.",
        ),
        _Text(
            "Report {tracking} received",
            "Thank you, we have received your report; an administrator will verify it. Keep the "
            "tracking number below to follow its progress.",
        ),
    ),
    (
        _Text("Laporan baru {tracking}", "Laporan baru telah masuk dan menunggu verifikasi."),
        _Text("New report {tracking}", "A new report has arrived and awaits verification."),
    ),
)
_define(
    "dispose",
    (
        _Text(
            "Laporan {tracking} diteruskan ke instansi berwenang",
            "Laporan Anda telah diverifikasi dan diteruskan kepada instansi yang berwenang untuk "
            "ditindaklanjuti.",
        ),
        _Text(
            "Report {tracking} forwarded to the responsible agency",
            "Your report has been verified and forwarded to the responsible agency for follow-up.",
        ),
    ),
    (
        _Text(
            "Disposisi laporan {tracking} untuk instansi Anda",
            "Laporan berikut telah didisposisikan ke instansi Anda. Mohon ditindaklanjuti sebelum "
            "batas waktu.",
        ),
        _Text(
            "Report {tracking} disposed to your agency",
            "The report below has been disposed to your agency. Please follow it up before the deadline.",
        ),
    ),
)
_define(
    "hold",
    (
        _Text(
            "Laporan {tracking} ditunda",
            "Laporan Anda untuk sementara ditunda. Keterangan dari admin dapat dilihat pada riwayat laporan.",
        ),
        _Text(
            "Report {tracking} on hold",
            "Your report has been put on hold for now. The administrator's explanation is in the "
            "report's timeline.",
        ),
    ),
    (
        _Text("Laporan {tracking} ditunda", "Laporan berikut ditunda."),
        _Text("Report {tracking} on hold", "The report below has been put on hold."),
    ),
)
_define(
    "resume",
    (
        _Text(
            "Laporan {tracking} dilanjutkan",
            "Laporan Anda dilanjutkan dan kembali menunggu verifikasi.",
        ),
        _Text("Report {tracking} resumed", "Your report has been resumed and awaits verification again."),
    ),
    (
        _Text("Laporan {tracking} dilanjutkan", "Laporan berikut dilanjutkan dan menunggu verifikasi."),
        _Text("Report {tracking} resumed", "The report below has been resumed and awaits verification."),
    ),
)
_define(
    "archive",
    (
        _Text(
            "Laporan {tracking} diarsipkan",
            "Laporan Anda diarsipkan dan tidak ditindaklanjuti lebih lanjut. Alasannya dapat dilihat "
            "pada riwayat laporan.",
        ),
        _Text(
            "Report {tracking} archived",
            "Your report has been archived and will not be followed up further. The reason is in the "
            "report's timeline.",
        ),
    ),
    (
        _Text("Laporan {tracking} diarsipkan", "Laporan berikut diarsipkan."),
        _Text("Report {tracking} archived", "The report below has been archived."),
    ),
)
_define(
    "follow_up",
    (
        _Text(
            "Tindak lanjut atas laporan {tracking}",
            "Instansi yang menangani telah menindaklanjuti laporan Anda. Silakan baca tanggapannya "
            "dan balas bila perlu.",
        ),
        _Text(
            "Follow-up on report {tracking}",
            "The agency handling your report has responded. Please read the response and reply if needed.",
        ),
    ),
    (
        _Text("Tindak lanjut atas laporan {tracking}", "Laporan berikut telah ditindaklanjuti."),
        _Text("Follow-up on report {tracking}", "The report below has been followed up."),
    ),
)
_define(
    "reply",
    (
        _Text(
            "Tanggapan Anda atas laporan {tracking} terkirim",
            "Tanggapan Anda telah diteruskan kepada instansi yang menangani.",
        ),
        _Text(
            "Your reply on report {tracking} was sent",
            "Your reply has been passed on to the agency handling the report.",
        ),
    ),
    (
        _Text(
            "Tanggapan pelapor atas laporan {tracking}",
            "Pelapor menanggapi tindak lanjut instansi Anda. Mohon dijawab sebelum batas waktu.",
        ),
        _Text(
            "The reporter replied on report {tracking}",
            "The reporter has replied to your agency's follow-up. Please answer before the deadline.",
        ),
    ),
)
_define(
    "request_not_authority",
    (
        _Text(
            "Laporan {tracking} sedang ditinjau ulang",
            "Instansi yang menangani menyatakan laporan Anda bukan wewenangnya. Admin akan memutuskan "
            "instansi yang tepat.",
        ),
        _Text(
            "Report {tracking} is being reviewed",
            "The agency handling your report says it is not its authority. An administrator will decide "
            "which agency is right.",
        ),
    ),
    (
        _Text(
            "Pengajuan bukan wewenang atas laporan {tracking}",
            "Instansi yang menangani mengajukan bahwa laporan ini bukan wewenangnya. Mohon diputuskan.",
        ),
        _Text(
            "Not-our-authority request on report {tracking}",
            "The agency handling this report says it is not its authority. Please decide on the request.",
        ),
    ),
)
_define(
    "resolve_not_authority",
    (
        _Text(
            "Laporan {tracking} telah ditinjau ulang",
            "Admin telah memutuskan instansi yang menangani laporan Anda.",
        ),
        _Text(
            "Report {tracking} has been reviewed",
            "An administrator has decided which agency handles your report.",
        ),
    ),
    (
        _Text(
            "Keputusan pengajuan bukan wewenang: laporan {tracking}",
            "Pengajuan bukan wewenang atas laporan ini telah diputuskan, dan laporan kini ditangani "
            "instansi Anda. Mohon ditindaklanjuti sebelum batas waktu.",
        ),
        _Text(
            "Not-our-authority request decided: report {tracking}",
            "The not-our-authority request on this report has been decided, and the report is now with "
            "your agency. Please follow it up before the deadline.",
        ),
    ),
)
_define(
    "close",
    (
        _Text(
            "Laporan {tracking} selesai",
            "Laporan Anda telah dinyatakan selesai oleh instansi yang menangani. Keterangan "
            "penyelesaiannya dapat dilihat pada riwayat laporan.",
        ),
        _Text(
            "Report {tracking} closed",
            "The agency handling your report has closed it. Its resolution is in the report's timeline.",
        ),
    ),
    (
        _Text("Laporan {tracking} selesai", "Laporan berikut telah dinyatakan selesai."),
        _Text("Report {tracking} closed", "The report below has been closed."),
    ),
)
_define(
    "reopen",
    (
        _Text(
            "Laporan {tracking} dibuka kembali",
            "Laporan Anda dibuka kembali dan akan ditindaklanjuti lagi oleh instansi yang menangani.",
        ),
        _Text(
            "Report {tracking} reopened",
            "Your report has been reopened and will be followed up again by the agency handling it.",
        ),
    ),
    (
        _Text(
            "Laporan {tracking} dibuka kembali",
            "Laporan berikut dibuka kembali. Mohon ditindaklanjuti sebelum batas waktu.",
        ),
        _Text(
            "Report {tracking} reopened",
            "The report below has been reopened. Please follow it up before the deadline.",
        ),
    ),
)
_define(
    "VERIFICATION_OVERDUE",
    (
        _Text(
            "Laporan {tracking} belum diverifikasi",
            "Batas waktu verifikasi laporan Anda telah terlampaui; admin telah diingatkan.",
        ),
        _Text(
            "Report {tracking} not yet verified",
            "The verification deadline of your report has passed; the administrators have been reminded.",
        ),
    ),
    (
        _Text(
            "Batas waktu verifikasi laporan {tracking} terlampaui",
            "Batas waktu verifikasi laporan ini telah terlampaui. Mohon segera diverifikasi dan "
            "didisposisikan.",
        ),
        _Text(
            "Verification deadline passed: report {tracking}",
            "The verification deadline of this report has passed. Please verify and dispose it.",
        ),
    ),
)
_define(
    "ESCALATED",
    (
        _Text(
            "Laporan {tracking} dieskalasi",
            "Batas waktu tindak lanjut laporan Anda telah terlampaui, dan laporan dieskalasi kepada admin.",
        ),
        _Text(
            "Report {tracking} escalated",
            "The follow-up deadline of your report has passed, and it has been escalated to the "
            "administrators.",
        ),
    ),
    (
        _Text(
            "Eskalasi: batas waktu laporan {tracking} terlampaui",
            "Batas waktu tindak lanjut laporan ini telah terlampaui, dan laporan dieskalasi. Mohon "
            "segera ditindaklanjuti.",
        ),
        _Text(
            "Escalated: the deadline of report {tracking} has passed",
            "The follow-up deadline of this report has passed, and it has been escalated. Please follow "
            "it up without delay.",
        ),
    ),
)
_define(
    "FOLLOW_UP_REMINDER",
    (
        _Text(
            "Pengingat: laporan {tracking}",
            "Batas waktu tindak lanjut laporan Anda segera tiba.",
        ),
        _Text("Reminder: report {tracking}", "The follow-up deadline of your report is near."),
    ),
    (
        _Text(
            "Pengingat: batas waktu laporan {tracking} segera tiba",
            "Batas waktu tindak lanjut laporan ini segera tiba. Mohon ditindaklanjuti sebelum batas waktu.",
        ),
        _Text(
            "Reminder: the deadline of report {tracking} is near",
            "The follow-up deadline of this report is near. Please follow it up before the deadline.",
        ),
    ),
)
_define(
    "AUTO_CLOSED",
    (
        _Text(
            "Laporan {tracking} selesai otomatis",
            "Laporan Anda ditutup otomatis karena tidak ada tanggapan dari Anda dalam batas waktu yang "
            "ditentukan.",
        ),
        _Text(
            "Report {tracking} closed automatically",
            "Your report has been closed automatically because we had no reply from you in time.",
        ),
    ),
    (
        _Text(
            "Laporan {tracking} selesai otomatis",
            "Laporan berikut ditutup otomatis karena pelapor tidak menanggapi dalam batas waktu.",
        ),
        _Text(
            "Report {tracking} closed automatically",
            "The report below was closed automatically: the reporter did not reply in time.",
        ),
    ),
)
# A kind nobody wrote words for (an analyst's own audit code): named by its step label.
_define(
    "",
    (
        _Text(
            "Perkembangan laporan {tracking}: {step}",
            "Ada perkembangan pada laporan Anda: {step}.",
        ),
        _Text("Update on report {tracking}: {step}", "There is an update on your report: {step}."),
    ),
    (
        _Text("Perkembangan laporan {tracking}: {step}", "Ada perkembangan pada laporan berikut: {step}."),
        _Text("Update on report {tracking}: {step}", "There is an update on the report below: {step}."),
    ),
)

KNOWN_KINDS = frozenset(kind for kind in _TEXTS if kind)

_FIELD_NAMES: dict[Language, dict[str, str]] = {
    "id": {
        "greeting": "Yth. {name},",
        "tracking": "Nomor laporan",
        "title": "Judul",
        "status": "Status",
        "deadline": "Batas waktu",
        "when": "Waktu",
        "footer": (
            "Pesan ini dikirim otomatis oleh {service}; mohon tidak membalas e-mail ini. Sebutkan nomor "
            "laporan bila menghubungi kami."
        ),
    },
    "en": {
        "greeting": "Dear {name},",
        "tracking": "Tracking number",
        "title": "Title",
        "status": "Status",
        "deadline": "Deadline",
        "when": "Time",
        "footer": (
            "This message was sent automatically by {service}; please do not reply to this e-mail. Quote "
            "the tracking number when you contact us."
        ),
    },
}

_DAY_NAMES: dict[Language, tuple[str, ...]] = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTH_NAMES: dict[Language, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

ENGLISH_DIVIDER = "----- English -----"


def format_time(moment: datetime, zone: ZoneInfo, language: Language) -> str:
    """``Kamis, 5 Maret 2026 pukul 15.00 WIB`` / ``Thursday, 5 March 2026, 15:00 WIB``."""
    local = moment.astimezone(zone)
    day = _DAY_NAMES[language][local.weekday()]
    month = _MONTH_NAMES[language][local.month - 1]
    zone_name = local.tzname() or ""
    if language == "id":
        return f"{day}, {local.day} {month} {local.year} pukul {local:%H.%M} {zone_name}".rstrip()
    return f"{day}, {local.day} {month} {local.year}, {local:%H:%M} {zone_name}".rstrip()


def render_notification(
    kind: str,
    payload: Mapping[str, object],
    recipient_name: str,
    audience: Audience,
    created_at: datetime,
    zone: ZoneInfo,
) -> RenderedMessage:
    """Subject (Indonesian) and plain-text body (Indonesian, then English) of one notification."""
    texts = _TEXTS.get(kind) or _TEXTS[""]
    tracking = single_line(str(payload.get("trackingNumber") or "-"))
    status = str(payload.get("status") or "")
    deadline = _parse_time(payload.get("deadline"))
    raw_step = single_line(str(payload.get("step") or "")) or kind
    step_labels = labels_from(payload.get("stepLabels"))
    fields = {"tracking": tracking}
    blocks: list[str] = []
    for language in LANGUAGES:
        text = texts[audience][language]
        values = {**fields, "step": _step_label(kind, language, raw_step, step_labels)}
        names = _FIELD_NAMES[language]
        facts = [
            (names["tracking"], tracking),
            (names["title"], single_line(str(payload.get("title") or "-"))),
        ]
        if status:
            facts.append((names["status"], status_label(status, language)))
        if deadline is not None:
            facts.append((names["deadline"], format_time(deadline, zone, language)))
        facts.append((names["when"], format_time(created_at, zone, language)))
        width = max(len(label) for label, _ in facts)
        blocks.append(
            "\n".join(
                [
                    names["greeting"].format(name=single_line(recipient_name) or "-"),
                    "",
                    text.lead.format(**values),
                    "",
                    *(f"{label.ljust(width)} : {value}" for label, value in facts),
                    "",
                    names["footer"].format(service=SERVICE_NAME),
                ]
            )
        )
    subject = f"[{SERVICE_NAME}] " + texts[audience]["id"].subject.format(
        tracking=tracking, step=_step_label(kind, "id", raw_step, step_labels)
    )
    body = f"{blocks[0]}\n\n{ENGLISH_DIVIDER}\n\n{blocks[1]}\n"
    return RenderedMessage(subject=single_line(subject), body=body)


def _step_label(kind: str, language: Language, raw_step: str, labels: Mapping[str, str]) -> str:
    """The words the timeline uses for the step: the diagram's labels for its own action or audit
    code, else ours, else the diagram's name for the element."""
    return single_line(action_label(kind, language, fallback=raw_step, labels=labels))


def single_line(text: str) -> str:
    """Control characters (line breaks above all) become spaces: a title must not forge a header
    line or a fake paragraph of the message."""
    cleaned = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(cleaned.split())


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    # A naive value cannot be placed in any zone honestly; leave the line out rather than guess.
    return moment if moment.tzinfo is not None else None
