"""Named GraphQL operations the tests send, written as a client would write them."""

from typing import Any

REPORT_FIELDS = """
fragment ReportFields on Report {
  id
  trackingNumber
  title
  status
  statusLabel
  isOverdue
  deadline
  availableActions { code label inputs { name kind required label choices { code label } } }
  agency { id code }
  reporter { id name }
}
"""

SUBMIT = (
    """
mutation SubmitReport($input: ReportSubmitInput!) {
  reportSubmit(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

DISPOSE = (
    """
mutation DisposeReport($input: ReportDisposeInput!) {
  reportDispose(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

HOLD = (
    """
mutation HoldReport($input: ReportReasonInput!) {
  reportHold(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

RESUME = (
    """
mutation ResumeReport($input: ReportResumeInput!) {
  reportResume(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

ARCHIVE = (
    """
mutation ArchiveReport($input: ReportReasonInput!) {
  reportArchive(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

FOLLOW_UP = (
    """
mutation FollowUpReport($input: ReportMessageInput!) {
  reportFollowUp(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

REPLY = (
    """
mutation ReplyToReport($input: ReportMessageInput!) {
  reportReply(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

REQUEST_NOT_AUTHORITY = (
    """
mutation RequestNotAuthority($input: ReportRequestNotAuthorityInput!) {
  reportRequestNotAuthority(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

RESOLVE_NOT_AUTHORITY = (
    """
mutation ResolveNotAuthority($input: ReportResolveNotAuthorityInput!) {
  reportResolveNotAuthority(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

CLOSE = (
    """
mutation CloseReport($input: ReportCloseInput!) {
  reportClose(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

REOPEN = (
    """
mutation ReopenReport($input: ReportReasonInput!) {
  reportReopen(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)


def action_codes(report: dict[str, Any]) -> list[str]:
    """The codes of a report's ``availableActions`` as ReportFields reads them."""
    return [action["code"] for action in report["availableActions"]]


REPORT_TIMELINE = """
query ReportTimeline($id: ID!) {
  report(id: $id) {
    trackingNumber
    status
    reporter { name }
    timeline { action fromStatus toStatus message internalNote actorRole actor { name } }
  }
}
"""

REPORT_BY_TRACKING_NUMBER = """
query ReportByTrackingNumber($trackingNumber: String!) {
  reportByTrackingNumber(trackingNumber: $trackingNumber) { id title status }
}
"""

REPORTS = """
query Reports($filter: ReportFilter, $first: Int, $after: String) {
  reports(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id title status isOverdue reporter { name } agency { code } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) { id ... on Report { title reporter { name } } }
}
"""

TOKEN_CREATE = """
mutation Login($input: TokenCreateInput!) {
  tokenCreate(input: $input) { token expiresAt user { name role } errors { field code message } }
}
"""

ME = """
query Me { me { name email role agency { code } } }
"""

PERFORM_ACTION = (
    """
mutation PerformAction($input: ReportActionPerformInput!) {
  reportActionPerform(input: $input) { report { ...ReportFields } errors { field code message } }
}
"""
    + REPORT_FIELDS
)

PROCESS_INSTANCES_MIGRATE = """
mutation MigrateProcessInstances($input: ProcessInstancesMigrateInput!) {
  processInstancesMigrate(input: $input) {
    dryRun
    movedCount
    notMovedCount
    outcomes { reportId trackingNumber moved reason elementIds }
    errors { field code message }
  }
}
"""
