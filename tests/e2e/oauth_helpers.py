"""A pool set up for the OAuth endpoints (domain, resource server, web / confidential / M2M
clients, a confirmed user) and a browser-like walk through authorize -> /login with requests."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

CALLBACK = "http://localhost:3000/callback"
LOGOUT = "http://localhost:3000/signed-out"
PASSWORD = "Passw0rd!"


@dataclass
class OAuthPool:
    pool_id: str
    web: dict[str, Any]  # public client: code + implicit
    confidential: dict[str, Any]  # secret client: code
    service: dict[str, Any]  # secret client: client_credentials
    username: str


def oauth_pool(idp: Any, pool: dict[str, Any], **client_extra: Any) -> OAuthPool:
    pool_id = pool["Id"]
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=f"d{uuid.uuid4().hex[:12]}")
    idp.create_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com", Name="api", Scopes=[
        {"ScopeName": "read", "ScopeDescription": "read"}, {"ScopeName": "write", "ScopeDescription": "write"}])
    user_flows = {"AllowedOAuthFlowsUserPoolClient": True, "CallbackURLs": [CALLBACK], "LogoutURLs": [LOGOUT],
                  "AllowedOAuthScopes": ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
                  "SupportedIdentityProviders": ["COGNITO"]}
    web = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web", AllowedOAuthFlows=["code", "implicit"],
                                      **{**user_flows, **client_extra})["UserPoolClient"]
    confidential = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="server", GenerateSecret=True,
                                               AllowedOAuthFlows=["code"], **user_flows)["UserPoolClient"]
    service = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="m2m", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["https://api.example.com/read", "https://api.example.com/write"])["UserPoolClient"]
    username = f"u{uuid.uuid4().hex[:8]}"
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": f"{username}@example.com"}, {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)
    return OAuthPool(pool_id, web, confidential, service, username)


def pkce_pair(verifier: str = "v" * 64) -> tuple[str, str]:
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_url(base: str, client_id: str, **params: str) -> str:
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": CALLBACK, **params}
    return f"{base}/oauth2/authorize?{urlencode(query)}"


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def fragment_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).fragment).items()}


def sign_in(browser: requests.Session, base: str, url: str, username: str, password: str = PASSWORD
            ) -> requests.Response:
    """GET authorize (-> /login), POST the form; returns the answer to the POST (not followed)."""
    first = browser.get(url, allow_redirects=False)
    assert first.status_code == 302, first.text
    login = first.headers["location"]
    assert login.startswith("/login?"), login
    page = browser.get(base + login)
    assert page.status_code == 200 and 'name="username"' in page.text
    return browser.post(base + login, data={"username": username, "password": password}, allow_redirects=False)


def code_from(response: requests.Response) -> str:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(CALLBACK), location
    return query_of(location)["code"]


def form_value(html: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert match, f"no {name} in the page"
    return match.group(1)
