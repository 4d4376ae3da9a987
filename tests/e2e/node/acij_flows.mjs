// amazon-cognito-identity-js against the emulator (endpoint override, Node's global fetch).
// Usage: node acij_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ..., "clientId": ..., ...}'

import acij from 'amazon-cognito-identity-js';

import { caught, describeError, inMemoryStorage, jwtPayload, main, sdkGetUser, sdkRefresh } from './common.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool, CognitoUserSession, CognitoIdToken,
  CognitoAccessToken, CognitoRefreshToken } = acij;

function pool(args, storage = inMemoryStorage()) {
  return new CognitoUserPool({
    UserPoolId: args.userPoolId, ClientId: args.clientId, endpoint: `${args.url}/`, Storage: storage,
  });
}

function user(args, userPool = pool(args)) {
  return new CognitoUser({ Username: args.username, Pool: userPool, Storage: userPool.storage });
}

// authenticateUser as a promise; challenges other than the ones handled are unexpected.
function authenticate(cognitoUser, username, password, { onNewPassword } = {}) {
  const details = new AuthenticationDetails({ Username: username, Password: password });
  return new Promise((resolve, reject) => {
    cognitoUser.authenticateUser(details, {
      onSuccess: (session) => resolve({ kind: 'success', session }),
      onFailure: (error) => reject(error),
      newPasswordRequired: (userAttributes, requiredAttributes) => {
        if (!onNewPassword) reject(new Error('unexpected NEW_PASSWORD_REQUIRED'));
        else resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes });
      },
      mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
      totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
      customChallenge: () => reject(new Error('unexpected CUSTOM_CHALLENGE')),
      mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
      selectMFAType: () => reject(new Error('unexpected SELECT_MFA_TYPE')),
    });
  });
}

function completeNewPassword(cognitoUser, newPassword, attributes) {
  return new Promise((resolve, reject) => {
    cognitoUser.completeNewPasswordChallenge(newPassword, attributes, {
      onSuccess: (session) => resolve(session),
      onFailure: (error) => reject(error),
      mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
      mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
      totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
    });
  });
}

const promised = (fn) => new Promise((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));

function tokens(session) {
  return {
    idToken: session.getIdToken().getJwtToken(),
    accessToken: session.getAccessToken().getJwtToken(),
    refreshToken: session.getRefreshToken().getToken(),
    valid: session.isValid(),
  };
}

function attributeMap(list) {
  return Object.fromEntries(list.map((attribute) => [attribute.getName(), attribute.getValue()]));
}

const scenarios = {
  // SRP sign-in, refresh, attributes, global sign-out, then the old access token is refused.
  async srp_lifecycle(args) {
    const cognitoUser = user(args);
    const signedIn = await authenticate(cognitoUser, args.username, args.password);
    const first = tokens(signedIn.session);
    const idPayload = jwtPayload(first.idToken);

    const attributes = attributeMap(await promised((cb) => cognitoUser.getUserAttributes(cb)));

    const refreshed = await promised((cb) => cognitoUser.refreshSession(signedIn.session.getRefreshToken(), cb));
    const second = tokens(refreshed);

    await new Promise((resolve, reject) => cognitoUser.globalSignOut({ onSuccess: resolve, onFailure: reject }));

    // A fresh CognitoUser carrying the (still unexpired) old session: the server must refuse it.
    const stale = user(args);
    stale.setSignInUserSession(new CognitoUserSession({
      IdToken: new CognitoIdToken({ IdToken: second.idToken }),
      AccessToken: new CognitoAccessToken({ AccessToken: second.accessToken }),
      RefreshToken: new CognitoRefreshToken({ RefreshToken: first.refreshToken }),
    }));
    const afterSignOut = await caught(() => promised((cb) => stale.getUserAttributes(cb)));
    const sdkAfterSignOut = await sdkGetUser(args.url, second.accessToken);
    // Not through acij's refreshSession: it retries any error for ~5 s (jittered back-off).
    const refreshAfterSignOut = await sdkRefresh(args.url, args.clientId, first.refreshToken);

    return {
      signIn: { ...first, idPayload, accessPayload: jwtPayload(first.accessToken) },
      attributes,
      refresh: {
        ...second,
        idPayload: jwtPayload(second.idToken),
        accessPayload: jwtPayload(second.accessToken),
      },
      afterSignOut: { getUserAttributes: afterSignOut, sdkGetUser: sdkAfterSignOut, refresh: refreshAfterSignOut },
    };
  },

  async wrong_password(args) {
    return { signIn: await caught(() => authenticate(user(args), args.username, args.password)) };
  },

  // AdminCreateUser with a temporary password: NEW_PASSWORD_REQUIRED -> completeNewPasswordChallenge.
  async new_password_required(args) {
    const cognitoUser = user(args);
    const challenge = await authenticate(cognitoUser, args.username, args.temporaryPassword, { onNewPassword: true });
    if (challenge.kind !== 'newPasswordRequired') {
      return { challenge: { kind: challenge.kind } };
    }
    const session = await completeNewPassword(cognitoUser, args.newPassword, args.requiredAttributes ?? {});
    const signedIn = tokens(session);
    // The new password now works for an ordinary SRP sign-in.
    const again = await authenticate(user(args), args.username, args.newPassword);
    return {
      challenge: {
        kind: challenge.kind,
        userAttributes: challenge.userAttributes,
        requiredAttributes: challenge.requiredAttributes,
      },
      completed: { ...signedIn, idPayload: jwtPayload(signedIn.idToken) },
      signInWithNewPassword: { idPayload: jwtPayload(again.session.getIdToken().getJwtToken()) },
    };
  },
};

process.on('unhandledRejection', (error) => {
  process.stdout.write(JSON.stringify({ ok: false, error: describeError(error) }) + '\n');
  process.exit(1);
});

await main(scenarios);
