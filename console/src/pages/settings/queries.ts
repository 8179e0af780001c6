// The viewer's own account (profile, password, sessions) and, for a liaison, the agency's profile.
import { graphql } from '../../gql';

export const SettingsAccountUpdate = graphql(`
  mutation SettingsAccountUpdate($input: AccountUpdateInput!) {
    accountUpdate(input: $input) {
      user {
        id
        name
        email
        phone
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SettingsPasswordChange = graphql(`
  mutation SettingsPasswordChange($input: PasswordChangeInput!) {
    passwordChange(input: $input) {
      user {
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

export const SettingsSessions = graphql(`
  query SettingsSessions {
    mySessions {
      id
      createdAt
      expiresAt
      isCurrent
    }
  }
`);

export const SettingsSessionRevoke = graphql(`
  mutation SettingsSessionRevoke($input: SessionRevokeInput!) {
    sessionRevoke(input: $input) {
      session {
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

export const SettingsAgencyProfile = graphql(`
  fragment SettingsAgencyProfile on Agency {
    id
    code
    name
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
  }
`);

export const SettingsAgency = graphql(`
  query SettingsAgency($id: ID!) {
    agency(id: $id) {
      ...SettingsAgencyProfile
    }
  }
`);

export const SettingsAgencyProfileUpdate = graphql(`
  mutation SettingsAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {
    agencyProfileUpdate(input: $input) {
      agency {
        ...SettingsAgencyProfile
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
