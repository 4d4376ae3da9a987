"""Sign-up, confirmation with the code from the outbox, sign-in: the README's example."""

from __future__ import annotations

from typing import Any

POOL, CLIENT = "us-east-1_localdemo", "localdemoclient"


def test_sign_up_confirm_sign_in(cognito: Any) -> None:
    cognito.idp.sign_up(ClientId=CLIENT, Username="alice", Password="Passw0rd!",
                        UserAttributes=[{"Name": "email", "Value": "alice@example.com"}])
    code = cognito.last_code(POOL, "alice")
    cognito.idp.confirm_sign_up(ClientId=CLIENT, Username="alice", ConfirmationCode=code)
    tokens = cognito.idp.initiate_auth(ClientId=CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                                       AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!"})
    assert tokens["AuthenticationResult"]["AccessToken"]


def test_the_demo_user_signs_in(cognito: Any) -> None:
    tokens = cognito.idp.initiate_auth(ClientId=CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                                       AuthParameters={"USERNAME": "demo", "PASSWORD": "Passw0rd!"})
    assert tokens["AuthenticationResult"]["IdToken"]


def test_messages_are_the_outbox(cognito: Any) -> None:
    cognito.idp.sign_up(ClientId=CLIENT, Username="bob", Password="Passw0rd!",
                        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
    cognito.idp.resend_confirmation_code(ClientId=CLIENT, Username="bob")
    messages = cognito.messages(POOL, "bob")
    assert [message["purpose"] for message in messages] == ["SIGN_UP", "SIGN_UP"]
    assert messages[-1]["destination"] == "bob@example.com"
    assert cognito.last_code(POOL, "bob") == messages[-1]["code"]
