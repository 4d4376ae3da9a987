"""Third-party identity providers of a user pool: their stored configuration (``providers``),
how their ProviderDetails are checked and completed per type (``details``), and users linked to
identities at those providers (``linking``). The hosted UI's federation uses these functions."""
