"""Business rules of lapor-gql: commands and visibility-aware queries, free of GraphQL."""
