"""User-visible labels in Indonesian (the default) and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .actions import BUILTIN_ACTIONS, label_of

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

# Timeline entries that are not one of the actions (those are labelled in actions.BUILTIN_ACTIONS, or
# by the diagram that declares them): the submission, a migration, the shipped diagram's audit codes.
EVENT_LABELS: dict[str, dict[Language, str]] = {
    "submit": {"id": "Laporan dikirim", "en": "Report submitted"},
    "process_migrated": {
        "id": "Dipindahkan ke versi proses baru",
        "en": "Moved to a newer process version",
    },
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
    "timer": {"id": "Batas waktu berlalu", "en": "A timer ran out"},
    "FOLLOW_UP_REMINDER": {
        "id": "Pengingat: batas waktu tindak lanjut segera tiba",
        "en": "Reminder: the follow-up deadline is near",
    },
    # An officer's internal files (domain.attachments.ATTACHMENT_ADD_ACTION).
    "attachment_add": {"id": "Lampiran internal ditambahkan", "en": "Internal files added"},
    # A rule of the diagram could not dispose the report (no agency, an unknown or inactive one).
    "ROUTING_FAILED": {
        "id": "Disposisi otomatis gagal: laporan menunggu verifikasi admin",
        "en": "Automatic disposition failed: the report awaits the admin's verification",
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
    "NOBODY_CAN_ACT": {
        "id": (
            "Langkah ini akan membuat laporan menunggu instansi padahal belum ada instansi yang "
            "menanganinya; tidak ada yang diubah. Beri tahu admin agar diagram proses diperiksa."
        ),
        "en": (
            "This step would leave the report waiting for an agency it does not have; nothing was "
            "changed. Tell an admin to check the process diagram."
        ),
    },
    "AGENCY_IN_USE": {
        "id": (
            "Instansi ini masih memiliki {reports} laporan, {liaisons} penghubung dan {units} unit, "
            "sehingga tidak dapat dihapus. Nonaktifkan saja."
        ),
        "en": (
            "The agency still has {reports} reports, {liaisons} liaisons and {units} units, "
            "so it cannot be deleted. Deactivate it instead."
        ),
    },
    "AGENCY_CODE_TAKEN": {
        "id": "Kode instansi ini sudah dipakai.",
        "en": "This agency code is already in use.",
    },
    "AGENCY_TOO_DEEP": {
        "id": "Hierarki instansi paling banyak {levels} tingkat: provinsi, perangkat daerah, unit.",
        "en": "The agency hierarchy has at most {levels} levels: province, agency, unit.",
    },
    "HOLIDAY_EXISTS": {
        "id": "Tanggal ini sudah ada di kalender.",
        "en": "This date is already in the calendar.",
    },
    # Attachments (domain.attachments): the file preparation's refusals, then the command's.
    "UNSUPPORTED_FILE_TYPE": {
        "id": "Jenis berkas tidak didukung: kirim foto (JPEG, PNG, WebP, HEIC) atau PDF.",
        "en": "Unsupported file type: send a photo (JPEG, PNG, WebP, HEIC) or a PDF.",
    },
    "FILE_TOO_LARGE": {
        "id": "Berkas terlalu besar: paling besar {max_mb} MB.",
        "en": "The file is too large: at most {max_mb} MB.",
    },
    "FILE_UNREADABLE": {
        "id": "Berkas rusak atau tidak dapat dibaca.",
        "en": "The file is damaged or cannot be read.",
    },
    "IMAGE_TOO_LARGE": {
        "id": "Resolusi gambar terlalu besar.",
        "en": "The image has too many pixels.",
    },
    "TOO_MANY_FILES": {
        "id": "Paling banyak {max} berkas per laporan.",
        "en": "At most {max} files per report.",
    },
    "UPLOAD_NOT_FOUND": {
        "id": "Unggahan tidak ditemukan, sudah dipakai, atau kedaluwarsa. Unggah berkasnya lagi.",
        "en": "The upload was not found, is already used, or has expired. Upload the file again.",
    },
    "SAME_AGENCY": {
        "id": "Pilih instansi lain dari instansi saat ini.",
        "en": "Choose an agency other than the current one.",
    },
    "ALREADY_RATED": {
        "id": "Laporan ini sudah dinilai; penilaian hanya dapat diberikan sekali.",
        "en": "This report has already been rated; a rating can be given only once.",
    },
    "ACCESS_CODE_INVALID": {
        "id": "Nomor laporan atau kode akses salah.",
        "en": "Wrong tracking number or access code.",
    },
    "INVALID_CREDENTIALS": {
        "id": "E-mail atau kata sandi salah.",
        "en": "Wrong e-mail or password.",
    },
    "TOO_MANY_ATTEMPTS": {
        "id": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
        "en": "Too many failed login attempts. Try again in {minutes} minutes.",
    },
    "EMAIL_TAKEN": {
        "id": "E-mail ini sudah terdaftar.",
        "en": "This e-mail address is already registered.",
    },
    "PASSWORD_WEAK": {
        "id": (
            "Kata sandi terlalu lemah: minimal {min} karakter, tidak hanya angka, bukan kata sandi "
            "umum, dan tidak memuat nama e-mail Anda."
        ),
        "en": (
            "The password is too weak: at least {min} characters, not only digits, not a common "
            "password, and not containing your e-mail name."
        ),
    },
    "SECRET_INVALID": {
        "id": "Kode ini tidak valid, sudah dipakai, atau kedaluwarsa.",
        "en": "This code is invalid, already used, or expired.",
    },
    "DIAGRAM_INVALID": {
        "id": "Diagram proses tidak valid.",
        "en": "The process diagram is not valid.",
    },
    "SAME_VERSION": {
        "id": "Pilih versi lain dari versi asal.",
        "en": "Choose a version other than the one the reports are on.",
    },
    "VERSION_NOT_NEWER": {
        "id": "Laporan hanya dapat dipindahkan ke versi yang lebih baru.",
        "en": "Reports can only move to a newer version.",
    },
    "ADMIN_PROTECTED": {
        "id": "Akun admin tidak dapat diubah dengan cara ini.",
        "en": "Admin accounts cannot be changed this way.",
    },
    "UNAUTHENTICATED": {"id": "Silakan masuk terlebih dahulu.", "en": "Please log in first."},
    "TOKEN_INVALID": {"id": "Token tidak valid.", "en": "The token is not valid."},
    "TOKEN_EXPIRED": {"id": "Token kedaluwarsa.", "en": "The token has expired."},
    # lapor_gql.browser_session.CSRF_FAILED: a cookie-authenticated request without its X-CSRF-Token.
    "CSRF_FAILED": {
        "id": "Permintaan ditolak: token CSRF tidak ada atau tidak cocok. Muat ulang halaman.",
        "en": "Request refused: the CSRF token is missing or does not match. Reload the page.",
    },
    "FORBIDDEN": {
        "id": "Anda tidak berwenang melakukan ini.",
        "en": "You are not allowed to do this.",
    },
    "IDEMPOTENCY_KEY_INVALID": {
        "id": (
            "Idempotency-Key harus terdiri dari 16 sampai 255 karakter ASCII yang terlihat (misalnya "
            "UUID) dan hanya untuk satu mutation per permintaan."
        ),
        "en": (
            "An Idempotency-Key must be 16 to 255 visible ASCII characters (a UUID, say) and is for "
            "one mutation per request."
        ),
    },
    # Same code (IDEMPOTENCY_KEY_INVALID), said for a key from an actor without an account.
    "IDEMPOTENCY_KEY_NOT_SECRET": {
        "id": (
            "Tanpa akun, Idempotency-Key adalah rahasia Anda: gunakan UUID acak (versi 4) atau "
            "setidaknya 22 karakter base64url acak."
        ),
        "en": (
            "Without an account the Idempotency-Key is your secret: use a random UUID (version 4) or "
            "at least 22 random base64url characters."
        ),
    },
    "IDEMPOTENCY_KEY_REUSED": {
        "id": "Idempotency-Key ini sudah dipakai untuk permintaan lain. Buat kunci baru.",
        "en": "This Idempotency-Key was used for a different request. Make a new key.",
    },
    "IDEMPOTENCY_KEY_IN_USE": {
        "id": "Permintaan dengan Idempotency-Key ini masih diproses. Coba lagi sebentar lagi.",
        "en": "A request with this Idempotency-Key is still being processed. Try again shortly.",
    },
    "IDEMPOTENCY_RESPONSE_LOST": {
        "id": (
            "Permintaan dengan Idempotency-Key ini sudah dijalankan, tetapi jawabannya tidak dapat "
            "diberikan lagi. Periksa hasilnya sebelum mengirimnya lagi dengan kunci baru."
        ),
        "en": (
            "The request with this Idempotency-Key was carried out, but its answer cannot be given "
            "again. Check its outcome before sending it again with a new key."
        ),
    },
}


def status_label(status: str, language: Language) -> str:
    return STATUS_LABELS.get(status, {}).get(language, status)


def stage_label(stage: str, labels: Mapping[str, str] | None, status: str, language: Language) -> str:
    """A report's stage in ``language``: the diagram's label for a stage it declares (Indonesian when
    it gives none in that language), else the status's label."""
    own = labels or {}
    if stage and stage != status and (own.get(language) or own.get("id")):
        return own.get(language) or own["id"]
    return status_label(status, language)


