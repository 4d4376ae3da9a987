// amazon-cognito-identity-js with TOTP MFA: associateSoftwareToken / verifySoftwareToken /
// setUserMfaPreference while signed in, then authenticateUser -> totpRequired -> sendMFACode.
// Usage: node acij_mfa.mjs '{"scenario": "totp", "url": ..., "userPoolId": ..., "clientId": ..., ...}'

import acij from 'amazon-cognito-identity-js';

import { caught, inMemoryStorage, main } from './common.mjs';
import { totpCode, wrongCode } from './mfa_totp.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = acij;

function newUser(args) {
  const pool = new CognitoUserPool({
    UserPoolId: args.userPoolId, ClientId: args.clientId, endpoint: `${args.url}/`, Storage: inMemoryStorage(),
  });
  return new CognitoUser({ Username: args.username, Pool: pool, Storage: pool.storage });
}

// authenticateUser; resolves with what happened (tokens or the TOTP challenge).
function authenticate(cognitoUser, args) {
  const details = new AuthenticationDetails({ Username: args.username, Password: args.password });
  return new Promise((resolve, reject) => {
    cognitoUser.authenticateUser(details, {
      onSuccess: (session) => resolve({ kind: 'success', session }),
      onFailure: reject,
      totpRequired: (challengeName, challengeParameters) => resolve({ kind: challengeName, challengeParameters }),
      mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
      mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
      selectMFAType: () => reject(new Error('unexpected SELECT_MFA_TYPE')),
      newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
    });
  });
}

function sendTotp(cognitoUser, code) {
  return new Promise((resolve, reject) => {
    cognitoUser.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA');
  });
}

const scenarios = {
  async totp(args) {
    const first = newUser(args);
    const signedIn = await authenticate(first, args);
    if (signedIn.kind !== 'success') throw new Error(`expected tokens first, got ${signedIn.kind}`);
    const secret = await new Promise((resolve, reject) => {
      first.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
    });
    const code = await totpCode(args.url, secret);
    const wrongVerify = await caught(() => new Promise((resolve, reject) => {
      first.verifySoftwareToken(wrongCode(code), 'acij-device', { onSuccess: resolve, onFailure: reject });
    }));
    const verified = await new Promise((resolve, reject) => {
      first.verifySoftwareToken(code, 'acij-device', { onSuccess: resolve, onFailure: reject });
    });
    const preference = await new Promise((resolve, reject) => {
      first.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true },
        (error, result) => (error ? reject(error) : resolve(result)));
    });

    const second = newUser(args);
    const challenged = await authenticate(second, args);
    const next = await totpCode(args.url, secret, 1);
    const wrong = await caught(() => sendTotp(second, wrongCode(next)));
    const session = await sendTotp(second, next);
    return {
      secretLength: secret.length,
      wrongVerify,
      verified,
      preference,
      challenge: { kind: challenged.kind, parameters: challenged.challengeParameters },
      wrong,
      signedIn: { valid: session.isValid(), username: session.getAccessToken().payload.username },
    };
  },
};

await main(scenarios);
