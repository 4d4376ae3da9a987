"""OAuth 2.0 / OIDC behind a pool's domain (hosted-ui.md §1): scopes, authorization codes, the
hosted-UI session, the grants of ``/oauth2/token``, and the hosted sign-in steps. The HTTP
endpoints are in ``emulator/oauth``, the pages in ``emulator/hosted``."""
