// AWS SDK for JavaScript v3 (@aws-sdk/client-cognito-identity-provider) against the emulator.
// Usage: node sdk_v3_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ..., "clientId": ..., ...}'

import {
  AdminGetUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';

import { jwtPayload, main, sdkClient } from './common.mjs';

const MODELED = { NotAuthorizedException, ResourceNotFoundException, UserNotFoundException };

// The error as the SDK exposes it, plus whether it is an instance of the modeled exception class.
async function sdkError(fn) {
  try {
    const value = await fn();
    return { succeeded: true, value };
  } catch (error) {
    return {
      succeeded: false,
      name: error.name,
      message: error.message,
      status: error.$metadata?.httpStatusCode,
      requestId: error.$metadata?.requestId,
      fault: error.$fault,
      modeled: MODELED[error.name] !== undefined && error instanceof MODELED[error.name],
    };
  }
}

const scenarios = {
  async password_auth(args) {
    const client = sdkClient(args.url);
    const signIn = await client.send(new InitiateAuthCommand({
      ClientId: args.clientId, AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: args.username, PASSWORD: args.password },
    }));
    const result = signIn.AuthenticationResult;
    const user = await client.send(new GetUserCommand({ AccessToken: result.AccessToken }));
    // A signed (SigV4, dummy credentials) admin call goes through too.
    const admin = await client.send(new AdminGetUserCommand({ UserPoolId: args.userPoolId, Username: args.username }));
    return {
      signIn: {
        tokenType: result.TokenType,
        expiresIn: result.ExpiresIn,
        hasRefreshToken: Boolean(result.RefreshToken),
        idPayload: jwtPayload(result.IdToken),
        accessPayload: jwtPayload(result.AccessToken),
        status: signIn.$metadata.httpStatusCode,
        requestId: signIn.$metadata.requestId,
      },
      getUser: {
        username: user.Username,
        attributes: Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value])),
      },
      adminGetUser: {
        username: admin.Username,
        status: admin.UserStatus,
        enabled: admin.Enabled,
        createDateIsDate: admin.UserCreateDate instanceof Date,
        createDate: admin.UserCreateDate?.toISOString(),
      },
    };
  },

  async errors(args) {
    const client = sdkClient(args.url);
    const auth = (clientId, username, password) => client.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    return {
      wrongPassword: await sdkError(() => auth(args.clientId, args.username, args.wrongPassword)),
      unknownClient: await sdkError(() => auth('1234567890abcdefghijklmnop', args.username, args.wrongPassword)),
      badAccessToken: await sdkError(() => client.send(new GetUserCommand({ AccessToken: 'not.a.token' }))),
      unknownUser: await sdkError(() => client.send(new AdminGetUserCommand({
        UserPoolId: args.userPoolId, Username: 'nobody-here',
      }))),
    };
  },
};

await main(scenarios);
