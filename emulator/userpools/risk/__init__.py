"""Threat protection that behaves: adaptive authentication (account-takeover risk), compromised
credentials and the IP exceptions of SetRiskConfiguration, for pools whose
``UserPoolAddOns.AdvancedSecurityMode`` is AUDIT (scored and recorded only) or ENFORCED (the
configured actions apply).

There is no risk engine here: a sign-in is scored only when a tester scheduled a level for it
(``POST /_emulator/risk``, ``schedule``), and a password is compromised when it is on the small
built-in list or a tester registered it (``compromised``). The sign-in pipeline asks ``assess``
once the password is proved (``auth/pipeline.after_password``); InitiateAuth asks
``refuse_blocked_ip`` before anything else; SignUp, ChangePassword and ConfirmForgotPassword ask
``check_new_password``."""
