"""Sign-in: auth flows, challenges, sessions, token issue, refresh and revocation."""
