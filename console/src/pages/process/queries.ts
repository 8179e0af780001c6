// The process page's GraphQL documents: deployed versions, one version's XML, the server's diff between
// two versions, validate and deploy of the working copy, and migration of running reports.
import { graphql } from '../../gql';

export const ProcessVersions = graphql(`
  query ProcessVersions($first: Int, $after: String) {
    processDefinitions(first: $first, after: $after) {
      edges {
        node {
          id
          processId
          version
          note
          sha256
          deployedAt
          deployedBy {
            id
            name
          }
          reportCount
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ProcessVersionSource = graphql(`
  query ProcessVersionSource($id: ID!) {
    processDefinition(id: $id) {
      id
      processId
      version
      bpmnXml
      decisionTables
    }
  }
`);

export const ProcessVersionDiff = graphql(`
  query ProcessVersionDiff($fromId: ID!, $toId: ID!) {
    processDefinitionDiff(fromId: $fromId, toId: $toId) {
      added {
        ...ProcessElementDiffFields
      }
      removed {
        ...ProcessElementDiffFields
      }
      changed {
        ...ProcessElementDiffFields
      }
    }
  }

  fragment ProcessElementDiffFields on ProcessElementDiff {
    elementId
    elementType
    name
    changes {
      what
      before
      after
    }
  }
`);

export const ProcessValidate = graphql(`
  mutation ProcessValidate($input: ProcessDefinitionValidateInput!) {
    processDefinitionValidate(input: $input) {
      valid
      problems {
        elementId
        message
        severity
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ProcessDeploy = graphql(`
  mutation ProcessDeploy($input: ProcessDefinitionDeployInput!) {
    processDefinitionDeploy(input: $input) {
      created
      processDefinition {
        id
        version
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ProcessMigrate = graphql(`
  mutation ProcessMigrate($input: ProcessInstancesMigrateInput!) {
    processInstancesMigrate(input: $input) {
      dryRun
      movedCount
      notMovedCount
      outcomes {
        reportId
        trackingNumber
        moved
        reason
        elementIds
        timers {
          elementId
          oldDueAt
          newDueAt
          countedFrom
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
