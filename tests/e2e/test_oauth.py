"""The OAuth endpoints with a browser-like HTTP client (requests): authorize -> /login -> code ->
/oauth2/token, refresh, implicit, the session cookie, /logout, userInfo, revoke, client
credentials, and every refusal, as AWS answers them (hosted-ui.md §1)."""

from __future__ import annotations

import base64
import time
from typing import Any

import jwt
import pytest
import requests

from tests.e2e.oauth_helpers import (
    CALLBACK,
    LOGOUT,
    OAuthPool,
    authorize_url,
    code_from,
    fragment_of,
    oauth_pool,
    pkce_pair,
    query_of,
    sign_in,
)
from tests.e2e.server import RunningEmulator


@pytest.fixture
def setup(idp: Any, pool: dict[str, Any]) -> OAuthPool:
    return oauth_pool(idp, pool)


def claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def exchange(base: str, client_id: str, code: str, verifier: str | None = None, **extra: str) -> requests.Response:
    form = {"grant_type": "authorization_code", "client_id": client_id, "code": code, "redirect_uri": CALLBACK}
    if verifier:
        form["code_verifier"] = verifier
    return requests.post(f"{base}/oauth2/token", data={**form, **extra})


def test_code_flow_with_pkce_gives_oauth_tokens(emulator: RunningEmulator, idp: Any, setup: OAuthPool) -> None:
    base, browser = emulator.url, requests.Session()
    verifier, challenge = pkce_pair()
    url = authorize_url(base, setup.web["ClientId"], scope="openid email aws.cognito.signin.user.admin",
                        state="st4te", nonce="n0nce", code_challenge=challenge, code_challenge_method="S256")
    answer = sign_in(browser, base, url, setup.username)
    assert query_of(answer.headers["location"])["state"] == "st4te"
    response = exchange(base, setup.web["ClientId"], code_from(answer), verifier)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    tokens = response.json()
    assert set(tokens) == {"access_token", "id_token", "refresh_token", "token_type", "expires_in"}
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600
    access, id_claims = claims(tokens["access_token"]), claims(tokens["id_token"])
    assert access["scope"] == "openid email aws.cognito.signin.user.admin" and access["version"] == 2
    assert access["username"] == setup.username and access["token_use"] == "access"
    assert id_claims["nonce"] == "n0nce" and len(id_claims["at_hash"]) == 22
    assert id_claims["email"] == f"{setup.username}@example.com" and id_claims["email_verified"] is True
    # The API accepts OAuth tokens: GetUser with the admin scope, refresh through GetTokensFromRefreshToken.
    assert idp.get_user(AccessToken=tokens["access_token"])["Username"] == setup.username
    refreshed = idp.get_tokens_from_refresh_token(RefreshToken=tokens["refresh_token"],
                                                  ClientId=setup.web["ClientId"])["AuthenticationResult"]
    assert claims(refreshed["AccessToken"])["scope"] == access["scope"]


