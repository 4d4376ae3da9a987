"""A rich seed for the export round-trip tests (unit and e2e): a pool with policies,
custom attributes, MFA, Lambda triggers, a domain and tags; several clients (one with a
secret, one OAuth); groups; users in every status, one disabled and one with TOTP; a pool
that signs in by email; an identity pool trusting the first pool."""

from __future__ import annotations

from typing import Any

REGION = "us-east-1"
POOL_ID = f"{REGION}_RichPool1"
EMAIL_POOL_ID = f"{REGION}_EmailPool"
WEB_CLIENT = "richwebclient"
SERVER_CLIENT = "richserverclient"
SERVER_SECRET = "richserversecret00000000000000000000000000000000000"
EMAIL_CLIENT = "emailwebclient"
PASSWORD = "Orig1nal-pass!"
TEMPORARY_PASSWORD = "Temp0rary-pass!"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW"
EMAIL_USER = "sam@example.com"
LAMBDA = f"arn:aws:lambda:{REGION}:123456789012:function:"
ALL_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
             "ALLOW_ADMIN_USER_PASSWORD_AUTH"]
SMS = {"SnsCallerArn": "arn:aws:iam::123456789012:role/cognito-sms", "ExternalId": "local"}


def rich_seed() -> dict[str, Any]:
    return {
        "UserPools": [
            {
                "Id": POOL_ID,
                "PoolName": "rich",
                "Policies": {"PasswordPolicy": {"MinimumLength": 10, "RequireUppercase": True,
                                                "RequireNumbers": True, "TemporaryPasswordValidityDays": 3}},
                "DeletionProtection": "ACTIVE",
                "LambdaConfig": {"PreSignUp": f"{LAMBDA}pre-sign-up",
                                 "PreTokenGenerationConfig": {"LambdaVersion": "V2_0",
                                                              "LambdaArn": f"{LAMBDA}pre-token"}},
                "AutoVerifiedAttributes": ["email"],
                "AliasAttributes": ["email", "preferred_username"],
                "SmsConfiguration": SMS,
                "SmsAuthenticationMessage": "Your sign-in code is {####}",
                "EmailVerificationSubject": "Verify your email",
                "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
                "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
                "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": True,
                                        "DeviceOnlyRememberedOnUserPrompt": True},
                "UsernameConfiguration": {"CaseSensitive": False},
                "Schema": [
                    {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
                    {"Name": "name", "AttributeDataType": "String", "Mutable": False},
                    {"Name": "tenant", "AttributeDataType": "String", "Mutable": False,
                     "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"}},
                    {"Name": "twenty_characters_xx", "AttributeDataType": "Number",
                     "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "100"}},
                    {"Name": "joined", "AttributeDataType": "DateTime"},
                    {"Name": "internal", "AttributeDataType": "Boolean", "DeveloperOnlyAttribute": True},
                ],
                "UserPoolTags": {"team": "auth", "env": "local"},
                "MfaConfig": {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": True},
                              "SmsMfaConfiguration": {"SmsConfiguration": SMS}},
                "Domain": "rich-app",
                "ResourceServers": [{"Identifier": "https://api.rich.example", "Name": "rich api",
                                     "Scopes": [{"ScopeName": "orders.read", "ScopeDescription": "Read orders"}]}],
                "Clients": [
                    {"ClientId": WEB_CLIENT, "ClientName": "web", "ExplicitAuthFlows": ALL_FLOWS,
                     "AccessTokenValidity": 30, "IdTokenValidity": 30, "RefreshTokenValidity": 7,
                     "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
                     "ReadAttributes": ["email", "name", "custom:tenant"], "WriteAttributes": ["email"],
                     "PreventUserExistenceErrors": "ENABLED"},
                    {"ClientId": SERVER_CLIENT, "ClientSecret": SERVER_SECRET, "ClientName": "server",
                     "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                                           "ALLOW_REFRESH_TOKEN_AUTH"], "EnableTokenRevocation": False},
                    {"ClientId": "richoauthclient", "ClientName": "hosted-ui", "AllowedOAuthFlows": ["code"],
                     "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthScopes": ["openid", "email", "https://api.rich.example/orders.read"],
                     "CallbackURLs": ["http://localhost:3000/callback"], "LogoutURLs": ["http://localhost:3000/"],
                     "SupportedIdentityProviders": ["COGNITO"], "DefaultRedirectURI": "http://localhost:3000/callback"},
                ],
                "Groups": [
                    {"GroupName": "admins", "Description": "Administrators", "Precedence": 1,
                     "RoleArn": "arn:aws:iam::123456789012:role/admins"},
                    {"GroupName": "readers"},
                ],
                "Users": [
                    {"Username": "alice", "Password": PASSWORD, "Groups": ["admins", "readers"],
                     "Attributes": {"email": "alice@example.com", "email_verified": "true", "name": "Alice",
                                    "custom:tenant": "acme", "custom:twenty_characters_xx": "42",
                                    "preferred_username": "ali"}},
                    {"Username": "bob", "Password": TEMPORARY_PASSWORD, "Status": "FORCE_CHANGE_PASSWORD",
                     "Attributes": {"email": "bob@example.com"}},
                    {"Username": "carol", "Password": PASSWORD, "Status": "UNCONFIRMED",
                     "Attributes": {"email": "carol@example.com"}},
                    {"Username": "dave", "Password": PASSWORD, "Status": "RESET_REQUIRED",
                     "Attributes": {"email": "dave@example.com", "email_verified": "true"}},
                    {"Username": "erin", "Password": PASSWORD, "Enabled": False,
                     "Attributes": {"email": "erin@example.com"}, "Groups": ["readers"]},
                    {"Username": "tom", "Password": PASSWORD, "Sub": "0f8fad5b-d9cb-469f-a165-70867728950e",
                     "Attributes": {"email": "tom@example.com", "phone_number": "+15555550100"},
                     "Mfa": {"TotpSecret": TOTP_SECRET, "TotpDeviceName": "phone", "TotpEnabled": True,
                             "SmsEnabled": True, "Preferred": "SOFTWARE_TOKEN_MFA"}},
                ],
            },
            {
                "Id": EMAIL_POOL_ID,
                "PoolName": "by-email",
                "UsernameAttributes": ["email"],
                "Clients": [{"ClientId": EMAIL_CLIENT, "ClientName": "web", "ExplicitAuthFlows": ALL_FLOWS}],
                "Users": [{"Username": EMAIL_USER, "Password": PASSWORD,
                           "Attributes": {"email_verified": "true"}}],
            },
        ],
        "IdentityPools": [
            {"IdentityPoolId": f"{REGION}:11111111-2222-4333-8444-555555555555", "IdentityPoolName": "rich ids",
             "AllowUnauthenticatedIdentities": True, "AllowClassicFlow": False,
             "SupportedLoginProviders": {"accounts.google.com": "google-client-id"},
             "CognitoIdentityProviders": [{"ProviderName": f"cognito-idp.{REGION}.amazonaws.com/{POOL_ID}",
                                           "ClientId": WEB_CLIENT, "ServerSideTokenCheck": True}],
             "IdentityPoolTags": {"team": "auth"},
             "Roles": {"authenticated": "arn:aws:iam::123456789012:role/auth",
                       "unauthenticated": "arn:aws:iam::123456789012:role/unauth"},
             "RoleMappings": {f"cognito-idp.{REGION}.amazonaws.com/{POOL_ID}:{WEB_CLIENT}": {
                 "Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}}},
        ],
    }
