// The liaison's inbox and the report page (which every role opens: admin, liaison, analyst, the
// reporter with an account or with a report access cookie, and the public).
import { graphql } from '../../gql';

export const LiaisonInbox = graphql(`
  query LiaisonInbox($filter: ReportFilter, $first: Int, $after: String) {
    reports(filter: $filter, first: $first, after: $after, order: DEADLINE) {
      edges {
        cursor
        node {
          ...ReportListItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const LiaisonQueueChanged = graphql(`
  subscription LiaisonQueueChanged {
    myQueueChanged {
      reportId
      action
      actionLabel
      inMyQueue
      report {
        id
        trackingNumber
      }
    }
  }
`);

/** Everything the report page shows; the query, the live update and the action's answer share it. */
export const LiaisonReportDetail = graphql(`
  fragment LiaisonReportDetail on Report {
    id
    trackingNumber
    title
    body
    classification
    category
    location {
      text
      latitude
      longitude
    }
    incidentDate
    isAnonymous
    isConfidential
    status
    statusLabel
    stage {
      code
      label
    }
    agency {
      id
      code
      name
    }
    reporter {
      id
      name
    }
    deadline
    isOverdue
    workingDaysLeft
    createdAt
    updatedAt
    availableActions {
      ...ActionFormAction
    }
    timeline {
      ...TimelineEvent
    }
    attachments {
      ...AttachmentView
    }
    rating {
      score
      comment
      ratedAt
    }
  }
`);

export const LiaisonReport = graphql(`
  query LiaisonReport($id: ID!) {
    report(id: $id) {
      ...LiaisonReportDetail
    }
  }
`);

export const LiaisonReportUpdated = graphql(`
  subscription LiaisonReportUpdated($id: ID!) {
    reportUpdated(id: $id) {
      ...LiaisonReportDetail
    }
  }
`);

export const ReportStopFollowing = graphql(`
  mutation ReportStopFollowing($input: ReportAccessTokenRevokeInput!) {
    reportAccessTokenRevoke(input: $input) {
      revoked
      errors {
        field
        code
        message
      }
    }
  }
`);

/** The inbox's compliance card: the liaison's own agency (the API scopes a liaison to it). */
export const LiaisonCompliance = graphql(`
  query LiaisonCompliance {
    statistics {
      period {
        from
        to
      }
      totals {
        overdueNow
        compliance {
          ...ComplianceFigures
          answerDays {
            count
            median
          }
        }
      }
      agencies {
        band
        agency {
          id
        }
      }
    }
  }
`);

/** An officer's internal files (admin, or the liaison of the handling agency): an internal timeline entry. */
export const ReportAttachmentAdd = graphql(`
  mutation ReportAttachmentAdd($input: ReportAttachmentAddInput!) {
    reportAttachmentAdd(input: $input) {
      report {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
