// The reporter's documents: send a report, follow one by its tracking number and access code, and a
// citizen's own list. Checked against ../../../../schema.graphql by `npm run codegen`.
import { graphql } from '../../gql';

export const ReporterSubmit = graphql(`
  mutation ReporterSubmit($input: ReportSubmitInput!) {
    reportSubmit(input: $input) {
      report {
        id
        trackingNumber
        title
        statusLabel
      }
      accessCode
      errors {
        field
        code
        message
      }
    }
  }
`);

/** `cookie: true`: the report's token goes into the HttpOnly session cookie, never to this script. */
export const ReporterFollow = graphql(`
  mutation ReporterFollow($input: ReportAccessTokenCreateInput!) {
    reportAccessTokenCreate(input: $input) {
      expiresAt
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

export const ReporterMyReports = graphql(`
  query ReporterMyReports($first: Int!, $after: String) {
    reports(filter: { mine: true }, first: $first, after: $after) {
      edges {
        node {
          id
          trackingNumber
          title
          classification
          status
          statusLabel
          stage {
            code
            label
          }
          agency {
            id
            name
          }
          createdAt
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
