"""Domain records -> AWS-shaped output dicts (UserPoolType, UserPoolClientType, GroupType...)."""

from __future__ import annotations

from typing import Any

from emulator.userpools.model import Group, UserPool, UserPoolClient
from emulator.userpools.schema import schema_view
from emulator.userpools.settings import password_policy_view
from emulator.userpools.settings_shapes import to_shape
from emulator.userpools.store import UserPoolStore as Store


def user_pool_view(pool: UserPool, store: Store) -> dict[str, Any]:
    return user_pool_view_with_tags(pool, store.tags.get(pool.arn))


def user_pool_view_with_tags(pool: UserPool, tags: dict[str, str] | None) -> dict[str, Any]:
    """UserPoolType, given the pool's tags (the seed export has no Store to read them from)."""
    config = pool.config
    view: dict[str, Any] = {
        "Id": pool.id,
        "Name": pool.name,
        "Policies": {
            "PasswordPolicy": password_policy_view(pool.password_policy),
            "SignInPolicy": config.get("SignInPolicy"),
        },
        "DeletionProtection": pool.deletion_protection,
        "LambdaConfig": config.get("LambdaConfig"),
        "LastModifiedDate": pool.modified,
        "CreationDate": pool.created,
        "SchemaAttributes": [schema_view(a) for a in pool.schema.values()],
        "AutoVerifiedAttributes": pool.auto_verified_attributes or None,
        "AliasAttributes": pool.alias_attributes or None,
        "UsernameAttributes": pool.username_attributes or None,
        "MfaConfiguration": pool.mfa_configuration,
        "EstimatedNumberOfUsers": len(pool.users),
        "UserPoolTags": tags or None,
        "Domain": pool.domain,
        "CustomDomain": pool.custom_domain,
        "Arn": pool.arn,
        "UserPoolTier": pool.tier,
    }
    if pool.case_sensitive is not None:
        view["UsernameConfiguration"] = {"CaseSensitive": pool.case_sensitive}
    view.update({
        "SmsVerificationMessage": pool.sms_verification_message,
        "EmailVerificationMessage": pool.email_verification_message,
        "EmailVerificationSubject": pool.email_verification_subject,
        "VerificationMessageTemplate": to_shape(pool.verification_message_template),
        "SmsAuthenticationMessage": pool.sms_authentication_message,
        "UserAttributeUpdateSettings": to_shape(pool.user_attribute_update_settings),
        "DeviceConfiguration": to_shape(pool.device_configuration),
        "EmailConfiguration": to_shape(pool.email_configuration),
        "SmsConfiguration": pool.sms_configuration,
        "AdminCreateUserConfig": to_shape(pool.admin_create_user),
        "UserPoolAddOns": config.get("UserPoolAddOns"),
        "AccountRecoverySetting": config.get("AccountRecoverySetting"),
    })
    return view


def user_pool_summary(pool: UserPool) -> dict[str, Any]:
    return {
        "Id": pool.id,
        "Name": pool.name,
        "LambdaConfig": pool.config.get("LambdaConfig", {}),
        "LastModifiedDate": pool.modified,
        "CreationDate": pool.created,
    }


def client_view(client: UserPoolClient) -> dict[str, Any]:
    validity = client.validity
    return {
        "UserPoolId": client.user_pool_id,
        "ClientName": client.name,
        "ClientId": client.client_id,
        "ClientSecret": client.secret,
        "LastModifiedDate": client.modified,
        "CreationDate": client.created,
        "RefreshTokenValidity": validity.refresh,
        "AccessTokenValidity": validity.access,
        "IdTokenValidity": validity.id,
        "TokenValidityUnits": {
            "AccessToken": validity.access_unit,
            "IdToken": validity.id_unit,
            "RefreshToken": validity.refresh_unit,
        },
        "ReadAttributes": client.read_attributes,
        "WriteAttributes": client.write_attributes,
        "ExplicitAuthFlows": client.explicit_auth_flows,
        "SupportedIdentityProviders": client.supported_identity_providers,
        "CallbackURLs": client.callback_urls,
        "LogoutURLs": client.logout_urls,
        "DefaultRedirectURI": client.default_redirect_uri,
        "AllowedOAuthFlows": client.allowed_oauth_flows,
        "AllowedOAuthScopes": client.allowed_oauth_scopes,
        "AllowedOAuthFlowsUserPoolClient": client.allowed_oauth_flows_user_pool_client,
        "AnalyticsConfiguration": client.analytics_configuration,
        "PreventUserExistenceErrors": client.prevent_user_existence_errors,
        "EnableTokenRevocation": client.enable_token_revocation,
        "EnablePropagateAdditionalUserContextData": client.enable_propagate_user_context,
        "AuthSessionValidity": client.auth_session_validity,
        "RefreshTokenRotation": client.refresh_token_rotation,
    }


def group_view(group: Group) -> dict[str, Any]:
    return {
        "GroupName": group.name,
        "UserPoolId": group.user_pool_id,
        "Description": group.description,
        "RoleArn": group.role_arn,
        "Precedence": group.precedence,
        "LastModifiedDate": group.modified,
        "CreationDate": group.created,
    }
