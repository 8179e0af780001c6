"""Tortoise models: the tables of lapor-gql.

Foreign keys that carry history (reports, events, workflow state) use RESTRICT: deleting a user or an
agency must never wipe the audit trail through a cascade.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model


class Role(StrEnum):
    ADMIN = "ADMIN"
    LIAISON = "LIAISON"
    CITIZEN = "CITIZEN"
    ANALYST = "ANALYST"


class Classification(StrEnum):
    COMPLAINT = "COMPLAINT"
    ASPIRATION = "ASPIRATION"
    INFORMATION_REQUEST = "INFORMATION_REQUEST"


class Agency(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    parent: fields.ForeignKeyNullableRelation[Agency] = fields.ForeignKeyField(
        "models.Agency", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    address = fields.CharField(max_length=300, default="")
    phone = fields.CharField(max_length=32, default="")
    email = fields.CharField(max_length=254, default="")
    website = fields.CharField(max_length=200, default="")
    description = fields.TextField(default="")
    service_hours = fields.TextField(default="", db_default="")
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    parent_id: int | None

    class Meta:
        table = "agency"


class User(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=200)
    role = fields.CharField(max_length=16)
    agency: fields.ForeignKeyNullableRelation[Agency] = fields.ForeignKeyField(
        "models.Agency", related_name="liaisons", null=True, on_delete=fields.RESTRICT
    )
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    phone = fields.CharField(max_length=32, default="", db_default="")
    # Nomor Induk Kependudukan: 16 digits, only ever given by citizens, never shown to others.
    nik = fields.CharField(max_length=16, null=True)
    agency_id: int | None

    class Meta:
        table = "app_user"


# Model docstrings become SQL table comments, and Tortoise's SQLite migrator splits statements on
# ";", so the models below are described in comments instead.


# An opaque bearer token. Only its SHA-256 is stored, so a database leak yields no usable token.
class AccessToken(Model):
    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "access_token"


class HolidayKind(StrEnum):
    NATIONAL = "NATIONAL"
    CUTI_BERSAMA = "CUTI_BERSAMA"


# A day off in the working-day calendar: for every agency (agency empty) or for one agency only.
# Reference data, not history, so it goes with its agency.
class Holiday(Model):
    id = fields.IntField(primary_key=True)
    date = fields.DateField()
    name = fields.CharField(max_length=200)
    kind = fields.CharField(max_length=16)
    agency: fields.ForeignKeyNullableRelation[Agency] = fields.ForeignKeyField(
        "models.Agency", related_name="holidays", null=True, on_delete=fields.CASCADE
    )
    agency_id: int | None

    class Meta:
        table = "holiday"
        unique_together = (("date", "agency"),)
        indexes = (Index(fields=("date",), name="holiday_date_idx"),)


class ProcessDefinition(Model):
    id = fields.IntField(primary_key=True)
    process_id = fields.CharField(max_length=100)
    version = fields.IntField()
    bpmn_xml = fields.TextField()
    # The DMN files (XML text) its business rule tasks call, deployed and versioned with it.
    decision_tables: list[str] = fields.JSONField(default=list, db_default=[])
    sha256 = fields.CharField(max_length=64)
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    deployed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="deployed_process_definitions", null=True, on_delete=fields.RESTRICT
    )
    deployed_by_id: int | None

    class Meta:
        table = "process_definition"
        unique_together = (("process_id", "version"),)


class Report(Model):
    id = fields.IntField(primary_key=True)
    tracking_number = fields.CharField(max_length=20, unique=True)
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    classification = fields.CharField(max_length=24)
    category = fields.CharField(max_length=100, default="")
    location_text = fields.CharField(max_length=300, default="")
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    incident_date = fields.DateField(null=True)
    is_anonymous = fields.BooleanField(default=False)
    is_confidential = fields.BooleanField(default=False)
    reporter: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reports", null=True, on_delete=fields.RESTRICT
    )
    agency: fields.ForeignKeyNullableRelation[Agency] = fields.ForeignKeyField(
        "models.Agency", related_name="reports", null=True, on_delete=fields.RESTRICT
    )
    # Projected from the workflow after every step, so lists and filters never deserialize it.
    status = fields.CharField(max_length=32)
    # Where it waits in the diagram's own words: the stage code the waiting element declares (the
    # status when it declares none) and that stage's labels by language (empty when none).
    stage = fields.CharField(max_length=64, default="", db_default="")
    stage_labels: dict[str, str] = fields.JSONField(default=dict, db_default={})
    # How often it was reopened, and asked to be moved as not the agency's authority: report facts
    # a diagram may read (report_facts.FACTS), kept here so an action needs no count of its events.
    reopen_count = fields.IntField(default=0, db_default=0)
    not_authority_count = fields.IntField(default=0, db_default=0)
    deadline = fields.DatetimeField(null=True)
    is_overdue = fields.BooleanField(default=False)
    # The reporter's rating of the resolution, from a step whose diagram declaration has a `rating`
    # input; null while none stands (never rated, or cleared by a `rating` = `clear` element).
    rating_score = fields.SmallIntField(null=True)
    rating_comment = fields.TextField(default="", db_default="")
    rated_at = fields.DatetimeField(null=True)
    # Reports sent without an account are followed with a secret access code; only its SHA-256 is kept.
    access_code_hash = fields.CharField(max_length=64, null=True)
    # Each: action, lane, and the diagram's declaration of an action of its own (labels, inputs).
    pending_actions: list[dict[str, object]] = fields.JSONField(default=list)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    reporter_id: int | None
    agency_id: int | None

    class Meta:
        table = "report"
        indexes = (
            Index(fields=("status", "id"), name="report_status_idx"),
            Index(fields=("stage", "id"), name="report_stage_idx"),
            Index(fields=("agency_id", "id"), name="report_agency_idx"),
            Index(fields=("is_overdue", "id"), name="report_overdue_idx"),
            # The DEADLINE order ("overdue first"), read in index order: an agency's inbox, and
            # every agency's for the admins.
            Index(fields=("agency_id", "deadline", "id"), name="report_agency_deadline_idx"),
            Index(fields=("deadline", "id"), name="report_deadline_idx"),
        )


# Append-only audit trail of a report: never updated, never deleted.
class ReportEvent(Model):
    id = fields.IntField(primary_key=True)
    report: fields.ForeignKeyRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name="events", on_delete=fields.RESTRICT
    )
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="report_events", null=True, on_delete=fields.RESTRICT
    )
    actor_role = fields.CharField(max_length=16)
    action = fields.CharField(max_length=40)
    from_status = fields.CharField(max_length=32, null=True)
    to_status = fields.CharField(max_length=32, null=True)
    message = fields.TextField(default="")
    # Seen only by admins and the handling agency: disposition notes, not-authority reasons.
    internal_note = fields.TextField(default="")
    is_public = fields.BooleanField(default=True)
    details: dict[str, object] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField()
    report_id: int
    actor_id: int | None

    class Meta:
        table = "report_event"
        indexes = (Index(fields=("report_id", "id"), name="report_event_report_idx"),)


# The serialized workflow of one report and the diagram version it runs on.
class ReportWorkflow(Model):
    report: fields.OneToOneRelation[Report] = fields.OneToOneField(
        "models.Report", related_name="workflow", primary_key=True, on_delete=fields.RESTRICT
    )
    definition: fields.ForeignKeyRelation[ProcessDefinition] = fields.ForeignKeyField(
        "models.ProcessDefinition", related_name="workflows", on_delete=fields.RESTRICT
    )
    state = fields.TextField()
    next_timer_due_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField()
    report_id: int
    definition_id: int

    class Meta:
        table = "report_workflow"
        indexes = (Index(fields=("next_timer_due_at",), name="report_workflow_due_idx"),)


# Append-only record of account, role and agency changes: who did what to which object, and the
# values before and after. Never holds secrets or password hashes.
class AuditEvent(Model):
    id = fields.IntField(primary_key=True)
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_events", null=True, on_delete=fields.RESTRICT
    )
    action = fields.CharField(max_length=40)
    object_type = fields.CharField(max_length=20)
    object_id = fields.IntField()
    before: dict[str, object] = fields.JSONField(default=dict)
    after: dict[str, object] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField()
    actor_id: int | None

    class Meta:
        table = "audit_event"
        indexes = (Index(fields=("object_type", "object_id", "id"), name="audit_event_object_idx"),)


# An official named on an agency's public profile (head of agency, secretary, ...). Profile data that
# the agency's liaison replaces at will, so it goes with its agency.
class AgencyOfficial(Model):
    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = fields.ForeignKeyField(
        "models.Agency", related_name="officials", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    position = fields.CharField(max_length=200)
    sort_order = fields.IntField(default=0)
    agency_id: int

    class Meta:
        table = "agency_official"
        indexes = (Index(fields=("agency_id", "sort_order"), name="agency_official_agency_idx"),)


class SecretPurpose(StrEnum):
    SETUP = "SETUP"
    RESET = "RESET"


# A one-time secret with which a person chooses a password (first setup or reset). Only its SHA-256
# is stored; it is shown once, when issued.
class AccountSecret(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="secrets", on_delete=fields.CASCADE
    )
    purpose = fields.CharField(max_length=8)
    secret_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    user_id: int

    class Meta:
        table = "account_secret"


# Failed logins per e-mail address, keyed by the SHA-256 of the lower-cased address (whether or not
# an account has it), so repeated guessing is refused for a while.
class LoginAttempt(Model):
    id = fields.IntField(primary_key=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    failures = fields.IntField(default=0)
    window_started_at = fields.DatetimeField()
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "login_attempt"


# A bearer token that lets the holder of a report's access code act as that report's reporter,
# and nothing else. Only its SHA-256 is stored.
class ReportAccessToken(Model):
    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    report: fields.ForeignKeyRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name="access_tokens", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    report_id: int

    class Meta:
        table = "report_access_token"


class NotificationStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


# The outbox: one message to one person, written in the same transaction as the change it tells
# about, so a rolled-back change leaves no message. A delivery worker sends PENDING rows after
# commit and records each attempt here.
class Notification(Model):
    id = fields.IntField(primary_key=True)
    recipient: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.RESTRICT
    )
    report: fields.ForeignKeyNullableRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name="notifications", null=True, on_delete=fields.RESTRICT
    )
    # What happened: an audit code of the report's timeline (ESCALATED, FOLLOW_UP_REMINDER …).
    kind = fields.CharField(max_length=40)
    payload: dict[str, object] = fields.JSONField(default=dict)
    status = fields.CharField(max_length=8, default=NotificationStatus.PENDING.value)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(default="")
    created_at = fields.DatetimeField()
    recipient_id: int
    report_id: int | None

    class Meta:
        table = "notification"
        indexes = (
            Index(fields=("status", "next_attempt_at"), name="notification_due_idx"),
            Index(fields=("recipient_id", "id"), name="notification_recipient_idx"),
        )


# One use of an ``Idempotency-Key`` by one actor. Inserted in the transaction of the mutation's
# effect, so a committed effect always has its key and a rolled-back one never does; the response is
# added after execution, sealed with the client's key (it may carry a one-time secret such as an
# access code, which the server otherwise keeps only hashed).
class IdempotencyKey(Model):
    id = fields.IntField(primary_key=True)
    # Whose key it is: "user:<id>", "report:<id>" for an access-code holder, "anonymous".
    actor = fields.CharField(max_length=40)
    key_hash = fields.CharField(max_length=64)
    # SHA-256 of the GraphQL document, operation name and variables: a different request under the
    # same key is refused.
    request_hash = fields.CharField(max_length=64)
    # What the mutation produced ("Report" and its id), to rebuild an answer if the response is lost.
    result_type = fields.CharField(max_length=40, default="")
    result_id = fields.BigIntField(null=True)
    response = fields.TextField(null=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()

    class Meta:
        table = "idempotency_key"
        unique_together = (("actor", "key_hash"),)
        indexes = (Index(fields=("expires_at",), name="idempotency_key_expiry_idx"),)


# --- statistics facts -------------------------------------------------------------------------
# Recorded in the transaction of each step (domain.statistics_facts), so the statistics are sums and
# percentiles over these rows in SQL, never a walk over timelines. Dates and months are local dates
# of the statistics time zone (the national calendar's), fixed when the fact is recorded.


# One row per report: where it is now and the milestones it has passed.
class ReportFact(Model):
    report: fields.OneToOneRelation[Report] = fields.OneToOneField(
        "models.Report", related_name="fact", primary_key=True, on_delete=fields.RESTRICT
    )
    # The agency handling it now (the last it was disposed to); empty before the first disposition.
    agency_id = fields.IntField(null=True)
    classification = fields.CharField(max_length=24)
    category = fields.CharField(max_length=100, default="")
    is_confidential = fields.BooleanField(default=False)
    status = fields.CharField(max_length=32)
    # The deadline of the step it waits at now, to count "overdue now" against the query's clock.
    deadline = fields.DatetimeField(null=True)
    submitted_at = fields.DatetimeField()
    submitted_on = fields.DateField()
    submitted_month = fields.IntField()
    first_disposed_at = fields.DatetimeField(null=True)
    first_answer_at = fields.DatetimeField(null=True)
    first_closed_at = fields.DatetimeField(null=True)
    # Working days from submission, in the calendar of the agency it was with (national before one).
    days_to_disposition = fields.FloatField(null=True)
    days_to_first_answer = fields.FloatField(null=True)
    days_to_closure = fields.FloatField(null=True)
    auto_closed = fields.BooleanField(default=False)
    reopen_count = fields.IntField(default=0)
    escalated = fields.BooleanField(default=False)
    not_authority_requested = fields.IntField(default=0)
    not_authority_accepted = fields.IntField(default=0)
    not_authority_rejected = fields.IntField(default=0)
    # The reporter's rating standing now (1 to 5; null: none, or cleared by a reopening).
    rating_score = fields.SmallIntField(null=True)
    report_id: int

    class Meta:
        table = "report_fact"
        indexes = (
            Index(fields=("submitted_on", "agency_id"), name="report_fact_submitted_idx"),
            Index(fields=("agency_id", "submitted_on"), name="report_fact_agency_idx"),
        )


# One row per assignment of a report to an agency that must answer it ("round"): a disposition (by
# the admin or a rule), an accepted not-authority request (a new agency), or a reopen (the same agency
# answers again). Compliance measures each round's first answer against the deadline the diagram set
# when the round began.
class DispositionFact(Model):
    id = fields.IntField(primary_key=True)
    report: fields.ForeignKeyRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name="disposition_facts", on_delete=fields.RESTRICT
    )
    agency_id = fields.IntField()
    # DISPOSED, REASSIGNED (an accepted not-authority request) or REOPENED.
    cause = fields.CharField(max_length=16)
    classification = fields.CharField(max_length=24)
    category = fields.CharField(max_length=100, default="")
    is_confidential = fields.BooleanField(default=False)
    started_at = fields.DatetimeField()
    started_on = fields.DateField()
    started_month = fields.IntField()
    deadline = fields.DatetimeField(null=True)
    first_answer_at = fields.DatetimeField(null=True)
    first_answer_by_id = fields.IntField(null=True)
    days_to_answer = fields.FloatField(null=True)
    # When the round ended without being the current one any more (another round, closure, archive).
    ended_at = fields.DatetimeField(null=True)
    report_id: int

    class Meta:
        table = "disposition_fact"
        indexes = (
            Index(fields=("started_on", "agency_id"), name="disposition_fact_started_idx"),
            Index(fields=("agency_id", "started_on"), name="disposition_fact_agency_idx"),
            Index(fields=("report_id", "id"), name="disposition_fact_report_idx"),
        )


# --- attachments ------------------------------------------------------------------------------


# A file on a report: its bytes live in the file store under ``key`` (random: never guessable, never the
# client's name), here only what describes them. Written, with the file already stored, as a pending
# upload (no report, ``attached_at`` empty); the command that references it attaches it in its own
# transaction. Pending uploads not attached in time, and their files, are swept.
class Attachment(Model):
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=64, unique=True)
    thumbnail_key = fields.CharField(max_length=64, null=True)
    sha256 = fields.CharField(max_length=64)
    size = fields.BigIntField()
    media_type = fields.CharField(max_length=100)
    # The client's name, cleaned: for the download's Content-Disposition only, never for storage.
    filename = fields.CharField(max_length=200)
    width = fields.IntField(null=True)
    height = fields.IntField(null=True)
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="attachments", null=True, on_delete=fields.RESTRICT
    )
    report: fields.ForeignKeyNullableRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name="attachments", null=True, on_delete=fields.RESTRICT
    )
    event: fields.ForeignKeyNullableRelation[ReportEvent] = fields.ForeignKeyField(
        "models.ReportEvent", related_name="attachments", null=True, on_delete=fields.RESTRICT
    )
    # Seen only by admins and the handling agency (an officer's internal file).
    is_internal = fields.BooleanField(default=False)
    created_at = fields.DatetimeField()
    attached_at = fields.DatetimeField(null=True)
    uploaded_by_id: int | None
    report_id: int | None
    event_id: int | None

    class Meta:
        table = "attachment"
        indexes = (
            Index(fields=("report_id", "id"), name="attachment_report_idx"),
            Index(fields=("event_id",), name="attachment_event_idx"),
            # The sweep's: pending uploads (attached_at empty) by age.
            Index(fields=("attached_at", "created_at"), name="attachment_pending_idx"),
            # The sweep's too: whether a stored file no key names is some row's thumbnail.
            Index(fields=("thumbnail_key",), name="attachment_thumbnail_idx"),
        )


# A secret the servers of one deployment share, made at random once (the first server to need it
# inserts it; the others read it): the key signing attachment download URLs when no setting gives one.
class SharedSecret(Model):
    id = fields.IntField(primary_key=True)
    purpose = fields.CharField(max_length=40, unique=True)
    value = fields.CharField(max_length=128)
    created_at = fields.DatetimeField()

    class Meta:
        table = "shared_secret"