def test_refresh_grant_and_userinfo_and_revoke(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, browser = emulator.url, requests.Session()
    url = authorize_url(base, setup.web["ClientId"], scope="openid email")
    tokens = exchange(base, setup.web["ClientId"], code_from(sign_in(browser, base, url, setup.username))).json()
    info = requests.get(f"{base}/oauth2/userInfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert info.status_code == 200
    assert info.json() == {"sub": claims(tokens["id_token"])["sub"], "email": f"{setup.username}@example.com",
                           "email_verified": "true", "username": setup.username}
    form = {"grant_type": "refresh_token", "client_id": setup.web["ClientId"], "refresh_token": tokens["refresh_token"]}
    refreshed = requests.post(f"{base}/oauth2/token", data=form)
    assert refreshed.status_code == 200 and set(refreshed.json()) == {"access_token", "id_token", "token_type",
                                                                        "expires_in"}
    posted = requests.post(f"{base}/oauth2/userInfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert posted.status_code == 200 and posted.json() == info.json()
    no_token = requests.get(f"{base}/oauth2/userInfo")
    assert no_token.status_code == 400 and 'error="invalid_request"' in no_token.headers["www-authenticate"]
    confidential = setup.confidential
    wrong_secret = requests.post(f"{base}/oauth2/revoke", auth=(confidential["ClientId"], "nope"),
                                 data={"token": tokens["refresh_token"]})
    assert wrong_secret.status_code == 401 and wrong_secret.json() == {"error": "invalid_client"}
    not_refresh = requests.post(f"{base}/oauth2/revoke", data={"token": tokens["access_token"],
                                                               "client_id": setup.web["ClientId"]})
    assert not_refresh.status_code == 400 and not_refresh.json() == {"error": "unsupported_token_type"}
    revoked = requests.post(f"{base}/oauth2/revoke", data={"token": tokens["refresh_token"],
                                                           "client_id": setup.web["ClientId"]})
    assert revoked.status_code == 200 and revoked.text == ""
    again = requests.post(f"{base}/oauth2/token", data=form)
    assert again.status_code == 400 and again.json() == {"error": "invalid_grant"}
    gone = requests.get(f"{base}/oauth2/userInfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert gone.status_code == 401 and 'error="invalid_token"' in gone.headers["www-authenticate"]


def test_confidential_client_basic_and_post_auth(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, client = emulator.url, setup.confidential
    url = authorize_url(base, client["ClientId"], scope="openid")
    basic = base64.b64encode(f"{client['ClientId']}:{client['ClientSecret']}".encode()).decode()
    code = code_from(sign_in(requests.Session(), base, url, setup.username))
    by_basic = requests.post(f"{base}/oauth2/token", headers={"Authorization": f"Basic {basic}"}, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK})
    assert by_basic.status_code == 200, by_basic.text
    code = code_from(sign_in(requests.Session(), base, url, setup.username))
    assert exchange(base, client["ClientId"], code, client_secret=client["ClientSecret"]).status_code == 200
    code = code_from(sign_in(requests.Session(), base, url, setup.username))
    wrong = exchange(base, client["ClientId"], code, client_secret="not-the-secret")
    assert wrong.status_code == 400 and wrong.json() == {"error": "invalid_client"}
    code = code_from(sign_in(requests.Session(), base, url, setup.username))
    assert exchange(base, client["ClientId"], code).json() == {"error": "invalid_client"}  # no secret sent


def test_code_refusals(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, client_id = emulator.url, setup.web["ClientId"]
    verifier, challenge = pkce_pair()
    url = authorize_url(base, client_id, code_challenge=challenge, code_challenge_method="S256")
    code = code_from(sign_in(requests.Session(), base, url, setup.username))
    assert exchange(base, client_id, code, "w" * 64).json() == {"error": "invalid_grant"}  # PKCE mismatch
    assert exchange(base, client_id, code, verifier).json() == {"error": "invalid_grant"}  # spent by the try
    code = code_from(sign_in(requests.Session(), base, url, setup.username))
    assert exchange(base, client_id, code).json() == {"error": "invalid_grant"}  # verifier missing
    code = code_from(sign_in(requests.Session(), base, url, setup.username))
    assert exchange(base, client_id, code, verifier).status_code == 200
    assert exchange(base, client_id, code, verifier).json() == {"error": "invalid_grant"}  # reused
    code = code_from(sign_in(requests.Session(), base, authorize_url(base, client_id), setup.username))
    other = exchange(base, client_id, code, redirect_uri="http://localhost:3000/other")
    assert other.json() == {"error": "invalid_grant"}  # redirect_uri differs from authorize's
    code = code_from(sign_in(requests.Session(), base, authorize_url(base, client_id), setup.username))
    assert exchange(base, setup.confidential["ClientId"], code,
                    client_secret=setup.confidential["ClientSecret"]).json() == {"error": "invalid_grant"}
    bad_grant = requests.post(f"{base}/oauth2/token", data={"grant_type": "password", "client_id": client_id})
    assert bad_grant.status_code == 400 and bad_grant.json() == {"error": "unsupported_grant_type"}
    as_json = requests.post(f"{base}/oauth2/token", json={"grant_type": "authorization_code"})
    assert as_json.json() == {"error": "invalid_request"}


def test_authorize_refusals(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, client_id = emulator.url, setup.web["ClientId"]

    def location(**params: str) -> str:
        response = requests.get(authorize_url(base, client_id, **params), allow_redirects=False)
        assert response.status_code == 302
        return str(response.headers["location"])

    mismatch = location(redirect_uri="http://localhost:3000/callback/")  # trailing slash counts
    assert mismatch == f"/error?error=redirect_mismatch&client_id={client_id}"
    page = requests.get(base + mismatch)
    assert page.status_code == 400 and "An error was encountered with the requested page." in page.text
    assert query_of(location(scope="openid nonsense", state="s")) == {"error": "invalid_scope", "state": "s"}
    assert query_of(location(scope="email"))["error"] == "invalid_scope"  # email needs openid
    assert query_of(location(code_challenge="abc", code_challenge_method="plain"))["error"] == "invalid_request"
    assert query_of(location(code_challenge="abc"))["error"] == "invalid_request"
    assert query_of(location(response_type="id_token"))["error"] == "unsupported_response_type"
    assert query_of(location(prompt="none"))["error"] == "login_required"
    assert location().startswith("/login?")
    m2m = requests.get(authorize_url(base, setup.service["ClientId"]), allow_redirects=False)
    assert m2m.headers["location"].startswith("/error?error=redirect_mismatch")
    unknown = requests.get(authorize_url(base, "nosuchclient"), allow_redirects=False)
    assert unknown.headers["location"] == "/error?error=invalid_request&client_id=nosuchclient"


def test_wrong_password_and_lockout_on_the_login_page(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base = emulator.url
    answer = sign_in(requests.Session(), base, authorize_url(base, setup.web["ClientId"]), setup.username, "Wrong1!x")
    assert answer.status_code == 400 and "Incorrect username or password." in answer.text
    line = (f"sign-in (password) refused for {setup.username} via {setup.web['ClientId']} (hosted UI): "
            "NotAuthorizedException: Incorrect username or password.")
    deadline = time.monotonic() + 5
    while line not in emulator.log and time.monotonic() < deadline:
        time.sleep(0.05)
    assert line in emulator.log
    for _ in range(5):
        answer = sign_in(requests.Session(), base, authorize_url(base, setup.web["ClientId"]), setup.username,
                         "Wrong1!x")
    assert "Password attempts exceeded" in answer.text


def test_session_cookie_prompt_and_logout(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, browser, client_id = emulator.url, requests.Session(), setup.web["ClientId"]
    code_from(sign_in(browser, base, authorize_url(base, client_id), setup.username))
    assert browser.cookies.get("cognito")
    again = browser.get(authorize_url(base, client_id, state="x"), allow_redirects=False)
    assert query_of(again.headers["location"])["code"]  # no password asked
    silent = browser.get(authorize_url(base, client_id, prompt="none"), allow_redirects=False)
    assert "code" in query_of(silent.headers["location"])
    forced = browser.get(authorize_url(base, client_id, prompt="login"), allow_redirects=False)
    assert forced.headers["location"].startswith("/login?")
    unregistered = browser.get(f"{base}/logout?client_id={client_id}&logout_uri=http://localhost:3000/elsewhere",
                               allow_redirects=False)
    assert unregistered.headers["location"].startswith("/error?error=Required+parameters+missing")
    out = browser.get(f"{base}/logout", params={"client_id": client_id, "logout_uri": LOGOUT}, allow_redirects=False)
    assert out.status_code == 302 and out.headers["location"] == LOGOUT
    after = browser.get(authorize_url(base, client_id, prompt="none"), allow_redirects=False)
    assert query_of(after.headers["location"])["error"] == "login_required"
    relogin = browser.get(f"{base}/logout", params={"client_id": client_id, "redirect_uri": CALLBACK,
                                                    "response_type": "code"}, allow_redirects=False)
    assert relogin.headers["location"].startswith("/login?")


def test_implicit_flow(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base = emulator.url
    url = authorize_url(base, setup.web["ClientId"], response_type="token", scope="openid", state="abc", nonce="nn")
    answer = sign_in(requests.Session(), base, url, setup.username)
    fragment = fragment_of(answer.headers["location"])
    assert set(fragment) == {"access_token", "id_token", "token_type", "expires_in", "state"}
    assert fragment["state"] == "abc" and fragment["token_type"] == "Bearer"
    assert claims(fragment["id_token"])["nonce"] == "nn"
    denied = requests.get(authorize_url(base, setup.confidential["ClientId"], response_type="token"),
                          allow_redirects=False)
    assert query_of(denied.headers["location"])["error"] == "unauthorized_client"


def test_client_credentials(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, service = emulator.url, setup.service
    basic = (service["ClientId"], service["ClientSecret"])
    response = requests.post(f"{base}/oauth2/token", auth=basic, data={"grant_type": "client_credentials"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type"}
    token = claims(body["access_token"])
    assert token["sub"] == token["client_id"] == service["ClientId"]
    assert token["scope"] == "https://api.example.com/read https://api.example.com/write"
    assert "username" not in token and token["token_use"] == "access"
    one = requests.post(f"{base}/oauth2/token", auth=basic,
                        data={"grant_type": "client_credentials", "scope": "https://api.example.com/read"})
    assert claims(one.json()["access_token"])["scope"] == "https://api.example.com/read"
    unknown = requests.post(f"{base}/oauth2/token", auth=basic,
                            data={"grant_type": "client_credentials", "scope": "https://api.example.com/delete"})
    assert unknown.status_code == 400 and unknown.json() == {"error": "invalid_scope"}
    wrong = requests.post(f"{base}/oauth2/token", auth=(service["ClientId"], "nope"),
                          data={"grant_type": "client_credentials"})
    assert wrong.json() == {"error": "invalid_client"}
    public = requests.post(f"{base}/oauth2/token", data={"grant_type": "client_credentials",
                                                         "client_id": setup.web["ClientId"]})
    assert public.json() == {"error": "unauthorized_client"}
    preflight = requests.options(f"{base}/oauth2/token", headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-amz-user-agent"})
    assert preflight.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_login_posts_from_another_site_are_refused(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base, browser = emulator.url, requests.Session()
    login = browser.get(authorize_url(base, setup.web["ClientId"]), allow_redirects=False).headers["location"]
    forged = browser.post(base + login, data={"username": setup.username, "password": "Passw0rd!"},
                          headers={"Origin": "https://evil.example.com"}, allow_redirects=False)
    assert forged.status_code == 400 and "Forms from another site are refused." in forged.text
    host = base.removeprefix("http://")
    same = browser.post(base + login, data={"username": setup.username, "password": "Passw0rd!"},
                        headers={"Origin": f"http://{host}"}, allow_redirects=False)
    assert same.status_code == 302 and "code=" in same.headers["location"]


def test_discovery_lists_what_is_served(emulator: RunningEmulator, setup: OAuthPool) -> None:
    base = emulator.url
    document = requests.get(f"{base}/{setup.pool_id}/.well-known/openid-configuration").json()
    assert document["issuer"] == f"{base}/{setup.pool_id}"
    assert document["authorization_endpoint"] == f"{base}/oauth2/authorize"
    assert document["token_endpoint"] == f"{base}/oauth2/token"
    assert document["userinfo_endpoint"] == f"{base}/oauth2/userInfo"
    assert document["revocation_endpoint"] == f"{base}/oauth2/revoke"
    assert "end_session_endpoint" not in document  # Cognito has no RP-initiated logout
    assert document["response_types_supported"] == ["code", "token"]
    assert requests.get(document["jwks_uri"]).json()["keys"]
    for endpoint in ("token_endpoint", "revocation_endpoint"):
        assert requests.post(document[endpoint], data={}).status_code == 400  # served: an OAuth error, not 404/405
    assert requests.get(document["userinfo_endpoint"]).status_code == 400
    assert requests.get(document["authorization_endpoint"], allow_redirects=False).status_code == 302


def test_a_pool_without_a_domain_has_no_oauth_endpoints(emulator: RunningEmulator, idp: Any,
                                                       pool: dict[str, Any]) -> None:
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"], CallbackURLs=[CALLBACK])["UserPoolClient"]
    answer = requests.get(authorize_url(emulator.url, client["ClientId"]), allow_redirects=False)
    assert answer.headers["location"].startswith("/error?error=invalid_request")
    token = requests.post(f"{emulator.url}/oauth2/token", data={"grant_type": "authorization_code",
                                                               "client_id": client["ClientId"], "code": "x"})
    assert token.json() == {"error": "invalid_client"}


def test_each_pool_keeps_its_own_session_in_one_browser(emulator: RunningEmulator, idp: Any, setup: OAuthPool
                                                        ) -> None:
    base, browser = emulator.url, requests.Session()
    other_pool = idp.create_user_pool(PoolName="second")["UserPool"]
    try:
        other = oauth_pool(idp, other_pool)
        code_from(sign_in(browser, base, authorize_url(base, setup.web["ClientId"]), setup.username))
        code_from(sign_in(browser, base, authorize_url(base, other.web["ClientId"]), other.username))
        browser.get(f"{base}/logout", params={"client_id": other.web["ClientId"], "logout_uri": LOGOUT},
                    allow_redirects=False)
        kept = browser.get(authorize_url(base, setup.web["ClientId"], prompt="none"), allow_redirects=False)
        assert "code" in query_of(kept.headers["location"])
        ended = browser.get(authorize_url(base, other.web["ClientId"], prompt="none"), allow_redirects=False)
        assert query_of(ended.headers["location"])["error"] == "login_required"
    finally:
        domain = idp.describe_user_pool(UserPoolId=other_pool["Id"])["UserPool"]["Domain"]
        idp.delete_user_pool_domain(UserPoolId=other_pool["Id"], Domain=domain)
        idp.delete_user_pool(UserPoolId=other_pool["Id"])
