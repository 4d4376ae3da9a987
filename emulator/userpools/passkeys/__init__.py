"""Passkeys (WebAuthn): the credential record, the pool's relying party, and the two ceremonies
(registration and assertion), verified by py_webauthn."""
