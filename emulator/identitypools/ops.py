"""cognito-identity operations register here as the identity-pool issue builds them."""
