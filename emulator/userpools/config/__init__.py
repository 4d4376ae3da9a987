"""Configuration a user pool keeps beside its users and clients: hosted-UI customization,
managed-login branding, terms documents, client-metadata-document policies, threat protection,
log delivery, replicas, point-in-time recoveries, and the account's provisioned limits.

One state part (``store.PoolConfigStore``) owns them, so reset, snapshots, the state dir and the
export cover them; a deleted pool or client takes its records with it."""
