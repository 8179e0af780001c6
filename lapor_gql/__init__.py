"""lapor-gql: a GraphQL backend for public complaint handling (SP4N-LAPOR!)."""
