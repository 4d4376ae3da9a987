"""The web dashboard at ``/_emulator/ui``: server-rendered pages over the emulator's state.

Reads and writes go through the same operation functions the API dispatches to (``api``), so a
change made here is validated, applied and made durable exactly like the same API call.
``routes.ui_routes`` is the one entry point; the app mounts it before its catch-all POST route.
"""
