"""User import jobs: CSV files of users, uploaded to a pre-signed URL and imported into a pool."""
