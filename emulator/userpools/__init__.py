"""cognito-idp: user pools, their clients, groups, domains (and, as issues land, users and sign-in)."""
