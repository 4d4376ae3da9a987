"""cognito-identity: identity pools, identities and credentials (built by the identity-pool issue)."""
