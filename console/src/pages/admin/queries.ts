// The admin pages' GraphQL documents (public API only). Every name starts with `Admin` so codegen's
// operation names stay unique across the console.
import { graphql } from '../../gql';

// Report rows spread `ReportListItem` (components/report-list.tsx), the fields the shared list shows.

// --- report queues ----------------------------------------------------------------------------

/** Verification queue and overdue list: one document, the filter says which queue and `order` how it
 * is sorted (DEADLINE: the most overdue first, then the longest waiting). */
export const AdminReportQueue = graphql(`
  query AdminReportQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {
    reports(filter: $filter, order: $order, first: $first, after: $after) {
      edges {
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

/** Not-authority requests with the liaison's last entries: the request (reason, who, when) is among
 * them, fetched with the list instead of one request per report. */
export const AdminNotAuthorityQueue = graphql(`
  query AdminNotAuthorityQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {
    reports(filter: $filter, order: $order, first: $first, after: $after) {
      edges {
        node {
          ...ReportListItem
          timeline(last: 5) {
            action
            internalNote
            suggestedAgency {
              id
              code
              name
            }
            createdAt
            actor {
              id
              name
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// --- accounts ---------------------------------------------------------------------------------

export const AdminUsers = graphql(`
  query AdminUsers($filter: UserFilter, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          name
          email
          phone
          role
          isActive
          agency {
            id
            code
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdminLiaisonCreate = graphql(`
  mutation AdminLiaisonCreate($input: LiaisonCreateInput!) {
    liaisonCreate(input: $input) {
      user {
        id
        name
        email
      }
      secret
      secretExpiresAt
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminPasswordResetIssue = graphql(`
  mutation AdminPasswordResetIssue($input: UserIdInput!) {
    userPasswordResetIssue(input: $input) {
      user {
        id
        name
        email
      }
      secret
      secretExpiresAt
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminUserDeactivate = graphql(`
  mutation AdminUserDeactivate($input: UserIdInput!) {
    userDeactivate(input: $input) {
      user {
        id
        isActive
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminUserActivate = graphql(`
  mutation AdminUserActivate($input: UserIdInput!) {
    userActivate(input: $input) {
      user {
        id
        isActive
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

// --- agencies ---------------------------------------------------------------------------------

export const AdminAgencyProfile = graphql(`
  query AdminAgencyProfile($id: ID!) {
    agency(id: $id) {
      id
      code
      name
      level
      isActive
      address
      phone
      email
      website
      description
      serviceHours
      officials {
        name
        position
      }
      parent {
        id
        name
      }
      liaisons {
        id
        name
        email
      }
    }
  }
`);

export const AdminAgencyCreate = graphql(`
  mutation AdminAgencyCreate($input: AgencyCreateInput!) {
    agencyCreate(input: $input) {
      agency {
        id
        code
        name
        level
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminAgencyUpdate = graphql(`
  mutation AdminAgencyUpdate($input: AgencyUpdateInput!) {
    agencyUpdate(input: $input) {
      agency {
        id
        code
        name
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminAgencyMove = graphql(`
  mutation AdminAgencyMove($input: AgencyMoveInput!) {
    agencyMove(input: $input) {
      agency {
        id
        level
        parent {
          id
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminAgencyDeactivate = graphql(`
  mutation AdminAgencyDeactivate($input: AgencyIdInput!) {
    agencyDeactivate(input: $input) {
      agency {
        id
        isActive
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminAgencyActivate = graphql(`
  mutation AdminAgencyActivate($input: AgencyIdInput!) {
    agencyActivate(input: $input) {
      agency {
        id
        isActive
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminAgencyDelete = graphql(`
  mutation AdminAgencyDelete($input: AgencyIdInput!) {
    agencyDelete(input: $input) {
      deletedId
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminAgencyProfileUpdate = graphql(`
  mutation AdminAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {
    agencyProfileUpdate(input: $input) {
      agency {
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

// --- holidays ---------------------------------------------------------------------------------

export const AdminHolidays = graphql(`
  query AdminHolidays($year: Int!, $agencyId: ID) {
    holidays(year: $year, agencyId: $agencyId) {
      id
      date
      name
      kind
      agency {
        id
        code
        name
      }
    }
  }
`);

export const AdminHolidayCreate = graphql(`
  mutation AdminHolidayCreate($input: HolidayCreateInput!) {
    holidayCreate(input: $input) {
      holiday {
        id
        date
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminHolidayDelete = graphql(`
  mutation AdminHolidayDelete($input: HolidayDeleteInput!) {
    holidayDelete(input: $input) {
      deletedId
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AdminHolidayImport = graphql(`
  mutation AdminHolidayImport($input: HolidayImportInput!) {
    holidayImport(input: $input) {
      imported
      errors {
        field
        code
        message
      }
    }
  }
`);

// --- audit trail ------------------------------------------------------------------------------

export const AdminAuditEvents = graphql(`
  query AdminAuditEvents($objectType: String, $objectId: ID, $first: Int, $after: String) {
    auditEvents(objectType: $objectType, objectId: $objectId, first: $first, after: $after) {
      edges {
        cursor
        node {
          action
          objectType
          objectId
          before
          after
          createdAt
          actor {
            id
            name
            email
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
