"""The HTTP endpoints of a pool's domain, served at the emulator's root (hosted-ui.md §1):
``/oauth2/authorize``, ``/oauth2/token``, ``/oauth2/revoke``, ``/oauth2/userInfo``, ``/logout``,
``/error``. The pool is found from ``client_id`` (or, for userInfo, from the token)."""
