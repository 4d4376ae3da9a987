"""The domain rules behind the stored-configuration operations: provider details per type,
the hosted UI's CSS and logo rules, branding lookup, linking, and the config part's cascades."""

from __future__ import annotations

import base64

import pytest

from emulator.state.journal import Journal, Tracker
from emulator.userpools.config import branding
from emulator.userpools.config.model import ALL_CLIENTS, ManagedLoginBranding, Terms, UICustomization
from emulator.userpools.config.store import PoolConfigStore, key
from emulator.userpools.federation import details
from emulator.userpools.federation.linking import identities_of, link, linked_user, rebuild_links, unlink
from emulator.userpools.federation.providers import IdentityProvider, provider_with_identifier, unknown_providers
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User
from emulator.wire.errors import InvalidParameterException

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 4).decode()


def test_facebook_details_follow_the_api_version() -> None:
    filled = details.completed("Facebook", {"client_id": "1", "client_secret": "s", "authorize_scopes": "email",
                                            "api_version": "v19.0"}, None)
    assert filled["authorize_url"] == "https://www.facebook.com/v19.0/dialog/oauth"
    assert filled["token_request_method"] == "GET"


def test_completion_is_idempotent_so_an_export_loads_back_the_same() -> None:
    given = {"client_id": "a", "client_secret": "b", "authorize_scopes": "openid"}
    once = details.completed("Google", given, None)
    assert details.completed("Google", once, None) == once


def test_oidc_discovery_fills_only_what_is_missing() -> None:
    given = {"client_id": "a", "attributes_request_method": "GET", "oidc_issuer": "https://idp.example.com",
             "authorize_scopes": "openid", "token_url": "https://mine.example.com/token"}
    discovery = {"authorization_endpoint": "https://idp.example.com/auth", "token_endpoint": "https://other/token",
                 "jwks_uri": "https://idp.example.com/jwks", "userinfo_endpoint": "https://idp.example.com/me"}
    filled = details.completed("OIDC", given, discovery)
    assert filled["token_url"] == "https://mine.example.com/token"
    assert filled["authorize_url"] == "https://idp.example.com/auth"
    assert details.needs_discovery("OIDC", given) and not details.needs_discovery("OIDC", filled)


@pytest.mark.parametrize("scopes", ["email profile", ""])
def test_oidc_needs_the_openid_scope(scopes: str) -> None:
    with pytest.raises(InvalidParameterException):
        details.check_details("OIDC", {"client_id": "a", "attributes_request_method": "GET",
                                       "oidc_issuer": "https://idp.example.com", "authorize_scopes": scopes})


def test_css_rules() -> None:
    branding.check_css("/* brand */ .banner-customizable, .label-customizable { color: #000 }")
    for bad in (".banner-customizable { color: red", "div.banner-customizable {}", "* {}"):
        with pytest.raises(InvalidParameterException):
            branding.check_css(bad)


def test_logo_type_comes_from_the_bytes() -> None:
    assert branding.image_type(PNG) == "png"
    assert branding.image_type(base64.b64encode(b"\xff\xd8\xff\xdb").decode()) == "jpeg"


def _store() -> tuple[PoolConfigStore, Journal]:
    journal = Journal()
    return PoolConfigStore(Tracker(journal)), journal


def test_branding_for_prefers_the_client_then_all_then_the_managed_style() -> None:
    config, _ = _store()
    assert branding.branding_for(config, "p_1", "c1") == branding.Branding()
    style = ManagedLoginBranding("b1", "p_1", "c1", 0, 0, assets=[
        {"Category": "PAGE_HEADER_LOGO", "ColorMode": "LIGHT", "Extension": "SVG", "Bytes": PNG}])
    config.branding[key("p_1", "b1")] = style
    assert branding.branding_for(config, "p_1", "c1").logo_type == "svg"
    config.ui[key("p_1", ALL_CLIENTS)] = UICustomization("p_1", ALL_CLIENTS, 0, 0, css=".logo-customizable {}")
    assert branding.branding_for(config, "p_1", "c1").css == ".logo-customizable {}"
    config.ui[key("p_1", "c1")] = UICustomization("p_1", "c1", 0, 0, image=PNG, image_type="png")
    own = branding.branding_for(config, "p_1", "c1")
    assert own.css is None and own.logo is not None and own.logo.startswith(b"\x89PNG")


def test_deleting_a_pool_or_client_takes_their_records() -> None:
    config, journal = _store()
    config.ui[key("p_1", "c1")] = UICustomization("p_1", "c1", 0, 0)
    config.terms[key("p_1", "t1")] = Terms("t1", "p_1", "c2", "terms-of-use", "LINK", "NONE", {}, 0, 0)
    config.terms[key("p_10", "t2")] = Terms("t2", "p_10", "c1", "terms-of-use", "LINK", "NONE", {}, 0, 0)
    journal.drain()
    config.forget_client("p_1", "c1")
    assert key("p_1", "c1") not in config.ui and key("p_1", "t1") in config.terms
    assert journal.drain().deletes == [("ui_customization", key("p_1", "c1"))]
    config.forget_pool("p_1")
    assert list(config.terms) == [key("p_10", "t2")]
    assert ("terms", "p_1/") in journal.drain().prefix_deletes


def _pool() -> UserPool:
    pool = UserPool("us-east-1_x", "p", "arn", 0, 0)
    pool.identity_providers["Google"] = IdentityProvider("Google", "Google", {}, 0, 0, idp_identifiers=["gmail"])
    return pool


def test_provider_lookups() -> None:
    pool = _pool()
    assert provider_with_identifier(pool, "gmail") is pool.identity_providers["Google"]
    assert provider_with_identifier(pool, "other") is None
    assert unknown_providers(pool, ["COGNITO", "Google", "Okta"]) == ["Okta"]


def test_links_are_found_unlinked_and_rebuilt() -> None:
    pool = _pool()
    user = User("alice", "sub-1", {"sub": "sub-1"}, "CONFIRMED", 0, 0)
    pool.users.add(user)
    link(pool, user, pool.identity_providers["Google"], "42", 1.5)
    assert linked_user(pool, "Google", "42") is user
    assert identities_of(user)[0]["dateCreated"] == 1500
    pool.federated_links.clear()
    rebuild_links(pool)
    assert linked_user(pool, "Google", "42") is user
    unlink(pool, user, "Google", "42", 2.0)
    assert linked_user(pool, "Google", "42") is None and "identities" not in user.attributes