def action_label(
    action: str, language: Language, fallback: str | None = None, labels: Mapping[str, str] | None = None
) -> str:
    """What a timeline entry, a live update or an e-mail calls an action or an audit code.

    ``labels`` are the diagram's own (a declared action's, an audit code's ``audit_label_*``): the
    analyst's words come first. Then the application's, then ``fallback`` (the element's name in
    the diagram), then the code itself.
    """
    builtin = BUILTIN_ACTIONS.get(action)
    return (
        label_of(labels or {}, language)
        or (builtin.labels.get(language) if builtin is not None else None)
        or EVENT_LABELS.get(action, {}).get(language)
        or fallback
        or action
    )


def error_message(code: str, language: Language, **params: object) -> str:
    template = ERROR_MESSAGES.get(code, {}).get(language) or ERROR_MESSAGES["INVALID"][language]
    return template.format(**params)


# Why a running report stayed on its process version (process_migration.NotMovedReason codes).
MIGRATION_REASONS: dict[str, dict[Language, str]] = {
    "completed": {
        "id": "Sudah selesai; laporan yang selesai tetap pada versinya",
        "en": "completed; finished reports stay on their version",
    },
    "element_removed": {
        "id": "Menunggu di '{element}', yang tidak ada lagi di versi {version}",
        "en": "waiting at '{element}', which version {version} no longer has",
    },
    "element_changed_kind": {
        "id": "Menunggu di '{element}', yang jenis elemennya berbeda di versi {version}",
        "en": "waiting at '{element}', which is a different kind of element in version {version}",
    },
    "element_moved": {
        "id": "Menunggu di '{element}', yang di versi {version} melekat pada langkah lain",
        "en": "waiting at '{element}', which version {version} attaches to another step",
    },
    "subprocess": {
        "id": "Memiliki subproses di '{element}'; laporan dengan subproses tidak dapat dipindahkan",
        "en": "has a sub-process at '{element}'; reports with sub-processes cannot be moved",
    },
    "version_changed": {
        "id": "Tidak lagi berada di versi {from_version}",
        "en": "no longer on version {from_version}",
    },
    "stranded": {
        "id": "Di versi {version} laporan akan menunggu instansi padahal belum punya instansi",
        "en": "in version {version} it would wait for an agency it does not have",
    },
    "failed": {
        "id": "Alur kerjanya gagal dipindahkan; lihat log server",
        "en": "its workflow could not be moved; see the server log",
    },
}


def migration_reason(code: str, language: Language, **params: object) -> str:
    template = MIGRATION_REASONS.get(code, {}).get(language) or code
    return template.format(**params)
