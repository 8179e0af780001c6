"""User-visible labels in Indonesian (the default) and English."""

from __future__ import annotations

from typing import Literal

Language = Literal["id", "en"]

STATUS_LABELS: dict[str, dict[Language, str]] = {
    "SUBMITTED": {"id": "Belum Terverifikasi", "en": "Awaiting verification"},
    "ON_HOLD": {"id": "Ditunda", "en": "On hold"},
    "ARCHIVED": {"id": "Diarsipkan", "en": "Archived"},
    "DISPOSED": {"id": "Terdisposisi, Belum Ditindaklanjuti", "en": "Disposed, awaiting follow-up"},
    "IN_PROGRESS": {"id": "Sedang Ditindaklanjuti", "en": "Being followed up"},
    "NOT_AUTHORITY_REQUESTED": {
        "id": "Pengajuan Bukan Wewenang",
        "en": "Not-our-authority request pending",
    },
    "CLOSED": {"id": "Selesai", "en": "Closed"},
}

ACTION_LABELS: dict[str, dict[Language, str]] = {
    "submit": {"id": "Laporan dikirim", "en": "Report submitted"},
    "dispose": {"id": "Disposisi ke instansi", "en": "Dispose to agency"},
    "hold": {"id": "Tunda", "en": "Put on hold"},
    "resume": {"id": "Lanjutkan", "en": "Resume"},
    "archive": {"id": "Arsipkan", "en": "Archive"},
    "follow_up": {"id": "Tindak lanjut", "en": "Follow up"},
    "reply": {"id": "Tanggapan pelapor", "en": "Reporter reply"},
    "request_not_authority": {"id": "Ajukan bukan wewenang", "en": "Request not our authority"},
    "resolve_not_authority": {
        "id": "Putuskan pengajuan bukan wewenang",
        "en": "Decide not-our-authority request",
    },
    "close": {"id": "Tutup laporan", "en": "Close report"},
    "reopen": {"id": "Buka kembali", "en": "Reopen"},
    "VERIFICATION_OVERDUE": {
        "id": "Batas waktu verifikasi terlampaui",
        "en": "Verification deadline passed",
    },
    "ESCALATED": {
        "id": "Batas waktu tindak lanjut terlampaui (eskalasi)",
        "en": "Follow-up deadline passed (escalated)",
    },
    "AUTO_CLOSED": {
        "id": "Selesai otomatis: tidak ada tanggapan pelapor",
        "en": "Closed automatically: no reply from the reporter",
    },
}

ERROR_MESSAGES: dict[str, dict[Language, str]] = {
    "REQUIRED": {"id": "Wajib diisi.", "en": "This field is required."},
    "TOO_LONG": {
        "id": "Paling banyak {max} karakter.",
        "en": "At most {max} characters.",
    },
    "INVALID": {"id": "Nilai tidak valid.", "en": "Invalid value."},
    "NOT_FOUND": {"id": "Data tidak ditemukan.", "en": "Not found."},
    "ACTION_NOT_AVAILABLE": {
        "id": "Tindakan ini tidak tersedia untuk Anda pada tahap laporan saat ini.",
        "en": "This action is not available to you at the report's current step.",
    },
    "CONFLICT": {
        "id": "Laporan baru saja diubah oleh orang lain. Muat ulang dan coba lagi.",
        "en": "The report was just changed by someone else. Reload and try again.",
    },
    "AGENCY_INACTIVE": {"id": "Instansi tidak aktif.", "en": "The agency is inactive."},
    "SAME_AGENCY": {
        "id": "Pilih instansi lain dari instansi saat ini.",
        "en": "Choose an agency other than the current one.",
    },
    "INVALID_CREDENTIALS": {
        "id": "E-mail atau kata sandi salah.",
        "en": "Wrong e-mail or password.",
    },
    "UNAUTHENTICATED": {"id": "Silakan masuk terlebih dahulu.", "en": "Please log in first."},
    "TOKEN_INVALID": {"id": "Token tidak valid.", "en": "The token is not valid."},
    "TOKEN_EXPIRED": {"id": "Token kedaluwarsa.", "en": "The token has expired."},
    "FORBIDDEN": {
        "id": "Anda tidak berwenang melakukan ini.",
        "en": "You are not allowed to do this.",
    },
}


def status_label(status: str, language: Language) -> str:
    return STATUS_LABELS.get(status, {}).get(language, status)


def action_label(action: str, language: Language) -> str:
    return ACTION_LABELS.get(action, {}).get(language, action)


def error_message(code: str, language: Language, **params: object) -> str:
    template = ERROR_MESSAGES.get(code, {}).get(language) or ERROR_MESSAGES["INVALID"][language]
    return template.format(**params)
